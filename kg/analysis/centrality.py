"""Centralities of the actor network with igraph and numpy: degree, betweenness, closeness, PageRank.

Betweenness is exact up to :data:`EXACT_BETWEENNESS_MAX_NODES` nodes. Above, whatever the size,
one estimator (:func:`estimated_betweenness`) is used:

* pairs at distance 2 are counted **exactly**, in closed form (:func:`cutoff2_betweenness`: a
  pair of non-adjacent nodes shares 1 among its common neighbours);
* longer pairs come from :data:`BETWEENNESS_SOURCES` **sources drawn at random** (seeded), one
  breadth-first search each, scaled by ``n / k``. Within a search, a node takes a shortest path
  only from the endpoint **farther from it** (half from each endpoint when it sits in the
  middle). Both endpoints' shares add up to the path, so with every node as a source the sum is
  exact betweenness and a random sample is unbiased; and the nodes next to a sampled source no
  longer get the huge shares that make plain source sampling noisy (a scaling function in the
  framework of Geisberger, Sanders & Schultes, ALENEX 2008).

Measured (``bench/run.py`` reports the 10 % figures in its analysis section): on the 10 %
national graph and three other generated 10 % graphs (15,161 nodes each), 300 sources keep 18
to 20 of the exact top 20 for each of 8 seeds (32 runs), where plain source sampling (every
path counted from both ends) keeps 13 to 17 with 200 sources and 16 to 20 with 1,600, and the
distance-2 part alone 16 to 19. On the national graph of ``bench/bench_read_model.py``
(192,240 nodes of which 42,711 isolated, 940,403 edges) it takes about 8 s (median of 3 on 2
shared cores, load 2.6 to 4.1, 2026-12-07: 1.9 to 2.8 s for the distance-2 part, then 5.3 to
5.6 s for the 300 sources, about 24 ms per source outside the isolated nodes, four fifths of it
the breadth-first search); on the earlier national graph (150,161 nodes) three seeds agree with
a 3,000-source run of the same estimator on 18 to 20 of its top 20. Two worker processes were
slower there (spawn cost, busy cores), so the sources are walked in this process.

Closeness is the harmonic centrality (defined on disconnected graphs), exact up to
:data:`EXACT_CLOSENESS_MAX_NODES` nodes, with paths of length at most
:data:`CLOSENESS_CUTOFF` up to :data:`CUTOFF_CLOSENESS_MAX_NODES` nodes (length 3 would reach
most of the national graph from every source and cost many minutes), and estimated from the distances to :data:`CLOSENESS_SOURCES` random nodes (seeded)
beyond. Every result says which method was used (``methods``). Shortest paths ignore weights (a
weight counts relations, it is not a distance).

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
import numpy as np

EXACT_BETWEENNESS_MAX_NODES = 5_000
#: Sources walked by the estimate above :data:`EXACT_BETWEENNESS_MAX_NODES` nodes.
BETWEENNESS_SOURCES = 300
#: Wedges (paths ``s - v - t``) handled at once by :func:`cutoff2_betweenness` (memory: ~40 B each).
WEDGES_PER_BLOCK = 4_000_000
EXACT_CLOSENESS_MAX_NODES = 12_000
#: Path-length bound of the closeness estimate between the exact and the sampled ranges.
CLOSENESS_CUTOFF = 2
#: Above this many nodes closeness is estimated from :data:`CLOSENESS_SOURCES` random nodes.
CUTOFF_CLOSENESS_MAX_NODES = 50_000
CLOSENESS_SOURCES = 64
SEED = 42


def edge_lists(g: nx.Graph) -> tuple[list[str], list[int], list[int], list]:
    """``(names, lo, hi, weight)`` of a networkx graph: the sorted node names and one row per
    edge (``lo < hi``, positions in the names, rows sorted), ``weight`` its ``weight`` (default 1);
    what :meth:`kg.read.model.ReadModel.actor_edges` gives from the read model's arrays."""
    names = sorted(g.nodes)
    index = {n: i for i, n in enumerate(names)}
    edges = sorted((min(index[a], index[b]), max(index[a], index[b]), w)
                   for a, b, w in g.edges(data="weight", default=1))
    return names, [a for a, _, _ in edges], [b for _, b, _ in edges], [w for _, _, w in edges]


def igraph_from_edges(names: list[str], lo, hi, weight) -> ig.Graph:
    """An undirected igraph graph of ``names`` with the edges ``(lo[k], hi[k])``, edge attribute
    ``weight`` (floats) and vertex attribute ``name``."""
    lo, hi = (x.tolist() if isinstance(x, np.ndarray) else list(x) for x in (lo, hi))
    h = ig.Graph(n=len(names), edges=list(zip(lo, hi)), directed=False)
    h.es["weight"] = [float(w) for w in (weight.tolist() if isinstance(weight, np.ndarray) else weight)]
    h.vs["name"] = names
    return h


