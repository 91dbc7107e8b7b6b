"""The network map: filters, centrality, the node limit, vis-network data and exports.

Pure functions over :func:`kg.projection.actor_network` graphs; the page only renders what they
return. Nothing here needs Streamlit or a network connection: the vis-network library is read
from the installed ``pyvis`` package and inlined (no CDN, no Bootstrap), and the node and edge
lists are filled directly (``pyvis.Network.from_nx`` is quadratic, see measurements.md).

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_node("a", label="A", kind="LocalCommittee", categories=[], territories=["t1"], levels=[], worlds=[])
>>> g.add_node("b", label="B", kind="Organisation", categories=[CAT + "federation"], territories=["t1"],
...            levels=[], worlds=[])
>>> g.add_node("c", label="C", kind="Organisation", categories=[CAT + "elus"], territories=["t2"], levels=[], worlds=[])
>>> g.add_edge("a", "b", weight=1, kind="membership", kinds=["membership"], relations=[])
>>> g.add_edge("b", "c", weight=2, kind="partnership", kinds=["partnership"], relations=[])
>>> sorted(filter_network(g, NetworkFilters(categories=(CAT + "federation",))).nodes)
['b']
>>> view, left = limit_view(g, centrality(g, "degree"), limit=2)
>>> sorted(view.nodes), left.nodes
(['a', 'b'], 1)
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..analysis import centrality as centrality_impl
from ..escape import csv_cell, html_text, script_json, script_safe
from ..namespaces import ANCC, CATEGORY_BROADER, SCHEMES
from .model import TerritoryIndex, active_at, code_of, label_of

CAT = str(ANCC) + "category/"
STATIC = Path(__file__).resolve().parent / "static"

#: Narrower categories and their broader one (the typology's hierarchy, see ontology/concepts).
CATEGORY_PARENT = CATEGORY_BROADER

#: One colour per category code. Taken from two published colour-blind-safe palettes: Paul Tol's
#: qualitative schemes (bright, vibrant, muted, light, dark, pale, high-contrast; "Colour schemes",
#: SRON/EPS/TN/09-002, personal.sron.nl/~pault/) and Okabe & Ito's ("Color Universal Design",
#: jfly.uni-koeln.de/color/). A family shares a hue: the collectivités are blues (dark for the
#: région, light for the commune), the services of the State purples and browns; any two colours
#: of the map differ by at least :data:`MIN_DELTA_E` (CIEDE2000, tests/kg/app/test_palette.py).
CATEGORY_COLOURS = {
    "collectivite-territoriale": "#4477AA",      # Tol bright blue
    "collectivite-region": "#222255",            # Tol dark blue
    "collectivite-departement": "#004488",       # Tol high-contrast blue
    "collectivite-epci": "#77AADD",              # Tol light blue
    "collectivite-commune": "#BBCCEE",           # Tol pale blue
    "services-etat": "#AA3377",                  # Tol bright purple
    "administration-centrale": "#663333",        # Tol dark red
    "services-deconcentres": "#CC79A7",          # Okabe-Ito reddish purple
    "protection-sociale": "#228833",             # Tol bright green
    "federation": "#E69F00",                     # Okabe-Ito orange
    "association-gestionnaire": "#DDCC77",       # Tol muted sand
    "association-caritative": "#EE6677",         # Tol bright red
    "formation": "#44AA99",                      # Tol muted teal
    "universite-recherche": "#33BBEE",           # Tol vibrant cyan
    "partenaires-sociaux": "#D55E00",            # Okabe-Ito vermillion
    "representants-professionnels": "#EE8866",   # Tol light orange
    "representants-personnes-accompagnees": "#BBCC33",  # Tol light pear
    "personnes-accompagnees": "#225522",         # Tol dark green
    "travailleurs-sociaux": "#666633",           # Tol dark yellow
    "encadrement-employeurs": "#999933",         # Tol muted olive
    "elus": "#BB5566",                           # Tol medium-contrast dark red
    "instances-nationales": "#000000",           # Okabe-Ito black
    "comites-ethique": "#997700",                # Tol high-contrast dark yellow
    "developpement-social": "#225555",           # Tol dark cyan
    "operateurs-appui": "#555555",               # Tol dark grey
}
COMMITTEE_COLOUR = "#CC3311"  # Tol vibrant red
NO_CATEGORY_COLOUR = "#BBBBBB"  # Tol grey
#: The smallest CIEDE2000 difference between two colours shown together (node colours; edge colours).
MIN_DELTA_E = 10.0


def delta_e(a: str, b: str) -> float:
    """CIEDE2000 colour difference of two CSS colours (``coloraide``).

    >>> round(delta_e("#000000", "#ffffff"))
    100
    """
    from coloraide import Color

    return float(Color(a).delta_e(Color(b), method="2000"))


#: vis-network shape per kind of actor.
SHAPES = {
    "LocalCommittee": "star",
    "Organisation": "dot",
    "WorkingGroup": "diamond",
    "Group": "triangle",
    "PublicRolePerson": "square",
    "Actor": "hexagon",
}

#: Edge colour per relation kind, and per direction of an information flow (Tol and Okabe-Ito).
EDGE_COLOURS = {
    "membership": "#999999",        # grey: the most common link stays quiet
    "partnership": "#0077BB",       # Tol vibrant blue
    "flow": "#EE3377",              # Tol vibrant magenta
    "sub-organisation": "#663333",  # Tol dark red
    "accompaniment": "#009988",     # Tol vibrant teal
    "descendant": "#332288",        # Tol muted indigo
    "ascendant": "#E69F00",         # Okabe-Ito orange
    "transversal": "#117733",       # Tol muted green
}

#: The sizes the map offers: measures of :func:`kg.analysis.analyse` (computed once per store
#: version and date, over the whole network, methods stated) …
MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "pagerank", "effective_size")
#: … the ones :func:`centrality` computes itself on a drawn graph when the analysis is missing …
LOCAL_MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank")
#: … and the ones always counted on the filtered graph (cheap, and what a map reader expects).
DRAWN_MEASURES = ("degree", "weighted_degree")
#: Colours of communities (cycled): Tol's muted scheme, then Tol's and Okabe-Ito's.
COMMUNITY_COLOURS = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                     "#AA4499", "#4477AA", "#EE7733", "#000000", "#BBBBBB", "#663333", "#555555")


# ---------------------------------------------------------------------------------------------
# filters
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NetworkFilters:
    """What the user asked to see. Empty tuples mean "no restriction".

    * ``territory``: IRI of a région, département or EPCI; actors located in it or inside it;
      ``include_above`` also keeps actors of the territories containing it (État, HCTS…);
    * ``levels``: level codes of the actors' territories; ``categories``: category IRIs (a broader
      category matches its narrower ones); ``worlds``: world IRIs; ``kinds``: class local names;
    * ``committee``: a committee IRI: the committee and its neighbourhood up to ``radius`` links;
    * ``at``: the state at a date: relations not holding on that date are dropped.
    """

    territory: str | None = None
    include_above: bool = False
    levels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    worlds: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    committee: str | None = None
    radius: int = 1
    at: dt.date | None = None

    def key(self) -> str:
        """A stable text key (for caches and file names)."""
        return json.dumps({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.__dict__.items()},
                          sort_keys=True, default=list)


def _category_codes(iris) -> set[str]:
    codes = set()
    for iri in iris:
        code = code_of(iri)
        codes.add(code)
        if code in CATEGORY_PARENT:
            codes.add(CATEGORY_PARENT[code])
    return codes


def filter_network(g: nx.Graph, f: NetworkFilters, territories: TerritoryIndex | None = None,
                   dates: dict | None = None) -> nx.Graph:
    """The part of ``g`` the filters keep; ``g`` is never changed.

    Nodes must pass every attribute filter; a committee filter keeps its neighbourhood within
    the kept nodes (the committee itself always kept); a date drops edges whose relations all
    lie outside it (edges without dated relations stay). Only the kept part is copied; when the
    filters keep everything, ``g`` itself is returned (treat the result as read-only).
    """
    dates = dates or {}

    def active(a, b) -> bool:
        if f.at is None:
            return True
        rel = g.edges[a, b].get("relations")
        return not rel or any(active_at(dates.get(r), f.at) for r in rel)

    wanted_cats = {code_of(c) for c in f.categories}
    worlds, levels = set(f.worlds), set(f.levels)
    inside: set | None = None
    above: set = set()
    if f.territory:
        if territories is None:
            inside = {f.territory}
        else:
            inside = territories.descendants(f.territory) | {f.territory}
            if f.include_above:
                above = territories.ancestors(f.territory)
    keep = set()
    for n, d in g.nodes(data=True):
        if n == f.committee:
            keep.add(n)
            continue
        if f.kinds and d.get("kind") not in f.kinds:
            continue
        if wanted_cats and not (_category_codes(d.get("categories", ())) & wanted_cats):
            continue
        if worlds and not (set(d.get("worlds", ())) & worlds):
            continue
        if levels and not ({code_of(x) for x in d.get("levels", ())} & levels):
            continue
        if inside is not None:
            terr = set(d.get("territories", ()))
            if not (terr & inside or terr & above):
                continue
        keep.add(n)
    if f.committee:
        if f.committee not in g:
            return nx.Graph()
        reached, frontier = {f.committee}, [f.committee]
        for _ in range(max(1, f.radius)):
            nxt = []
            for a in frontier:
                for b in g.neighbors(a):
                    if b in keep and b not in reached and active(a, b):
                        reached.add(b)
                        nxt.append(b)
            frontier = nxt
        keep = reached
    if f.at is None and len(keep) == g.number_of_nodes():
        return g  # nothing filtered out: no copy (a national graph takes seconds to copy)
    h = g.subgraph(keep).copy()
    if f.at is not None:
        h.remove_edges_from([(a, b) for a, b in list(h.edges) if not active(a, b)])
    return h


# ---------------------------------------------------------------------------------------------
# centrality and the node limit
# ---------------------------------------------------------------------------------------------

def centrality(g: nx.Graph, measure: str = "degree") -> dict[str, float]:
    """Score of every node of a drawn graph: ``degree`` (links), ``weighted_degree`` (sum of
    weights), ``betweenness`` or ``pagerank``, computed by :mod:`kg.analysis.centrality` (the one
    implementation; betweenness exact up to its threshold, estimated above). The explorer prefers
    the measures of :func:`kg.analysis.analyse` over the whole network; this scores a drawn graph.

    >>> g = nx.path_graph(3)
    >>> centrality(g, "betweenness")[1]
    1.0
    """
    return _scored(g, measure)[0]


def _scored(g: nx.Graph, measure: str) -> tuple[dict[str, float], dict]:
    """:func:`centrality` and the method used (:func:`kg.analysis.centrality.betweenness`)."""
    if measure not in LOCAL_MEASURES:
        raise ValueError(f"unknown centrality {measure!r}; known: {', '.join(LOCAL_MEASURES)}")
    if g.number_of_nodes() == 0:
        return {}, {}
    und = nx.Graph(g) if g.is_directed() or g.is_multigraph() else g
    h, nodes = centrality_impl.to_igraph(und)
    method: dict = {}
    if measure == "degree":
        values = h.degree()
    elif measure == "weighted_degree":
        values = h.strength(weights="weight")
    elif measure == "pagerank":
        values = h.pagerank(weights="weight")
    else:
        values, method = centrality_impl.betweenness(h)
    return {n: float(v) for n, v in zip(nodes, values)}, method


def method_text(method: dict, language: str) -> str:
    """``exact`` (translated by the page), else the method's own sentence in ``language``."""
    return "exact" if method.get("method") == "exact" else method.get(language, "")


