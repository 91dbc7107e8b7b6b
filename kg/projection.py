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

import hashlib
from collections import defaultdict

import networkx as nx
import numpy as np

from . import diskcache
from .mapping import IRI_AS_PROPERTY, SOURCE_KEY, URI_KEY, node_label, property_key, rel_type
from .namespaces import ANC

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


def actor_network(store, graph=None, use_cache: bool = True, write_cache: bool = True) -> nx.Graph:
    """Undirected weighted actor–actor network, cached on disk by store version.

    The cache (``<store folder>/cache/actor-network--<version>….derived``, :mod:`kg.diskcache`)
    makes a cold explorer or analysis process start in a second on a national store instead of
    re-reading every relation from disk; a new store generation has a new version, so the cache
    cannot go stale. In-memory and remote stores are not cached here.

    Edge attributes: ``weight`` (number of relations between the pair), ``kind`` (the kind of
    the first relation seen, in a stable order), ``kinds`` (all kinds, sorted) and ``relations``
    (the IRIs of the membership/partnership/flow nodes, sorted), ``tail`` (the first directed
    relation's origin: member, sub-organisation, sender, accompanying actor). Node attributes: ``label``,
    ``categories``, ``territories``, ``levels``, ``worlds`` (sorted lists of IRIs) and ``kind``.
    ``use_cache=False`` neither reads nor writes the cache; ``write_cache=False`` reads it when
    it is there but writes none.
    """
    compute = lambda: _build_actor_network(store, graph)  # noqa: E731
    if not use_cache:
        return compute()
    suffix = "" if graph is None else "--" + hashlib.sha1(str(graph).encode()).hexdigest()[:10]
    return CACHE.get(store, compute, suffix, write=write_cache)


NODE_LISTS = ("categories", "territories", "levels", "worlds")
EDGE_LISTS = ("kinds", "relations")


def _encode_network(g: nx.Graph) -> diskcache.Columns:
    """The network as columns: nodes and edges in the graph's own order (so the adjacency read
    back is the same, see :func:`_canonical`)."""
    table = diskcache.StringTable()
    nodes = list(g.nodes(data=True))
    edges = list(g.edges(data=True))
    for _, d in nodes:
        if d.keys() != {"label", "kind", *NODE_LISTS}:
            raise ValueError(f"actor network node attributes: {sorted(d)}")
    for _, _, d in edges:
        if d.keys() - {"tail"} != {"weight", "kind", *EDGE_LISTS}:
            raise ValueError(f"actor network edge attributes: {sorted(d)}")
    position = {n: i for i, (n, _) in enumerate(nodes)}
    cols: diskcache.Columns = {
        "node": table.column(n for n, _ in nodes),
        "node_label": table.column(d["label"] for _, d in nodes),
        "node_kind": table.column(d["kind"] for _, d in nodes),
        "edge_a": np.fromiter((position[a] for a, _, _ in edges), dtype=np.int32, count=len(edges)),
        "edge_b": np.fromiter((position[b] for _, b, _ in edges), dtype=np.int32, count=len(edges)),
        "edge_weight": np.fromiter((d["weight"] for _, _, d in edges), dtype=np.int64, count=len(edges)),
        "edge_kind": table.column(d["kind"] for _, _, d in edges),
        # the directed edge's tail (its member, sender, accompanying actor), -1 for a partnership
        "edge_tail": np.fromiter((position[d["tail"]] if "tail" in d else -1 for _, _, d in edges),
                                 dtype=np.int32, count=len(edges)),
    }
    for key in NODE_LISTS:
        cols[f"node_{key}_at"], cols[f"node_{key}"] = table.lists(d[key] for _, d in nodes)
    for key in EDGE_LISTS:
        cols[f"edge_{key}_at"], cols[f"edge_{key}"] = table.lists(d[key] for _, _, d in edges)
    cols["strings"] = table.strings
    return cols


