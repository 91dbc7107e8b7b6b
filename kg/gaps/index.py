"""What the composition check and the suggestions look up, answered by the store's read model.

The check and the suggestions ask the same few questions for every committee: who is linked to
whom in the actor network (memberships, partnerships, flows, sub-organisations, accompaniment),
who is located in which territory, which territory is within which, who holds a public role.
Asked through SPARQL with ``VALUES`` blocks they decode hundreds of thousands of rows per
committee on the on-disk store (seconds). :func:`index_for` answers them from the generation's
read model (:mod:`kg.read.model`), combined from the parts written with each source
(:mod:`kg.read.parts`): nothing is derived from the whole store after a write.

Only observed relations are links: a membership, partnership or flow with an
``anc:statementStatus`` other than ``observe`` is left out, as :mod:`kg.gaps.facts` leaves it out
of its SPARQL. The index only changes *how* the store is read, never *what* is found: every
lookup returns what the SPARQL query it replaces returns (``tests/kg/gaps/test_index.py`` compares
both on the same graphs). A store without a read model (a remote SPARQL endpoint) is read through
SPARQL; :func:`without_index` forces that path (tests, benchmarks).

Results that do not depend on a committee (committee names, national bodies, survey figures) and
the facts of each committee read by :func:`kg.gaps.check` are also kept with the index, so
:func:`kg.gaps.suggest` right after :func:`kg.gaps.check` does not read them again.

>>> from kg.store import Store
>>> from kg.sources import Source
>>> A = "https://w3id.org/ancrage/id/actor/"
>>> nt = [f'<{A}a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#Group> .',
...       f'<{A}b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#Organisation> .',
...       f'<{A}a> <https://w3id.org/ancrage/def#accompanies> <{A}b> .']
>>> idx = index_for(Store.in_memory([Source.from_ntriples("t", "t", nt)]))
>>> idx.neighbours[A + "a"], idx.neighbours[A + "b"]
(('https://w3id.org/ancrage/id/actor/b',), ('https://w3id.org/ancrage/id/actor/a',))
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
from dataclasses import dataclass, field

from ..read.paths import closure

_ENABLED: contextvars.ContextVar[bool] = contextvars.ContextVar("kg_gaps_index", default=True)


@dataclass
class GapsIndex:
    """What the check and the suggestions look up, for one store version.

    ``neighbours``: actor-network neighbours of every IRI (sorted tuples; a neighbour is typed
    as an actor); ``located``: the actors located in each territory (``anc:locatedIn``);
    ``within`` / ``contains``: ``geo:sfWithin`` both ways; ``levels``: level (IRI) of each
    territory; ``public_roles``: IRIs with a public role recorded; ``concept_labels``: the
    labels of the concepts; ``candidates``: per language (``fr``, ``en``), what the suggestions
    keep of every located actor (:func:`kg.read.candidates.candidate_base`).
    """

    version: str
    neighbours: dict[str, tuple[str, ...]]
    located: dict[str, tuple[str, ...]]
    within: dict[str, tuple[str, ...]]
    contains: dict[str, tuple[str, ...]]
    levels: dict[str, object]
    public_roles: frozenset
    actors: frozenset = frozenset()  # IRIs typed as an actor (ACTOR_CLASSES)
    territory_labels: dict = field(default_factory=dict)  # territory with actors -> {label property: [(lang, text)]}
    concept_labels: dict = field(default_factory=dict)  # (concept IRI, lang) -> label, as vocab.label_index
    candidates: dict = field(default_factory=dict)  # lang -> {located actor: (label, kind, categories, worlds) | None}
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # in memory only

    def closure(self, starts, edges: dict[str, tuple[str, ...]]) -> set[str]:
        """Territories reached from ``starts`` by one or more steps along ``edges`` (:func:`kg.read.paths.closure`)."""
        return closure(starts, edges)

    def remember(self, key, compute, copy_out: bool = True):
        """A value computed once per index (deep-copied out unless ``copy_out`` is false, for
        callers that only read it)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return copy.deepcopy(self.memo[key]) if copy_out else self.memo[key]


@contextlib.contextmanager
def without_index():
    """Read the store through SPARQL only, as for a remote endpoint (tests, benchmarks).

    >>> with without_index():
    ...     enabled()
    False
    """
    token = _ENABLED.set(False)
    try:
        yield
    finally:
        _ENABLED.reset(token)


def enabled() -> bool:
    """Whether lookups may use the index (not inside :func:`without_index`)."""
    return _ENABLED.get()


def index_for(store, use_cache: bool = True) -> GapsIndex | None:
    """The index of ``store``, answered by its read model (:func:`kg.read.lookups.read_model`: the
    parts written with each source, or derived on the client for a remote endpoint), or ``None``
    inside :func:`without_index`. ``use_cache`` is kept for callers; parts are always used."""
    from ..read.lookups import read_model

    model = read_model(store)
    return None if model is None else model.gaps_index()


def build(store) -> GapsIndex:
    """The index of ``store`` from its read model (see :func:`index_for`)."""
    from ..read.model import model_for

    return model_for(store).gaps_index()


__all__ = ["GapsIndex", "index_for", "without_index", "enabled", "build"]
