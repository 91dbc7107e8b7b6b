"""What the store says about one committee: its territory, its members, its links.

Everything is read by SPARQL through :class:`kg.store.Store` (or any object with the same
``select`` and ``version``), or, on a local store, from its quad index and the per-version index
of :mod:`kg.gaps.index` (same results); nothing here judges, :mod:`kg.gaps.rules` does.

**Only observed facts are read.** A membership, partnership or information flow whose
``anc:statementStatus`` is anything but ``observe`` (an HCTS expectation, a perception, an open
question, a request) is not a fact about the committee and is never evidence: this module and
:mod:`kg.gaps.index` are the one place that decides it (:func:`kg.namespaces.observed_filter`).

>>> from kg.store import Store
>>> from kg.sources import Source
>>> nt = ['<https://w3id.org/ancrage/id/committee/nord> '
...       '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#LocalCommittee> .',
...       '<https://w3id.org/ancrage/id/committee/nord> '
...       '<http://www.w3.org/2004/02/skos/core#prefLabel> "Comité local du Nord"@fr .']
>>> store = Store.in_memory([Source.from_ntriples("t", "t", nt)])
>>> resolve_committee(store, "nord")
'https://w3id.org/ancrage/id/committee/nord'
>>> resolve_committee(store, "local du n")
'https://w3id.org/ancrage/id/committee/nord'
>>> read_facts(store, "nord").members
[]
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from ..errors import QueryError
from ..namespaces import ANC, entity, observed_filter
from ..ntriples import nt_iri
from ..read.labels import LABEL_PROPS, label_from, local_name, pick_label
from ..read.lookups import chunks as _chunks
from ..read.lookups import lookups
from ..read.lookups import values as _values
from ..read.membership import as_date, holds_at, members_at
from ..read.scope import Scope, territory_scope
from ..read.vocab import RDF_TYPE, concept_codes, kind_from
from .vocab import FULL_ROLES, cat, code_of, scheme_of

NATIONAL = cat("instances-nationales")
UNIT_PATH = "(org:subOrganizationOf|org:unitOf|^org:hasUnit)"


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lower-case ASCII form for accent-, case- and punctuation-insensitive matching.

    >>> fold("Comité de La Réunion")
    'comite de la reunion'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split())


def ref(iri: str) -> str:
    """An IRI written for SPARQL (:func:`kg.ntriples.nt_iri`); a ``QueryError`` if it is not one."""
    try:
        return nt_iri(iri)
    except ValueError as err:
        raise QueryError(f"not a valid IRI: {str(iri)!r}") from err


def describe(store, iris: Iterable[str]) -> dict[str, dict[str, list]]:
    """Outgoing properties of each IRI: ``{iri: {property: [values]}}``
    (:meth:`kg.read.lookups.Lookups.describe`; label values as ``(lang, value)`` pairs)."""
    return lookups(store).describe(iris)


# ---------------------------------------------------------------------------------------------
# Committees
# ---------------------------------------------------------------------------------------------

def committees(store, lang: str = "fr") -> dict[str, str]:
    """Every committee in the store: ``{iri: label}``, sorted by label.

    >>> from kg.store import Store
    >>> committees(Store.in_memory())
    {}
    """
    return lookups(store).remember(("committees", lang), lambda: _committees(store, lang))


def _committees(store, lang: str) -> dict[str, str]:
    rows = store.select(
        "SELECT ?c ?p ?l (LANG(?l) AS ?lang) WHERE { ?c a anc:LocalCommittee . "
        "OPTIONAL { ?c ?p ?l FILTER(?p IN (skos:prefLabel, skos:altLabel, rdfs:label)) } }").rows
    found: dict[str, list] = {}
    for c, p, text, l in rows:
        found.setdefault(c, [])
        if text is not None:
            found[c].append((p, l or "", str(text)))
    labels = {c: pick_label(v, lang) or local_name(c) for c, v in found.items()}
    return dict(sorted(labels.items(), key=lambda kv: (fold(kv[1]), kv[0])))


def _all_names(store) -> dict[str, list[str]]:
    """Names a committee may be called by: its labels and the labels of its territory."""
    return lookups(store).remember("names", lambda: _read_names(store), copy_out=False)  # read only


def _read_names(store) -> dict[str, list[str]]:
    rows = store.select(
        "SELECT ?c ?l WHERE { ?c a anc:LocalCommittee . OPTIONAL { "
        "{ ?c skos:prefLabel|skos:altLabel|rdfs:label ?l } UNION "
        "{ ?c anc:territory/(skos:prefLabel|rdfs:label) ?l } } }").rows
    names: dict[str, list[str]] = {}
    for c, text in rows:
        names.setdefault(c, [])
        if text:
            names[c].append(str(text))
    return names


def resolve_committee(store, text: str) -> str:
    """The IRI of a committee given as an IRI, a key (``entity("committee", key)``) or a label part.

    Raises :class:`kg.errors.QueryError` listing close matches when nothing (or more than one
    committee) matches.
    """
    text = (text or "").strip()
    if not text:
        raise QueryError("no committee given / aucun comité indiqué")
    names = _all_names(store)
    if text.startswith(("http://", "https://", "urn:")):
        if text in names:
            return text
        raise QueryError(f"committee not found / comité introuvable: <{text}> is not an "
                         f"anc:LocalCommittee in the store{_close(text, names)}")
    by_key = str(entity("committee", text))
    if by_key in names:
        return by_key
    wanted = fold(text)
    exact = sorted(c for c, labels in names.items() if any(fold(l) == wanted for l in labels))
    if len(exact) == 1:
        return exact[0]
    partial = sorted(c for c, labels in names.items()
                     if any(wanted in fold(l) for l in labels) or wanted in fold(c.rsplit("/", 1)[-1]))
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        listed = "; ".join(f"{_first(names[c])} <{c}>" for c in partial[:10])
        raise QueryError(f"several committees match / plusieurs comités correspondent à {text!r}: {listed}")
    raise QueryError(f"committee not found / comité introuvable: {text!r}{_close(text, names)}")


def _first(labels: list[str]) -> str:
    return sorted(labels)[0] if labels else "?"


def _close(text: str, names: dict[str, list[str]]) -> str:
    choices: dict[str, str] = {}
    for c, labels in names.items():
        for l in labels + [c.rsplit("/", 1)[-1]]:
            choices[fold(l)] = c
    close = difflib.get_close_matches(fold(text), list(choices), n=5, cutoff=0.4)
    found = []
    for key in close:
        c = choices[key]
        entry = f"{_first(names[c])} <{c}>"
        if entry not in found:
            found.append(entry)
    if found:
        return "; did you mean / vouliez-vous dire: " + "; ".join(found)
    if names:
        return "; known committees / comités connus: " + "; ".join(
            f"{_first(v)} <{c}>" for c, v in sorted(names.items())[:10])
    return "; the store holds no committee / le magasin ne contient aucun comité"


# ---------------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Member:
    """One current member of a committee, as the store describes it."""

    iri: str
    label: str
    kind: str
    categories: tuple[str, ...]
    roles: tuple[str, ...]
    territories: tuple[str, ...]
    levels: tuple[str, ...]
    worlds: tuple[str, ...]
    scales: tuple[str, ...]
    qualification_levels: tuple[int, ...]
    institution: str
    institution_label: str
    member_count: int | None = None
    start: str | None = None
    end: str | None = None
    professions: tuple[str, ...] = ()  # scheme "profession", on the actor or its membership
    publics: tuple[str, ...] = ()  # scheme "public"

    @property
    def full(self) -> bool:
        """A full member ("membre à part entière"): a role of :data:`FULL_ROLES`, or no role."""
        return not self.roles or any(r in FULL_ROLES for r in self.roles)

    def to_dict(self) -> dict:
        return {"iri": self.iri, "label": self.label, "kind": self.kind,
                "categories": list(self.categories), "roles": list(self.roles), "full": self.full,
                "territories": list(self.territories), "levels": list(self.levels),
                "worlds": list(self.worlds), "scales": list(self.scales),
                "qualification_levels": list(self.qualification_levels),
                "institution": self.institution, "institution_label": self.institution_label,
                "member_count": self.member_count, "start": self.start, "end": self.end,
                "professions": list(self.professions), "publics": list(self.publics)}


@dataclass(frozen=True)
class Link:
    """A link of the committee with the national level or another committee (R8)."""

    kind: str  # descendant | ascendant | transversal
    via: str  # flow | partnership | membership
    relation: str | None  # IRI of the flow / partnership / membership node
    other: str  # IRI of the other end
    other_label: str
    member: str | None = None  # for memberships of committee members in national bodies

    def to_dict(self) -> dict:
        return {"kind": self.kind, "via": self.via, "relation": self.relation, "other": self.other,
                "other_label": self.other_label, "member": self.member}


@dataclass
class CommitteeFacts:
    """What the store says about a committee, at a date."""

    iri: str
    label: str
    at: dt.date
    territory: str | None = None
    territory_label: str | None = None
    territory_level: str | None = None
    territory_parts: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    former_members: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    partnerships: list[dict] = field(default_factory=list)  # observed: relation, other, other_label, natures
    participation_levels: dict = field(default_factory=dict)  # member -> participation level codes
    committee_scales: tuple[str, ...] = ()
    committee_worlds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def member_iris(self) -> set[str]:
        return {m.iri for m in self.members}


def read_facts(store, committee: str, at: dt.date | None = None, lang: str = "fr") -> CommitteeFacts:
    """Read a committee (IRI, key or label part) and its members current at ``at`` (today).

    Kept with the store's index (:mod:`kg.gaps.index`): the suggestions after a check read it once.
    """
    return shared_facts(store, committee, at, lang, copy_out=True)


def shared_facts(store, committee: str, at: dt.date | None = None, lang: str = "fr",
                 copy_out: bool = False) -> CommitteeFacts:
    """:func:`read_facts` for callers that only read the facts (no copy of the kept ones)."""
    iri = resolve_committee(store, committee)
    at = at or dt.date.today()
    return lookups(store).remember(("facts", iri, at, lang), lambda: _read_facts(store, iri, at, lang), copy_out)


def _read_facts(store, iri: str, at: dt.date, lang: str) -> CommitteeFacts:
    props = describe(store, [iri])[iri]
    facts = CommitteeFacts(iri=iri, label=label_from(props, iri, lang), at=at)
    facts.committee_scales = concept_codes(props, str(ANC.interventionScale), "scale")
    facts.committee_worlds = concept_codes(props, str(ANC.world), "world")
    facts.sources = tuple(sorted(str(s) for s in props.get("http://purl.org/dc/terms/source", [])))
    territories = sorted(str(t) for t in props.get(str(ANC.territory), []))
    if territories:
        facts.territory = territories[0]
        tprops = describe(store, [facts.territory])[facts.territory]
        facts.territory_label = label_from(tprops, facts.territory, lang)
        levels = concept_codes(tprops, str(ANC.level), "level")
        facts.territory_level = levels[0] if levels else None
        facts.territory_parts = sorted(str(p) for p in tprops.get(str(ANC.madeOf), []))

    rows, former = members_at(store, iri, at)
    current: dict[str, dict] = {}
    membership_scales: dict[str, set] = {}
    for a, held in rows.items():
        entry = current.setdefault(a, {"roles": set(), "start": None, "end": None, "rels": set()})
        for row in held:
            entry["rels"].add(row.relation)
            if row.role and scheme_of(row.role) == "role":
                entry["roles"].add(code_of(row.role))
            s, e = as_date(row.start), as_date(row.end)
            if s and (entry["start"] is None or s.isoformat() < entry["start"]):
                entry["start"] = s.isoformat()
            if e and (entry["end"] is None or e.isoformat() > entry["end"]):
                entry["end"] = e.isoformat()
    facts.former_members = sorted(former)
    if current:
        rel_props = describe(store, sorted({r for e in current.values() for r in e["rels"]}))
        for a, entry in current.items():
            membership_scales[a] = {code_of(v) for r in entry["rels"]
                                    for v in rel_props[r].get(str(ANC.interventionScale), [])
                                    if scheme_of(str(v)) == "scale"}
            levels = sorted({code_of(v) for r in entry["rels"]
                             for v in rel_props[r].get(str(ANC.participationLevel), [])
                             if scheme_of(str(v)) == "participation"})
            if levels:
                facts.participation_levels[a] = levels
            entry["professions"] = {code_of(v) for r in entry["rels"] for v in rel_props[r].get(str(ANC.profession), [])
                                    if scheme_of(str(v)) == "profession"}
    facts.members = _members(store, current, membership_scales, lang)
    facts.links = _links(store, iri, facts.members, lang)
    facts.partnerships = _partnerships(store, iri, at, lang)
    return facts


def _partnerships(store, iri: str, at: dt.date, lang: str) -> list[dict]:
    """The committee's observed partnerships current at ``at``, with their natures (R12)."""
    rows = store.select(
        f"SELECT ?p ?other ?nature ?start ?end WHERE {{ ?p a anc:Partnership ; anc:participant {ref(iri)}, ?other . "
        f"OPTIONAL {{ ?p anc:nature ?nature }} OPTIONAL {{ ?p schema:startDate ?start }} "
        f"OPTIONAL {{ ?p schema:endDate ?end }} FILTER(?other != {ref(iri)}) {observed_filter('p')} }}").rows
    found: dict[tuple[str, str], set] = {}
    for p, other, nature, start, end in rows:
        if not holds_at(start, end, at):
            continue
        natures = found.setdefault((p, other), set())
        if nature and scheme_of(nature) == "partnership-nature":
            natures.add(code_of(nature))
    props = describe(store, {o for _, o in found}) if found else {}
    return [{"relation": p, "other": o, "other_label": label_from(props.get(o, {}), o, lang),
             "natures": sorted(n)} for (p, o), n in sorted(found.items())]


