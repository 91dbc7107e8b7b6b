"""The Sirene stock files of INSEE (establishments joined to legal units), filtered to a territory.

``StockEtablissement`` (establishments) is joined to ``StockUniteLegale`` (legal units).

Where a user gets them: data.gouv.fr, « Base Sirene des entreprises et de leurs établissements
(SIREN, SIRET) », monthly stock files ``StockEtablissement_utf8.zip`` and
``StockUniteLegale_utf8.zip`` (CSV, UTF-8, comma-separated, one header line), also as Parquet.
Both files are needed: only the establishment file says *where* (``codeCommuneEtablissement``),
only the legal-unit file says *who* (``categorieJuridiqueUniteLegale``, ``denominationUniteLegale``)
— and without the legal category a sole trader (a person) cannot be told from an organisation.

How a row becomes an actor (the mappings are data: ``data/directories/sirene-*.csv``):

1. the establishment is in the territory (its commune, a municipal arrondissement or a former
   commune of a kept département) and active (``etatAdministratifEtablissement`` = ``A``);
2. the privacy guard: sole traders (legal category ``1000``) and units or establishments that
   asked not to be published (``statutDiffusion…`` = ``P``) are never loaded;
3. a legal category with ``needs_activity`` 0 (communes, départements, CCAS ``7361``, CIAS
   ``7367``, social-security bodies ``81xx``…) gives the category: its head office is kept, its
   other establishments when their activity code is listed; otherwise (associations ``92xx``,
   foundations, companies) the establishment's activity code (NAF rév. 2: ``87.xx``, ``88.xx``,
   ``84.30x``…) must be listed in ``sirene-naf.csv``, which gives the category.

Identifiers kept: SIRET (the actor's key), SIREN, RNA of associations, the commune (INSEE code).
Parquet files are read with pyarrow when it is installed.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import LoadError
from kg.sources import Source

from . import directory as d

KIND = "sirene"
TITLE = "Répertoire Sirene (INSEE)"
URL = "https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/"

#: Columns the loader reads (the published files have more; their order does not matter).
ETAB_COLUMNS = ("siren", "siret", "statutDiffusionEtablissement", "etablissementSiege",
                "codeCommuneEtablissement", "libelleCommuneEtablissement", "etatAdministratifEtablissement",
                "activitePrincipaleEtablissement", "enseigne1Etablissement", "denominationUsuelleEtablissement",
                "dateDernierTraitementEtablissement")
UL_COLUMNS = ("siren", "statutDiffusionUniteLegale", "categorieJuridiqueUniteLegale", "denominationUniteLegale",
              "sigleUniteLegale", "denominationUsuelle1UniteLegale", "etatAdministratifUniteLegale",
              "identifiantAssociationUniteLegale")
NATURAL_PERSON = "1000"
_COMMUNE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


def _rows(path: Path, columns: tuple[str, ...], what: str) -> Iterator[tuple[int, list[str] | None]]:
    """``(line, values in the order of columns)`` of a CSV or Parquet stock file; ``None`` for a
    line whose number of fields is not the header's."""
    if path.suffix.lower() == ".parquet":
        yield from _parquet_rows(path, columns, what)
        return
    csv.field_size_limit(sys.maxsize)
    try:
        fh = open(path, encoding="utf-8", newline="")
    except OSError as err:
        raise LoadError(f"cannot read the file / fichier illisible: {err.strerror}", file=str(path)) from err
    with fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except (StopIteration, UnicodeDecodeError) as err:
            raise LoadError("not a Sirene stock file / pas un fichier stock Sirene", file=str(path), line=1,
                            expected=f"the header line of {what}", found="(empty or not UTF-8)") from err
        header = [h.strip().lstrip("\ufeff") for h in header]
        missing = [c for c in columns if c not in header]
        if missing:
            raise LoadError("not a Sirene stock file / pas un fichier stock Sirene", file=str(path), line=1,
                            field=missing[0], expected=f"the header line of {what} ({', '.join(columns)})",
                            found=",".join(header[:6]) + ("…" if len(header) > 6 else ""))
        index = [header.index(c) for c in columns]
        width = len(header)
        line = 1
        try:
            for row in reader:
                line += 1
                if len(row) != width:
                    yield line, None  # the caller quarantines it
                    continue
                yield line, [row[i] for i in index]
        except (csv.Error, UnicodeDecodeError) as err:
            raise LoadError(f"unreadable CSV / CSV illisible: {err}", file=str(path), line=line + 1,
                            expected="UTF-8 CSV as INSEE publishes it") from err


