"""The import page's work, without Streamlit: check uploaded spreadsheets, then add their valid
rows to the graph as new sources. Thin wrappers around :mod:`loaders.tabular` and
:func:`kg.backend.write_sources`.

Uploads are written to a private temporary folder under their own (sanitised) names, since a
file's name becomes its source id (``import-<stem>``).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ALLOWED = (".csv", ".tsv", ".txt", ".xlsx")


@dataclass
class CheckResult:
    """What the check found in the uploaded files."""

    paths: list[Path]
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


def stage(files: list[tuple[str, bytes]], folder: Path | None = None) -> list[Path]:
    """Write the uploads to ``folder`` (a new temporary folder by default); their paths."""
    folder = Path(folder or tempfile.mkdtemp(prefix="ancrage-import-"))
    paths = []
    for name, content in files:
        path = folder / safe_name(name)
        path.write_bytes(content)
        paths.append(path)
    return paths


def fingerprint(files: list[tuple[str, bytes]]) -> str:
    """A hash of the uploads (names and contents), to recheck only when they change."""
    h = hashlib.sha1()
    for name, content in files:
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha1(content).digest())
    return h.hexdigest()


def _problems_of(report) -> list:
    for attr in ("problems", "issues"):
        if hasattr(report, attr):
            return list(getattr(report, attr))
    return []


def _count_good(report) -> int:
    for attr in ("good_rows", "good", "records_count", "record_count"):
        value = getattr(report, attr, None)
        if isinstance(value, int):
            return value
    records = getattr(report, "records", None)
    if records is not None:
        try:
            return len(records)
        except TypeError:
            return int(records)
    return 0


def problem_row(p, lang: str) -> dict:
    """One problem as a row: file, sheet, row, column, message, expected, found, severity."""
    if hasattr(p, "as_dict"):
        d = p.as_dict(lang)
    else:
        d = {"severity": "error", "file": getattr(p, "file", None), "sheet": getattr(p, "sheet", None),
             "row": getattr(p, "row", None), "column": getattr(p, "field", None),
             "message": getattr(p, "message", str(p)), "expected": getattr(p, "expected", ""),
             "found": getattr(p, "found", None)}
    return {k: d.get(k) for k in ("severity", "file", "sheet", "row", "column", "message", "expected", "found")}


def check(paths: list[Path], lang: str = "fr") -> CheckResult:
    """Check the files with :func:`loaders.tabular.check_files`; nothing is written."""
    from loaders import tabular

    report = tabular.check_files([str(p) for p in paths], lang=lang)
    rows = [problem_row(p, lang) for p in _problems_of(report)]
    rows.sort(key=lambda r: (r["file"] or "", r["sheet"] or "", r["row"] if r["row"] is not None else -1,
                             r["column"] or ""))
    errors = sum(1 for r in rows if r["severity"] == "error")
    return CheckResult(paths, rows, _count_good(report), errors, len(rows) - errors, report)


def add(paths: list[Path], settings, lang: str = "fr") -> tuple[str | None, list[dict]]:
    """Load each file's valid rows as its own source and write them in one atomic step.

    Returns the new store version (``None`` when no file had a valid row) and, per file, the
    source id and its record count.
    """
    from loaders import tabular

    from ..backend import write_sources

    sources, done = [], []
    for path in paths:
        source, report = tabular.load(str(path), lang=lang)
        records = source.records if source.records is not None else _count_good(report)
        if records:
            sources.append(source)
            done.append({"source": source.id, "records": records, "file": path.name})
    if not sources:
        return None, done
    return write_sources(settings, sources), done
