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

from ..namespaces import SCHEMES

UNKNOWN = "unknown"


def _code(iri: str) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def matrix(g: nx.Graph, attribute: str, order: list[str]) -> dict:
    """Relations between the values of a node attribute (lists of concept IRIs)."""
    # actors share few distinct value sets: count relations per pair of sets, then expand
    interned: dict[tuple, tuple] = {}
    values = {}
    for n, d in g.nodes(data=True):
        key = tuple(d.get(attribute) or ())
        if key not in interned:
            interned[key] = tuple(sorted({_code(v) for v in key})) or (UNKNOWN,)
        values[n] = interned[key]
    pairs: Counter = Counter()
    for a, b, w in g.edges(data="weight", default=1):
        pairs[(values[a], values[b])] += w
    cells: Counter = Counter()
    for (xs, ys), w in pairs.items():
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


def level_matrix(g: nx.Graph) -> dict:
    """How many relations link each pair of territorial levels."""
    return matrix(g, "levels", SCHEMES["level"])


def world_matrix(g: nx.Graph) -> dict:
    """How many relations link each pair of worlds (social, animation, economy, planning…)."""
    return matrix(g, "worlds", SCHEMES["world"])
