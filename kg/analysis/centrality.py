"""Centralities of the actor network with igraph: degree, betweenness, closeness, PageRank.

Betweenness is exact up to :data:`EXACT_BETWEENNESS_MAX_NODES` nodes. Above, it is estimated from
shortest paths of bounded length, from every source: length at most 3 up to
:data:`CUTOFF3_MAX_NODES` nodes (20/20 with exact on the top 20 of the 10 % national graph), then
length at most 2 up to :data:`CUTOFF_BETWEENNESS_MAX_NODES` nodes (19/20 on the 10 % graph, about
a minute on the national graph, too slow for its 60 s budget; docs/measurements.md), and from
:data:`SAMPLED_SOURCES` random source nodes (seeded, every path length; about 13 s on the
national graph) beyond. Closeness is the harmonic centrality (defined on disconnected graphs),
exact up to :data:`EXACT_CLOSENESS_MAX_NODES` nodes, with paths of length at most 3 up to
:data:`CUTOFF3_MAX_NODES` nodes, at most 2 up to :data:`CUTOFF_BETWEENNESS_MAX_NODES` nodes, and
estimated from the distances to :data:`CLOSENESS_SOURCES` random nodes (seeded) beyond. Every
result says which method was used (``methods``). Shortest paths ignore weights (a weight counts relations, it is not a distance).

>>> import networkx as nx
>>> g = nx.path_graph(["a", "b", "c"])
>>> ig_graph, names = to_igraph(g)
>>> values, methods = centralities(ig_graph)
>>> values["betweenness"]
[0.0, 1.0, 0.0]
>>> methods["betweenness"]["method"]
'exact'
"""

from __future__ import annotations

import random

import igraph as ig
import networkx as nx

EXACT_BETWEENNESS_MAX_NODES = 5_000
#: Up to this many nodes the bounded-length estimates use paths of length ≤ 3, above ≤ 2.
CUTOFF3_MAX_NODES = 12_000
CUTOFF_BETWEENNESS_MAX_NODES = 50_000
BETWEENNESS_CUTOFF = 3
SAMPLED_SOURCES = 200
EXACT_CLOSENESS_MAX_NODES = 12_000
CLOSENESS_CUTOFF = 3
#: Sources of the harmonic-closeness estimate above :data:`CUTOFF_BETWEENNESS_MAX_NODES` nodes.
CLOSENESS_SOURCES = 64
SEED = 42


def to_igraph(g: nx.Graph) -> tuple[ig.Graph, list[str]]:
    """An undirected igraph copy (vertex order: sorted node names; edge attribute ``weight``)."""
    names = sorted(g.nodes)
    index = {n: i for i, n in enumerate(names)}
    edges = sorted((min(index[a], index[b]), max(index[a], index[b]), float(w))
                   for a, b, w in g.edges(data="weight", default=1))
    h = ig.Graph(n=len(names), edges=[(a, b) for a, b, _ in edges], directed=False)
    h.es["weight"] = [w for _, _, w in edges]
    h.vs["name"] = names
    return h, names


def _cutoff(n: int) -> int:
    """The path-length bound of the estimates for a graph of ``n`` nodes (3, or 2 above
    :data:`CUTOFF3_MAX_NODES`: on the national graph length 3 reaches most of the graph from
    every source and costs many minutes, length 2 about one)."""
    return BETWEENNESS_CUTOFF if n <= CUTOFF3_MAX_NODES else BETWEENNESS_CUTOFF - 1


def _norm(n: int) -> float:
    """networkx's normalisation of undirected betweenness: 2 / ((n-1)(n-2))."""
    return 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0


def betweenness(g: ig.Graph, seed: int = SEED) -> tuple[list[float], dict]:
    """Normalised betweenness and a statement of the method used."""
    n = g.vcount()
    if n <= EXACT_BETWEENNESS_MAX_NODES:
        raw = g.betweenness(directed=False)
        method = {"method": "exact", "sampled": False,
                  "fr": f"exacte ({n} nœuds ≤ {EXACT_BETWEENNESS_MAX_NODES})",
                  "en": f"exact ({n} nodes ≤ {EXACT_BETWEENNESS_MAX_NODES})"}
    elif n <= CUTOFF_BETWEENNESS_MAX_NODES:
        cutoff = _cutoff(n)
        raw = g.betweenness(directed=False, cutoff=cutoff)
        method = {"method": "cutoff", "cutoff": cutoff, "sampled": True,
                  "fr": f"estimée : chemins de longueur ≤ {cutoff}, toutes les sources ({n} nœuds > "
                        f"{EXACT_BETWEENNESS_MAX_NODES})",
                  "en": f"estimated: paths of length ≤ {cutoff}, all sources ({n} nodes > "
                        f"{EXACT_BETWEENNESS_MAX_NODES})"}
    else:
        k = min(SAMPLED_SOURCES, n)
        sources = sorted(random.Random(seed).sample(range(n), k))
        raw = [v * n / k for v in g.betweenness(directed=False, sources=sources)]
        method = {"method": "sampled", "sources": k, "seed": seed, "sampled": True,
                  "fr": f"estimée : {k} sources tirées au hasard (graine {seed}), ({n} nœuds > "
                        f"{CUTOFF_BETWEENNESS_MAX_NODES})",
                  "en": f"estimated: {k} random sources (seed {seed}), ({n} nodes > "
                        f"{CUTOFF_BETWEENNESS_MAX_NODES})"}
    scale = _norm(n)
    return [round(v * scale, 8) for v in raw], method