def _parquet_rows(path: Path, columns: tuple[str, ...], what: str) -> Iterator[tuple[int, list[str]]]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as err:  # noqa: BLE001 - pyarrow raises several kinds
        raise LoadError(f"unreadable Parquet file / fichier Parquet illisible: {err}", file=str(path)) from err
    names = pf.schema_arrow.names
    missing = [c for c in columns if c not in names]
    if missing:
        raise LoadError("not a Sirene stock file / pas un fichier stock Sirene", file=str(path), field=missing[0],
                        expected=f"the columns of {what}", found=", ".join(names[:6]))
    line = 1
    for batch in pf.iter_batches(columns=list(columns), batch_size=65_536):
        cols = [batch.column(i).to_pylist() for i in range(len(columns))]
        for values in zip(*cols):
            line += 1
            yield line, ["" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for v in values]


@dataclass(frozen=True, slots=True)
class _Establishment:
    line: int
    siren: str
    siret: str
    commune: str
    head_office: bool
    activity: str
    own_name: str
    town: str


def select_establishments(rows: Iterable[tuple[int, list[str]]], territory: d.TerritoryFilter, out: d.Outcome,
                          file: str) -> tuple[dict[str, list[_Establishment]], str]:
    """Pass 1 (pure): the active establishments of the territory, by SIREN; and the latest
    ``dateDernierTraitementEtablissement`` seen (the extract is at least that recent)."""
    kept: dict[str, list[_Establishment]] = {}
    communes = territory.communes
    listed = d.mapping("sirene-naf.csv")
    latest = ""
    for line, v in rows:
        out.rows += 1
        if v is None:
            out.quarantine("wrong number of fields / nombre de champs incorrect", file=file, line=line,
                           field="(row)", expected="as many fields as the header line", found="another number")
            continue
        siren, siret, diffusion, siege, commune, town, state, activity, sign, usual, treated = v
        if treated > latest:
            latest = treated
        current = communes.get(commune)
        if current is None:
            if commune and not _COMMUNE.match(commune):
                out.quarantine("invalid commune code / code commune invalide", file=file, line=line,
                               field="codeCommuneEtablissement", expected="5-character INSEE code", found=commune)
            else:
                out.skip("outside the territory")
            continue
        if state != "A":
            out.skip("closed establishment")
            continue
        if diffusion == "P":
            out.skip("not for publication (statutDiffusion P)")
            continue
        if siege != "true" and activity not in listed:
            out.skip("secondary establishment outside the social sector")
            continue  # decided without the legal unit: only head offices may count by legal category
        if not (d.valid("siret", siret) and siret.startswith(siren)):
            out.quarantine("invalid SIRET / SIRET invalide", file=file, line=line, field="siret",
                           expected="14 digits starting with the SIREN", found=siret)
            continue
        kept.setdefault(siren, []).append(_Establishment(line, siren, siret, current, siege == "true", activity,
                                                         usual or sign, town))
    return kept, latest[:10]