def to_igraph(g: nx.Graph) -> tuple[ig.Graph, list[str]]:
    """An undirected igraph copy (vertex order: sorted node names; edge attribute ``weight``)."""
    names, lo, hi, weight = edge_lists(g)
    return igraph_from_edges(names, lo, hi, weight), names


def _norm(n: int) -> float:
    """networkx's normalisation of undirected betweenness: 2 / ((n-1)(n-2))."""
    return 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0


def _adjacency(n: int, edges) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Both directions of every edge as a CSR adjacency: sorted keys ``s * n + t``, their ``s``
    and ``t``, and the start of each row (row ``s`` holds the sorted neighbours of ``s``).
    Loops and repeated edges are dropped."""
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    e = e[e[:, 0] != e[:, 1]]
    key = np.concatenate([e[:, 0] * n + e[:, 1], e[:, 1] * n + e[:, 0]])
    key.sort()
    key = key[np.concatenate(([True], key[1:] != key[:-1]))] if key.size else key
    src = key // n
    dst = key - src * n
    start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=start[1:])
    return key, src, dst, start


def cutoff2_betweenness(n: int, edges, wedges_per_block: int | None = None) -> np.ndarray:
    """Raw betweenness of every node counting the shortest paths of length at most 2.

    A pair ``{s, t}`` of non-adjacent nodes with ``c >= 1`` common neighbours is at distance 2
    and has ``c`` shortest paths, one through each common neighbour: each gets ``1 / c``. Pairs
    at distance 1 or more than 2 count for nothing. So the value of ``v`` is the sum of
    ``1 / c(s, t)`` over the non-adjacent pairs of its neighbours: the same numbers as igraph's
    ``betweenness(directed=False, cutoff=2)``, unnormalised, each unordered pair counted once.

    Every path ``s - v - t`` with ``s < t`` (a wedge) is listed once, in blocks of sources of
    about ``wedges_per_block`` wedges, and sorted by pair: the run of a pair gives ``c``, and the
    direct edge ``s - t``, listed in the same run, marks the pairs at distance 1. Work and memory
    grow with the number of wedges, the sum of ``deg(v)²/2`` (78 M on the national graph).

    Parameters
    ----------
    n : int
        Number of nodes, numbered ``0 … n-1``.
    edges : array-like of shape (m, 2)
        Undirected edges; loops and repeated edges are ignored.
    wedges_per_block : int, optional
        Memory bound (default :data:`WEDGES_PER_BLOCK`); the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        ``n`` floats.

    Examples
    --------
    A square ``0-1-2-3-0`` with a tail ``3-4``: the pair ``{0, 2}`` shares 1 between 1 and 3;
    ``{1, 3}`` between 0 and 2; 3 also carries ``{0, 4}`` and ``{2, 4}``.

    >>> cutoff2_betweenness(5, [(0, 1), (1, 2), (2, 3), (3, 0), (3, 4)]).tolist()
    [0.5, 0.5, 0.5, 2.5, 0.0]
    """
    return _cutoff2(n, _adjacency(n, edges), int(wedges_per_block or WEDGES_PER_BLOCK))


def _cutoff2(n: int, adjacency, block: int) -> np.ndarray:
    key, src, dst, start = adjacency
    out = np.zeros(n + 1)
    if n < 3 or not key.size:
        return out[:n]
    # the edge (v, s) is the reverse of (s, v); the neighbours t > s of v follow it in row v
    order = np.argsort(dst * n + src, kind="stable")
    rev = np.empty_like(order)
    rev[order] = np.arange(order.size)
    lo = rev + 1
    length = start[dst + 1] - lo                       # wedges s - v - t (t > s) of edge (s, v)
    cum = np.zeros(key.size + 1, dtype=np.int64)
    np.cumsum(length, out=cum[1:])
    row_cum = cum[start]                               # wedges before the row of each source
    shift = int(n).bit_length()                        # low bits: the middle node v, or n for an edge
    low = (1 << shift) - 1
    max_rows = max(1, ((1 << 62) >> shift) // n)       # keeps ((s - s0) * n + t) << shift in 63 bits
    s0 = 0
    while s0 < n:
        s1 = int(np.searchsorted(row_cum, row_cum[s0] + block, side="right")) - 1
        s1 = min(max(s1, s0 + 1), s0 + max_rows, n)
        e0, e1 = int(start[s0]), int(start[s1])
        lengths = length[e0:e1]
        wedges = int(cum[e1] - cum[e0])
        if wedges:
            head = ((src[e0:e1] - s0) * n) << shift | dst[e0:e1]
            first = np.repeat(lo[e0:e1] - (cum[e0:e1] - cum[e0]), lengths) + np.arange(wedges)
            pairs = np.repeat(head, lengths) + (dst[first] << shift)
            direct = dst[e0:e1] > src[e0:e1]           # the pair (s, t) is itself an edge
            marks = (((src[e0:e1] - s0) * n + dst[e0:e1]) << shift | n)[direct]
            pairs = np.concatenate((pairs, marks))
            pairs.sort()  # integers: any sort gives the same array; the default (SIMD) is fastest
            pair = pairs >> shift
            cut = np.flatnonzero(pair[1:] != pair[:-1]) + 1
            runs = np.diff(np.concatenate(([0], cut, [pairs.size])))
            adjacent = (pairs[np.concatenate((cut - 1, [pairs.size - 1]))] & low) == n
            share = np.where(adjacent, 0.0, 1.0 / runs)
            out += np.bincount(pairs & low, weights=np.repeat(share, runs), minlength=n + 1)
        s0 = s1
    return out[:n]


def _neighbours(start: np.ndarray, dst: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The neighbours of ``nodes``, row after row, and the index in ``nodes`` of each one's row."""
    deg = start[nodes + 1] - start[nodes]
    rows = np.repeat(np.arange(nodes.size), deg)
    offsets = np.cumsum(deg) - deg
    return dst[(start[nodes] - offsets)[rows] + np.arange(rows.size)], rows