def _sampled_closeness(g: ig.Graph, seed: int = SEED) -> tuple[list[float], dict]:
    """Harmonic closeness estimated from ``k`` random sources: distances are symmetric, so the
    mean of ``1/d(s, v)`` over the sources estimates ``v``'s mean over every node."""
    import numpy as np

    n = g.vcount()
    k = min(CLOSENESS_SOURCES, n)
    sources = sorted(random.Random(seed + 1).sample(range(n), k))
    total = np.zeros(n)
    for start in range(0, k, 16):
        d = np.asarray(g.distances(source=sources[start:start + 16]), dtype=float)
        with np.errstate(divide="ignore"):
            inv = 1.0 / d
        inv[~np.isfinite(inv)] = 0.0  # the source itself (d = 0) and other components (d = inf)
        total += inv.sum(axis=0)
    is_source = np.zeros(n, dtype=bool)
    is_source[sources] = True
    # a source's own row does not count: it saw k - 1 other sources
    denom = np.where(is_source, max(k - 1, 1), k)
    values = (total / denom).tolist()
    method = {"method": "sampled", "sources": k, "seed": seed + 1, "sampled": True,
              "fr": f"estimée : distances à {k} nœuds tirés au hasard (graine {seed + 1}) ({n} nœuds > "
                    f"{CUTOFF_BETWEENNESS_MAX_NODES})",
              "en": f"estimated: distances to {k} random nodes (seed {seed + 1}) ({n} nodes > "
                    f"{CUTOFF_BETWEENNESS_MAX_NODES})"}
    return [round(v, 8) for v in values], method


def closeness(g: ig.Graph, seed: int = SEED) -> tuple[list[float], dict]:
    """Harmonic closeness (normalised, in [0, 1]) and the method used."""
    n = g.vcount()
    if n <= EXACT_CLOSENESS_MAX_NODES:
        values = g.harmonic_centrality(normalized=True)
        method = {"method": "exact", "sampled": False, "fr": f"exacte (harmonique, {n} nœuds)",
                  "en": f"exact (harmonic, {n} nodes)"}
    elif n > CUTOFF_BETWEENNESS_MAX_NODES:
        return _sampled_closeness(g, seed)
    else:
        cutoff = min(CLOSENESS_CUTOFF, _cutoff(n))
        values = g.harmonic_centrality(normalized=True, cutoff=cutoff)
        method = {"method": "cutoff", "cutoff": cutoff, "sampled": True,
                  "fr": f"estimée : chemins de longueur ≤ {cutoff} ({n} nœuds > {EXACT_CLOSENESS_MAX_NODES})",
                  "en": f"estimated: paths of length ≤ {cutoff} ({n} nodes > {EXACT_CLOSENESS_MAX_NODES})"}
    return [round(v, 8) if v == v else 0.0 for v in values], method


def centralities(g: ig.Graph, seed: int = SEED) -> tuple[dict[str, list], dict[str, dict]]:
    """Degree, weighted degree, betweenness, closeness and PageRank of every vertex, in order."""
    methods: dict[str, dict] = {}
    values: dict[str, list] = {"degree": g.degree(),
                               "weighted_degree": [int(s) for s in g.strength(weights="weight")]}
    values["betweenness"], methods["betweenness"] = betweenness(g, seed)
    values["closeness"], methods["closeness"] = closeness(g, seed)
    values["pagerank"] = [round(v, 8) for v in g.pagerank(weights="weight")] if g.vcount() else []
    methods["pagerank"] = {"method": "exact", "sampled": False, "fr": "exacte (pondérée, amortissement 0,85)",
                           "en": "exact (weighted, damping 0.85)"}
    return values, methods
