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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..escape import csv_cell, html_text, script_json, script_safe
from ..namespaces import ANCC, CATEGORY_BROADER, SCHEMES
from .model import TerritoryIndex, active_at, code_of, label_of

CAT = str(ANCC) + "category/"
STATIC = Path(__file__).resolve().parent / "static"

#: Narrower categories and their broader one (the typology's hierarchy, see ontology/concepts).
CATEGORY_PARENT = CATEGORY_BROADER

#: One colour per category code (shades of one hue for a family).
CATEGORY_COLOURS = {
    "collectivite-territoriale": "#2f6db5",
    "collectivite-region": "#1d4f91",
    "collectivite-departement": "#2f7fd1",
    "collectivite-epci": "#5aa0e6",
    "collectivite-commune": "#8cc2f2",
    "services-etat": "#7f3c8d",
    "administration-centrale": "#5e2a6b",
    "services-deconcentres": "#a45fb4",
    "protection-sociale": "#11a579",
    "federation": "#e68310",
    "association-gestionnaire": "#e6b800",
    "association-caritative": "#e73f74",
    "formation": "#008695",
    "universite-recherche": "#4b4b8f",
    "partenaires-sociaux": "#cf1c90",
    "representants-professionnels": "#f97b72",
    "representants-personnes-accompagnees": "#80ba5a",
    "personnes-accompagnees": "#3c9a2e",
    "travailleurs-sociaux": "#b07aa1",
    "encadrement-employeurs": "#9c755f",
    "elus": "#c1272d",
    "instances-nationales": "#393b79",
    "comites-ethique": "#8c6d31",
    "developpement-social": "#17becf",
    "operateurs-appui": "#a5a61c",
}
COMMITTEE_COLOUR = "#d62728"
NO_CATEGORY_COLOUR = "#9e9e9e"

#: vis-network shape per kind of actor.
SHAPES = {
    "LocalCommittee": "star",
    "Organisation": "dot",
    "WorkingGroup": "diamond",
    "Group": "triangle",
    "PublicRolePerson": "square",
    "Actor": "hexagon",
}

#: Edge colour per relation kind, and per direction of an information flow.
EDGE_COLOURS = {
    "membership": "#8a8a8a",
    "partnership": "#2f7fd1",
    "flow": "#e377c2",
    "sub-organisation": "#8c564b",
    "accompaniment": "#a5a61c",
    "descendant": "#1f77b4",
    "ascendant": "#ff7f0e",
    "transversal": "#2ca02c",
}

#: The sizes the map offers: measures of :func:`kg.analysis.analyse` (computed once per store
#: version and date, over the whole network, methods stated) …
MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "pagerank", "effective_size")
#: … the ones :func:`centrality` computes itself on a drawn graph when the analysis is missing …
LOCAL_MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank")
#: … and the ones always counted on the filtered graph (cheap, and what a map reader expects).
DRAWN_MEASURES = ("degree", "weighted_degree")
#: Above this many nodes, local betweenness uses paths of length ≤ 3 (measurements.md: 20/20 top
#: agreement with exact betweenness on a 15,000-node graph).
EXACT_BETWEENNESS_MAX = 5000
#: Colours of communities (cycled), when the map is coloured by community.
COMMUNITY_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                     "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")


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
    weights), ``betweenness`` (normalised; exact up to :data:`EXACT_BETWEENNESS_MAX` nodes, else
    paths of length ≤ 3) or ``pagerank`` (igraph for the last two). The explorer prefers the
    measures of :func:`kg.analysis.analyse`; this is its fallback.

    >>> g = nx.path_graph(3)
    >>> centrality(g, "betweenness")[1]
    1.0
    """
    if measure not in LOCAL_MEASURES:
        raise ValueError(f"unknown centrality {measure!r}; known: {', '.join(LOCAL_MEASURES)}")
    if g.number_of_nodes() == 0:
        return {}
    if measure == "degree":
        return {n: float(d) for n, d in g.degree()}
    if measure == "weighted_degree":
        return {n: float(d) for n, d in g.degree(weight="weight")}
    import igraph as ig

    und = nx.Graph(g) if g.is_directed() or g.is_multigraph() else g
    nodes = list(und.nodes)
    pos = {n: i for i, n in enumerate(nodes)}
    ig_g = ig.Graph(n=len(nodes), edges=[(pos[a], pos[b]) for a, b in und.edges()], directed=False)
    if measure == "pagerank":
        values = ig_g.pagerank()
    else:
        n = len(nodes)
        cutoff = None if n <= EXACT_BETWEENNESS_MAX else 3
        values = ig_g.betweenness(cutoff=cutoff)
        scale = (n - 1) * (n - 2) / 2 if n > 2 else 1.0
        values = [v / scale for v in values]
    return {n: float(v) for n, v in zip(nodes, values)}


def betweenness_method(n: int) -> str:
    """How :func:`centrality` computes betweenness for ``n`` nodes ("exact" or "cutoff=3")."""
    return "exact" if n <= EXACT_BETWEENNESS_MAX else "cutoff=3"


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
    '#d62728'
    >>> node_colour({"kind": "Organisation", "categories": [CAT + "federation"]})
    '#e68310'
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
    ('#1f77b4', '#1f77b4')
    """
    try:
        return COMMUNITY_COLOURS[int(community) % len(COMMUNITY_COLOURS)]
    except (TypeError, ValueError):
        return NO_CATEGORY_COLOUR


