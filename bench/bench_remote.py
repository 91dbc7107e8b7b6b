#!/usr/bin/env python
"""The SPARQL servers side by side: Oxigraph server and Apache Jena Fuseki, with the embedded store.

    .venv/bin/python bench/bench_remote.py --scale seed           # the default graph (`ancrage build`)
    .venv/bin/python bench/bench_remote.py --scale 1 --json out.json
    .venv/bin/python bench/bench_remote.py --scale 10 --engines fuseki --queries liens-multi-niveaux

For the default graph (ontology, seed, territorial reference), plus the synthetic graph at
``--scale`` percent of the national picture, and for each engine, on a fresh server each time
(``tests/kg/remote/``: ``oxigraph serve`` and Fuseki 5.6 with an in-memory TDB2 dataset):

* **write** with SPARQL Update (``INSERT DATA`` in 4 MB requests into staging graphs, then one
  ``MOVE`` update) and with the Graph Store protocol (one ``PUT`` of N-Triples per source's
  graph) (:meth:`kg.remote.RemoteStore.write_sources`), wall time;
* **queries**: every named query (``ontology/queries/*.rq``) and the reference forms
  (``ontology/queries/reference/*.rq``), first run and median of the next runs, rows returned,
  abandoned past ``--timeout``; the same on the embedded store, for comparison.

The load of the machine (``/proc/loadavg``) is recorded before and after each engine: the machine
may be shared. Results: ``--json`` and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REFERENCE_DIR = ROOT / "ontology" / "queries" / "reference"


def _servers():
    name = "ancrage_remote_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "kg" / "remote" / "conftest.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def sources_at(scale: str) -> list:
    from kg.build import default_sources
    from loaders import synthetic as syn

    sources = default_sources(territories=True)
    if scale != "seed":
        sources.append(syn.source(syn.load_geography(), syn.Spec.at_scale(float(scale) / 100.0)))
    return sources


def _query_texts(names: list[str] | None) -> dict[str, tuple[str, dict]]:
    """name → (SPARQL text with its parameters bound, params) for the named and reference queries."""
    from kg import queries

    out = {}
    library = queries.library()
    for name, named in library.items():
        params = {p.name: p.default for p in named.params if p.default}
        if {"level", "code"} <= {p.name for p in named.params}:
            params.update(level="departement", code="59")
        out[name] = (queries.bind(named.sparql, named.values(params), {p.name: p.type for p in named.params}), params)
    for path in sorted(REFERENCE_DIR.glob("*.rq")):
        named = library[path.stem]
        params = out[path.stem][1]
        out[f"{path.stem} (reference)"] = (queries.bind(path.read_text(encoding="utf-8"), named.values(params),
                                                        {p.name: p.type for p in named.params}), params)
    if names:
        out = {k: v for k, v in out.items() if k.split(" ")[0] in names}
    return out


def time_queries(store, texts: dict, timeout: float) -> dict:
    from kg import queries

    results = {}
    for name, (text, _params) in texts.items():
        try:
            started = time.perf_counter()
            result = queries._with_timeout(lambda: store.query(text), timeout)
            first = time.perf_counter() - started
            runs = []
            for _ in range(3 if first < 1 else (1 if first < 20 else 0)):
                started = time.perf_counter()
                store.query(text)
                runs.append(time.perf_counter() - started)
            results[name] = {"first_s": round(first, 4), "median_s": round(statistics.median(runs or [first]), 4),
                             "rows": len(result.rows) if hasattr(result, "rows") else None}
        except Exception as err:  # noqa: BLE001 - a time limit or an engine's refusal, reported
            results[name] = {"error": f"{type(err).__name__}: {str(err)[:200]}"}
        print(f"    {name}: {results[name]}", flush=True)
    return results


def bench_engine(engine: str, sources: list, texts: dict, args) -> dict:
    from kg.remote import RemoteStore

    servers = _servers()
    out = {"load_before": loadavg()}
    union = args.fuseki_union if engine == "fuseki" else "dataset"
    out["union"] = union
    for method in args.methods.split(","):
        with tempfile.TemporaryDirectory(prefix=f"bench-{engine}-") as folder:
            server = servers.start_server(engine, Path(folder), union=union == "server",
                                          **({"heap": args.fuseki_heap} if engine == "fuseki" else {}))
            try:
                store = RemoteStore(server.query, server.update, timeout=args.timeout, union=union,
                                    graph_store=server.store if method == "gsp" else None)
                started = time.perf_counter()
                store.write_sources(sources, fresh=True)
                out[f"write_{method}_s"] = round(time.perf_counter() - started, 2)
                out["triples"] = store.count()
                print(f"  {engine} write ({method}): {out[f'write_{method}_s']} s, {out['triples']} triples", flush=True)
                if method == args.methods.split(",")[-1] and texts:
                    out["queries"] = time_queries(store, texts, args.timeout)
            finally:
                server.stop()
    out["load_after"] = loadavg()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="seed", help="'seed' (the default graph) or a percentage: 1, 10")
    parser.add_argument("--engines", default="embedded,oxigraph,fuseki")
    parser.add_argument("--queries", default="", help="comma-separated query names (default: all)")
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--fuseki-heap", default="4g")
    parser.add_argument("--fuseki-union", default="server", choices=("dataset", "server"),
                        help="how Fuseki unites the named graphs (server: TDB2 unionDefaultGraph, advised)")
    parser.add_argument("--methods", default="update,gsp",
                        help="write methods to measure: update (staged SPARQL Update), gsp (a PUT per graph)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    texts = {} if args.no_queries else _query_texts([q for q in args.queries.split(",") if q] or None)
    sources = sources_at(args.scale)
    result = {"scale": args.scale, "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "cores": os.cpu_count(), "engines": {}}
    for engine in [e for e in args.engines.split(",") if e]:
        print(f"{engine} (load {loadavg()})", flush=True)
        if engine == "embedded":
            from kg.store import Store, write_sources

            with tempfile.TemporaryDirectory(prefix="bench-embedded-") as folder:
                started = time.perf_counter()
                write_sources(folder, sources, fresh=True)
                build_s = round(time.perf_counter() - started, 2)
                store = Store.open(folder)
                result["engines"]["embedded"] = {"load_before": loadavg(), "write_s": build_s, "triples": store.count(),
                                                 "queries": time_queries(store, texts, args.timeout) if texts else {},
                                                 "load_after": loadavg()}
            continue
        result["engines"][engine] = bench_engine(engine, sources, texts, args)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
