"""The lookups the composition check and the suggestions ask, and the one place that chooses how
they are answered: from the store's precomputed index when it has one (:mod:`kg.gaps.index`, a
local store), by SPARQL otherwise (a remote endpoint, or inside
:func:`kg.gaps.index.without_index`). Both answer the same (``tests/kg/gaps/test_index.py``).

>>> from kg.store import Store
>>> type(lookups(Store.in_memory())).__name__
'IndexLookups'
>>> from kg.gaps.index import without_index
>>> with without_index():
...     type(lookups(Store.in_memory())).__name__
'Lookups'
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pyoxigraph as ox

from ..namespaces import ANCC, observed_filter
from ..queries import sparql_term
from ..store import to_python
from .candidates import PERSON_CLASSES, candidate_base
from .labels import LABEL_PROPS
from .quads import has_quad_index
from .vocab import ACTOR_VALUES, NEIGHBOUR_PATTERNS, RDF_TYPE, code_of


def chunks(items: list, size: int = 400) -> Iterable[list]:
    """``items`` in slices of ``size`` (the ``VALUES`` blocks of one query)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def values(iris: Iterable[str]) -> str:
    """IRIs written for a SPARQL ``VALUES`` block; :class:`kg.errors.QueryError` for a bad one."""
    return " ".join(sparql_term(str(i), "iri") for i in iris)


_CONCEPT_LABELS: dict[str, dict] = {}


