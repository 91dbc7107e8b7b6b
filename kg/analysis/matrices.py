"""The multi-scale matrix (relations between territorial levels) and the worlds matrix.

Each relation between two actors counts once in the cell of their levels (or worlds); an actor
with several levels (worlds) counts in each, an actor with none in ``inconnu``/unknown. The
matrices are symmetric; the diagonal counts relations inside one level (world).

>>> import networkx as nx
>>> L = "https://w3id.org/ancrage/concept/level/"
>>> g = nx.Graph()
>>> g.add_node("a", levels=[L + "region"]); g.add_node("b", levels=[L + "commune"]); g.add_node("c", levels=[])
>>> g.add_edge("a", "b", weight=2); g.add_edge("b", "c", weight=1)
>>> m = level_matrix(g)
>>> m["labels"]
['region', 'commune', 'unknown']
>>> m["counts"]
[[0, 2, 0], [2, 0, 1], [0, 1, 0]]
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np

from ..namespaces import SCHEMES

UNKNOWN = "unknown"


def _code(iri: str) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def matrix(values: list, lo, hi, weight, order: list[str]) -> dict:
    """Relations between the values of a node attribute.

    ``values[i]`` lists the concept IRIs of node ``i``; the edges are the rows ``(lo[k], hi[k])``
    (node positions) carrying ``weight[k]`` relations; ``order`` is the scheme's order of codes.

    >>> matrix([["x/b"], ["x/a", "x/b"], []], [0, 1], [1, 2], [2, 1], ["a", "b"])["counts"]
    [[0, 2, 1], [2, 2, 1], [1, 1, 0]]
    """
    # actors share few distinct value sets: count relations per pair of sets, then expand
    interned: dict[tuple, int] = {}
    sets: list[tuple] = []
    codes = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        key = tuple(v or ())
        found = interned.get(key)
        if found is None:
            found = interned[key] = len(sets)
            sets.append(tuple(sorted({_code(x) for x in key})) or (UNKNOWN,))
        codes[i] = found
    k = max(len(sets), 1)
    lo, hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
    pair = codes[lo] * k + codes[hi] if len(lo) else np.empty(0, dtype=np.int64)
    totals = np.bincount(pair, weights=np.asarray(weight, dtype=np.int64), minlength=k * k)
    cells: Counter = Counter()
    for p in np.flatnonzero(totals).tolist():
        xs, ys, w = sets[p // k], sets[p % k], int(totals[p])
        for x in xs:
            for y in ys:
                cells[(x, y)] += w
                if x != y:
                    cells[(y, x)] += w
    used = {x for pair in cells for x in pair}
    labels = [c for c in order if c in used] + sorted(c for c in used if c not in order and c != UNKNOWN)
    if UNKNOWN in used:
        labels.append(UNKNOWN)
    return {"labels": labels, "counts": [[cells.get((x, y), 0) for y in labels] for x in labels]}


def graph_matrix(g: nx.Graph, attribute: str, order: list[str]) -> dict:
    """:func:`matrix` of a networkx graph's node attribute (lists of concept IRIs) and ``weight``."""
    index = {n: i for i, n in enumerate(g.nodes)}
    edges = [(index[a], index[b], w) for a, b, w in g.edges(data="weight", default=1)]
    return matrix([d.get(attribute) for _, d in g.nodes(data=True)], [e[0] for e in edges],
                  [e[1] for e in edges], [e[2] for e in edges], order)


def level_matrix(g: nx.Graph) -> dict:
    """How many relations link each pair of territorial levels."""
    return graph_matrix(g, "levels", SCHEMES["level"])


def world_matrix(g: nx.Graph) -> dict:
    """How many relations link each pair of worlds (social, animation, economy, planning…)."""
    return graph_matrix(g, "worlds", SCHEMES["world"])