def _shortest_path_levels(start, dst, degree, source, dist, pos):
    """Breadth-first levels from ``source``: the nodes of each level, their numbers of shortest
    paths ``sigma``, and for each step ``a -> a + 1`` the shortest-path edges as local indices
    ``(u in level a, w in level a + 1)``. A level is found top-down (neighbours of the level) or
    bottom-up (unvisited nodes next to it), whichever reads fewer adjacency entries."""
    dist.fill(-1)
    dist[source] = 0
    front, sigma = np.array([source], dtype=np.int64), np.ones(1)
    fronts, sigmas, steps = [front], [sigma], []
    unvisited, left = None, int(degree.sum() - degree[source])   # adjacency entries not yet reached
    level = 0
    while left > 0:
        if int(degree[front].sum()) <= left:        # top-down
            unvisited = None
            w, u_loc = _neighbours(start, dst, front)
            fresh = dist[w] < 0
            w, u_loc = w[fresh], u_loc[fresh]
            dist[w] = level + 1
            seen = np.arange(w.size)
            pos[w] = seen
            nxt = w[pos[w] == seen]                  # each new node once
            pos[nxt] = np.arange(nxt.size)
            w_loc = pos[w]
        else:                                        # bottom-up
            if unvisited is None:
                unvisited = np.flatnonzero(dist < 0)
            u, w_row = _neighbours(start, dst, unvisited)
            near = dist[u] == level
            u, w_row = u[near], w_row[near]
            hit = np.zeros(unvisited.size, dtype=bool)
            hit[w_row] = True
            nxt = unvisited[hit]
            w_loc = (np.cumsum(hit) - 1)[w_row]
            pos[front] = np.arange(front.size)
            u_loc = pos[u]
            dist[nxt] = level + 1
            unvisited = unvisited[~hit]
        if not nxt.size:
            break
        left -= int(degree[nxt].sum())
        sigma = np.bincount(w_loc, weights=sigma[u_loc], minlength=nxt.size)
        steps.append((u_loc, w_loc))
        front = nxt
        fronts.append(front)
        sigmas.append(sigma)
        level += 1
    return fronts, sigmas, steps


