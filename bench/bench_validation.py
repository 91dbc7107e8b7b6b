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


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        t = time.perf_counter()
        write_sources(folder, default_sources(), fresh=True)
        rows.append(("build (ontology + seed + full COG)", time.perf_counter() - t, ""))
        store = Store.open(folder)
        triples = store.count()
        t = time.perf_counter()
        data = store.rdflib_graph()
        rows.append(("load the union into rdflib", time.perf_counter() - t, f"{len(data):,} triples"))
        t = time.perf_counter()
        found = ontology.validate(data)
        rows.append(("pyshacl on the union (ont_graph = ontology)", time.perf_counter() - t,
                     f"{len(found)} problem(s)"))
        t = time.perf_counter()
        report = validate_store(store)
        rows.append(("`validate_store` (what `ancrage validate` runs, all of it)", time.perf_counter() - t,
                     f"{len(report.violations)} problem(s), {report.warnings} warning(s)"))
        extra = os.environ.get("PYRUDOF_PATH")
        if extra:
            sys.path.insert(0, extra)
        try:
            import pyrudof
        except ImportError:
            pyrudof = None
        if pyrudof is not None:
            t = time.perf_counter()
            nt = b"".join(store.dump(ox.RdfFormat.N_TRIPLES, graph=g) for g in store.named_graphs())
            r = pyrudof.Rudof(pyrudof.RudofConfig())
            r.read_data(nt.decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
            r.read_shacl((ontology.ONTOLOGY_DIR / "shapes.ttl").read_text(encoding="utf-8"))
            rows.append(("pyrudof: dump + read the union and the shapes", time.perf_counter() - t, ""))
            t = time.perf_counter()
            result = r.validate_shacl()
            rows.append((f"pyrudof {getattr(pyrudof, '__version__', '')} native engine on the union",
                         time.perf_counter() - t, f"{len(list(result.violations))} problem(s)"))
    lines = ["# Bench: validating the whole shipped dataset / valider tout le jeu livré", "",
             f"Run {dt.datetime.now().isoformat(timespec='seconds')}, commit {_commit()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}; {triples:,} triples in the store. "
             "Single runs on a shared machine: read the orders of magnitude.", "",
             "| step | time | result |", "| --- | --- | --- |"]
    lines += [f"| {name} | {secs:.1f} s | {what} |" for name, secs, what in rows]
    lines += ["", "pyshacl stays the engine: pyrudof is not faster enough on this union to be worth a "
              "dependency (see kg/validation.py)."]
    (ROOT / "bench" / "results-validation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