class Lookups:
    """The lookups answered by SPARQL (any store with ``select`` and ``version``)."""

    def __init__(self, store):
        self.store = store

    def remember(self, key, compute, copy_out: bool = True):
        """``compute()``: kept only where there is an index to keep it with."""
        return compute()

    def describe(self, iris: Iterable[str]) -> dict[str, dict[str, list]]:
        """Outgoing properties of each IRI: ``{iri: {property: [values]}}``; label values as ``(lang, text)``."""
        iris = sorted(set(iris))
        out: dict[str, dict[str, list]] = {i: {} for i in iris}
        for chunk in chunks(iris):
            rows = self.store.select(
                f"SELECT ?s ?p ?o (LANG(?o) AS ?lang) WHERE {{ VALUES ?s {{ {values(chunk)} }} ?s ?p ?o }}").rows
            for s, p, o, lang in rows:
                out[s].setdefault(p, []).append((lang or "", str(o)) if p in LABEL_PROPS else o)
        return out

    def neighbours(self, iris: Iterable[str]) -> dict[str, set[str]]:
        """Actor neighbours of each IRI in the actor network (:data:`kg.read.vocab.LINKS`, observed only)."""
        out: dict[str, set[str]] = {i: set() for i in iris}
        pairs: list[tuple[str, str]] = []
        for chunk in chunks(sorted(out), 300):
            for pattern in NEIGHBOUR_PATTERNS:
                observed = observed_filter("r") if "?r " in pattern else ""  # a relation node: observed only
                pairs += self.store.select(f"SELECT DISTINCT ?x ?y WHERE {{ VALUES ?x {{ {values(chunk)} }} "
                                           f"{pattern} FILTER(?x != ?y) {observed} }}").rows
        actors: set[str] = set()
        for chunk in chunks(sorted({y for _, y in pairs}), 500):
            actors |= {r[0] for r in self.store.select(
                f"SELECT DISTINCT ?y WHERE {{ VALUES ?y {{ {values(chunk)} }} ?y a ?t . VALUES ?t {{ {ACTOR_VALUES} }} }}"
            ).rows}
        for x, y in pairs:
            if y in actors:
                out[x].add(y)
        return out

    def common_partners(self, partners: set[str], among) -> dict[str, dict[str, float]]:
        """For each actor, the ``partners`` it is linked to with their Adamic–Adar terms
        ``{z: 1 / ln(deg z)}``; ``among``: the actors wanted (others may be listed too)."""
        common: dict[str, dict[str, float]] = {}
        for z, ys in (self.neighbours(partners) if partners else {}).items():
            term = 1 / math.log(max(len(ys), 2))
            for c in ys:
                common.setdefault(c, {})[z] = term
        return common

    def public_roles(self, persons: Iterable[str]) -> set[str]:
        """Persons with a public role recorded (a membership, a post, an organisation, a job title)."""
        found: set[str] = set()
        for chunk in chunks(sorted(set(persons))):
            rows = self.store.select(
                f"SELECT DISTINCT ?p WHERE {{ VALUES ?p {{ {values(chunk)} }} "
                f"{{ ?m org:member ?p }} UNION {{ ?p org:memberOf ?o }} UNION {{ ?p org:holds ?post }} "
                f"UNION {{ ?p schema:jobTitle ?j }} UNION {{ ?p schema:affiliation ?a }} }}").rows
            found |= {r[0] for r in rows}
        return found

    def located(self, territories: Iterable[str]) -> dict[str, set[str]]:
        """``{actor: {territories}}`` of the actors located (``anc:locatedIn``) in ``territories``."""
        out: dict[str, set[str]] = {}
        for chunk in chunks(sorted(set(territories)), 1000):
            for a, t in self.store.select(
                    f"SELECT ?a ?t WHERE {{ VALUES ?t {{ {values(chunk)} }} ?a anc:locatedIn ?t }}").rows:
                out.setdefault(a, set()).add(t)
        return out

    def candidate_bases(self, actors: Iterable[str], lang: str) -> dict[str, tuple | None]:
        """``{actor: (label, kind, categories, worlds)}``, ``None`` for an actor never suggested
        (:func:`kg.read.candidates.candidate_base`)."""
        props = self.describe(actors)
        persons = [a for a, p in props.items() if {str(t) for t in p.get(RDF_TYPE, [])} & PERSON_CLASSES]
        public = self.public_roles(persons) if persons else set()
        return {a: candidate_base(a, p, public, lang) for a, p in props.items()}

    def territory_labels(self, territories: Iterable[str]) -> dict[str, dict[str, list]]:
        """What :func:`kg.read.labels.label_from` needs of each territory."""
        territories = set(territories)
        return self.describe(territories) if territories else {}

    def within(self, territories: list[str], inward: bool) -> set[str]:
        """Territories nested in ``territories`` (``inward``), or containing them: ``geo:sfWithin+``."""
        path = "?t geo:sfWithin+ ?o" if inward else "?o geo:sfWithin+ ?t"
        return {r[0] for r in self.store.select(
            f"SELECT DISTINCT ?t WHERE {{ VALUES ?o {{ {values(territories)} }} {path} }}").rows}

    def levels(self, territories: Iterable[str]) -> dict[str, str]:
        """``{territory: level code}``."""
        out: dict[str, str] = {}
        for chunk in chunks(sorted(set(territories)), 2000):
            for t, level in self.store.select(
                    f"SELECT ?t ?l WHERE {{ VALUES ?t {{ {values(chunk)} }} ?t anc:level ?l }}").rows:
                out[t] = code_of(level)
        return out

    def concept_labels(self) -> dict[tuple[str, str], str]:
        """``(concept IRI, lang) -> skos:prefLabel`` for every concept of the store, kept per
        store version (the ontology graph does not change within a version)."""
        found = _CONCEPT_LABELS.get(self.store.version)
        if found is None:
            rows = self.store.select(
                "SELECT ?c (LANG(?l) AS ?lang) ?l WHERE { ?c skos:prefLabel ?l "
                f"FILTER(STRSTARTS(STR(?c), \"{ANCC}\")) }}").rows
            found = {(str(c), lang or ""): str(label) for c, lang, label in rows}
            if len(_CONCEPT_LABELS) > 16:
                _CONCEPT_LABELS.clear()
            _CONCEPT_LABELS[self.store.version] = found
        return found