def _farther_endpoint(n: int, start: np.ndarray, dst: np.ndarray, sources) -> np.ndarray:
    """Sum over ``sources`` of the share of each node in the shortest paths to targets at distance
    3 or more, a path's inner node ``v`` getting it from the endpoint farther from it: whole
    when ``d(s, v) > d(v, t)``, half when equal, nothing when nearer."""
    out = np.zeros(n)
    degree = np.diff(start)
    dist = np.empty(n, dtype=np.int64)
    pos = np.empty(n, dtype=np.int64)
    for source in sources:
        fronts, sigmas, steps = _shortest_path_levels(start, dst, degree, int(source), dist, pos)
        for far in range(3, len(fronts)):           # targets at distance `far`
            x = 1.0 / sigmas[far]
            for level in range(far - 1, (far + 1) // 2 - 1, -1):   # inner nodes with 2 level >= far
                u_loc, w_loc = steps[level]
                x = np.bincount(u_loc, weights=x[w_loc], minlength=fronts[level].size)
                share = 1.0 if 2 * level > far else 0.5
                out[fronts[level]] += share * sigmas[level] * x
    return out


def estimated_betweenness(n: int, edges, sources=None, *, k: int | None = None, seed: int = SEED,
                          wedges_per_block: int | None = None) -> tuple[np.ndarray, list[int]]:
    """Raw betweenness estimated from sampled sources, exact on the pairs at distance ≤ 2.

    The betweenness of ``v`` sums, over the unordered pairs ``{s, t}``, the share of their
    shortest paths through ``v``. Pairs at distance 2 are counted exactly
    (:func:`cutoff2_betweenness`). Every longer pair is split between its two endpoints: ``v``
    takes it from the endpoint farther from it (half from each when ``v`` is at the middle), so
    the two shares add up to the pair's whole count and the sum over all sources is exact. Then
    only a sample of ``k`` sources is walked (one breadth-first search each), scaled by
    ``n / k``: an unbiased estimate in which the nodes next to a sampled source no longer get
    the huge shares that make plain source sampling noisy (the scaling framework of Geisberger,
    Sanders and Schultes, ALENEX 2008, with a step function).

    Parameters
    ----------
    n : int
        Number of nodes, numbered ``0 … n-1``.
    edges : array-like of shape (m, 2)
        Undirected edges; loops and repeated edges are ignored.
    sources : iterable of int, optional
        The sources to walk; by default ``k`` drawn at random with ``seed``.
    k : int, optional
        Sample size (default :data:`BETWEENNESS_SOURCES`, at most ``n``).
    seed : int
        Seed of the draw (:class:`random.Random`).
    wedges_per_block : int, optional
        Memory bound of :func:`cutoff2_betweenness`.

    Returns
    -------
    (numpy.ndarray, list of int)
        ``n`` floats (each unordered pair counted once, as igraph) and the sorted sources.

    Examples
    --------
    With every node as a source the estimate is exact betweenness:

    >>> g = ig.Graph.Ring(7)
    >>> values, sources = estimated_betweenness(7, g.get_edgelist(), sources=range(7))
    >>> [round(v, 6) for v in values] == [round(v, 6) for v in g.betweenness()]
    True
    """
    if sources is None:
        k = min(BETWEENNESS_SOURCES if k is None else int(k), n)
        sources = sorted(random.Random(seed).sample(range(n), k))
    else:
        sources = sorted({int(s) for s in sources})
    adjacency = _adjacency(n, edges)
    out = _cutoff2(n, adjacency, int(wedges_per_block or WEDGES_PER_BLOCK))
    if sources:
        _, _, dst, start = adjacency
        out += _farther_endpoint(n, start, dst, sources) * (n / len(sources))
    return out, sources


def betweenness(g: ig.Graph, seed: int = SEED, edges=None) -> tuple[list[float], dict]:
    """Normalised betweenness and a statement of the method used (``edges``: ``g``'s edge list as
    an ``(m, 2)`` array, if the caller has it; read from ``g`` otherwise).

    Exact up to :data:`EXACT_BETWEENNESS_MAX_NODES` nodes, estimated above by
    :func:`estimated_betweenness` from :data:`BETWEENNESS_SOURCES` sources drawn with ``seed``.

    Examples
    --------
    >>> values, method = betweenness(ig.Graph.Star(5))
    >>> values[0], method["method"]
    (1.0, 'exact')
    """
    n = g.vcount()
    if n <= EXACT_BETWEENNESS_MAX_NODES:
        raw = g.betweenness(directed=False)
        method = {"method": "exact", "sampled": False,
                  "fr": f"exacte ({n} nœuds ≤ {EXACT_BETWEENNESS_MAX_NODES})",
                  "en": f"exact ({n} nodes ≤ {EXACT_BETWEENNESS_MAX_NODES})"}
    else:
        values, sources = estimated_betweenness(n, g.get_edgelist() if edges is None else edges, seed=seed)
        raw, k = values.tolist(), len(sources)
        method = {"method": "sampled", "sources": k, "seed": seed, "sampled": True,
                  "fr": f"estimée ({n} nœuds > {EXACT_BETWEENNESS_MAX_NODES}) : paires à distance 2 "
                        f"comptées exactement ; paires plus éloignées depuis {k} sources tirées au hasard "
                        f"(graine {seed}), chaque chemin compté pour un nœud depuis l'extrémité la plus "
                        f"éloignée de lui, puis multiplié par {n}/{k} (sans biais)",
                  "en": f"estimated ({n} nodes > {EXACT_BETWEENNESS_MAX_NODES}): pairs at distance 2 "
                        f"counted exactly; longer pairs from {k} random sources (seed {seed}), each path "
                        f"counted for a node from the endpoint farther from it, then scaled by {n}/{k} "
                        f"(unbiased)"}
    scale = _norm(n)
    return [round(v * scale, 8) for v in raw], method


def bfs_distances(n: int, edges, sources, adjacency=None) -> np.ndarray:
    """Hop distances from each of ``sources`` (rows) to every node (columns), ``inf`` where no
    path leads: igraph's ``distances(source=sources)`` as floats, by the breadth-first search of
    the betweenness estimate (igraph's Python lists of lists cost more than its search).
    ``adjacency``: ``_adjacency(n, edges)`` if the caller has it.

    >>> bfs_distances(4, [(0, 1), (1, 2)], [0, 3]).tolist()
    [[0.0, 1.0, 2.0, inf], [inf, inf, inf, 0.0]]
    """
    _, _, dst, start = _adjacency(n, edges) if adjacency is None else adjacency
    degree = np.diff(start)
    dist = np.empty(n, dtype=np.int64)
    pos = np.empty(n, dtype=np.int64)
    out = np.empty((len(sources), n))
    for row, source in enumerate(sources):
        _shortest_path_levels(start, dst, degree, int(source), dist, pos)
        out[row] = dist
    out[out < 0] = np.inf
    return out


def _sampled_closeness(g: ig.Graph, seed: int = SEED, edges=None) -> tuple[list[float], dict]:
    """Harmonic closeness estimated from ``k`` random sources: distances are symmetric, so the
    mean of ``1/d(s, v)`` over the sources estimates ``v``'s mean over every node."""
    n = g.vcount()
    k = min(CLOSENESS_SOURCES, n)
    sources = sorted(random.Random(seed + 1).sample(range(n), k))
    adjacency = _adjacency(n, g.get_edgelist() if edges is None else edges)
    total = np.zeros(n)
    for start in range(0, k, 16):
        d = bfs_distances(n, None, sources[start:start + 16], adjacency)
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
                    f"{CUTOFF_CLOSENESS_MAX_NODES})",
              "en": f"estimated: distances to {k} random nodes (seed {seed + 1}) ({n} nodes > "
                    f"{CUTOFF_CLOSENESS_MAX_NODES})"}
    return [round(v, 8) for v in values], method


