"""Communities of the actor network: Leiden (leidenalg), modularity, seeded hence reproducible.

>>> import networkx as nx
>>> from kg.analysis.centrality import to_igraph
>>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
>>> membership, info = communities(to_igraph(g)[0])
>>> membership
[0, 0, 0, 1, 1, 1]
>>> info["count"]
2
"""

from __future__ import annotations

import random

import igraph as ig
import leidenalg

SEED = 42
#: Above this many nodes, igraph's own Leiden (C, same objective) replaces leidenalg's: on the
#: national graph leidenalg takes most of a minute, igraph's a few seconds.
LEIDENALG_MAX_NODES = 50_000


def communities(g: ig.Graph, seed: int = SEED) -> tuple[list[int], dict]:
    """Community of every vertex (0 = largest; ties by first vertex) and a summary."""
    if g.vcount() == 0:
        return [], {"count": 0, "modularity": 0.0, "sizes": [], "method": _method(seed)}
    weights = "weight" if g.ecount() else None
    if g.vcount() <= LEIDENALG_MAX_NODES:
        part = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights=weights, seed=seed)
        raw, method = list(part.membership), _method(seed)
    else:
        state = random.getstate()
        random.seed(seed)  # python-igraph draws from Python's random module: seeded, reproducible
        try:
            raw = list(g.community_leiden(objective_function="modularity", weights=weights,
                                          n_iterations=2).membership)
        finally:
            random.setstate(state)
        method = _method(seed, library="igraph")
    first: dict[int, int] = {}
    size: dict[int, int] = {}
    for v, c in enumerate(raw):
        first.setdefault(c, v)
        size[c] = size.get(c, 0) + 1
    order = sorted(size, key=lambda c: (-size[c], first[c]))
    renumber = {c: i for i, c in enumerate(order)}
    membership = [renumber[c] for c in raw]
    modularity = g.modularity(membership, weights=weights) if g.ecount() else 0.0
    return membership, {"count": len(order), "modularity": round(modularity, 6),
                        "sizes": [size[c] for c in order], "method": method}


def _method(seed: int, library: str = "leidenalg") -> dict:
    extra = "" if library == "leidenalg" else f", {library}, {LEIDENALG_MAX_NODES} nœuds et plus"
    extra_en = "" if library == "leidenalg" else f", {library}, above {LEIDENALG_MAX_NODES} nodes"
    return {"method": "leiden", "library": library, "sampled": False, "seed": seed,
            "fr": f"Leiden (modularité pondérée, graine {seed}{extra})",
            "en": f"Leiden (weighted modularity, seed {seed}{extra_en})"}