class IndexLookups(Lookups):
    """The same lookups answered from the store's precomputed index (one per store version)."""

    def __init__(self, store, index):
        super().__init__(store)
        self.index = index

    def remember(self, key, compute, copy_out: bool = True):
        return self.index.remember(key, compute, copy_out)

    def describe(self, iris):
        if has_quad_index(self.store):  # the same values from the quad index, no query to plan
            return describe_quads(self.store, iris)
        return super().describe(iris)  # a remote store: its read model, but no quads to read

    def neighbours(self, iris):
        return {i: set(self.index.neighbours.get(i, ())) for i in iris}

    def common_partners(self, partners, among):
        if among is None:
            return super().common_partners(partners, among)
        idx = self.index
        count = getattr(idx.neighbours, "count", None) or (lambda z: len(idx.neighbours.get(z, ())))
        terms: dict[str, float] = {}

        def term(z: str) -> float:  # Adamic–Adar: 1 / ln(degree of z), once per z
            if z not in terms:
                terms[z] = 1 / math.log(max(count(z), 2))
            return terms[z]

        common: dict[str, dict[str, float]] = {}
        for c in among:  # c is in N(z) iff c is typed as an actor and z in N(c) (every z here is an actor)
            if c not in idx.actors:
                continue
            shared = {z: term(z) for z in idx.neighbours.get(c, ()) if z in partners}
            if shared:
                common[c] = shared
        return common

    def public_roles(self, persons):
        return set(persons) & self.index.public_roles

    def located(self, territories):
        out: dict[str, set[str]] = {}
        for t in set(territories):
            for a in self.index.located.get(t, ()):
                out.setdefault(a, set()).add(t)
        return out

    def candidate_bases(self, actors, lang):
        actors = list(actors)
        if lang in self.index.candidates:  # computed with the index, once per store version
            bases = self.index.candidates[lang]
            return {a: bases[a] for a in actors}
        known = self.index.memo.setdefault(("candidates", lang), {})  # another language: read when asked, then kept
        missing = [a for a in actors if a not in known]
        if missing:
            known.update(super().candidate_bases(missing, lang))
        return {a: known[a] for a in actors}

    def territory_labels(self, territories):
        return {t: self.index.territory_labels.get(t, {}) for t in set(territories)}

    def within(self, territories, inward):
        return self.index.closure(territories, self.index.contains if inward else self.index.within)

    def levels(self, territories):
        return {t: code_of(self.index.levels[t]) for t in territories if t in self.index.levels}

    def concept_labels(self):
        return self.index.concept_labels


def describe_quads(store, iris) -> dict[str, dict[str, list]]:
    """:meth:`Lookups.describe` read from the quad index (same values, same multiset)."""
    labels = set(LABEL_PROPS)
    out: dict[str, dict[str, list]] = {}
    for i in sorted(set(iris)):
        props: dict[str, list] = {}
        for q in store.oxi.quads_for_pattern(ox.NamedNode(i), None, None, None):
            p, o = q.predicate.value, q.object
            if p in labels:
                lang = o.language if isinstance(o, ox.Literal) else None
                value = (lang or "", str(to_python(o)))
            else:
                value = to_python(o)
            props.setdefault(p, []).append(value)
        out[i] = props
    return out


def read_model(store):
    """The store's read model (:func:`kg.read.model.model_for`), or ``None`` where reads go by
    SPARQL: a store without one, or inside :func:`kg.gaps.index.without_index` (the same choice
    as :func:`lookups`, for readers that need the model itself, as :mod:`kg.identity`)."""
    from ..gaps.index import enabled
    from .model import model_for

    return model_for(store) if enabled() else None


def model_answer(store, name: str):
    """The function answering the named query ``name`` from the read model
    (:data:`kg.read.answers.ANSWERS`: ``answer(model, limit=None) -> Rows``), or ``None`` where it
    goes by SPARQL: a query without one, a store without a read model (neither embedded nor a
    remote endpoint), or inside :func:`kg.gaps.index.without_index` — the same choice as
    :func:`read_model`, made without loading the model (the embedded store loads it in the
    query worker)."""
    from ..gaps.index import enabled
    from ..remote import RemoteStore
    from .answers import ANSWERS

    if name not in ANSWERS or not enabled():
        return None
    if not (has_quad_index(store) or isinstance(store, RemoteStore)):
        return None
    return ANSWERS[name] if model_at_hand(store) else None


def model_at_hand(store) -> bool:
    """Whether the read model of ``store`` is there to be read, not derived: every named graph of
    an on-disk store has its part for this generation (a store of an earlier release gets them
    from its first check or analysis; until then its named queries go by SPARQL, bounded by their
    time limit, rather than spend that limit deriving parts); in-memory and remote stores always
    (a remote store's parts are derived on this machine, as for the composition check)."""
    from . import parts
    from .model import part_folder

    folder = part_folder(store) if has_quad_index(store) else None
    if folder is None:
        return True
    return all(parts.checksum(folder, graph) is not None for graph in store.named_graphs())


def lookups(store) -> Lookups:
    """The lookups of ``store``: from its index when it has one, by SPARQL otherwise — the one choice."""
    # imported here: the index lives in the kg.gaps package, whose modules ask this one
    # (it moves into the read layer with the per-source read model, then this import goes up)
    from ..gaps.index import index_for

    idx = index_for(store)
    return Lookups(store) if idx is None else IndexLookups(store, idx)


__all__ = ["Lookups", "IndexLookups", "lookups", "read_model", "model_answer", "model_at_hand", "chunks", "values", "describe_quads"]