def closeness(g: ig.Graph, seed: int = SEED, edges=None) -> tuple[list[float], dict]:
    """Harmonic closeness (normalised, in [0, 1]) and the method used (``edges``: as
    :func:`betweenness`)."""
    n = g.vcount()
    if n <= EXACT_CLOSENESS_MAX_NODES:
        values = g.harmonic_centrality(normalized=True)
        method = {"method": "exact", "sampled": False, "fr": f"exacte (harmonique, {n} nœuds)",
                  "en": f"exact (harmonic, {n} nodes)"}
    elif n > CUTOFF_CLOSENESS_MAX_NODES:
        return _sampled_closeness(g, seed, edges)
    else:
        cutoff = CLOSENESS_CUTOFF
        values = g.harmonic_centrality(normalized=True, cutoff=cutoff)
        method = {"method": "cutoff", "cutoff": cutoff, "sampled": True,
                  "fr": f"estimée : chemins de longueur ≤ {cutoff} ({n} nœuds > {EXACT_CLOSENESS_MAX_NODES})",
                  "en": f"estimated: paths of length ≤ {cutoff} ({n} nodes > {EXACT_CLOSENESS_MAX_NODES})"}
    return [round(v, 8) if v == v else 0.0 for v in values], method


def centralities(g: ig.Graph, seed: int = SEED, edges=None) -> tuple[dict[str, list], dict[str, dict]]:
    """Degree, weighted degree, betweenness, closeness and PageRank of every vertex, in order
    (``edges``: as :func:`betweenness`)."""
    methods: dict[str, dict] = {}
    values: dict[str, list] = {"degree": g.degree(),
                               "weighted_degree": [int(s) for s in g.strength(weights="weight")]}
    values["betweenness"], methods["betweenness"] = betweenness(g, seed, edges)
    values["closeness"], methods["closeness"] = closeness(g, seed, edges)
    values["pagerank"] = [round(v, 8) for v in g.pagerank(weights="weight")] if g.vcount() else []
    methods["pagerank"] = {"method": "exact", "sampled": False, "fr": "exacte (pondérée, amortissement 0,85)",
                           "en": "exact (weighted, damping 0.85)"}
    return values, methods
