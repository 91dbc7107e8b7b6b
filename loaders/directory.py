"""What the directory loaders share (:mod:`loaders.datainclusion`, :mod:`loaders.sirene`,
:mod:`loaders.finess`): the territory filter, the code mappings kept as data, the quarantine of
bad rows, and the actors they write.

Each directory file becomes one named graph, ``…/graph/<kind>-<départements>`` (for example
``sirene-59``): loading the same kind of file for the same territory again replaces it. Every
actor it holds is *attested* (``anc:status`` ``status/atteste``) by that file, whose name and
extract date are the source's title and version, and keeps its official identifiers
(``anc:siren``, ``anc:siret``, ``anc:finess``, ``anc:rna``) and the commune it sits in
(``anc:locatedIn`` a commune of the COG, whose INSEE code is ``anc:inseeCode``), so that a
later identity step can match it to a known actor.

>>> t = TerritoryFilter.for_departements(["2A"])
>>> t.commune("2A004"), t.commune("75056"), t.commune("2a004")
('2A004', None, '2A004')
>>> sorted(mapping("sirene-naf.csv"))[:2]
['84.12Z', '84.30A']
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kg import namespaces as _ns
from kg.errors import LoadError
from kg.namespaces import concept, entity
from kg.ntriples import nt_iri, nt_literal
from kg.paths import shipped
from kg.privacy import scan_text
from kg.sources import Source

from . import cog

DATA = shipped("data", "directories")


# -- mappings kept as data --------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def mapping(name: str, key: str = "code") -> dict[str, dict[str, str]]:
    """A mapping file of ``data/directories`` (CSV, ``#`` comment lines) as ``{key: row}``.

    Every ``category`` and ``world`` it names must be a concept of the vocabulary: a typo in a
    mapping file is a :class:`LoadError` naming the file, line and value.
    """
    path = DATA / name
    out: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(line for _n, line in lines)
    for (n, _line), row in zip(lines[1:], reader):
        for scheme, column in (("category", "category"), ("world", "world")):
            value = (row.get(column) or "").strip()
            if value and value not in _ns.SCHEMES[scheme]:
                raise LoadError("unknown concept in a mapping file / concept inconnu dans une table de correspondance",
                                file=str(path), line=n, field=column,
                                expected=f"a code of scheme {scheme!r}", found=value)
        k = row[key] if key in row else "|".join(row[k] for k in key.split("|"))
        out[k] = row
    return out


# -- the territory --------------------------------------------------------------------------

@dataclass(frozen=True)
class TerritoryFilter:
    """Which communes a load keeps: INSEE code (current commune, municipal arrondissement or
    delegated/associated commune) -> the current commune's code.

    Built for départements (or COM) of the reference; ``None`` keeps all of France.
    """

    departements: tuple[str, ...]
    communes: dict[str, str] = field(repr=False, default_factory=dict)
    everything: bool = False

    @classmethod
    def for_departements(cls, codes: Iterable[str] | None) -> "TerritoryFilter":
        codes = [str(c).strip().upper() for c in codes or () if str(c).strip()]
        ref = cog.Reference.get()
        known = {t.code for t in ref.territories if t.level in (cog.DEPARTEMENT, cog.COM)}
        for c in codes:
            if c not in known:
                raise LoadError("unknown département / département inconnu", field="--departement",
                                expected="a département or COM code of the COG (59, 2A, 974…)", found=c)
        wanted = set(codes)
        communes: dict[str, str] = {}
        for t in ref.territories:
            if t.level == cog.COMMUNE and (not wanted or t.parents[-1][1] in wanted):
                communes[t.code] = t.code
        for t in ref.territories:
            if t.level == cog.INFRA and t.parents[0][1] in communes:
                communes[t.code] = t.parents[0][1]
        for code, fc in ref._former_by_code.items():  # noqa: SLF001 - the reference's own index
            if fc.current.code in communes and code not in communes:
                communes[code] = fc.current.code
        return cls(tuple(sorted(wanted)), communes, everything=not wanted)

    def commune(self, code: str) -> str | None:
        """The current commune for an INSEE code if it is in the territory, else ``None``."""
        return self.communes.get(code.strip().upper()) if code else None

    @property
    def suffix(self) -> str:
        """``59``, ``59-62``, or ``france``: names the graph of a load."""
        return "-".join(self.departements) if self.departements else "france"


# -- what the loaders produce --------------------------------------------------------------

@dataclass(frozen=True)
class Actor:
    """One actor attested by a directory row."""

    key: str  # unique in the source, becomes the IRI: actor/<kind>/<key>
    name: str
    categories: tuple[str, ...]
    commune: str  # current INSEE commune code
    worlds: tuple[str, ...] = ()
    siren: str | None = None
    siret: str | None = None
    finess: tuple[str, ...] = ()
    rna: str | None = None
    code: str = ""  # the official code the category comes from, e.g. "sirene:cj:7361"
    ident: str = ""  # the directory's own id when it is not one of the above (data·inclusion)


@dataclass
class Outcome:
    """What a pass over a file gave: actors kept, rows quarantined, rows left out and why."""

    actors: list[Actor] = field(default_factory=list)
    problems: list[LoadError] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    rows: int = 0

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def quarantine(self, message: str, *, file: str, line: int, field: str, expected: str, found) -> None:
        self.problems.append(LoadError(message, file=file, line=line, field=field, expected=expected,
                                       found=found))


_PERSONAL_IN_NAME = "personal data in the name / donnée personnelle dans le nom"


def check_name(out: Outcome, name: str, *, file: str, line: int, field: str) -> bool:
    """False (and the row quarantined) when the name is empty or holds an e-mail, phone or NIR."""
    if not name.strip():
        out.quarantine("empty name / nom vide", file=file, line=line, field=field, expected="a name", found="")
        return False
    found = scan_text(name)
    if found:
        out.quarantine(_PERSONAL_IN_NAME, file=file, line=line, field=field,
                       expected="a name without e-mail, phone or NIR", found=found[0].masked)
        return False
    return True


_SIREN = re.compile(r"^\d{9}$")
_SIRET = re.compile(r"^\d{14}$")
_FINESS = re.compile(r"^[0-9][0-9AB][0-9]{7}$")
_RNA = re.compile(r"^W[0-9A-Z]{9}$")


def valid(kind: str, value: str) -> bool:
    """Shape of an official identifier (``siren``, ``siret``, ``finess``, ``rna``).

    >>> valid("siret", "21590350100017"), valid("siret", "2159035010001"), valid("finess", "2A0000123")
    (True, False, True)
    """
    return bool({"siren": _SIREN, "siret": _SIRET, "finess": _FINESS, "rna": _RNA}[kind].match(value))


_A, _LABEL, _CATEGORY, _WORLD, _LOCATED, _STATUS, _BASIS, _ID, _NOTE = (
    nt_iri(str(_ns.RDF.type)), nt_iri(str(_ns.SKOS.prefLabel)), nt_iri(str(_ns.ANC.category)),
    nt_iri(str(_ns.ANC.world)), nt_iri(str(_ns.ANC.locatedIn)), nt_iri(str(_ns.ANC.status)),
    nt_iri(str(_ns.ANC.statusBasis)), nt_iri(str(_ns.DCTERMS.identifier)), nt_iri(str(_ns.ANC.note)))
_IDS = {name: nt_iri(str(_ns.ANC[name])) for name in ("siren", "siret", "finess", "rna")}
_ORG = nt_iri(str(_ns.ANC.Organisation))
_ATTESTE = nt_iri(str(concept("status", "atteste")))


_T_DOC, _T_SEC, _TITLE, _NUMBER, _PART_OF, _SOURCE = (
    nt_iri(str(_ns.ANC.SourceDocument)), nt_iri(str(_ns.ANC.SourceSection)), nt_iri(str(_ns.DCTERMS.title)),
    nt_iri(str(_ns.ANC.sectionNumber)), nt_iri(str(_ns.DCTERMS.isPartOf)), nt_iri(str(_ns.DCTERMS.source)))


def provenance(source_id: str, file_name: str, title_fr: str, title_en: str) -> tuple[str, list[str]]:
    """The file as an ``anc:SourceDocument`` with one ``anc:SourceSection`` that every actor cites
    (``dct:source``), as the spreadsheet import does: ``(section term, N-Triples lines)``."""
    doc = nt_iri(str(entity("document", source_id)))
    sec = nt_iri(str(entity("section", f"{source_id}-fichier")))
    return sec, [f"{doc} {_A} {_T_DOC} .", f"{doc} {_TITLE} {nt_literal(file_name)} .",
                 f"{sec} {_A} {_T_SEC} .", f"{sec} {_NUMBER} {nt_literal('1')} .",
                 f"{sec} {_TITLE} {nt_literal(title_fr, lang='fr')} .", f"{sec} {_TITLE} {nt_literal(title_en, lang='en')} .",
                 f"{sec} {_PART_OF} {doc} ."]


def actor_iri(kind: str, key: str) -> str:
    """``…/id/actor/<kind>/<key>``, e.g. ``actor/sirene/21590350100017``."""
    return str(entity(f"actor/{kind}", key))


def ntriples(kind: str, actors: Iterable[Actor], basis: tuple[str, str], cites: str | None = None) -> Iterator[str]:
    """N-Triples lines of the attested actors of one directory file (pure); ``cites``: the
    section term (:func:`provenance`) each actor cites."""
    basis_fr, basis_en = nt_literal(basis[0], lang="fr"), nt_literal(basis[1], lang="en")
    for a in actors:
        s = nt_iri(actor_iri(kind, a.key))
        yield f"{s} {_A} {_ORG} ."
        if cites:
            yield f"{s} {_SOURCE} {cites} ."
        yield f"{s} {_LABEL} {nt_literal(a.name, lang='fr')} ."
        for c in a.categories:
            yield f"{s} {_CATEGORY} {nt_iri(str(concept('category', c)))} ."
        for w in a.worlds:
            yield f"{s} {_WORLD} {nt_iri(str(concept('world', w)))} ."
        yield f"{s} {_LOCATED} {nt_iri(str(entity('territory/commune', a.commune)))} ."
        yield f"{s} {_STATUS} {_ATTESTE} ."
        yield f"{s} {_BASIS} {basis_fr} ."
        yield f"{s} {_BASIS} {basis_en} ."
        if a.code:
            yield f"{s} {_NOTE} {nt_literal(f'Catégorie d’après le code {a.code}', lang='fr')} ."
            yield f"{s} {_NOTE} {nt_literal(f'Category from code {a.code}', lang='en')} ."
        if a.ident:
            yield f"{s} {_ID} {nt_literal(a.ident)} ."
        for name, values in (("siren", [a.siren]), ("siret", [a.siret]), ("finess", a.finess), ("rna", [a.rna])):
            for v in values:
                if v:
                    yield f"{s} {_IDS[name]} {nt_literal(v)} ."


def source(kind: str, title: str, path: str | Path, extract_date: str, territory: TerritoryFilter,
           outcome: Outcome, *, url: str, publisher: str, licence: str, description: str) -> Source:
    """The :class:`Source` of one directory load (id ``<kind>-<départements>``)."""
    basis = (f"Attesté par {title} (extrait du {extract_date}).", f"Attested by {title} (extract of {extract_date}).")
    actors = outcome.actors
    skipped = ", ".join(f"{k}: {v}" for k, v in sorted(outcome.skipped.items()))
    where = ", ".join(territory.departements) or "France"
    source_id = f"{kind}-{territory.suffix}"
    section, described = provenance(source_id, Path(path).name, f"{Path(path).name}, extrait du {extract_date}",
                                    f"{Path(path).name}, extract of {extract_date}")

    def lines():
        yield from described
        yield from ntriples(kind, actors, basis, section)

    return Source(
        id=source_id,
        title=f"{title} — {Path(path).name} ({extract_date}), {where}",
        lines=lines,
        path=str(path),
        licence=licence,
        version=extract_date,
        url=url,
        publisher=publisher,
        description=(f"{description} Lignes lues / rows read: {outcome.rows}; acteurs / actors: {len(actors)}; "
                     f"écartées / left out: {skipped or '0'}; en quarantaine / quarantined: {len(outcome.problems)}."),
        records=len(actors),
        problems=list(outcome.problems),
    )


def date_in_name(path: str | Path) -> str | None:
    """An extract date found in a published file name (``…-20261101-…``, ``…_2026-11-01…``).

    >>> date_in_name("etalab-cs1100507-stock-20261105-0336.csv"), date_in_name("StockEtablissement_utf8.csv")
    ('2026-11-05', None)
    """
    m = re.search(r"(20\d{2})-?([01]\d)-?([0-3]\d)", Path(path).name)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
