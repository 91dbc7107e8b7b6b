"""data·inclusion, the national reference of inclusion structures, filtered to a territory.

It lists the structures of social and professional inclusion and their services.

Where a user gets it: data.gouv.fr, « Référentiel de l'offre d'insertion — data·inclusion »
(GIP de l'inclusion), file of *structures* in CSV (comma-separated, UTF-8, one header line) or
JSON (a list of objects), following the public ``data-inclusion-schema``
(https://github.com/gip-inclusion/data-inclusion-schema). The loader reads the fields ``id``,
``source``, ``nom``, ``code_insee``, ``siret``, ``rna``, ``date_maj`` and the structure's type:
``typologie`` (schema 0.x, one code of the *typologies de structures* list: ``CCAS``, ``CAF``,
``CD``, ``EPCI``, ``ASSO``…) or ``reseaux_porteurs`` (schema 1.x, a list of *réseaux porteurs*:
``ccas-cias``, ``caf``, ``departements``…). ``data/directories/datainclusion.csv`` maps both
to Ancrage categories; a structure whose type is not mapped is left out (counted).

Identifiers kept: the data·inclusion id (``dct:identifier`` ``data-inclusion:<source>:<id>``),
SIRET (and its SIREN), RNA, the commune. Phone numbers and e-mail addresses are not kept.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import LoadError
from kg.sources import Source

from . import directory as d

KIND = "datainclusion"
TITLE = "data·inclusion, référentiel des structures de l'insertion (GIP de l'inclusion)"
URL = "https://www.data.gouv.fr/fr/datasets/referentiel-de-loffre-dinsertion-liste-des-structures-et-services-dinsertion/"
REQUIRED = ("id", "nom", "code_insee")
_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


def _codes(value) -> list[str]:
    """A list field as the files write it: a JSON list, ``"['a', 'b']"``, ``"a,b"`` or one code.

    >>> _codes("['ccas-cias', 'communes']"), _codes("CCAS"), _codes(["caf"]), _codes("")
    (['ccas-cias', 'communes'], ['CCAS'], ['caf'], [])
    """
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value or "").strip().strip("{}[]")
    return [p.strip().strip("'\"") for p in text.split(",") if p.strip().strip("'\"")]


def parse(records: Iterable[tuple[int, dict]], territory: d.TerritoryFilter, *, file: str = "structures"
          ) -> tuple[d.Outcome, str]:
    """Structures (``(line, record)``) -> the outcome and the latest ``date_maj`` seen (pure)."""
    table = d.mapping("datainclusion.csv", key="field|code")
    out = d.Outcome()
    latest = ""
    seen: set[str] = set()
    for line, r in records:
        out.rows += 1
        date = str(r.get("date_maj") or "")[:10]
        if date > latest:
            latest = date
        code = str(r.get("code_insee") or "").strip().upper()
        if not code:
            out.skip("no commune code")
            continue
        if not _CODE.match(code):
            out.quarantine("invalid commune code / code commune invalide", file=file, line=line, field="code_insee",
                           expected="5-character INSEE code", found=code)
            continue
        commune = territory.communes.get(code)
        if commune is None:
            out.skip("outside the territory")
            continue
        types = [("typologie", c) for c in _codes(r.get("typologie"))]
        types += [("reseaux_porteurs", c) for c in _codes(r.get("reseaux_porteurs"))]
        rows = [table[f"{f}|{c}"] for f, c in types if f"{f}|{c}" in table]
        if not rows:
            out.skip("type outside the mapping")
            continue
        ident, origin = str(r.get("id") or "").strip(), str(r.get("source") or "").strip()
        if not ident:
            out.quarantine("missing id / identifiant manquant", file=file, line=line, field="id",
                           expected="the structure's id", found="")
            continue
        siret = str(r.get("siret") or "").strip()
        if siret and not d.valid("siret", siret):
            out.quarantine("invalid SIRET / SIRET invalide", file=file, line=line, field="siret",
                           expected="14 digits or empty", found=siret)
            continue
        name = str(r.get("nom") or "").strip()
        if not d.check_name(out, name, file=file, line=line, field="nom"):
            continue
        key = f"{origin}--{ident}" if origin else ident
        if key in seen:
            out.quarantine("duplicate structure / structure en double", file=file, line=line, field="id",
                           expected="one row per structure", found=key)
            continue
        seen.add(key)
        rna = str(r.get("rna") or "").strip().upper()
        categories = tuple(dict.fromkeys(row["category"] for row in rows))
        worlds = tuple(dict.fromkeys(row["world"] for row in rows if row.get("world")))
        first = next((f, c) for f, c in types if f"{f}|{c}" in table)
        out.actors.append(d.Actor(key, name, categories, commune, worlds, siren=siret[:9] if siret else None,
                                  siret=siret or None, rna=rna if d.valid("rna", rna) else None,
                                  code=f"data-inclusion:{first[0]}:{first[1]}",
                                  ident=f"data-inclusion:{origin}:{ident}" if origin else f"data-inclusion:{ident}"))
    out.actors.sort(key=lambda a: a.key)
    return out, latest


def _records(path: Path) -> Iterator[tuple[int, dict]]:
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise LoadError(f"unreadable JSON / JSON illisible: {err}", file=str(path),
                            expected="a list of structures (data-inclusion-schema)") from err
        if not isinstance(data, list):
            raise LoadError("not a list of structures / pas une liste de structures", file=str(path),
                            expected="a JSON list", found=type(data).__name__)
        for i, r in enumerate(data, start=1):
            yield i, r if isinstance(r, dict) else {}
        return
    csv.field_size_limit(sys.maxsize)
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as err:
        raise LoadError(f"cannot read the file / fichier illisible: {err.strerror}", file=str(path)) from err
    with fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames or []
        missing = [c for c in REQUIRED if c not in fields]
        if missing or not ({"typologie", "reseaux_porteurs"} & set(fields)):
            raise LoadError("not a data·inclusion structures file / pas un fichier de structures data·inclusion",
                            file=str(path), line=1, field=(missing or ["typologie"])[0],
                            expected="the fields of data-inclusion-schema (id, nom, code_insee, typologie or "
                                     "reseaux_porteurs…)", found=",".join(fields[:6]))
        try:
            for n, row in enumerate(reader, start=2):
                yield n, row
        except (csv.Error, UnicodeDecodeError) as err:
            raise LoadError(f"unreadable CSV / CSV illisible: {err}", file=str(path),
                            expected="UTF-8 CSV") from err


def load(path: str | Path, *, departements: Iterable[str] | None = None, extract_date: str | None = None) -> Source:
    """The structures of ``path`` in the départements asked for, as one source
    ``datainclusion-<départements>``."""
    path = Path(path)
    territory = d.TerritoryFilter.for_departements(departements)
    out, latest = parse(_records(path), territory, file=str(path))
    date = extract_date or d.date_in_name(path) or latest or "date inconnue / unknown date"
    return d.source(KIND, TITLE, path, date, territory, out, url=URL, publisher="GIP de l'inclusion",
                    licence="Licence Ouverte / Etalab 2.0",
                    description=("Structures de l'insertion sociale et professionnelle dont la typologie correspond "
                                 "à une catégorie d'acteurs. / Social and professional inclusion structures whose "
                                 "type maps to an actor category."))
