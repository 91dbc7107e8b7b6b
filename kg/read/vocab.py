"""What an actor is, and which relations link two actors: the one definition every reader uses.

>>> ACTOR_CLASSES[0], ACTOR_CLASSES[-1]
('LocalCommittee', 'Actor')
>>> most_specific_kind(["Actor", "Organisation", "LocalCommittee"])
'LocalCommittee'
>>> most_specific_kind([])
'Actor'
"""

from __future__ import annotations

from collections.abc import Iterable

#: Classes (local names in the ``anc:`` namespace) whose instances are actors, most specific
#: first: a committee is also an organisation, so its kind is ``LocalCommittee``.
ACTOR_CLASSES: tuple[str, ...] = ("LocalCommittee", "WorkingGroup", "Group", "PublicRolePerson",
                                  "Organisation", "Actor")
#: The kinds shown and counted as actors (every actor class but the abstract ``Actor``).
ACTOR_KINDS: tuple[str, ...] = tuple(c for c in ACTOR_CLASSES if c != "Actor")
#: Classes of the n-ary relations between actors.
RELATION_CLASSES: tuple[str, ...] = ("Membership", "Partnership", "InformationFlow")


def most_specific_kind(classes: Iterable[str]) -> str:
    """The most specific actor class among ``classes`` (local names or full IRIs), else ``Actor``."""
    names = {c.rsplit("#", 1)[-1] for c in classes}
    return next((c for c in ACTOR_CLASSES if c in names), "Actor")