@dataclass(frozen=True)
class LeftOut:
    """What the node limit left out of the drawing."""

    nodes: int = 0
    edges: int = 0
    shown_nodes: int = 0
    shown_edges: int = 0
    by_category: tuple[tuple[str, int], ...] = ()

    @property
    def any(self) -> bool:
        return self.nodes > 0


def limit_view(g: nx.Graph, scores: dict[str, float], limit: int, keep: tuple[str, ...] = (),
               names: dict | None = None) -> tuple[nx.Graph, LeftOut]:
    """The ``limit`` most central nodes (ties by label then IRI) and what was left out.

    Nodes in ``keep`` (a selected committee) are always drawn.
    """
    n = g.number_of_nodes()
    if n <= limit:
        return g, LeftOut(0, 0, n, g.number_of_edges())
    order = sorted(g.nodes, key=lambda x: (-scores.get(x, 0.0), str(g.nodes[x].get("label", "")).lower(), x))
    chosen = {x for x in keep if x in g}
    for x in order:
        if len(chosen) >= limit:
            break
        chosen.add(x)
    view = g.subgraph(chosen).copy()
    out = [x for x in g.nodes if x not in view]
    cats: Counter = Counter()
    for x in out:
        cats[_main_category(g.nodes[x]) or ""] += 1
    by_cat = tuple((label_of(c, names or {}) if c else "", k)
                   for c, k in sorted(cats.items(), key=lambda kv: (-kv[1], kv[0])))
    return view, LeftOut(len(out), g.number_of_edges() - view.number_of_edges(), view.number_of_nodes(),
                         view.number_of_edges(), by_cat)


