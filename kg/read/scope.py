"""Which territory lies within which (``geo:sfWithin``, followed transitively both ways): the one
definition of a committee's territorial scope, and of the nesting the explorer drills through.

>>> edges = {"commune": ("epci", "dep"), "epci": ("dep",), "dep": ("region",)}
>>> sorted(closure(["commune"], edges))
['dep', 'epci', 'region']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .lookups import lookups
from .paths import closure


@dataclass(frozen=True)
class Scope:
    """Territories where a committee may look for partners.

    ``own``: the committee's territory (and its parts for a project territory); ``inside``:
    territories nested in it; ``above``: territories that contain it; ``levels``: level code
    of every territory listed.
    """

    own: frozenset
    inside: frozenset
    above: frozenset
    levels: dict

    def where(self, territory: str) -> str | None:
        """``same``, ``inside``, ``above``, ``national`` or ``None`` (outside)."""
        if territory in self.own:
            return "same"
        if territory in self.inside:
            return "inside"
        if territory in self.above:
            return "national" if self.levels.get(territory) in ("national", "international") else "above"
        return None


def territory_scope(store, territory: str | None, parts: Iterable[str] = ()) -> Scope:
    """The :class:`Scope` of a territory, following ``geo:sfWithin`` both ways."""
    if not territory:
        return Scope(frozenset(), frozenset(), frozenset(), {})
    own = sorted({territory, *parts})
    look = lookups(store)
    above = look.within(own, inward=False) - set(own)  # ?o geo:sfWithin+ ?t
    inside = look.within(own, inward=True) - set(own) - above  # ?t geo:sfWithin+ ?o
    levels = look.levels(set(own) | inside | above)
    return Scope(frozenset(own), frozenset(inside), frozenset(above), levels)


__all__ = ["closure", "Scope", "territory_scope"]  # closure: kg.read.paths
