"""Bench: SHACL validation of the whole shipped dataset (ontology + seed + full COG) as one union.

Measures what ``ancrage validate`` does (``kg.validation.validate_store``: load the union into
rdflib, pyshacl with the ontology as ``ont_graph``) and, when pyrudof is importable (not a
dependency of Ancrage), the same union with pyrudof's native SHACL engine. Writes
``bench/results-validation.md``. Run: ``PYTHONPATH=. python bench/bench_validation.py``
(optionally ``PYRUDOF_PATH=/folder/with/pyrudof``).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import ontology  # noqa: E402
from kg.build import default_sources  # noqa: E402
from kg.store import Store, write_sources  # noqa: E402
from kg.validation import validate_store  # noqa: E402


def _commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip()


class _Clock:
    """Wall time and this process's CPU time of a step (the machine is shared: CPU time is what
    compares between runs)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        with _Clock() as c:
            write_sources(folder, default_sources(), fresh=True)
        rows.append(("build (ontology + seed + full COG)", c, ""))
        store = Store.open(folder)
        triples = store.count()
        with _Clock() as c:
            data = store.rdflib_graph()
        rows.append(("load the union into rdflib", c, f"{len(data):,} triples"))
        with _Clock() as c:
            found = ontology.validate(data)
        rows.append(("pyshacl on the union (ont_graph = ontology)", c, f"{len(found)} problem(s)"))
        with _Clock() as c:
            report = validate_store(store)
        rows.append(("`validate_store` (what `ancrage validate` runs, all of it)", c,
                     f"{len(report.violations)} problem(s), {report.warnings} warning(s)"))
        extra = os.environ.get("PYRUDOF_PATH")
        if extra:
            sys.path.insert(0, extra)
        try:
            import pyrudof
        except ImportError:
            pyrudof = None
        if pyrudof is not None:
            with _Clock() as c:
                nt = b"".join(store.dump(ox.RdfFormat.N_TRIPLES, graph=g) for g in store.named_graphs())
                r = pyrudof.Rudof(pyrudof.RudofConfig())
                r.read_data(nt.decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
                r.read_shacl((ontology.ONTOLOGY_DIR / "shapes.ttl").read_text(encoding="utf-8"))
            rows.append(("pyrudof: dump + read the union and the shapes", c, ""))
            with _Clock() as c:
                result = r.validate_shacl()
            rows.append(("pyrudof native engine on the union", c, f"{len(list(result.violations))} problem(s)"))
    lines = ["# Bench: validating the whole shipped dataset / valider tout le jeu livré", "",
             f"Run {dt.datetime.now().isoformat(timespec='seconds')}, commit {_commit()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}; {triples:,} triples in the store. "
             f"Single runs on a shared machine (load average {os.getloadavg()[0]:.1f} at the end): the CPU "
             "time of this process is what compares; wall time depends on the other processes.", "",
             "| step | CPU time | wall time | result |", "| --- | --- | --- | --- |"]
    lines += [f"| {name} | {c.cpu:.1f} s | {c.wall:.1f} s | {what} |" for name, c, what in rows]
    lines += ["", "pyshacl stays the engine: pyrudof is not faster enough on this union to be worth a "
              "dependency (see kg/validation.py)."]
    (ROOT / "bench" / "results-validation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
