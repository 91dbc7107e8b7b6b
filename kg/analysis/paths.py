"""The shortest path between two actors of the actor network (networkx)."""

from __future__ import annotations

import networkx as nx


def shortest_path(g: nx.Graph, source: str, target: str) -> list[str] | None:
    """The actors on a shortest path from ``source`` to ``target`` (both included), links taken
    in either direction; ``None`` when they are not connected or one is missing. Among paths of
    the same length, the one networkx's breadth-first search meets first (stable for one graph).

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("a", "x")])
    >>> shortest_path(g, "a", "d")
    ['a', 'b', 'c', 'd']
    >>> shortest_path(g, "a", "missing") is None
    True
    """
    if source not in g or target not in g:
        return None
    und = g.to_undirected(as_view=True) if g.is_directed() else g
    try:
        return [str(n) for n in nx.shortest_path(und, source, target)]
    except nx.NetworkXNoPath:
        return None
