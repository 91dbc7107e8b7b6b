"""The declarative mapping of the seed dataset: record type -> class, IRI and fields -> properties.

Used by :mod:`loaders.seed`. Each record type (:class:`RecordType`) names the class it becomes,
the kind of its IRI (``entity(kind, id)``) and, for each YAML field, a :class:`Field`: the
properties it feeds and the kind of value it holds (:data:`KINDS`: literal, language-tagged
text, date, concept of a scheme, reference to another record, section…). :func:`check_mapping`
checks every class, property and scheme against :mod:`kg.namespaces`; it runs at import time.

>>> MAPPING["membership"].fields["role"].scheme
'role'
>>> sorted(f for f, spec in MAPPING["committee"].fields.items() if spec.required)
['label', 'territory']
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from kg import namespaces as ns
from kg.errors import AncrageError
from kg.namespaces import ANC, GEO, SCHEMA

#: key of the source document; sections are ``entity("section", f"{DOCUMENT_KEY}-{id}")``
DOCUMENT_KEY = "seminaire-2018"

#: value kinds a field may hold
KINDS = {
    "text": "a string",
    "lang": "a string (French) or a mapping {fr: …, en: …}",
    "labels": "a list of strings (French)",
    "date": "a date YYYY-MM-DD",
    "partial-date": "a date YYYY-MM-DD, YYYY-MM or YYYY",
    "integer": "an integer",
    "share": "a number between 0 and 1",
    "url": "an http(s) URL",
    "concept": "a concept code",
    "ref": "the id of a record",
    "concept-or-ref": "a concept code or the id of a record",
    "about": "'<scheme>:<code>' or the id of a record",
    "lines": "line numbers or ranges of the source document, e.g. [660, '881-906']",
}


@dataclass(frozen=True)
class Field:
    """How one YAML field becomes RDF.

    ``props`` are the properties it feeds (empty for fields the record type handles itself),
    ``kind`` one of :data:`KINDS`, ``scheme`` the concept scheme of a concept field,
    ``targets`` the record types a reference may point to.
    """

    props: tuple[URIRef, ...]
    kind: str
    scheme: str | None = None
    targets: frozenset[str] = frozenset()
    many: bool = False
    required: bool = False


@dataclass(frozen=True)
class RecordType:
    """How one type of record becomes RDF: its class, its IRI, its fields.

    ``direct`` record types (sub-organisation, supervision, accompaniment) have no node of their
    own: they add the triple ``(subject field, property, object field)``; their ``source``
    sections are added to the subject's ``dct:source``.
    """

    name: str
    cls: URIRef | None
    kind: str | None
    fields: Mapping[str, Field]
    key: Callable[[Mapping], str] | None = None
    direct: tuple[str, URIRef, str] | None = None
    needs_source: bool = True


ACTORS = frozenset({"organisation", "working-group", "person", "group", "committee"})
ORGANISATIONS = frozenset({"organisation", "working-group", "committee"})
TERRITORIES = frozenset({"territory"})
POLICIES = frozenset({"policy", "scheme"})
PRODUCTIONS = frozenset({"production"})
SECTIONS = frozenset({"section"})
ANYTHING = ACTORS | TERRITORIES | POLICIES | PRODUCTIONS | frozenset({"event", "survey"})


def F(props, kind, scheme=None, targets=(), many=False, required=False) -> Field:
    props = (props,) if isinstance(props, URIRef) else tuple(props)
    return Field(props, kind, scheme, frozenset(targets), many, required)


LABEL = F(SKOS.prefLabel, "lang", required=True)
#: what every statement may say about itself: its status, who said it, the lines it rests on
STATEMENT = {
    "statement_status": F(ANC.statementStatus, "concept", "statement-status"),
    "said_by": F(PROV.wasAttributedTo, "ref", targets=ACTORS, many=True),
    "lines": F(ANC.passage, "lines", many=True),
}
COMMON = {
    "label": LABEL,
    "alt": F(SKOS.altLabel, "labels", many=True),
    "description": F(DCTERMS.description, "lang"),
    "note": F(ANC.note, "lang"),
}
#: no ``scale``: Sorita's intervention scales qualify interventions (memberships, partnerships),
#: never a whole actor or group
ACTOR_FIELDS = {
    **COMMON,
    "category": F(ANC.category, "concept", "category", many=True),
    "world": F(ANC.world, "concept", "world", many=True),
    "theme": F(DCTERMS.subject, "concept", "theme", many=True),
    "located_in": F(ANC.locatedIn, "ref", targets=TERRITORIES, many=True),
    "member_count": F(ANC.memberCount, "integer"),
    "installed_on": F(ANC.installedOn, "date"),
    "qualification_levels": F(ANC.qualificationLevel, "integer", many=True),
    "profession": F(ANC.profession, "concept", "profession", many=True),
    "public": F(ANC.public, "concept", "public", many=True),
    "teaches": F(ANC.teaches, "concept", "training", many=True),
    "homepage": F(FOAF.homepage, "url"),
    "url": F(SCHEMA.url, "url"),
}


def _territory_key(rec: Mapping) -> str:
    return f"{rec.get('level')}/{rec.get('code')}"


def membership_key(rec: Mapping) -> str:
    return f"{rec.get('member')}-{rec.get('organisation')}-{rec.get('role')}"


def _rt(name, cls, kind, fields, **kw) -> RecordType:
    """A record type; those with a node of their own (and a source) take the :data:`STATEMENT` fields."""
    if kw.get("needs_source", True) and kw.get("direct") is None:
        fields = {**fields, **STATEMENT}
    return RecordType(name, cls, kind, MappingProxyType(dict(fields)), **kw)


MAPPING: dict[str, RecordType] = {rt.name: rt for rt in [
    # -- the source document ---------------------------------------------------------------
    _rt("document", ANC.SourceDocument, "document", {
        "title": F((DCTERMS.title, SKOS.prefLabel), "lang", required=True),
        "date": F(DCTERMS.date, "date"),
        "identifier": F(DCTERMS.identifier, "text"),
        "creator": F(DCTERMS.creator, "ref", targets=ACTORS, many=True),
        "url": F(SCHEMA.url, "url"),
        "note": F(ANC.note, "lang"),
    }, needs_source=False),
    _rt("section", ANC.SourceSection, "section", {
        "number": F(ANC.sectionNumber, "text", required=True),
        "title": F((DCTERMS.title, SKOS.prefLabel), "lang", required=True),
        "creator": F(DCTERMS.creator, "ref", targets=ACTORS, many=True),
        "part_of": F(DCTERMS.isPartOf, "ref", targets=SECTIONS),
        # who speaks in the section: the default speaker of the statements that cite it
        "said_by": F(PROV.wasAttributedTo, "ref", targets=ACTORS, many=True),
    }, key=lambda rec: f"{DOCUMENT_KEY}-{rec.get('id')}", needs_source=False),
    # -- territories -----------------------------------------------------------------------
    _rt("territory", ANC.Territory, "territory", {
        "level": F(ANC.level, "concept", "level", required=True),
        "code": F((), "text", required=True),
        "label": LABEL,
        "alt": COMMON["alt"],
        "note": COMMON["note"],
        "within": F(GEO.sfWithin, "ref", targets=TERRITORIES, many=True),
        "made_of": F(ANC.madeOf, "ref", targets=TERRITORIES, many=True),
    }, key=_territory_key),
    # -- actors ----------------------------------------------------------------------------
    _rt("organisation", ANC.Organisation, "actor", ACTOR_FIELDS),
    _rt("working-group", ANC.WorkingGroup, "actor", {
        **ACTOR_FIELDS,
        "start": F(SCHEMA.startDate, "partial-date"),
        "end": F(SCHEMA.endDate, "partial-date"),
    }),
    _rt("group", ANC.Group, "actor", ACTOR_FIELDS),
    _rt("person", ANC.PublicRolePerson, "person", {
        **{k: v for k, v in ACTOR_FIELDS.items() if k not in ("label", "member_count")},
        "label": F((SKOS.prefLabel, FOAF.name), "lang", required=True),
    }),
    _rt("committee", ANC.LocalCommittee, "committee", {
        **ACTOR_FIELDS,
        "territory": F(ANC.territory, "ref", targets=TERRITORIES, many=True, required=True),
        "mission": F(ANC.mission, "concept", "mission", many=True),
        "funded_by": F(ANC.fundedBy, "ref", targets=frozenset({"scheme"}), many=True),
    }),
    # -- relations -------------------------------------------------------------------------
    _rt("membership", ANC.Membership, "membership", {
        "member": F(ORG.member, "ref", targets=ACTORS, required=True),
        "organisation": F(ORG.organization, "ref", targets=ORGANISATIONS, required=True),
        "role": F(ORG.role, "concept", "role", required=True),
        "start": F(SCHEMA.startDate, "partial-date"),
        "end": F(SCHEMA.endDate, "partial-date"),
        "profession": F(ANC.profession, "concept", "profession", many=True),
        "scale": F(ANC.interventionScale, "concept", "scale", many=True),
        "participation": F(ANC.participationLevel, "concept", "participation"),
        "note": COMMON["note"],
    }, key=membership_key),
    _rt("partnership", ANC.Partnership, "partnership", {
        "label": F(SKOS.prefLabel, "lang"),
        "participants": F(ANC.participant, "ref", targets=ACTORS, many=True, required=True),
        "nature": F(ANC.nature, "concept", "partnership-nature", many=True),
        "scale": F(ANC.interventionScale, "concept", "scale", many=True),
        "participation": F(ANC.participationLevel, "concept", "participation"),
        "world": F(ANC.world, "concept", "world", many=True),
        "funded_by": F(ANC.fundedBy, "ref", targets=frozenset({"scheme"}), many=True),
        "public": F(ANC.public, "concept", "public", many=True),
        "start": F(SCHEMA.startDate, "partial-date"),
        "end": F(SCHEMA.endDate, "partial-date"),
        "note": COMMON["note"],
    }),
    _rt("flow", ANC.InformationFlow, "flow", {
        "label": F(SKOS.prefLabel, "lang"),
        "from": F(ANC.flowFrom, "ref", targets=ACTORS, required=True),
        "to": F(ANC.flowTo, "ref", targets=ACTORS, required=True),
        "direction": F(ANC.direction, "concept", "flow-direction", required=True),
        "carries": F(ANC.carries, "concept-or-ref", "theme", targets=PRODUCTIONS, many=True),
        "date": F(DCTERMS.date, "partial-date"),
        "note": COMMON["note"],
    }),
    _rt("sub-organisation", None, None, {
        "unit": F((), "ref", targets=ORGANISATIONS, required=True),
        "parent": F((), "ref", targets=ORGANISATIONS, required=True),
    }, direct=("unit", ORG.subOrganizationOf, "parent")),
    _rt("supervision", None, None, {
        "organisation": F((), "ref", targets=ORGANISATIONS, required=True),
        "supervisor": F((), "ref", targets=ORGANISATIONS, required=True),
    }, direct=("organisation", ANC.supervisedBy, "supervisor")),
    _rt("accompaniment", None, None, {
        "actor": F((), "ref", targets=ACTORS, required=True),
        "target": F((), "ref", targets=frozenset({"committee"}) | TERRITORIES, required=True),
    }, direct=("actor", ANC.accompanies, "target")),
    # -- policies, events, productions, survey ---------------------------------------------
    *[_rt(name, cls, "policy", {
        **COMMON,
        "date": F(DCTERMS.date, "partial-date"),
        "url": F(SCHEMA.url, "url"),
        "creator": F(DCTERMS.creator, "ref", targets=ACTORS, many=True),
        "concerns": F(ANC.concerns, "ref", targets=ANYTHING, many=True),
        "theme": F(DCTERMS.subject, "concept", "theme", many=True),
        "part_of": F(DCTERMS.isPartOf, "ref", targets=POLICIES, many=True),
        "derived_from": F(PROV.wasDerivedFrom, "ref", targets=POLICIES, many=True),
        "public": F(ANC.public, "concept", "public", many=True),
    }) for name, cls in (("policy", ANC.Policy), ("scheme", ANC.Scheme))],
    _rt("event", ANC.Event, "event", {
        **COMMON,
        "start": F(SCHEMA.startDate, "partial-date", required=True),
        "end": F(SCHEMA.endDate, "partial-date"),
        "location": F(SCHEMA.location, "ref", targets=TERRITORIES, many=True),
        "organised_by": F(ANC.organisedBy, "ref", targets=ACTORS, many=True),
        "participants": F(ANC.participant, "ref", targets=ACTORS, many=True),
        "theme": F(DCTERMS.subject, "concept", "theme", many=True),
        "concerns": F(ANC.concerns, "ref", targets=ANYTHING, many=True),
        "part_of": F(DCTERMS.isPartOf, "ref", targets=frozenset({"event"})),
    }),
    _rt("production", ANC.Production, "production", {
        "title": F((DCTERMS.title, SKOS.prefLabel), "lang", required=True),
        "kind": F(SCHEMA.genre, "lang"),
        "status": F(SCHEMA.creativeWorkStatus, "lang"),
        "creator": F(DCTERMS.creator, "ref", targets=ACTORS, many=True),
        "publisher": F(DCTERMS.publisher, "ref", targets=ACTORS, many=True),
        "theme": F(DCTERMS.subject, "concept", "theme", many=True),
        "date": F(DCTERMS.date, "partial-date"),
        "url": F(SCHEMA.url, "url"),
        "concerns": F(ANC.concerns, "ref", targets=ANYTHING, many=True),
        "public": F(ANC.public, "concept", "public", many=True),
        "citation": F(DCTERMS.bibliographicCitation, "text"),
        "description": COMMON["description"],
        "note": COMMON["note"],
    }),
    _rt("survey", ANC.Survey, "survey", {
        **COMMON,
        "start": F(SCHEMA.startDate, "date", required=True),
        "end": F(SCHEMA.endDate, "date"),
        "creator": F(DCTERMS.creator, "ref", targets=ACTORS, many=True),
    }),
    _rt("representation", ANC.Representation, "representation", {
        **COMMON,
        "survey": F(ANC.respondentsOf, "ref", targets=frozenset({"survey"})),
        "held_by": F(ANC.heldBy, "ref", targets=ACTORS, many=True),
        "share": F(ANC.share, "share"),
        "share_min": F(ANC.shareMin, "share"),
        "share_max": F(ANC.shareMax, "share"),
        "public": F(ANC.public, "concept", "public", many=True),
        "choice": F(ANC.choice, "text"),
        "about": F(ANC.about, "about", targets=ANYTHING, many=True, required=True),
        "mission": F(ANC.mission, "concept", "mission", many=True),
    }),
]}

#: type of the records of a file that do not say theirs
FILE_DEFAULT_TYPES = {
    "territories": "territory",
    "committees": "committee",
    "policies": "policy",
    "events": "event",
    "productions": "production",
    "survey": "representation",
}

#: fields every record may have besides those of its type; ``context`` marks a territory the
#: document never names, kept as context from the territorial reference (value: CONTEXT_REFERENCE)
META_FIELDS = {"type", "id", "source", "context"}
CONTEXT_REFERENCE = "territorial-reference"

#: standard properties the mapping may use besides the ``anc:`` ones
REUSED_PROPERTIES = {
    RDF.type, SKOS.prefLabel, SKOS.altLabel, DCTERMS.title, DCTERMS.description, DCTERMS.source,
    DCTERMS.date, DCTERMS.identifier, DCTERMS.creator, DCTERMS.publisher, DCTERMS.isPartOf,
    DCTERMS.subject, SCHEMA.startDate, SCHEMA.endDate, SCHEMA.url, SCHEMA.location, SCHEMA.genre,
    SCHEMA.creativeWorkStatus, FOAF.name, FOAF.homepage, ORG.member, ORG.organization, ORG.role,
    ORG.subOrganizationOf, GEO.sfWithin, PROV.wasDerivedFrom, PROV.wasAttributedTo,
    DCTERMS.bibliographicCitation,
}


def check_mapping(mapping: Mapping[str, RecordType] = MAPPING) -> None:
    """Check every class, property and scheme of the mapping against :mod:`kg.namespaces`.

    Raises :class:`kg.errors.AncrageError` naming the record type and field at fault.

    >>> check_mapping()
    >>> bad = {"x": _rt("x", ANC.Nope, "x", {"f": F(ANC.category, "concept", "category")})}
    >>> check_mapping(bad)
    Traceback (most recent call last):
    ...
    kg.errors.AncrageError: seed mapping, type 'x': class https://w3id.org/ancrage/def#Nope is not in kg.namespaces.CLASSES
    """
    anc_props = set(ns.OBJECT_PROPERTIES) | set(ns.DATATYPE_PROPERTIES)
    for name, rt in mapping.items():
        where = f"seed mapping, type {name!r}"
        if rt.cls is not None and not (str(rt.cls).startswith(str(ANC))
                                       and str(rt.cls)[len(str(ANC)):] in ns.CLASSES):
            raise AncrageError(f"{where}: class {rt.cls} is not in kg.namespaces.CLASSES")
        props = [(fname, p, f) for fname, f in rt.fields.items() for p in f.props]
        if rt.direct:
            props.append(("(direct)", rt.direct[1], None))
            for fname in (rt.direct[0], rt.direct[2]):
                if fname not in rt.fields:
                    raise AncrageError(f"{where}: direct field {fname!r} is not declared")
        for fname, prop, f in props:
            text = str(prop)
            if text.startswith(str(ANC)):
                if text[len(str(ANC)):] not in anc_props:
                    raise AncrageError(f"{where}, field {fname!r}: property {prop} is not in kg.namespaces")
            elif prop not in REUSED_PROPERTIES:
                raise AncrageError(f"{where}, field {fname!r}: property {prop} is not a reused standard property")
        for fname, f in rt.fields.items():
            if f.kind not in KINDS:
                raise AncrageError(f"{where}, field {fname!r}: unknown value kind {f.kind!r}")
            if f.kind in ("concept", "concept-or-ref") and f.scheme not in ns.SCHEMES:
                raise AncrageError(f"{where}, field {fname!r}: unknown scheme {f.scheme!r}")
            unknown = f.targets - set(mapping) if mapping is MAPPING else set()
            if unknown:
                raise AncrageError(f"{where}, field {fname!r}: unknown target types {sorted(unknown)}")


check_mapping()