def _members(store, current: dict[str, dict], membership_scales: dict, lang: str) -> list[Member]:
    if not current:
        return []
    actors = describe(store, current)
    territories = sorted({str(t) for p in actors.values() for t in p.get(str(ANC.locatedIn), [])})
    tprops = describe(store, territories) if territories else {}
    institutions = institutions_of(store, list(current))
    inst_props = describe(store, set(institutions.values()))
    members = []
    for a in sorted(current):
        p = actors[a]
        terrs = tuple(sorted(str(t) for t in p.get(str(ANC.locatedIn), [])))
        levels = tuple(sorted({lv for t in terrs for lv in concept_codes(tprops.get(t, {}), str(ANC.level), "level")}))
        qual = tuple(sorted({int(q) for q in p.get(str(ANC.qualificationLevel), []) if str(q).isdigit()}))
        counts = [int(c) for c in p.get(str(ANC.memberCount), []) if str(c).isdigit()]
        inst = institutions.get(a, a)
        members.append(Member(
            iri=a, label=label_from(p, a, lang), kind=kind_from(p),
            categories=concept_codes(p, str(ANC.category), "category"),
            roles=tuple(sorted(current[a]["roles"])), territories=terrs, levels=levels,
            worlds=concept_codes(p, str(ANC.world), "world"),
            scales=tuple(sorted(set(concept_codes(p, str(ANC.interventionScale), "scale"))
                                | membership_scales.get(a, set()))),
            qualification_levels=qual, institution=inst,
            institution_label=label_from(inst_props.get(inst, {}), inst, lang),
            member_count=max(counts) if counts else None,
            start=current[a]["start"], end=current[a]["end"],
            professions=tuple(sorted(set(concept_codes(p, str(ANC.profession), "profession"))
                                     | current[a].get("professions", set()))),
            publics=concept_codes(p, str(ANC.public), "public")))
    return members


