"""Import the committee founders' spreadsheets (CSV, XLSX): check, report, load.

The template (``docs/templates/``, described in ``docs/import.md``) has five sheets (XLSX) or
files (CSV): ``acteurs``, ``comites``, ``adhesions``, ``partenariats`` and, optionally,
``territoires_projet`` (bassins de vie made of EPCI or communes). Column names are French;
the English ones are accepted.

* :func:`check_files` reads files *together* (an ``adhesions.csv`` may refer to the ids of an
  ``acteurs.csv``) and writes nothing: a :class:`TabularReport` of the records kept and of the
  problems, each with file, sheet, row, column, expected and found, in French or English;
* :func:`load` / :func:`load_files` also turn each file into its own
  :class:`kg.sources.Source` (id ``import-<file stem>``, one named graph), holding only the
  rows that passed; ``ancrage import`` writes them with :func:`kg.store.write_sources`.

Reading is in :mod:`loaders.tabular_read`, checking in :mod:`loaders.tabular_rows`, the RDF
in :mod:`loaders.tabular_rdf`, the template in :mod:`loaders.tabular_vocab`, the wording of
problems in :mod:`loaders.tabular_messages`.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "acteurs.csv").write_text("id;nom;categorie;territoire\\n"
...                                         "cd21;Conseil départemental de la Côte-d'Or;département;Côte-d'Or\\n"
...                                         "x1;Association X;fédération;99999\\n", encoding="utf-8")
>>> report = check_files([folder / "acteurs.csv"], lang="en")
>>> [r.name for r in report.records]
["Conseil départemental de la Côte-d'Or"]
>>> print(report.errors[0].render("en"))                        # doctest: +ELLIPSIS
acteurs.csv, sheet 'acteurs', row 3, column 'territoire': unknown INSEE code (expected a commune ...; found '99999')
>>> source, report = load(folder / "acteurs.csv")
>>> source.id, source.records
('import-acteurs', 1)
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.errors import LoadError
from kg.escape import csv_row
from kg.i18n import t
from kg.ntriples import nt_iri, nt_literal
from kg.sources import Source

from . import tabular_rdf
from .cog import Reference
from .tabular_messages import ERROR, Problem
from .tabular_read import RawFile, read_file
from .tabular_rows import (ActorRecord, CommitteeRecord, MembershipRecord, PartnershipRecord,
                           ProjectTerritoryRecord, SheetRead, check, import_source_id)

__all__ = ["check_files", "load", "load_files", "TabularReport", "FileReport", "Problem", "import_source_id",
           "ActorRecord", "CommitteeRecord", "MembershipRecord", "PartnershipRecord", "ProjectTerritoryRecord"]

REPORT_COLUMNS = ["severity", "code", "file", "sheet", "row", "column", "message", "expected", "found"]
MAX_NOTES = 200


@dataclass
class FileReport:
    """What happened to one file: its source id, sheets read, rows kept and refused."""

    path: str
    name: str
    source_id: str
    sheets: list[SheetRead] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return sum(s.kept for s in self.sheets)

    @property
    def refused(self) -> int:
        return sum(s.refused for s in self.sheets)


@dataclass
class TabularReport:
    """The outcome of checking (and possibly loading) spreadsheet files.

    ``records`` are the rows kept (frozen dataclasses of :mod:`loaders.tabular_rows`);
    ``problems`` every :class:`~loaders.tabular_messages.Problem`, errors (row refused) and
    warnings (row kept) in reading order.
    """

    lang: str
    files: list[FileReport]
    records: list
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != ERROR]

    @property
    def ok(self) -> bool:
        """No error (warnings allowed)."""
        return not self.errors

    @property
    def exit_code(self) -> int:
        """0 when there is no error, 1 otherwise (the CLI convention)."""
        return 0 if self.ok else 1

    def records_of(self, file_name: str) -> list:
        return [r for r in self.records if r.file == file_name]

    def problems_of(self, file_name: str) -> list[Problem]:
        return [p for p in self.problems if p.file == file_name]

    def summary(self, lang: str | None = None) -> str:
        """One line per file: rows kept and refused, errors and warnings."""
        lang = lang or self.lang
        lines = []
        for f in self.files:
            errors = sum(1 for p in self.problems_of(f.name) if p.is_error)
            warnings = sum(1 for p in self.problems_of(f.name) if not p.is_error)
            lines.append(t("problem.summary", lang, file=f.name, kept=f.kept, refused=f.refused, errors=errors,
                           warnings=warnings))
        return "\n".join(lines)

    def render(self, lang: str | None = None) -> str:
        """The report as text: summary, then each problem on one line."""
        lang = lang or self.lang
        lines = [self.summary(lang)]
        lines += [f"[{t('problem.tag-' + p.severity, lang)}] {p.render(lang)}" for p in self.problems]
        return "\n".join(lines)

    def as_dict(self, lang: str | None = None) -> dict:
        lang = lang or self.lang
        return {
            "ok": self.ok,
            "files": [{"file": f.name, "path": f.path, "source_id": f.source_id, "kept": f.kept,
                       "refused": f.refused,
                       "sheets": [{"name": s.name, "kind": s.kind, "rows": s.rows, "kept": s.kept,
                                   "refused": s.refused} for s in f.sheets]} for f in self.files],
            "problems": [p.as_dict(lang) for p in self.problems],
        }

    def to_json(self, lang: str | None = None) -> str:
        return json.dumps(self.as_dict(lang), ensure_ascii=False, indent=2)

    def to_csv(self, lang: str | None = None) -> str:
        """The problems as CSV (``;`` separated, for Excel), French or English headers; a value that
        a spreadsheet would run as a formula is written as text (:func:`kg.escape.csv_cell`)."""
        lang = lang or self.lang
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        writer.writerow([t("problem.col-" + c, lang) for c in REPORT_COLUMNS])
        for p in self.problems:
            d = p.as_dict(lang)
            writer.writerow(csv_row(d[c] for c in REPORT_COLUMNS))
        return buf.getvalue()

    to_dict = as_dict

    def write_csv(self, path: str | Path, lang: str | None = None) -> Path:
        """Write the problems as CSV (``;``, UTF-8 with BOM so that Excel reads the accents)."""
        path = Path(path)
        path.write_text(self.to_csv(lang), encoding="utf-8-sig")
        return path

    def write(self, path: str | Path, lang: str | None = None) -> Path:
        """Write the problems to ``path``: JSON if it ends in ``.json``, else CSV (UTF-8 with BOM)."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            path.write_text(self.to_json(lang), encoding="utf-8")
            return path
        return self.write_csv(path, lang)


