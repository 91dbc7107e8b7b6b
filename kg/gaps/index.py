"""An index of the store for the composition check and the suggestions, kept per store version.

The check and the suggestions ask the same few questions for every committee: who is linked to
whom in the actor network (memberships, partnerships, flows, sub-organisations, accompaniment),
who is located in which territory, which territory is within which, who holds a public role.
Asked through SPARQL with ``VALUES`` blocks they decode hundreds of thousands of rows per
committee on the on-disk store (seconds); this index answers them from dictionaries built once
per store version from Oxigraph's quad index (``quads_for_pattern``, one predicate at a time),
kept in memory and on disk in ``<store folder>/cache/gaps-index--<version>.derived`` (columns
that load without running code, checked against their manifest, :mod:`kg.diskcache`; a new
generation has a new version, so the file cannot go stale; files of other versions are removed).

Only observed relations are links: a membership, partnership or flow with an
``anc:statementStatus`` other than ``observe`` is left out, as :mod:`kg.gaps.facts` leaves it out
of its SPARQL. The index only changes *how* the store is read, never *what* is found: every lookup returns what
the SPARQL query it replaces returns (``tests/kg/gaps/test_index.py`` compares both on the same
graphs). A store without ``oxi`` (a remote SPARQL endpoint) has no index and is read through
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
import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np

from .. import diskcache
from ..namespaces import ANC, ANCC, GEO, OBSERVED, SCHEMA
from ..read.labels import LABEL_PROPS
from ..read.paths import closure
from ..read.vocab import ACTOR_CLASSES, LINKS, RELATION_CLASSES
from ..read.candidates import candidate_base

CACHE_NAME = "gaps-index"
#: Bump when the columns written by :func:`_encode` change meaning (older files are then rebuilt).
#: 4: the safe container (kg.diskcache); 5: relations with a status other than observed are not links.
FORMAT = 5
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
#: Languages whose candidate records are computed with the index (others are read when asked).
LANGS = ("fr", "en")
ORG = "http://www.w3.org/ns/org#"
#: Properties that record a public role (as :func:`kg.gaps.suggest._public_role_holders`).
PUBLIC_ROLE_SUBJECT_PROPS = (ORG + "memberOf", ORG + "holds", str(SCHEMA.jobTitle), str(SCHEMA.affiliation))

_ENABLED: contextvars.ContextVar[bool] = contextvars.ContextVar("kg_gaps_index", default=True)
_MEMORY: "OrderedDict[str, GapsIndex]" = OrderedDict()
_MEMORY_SIZE = 2  # a national index holds ~250 MB in memory
_LOCK = threading.Lock()


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
    """The index of ``store`` (built, or read from memory or disk), or ``None`` when the store
    has no local Oxigraph database (remote endpoint) or inside :func:`without_index`."""
    if not enabled() or getattr(store, "oxi", None) is None:
        return None
    version = str(store.version)
    key = f"{version}@{id(store.oxi)}" if version.startswith("memory-") else version
    with _LOCK:
        idx = _MEMORY.get(key)
        if idx is not None:
            _MEMORY.move_to_end(key)
            return idx
        idx = CACHE.get(store, lambda: build(store)) if use_cache else build(store)
        _MEMORY[key] = idx
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)
        return idx


def cache_path(store) -> Path | None:
    """``<store folder>/cache/gaps-index--<version>.derived``, or ``None`` (in-memory store)."""
    return CACHE.path(store)


#: Kinds of the scalar values of ``GapsIndex.levels`` (what :func:`kg.store.to_python` returns).
_SCALARS = (str, int, float, bool, Decimal, dt.date, type(None))


def _encode(idx: GapsIndex) -> diskcache.Columns:
    """The index as columns (every IRI and text once, in a string table)."""
    table = diskcache.StringTable()
    cols: diskcache.Columns = {"version": [idx.version]}
    for name in MULTIMAPS:
        d = getattr(idx, name)
        cols[f"{name}_key"] = table.column(d)
        cols[f"{name}_at"], cols[name] = table.lists(d.values())
    cols["levels_key"] = table.column(idx.levels)
    kinds = [_SCALARS.index(type(v)) for v in idx.levels.values()]  # ValueError: a type not kept
    texts = ["" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v) for v in idx.levels.values()]
    cols["levels_kind"] = np.asarray(kinds, dtype=np.int8)
    cols["levels_value"] = table.column(texts)
    cols["public_roles"] = table.column(idx.public_roles)
    cols["actors"] = table.column(idx.actors)
    rows = [(t, p, lang, text) for t, by_prop in idx.territory_labels.items()
            for p, values in by_prop.items() for lang, text in values]
    for i, name in enumerate(("territory", "prop", "lang", "text")):
        cols[f"territory_labels_{name}"] = table.column(r[i] for r in rows)
    cols["territory_labels_order"] = table.column(idx.territory_labels)
    labels = list(idx.concept_labels.items())
    cols["concept_labels_concept"] = table.column(c for (c, _), _ in labels)
    cols["concept_labels_lang"] = table.column(lang for (_, lang), _ in labels)
    cols["concept_labels_label"] = table.column(label for _, label in labels)
    cand = [(lang, a, base) for lang, by_actor in idx.candidates.items() for a, base in by_actor.items()]
    cols["candidates_lang"] = table.column(lang for lang, _, _ in cand)
    cols["candidates_actor"] = table.column(a for _, a, _ in cand)
    cols["candidates_kept"] = np.asarray([base is not None for _, _, base in cand], dtype=bool)
    kept = [base for _, _, base in cand if base is not None]
    cols["candidates_label"] = table.column(b[0] for b in kept)
    cols["candidates_kind"] = table.column(b[1] for b in kept)
    cols["candidates_categories_at"], cols["candidates_categories"] = table.lists(b[2] for b in kept)
    cols["candidates_worlds_at"], cols["candidates_worlds"] = table.lists(b[3] for b in kept)
    cols["candidates_langs"] = table.column(idx.candidates)
    cols["strings"] = table.strings
    return cols


def _decode(cols: diskcache.Columns) -> GapsIndex:
    s = diskcache.StringLookup(cols["strings"])
    maps = {name: dict(zip(s.at(cols[f"{name}_key"]), s.groups(cols[f"{name}_at"], cols[name])))
            for name in MULTIMAPS}
    levels = {}
    for key, kind, text in zip(s.at(cols["levels_key"]), cols["levels_kind"].tolist(), s.at(cols["levels_value"])):
        t = _SCALARS[kind]
        levels[key] = (None if t is type(None) else text == "True" if t is bool
                       else dt.date.fromisoformat(text) if t is dt.date else t(text))
    territory_labels: dict[str, dict[str, list]] = {t: {} for t in s.at(cols["territory_labels_order"])}
    for t, p, lang, text in zip(*(s.at(cols[f"territory_labels_{n}"]) for n in ("territory", "prop", "lang", "text"))):
        territory_labels[t].setdefault(p, []).append((lang, text))
    concept_labels = {(c, lang): label for c, lang, label in
                      zip(*(s.at(cols[f"concept_labels_{n}"]) for n in ("concept", "lang", "label")))}
    kept = list(zip(s.at(cols["candidates_label"]), s.at(cols["candidates_kind"]),
                    s.groups(cols["candidates_categories_at"], cols["candidates_categories"]),
                    s.groups(cols["candidates_worlds_at"], cols["candidates_worlds"])))
    candidates: dict[str, dict] = {lang: {} for lang in s.at(cols["candidates_langs"])}
    bases = iter(kept)
    for lang, a, is_kept in zip(s.at(cols["candidates_lang"]), s.at(cols["candidates_actor"]),
                                cols["candidates_kept"].tolist()):
        candidates[lang][a] = next(bases) if is_kept else None
    return GapsIndex(version=cols["version"][0], levels=levels, public_roles=frozenset(s.at(cols["public_roles"])),
                     actors=frozenset(s.at(cols["actors"])), territory_labels=territory_labels,
                     concept_labels=concept_labels, candidates=candidates, **maps)


MULTIMAPS = ("neighbours", "located", "within", "contains")
CACHE: diskcache.DiskCache[GapsIndex] = diskcache.DiskCache(CACHE_NAME, FORMAT, _encode, _decode)


def build(store) -> GapsIndex:
    """Build the index from the store's quad index (every named graph and the default graph,
    as the union SPARQL reads)."""
    import pyoxigraph as ox

    from ..store import to_python

    oxi = store.oxi
    names: dict[str, str] = {}

    def key(term) -> str | None:  # as kg.store.to_python
        if isinstance(term, ox.NamedNode):
            return term.value
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        return None

    def iri(term) -> str | None:  # the ends of a link are IRIs (the SPARQL path binds them with VALUES);
        if not isinstance(term, ox.NamedNode):  # one str object per IRI: a smaller index
            return None
        v = term.value
        return names.setdefault(v, v)

    def quads(predicate: str, obj: str | None = None):
        return oxi.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj) if obj else None, None)

    def pairs(predicate: str, subject=key, obj=iri):
        for q in quads(predicate):
            s, v = subject(q.subject), obj(q.object)
            if s is not None and v is not None:
                yield s, v

    # the actors located somewhere (the candidates of the suggestions), then every rdf:type in one pass
    located: dict[str, set[str]] = {}
    for a, t in pairs(str(ANC.locatedIn), subject=iri):
        located.setdefault(t, set()).add(a)
    placed = {a for actors_ in located.values() for a in actors_}
    wanted = {str(ANC[c]) for c in (*ACTOR_CLASSES, *RELATION_CLASSES)}
    by_class: dict[str, set[str]] = {c: set() for c in wanted}
    props: dict[str, dict[str, list]] = {a: {} for a in placed}  # what _candidate_bases reads of each
    for q in quads(RDF_TYPE):
        s, o = key(q.subject), q.object
        if s is None:
            continue
        if isinstance(o, ox.NamedNode) and o.value in by_class:
            by_class[o.value].add(s)
        if s in props:
            props[s].setdefault(RDF_TYPE, []).append(to_python(o))

    def typed(cls: str) -> set[str]:
        return by_class[str(ANC[cls])]

    def grouped(predicate: str, keep: set[str]) -> dict[str, list[str]]:  # lists: ~1 M relations nationally
        out: dict[str, list[str]] = {}
        for s, o in pairs(predicate):
            if s in keep:
                out.setdefault(s, []).append(o)
        return out

    actors: set[str] = set()
    for cls in ACTOR_CLASSES:
        actors |= typed(cls)
    # only observed relations are links (kg.namespaces.observed_filter, as the SPARQL path)
    unobserved = {s for q in quads(str(ANC.statementStatus))
                  if (s := key(q.subject)) is not None and q.object != ox.NamedNode(str(OBSERVED))}
    for cls in RELATION_CLASSES:
        typed(cls).difference_update(unobserved)
    links: dict[str, set[str]] = {}

    def link(a: str, b: str) -> None:  # every link of kg.read.vocab.LINKS is read both ways
        if a == b:
            return
        if b in actors:
            links.setdefault(a, set()).add(b)
        if a in actors:
            links.setdefault(b, set()).add(a)

    for kind in LINKS:
        if kind.relation is None:
            for a, b in pairs(kind.tail, subject=iri):
                link(a, b)
            continue
        tails = grouped(kind.tail, typed(kind.relation))
        if kind.symmetric:
            for ps in tails.values():
                ps = sorted(set(ps))
                for i, a in enumerate(ps):
                    for b in ps[i + 1:]:
                        link(a, b)
            continue
        heads = grouped(kind.head, typed(kind.relation))
        for rel, ts in tails.items():
            for a in ts:
                for b in heads.get(rel, ()):
                    link(a, b)
        del tails, heads
    by_class.clear()  # the relation nodes are not needed any more (~1 M nationally)
    public = {o for _, o in pairs(ORG + "member")}  # ?m org:member ?p records a public role, whatever ?m is

    within: dict[str, set[str]] = {}
    contains: dict[str, set[str]] = {}
    for t, up in pairs(str(GEO.sfWithin), obj=key):
        within.setdefault(t, set()).add(up)
        contains.setdefault(up, set()).add(t)
    levels = {t: lv for t, lv in pairs(str(ANC.level), obj=to_python)}
    for prop in PUBLIC_ROLE_SUBJECT_PROPS:
        public |= {s for q in quads(prop) if (s := iri(q.subject)) is not None}

    concept_labels: dict[tuple[str, str], str] = {}
    territory_labels: dict[str, dict[str, list]] = {t: {} for t in located}
    for prop in LABEL_PROPS:
        for q in quads(prop):
            s, o = key(q.subject), q.object
            if s is None:
                continue
            lang = (o.language if isinstance(o, ox.Literal) else None) or ""
            text = str(to_python(o))
            if s in props:
                props[s].setdefault(prop, []).append((lang, text))
            if s in territory_labels:
                territory_labels[s].setdefault(prop, []).append((lang, text))
            if prop == SKOS_PREF and isinstance(q.subject, ox.NamedNode) and s.startswith(str(ANCC)):
                concept_labels[(s, lang)] = text
    for prop in (str(ANC.category), str(ANC.world)):
        for q in quads(prop):
            s = key(q.subject)
            if s in props:
                props[s].setdefault(prop, []).append(to_python(q.object))
    candidates = {lang: {a: candidate_base(a, p, public, lang) for a, p in props.items()} for lang in LANGS}

    def frozen(d: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
        return {k: tuple(sorted(v)) for k, v in d.items()}

    return GapsIndex(version=str(store.version), neighbours=frozen(links), located=frozen(located),
                     within=frozen(within), contains=frozen(contains), levels=levels,
                     public_roles=frozenset(public), actors=frozenset(actors),
                     territory_labels=territory_labels, concept_labels=concept_labels, candidates=candidates)


__all__ = ["GapsIndex", "index_for", "without_index", "enabled", "build", "cache_path"]
