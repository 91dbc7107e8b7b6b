// Ancrage — draws the network of a self-contained HTML export (data in window.ANCRAGE_DATA), as
// placed in the explorer. A click on a node shows its card beside the drawing; the search, the
// relation filter, the labels and the path come from network_common.js. No external resource.
(function () {
  "use strict";
  var data = window.ANCRAGE_DATA;
  var container = document.getElementById("anc-network");
  var card = document.getElementById("anc-card");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var options = {
    nodes: { font: { size: 14 }, borderWidth: 1 },
    edges: { smooth: false },
    interaction: { hover: true, tooltipDelay: 150 },
    physics: data.physics ? { stabilization: { iterations: 100 } } : false,
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.ancrageNetwork = network;
  ancrageEnhance(network, nodes, edges, data, container, document.getElementById("anc-tools"));

  function line(label, value) {
    if (!value || (Array.isArray(value) && !value.length)) return;
    var p = document.createElement("p");
    var b = document.createElement("b");
    b.textContent = label + " : ";
    p.appendChild(b);
    p.appendChild(document.createTextNode(Array.isArray(value) ? value.join(", ") : String(value)));
    card.appendChild(p);
  }
  network.on("click", function (params) {
    if (!params.nodes.length) return;
    var n = nodes.get(params.nodes[0]);
    card.textContent = "";
    var h = document.createElement("h2");
    h.style.fontSize = "1.05rem";
    h.textContent = n.full || n.label;
    card.appendChild(h);
    var t = data.texts || {};
    line(t.kind || "kind", n.kindLabel || n.kind);
    line(t.categories || "categories", n.categories);
    line(t.territories || "territories", n.territories);
    line("IRI", n.id);
  });
})();
