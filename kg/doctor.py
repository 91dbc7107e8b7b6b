"""Check an on-disk store and repair what can be repaired without losing data (``ancrage doctor``).

:func:`check` looks at the ``current`` link, every generation (does it open?), generations no one
needs (orphans), generations readers still hold, leftovers of interrupted writes (partial and
half-removed generations, temporary links), lock files of removed generations and caches of
removed versions. :func:`repair`, with the store's write lock held, points a missing, dangling,
looping or stray ``current`` back to the newest complete generation that opens, then removes
orphans and leftovers. It never moves a ``current`` that is a real file or folder (that could be
data) and never removes a generation that is current or that a reader holds.

>>> import tempfile
>>> from kg.sources import Source
>>> from kg.store import write_sources
>>> folder = tempfile.mkdtemp()
>>> _ = write_sources(folder, [Source.from_ntriples("demo", "Demo", ['<https://ex.org/a> <https://ex.org/p> "b" .'])])
>>> check(folder).ok
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import locks
from .errors import StoreError
from .i18n import t
from .store import (CACHE, CURRENT, LOCKS, PARTIAL, TRASH, WRITE_LOCK, WRITE_WAIT, Store, clean_leftovers,
                    generations, leftovers, remove_generation, resolve_current, swap_current, writer_lock)

PROBLEM, INFO = "problem", "info"

LINK_CODES = ("link-missing", "link-dangling", "link-loop", "link-outside")
NOT_REPAIRABLE = ("not-a-folder", "link-not-symlink", "unreadable-current", "no-candidate")


@dataclass
class Finding:
    code: str
    severity: str
    values: dict = field(default_factory=dict)

    def render(self, lang: str = "fr") -> str:
        return t("doctor." + self.code, lang, **self.values)


@dataclass
class Report:
    """What :func:`check` found and what :func:`repair` did."""

    folder: str
    current: str | None = None
    generations: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    actions: list[Finding] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == PROBLEM]

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self, lang: str = "fr") -> list[str]:
        out = [t("doctor.line_store", lang, folder=self.folder)]
        for action in self.actions:
            out.append(t("doctor.line_repaired", lang, message=action.render(lang)))
        for finding in self.findings:
            tag = "doctor.line_problem" if finding.severity == PROBLEM else "doctor.line_info"
            out.append(t(tag, lang, message=finding.render(lang)))
        if self.ok and self.current:
            out.append(Finding("healthy", INFO, {"current": self.current, "n": len(self.generations)}).render(lang))
        return out

    def to_dict(self, lang: str = "fr") -> dict:
        def one(f: Finding) -> dict:
            return {"code": f.code, "severity": f.severity, "message": f.render(lang),
                    **{k: str(v) for k, v in f.values.items()}}

        return {"store": self.folder, "ok": self.ok, "current": self.current, "generations": self.generations,
                "findings": [one(f) for f in self.findings], "repaired": [one(a) for a in self.actions]}


def check(folder: str | Path, *, holding_write_lock: bool = False) -> Report:
    """Look at the store in ``folder``; nothing is changed."""
    folder = Path(folder)
    report = Report(str(folder))
    if not folder.exists() and not os.path.lexists(folder):
        report.findings.append(Finding("no-store", INFO))
        return report
    try:
        current = resolve_current(folder)
    except StoreError as err:
        current = None
        if err.code == "not-a-folder":
            report.findings.append(Finding("not-a-folder", PROBLEM))
            return report
        report.findings.append(Finding(err.code, PROBLEM, _link_values(folder)))
    report.current = current.name if current else None
    report.generations = generations(folder)
    if current is None and not report.generations and not report.findings:
        report.findings.append(Finding("no-store", INFO))
    write_lock = folder / LOCKS / WRITE_LOCK
    busy = not holding_write_lock and locks.is_locked(write_lock)
    if busy:
        report.findings.append(Finding("writer-busy", INFO, {"holder": locks.note(write_lock) or "?"}))
    for name in report.generations:
        try:
            Store.open(folder, generation=name).close()
        except StoreError as err:
            if name == report.current:
                report.findings.append(Finding("unreadable-current", PROBLEM, {"name": name, "detail": _detail(err)}))
                continue
            report.findings.append(Finding("unreadable", PROBLEM, {"name": name, "detail": _detail(err)}))
            continue
        if name != report.current and current is not None:
            held = locks.is_locked(folder / LOCKS / name)
            report.findings.append(Finding("in-use" if held else "orphan", INFO if held else PROBLEM, {"name": name}))
    for path in leftovers(folder):
        kind = ("stale-lock" if path.parent.name == LOCKS else "partial" if path.name.startswith(PARTIAL)
                else "trash" if path.name.startswith(TRASH) else "temp-link")
        if busy and kind in ("partial", "temp-link"):
            report.findings.append(Finding("partial-busy" if kind == "partial" else kind, INFO, {"name": path.name}))
        else:
            report.findings.append(Finding(kind, PROBLEM, {"name": path.name}))
    for path in stale_caches(folder):
        report.findings.append(Finding("stale-cache", PROBLEM, {"name": path.name}))
    return report


def repair(folder: str | Path, *, wait: float = WRITE_WAIT) -> Report:
    """Repair what can be repaired safely (see the module), with the store's write lock held.

    Raises :class:`StoreError` when another write holds the lock longer than ``wait`` seconds.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return check(folder)
    actions: list[Finding] = []
    with writer_lock(folder, wait):
        before = check(folder, holding_write_lock=True)
        if any(f.code in LINK_CODES for f in before.findings):
            target = _newest_readable(folder)
            if target is not None:
                swap_current(folder, target)
                actions.append(Finding("relinked", INFO, {"name": target}))
        try:
            current = resolve_current(folder)
        except StoreError:
            current = None
        if current is not None:
            for name in generations(folder):
                if name != current.name and remove_generation(folder, name):
                    actions.append(Finding("removed", INFO, {"name": name}))
            for path in clean_leftovers(folder):
                actions.append(Finding("removed", INFO, {"name": path.name}))
            for path in stale_caches(folder):
                path.unlink(missing_ok=True)
                actions.append(Finding("removed", INFO, {"name": f"{CACHE}/{path.name}"}))
        after = check(folder, holding_write_lock=True)
    if any(f.code in LINK_CODES for f in after.findings):
        after.findings.append(Finding("no-candidate", PROBLEM))
    after.actions = actions
    return after


def stale_caches(folder: Path) -> list[Path]:
    """Cache files of versions whose generation is gone, and temporary files of interrupted cache writes."""
    cache = Path(folder) / CACHE
    if not cache.is_dir():
        return []
    alive = set(generations(folder))
    stale = []
    for path in cache.iterdir():
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            stale.append(path)
        elif path.suffix != ".derived":  # files of earlier releases (never loaded: kg.diskcache)
            stale.append(path)
        elif "--" in path.name and path.name.split("--")[1].removesuffix(".derived") not in alive:
            stale.append(path)
    return sorted(stale)


def _newest_readable(folder: Path) -> str | None:
    for name in reversed(generations(folder)):
        try:
            Store.open(folder, generation=name).close()
            return name
        except StoreError:
            continue
    return None


def _link_values(folder: Path) -> dict:
    link = folder / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        target = ""
    return {"target": target, "n": len(generations(folder))}


def _detail(err: StoreError) -> str:
    return err.en.split(": ", 1)[-1].split(". Repair", 1)[0]