# ---------------------------------------------------------------------------------------------
# the national view (HCTS ↔ committees)
# ---------------------------------------------------------------------------------------------

def national_view(g: nx.Graph, flows: list[dict], at: dt.date | None = None, dates: dict | None = None) -> nx.MultiDiGraph:
    """Committees, the national bodies they exchange with and their directed links.

    Nodes: every local committee, every endpoint of an information flow, and the actors that
    accompany a committee or that a committee is a member of. Edges: each information flow
    (``direction`` descendant / ascendant / transversal, drawn from → to), accompaniment and
    membership links of committees.
    """
    h = nx.MultiDiGraph()
    committees = [n for n, d in g.nodes(data=True) if d.get("kind") == "LocalCommittee"]
    for c in committees:
        h.add_node(c, **g.nodes[c])
    for fl in flows:
        if at is not None and not active_at((dates or {}).get(fl["iri"]), at):
            continue
        a, b = fl["from"], fl["to"]
        for x in (a, b):
            if x not in h:
                h.add_node(x, **(g.nodes[x] if x in g else {"label": code_of(x), "kind": "Actor", "categories": [],
                                                             "territories": [], "levels": [], "worlds": []}))
        h.add_edge(a, b, kind="flow", direction=fl.get("direction") or "", weight=1, relations=[fl["iri"]],
                   kinds=["flow"], carries=fl.get("carries", []))
    for c in committees:
        for other in g.neighbors(c):
            d = g.edges[c, other]
            kinds = set(d.get("kinds", [d.get("kind")]))
            if at is not None and d.get("relations") and not any(
                    active_at((dates or {}).get(r), at) for r in d["relations"]):
                continue
            for kind in sorted(kinds & {"accompaniment", "membership", "sub-organisation"}):
                if kind == "membership" and g.nodes[other].get("kind") not in ("LocalCommittee", "WorkingGroup") \
                        and not _is_national(g.nodes[other]):
                    continue
                if other not in h:
                    h.add_node(other, **g.nodes[other])
                h.add_edge(other, c, kind=kind, direction="", weight=d.get("weight", 1),
                           relations=d.get("relations", []), kinds=[kind])
    return h


