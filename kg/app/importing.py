"""The import page's work, without Streamlit: check uploaded spreadsheets, then add their valid
rows to the graph as new sources. Thin wrappers around :mod:`loaders.tabular` and
:func:`kg.backend.write_sources`.

Uploads are written to a private temporary folder under their own (sanitised) names, since a
file's name becomes its source id (``import-<stem>``); the folder is removed as soon as the check
or the import is done (:func:`staged`): an upload may hold personal data that must not linger.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ALLOWED = (".csv", ".tsv", ".txt", ".xlsx")


@dataclass
class CheckResult:
    """What the check found in the uploaded files."""

    problems: list[dict] = field(default_factory=list)
    good: int = 0
    errors: int = 0
    warnings: int = 0
    report: object = None

    @property
    def ok(self) -> bool:
        return self.errors == 0


def safe_name(name: str) -> str:
    """A file name without folders or odd characters, keeping its extension.

    >>> safe_name("../../etc/Comité Nord.csv")
    'Comité_Nord.csv'
    """
    base = Path(name.replace("\\", "/")).name
    stem, dot, ext = base.rpartition(".")
    stem = re.sub(r"[^\w.-]+", "_", stem if dot else base).strip("._") or "fichier"
    return f"{stem}.{ext.lower()}" if dot else stem


def stage(files: list[tuple[str, bytes]], folder: Path) -> list[Path]:
    """Write the uploads to ``folder``; their paths."""
    folder = Path(folder)
    paths = []
    for name, content in files:
        path = folder / safe_name(name)
        path.write_bytes(content)
        paths.append(path)
    return paths


@contextmanager
def staged(files: list[tuple[str, bytes]]) -> Iterator[list[Path]]:
    """The uploads written to a new private temporary folder, removed when the block ends.

    >>> with staged([("acteurs.csv", b"id;nom")]) as paths:
    ...     [p.name for p in paths], paths[0].exists()
    (['acteurs.csv'], True)
    >>> paths[0].exists()
    False
    """
    with tempfile.TemporaryDirectory(prefix="ancrage-import-") as folder:
        yield stage(files, Path(folder))


def fingerprint(files: list[tuple[str, bytes]]) -> str:
    """A hash of the uploads (names and contents), to recheck only when they change."""
    h = hashlib.sha1()
    for name, content in files:
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha1(content).digest())
    return h.hexdigest()


def problem_row(p, lang: str) -> dict:
    """One problem as a row: severity, file, sheet, row, column, message, expected, found.

    >>> from loaders.tabular_messages import Problem
    >>> problem_row(Problem.make("unknown-insee-code", file="a.csv", row=3, column="territoire",
    ...                          found="99999"), "en")["row"]
    3
    """
    d = p.as_dict(lang)
    return {k: d.get(k) for k in ("severity", "file", "sheet", "row", "column", "message", "expected", "found")}


def check(paths: list[Path], lang: str = "fr", store=None, replace: bool = False) -> CheckResult:
    """Check the files together with :func:`loaders.tabular.check_files` (ids may refer to
    entities of ``store``; ``replace``: a file may replace a previous import of another name
    that maps to the same named graph); nothing is written."""
    from loaders import tabular

    report = tabular.check_files([str(p) for p in paths], lang=lang, store=store, replace=replace)
    rows = [problem_row(p, lang) for p in report.problems]
    errors = sum(1 for r in rows if r["severity"] == "error")
    return CheckResult(rows, len(report.records), errors, len(rows) - errors, report)


def add(paths: list[Path], settings, lang: str = "fr", store=None,
        replace: bool = False) -> tuple[str | None, list[dict]]:
    """Load each file's valid rows as its own source and write them all in one atomic step.

    Returns the new store version (``None`` when no file kept a row) and, per source, its id,
    record count and file name.
    """
    from loaders import tabular

    from ..backend import write_sources

    sources, _report = tabular.load_files([str(p) for p in paths], lang=lang, store=store, replace=replace)
    done = [{"source": s.id, "records": s.records, "file": Path(s.path).name if s.path else ""} for s in sources]
    if not sources:
        return None, done
    return write_sources(settings, sources), done


def new_committees(store, source_ids: list[str]) -> list[str]:
    """The local committees the named graphs of ``source_ids`` describe (sorted IRIs): what an
    import added, to link to it."""
    from ..namespaces import graph_iri

    found: set[str] = set()
    for sid in source_ids:
        rows = store.select(f"SELECT DISTINCT ?c WHERE {{ GRAPH <{graph_iri(sid)}> {{ ?c a anc:LocalCommittee }} }}").rows
        found.update(str(c) for (c,) in rows)
    return sorted(found)
