// Ancrage — the network map as a Streamlit custom component (st.components.v2).
// VIS_SRC (vis-network, inlined by kg/app/components.py) is injected once as a classic script;
// network_common.js (search, relation filter, labels, path) is prepended by components.py.
// Nodes come placed (kg/app/network_view.layout): the drawing is the one the exports record.
// A click on a node sends its IRI to Python as the trigger value "selected".

function ensureVis() {
  if (window.vis && window.vis.Network) return;
  const s = document.createElement("script");
  s.textContent = VIS_SRC;
  document.head.appendChild(s);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  ensureVis();
  let tools = parentElement.querySelector(".anc-tools");
  if (!tools) {
    tools = document.createElement("div");
    tools.className = "anc-tools";
    parentElement.appendChild(tools);
  }
  let root = parentElement.querySelector(".anc-net");
  if (!root) {
    root = document.createElement("div");
    root.className = "anc-net";
    parentElement.appendChild(root);
  }
  if (!data || !data.nodes) return;
  root.style.height = (data.height || 600) + "px";
  if (root.__ancSig === data.signature && root.__ancNet) return;
  if (root.__ancNet) {
    root.__ancNet.destroy();
    root.__ancNet = null;
  }
  delete root.dataset.stabilized;
  const nodes = new window.vis.DataSet(data.nodes);
  const edges = new window.vis.DataSet(data.edges);
  const options = {
    nodes: { font: { size: 14 }, borderWidth: 1 },
    edges: { smooth: false },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false },
    physics: data.physics ? { stabilization: { iterations: 100 } } : false,
  };
  const network = new window.vis.Network(root, { nodes: nodes, edges: edges }, options);
  network.on("click", (params) => {
    if (params.nodes.length) setTriggerValue("selected", params.nodes[0]);
  });
  root.__ancNet = network;
  root.__ancSig = data.signature;
  root.dataset.signature = data.signature;
  root.dataset.nodes = String(data.nodes.length);
  const helper = ancrageEnhance(network, nodes, edges, data, root, tools);
  // for the browser tests and for users' own scripting
  window.ancrageNetwork = network;
  window.ancrageMap = { root: root, nodes: nodes, edges: edges, focusOn: helper.focusOn, search: helper.search };
  network.once("afterDrawing", () => { root.dataset.stabilized = "1"; });
  network.redraw();
}