def _is_national(attrs: dict) -> bool:
    cats = _category_codes(attrs.get("categories", ()))
    return bool(cats & {"instances-nationales", "administration-centrale", "operateurs-appui"}) or \
        any(code_of(x) == "national" for x in attrs.get("levels", ()))


# ---------------------------------------------------------------------------------------------
# vis-network data
# ---------------------------------------------------------------------------------------------

def _main_category(attrs: dict) -> str | None:
    cats = attrs.get("categories") or []
    if not cats:
        return None
    order = SCHEMES["category"]
    return min(cats, key=lambda c: (order.index(code_of(c)) if code_of(c) in order else 999, c))


def node_colour(attrs: dict) -> str:
    """Colour of a node: its first category in the typology's order; committees red.

    >>> node_colour({"kind": "LocalCommittee", "categories": []})
    '#CC3311'
    >>> node_colour({"kind": "Organisation", "categories": [CAT + "federation"]})
    '#E69F00'
    """
    main = _main_category(attrs)
    if main:
        return CATEGORY_COLOURS.get(code_of(main), NO_CATEGORY_COLOUR)
    return COMMITTEE_COLOUR if attrs.get("kind") == "LocalCommittee" else NO_CATEGORY_COLOUR


def _sizes(scores: dict[str, float], nodes) -> dict[str, float]:
    values = [scores.get(n, 0.0) for n in nodes]
    top = max(values) if values else 0.0
    if top <= 0:
        return {n: 16.0 for n in nodes}
    return {n: round(10.0 + 30.0 * math.sqrt(max(scores.get(n, 0.0), 0.0) / top), 2) for n in nodes}


def community_colour(community) -> str:
    """Colour of a community number (colours cycle after 15).

    >>> community_colour(0), community_colour(15)
    ('#332288', '#332288')
    """
    try:
        return COMMUNITY_COLOURS[int(community) % len(COMMUNITY_COLOURS)]
    except (TypeError, ValueError):
        return NO_CATEGORY_COLOUR


#: Where the vis drawing puts its nodes: a layout spread over about this many pixels per node.
LAYOUT_SPACING = 70.0
#: Up to this many nodes the layout would be Kamada–Kawai; 0: always Fruchterman–Reingold, which
#: spreads a hub's neighbours better on the seed (Kamada–Kawai packs them at distance 1).
KAMADA_KAWAI_MAX = 0
#: Relation kinds that have a direction (from the member, the sub-organisation, the sender, the one
#: accompanying); a partnership has none.
DIRECTED_KINDS = ("membership", "sub-organisation", "flow", "accompaniment")
#: Statement status codes (scheme "statement-status") and the word the map shows; no status is "observed".
STATUS_WORDS = {"observe": "observed", "attendu": "expected"}


