"""Checked spreadsheet records as N-Triples, following the ontology's modelling decisions.

* actors: ``anc:Organisation`` / ``anc:Group`` / ``anc:PublicRolePerson`` with ``skos:prefLabel``
  @fr, ``anc:category``, ``anc:locatedIn``, ``anc:interventionScale``, ``anc:world``, the parent
  institution (``org:subOrganizationOf``, column ``rattachement``), a known actor that is the same
  institution (``owl:sameAs``, column ``meme_que``), ``anc:siren`` / ``anc:siret`` / ``anc:finess``;
* committees: ``anc:LocalCommittee`` with ``anc:territory`` and ``anc:installedOn``;
* memberships: ``anc:Membership`` nodes (``org:member``, ``org:organization``, ``org:role``,
  ``schema:startDate`` / ``schema:endDate``);
* partnerships: ``anc:Partnership`` nodes with two or more ``anc:participant``;
* project territories: ``anc:ProjectTerritory`` with ``anc:madeOf`` each part and
  ``geo:sfWithin`` the nearest territories containing all parts.

Provenance: the file is an ``anc:SourceDocument`` (``…/id/document/<source-id>``) and each of
its sheets an ``anc:SourceSection`` (``…/id/section/<source-id>-<sheet>``); every entity and
relation node cites its sheet with ``dct:source``; the ``source`` column of a row becomes
``dct:bibliographicCitation``; ``dct:identifier`` keeps the id typed in the sheet.

>>> from loaders.tabular_rows import ActorRecord
>>> rec = ActorRecord("a.csv", "acteurs", 2, id="caf-65", iri="https://w3id.org/ancrage/id/actor/caf-65",
...                   name="CAF des Hautes-Pyrénées", kind="organisation", categories=("protection-sociale",))
>>> lines = list(parse([rec], "import-a", "a.csv"))
>>> any('"CAF des Hautes-Pyrénées"@fr' in line for line in lines)
True
"""

from __future__ import annotations

from typing import Iterable, Iterator

from kg import namespaces as _ns
from kg.namespaces import concept, entity
from kg.ntriples import nt_iri, nt_literal

from .tabular_rows import (ActorRecord, CommitteeRecord, MembershipRecord, PartnershipRecord,
                           ProjectTerritoryRecord)

_T = {name: nt_iri(str(iri)) for name, iri in {
    "type": _ns.RDF.type, "prefLabel": _ns.SKOS.prefLabel, "altLabel": _ns.SKOS.altLabel,
    "source": _ns.DCTERMS.source, "identifier": _ns.DCTERMS.identifier, "title": _ns.DCTERMS.title,
    "citation": _ns.DCTERMS.bibliographicCitation, "isPartOf": _ns.DCTERMS.isPartOf,
    "category": _ns.ANC.category, "locatedIn": _ns.ANC.locatedIn, "territory": _ns.ANC.territory,
    "scale": _ns.ANC.interventionScale, "world": _ns.ANC.world, "note": _ns.ANC.note,
    "installedOn": _ns.ANC.installedOn, "level": _ns.ANC.level, "madeOf": _ns.ANC.madeOf,
    "sfWithin": _ns.GEO.sfWithin, "participant": _ns.ANC.participant, "nature": _ns.ANC.nature,
    "participation": _ns.ANC.participationLevel, "sectionNumber": _ns.ANC.sectionNumber,
    "member": _ns.ORG.member, "organization": _ns.ORG.organization, "role": _ns.ORG.role,
    "start": _ns.SCHEMA.startDate, "end": _ns.SCHEMA.endDate, "url": _ns.SCHEMA.url,
    "subOrganizationOf": _ns.ORG.subOrganizationOf, "sameAs": _ns.OWL.sameAs, "siren": _ns.ANC.siren,
    "siret": _ns.ANC.siret, "finess": _ns.ANC.finess,
}.items()}
_CLASS = {name: nt_iri(str(_ns.ANC[name])) for name in (
    "Organisation", "Group", "PublicRolePerson", "LocalCommittee", "Membership", "Partnership",
    "ProjectTerritory", "SourceDocument", "SourceSection")}
_KIND_CLASS = {"organisation": "Organisation", "groupe": "Group", "personne": "PublicRolePerson"}
_DATE = "http://www.w3.org/2001/XMLSchema#date"


def _c(scheme: str, code: str) -> str:
    return nt_iri(str(concept(scheme, code)))


def section_iri(source_id: str, sheet: str) -> str:
    """IRI of the section (sheet) of an imported file.

    >>> section_iri("import-membres", "acteurs")
    'https://w3id.org/ancrage/id/section/import-membres-acteurs'
    """
    return str(entity("section", f"{source_id}-{sheet}"))


def document_iri(source_id: str) -> str:
    return str(entity("document", source_id))


def parse(records: Iterable, source_id: str, file_name: str) -> Iterator[str]:
    """N-Triples lines for the records of one file (pure)."""
    doc = nt_iri(document_iri(source_id))
    sections: dict[str, str] = {}
    started = False
    for rec in records:
        if not started:
            yield f"{doc} {_T['type']} {_CLASS['SourceDocument']} ."
            yield f"{doc} {_T['title']} {nt_literal(file_name)} ."
            started = True
        if rec.sheet not in sections:
            sec = nt_iri(section_iri(source_id, rec.sheet))
            sections[rec.sheet] = sec
            yield f"{sec} {_T['type']} {_CLASS['SourceSection']} ."
            yield f"{sec} {_T['sectionNumber']} {nt_literal(rec.sheet)} ."
            yield f"{sec} {_T['title']} {nt_literal(f'Feuille « {rec.sheet} » de {file_name}', lang='fr')} ."
            yield f"{sec} {_T['title']} {nt_literal(f'Sheet {rec.sheet!r} of {file_name}', lang='en')} ."
            yield f"{sec} {_T['isPartOf']} {doc} ."
        yield from _record(rec, sections[rec.sheet])


