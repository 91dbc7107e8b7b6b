// Ancrage — keeps the address bar equal to the view the page just drew (kg/app/urlstate.py).
// Streamlit applies a query string set from Python only at the next interaction; this sets it
// now, so that the address a visitor copies always reopens what they see.
export default function (component) {
  const { data } = component;
  if (!data || typeof data.query !== "string") return;
  const wanted = data.query ? "?" + data.query : "";
  if (window.location.search !== wanted) {
    window.history.replaceState(window.history.state, "", window.location.pathname + wanted);
  }
}