_LAYOUT_LOCK = threading.Lock()


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions of the drawing, computed once here so that the map, the HTML and the GEXF exports
    show the same picture: igraph's Kamada–Kawai (small networks) or Fruchterman–Reingold, started
    from a circle with a fixed seed (deterministic), scaled to vis pixels.

    >>> pos = layout(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout(nx.path_graph(["a", "b", "c"]))
    True
    """
    nodes = sorted(g.nodes, key=str)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    import igraph as ig

    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(min(index[a], index[b]), max(index[a], index[b])) for a, b in g.edges() if a != b}
    ig_g = ig.Graph(n=len(nodes), edges=sorted(pairs), directed=False)
    radius = math.sqrt(len(nodes))  # igraph's own scale: a tighter start defeats its grid
    start = [[radius * math.cos(2 * math.pi * i / len(nodes)), radius * math.sin(2 * math.pi * i / len(nodes))]
             for i in range(len(nodes))]
    import random

    # igraph draws from one process-wide generator (Python's random module by default): give it a
    # private generator seeded for this layout, so another thread drawing numbers meanwhile (a
    # Streamlit session, a test) cannot change the picture; the lock keeps two layouts apart.
    with _LAYOUT_LOCK:
        ig.set_random_number_generator(random.Random(0))
        try:
            if len(nodes) <= KAMADA_KAWAI_MAX:  # spreads a small network evenly
                coords = ig_g.layout_kamada_kawai(seed=start, maxiter=50 * len(nodes)).coords
            else:
                coords = ig_g.layout_fruchterman_reingold(seed=start, niter=500 if len(nodes) <= 300 else 200,
                                                          grid=len(nodes) > 300).coords
        finally:
            ig.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = LAYOUT_SPACING * math.sqrt(len(nodes)) * 1.6 / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round((c[0] - cx) * scale, 1), round((c[1] - cy) * scale, 1)) for n, c in zip(nodes, coords)}


def edge_details(d: dict, info: dict | None, kind_labels: dict, names: dict) -> dict:
    """What an edge's tooltip says: its kinds, the dates, sources and status of its relations.

    ``info`` maps a relation IRI to ``{"start", "end", "graphs", "status"}``; a relation without a
    status is observed (the source states it).

    >>> edge_details({"kinds": ["membership"], "relations": ["r"]},
    ...              {"r": {"start": dt.date(2018, 9, 21), "graphs": ["g"], "status": "attendu"}}, {}, {"g": "Seed"})
    {'kinds': ['membership'], 'dates': ['21/09/2018 →'], 'sources': ['Seed'], 'status': 'expected'}
    """
    info = info or {}
    kinds = list(d.get("kinds") or [d.get("kind", "")])
    dates, sources, statuses = [], [], []
    for r in d.get("relations") or ():
        i = info.get(r) or {}
        start, end = i.get("start"), i.get("end")
        if start or end:
            text = " → ".join(x.strftime("%d/%m/%Y") for x in (start, end) if x)
            text = text if end else text + " →"
            if text not in dates:
                dates.append(text)
        for gr in i.get("graphs") or ():
            label = label_of(gr, names)
            if label not in sources:
                sources.append(label)
        statuses.append(STATUS_WORDS.get(code_of(i["status"]) if i.get("status") else "observe", "other"))
    status = "observed" if not statuses or "observed" in statuses else statuses[0]
    return {"kinds": kinds, "dates": dates, "sources": sources, "status": status}


def edge_tooltip(details: dict, direction: str, kind_labels: dict) -> str:
    """The tooltip text of an edge (plain text, one fact a line)."""
    lab = kind_labels.get
    lines = [lab(direction, direction) if direction else ", ".join(lab(k, k) for k in details["kinds"])]
    if details["dates"]:
        lines.append(f"{lab('tip_dates', 'dates')} : {'; '.join(details['dates'])}")
    if details["sources"]:
        lines.append(f"{lab('tip_source', 'source')} : {', '.join(details['sources'])}")
    lines.append(f"{lab('tip_status', 'status')} : {lab(details['status'], details['status'])}")
    return "\n".join(lines)


def vis_payload(g: nx.Graph, scores: dict[str, float], names: dict | None = None,
                kind_labels: dict | None = None, focus: str | None = None, selected: str | None = None,
                physics: bool = True, communities: dict | None = None, relations: dict | None = None,
                positions: dict | None = None, path: list | None = None) -> dict:
    """Nodes and edges of the drawing, JSON-serialisable, with a ``signature``.

    An edge whose relations are not all observed facts (expectations, perceptions, requests:
    their ``anc:statementStatus`` in ``relations``) is drawn dashed and says so in its tooltip.

    ``names`` gives labels in the user's language (IRI → label), ``kind_labels`` the names of
    the kinds of actors and relations; ``communities`` (node → community number) colours nodes
    by community instead of category. Node ids are IRIs. ``positions`` (default :func:`layout`)
    place the nodes: the drawing starts still, as the exports record it. ``relations`` (relation
    IRI → dates, sources, status) fill the edge tooltips; ``path`` (node IRIs) is highlighted.
    """
    names = names or {}
    kind_labels = kind_labels or {}
    sizes = _sizes(scores, list(g.nodes))
    positions = layout(g) if positions is None else positions
    nodes = []
    for n, d in sorted(g.nodes(data=True), key=lambda x: x[0]):
        label = names.get(n) or d.get("label") or code_of(n)
        cats = [label_of(c, names) for c in d.get("categories", ())]
        terrs = [label_of(t, names) for t in d.get("territories", ())]
        kind = d.get("kind", "Actor")
        tip = "\n".join(x for x in (label, kind_labels.get(kind, kind), ", ".join(cats), ", ".join(terrs)) if x)
        node = {"id": n, "label": label if len(label) <= 40 else label[:38] + "…", "title": tip,
                "shape": SHAPES.get(kind, "hexagon"), "size": sizes[n],
                "color": community_colour(communities.get(n)) if communities else node_colour(d),
                "kind": kind, "kindLabel": kind_labels.get(kind, kind), "full": label,
                "categories": cats, "territories": terrs, "score": round(scores.get(n, 0.0), 6)}
        if n in positions:
            node["x"], node["y"] = positions[n]
        if n == focus or n == selected:
            node["borderWidth"] = 4
            node["color"] = {"background": node["color"], "border": "#000000"}
        nodes.append(node)
    edges = []
    multi = g.is_multigraph()
    items = g.edges(data=True, keys=True) if multi else ((a, b, None, d) for a, b, d in g.edges(data=True))
    for i, (a, b, _k, d) in enumerate(sorted(items, key=lambda e: (e[0], e[1], str(e[2])))):
        kind = d.get("kind", "")
        colour_key = d.get("direction") or kind
        details = edge_details(d, relations, kind_labels, names)
        tail, head = (b, a) if d.get("tail") == b else (a, b)
        edge = {"id": f"e{i}", "from": tail, "to": head, "title": edge_tooltip(details, d.get("direction", ""), kind_labels),
                "width": round(1.0 + math.log(1 + float(d.get("weight", 1))), 2),
                "color": EDGE_COLOURS.get(colour_key, "#bbbbbb"), "kinds": details["kinds"],
                "status": details["status"]}
        if details["status"] != "observed":
            edge["dashes"] = True
        if g.is_directed() or all(k in DIRECTED_KINDS for k in details["kinds"]):
            edge["arrows"] = "to"
        edges.append(edge)
    rel_kinds = sorted({k for e in edges for k in e["kinds"]})
    payload = {"nodes": nodes, "edges": edges, "physics": False, "directed": g.is_directed(), "selected": selected,
               "relationKinds": [[k, kind_labels.get(k, k), EDGE_COLOURS.get(k, "#bbbbbb")] for k in rel_kinds],
               "path": list(path or [])}
    payload["signature"] = hashlib.sha1(json.dumps([nodes, edges, payload["path"]], sort_keys=True,
                                                   default=str).encode()).hexdigest()[:16]
    return payload


def legend(g: nx.Graph, names: dict | None = None, kind_labels: dict | None = None,
           communities: dict | None = None) -> dict:
    """Colours, shapes and edge colours present in ``g``, with their labels.

    Returns ``{"colours": [(colour, label)], "shapes": [(shape, label)], "edges": [(colour, label)]}``.
    With ``communities`` the colours are those of the communities, largest first.
    """
    names, kind_labels = names or {}, kind_labels or {}
    colours: dict[str, str] = {}
    shapes: dict[str, str] = {}
    if communities:
        sizes = Counter(communities.get(n) for n in g.nodes if communities.get(n) is not None)
        for cid, _k in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
            colours.setdefault(community_colour(cid), f"{kind_labels.get('community', 'community')} {cid}")
    for _n, d in g.nodes(data=True):
        kind = d.get("kind", "Actor")
        shapes.setdefault(SHAPES.get(kind, "hexagon"), kind_labels.get(kind, kind))
        if communities:
            continue
        main = _main_category(d)
        colour = node_colour(d)
        if main:
            colours.setdefault(colour, label_of(main, names))
        elif d.get("kind") == "LocalCommittee":
            colours.setdefault(colour, kind_labels.get("LocalCommittee", "LocalCommittee"))
        else:
            colours.setdefault(colour, kind_labels.get("no-category", "—"))
    edges: dict[str, str] = {}
    multi = g.is_multigraph()
    for e in (g.edges(data=True, keys=True) if multi else g.edges(data=True)):
        d = e[-1]
        key = d.get("direction") or d.get("kind", "")
        edges.setdefault(EDGE_COLOURS.get(key, "#bbbbbb"), kind_labels.get(key, key))
    order = {c: i for i, c in enumerate(list(CATEGORY_COLOURS.values()) + [COMMITTEE_COLOUR, NO_CATEGORY_COLOUR])}
    ranked = list(colours.items()) if communities else sorted(colours.items(), key=lambda kv: order.get(kv[0], 999))
    return {"colours": ranked,
            "shapes": sorted(shapes.items(), key=lambda kv: list(SHAPES.values()).index(kv[0])
                             if kv[0] in SHAPES.values() else 99),
            "edges": sorted(edges.items(), key=lambda kv: kv[1])}


SHAPE_GLYPHS = {"star": "★", "dot": "●", "diamond": "◆", "triangle": "▲", "square": "■", "hexagon": "⬢"}


def legend_html(leg: dict, titles: tuple[str, str, str] = ("Couleur", "Forme", "Lien")) -> str:
    """The legend as a small HTML block (no script, no external resource).

    >>> "federation" in legend_html({"colours": [("#E69F00", "federation")], "shapes": [], "edges": []})
    True
    """
    esc = html_text
    parts = ['<div class="anc-legend" style="font-size:0.85rem;line-height:1.5">']
    if leg.get("colours"):
        parts.append(f"<div><b>{esc(titles[0])}</b> · " + " · ".join(
            f'<span style="color:{esc(c)};font-size:1.1em">●</span>&nbsp;{esc(lab)}' for c, lab in leg["colours"])
            + "</div>")
    if leg.get("shapes"):
        parts.append(f"<div><b>{esc(titles[1])}</b> · " + " · ".join(
            f"{SHAPE_GLYPHS.get(s, '●')}&nbsp;{esc(lab)}" for s, lab in leg["shapes"]) + "</div>")
    if leg.get("edges"):
        parts.append(f"<div><b>{esc(titles[2])}</b> · " + " · ".join(
            f'<span style="color:{esc(c)};font-weight:bold">━</span>&nbsp;{esc(lab)}' for c, lab in leg["edges"])
            + "</div>")
    parts.append("</div>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# vis-network assets and the self-contained HTML
# ---------------------------------------------------------------------------------------------

VIS_VERSION = "9.1.2"


@functools.lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """(JavaScript, CSS) of vis-network, read from the installed ``pyvis`` package.

    The source-map comment is removed so that no tool ever asks for a missing file.
    """
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_VERSION}"
    if not lib.is_dir():
        lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # split on "\n" only: str.splitlines() would also cut at characters such as U+0085 that the
    # minified code holds inside string literals
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL"))
    css = "\n".join(line for line in css.split("\n") if "sourceMappingURL" not in line)
    return js, css


#: The toolbar above the map (search, relation types), in the explorer and the HTML export.
TOOLS_CSS = """
.anc-tools { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; align-items: center; font-size: 0.85rem;
             margin-bottom: 0.3rem; }
.anc-tools .anc-search { min-width: 16rem; padding: 0.25rem 0.4rem; font-size: 0.9rem; }
.anc-tools .anc-kinds label { margin-right: 0.6rem; white-space: nowrap; }
"""


def common_js() -> str:
    """The reader's tools shared by the explorer and the HTML export (``static/network_common.js``)."""
    return (STATIC / "network_common.js").read_text(encoding="utf-8") + "\n"


#: An attribute loading something from another site (``src="https://…"``, ``href="//…"``).
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def standalone_html(payload: dict, title: str, legend_block: str = "", lang: str = "fr",
                    note: str = "", texts: dict | None = None) -> str:
    """A single HTML file drawing the network with every script and style inlined.

    Clicking a node shows its card (label, kind, categories, territories) beside the drawing;
    ``texts`` names those fields in the user's language. It works offline: the file references
    no external resource.

    >>> page = standalone_html({"nodes": [], "edges": [], "physics": True}, "Réseau")
    >>> EXTERNAL.findall(page), "vis.Network" in page
    ([], True)
    """
    js, css = vis_assets()
    glue = common_js() + (STATIC / "network_standalone.js").read_text(encoding="utf-8")
    data = script_json({**payload, "texts": texts or {}})
    return f"""<!DOCTYPE html>
<html lang="{html_text(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html_text(title)}</title>
<style>{css}</style>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0.5rem; color: #222; }}
#anc-layout {{ display: flex; gap: 1rem; }}
#anc-network {{ flex: 1; height: 80vh; border: 1px solid #ddd; }}
#anc-card {{ width: 18rem; font-size: 0.9rem; }}
{TOOLS_CSS}
</style></head>
<body>
<h1 style="font-size:1.2rem">{html_text(title)}</h1>
<p style="font-size:0.85rem">{html_text(note)}</p>
{legend_block}
<div id="anc-tools"></div>
<div id="anc-layout"><div id="anc-network"></div><div id="anc-card"></div></div>
<script>{script_safe(js)}</script>
<script>window.ANCRAGE_DATA = {data};</script>
<script>{script_safe(glue)}</script>
</body></html>
"""


# ---------------------------------------------------------------------------------------------
# exports of the filtered network
# ---------------------------------------------------------------------------------------------

def export_graph(g: nx.Graph, names: dict | None = None, scores: dict | None = None,
                 payload: dict | None = None) -> nx.Graph:
    """A copy of ``g`` with only scalar attributes (lists joined with "; "), for GEXF/GraphML.

    With the drawing's ``payload`` (:func:`vis_payload`) the copy is directed as drawn (a
    partnership edge has ``type`` "mutual", the others point from member, sender or
    accompanying actor) and each node has its ``viz`` colour, size and position (y upwards, as
    Gephi shows it). GEXF's "mutual" type (both ways) keeps the file a directed graph that
    networkx can read back (it refuses a mix of directed and undirected edges).
    """
    names, scores = names or {}, scores or {}
    drawn = {n["id"]: n for n in (payload or {}).get("nodes", ())}
    h = nx.MultiDiGraph() if payload is not None else g.__class__()
    for n, d in g.nodes(data=True):
        h.add_node(n, label=names.get(n) or d.get("label") or code_of(n), kind=d.get("kind", ""),
                   categories="; ".join(label_of(c, names) for c in d.get("categories", ())),
                   territories="; ".join(label_of(t, names) for t in d.get("territories", ())),
                   levels="; ".join(code_of(x) for x in d.get("levels", ())),
                   worlds="; ".join(label_of(w, names) for w in d.get("worlds", ())),
                   score=float(scores.get(n, 0.0)), uri=n)
        if n in drawn:
            v = drawn[n]
            colour = v["color"]["background"] if isinstance(v["color"], dict) else v["color"]
            h.nodes[n]["viz"] = {"color": colour, "size": v.get("size", 10.0),
                                 "position": (v.get("x", 0.0), -v.get("y", 0.0))}
    edges = g.edges(data=True, keys=True) if g.is_multigraph() else ((a, b, None, d) for a, b, d in g.edges(data=True))
    for a, b, _k, d in edges:
        attrs = dict(weight=float(d.get("weight", 1)), kind=d.get("kind", ""),
                     kinds="; ".join(d.get("kinds", ())), direction=d.get("direction", ""),
                     relations="; ".join(d.get("relations", ())))
        if payload is not None:
            kinds = d.get("kinds") or [d.get("kind", "")]
            directed = g.is_directed() or all(k in DIRECTED_KINDS for k in kinds)
            attrs["type"] = "directed" if directed else "mutual"
            if d.get("tail") == b and not g.is_directed():
                a, b = b, a
        h.add_edge(a, b, **attrs)
    return h


def to_gexf(view: "NetworkView", names: dict | None = None, description: str = "") -> bytes:
    """GEXF 1.2 of the drawn network as drawn (colours, sizes, positions, directions), with
    ``description`` (the filters that produced it) in its metadata; written by
    :func:`kg.exports.gexf_bytes`."""
    from ..exports import gexf_bytes

    return gexf_bytes(export_graph(view.view, names, view.scores, view.payload), description=description,
                      keywords="Ancrage")


def to_graphml(g: nx.Graph, names: dict | None = None, scores: dict | None = None) -> bytes:
    """GraphML of the network, written by :func:`kg.exports.graphml_bytes`."""
    from ..exports import graphml_bytes

    return graphml_bytes(export_graph(g, names, scores))


def nodes_table(g: nx.Graph, names: dict | None = None, scores: dict | None = None,
                kind_labels: dict | None = None) -> list[dict]:
    """One row per node: IRI, label, kind (named by ``kind_labels``), categories, territories, worlds, score."""
    h = export_graph(g, names, scores)
    kl = kind_labels or {}
    return [{"uri": n, "label": d["label"], "kind": kl.get(d["kind"], d["kind"]), "categories": d["categories"],
             "territories": d["territories"], "worlds": d["worlds"], "score": d["score"]}
            for n, d in sorted(h.nodes(data=True), key=lambda x: (-x[1]["score"], x[1]["label"].lower(), x[0]))]


def edges_table(g: nx.Graph, names: dict | None = None, kind_labels: dict | None = None) -> list[dict]:
    """One row per edge: source and target IRIs and labels, kind(s) and direction (named by
    ``kind_labels``), weight."""
    names, kl = names or {}, kind_labels or {}
    h = export_graph(g, names)
    edges = h.edges(data=True)
    return [{"source": a, "source_label": h.nodes[a]["label"], "target": b, "target_label": h.nodes[b]["label"],
             "kind": kl.get(d["kind"], d["kind"]),
             "kinds": "; ".join(kl.get(k, k) for k in d["kinds"].split("; ") if k),
             "direction": kl.get(d["direction"], d["direction"]), "weight": d["weight"]}
            for a, b, d in sorted(edges, key=lambda e: (e[0], e[1], e[2]["kind"]))]


def to_csv(rows: list[dict], columns: list[str] | None = None) -> bytes:
    """CSV (UTF-8 with BOM, for spreadsheet software) of a list of dicts; every cell through
    :func:`kg.escape.csv_cell` (no formula from the data).

    >>> to_csv([{"a": 1, "b": "x"}]).decode("utf-8-sig").splitlines()
    ['a,b', '1,x']
    """
    buf = io.StringIO()
    columns = columns or (list(rows[0]) if rows else [])
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: csv_cell("; ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v)
                    for k, v in row.items()})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