def _read_all(paths: Iterable[str | Path]) -> list[RawFile]:
    raws = [read_file(p) for p in paths]
    seen: dict[str, str] = {}
    for raw in raws:
        sid = import_source_id(raw.name)
        if sid in seen:
            raw.problems.append(Problem.make("duplicate-source", file=raw.name, found=raw.path, other=seen[sid]))
        else:
            seen[sid] = raw.name
    return raws


def previous_imports(store, source_ids: Iterable[str]) -> dict[str, str]:
    """The file name each of these sources was imported from, for those the store holds."""
    from kg.namespaces import graph_iri

    graphs = {str(graph_iri(sid)): sid for sid in source_ids}
    if store is None or not graphs:
        return {}
    values = " ".join(nt_iri(g) for g in graphs)
    try:
        rows = store.select(f"SELECT ?g ?path WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ "
                            f"?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?path }} }}").rows
    except Exception:  # noqa: BLE001 - an unreadable store holds nothing to replace
        return {}
    return {graphs[g]: Path(str(path).replace("\\", "/")).name for g, path in rows}


def _check_replacements(raws: list[RawFile], store, replace: bool) -> None:
    """Replacing an import is explicit: the very same file name, or ``replace``; another file
    name that maps to the same named graph is refused, naming both files."""
    ids = {raw.name: import_source_id(raw.name) for raw in raws}
    before = previous_imports(store, set(ids.values()))
    for raw in raws:
        sid = ids[raw.name]
        other = before.get(sid)
        if other is None or any(p.code == "duplicate-source" for p in raw.problems):
            continue
        if other == raw.name or replace:
            raw.problems.append(Problem.make("source-replaced", file=raw.name, other=other, graph=sid))
        else:
            raw.problems.append(Problem.make("source-collision", file=raw.name, found=raw.name, other=other,
                                             graph=sid))


