"""What the graph holds: triples, named graphs with their provenance, instances per class.

>>> from kg.store import Store
>>> compute_stats(Store.in_memory())["triples"]
0
"""

from __future__ import annotations

from .mapping import prefixed

GRAPHS_QUERY = """
SELECT ?g ?title ?licence ?loaded ?version ?records ?rejected WHERE {
  GRAPH ?g { ?g a anc:Dataset .
    OPTIONAL { ?g dct:title ?title } OPTIONAL { ?g dct:license ?licence }
    OPTIONAL { ?g prov:generatedAtTime ?loaded } OPTIONAL { ?g dct:hasVersion ?version }
    OPTIONAL { ?g anc:recordCount ?records } OPTIONAL { ?g anc:rejectedCount ?rejected } }
}
"""


def compute_stats(store) -> dict:
    """Counts as plain data (JSON-ready): ``triples``, ``graphs`` (list), ``classes`` (prefixed → n)."""
    meta = {row[0]: row for row in store.select(GRAPHS_QUERY).rows}
    per_graph = {g: n for g, n in store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
        if not str(g).startswith("urn:ancrage:")}  # a remote store's own bookkeeping graphs
    graphs = []
    for g in sorted(set(per_graph) | set(meta)):
        _, title, licence, loaded, version, records, rejected = meta.get(g, (g,) + (None,) * 6)
        graphs.append({"graph": g, "title": title, "licence": licence,
                       "loaded": str(loaded) if loaded else None, "version": version,
                       "records": records, "rejected": rejected, "triples": per_graph.get(g, 0)})
    classes = store.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c").rows
    return {
        "version": store.version,
        "triples": sum(per_graph.values()),
        "graphs": graphs,
        "classes": {prefixed(c): n for c, n in classes},
    }