def vis_payload(g: nx.Graph, scores: dict[str, float], names: dict | None = None,
                kind_labels: dict | None = None, focus: str | None = None, selected: str | None = None,
                physics: bool = True, communities: dict | None = None,
                unobserved: frozenset | set | None = None) -> dict:
    """Nodes and edges of the drawing, JSON-serialisable, with a ``signature``.

    An edge whose relations are all ``unobserved`` (expectations, perceptions, requests: their
    IRIs) and that has no undated direct link is drawn dashed and says so in its tooltip.

    ``names`` gives labels in the user's language (IRI → label), ``kind_labels`` the names of
    the kinds of actors and relations; ``communities`` (node → community number) colours nodes
    by community instead of category. Node ids are IRIs.
    """
    names = names or {}
    kind_labels = kind_labels or {}
    sizes = _sizes(scores, list(g.nodes))
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
        kinds = d.get("kinds") or [kind]
        tip = ", ".join(kind_labels.get(k, k) for k in kinds)
        if d.get("direction"):
            tip = kind_labels.get(d["direction"], d["direction"])
        if is_unobserved_edge(d, unobserved):
            tip = f"{tip} — {kind_labels.get('not-observed', 'not-observed')}"
        edge = {"id": f"e{i}", "from": a, "to": b, "title": tip,
                "width": round(1.0 + math.log(1 + float(d.get("weight", 1))), 2),
                "color": EDGE_COLOURS.get(colour_key, "#bbbbbb")}
        if is_unobserved_edge(d, unobserved):
            edge["dashes"] = True
        if g.is_directed():
            edge["arrows"] = "to"
        edges.append(edge)
    payload = {"nodes": nodes, "edges": edges, "physics": bool(physics) and len(nodes) <= 800,
               "directed": g.is_directed(), "selected": selected}
    payload["signature"] = hashlib.sha1(json.dumps([nodes, edges, payload["physics"]], sort_keys=True,
                                                   default=str).encode()).hexdigest()[:16]
    return payload


