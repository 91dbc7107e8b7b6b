// Ancrage — draws the network of a self-contained HTML export (data in window.ANCRAGE_DATA).
// A click on a node shows its card beside the drawing. No external resource is used.
(function () {
  "use strict";
  var data = window.ANCRAGE_DATA;
  var container = document.getElementById("anc-network");
  var card = document.getElementById("anc-card");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var options = {
    nodes: { font: { size: 16 }, borderWidth: 1 },
    edges: { smooth: false },
    interaction: { hover: true, tooltipDelay: 150 },
    physics: data.physics
      ? { stabilization: { iterations: 200 }, barnesHut: { gravitationalConstant: -4000, centralGravity: 0.9, springLength: 110, avoidOverlap: 0.2 } }
      : { enabled: true, stabilization: { iterations: 60 }, solver: "forceAtlas2Based" },
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  window.ancrageNetwork = network;

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
