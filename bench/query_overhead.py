#!/usr/bin/env python
"""What running queries in a killable worker process costs, on the seed store (issue 12).

    PYTHONPATH=. .venv/bin/python bench/query_overhead.py      # writes bench/query_overhead.md
    PYTHONPATH=. .venv/bin/python bench/query_overhead.py --store /path/to/national/store

Side by side, in one process: the same prepared query in process (``Store.query``, what the runner
did before, with no way to stop it) and through :func:`kg.queries.run` (a warm worker of
:mod:`kg.query_worker`); the median of 30 runs each. Also the first call (the worker starts) and
``--limit 5`` on a three-way cross product (10^11 rows if built).
"""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(fn, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


TERRITORY_RUNS = {"acteurs-par-categorie": {"level": "departement", "code": "59"},
                  "membres-instance": {"body": "ancrage territorial"}}


def on_store(path: str, runs: int = 15) -> None:
    """The territory-scoped queries on an existing store (the national one): the same text on a
    read-only handle in this process and through :func:`kg.queries.run` (a warm worker),
    interleaved run by run so that the machine's load weighs on both alike. Prints a table."""
    import os

    import pyoxigraph as ox

    from kg import queries
    from kg.store import Store

    store = Store.open(path)
    direct = ox.Store.read_only(os.path.realpath(Path(path) / "current"))
    print("| query | in process (ms) | worker (ms) | overhead (ms) |  load |\n| --- | ---: | ---: | ---: | --- |")
    for name, params in TERRITORY_RUNS.items():
        named = queries.library()[name]
        text = queries.bind(named.sparql, named.values(params), {p.name: p.type for p in named.params})
        queries.run(store, name, params, timeout=60)
        inproc, worker = [], []
        for _ in range(runs):
            started = time.perf_counter()
            list(direct.query(text, use_default_graph_as_union=True))
            inproc.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            queries.run(store, name, params, timeout=60)
            worker.append((time.perf_counter() - started) * 1000)
        a, b = statistics.median(inproc), statistics.median(worker)
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        print(f"| {name} | {a:.0f} | {b:.0f} | {b - a:+.0f} | {load} |", flush=True)


def main() -> None:
    if "--store" in sys.argv:
        on_store(sys.argv[sys.argv.index("--store") + 1])
        return
    from loaders import seed

    from kg import queries
    from kg.ontology import ontology_source
    from kg.store import Store, write_sources

    folder = Path(tempfile.mkdtemp(prefix="ancrage-bench-"))
    write_sources(folder, [ontology_source(), seed.load()], fresh=True)
    store = Store.open(folder)
    started = time.perf_counter()
    queries.run(store, "ASK {}", timeout=30)
    first = (time.perf_counter() - started) * 1000
    cases = {"ASK { ?s ?p ?o }": "ASK { ?s ?p ?o }",
             "committees (SELECT)": "SELECT ?c ?n WHERE { ?c a anc:LocalCommittee ; skos:prefLabel ?n }",
             "named: acteurs-par-categorie": "acteurs-par-categorie",
             "named: liens-multi-niveaux": "liens-multi-niveaux"}
    lines = ["# Query worker overhead (seed store)", "",
             f"*{dt.date.today().isoformat()}, {platform.python_version()}, {store.count():,} triples; "
             f"`PYTHONPATH=. python bench/query_overhead.py`.*", "",
             "| query | in process (ms) | worker (ms) | overhead (ms) |", "| --- | ---: | ---: | ---: |"]
    for label, query in cases.items():
        text, named = queries.resolve(query)
        if named is not None:
            text = queries.bind(text, named.values({}), {p.name: p.type for p in named.params})
        inproc = median_ms(lambda: store.query(text))
        worker = median_ms(lambda: queries.run(store, query, timeout=30, limit=10_000))
        lines.append(f"| {label} | {inproc:.1f} | {worker:.1f} | {worker - inproc:+.1f} |")
    started = time.perf_counter()
    cut = queries.run(store, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", limit=5, timeout=60)
    limit_ms = (time.perf_counter() - started) * 1000
    lines += ["", f"First call, the worker process starting: {first:.0f} ms (a one-shot `ancrage query` pays it "
                  f"once). `--limit 5` on a three-way cross product: {len(cut.rows)} rows, truncated "
                  f"{cut.truncated}, {limit_ms:.0f} ms.", ""]
    out = ROOT / "bench" / "query_overhead.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