@dataclass
class NetworkView:
    """Everything the network page draws for one set of filters."""

    graph: nx.Graph
    view: nx.Graph
    scores: dict
    left_out: LeftOut
    payload: dict
    legend: dict = field(default_factory=dict)
    measure: str = "degree"
    method: str = ""


def build_view(g: nx.Graph, measure: str, limit: int, names: dict | None = None,
               kind_labels: dict | None = None, focus: str | None = None, selected: str | None = None,
               scores: dict | None = None, method: str = "", communities: dict | None = None,
               relations: dict | None = None, path: list | None = None, language: str = "fr") -> NetworkView:
    """The node limit, the vis payload and the legend of the filtered graph ``g``.

    ``scores`` are the sizes (e.g. a measure of :func:`kg.analysis.analyse`, with ``method`` the
    sentence saying how it was computed); without them :func:`centrality` computes ``measure``
    on ``g``. ``communities`` (node → number) colours by community.
    """
    if scores is None:
        scores, computed = _scored(g, measure)
        if computed:
            method = method_text(computed, language)
    else:
        scores = {n: float(scores.get(n) or 0.0) for n in g.nodes}
    view, left = limit_view(g, scores, limit, keep=tuple(x for x in (focus, selected, *(path or ())) if x), names=names)
    payload = vis_payload(view, scores, names, kind_labels, focus=focus, selected=selected, communities=communities,
                          relations=relations, path=path)
    return NetworkView(g, view, scores, left, payload, legend(view, names, kind_labels, communities), measure, method)