def institutions_of(store, actors: list[str]) -> dict[str, str]:
    """The institution each actor belongs to: the top of its ``org:subOrganizationOf`` chain.

    An actor that is part of nothing is its own institution; with several tops, the smallest
    IRI is kept (deterministic).
    """
    out: dict[str, str] = {a: a for a in actors}
    for chunk in _chunks(sorted(actors)):
        rows = store.select(
            f"SELECT ?a ?top WHERE {{ VALUES ?a {{ {_values(chunk)} }} ?a {UNIT_PATH}+ ?top . "
            f"FILTER NOT EXISTS {{ ?top {UNIT_PATH} ?up }} }}").rows
        tops: dict[str, list[str]] = {}
        for a, top in rows:
            tops.setdefault(a, []).append(top)
        for a, found in tops.items():
            out[a] = sorted(found)[0]
    return out


def national_bodies(store) -> set[str]:
    """National bodies (category ``instances-nationales``) and their units and working groups."""
    return lookups(store).remember("national", lambda: _national_bodies(store))


def _national_bodies(store) -> set[str]:
    rows = store.select(
        f"SELECT DISTINCT ?n WHERE {{ ?top anc:category <{NATIONAL}> . ?n {UNIT_PATH}* ?top }}").rows
    return {r[0] for r in rows}


