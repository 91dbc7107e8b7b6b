// Ancrage — the national map (HCTS, committees, flows) as a Streamlit custom component.
// The SVG comes from Python (kg/app/hcts_map.py). A click on a committee sends its IRI back as
// the trigger value "committee"; the PNG button draws the SVG on a canvas and downloads it
// (client-side, nothing fetched).
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".anc-hcts");
  if (!root) {
    root = document.createElement("div");
    root.className = "anc-hcts";
    const bar = document.createElement("div");
    bar.className = "anc-hcts-bar";
    const png = document.createElement("button");
    png.type = "button";
    png.className = "anc-hcts-png";
    bar.appendChild(png);
    const map = document.createElement("div");
    map.className = "anc-hcts-svg";
    root.appendChild(map);
    root.appendChild(bar);
    parentElement.appendChild(root);
    png.onclick = () => exportPng(root);
  }
  if (!data || !data.svg) return;
  root.__ancData = data;
  root.querySelector(".anc-hcts-png").textContent = data.png_label || "PNG";
  const map = root.querySelector(".anc-hcts-svg");
  if (root.__ancSig !== data.signature) {
    map.innerHTML = data.svg; // SVG built by Ancrage itself, every text escaped
    root.__ancSig = data.signature;
  }
  map.querySelectorAll("[data-committee]").forEach((el) => {
    el.onclick = () => setTriggerValue("committee", el.getAttribute("data-committee"));
  });
}

function exportPng(root) {
  const data = root.__ancData;
  const svg = root.querySelector(".anc-hcts-svg svg");
  if (!svg || !data) return;
  const vb = svg.viewBox.baseVal;
  const scale = 2;
  const width = Math.round(vb.width * scale), height = Math.round(vb.height * scale);
  const clone = svg.cloneNode(true);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.removeAttribute("style");
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml;charset=utf-8" }));
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, width, height);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = data.png_name || "ancrage-carte-nationale.png";
      document.body.appendChild(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, "image/png");
  };
  img.src = url;
}
