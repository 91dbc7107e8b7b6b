// Ancrage — the map of France's départements as a Streamlit custom component.
// The SVG comes from Python (kg/app/france_map.py); a click on a département sends its INSEE
// code to Python as the trigger value "departement".
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".anc-map");
  if (!root) {
    root = document.createElement("div");
    root.className = "anc-map";
    parentElement.appendChild(root);
  }
  if (!data || !data.svg) return;
  if (root.__ancSig !== data.signature) {
    root.innerHTML = data.svg; // SVG built by Ancrage itself, every text escaped
    root.__ancSig = data.signature;
  }
  root.querySelectorAll("[data-code]").forEach((el) => {
    el.onclick = () => setTriggerValue("departement", el.getAttribute("data-code"));
  });
}