def join_units(rows: Iterable[tuple[int, list[str]]], wanted: dict[str, list[_Establishment]], out: d.Outcome,
               file: str, ul_file: str) -> None:
    """Pass 2 (pure): read the legal units of the kept establishments and make the actors."""
    legal = d.mapping("sirene-categories-juridiques.csv")
    naf = d.mapping("sirene-naf.csv")
    seen: set[str] = set()
    for line, v in rows:
        if v is None:
            continue  # a malformed legal-unit row is reported through its establishments below
        siren = v[0]
        if siren not in wanted:
            continue
        seen.add(siren)
        _siren, diffusion, cj, denomination, sigle, usual1, _state, rna = v
        establishments = wanted[siren]
        if cj == NATURAL_PERSON:
            for _e in establishments:
                out.skip("natural person (categorieJuridique 1000)")
            continue
        if diffusion == "P":
            for _e in establishments:
                out.skip("not for publication (statutDiffusion P)")
            continue
        name = (denomination or usual1 or sigle).strip()
        by_law = legal.get(cj)
        for e in establishments:
            act = naf.get(e.activity)
            if by_law and by_law["needs_activity"] == "0":
                if not (e.head_office or act):
                    out.skip("secondary establishment outside the social sector")
                    continue
                category, code = by_law["category"], f"sirene:cj:{cj}"
            elif act:
                category, code = act["category"], f"sirene:naf:{e.activity}"
            else:
                out.skip("activity outside the social sector")
                continue
            if not d.check_name(out, name, file=ul_file, line=line, field="denominationUniteLegale"):
                continue
            label = name if e.head_office else (f"{name} — {e.own_name}" if e.own_name else f"{name} ({e.town})")
            worlds = (act["world"],) if act and act.get("world") else ()
            out.actors.append(d.Actor(e.siret, label, (category,), e.commune, worlds, siren=siren, siret=e.siret,
                                      rna=rna if rna and d.valid("rna", rna) else None, code=code))
    for siren, establishments in wanted.items():
        if siren not in seen:
            for e in establishments:
                out.quarantine("legal unit not found / unité légale absente", file=file, line=e.line, field="siren",
                               expected=f"a SIREN present in {Path(ul_file).name}", found=siren)


def parse(establishments: Iterable[tuple[int, list[str]]], units: Iterable[tuple[int, list[str]]],
          territory: d.TerritoryFilter, *, file: str = "StockEtablissement", ul_file: str = "StockUniteLegale"
          ) -> tuple[d.Outcome, str]:
    """Rows of both files (as :func:`_rows` yields them) -> the outcome and the latest treatment date."""
    out = d.Outcome()
    wanted, latest = select_establishments(establishments, territory, out, file)
    join_units(units, wanted, out, file, ul_file)
    out.actors.sort(key=lambda a: a.key)
    return out, latest


def load(path: str | Path, *, unites_legales: str | Path | None = None, departements: Iterable[str] | None = None,
         extract_date: str | None = None) -> Source:
    """The establishments of ``path`` (StockEtablissement) in the départements asked for, joined to
    ``unites_legales`` (StockUniteLegale), as one source ``sirene-<départements>``."""
    path = Path(path)
    if unites_legales is None:
        raise LoadError("the legal-unit file is needed / le fichier des unités légales est nécessaire", file=str(path),
                        field="--unites-legales",
                        expected="StockUniteLegale (CSV or Parquet): only it tells a person from an organisation",
                        found="(none)")
    ul = Path(unites_legales)
    if not ul.is_file():
        raise LoadError("legal-unit file not found / fichier des unités légales introuvable", file=str(ul),
                        field="--unites-legales", expected="the StockUniteLegale file (CSV or Parquet)", found=str(ul))
    territory = d.TerritoryFilter.for_departements(departements)
    out, latest = parse(_rows(path, ETAB_COLUMNS, "StockEtablissement"), _rows(ul, UL_COLUMNS, "StockUniteLegale"),
                        territory, file=str(path), ul_file=str(ul))
    date = extract_date or d.date_in_name(path) or latest or "date inconnue / unknown date"
    return d.source(KIND, TITLE, path, date, territory, out, url=URL, publisher="INSEE",
                    licence="Licence Ouverte / Etalab 2.0",
                    description=("Établissements actifs du secteur social et médico-social, collectivités et "
                                 "organismes de protection sociale ; ni entrepreneurs individuels ni unités non "
                                 "diffusibles. / Active establishments of the social sector, authorities and "
                                 "social-security bodies; no sole traders, no units withheld from publication."))
