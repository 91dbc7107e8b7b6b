"""Projections of the RDF dataset: derived graphs, never edited.

* :func:`property_graph` — every typed resource as a node and every IRI-valued property as an
  edge, following :mod:`kg.mapping` (the shape of the Neo4j, GraphML and GEXF exports);
* :func:`actor_network` — the network analysts mean: actors (organisations, committees,
  groups, public-role persons) linked by memberships, partnerships, information flows,
  sub-organisation and accompaniment, with one undirected weighted edge per pair.

>>> from kg.store import Store
>>> from kg.sources import Source
>>> nt = '''<https://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#Organisation> .
... <https://ex.org/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#LocalCommittee> .
... <https://ex.org/m> <http://www.w3.org/ns/org#member> <https://ex.org/a> .
... <https://ex.org/m> <http://www.w3.org/ns/org#organization> <https://ex.org/b> .
... <https://ex.org/m> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#Membership> .'''
>>> store = Store.in_memory([Source.from_ntriples("t", "t", nt.splitlines())])
>>> g = actor_network(store)
>>> sorted(g.edges(data="kind"))
[('https://ex.org/a', 'https://ex.org/b', 'membership')]
>>> property_graph(store).number_of_edges()
2
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .mapping import (
    IRI_AS_PROPERTY,
    SOURCE_KEY,
    URI_KEY,
    node_label,
    property_key,
    rel_type,
)
from .namespaces import ANC, OBSERVED
from .read.vocab import ACTOR_KIND_VALUES, ACTOR_VALUES, LINKS, most_specific_kind

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def property_graph(store, graph=None) -> nx.MultiDiGraph:
    """Every typed resource as a node, every IRI-valued property between them as an edge.

    Node attributes: ``labels`` (sorted class local names), ``uri``, ``sourceGraph`` and one
    attribute per literal property (lists where a property repeats). Edge key: relationship type.
    """
    g = nx.MultiDiGraph()
    types = store.select("SELECT ?s ?t ?g WHERE { GRAPH ?g { ?s a ?t } FILTER(isIRI(?s)) }", graph=None)
    labels: dict[str, set] = defaultdict(set)
    source: dict[str, str] = {}
    for s, t, src in types.rows:
        labels[s].add(node_label(t))
        source.setdefault(s, src)
    for s, labs in labels.items():
        g.add_node(s, labels=sorted(labs), **{URI_KEY: s, SOURCE_KEY: source[s]})
    literals = store.select(
        "SELECT ?s ?p ?o (LANG(?o) AS ?lang) WHERE { ?s ?p ?o FILTER(isLiteral(?o) && isIRI(?s)) }")
    for s, p, o, lang in literals.rows:
        if s not in g:
            continue
        _add_value(g.nodes[s], property_key(p, lang or None), o)
    links = store.select(f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(isIRI(?o) && isIRI(?s) && ?p != <{RDF_TYPE}>) }}")
    for s, p, o in links.rows:
        if p in IRI_AS_PROPERTY:
            if s in g:
                _add_value(g.nodes[s], property_key(p), o)
            continue
        if s in g and o in g:
            g.add_edge(s, o, key=rel_type(p), type=rel_type(p))
    return g


def _add_value(attrs: dict, key: str, value) -> None:
    if key in attrs:
        current = attrs[key]
        attrs[key] = (current if isinstance(current, list) else [current]) + [value]
        attrs[key] = sorted(attrs[key], key=str)
    else:
        attrs[key] = value


def _network_query() -> str:
    """One ``UNION`` branch per kind of link of :data:`kg.read.vocab.LINKS` (a partnership once per pair)."""
    branches = []
    for link in LINKS:
        order = " FILTER(STR(?a) < STR(?b))" if link.symmetric else ""
        if link.other_heads:
            order += f" FILTER EXISTS {{ ?b a ?bt . VALUES ?bt {{ {ACTOR_VALUES} }} }}"
        branches.append(f"{{ {link.directed()}{order} BIND(\"{link.kind}\" AS ?kind) }}")
    return "SELECT ?a ?b ?kind ?rel WHERE {\n  " + "\n  UNION ".join(branches) + "\n}\n"


ACTOR_NETWORK_QUERY = _network_query()

ACTOR_ATTRIBUTES_QUERY = """
SELECT ?a ?label ?category ?territory ?level ?world ?kind WHERE {
  ?a a ?kind . VALUES ?kind { %s }
  OPTIONAL { ?a skos:prefLabel ?label FILTER(LANG(?label) = "fr" || LANG(?label) = "") }
  OPTIONAL { ?a anc:category ?category }
  OPTIONAL { ?a anc:locatedIn|anc:territory ?territory . OPTIONAL { ?territory anc:level ?level } }
  OPTIONAL { ?a anc:world ?world }
}
""" % ACTOR_KIND_VALUES


def actor_network(store, graph=None, use_cache: bool = True, write_cache: bool = True,
                  observed_only: bool = False) -> nx.Graph:
    """Undirected weighted actor–actor network, from the store's read model (:mod:`kg.read.model`:
    the parts written with each source, combined in seconds), or through SPARQL for a store
    without one (a remote endpoint). ``graph`` restricts it to one named graph (or a list).

    Edge attributes: ``weight`` (number of relations between the pair), ``kind`` (the kind of
    the first relation seen, in a stable order), ``kinds`` (all kinds, sorted), ``relations``
    (the IRIs of the membership/partnership/flow nodes, sorted), ``tail`` (the first directed
    relation's origin: member, sub-organisation, sender, accompanying actor), ``observed`` (how
    many of the relations are observed: no ``anc:statementStatus``, or ``observe``) and
    ``unobserved`` (the relation nodes with another status, sorted). Node attributes: ``label``,
    ``categories``, ``territories``, ``levels``, ``worlds`` (sorted lists of IRIs) and ``kind``.
    ``observed_only=True`` keeps the observed relations only (:func:`kg.read.model.observed_network`:
    what the analysis counts). ``use_cache`` and ``write_cache`` are kept for callers (the model is
    kept in memory per generation; its parts are written with the sources).
    """
    from .read.model import model_for, observed_network

    graphs = None if graph is None else [str(x) for x in (graph if isinstance(graph, list) else [graph])]
    model = model_for(store, graphs)
    if model is not None:
        return model.actor_network(observed_only=observed_only)
    g = _build_actor_network(store, graph)
    return observed_network(g) if observed_only else g


def _canonical(g: nx.Graph) -> nx.Graph:
    """The same graph with its edges inserted in its own edge order (a stable adjacency order)."""
    out = nx.Graph()
    out.add_nodes_from(g.nodes(data=True))
    out.add_edges_from(g.edges(data=True))
    return out


def _build_actor_network(store, graph=None) -> nx.Graph:
    """The actor network through SPARQL (a store without a read model: a remote endpoint)."""
    g = nx.Graph()
    attrs: dict[str, dict] = {}
    for a, label, category, territory, level, world, kind in store.select(ACTOR_ATTRIBUTES_QUERY, graph=graph).rows:
        d = attrs.setdefault(a, {"label": None, "categories": set(), "territories": set(),
                                 "levels": set(), "worlds": set(), "kind": set()})
        if label and not d["label"]:
            d["label"] = label
        for key, value in (("categories", category), ("territories", territory), ("levels", level),
                           ("worlds", world), ("kind", kind)):
            if value:
                d[key].add(value)
    for a, d in sorted(attrs.items()):
        g.add_node(a, label=d["label"] or a.rsplit("/", 1)[-1], kind=most_specific_kind(d["kind"]),
                   **{k: sorted(d[k]) for k in ("categories", "territories", "levels", "worlds")})
    rows = _relation_rows(store, graph)
    for a, b, kind, rel in sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3] or "")):
        if a == b or a not in g or b not in g:
            continue
        if g.has_edge(a, b):
            e = g.edges[a, b]
            e["weight"] += 1
            if kind not in e["kinds"]:
                e["kinds"] = sorted(e["kinds"] + [kind])
            if rel and rel not in e["relations"]:
                e["relations"].append(rel)  # rows are sorted, so this list stays sorted per kind
        else:
            g.add_edge(a, b, weight=1, kind=kind, kinds=[kind], relations=[rel] if rel else [])
        e = g.edges[a, b]
        if kind != "partnership" and "tail" not in e:
            e["tail"] = a  # the member, the sub-organisation, the sender, the one accompanying
    unobserved = {r for (r,) in store.select(
        f"SELECT DISTINCT ?r WHERE {{ ?r anc:statementStatus ?s FILTER(?s != <{OBSERVED}>) }}", graph=graph).rows}
    for _, _, e in g.edges(data=True):
        e["relations"] = sorted(e["relations"])
        e["unobserved"] = [r for r in e["relations"] if r in unobserved]
        e["observed"] = e["weight"] - len(e["unobserved"])
    return _canonical(g)


def _relation_rows(store, graph=None) -> list[tuple]:
    """(a, b, kind, relation) rows of :data:`ACTOR_NETWORK_QUERY`.

    A store without a read model (a remote endpoint) answers the SPARQL query.
    """
    return store.select(ACTOR_NETWORK_QUERY, graph=graph).rows


__all__ = ["property_graph", "actor_network", "ANC"]