def is_unobserved_edge(d: dict, unobserved) -> bool:
    """Whether every relation behind an edge is a statement that is not an observed fact.

    >>> is_unobserved_edge({"relations": ["f1"], "weight": 1}, {"f1"})
    True
    >>> is_unobserved_edge({"relations": ["f1"], "weight": 2}, {"f1"})  # plus an undated direct link
    False
    """
    rels = d.get("relations") or []
    return bool(unobserved) and bool(rels) and all(r in unobserved for r in rels) \
        and float(d.get("weight", len(rels))) <= len(rels)


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

    >>> "federation" in legend_html({"colours": [("#e68310", "federation")], "shapes": [], "edges": []})
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
    glue = (STATIC / "network_standalone.js").read_text(encoding="utf-8")
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
</style></head>
<body>
<h1 style="font-size:1.2rem">{html_text(title)}</h1>
<p style="font-size:0.85rem">{html_text(note)}</p>
{legend_block}
<div id="anc-layout"><div id="anc-network"></div><div id="anc-card"></div></div>
<script>{script_safe(js)}</script>
<script>window.ANCRAGE_DATA = {data};</script>
<script>{script_safe(glue)}</script>
</body></html>
"""


# ---------------------------------------------------------------------------------------------
# exports of the filtered network
# ---------------------------------------------------------------------------------------------

def export_graph(g: nx.Graph, names: dict | None = None, scores: dict | None = None) -> nx.Graph:
    """A copy of ``g`` with only scalar attributes (lists joined with "; "), for GEXF/GraphML."""
    names, scores = names or {}, scores or {}
    h = g.__class__()
    for n, d in g.nodes(data=True):
        h.add_node(n, label=names.get(n) or d.get("label") or code_of(n), kind=d.get("kind", ""),
                   categories="; ".join(label_of(c, names) for c in d.get("categories", ())),
                   territories="; ".join(label_of(t, names) for t in d.get("territories", ())),
                   levels="; ".join(code_of(x) for x in d.get("levels", ())),
                   worlds="; ".join(label_of(w, names) for w in d.get("worlds", ())),
                   score=float(scores.get(n, 0.0)), uri=n)
    edges = g.edges(data=True, keys=True) if g.is_multigraph() else ((a, b, None, d) for a, b, d in g.edges(data=True))
    for a, b, k, d in edges:
        attrs = dict(weight=float(d.get("weight", 1)), kind=d.get("kind", ""),
                     kinds="; ".join(d.get("kinds", ())), direction=d.get("direction", ""),
                     relations="; ".join(d.get("relations", ())))
        if g.is_multigraph():
            h.add_edge(a, b, **attrs)
        else:
            h.add_edge(a, b, **attrs)
    return h


def to_gexf(g: nx.Graph, names: dict | None = None, scores: dict | None = None) -> bytes:
    """GEXF 1.2 of the network (for Gephi)."""
    return "\n".join(nx.generate_gexf(export_graph(g, names, scores))).encode("utf-8")


def to_graphml(g: nx.Graph, names: dict | None = None, scores: dict | None = None) -> bytes:
    """GraphML of the network."""
    return "\n".join(nx.generate_graphml(export_graph(g, names, scores))).encode("utf-8")


def nodes_table(g: nx.Graph, names: dict | None = None, scores: dict | None = None) -> list[dict]:
    """One row per node: IRI, label, kind, categories, territories, worlds, score."""
    h = export_graph(g, names, scores)
    return [{"uri": n, "label": d["label"], "kind": d["kind"], "categories": d["categories"],
             "territories": d["territories"], "worlds": d["worlds"], "score": d["score"]}
            for n, d in sorted(h.nodes(data=True), key=lambda x: (-x[1]["score"], x[1]["label"].lower(), x[0]))]


def edges_table(g: nx.Graph, names: dict | None = None) -> list[dict]:
    """One row per edge: source and target IRIs and labels, kind(s), weight, direction."""
    names = names or {}
    h = export_graph(g, names)
    edges = h.edges(data=True)
    return [{"source": a, "source_label": h.nodes[a]["label"], "target": b, "target_label": h.nodes[b]["label"],
             "kind": d["kind"], "kinds": d["kinds"], "direction": d["direction"], "weight": d["weight"]}
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
               unobserved: frozenset | set | None = None) -> NetworkView:
    """The node limit, the vis payload and the legend of the filtered graph ``g``.

    ``scores`` are the sizes (e.g. a measure of :func:`kg.analysis.analyse`, with ``method`` the
    sentence saying how it was computed); without them :func:`centrality` computes ``measure``
    on ``g``. ``communities`` (node → number) colours by community.
    """
    if scores is None:
        scores = centrality(g, measure)
        if measure == "betweenness":
            method = betweenness_method(g.number_of_nodes())
    else:
        scores = {n: float(scores.get(n) or 0.0) for n in g.nodes}
    view, left = limit_view(g, scores, limit, keep=tuple(x for x in (focus, selected) if x), names=names)
    payload = vis_payload(view, scores, names, kind_labels, focus=focus, selected=selected, communities=communities,
                          unobserved=unobserved)
    return NetworkView(g, view, scores, left, payload, legend(view, names, kind_labels, communities), measure, method)