def check_files(paths: Iterable[str | Path | tuple[str, bytes]], lang: str = "fr", *, store=None,
                reference: Reference | None = None, progress=None, replace: bool = False) -> TabularReport:
    """Check spreadsheet files together, writing nothing.

    ``paths``: file paths, or ``(file name, bytes)`` pairs for uploaded files; ``progress``: a
    callable receiving (rows checked, rows in all).

    ``store``: an open :class:`kg.store.Store` whose entities rows may refer to (``hcts``…),
    whose labels are compared with re-used ids and whose previous imports a file may replace
    (the same file name, or any with ``replace``); ``None`` checks the files alone.
    """
    if lang not in ("fr", "en"):
        raise LoadError("unknown language", field="lang", expected="fr or en", found=lang)
    raws = _read_all(paths)
    _check_replacements(raws, store, replace)
    result = check(raws, reference, store, progress)
    files = []
    for raw in raws:
        fr = FileReport(raw.path, raw.name, import_source_id(raw.name),
                        [s for s in result.sheets if s.file == raw.name])
        files.append(fr)
    return TabularReport(lang, files, result.records, result.problems)


def source_of(report: TabularReport, file: FileReport, *, licence: str | None = None) -> Source | None:
    """The :class:`~kg.sources.Source` of one checked file (``None`` if no row was kept)."""
    records = report.records_of(file.name)
    if not records:
        return None
    sid = file.source_id
    errors = [p for p in report.problems_of(file.name) if p.is_error]
    notes = report.problems_of(file.name)[:MAX_NOTES]

    def lines():
        yield from tabular_rdf.parse(records, sid, file.name)
        graph = nt_iri(str(Source(sid, "", lambda: ()).graph))
        note = nt_iri("https://w3id.org/ancrage/def#note")
        for p in notes:
            yield f"{graph} {note} {nt_literal(p.render('fr'), lang='fr')} ."
            yield f"{graph} {note} {nt_literal(p.render('en'), lang='en')} ."

    kept = file.kept
    return Source(
        id=sid,
        title=f"Import du fichier « {file.name} » / import of '{file.name}'",
        lines=lines,
        path=file.path,
        licence=licence,
        description=(f"Tableur au modèle Ancrage : {kept} ligne(s) retenue(s), {file.refused} refusée(s). "
                     f"/ Ancrage template spreadsheet: {kept} row(s) kept, {file.refused} refused."),
        records=kept,
        problems=[p.to_error(report.lang) for p in errors],
    )


def load_files(paths: Iterable[str | Path | tuple[str, bytes]], lang: str = "fr", *, store=None, licence: str | None = None,
               reference: Reference | None = None, progress=None,
               replace: bool = False) -> tuple[list[Source], TabularReport]:
    """Check files together and build one Source per file that kept at least one row."""
    report = check_files(paths, lang, store=store, reference=reference, progress=progress, replace=replace)
    sources = [s for f in report.files if (s := source_of(report, f, licence=licence)) is not None]
    return sources, report


def load(path: str | Path | tuple[str, bytes], lang: str = "fr", *, with_files: Iterable[str | Path] = (), store=None,
         licence: str | None = None) -> tuple[Source, TabularReport]:
    """One file as a Source (its good rows) and the report.

    ``with_files``: other files of the same import whose ids ``path`` may refer to (checked,
    not loaded). Raises :class:`kg.errors.LoadError` (the first problem) when no row is kept.
    """
    report = check_files([path, *with_files], lang, store=store)
    file = report.files[0]
    source = source_of(report, file, licence=licence)
    if source is None:
        first = next((p for p in report.problems_of(file.name) if p.is_error), None)
        if first is not None:
            raise first.to_error(lang)
        raise LoadError(t("problem.no-row-kept", lang), file=file.name)
    return source, report
