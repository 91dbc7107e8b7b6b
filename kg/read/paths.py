"""Transitive paths over adjacency maps: the one ``+`` path walk (territories within territories,
units within organisations) of the read layer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def closure(starts: Iterable[str], edges: Mapping[str, Iterable[str]]) -> set[str]:
    """Nodes reached from ``starts`` by one or more steps along ``edges`` (a SPARQL ``+`` path).

    A start is in the result only if a cycle leads back to it, as in SPARQL.
    """
    seen: set[str] = set()
    todo = [n for s in starts for n in edges.get(s, ())]
    while todo:
        t = todo.pop()
        if t in seen:
            continue
        seen.add(t)
        todo.extend(n for n in edges.get(t, ()) if n not in seen)
    return seen


__all__ = ["closure"]