def _links(store, iri: str, members: list[Member], lang: str) -> list[Link]:
    national = national_bodies(store)
    committees_set = set(committees(store))
    links: list[Link] = []
    flows = []
    for end in ("anc:flowFrom", "anc:flowTo"):  # two joins on a bound IRI, not a filter over every flow
        flows += store.select(
            f"SELECT ?f ?from ?to ?dir WHERE {{ ?f {end} {ref(iri)} . ?f a anc:InformationFlow ; "
            f"anc:flowFrom ?from ; anc:flowTo ?to . OPTIONAL {{ ?f anc:direction ?dir }} "
            f"{observed_filter('f')} }}").rows
    flows = sorted(set(flows), key=lambda r: tuple(str(x) for x in r))
    parts = store.select(
        f"SELECT ?p ?other WHERE {{ ?p a anc:Partnership ; anc:participant {ref(iri)}, ?other . "
        f"FILTER(?other != {ref(iri)}) {observed_filter('p')} }}").rows
    wg = []
    if members:
        wg = store.select(
            f"SELECT ?m ?a ?body WHERE {{ VALUES ?a {{ {_values(sorted(m.iri for m in members))} }} "
            f"?m a anc:Membership ; org:member ?a ; org:organization ?body . FILTER(?body != {ref(iri)}) "
            f"{observed_filter('m')} }}").rows
    others = {r[1] if r[2] == iri else r[2] for r in flows} | {r[1] for r in parts} | {r[2] for r in wg}
    props = describe(store, others) if others else {}
    for f, frm, to, direction in flows:
        other = to if frm == iri else frm
        code = code_of(direction) if direction else None
        if other in national:
            kind = code if code in ("descendant", "ascendant") else ("descendant" if to == iri else "ascendant")
        elif other in committees_set:
            kind = "transversal"
        else:
            continue
        links.append(Link(kind, "flow", f, other, label_from(props.get(other, {}), other, lang)))
    for p, other in parts:
        if other in committees_set:
            links.append(Link("transversal", "partnership", p, other, label_from(props.get(other, {}), other, lang)))
        elif other in national:
            links.append(Link("ascendant", "partnership", p, other, label_from(props.get(other, {}), other, lang)))
    for m, a, body in wg:
        if body in national:
            links.append(Link("ascendant", "membership", m, body, label_from(props.get(body, {}), body, lang), member=a))
    return sorted(links, key=lambda l: (l.kind, l.via, l.other, l.relation or "", l.member or ""))


__all__ = ["committees", "resolve_committee", "read_facts", "shared_facts", "describe", "national_bodies",
           "institutions_of", "territory_scope", "Scope", "CommitteeFacts", "Member", "Link", "fold", "as_date",
           "holds_at", "label_from", "kind_from", "concept_codes", "LABEL_PROPS", "RDF_TYPE"]
