// Ancrage — what a reader does with the network map, shared by the explorer component and the
// standalone HTML export: search that focuses an actor and highlights its neighbours, a filter by
// relation type, labels placed without overlap (the rest on hover), the shortest path highlighted.
// Every text is set with textContent: data never becomes markup.

function ancrageFold(s) {
  return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}

function ancrageEnhance(network, nodes, edges, data, root, tools) {
  "use strict";
  var texts = data.texts || {};
  var all = nodes.get();
  var byId = {};
  all.forEach(function (n) { byId[n.id] = n; });
  var pathSet = {};
  (data.path || []).forEach(function (id) { pathSet[id] = true; });
  var state = { focus: null, hover: null, shown: {} };

  // -- the toolbar: search, relation types ---------------------------------------------------
  tools.textContent = "";
  tools.className = "anc-tools";
  var listId = "anc-names-" + Math.random().toString(36).slice(2);
  var search = document.createElement("input");
  search.type = "search";
  search.className = "anc-search";
  search.placeholder = texts.search || "Rechercher un acteur…";
  search.setAttribute("aria-label", texts.search || "Rechercher un acteur");
  search.setAttribute("list", listId);
  var list = document.createElement("datalist");
  list.id = listId;
  all.slice().sort(function (a, b) { return ancrageFold(a.full).localeCompare(ancrageFold(b.full)); })
    .forEach(function (n) { var o = document.createElement("option"); o.value = n.full || n.label; list.appendChild(o); });
  var status = document.createElement("span");
  status.className = "anc-search-status";
  status.setAttribute("role", "status");
  tools.appendChild(search);
  tools.appendChild(list);
  tools.appendChild(status);

  var kindsBox = document.createElement("span");
  kindsBox.className = "anc-kinds";
  var kindsTitle = document.createElement("b");
  kindsTitle.textContent = (texts.relations || "Liens") + " : ";
  kindsBox.appendChild(kindsTitle);
  var hiddenKinds = {};
  (data.relationKinds || []).forEach(function (k) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = k[0];
    box.className = "anc-kind";
    box.setAttribute("aria-label", k[1]);
    box.addEventListener("change", function () {
      hiddenKinds[k[0]] = !box.checked;
      applyKinds();
    });
    var swatch = document.createElement("span");
    swatch.textContent = " ━ ";
    swatch.setAttribute("aria-hidden", "true");
    swatch.style.color = k[2];
    swatch.style.fontWeight = "bold";
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(k[1]));
    kindsBox.appendChild(label);
  });
  tools.appendChild(kindsBox);

  function applyKinds() {
    var changes = [];
    var visible = 0;
    edges.get().forEach(function (e) {
      var hide = (e.kinds || []).every(function (k) { return hiddenKinds[k]; });
      if (!hide) visible += 1;
      if (!!e.hidden !== hide) changes.push({ id: e.id, hidden: hide });
    });
    if (changes.length) edges.update(changes);
    root.dataset.visibleEdges = String(visible);
  }

  // -- focus and neighbours -------------------------------------------------------------------
  function find(text) {
    var q = ancrageFold(text);
    if (!q) return null;
    var exact = all.filter(function (n) { return ancrageFold(n.full || n.label) === q; });
    if (exact.length) return exact[0];
    var part = all.filter(function (n) { return ancrageFold(n.full || n.label).indexOf(q) >= 0; });
    return part.length ? part[0] : null;
  }

  function focusOn(id) {
    state.focus = id;
    var keep = {};
    if (id !== null) {
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (x) { keep[x] = true; });
    }
    nodes.update(all.map(function (n) {
      return { id: n.id, opacity: id === null || keep[n.id] ? 1 : 0.15 };
    }));
    if (id !== null) {
      network.selectNodes(Object.keys(keep), true);
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
      root.dataset.focus = id;
      root.dataset.neighbours = String(Object.keys(keep).length - 1);
      status.textContent = (texts.neighbours || "voisins : {n}").replace("{n}", String(Object.keys(keep).length - 1));
    } else {
      network.unselectAll();
      delete root.dataset.focus;
      root.dataset.neighbours = "0";
      status.textContent = "";
    }
    placeLabels();
    network.once("afterDrawing", function () { later(); });
  }

  function runSearch() {
    var n = find(search.value);
    if (n) {
      focusOn(n.id);
    } else if (search.value.trim()) {
      focusOn(null);
      status.textContent = texts.notFound || "aucun acteur de ce nom sur la carte";
    } else {
      focusOn(null);
    }
  }
  search.addEventListener("change", runSearch);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(); });

  // -- labels without overlap -----------------------------------------------------------------
  var pending = null;
  function placeLabels() {
    var scale = network.getScale();
    var pos = network.getPositions();
    var boxes = [];
    var shown = {};
    var font = 14 * scale;
    var order = all.slice().sort(function (a, b) {
      var pa = (a.id === state.focus || a.id === state.hover || pathSet[a.id]) ? 1 : 0;
      var pb = (b.id === state.focus || b.id === state.hover || pathSet[b.id]) ? 1 : 0;
      return pb - pa || (b.size || 0) - (a.size || 0) || String(a.id).localeCompare(String(b.id));
    });
    order.forEach(function (n) {
      var p = pos[n.id];
      if (!p) return;
      var forced = n.id === state.focus || n.id === state.hover || pathSet[n.id];
      if (!forced && font < 5) return;
      var dom = network.canvasToDOM(p);
      var text = n.full || n.label || "";
      var w = Math.max(font, 6) * 0.66 * Math.min(text.length, 40) + 6;
      var h = Math.max(font, 6) * 1.4 + 2;
      var top = dom.y + (n.size || 10) * scale + 2;
      var box = [dom.x - w / 2, top, dom.x + w / 2, top + h];
      var clash = boxes.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; });
      if (clash && !forced) return;
      boxes.push(box);
      shown[n.id] = true;
    });
    var changes = [];
    all.forEach(function (n) {
      var want = shown[n.id] ? n.label : "";
      if (state.shown[n.id] !== want) changes.push({ id: n.id, label: want });
      state.shown[n.id] = want;
    });
    if (changes.length) nodes.update(changes);
    root.dataset.labelsShown = String(Object.keys(shown).length);
  }
  function later() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(placeLabels, 120);
  }
  network.on("zoom", later);
  network.on("dragEnd", later);
  network.on("resize", later);
  network.on("hoverNode", function (p) { state.hover = p.node; placeLabels(); });
  network.on("blurNode", function () { state.hover = null; placeLabels(); });

  // -- the shortest path ----------------------------------------------------------------------
  var path = data.path || [];
  if (path.length > 1) {
    var onPath = {};
    for (var i = 0; i + 1 < path.length; i++) {
      onPath[path[i] + "\u0000" + path[i + 1]] = true;
      onPath[path[i + 1] + "\u0000" + path[i]] = true;
    }
    edges.update(edges.get().filter(function (e) { return onPath[e.from + "\u0000" + e.to]; })
      .map(function (e) { return { id: e.id, width: 6, color: { color: "#000000" } }; }));
    nodes.update(path.filter(function (id) { return byId[id]; })
      .map(function (id) { return { id: id, borderWidth: 5, color: { background: (byId[id].color && byId[id].color.background) || byId[id].color, border: "#000000" } }; }));
    network.fit({ nodes: path.filter(function (id) { return byId[id]; }), animation: false });
    root.dataset.path = String(path.length);
  }

  applyKinds();
  placeLabels();
  return { focusOn: focusOn, placeLabels: placeLabels, search: search };
}