def _decode_network(cols: diskcache.Columns) -> nx.Graph:
    strings = diskcache.StringLookup(cols["strings"])
    nodes = strings.at(cols["node"])
    node_lists = {k: strings.groups(cols[f"node_{k}_at"], cols[f"node_{k}"], as_lists=True) for k in NODE_LISTS}
    labels, kinds = strings.at(cols["node_label"]), strings.at(cols["node_kind"])
    g = nx.Graph()
    g.add_nodes_from((n, {"label": labels[i], "kind": kinds[i], **{k: node_lists[k][i] for k in NODE_LISTS}})
                     for i, n in enumerate(nodes))
    a, b = cols["edge_a"], cols["edge_b"]
    if len(a) and (min(int(a.min()), int(b.min())) < 0 or max(int(a.max()), int(b.max())) >= len(nodes)):
        raise diskcache.InvalidFile("edge end out of range")
    ends_a, ends_b = [nodes[i] for i in a.tolist()], [nodes[i] for i in b.tolist()]
    weight, kind = cols["edge_weight"].tolist(), strings.at(cols["edge_kind"])
    kinds_, relations = (strings.groups(cols[f"edge_{k}_at"], cols[f"edge_{k}"], as_lists=True) for k in EDGE_LISTS)
    tails = cols["edge_tail"].tolist()
    if tails and (min(tails) < -1 or max(tails) >= len(nodes)):
        raise diskcache.InvalidFile("edge tail out of range")

    def attrs(i: int) -> dict:
        d = {"weight": weight[i], "kind": kind[i], "kinds": kinds_[i], "relations": relations[i]}
        if tails[i] >= 0:
            d["tail"] = nodes[tails[i]]
        return d

    g.add_edges_from((ends_a[i], ends_b[i], attrs(i)) for i in range(len(ends_a)))
    return g


def _canonical(g: nx.Graph) -> nx.Graph:
    """The same graph with its edges inserted in its own edge order: read back from the cache
    (nodes, then edges in that order) it has the same adjacency order, so a cold and a warm
    process iterate, export and break ties alike."""
    out = nx.Graph()
    out.add_nodes_from(g.nodes(data=True))
    out.add_edges_from(g.edges(data=True))
    return out


CACHE_NAME = "actor-network"
#: Bump when the columns written by :func:`_encode_network` change meaning.
CACHE_FORMAT = 2  # 2: the directed edges' tail
CACHE: diskcache.DiskCache[nx.Graph] = diskcache.DiskCache(CACHE_NAME, CACHE_FORMAT, _encode_network,
                                                           _decode_network)


def _build_actor_network(store, graph=None) -> nx.Graph:
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
    for _, _, e in g.edges(data=True):
        e["relations"] = sorted(e["relations"])
    return _canonical(g)


def _relation_rows(store, graph=None) -> list[tuple]:
    """(a, b, kind, relation) rows of :data:`ACTOR_NETWORK_QUERY`.

    On the embedded store the rows come from Oxigraph's quad index, one predicate at a time,
    about five times faster than the SPARQL union on disk (where every term is decoded from
    RocksDB); a remote store answers the SPARQL query.
    """
    oxi = getattr(store, "oxi", None)
    if oxi is None:
        return store.select(ACTOR_NETWORK_QUERY, graph=graph).rows
    import pyoxigraph as ox

    graph_node = ox.NamedNode(str(graph)) if graph else None

    def pairs(predicate: str) -> set[tuple[str, str]]:
        return {(q.subject.value, q.object.value)
                for q in oxi.quads_for_pattern(None, ox.NamedNode(predicate), None, graph_node)
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)}

    def typed(cls: str) -> set[str]:
        return {s for s, _ in pairs_of_type(cls)}

    def pairs_of_type(cls: str):
        return ((q.subject.value, None) for q in oxi.quads_for_pattern(
            None, ox.NamedNode(RDF_TYPE), ox.NamedNode(str(ANC[cls])), graph_node))

    def grouped(predicate: str, keep: set[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for s, o in pairs(predicate):
            if s in keep:
                out[s].append(o)
        return out

    rows: list[tuple] = []
    for link in LINKS:
        if link.relation is None:
            rows.extend((a, b, link.kind, None) for a, b in pairs(link.tail))
            continue
        relations = typed(link.relation)
        tails = grouped(link.tail, relations)
        if link.symmetric:
            for rel, ps in tails.items():
                ps = sorted(set(ps))
                rows.extend((a, b, link.kind, rel) for i, a in enumerate(ps) for b in ps[i + 1:])
            continue
        heads = grouped(link.head, relations)
        for rel, ts in tails.items():
            rows.extend((a, b, link.kind, rel) for a in ts for b in heads.get(rel, ()))
    return rows


__all__ = ["property_graph", "actor_network", "ANC"]
