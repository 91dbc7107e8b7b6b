"""The FINESS extraction of health, social and medico-social establishments, filtered to a territory.

Where a user gets it: data.gouv.fr, « FINESS Extraction du Fichier des établissements », file
``etalab-cs1100507-stock-AAAAMMJJ-HHMM.csv`` (or its geolocated twin ``etalab-cs1100502-…``):
``;``-separated, Latin-1 (ISO-8859-1; read as Windows-1252, its superset), no header line. The
first line is ``finess;etalab;<n>;<extract date>``; each establishment is one ``structureet``
line of 32 fields (below), and the geolocated file adds ``geolocalisation`` lines, ignored.

Codes: ``departement`` is the INSEE code in mainland France and a letter code overseas
(``9A`` Guadeloupe … ``9F`` Mayotte, ``9J`` Wallis-et-Futuna), ``commune`` the 3-digit
number of the commune in its département: the INSEE code is rebuilt from both
(``data/directories/finess-departements.csv``). The establishment category (``categetab``) or
its aggregate (``categagretab``) gives the Ancrage category (``data/directories/finess.csv``);
hospitals, pharmacies and laboratories are kept out.

Identifiers kept: FINESS of the establishment (the actor's key) and of its legal entity, SIRET
(and SIREN) when given, the commune. Phone and fax numbers are not kept.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import LoadError
from kg.sources import Source

from . import directory as d

KIND = "finess"
TITLE = "FINESS, extraction des établissements (ministère chargé de la santé et des solidarités)"
URL = "https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/"
ENCODING = "cp1252"  # the files are published as Latin-1; cp1252 also reads the few Windows quotes

#: The fields of a ``structureet`` line, in order (FINESS extraction, data.gouv.fr).
FIELDS = ("structureet", "nofinesset", "nofinessej", "rs", "rslongue", "complrs", "compldistrib", "numvoie",
          "typvoie", "voie", "compvoie", "lieuditbp", "commune", "departement", "libdepartement",
          "ligneacheminement", "telephone", "telecopie", "categetab", "libcategetab", "categagretab",
          "libcategagretab", "siret", "codeape", "codemft", "libmft", "codesph", "libsph", "dateouv", "dateautor",
          "datemaj", "numuai")
_I = {name: i for i, name in enumerate(FIELDS)}


def insee_code(departement: str, commune: str) -> str | None:
    """INSEE commune code from FINESS's ``departement`` and ``commune`` fields.

    >>> insee_code("59", "350"), insee_code("2A", "004"), insee_code("9D", "411"), insee_code("9A", "123")
    ('59350', '2A004', '97411', '97701')
    """
    dep, com = departement.strip().upper(), commune.strip()
    if not com.isdigit() or len(com) != 3:
        return None
    overseas = d.mapping("finess-departements.csv", key="finess")
    if dep + com in overseas:
        return overseas[dep + com]["insee"]
    if dep in overseas:
        return overseas[dep]["insee"] + com
    if len(dep) == 2:
        return dep + com
    return None


def header(first_line: str, file: str) -> str:
    """The extract date of the first line ``finess;etalab;<n>;<date>``."""
    parts = first_line.strip().split(";")
    if len(parts) < 4 or parts[0] != "finess":
        raise LoadError("not a FINESS extraction / pas une extraction FINESS", file=file, line=1,
                        expected="finess;etalab;<n>;<AAAA-MM-JJ>", found=first_line.strip()[:60])
    return parts[3]


def parse(lines: Iterable[tuple[int, list[str]]], territory: d.TerritoryFilter, *, file: str = "finess") -> d.Outcome:
    """``structureet`` records (``(line, fields)``) -> actors of the territory (pure)."""
    by_category = d.mapping("finess.csv", key="kind|code")
    out = d.Outcome()
    for line, f in lines:
        if not f or f[0] != "structureet":
            continue
        out.rows += 1
        if len(f) < len(FIELDS) - 1:  # numuai and the trailing ";" may be absent
            out.quarantine("wrong number of fields / nombre de champs incorrect", file=file, line=line,
                           field="(structureet)", expected=f"{len(FIELDS)} fields", found=len(f))
            continue
        dep, com = f[_I["departement"]], f[_I["commune"]]
        code = insee_code(dep, com)
        if code is None:
            out.quarantine("invalid commune / commune invalide", file=file, line=line, field="commune",
                           expected="a 3-digit commune number and a département code", found=f"{dep};{com}")
            continue
        commune = territory.communes.get(code)
        if commune is None:
            out.skip("outside the territory")
            continue
        cat, agr = f[_I["categetab"]].strip(), f[_I["categagretab"]].strip()
        row = by_category.get(f"categorie|{cat}") or by_category.get(f"agregat|{agr}")
        if row is None:
            out.skip("category outside the social and medico-social sector")
            continue
        et, ej = f[_I["nofinesset"]].strip(), f[_I["nofinessej"]].strip()
        if not d.valid("finess", et):
            out.quarantine("invalid FINESS number / numéro FINESS invalide", file=file, line=line, field="nofinesset",
                           expected="9 characters (digits, 2A/2B)", found=et)
            continue
        siret = f[_I["siret"]].strip()
        if siret and not d.valid("siret", siret):
            out.quarantine("invalid SIRET / SIRET invalide", file=file, line=line, field="siret",
                           expected="14 digits or empty", found=siret)
            continue
        name = (f[_I["rslongue"]] or f[_I["rs"]]).strip()
        if not d.check_name(out, name, file=file, line=line, field="rslongue"):
            continue
        origin = f"finess:categetab:{cat}" if f"categorie|{cat}" in by_category else f"finess:categagretab:{agr}"
        out.actors.append(d.Actor(et, name, (row["category"],), commune,
                                  (row["world"],) if row.get("world") else (),
                                  siren=siret[:9] if siret else None, siret=siret or None,
                                  finess=tuple(x for x in (et, ej) if d.valid("finess", x)), code=origin))
    out.actors.sort(key=lambda a: a.key)
    return out


def _records(path: Path) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    try:
        fh = open(path, encoding=ENCODING, errors="replace", newline="")
    except OSError as err:
        raise LoadError(f"cannot read the file / fichier illisible: {err.strerror}", file=str(path)) from err
    first = fh.readline()
    try:
        date = header(first, str(path))
    except LoadError:
        fh.close()
        raise

    def records():
        with fh:
            for n, fields in enumerate(csv.reader(fh, delimiter=";"), start=2):
                yield n, fields
    return date, records()


def load(path: str | Path, *, departements: Iterable[str] | None = None, extract_date: str | None = None) -> Source:
    """The social and medico-social establishments of a FINESS extraction in the départements
    asked for, as one source ``finess-<départements>``."""
    path = Path(path)
    territory = d.TerritoryFilter.for_departements(departements)
    date, records = _records(path)
    out = parse(records, territory, file=str(path))
    return d.source(KIND, TITLE, path, extract_date or date, territory, out, url=URL,
                    publisher="Ministère chargé de la santé et des solidarités (DREES)",
                    licence="Licence Ouverte / Etalab 2.0",
                    description=("Établissements et services sociaux et médico-sociaux, PMI et planification "
                                 "familiale ; ni hôpitaux, ni pharmacies, ni laboratoires. / Social and medico-social "
                                 "establishments and services, maternal and child health centres; no hospitals, "
                                 "pharmacies or laboratories."))