def _common(s: str, rec, sec: str) -> Iterator[str]:
    yield f"{s} {_T['source']} {sec} ."
    if getattr(rec, "id", None):
        yield f"{s} {_T['identifier']} {nt_literal(rec.id)} ."
    if getattr(rec, "note", None):
        yield f"{s} {_T['note']} {nt_literal(rec.note, lang='fr')} ."
    if getattr(rec, "citation", None):
        yield f"{s} {_T['citation']} {nt_literal(rec.citation)} ."


def _dates(s: str, rec) -> Iterator[str]:
    if rec.start:
        yield f"{s} {_T['start']} {nt_literal(rec.start.isoformat(), datatype=_DATE)} ."
    if rec.end:
        yield f"{s} {_T['end']} {nt_literal(rec.end.isoformat(), datatype=_DATE)} ."


def _record(rec, sec: str) -> Iterator[str]:
    s = nt_iri(rec.iri)
    if isinstance(rec, ActorRecord):
        yield f"{s} {_T['type']} {_CLASS[_KIND_CLASS[rec.kind]]} ."
        yield f"{s} {_T['prefLabel']} {nt_literal(rec.name, lang='fr')} ."
        for code in rec.categories:
            yield f"{s} {_T['category']} {_c('category', code)} ."
        if rec.territory:
            yield f"{s} {_T['locatedIn']} {nt_iri(rec.territory.iri)} ."
        for code in rec.scales:
            yield f"{s} {_T['scale']} {_c('scale', code)} ."
        for code in rec.worlds:
            yield f"{s} {_T['world']} {_c('world', code)} ."
        if rec.acronym:
            yield f"{s} {_T['altLabel']} {nt_literal(rec.acronym, lang='fr')} ."
        if rec.url:
            yield f"{s} {_T['url']} {nt_iri(rec.url)} ."
        if rec.part_of:
            yield f"{s} {_T['subOrganizationOf']} {nt_iri(rec.part_of)} ."
        if rec.same_as:
            yield f"{s} {_T['sameAs']} {nt_iri(rec.same_as)} ."
        if rec.siret:
            yield f"{s} {_T['siren']} {nt_literal(rec.siret[:9])} ."
            if len(rec.siret) == 14:
                yield f"{s} {_T['siret']} {nt_literal(rec.siret)} ."
        if rec.finess:
            yield f"{s} {_T['finess']} {nt_literal(rec.finess)} ."
    elif isinstance(rec, CommitteeRecord):
        yield f"{s} {_T['type']} {_CLASS['LocalCommittee']} ."
        yield f"{s} {_T['prefLabel']} {nt_literal(rec.name, lang='fr')} ."
        yield f"{s} {_T['territory']} {nt_iri(rec.territory.iri)} ."
        if rec.created:
            yield f"{s} {_T['installedOn']} {nt_literal(rec.created.isoformat(), datatype=_DATE)} ."
        for code in rec.worlds:
            yield f"{s} {_T['world']} {_c('world', code)} ."
        if rec.url:
            yield f"{s} {_T['url']} {nt_iri(rec.url)} ."
    elif isinstance(rec, MembershipRecord):
        yield f"{s} {_T['type']} {_CLASS['Membership']} ."
        yield f"{s} {_T['member']} {nt_iri(rec.member)} ."
        yield f"{s} {_T['organization']} {nt_iri(rec.committee)} ."
        yield f"{s} {_T['role']} {_c('role', rec.role)} ."
        yield from _dates(s, rec)
        if rec.participation:
            yield f"{s} {_T['participation']} {_c('participation', rec.participation)} ."
        for code in rec.scales:
            yield f"{s} {_T['scale']} {_c('scale', code)} ."
    elif isinstance(rec, PartnershipRecord):
        yield f"{s} {_T['type']} {_CLASS['Partnership']} ."
        for p in rec.participants:
            yield f"{s} {_T['participant']} {nt_iri(p)} ."
        for code in rec.natures:
            yield f"{s} {_T['nature']} {_c('partnership-nature', code)} ."
        for code in rec.scales:
            yield f"{s} {_T['scale']} {_c('scale', code)} ."
        if rec.participation:
            yield f"{s} {_T['participation']} {_c('participation', rec.participation)} ."
        for code in rec.worlds:
            yield f"{s} {_T['world']} {_c('world', code)} ."
        yield from _dates(s, rec)
    elif isinstance(rec, ProjectTerritoryRecord):
        yield f"{s} {_T['type']} {_CLASS['ProjectTerritory']} ."
        yield f"{s} {_T['prefLabel']} {nt_literal(rec.name, lang='fr')} ."
        yield f"{s} {_T['level']} {_c('level', 'territoire-projet')} ."
        for part in rec.parts:
            yield f"{s} {_T['madeOf']} {nt_iri(part.iri)} ."
        for parent in rec.within:
            yield f"{s} {_T['sfWithin']} {nt_iri(parent.iri)} ."
    else:  # pragma: no cover - every record kind is handled above
        raise TypeError(f"unknown record {type(rec).__name__}")
    yield from _common(s, rec, sec)
