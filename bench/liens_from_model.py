#!/usr/bin/env python
"""``liens-multi-niveaux`` answered from the read model (kg/read/answers.py), on an existing store.

    PYTHONPATH=. .venv/bin/python bench/liens_from_model.py --store /tmp/liens-store
    PYTHONPATH=. .venv/bin/python bench/liens_from_model.py --store DIR --sparql   # and the SPARQL text

Each figure is the wall time of the whole answer, with ``/proc/loadavg`` at its end:

* ``ancrage query liens-multi-niveaux --format csv`` in a new process (``--runs`` times): the CLI
  starts, a query worker starts, loads the generation's combined model and answers, the CLI
  prints every row as CSV (to /dev/null);
* :func:`kg.queries.run` in this process: the first call (a fresh worker: numpy and the model
  loaded) and the next ones (the worker keeps the model);
* with ``--sparql``, the query's SPARQL text through the same runner (inside
  :func:`kg.gaps.index.without_index`, a fresh worker, ``--sparql-memory`` MB: nationally it
  passes the default 1,024 MB limit), and whether its rows equal the model's, in order.

A store without parts (an earlier release) has them derived first (timed apart): until then the
named query goes by SPARQL.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NAME = "liens-multi-niveaux"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sparql", action="store_true", help="also run the SPARQL text (minutes nationally)")
    ap.add_argument("--sparql-timeout", type=float, default=900)
    ap.add_argument("--sparql-memory", type=int, default=4096,
                    help="memory limit of the SPARQL text's worker, MB (nationally it passes the default 1024)")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args()

    from kg import queries
    from kg.gaps.index import without_index
    from kg.query_worker import close_default_pool
    from kg.read.lookups import model_at_hand
    from kg.read.model import model_for
    from kg.store import Store

    store = Store.open(args.store)
    out: dict = {"store": args.store, "generation": store.version, "measures": []}

    def note(what: str, seconds: float, rows=None):
        out["measures"].append({"what": what, "seconds": round(seconds, 3), "rows": rows, "load": load()})
        print(f"| {what} | {seconds:.2f} s | {'' if rows is None else f'{rows:,}'} | {load()} |", flush=True)

    print("| measure | time | rows | load (1, 5, 15 min) |\n| --- | ---: | ---: | --- |")
    if not model_at_hand(store):
        seconds, _ = timed(lambda: model_for(store))
        note("parts derived from the store (once, an earlier release's store)", seconds)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
    for i in range(args.runs):
        def cli():
            return subprocess.run([sys.executable, "-m", "kg.cli", "query", NAME, "--format", "csv", "--timeout", "600",
                                   "--store", args.store], stdout=subprocess.DEVNULL, env=env, check=True)
        seconds, _ = timed(cli)
        note(f"`ancrage query {NAME} --format csv`, new process ({i + 1})", seconds)
    close_default_pool()
    seconds, first = timed(lambda: queries.run(store, NAME, timeout=600))
    assert first.method == "read-model", first.method
    note("`kg.queries.run`, fresh worker (model loaded)", seconds, len(first.rows))
    for i in range(args.runs):
        seconds, again = timed(lambda: queries.run(store, NAME, timeout=600))
        note(f"`kg.queries.run`, warm worker ({i + 1})", seconds, len(again.rows))
    if args.sparql:
        close_default_pool()  # a fresh worker: the model the answers kept is not counted against its memory

        def sparql():
            with without_index():
                return queries.run(store, NAME, timeout=args.sparql_timeout, memory_mb=args.sparql_memory)
        seconds, by_sparql = timed(sparql)
        note("the SPARQL text, same runner", seconds, len(by_sparql.rows))
        out["same_rows_in_order"] = by_sparql.rows == first.rows
        print(f"\nSame rows in the same order as the SPARQL text: {out['same_rows_in_order']}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
