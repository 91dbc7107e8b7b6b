"""Brokerage: Burt's constraint and effective size; actors shared between committees.

Effective size follows Borgatti's simplification for unweighted ties:
``esize(i) = deg(i) − 2·t(i) / deg(i)``, ``t(i)`` the ties among i's neighbours, i.e.
``deg − (deg − 1)·C(i)`` with ``C(i)`` the local clustering coefficient. Constraint is Burt's,
on weighted ties (igraph). A low constraint and a high effective size mark a broker.

>>> import networkx as nx
>>> from kg.analysis.centrality import to_igraph
>>> star = nx.star_graph(3)          # centre 0, leaves 1..3
>>> values = brokerage(to_igraph(nx.relabel_nodes(star, str))[0])
>>> values["effective_size"]
[3.0, 1.0, 1.0, 1.0]
>>> values["constraint"][0]
0.3333
"""

from __future__ import annotations

import igraph as ig


def brokerage(g: ig.Graph) -> dict[str, list]:
    """``constraint`` and ``effective_size`` of every vertex (``None`` for an isolated one)."""
    if g.vcount() == 0:
        return {"constraint": [], "effective_size": []}
    degree = g.degree()
    clustering = g.transitivity_local_undirected(mode="zero")
    esize = [None if d == 0 else round(d - (d - 1) * c, 4) for d, c in zip(degree, clustering)]
    raw = g.constraint(weights="weight" if g.ecount() else None)
    constraint = [None if d == 0 or v != v else round(v, 4) for d, v in zip(degree, raw)]
    return {"constraint": constraint, "effective_size": esize}


def shared_actors(members: dict[str, set[str]], labels: dict[str, str] | None = None) -> list[dict]:
    """Actors that are members of two committees or more, most shared first (ties by IRI).

    >>> shared_actors({"c1": {"a", "b"}, "c2": {"b"}, "c3": {"b", "a"}})
    [{'iri': 'b', 'label': 'b', 'committees': ['c1', 'c2', 'c3'], 'count': 3}, {'iri': 'a', 'label': 'a', 'committees': ['c1', 'c3'], 'count': 2}]
    """
    labels = labels or {}
    by_actor: dict[str, list[str]] = {}
    for committee, actors in members.items():
        for a in actors:
            by_actor.setdefault(a, []).append(committee)
    shared = [{"iri": a, "label": labels.get(a, a.rsplit("/", 1)[-1]), "committees": sorted(cs), "count": len(cs)}
              for a, cs in by_actor.items() if len(cs) >= 2]
    return sorted(shared, key=lambda d: (-d["count"], d["iri"]))
