#!/usr/bin/env python
"""The national Neo4j push over Bolt, as a user runs it: ``ancrage neo4j push`` on the national store.

    .venv/bin/python bench/bench_neo4j_national.py --json bench/results/neo4j-national.json
    .venv/bin/python bench/bench_neo4j_national.py --scale 10      # the 10 % graph

Builds a store the way a user would (``ancrage build``, the default graph with the territorial
reference, then ``ancrage generate --scale S --store``, the synthetic graph), starts a Neo4j 5.26
(``tests/kg/neo4j/server.py``: the bench's JVM settings, G1, 2 GB heap), then runs
``ancrage neo4j push`` in a process of its own and records its wall time and its **peak memory**
(the child's maximum resident set, from ``wait4``), and reads the counts back over Bolt: Ancrage
nodes and relationships, and per class the nodes of a few classes against the instances the
store holds (SPARQL ``COUNT(DISTINCT ?x)``). The load of the machine (``os.getloadavg``) is
recorded before and after: it may be shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ANCRAGE = str(Path(sys.executable).parent / "ancrage")
#: classes whose instances must all be nodes with the label of the same name
CHECKED = ("LocalCommittee", "Partnership", "Membership", "InformationFlow", "Territory")


def _server_module():
    spec = importlib.util.spec_from_file_location("ancrage_neo4j_server", ROOT / "tests" / "kg" / "neo4j" / "server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["ancrage_neo4j_server"] = module
    spec.loader.exec_module(module)
    return module


def run_measured(cmd: list[str], env: dict) -> dict:
    """Wall seconds, peak RSS (MB) and exit code of ``cmd`` run as a child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    out, err = proc.stdout.read(), proc.stderr.read()
    return {"seconds": round(wall, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 1), "exit": os.waitstatus_to_exitcode(status),
            "stdout": out[-2000:], "stderr": err[-2000:]}


def time_twins(conn, runs: int = 3, timeout: float = 120.0) -> dict:
    """Each named query's Cypher twin on the pushed graph: first run, median of ``runs`` more, rows
    (territory-scoped ones with the parameters of bench/run.py: Nord, ``level=departement, code=59``)."""
    import statistics

    from kg import queries
    from kg.neo4j import cypher

    out = {}
    for name, named in queries.library().items():
        if not named.cypher:
            continue
        params = {p.name: p.default for p in named.params if p.default}
        if {"level", "code"} <= {p.name for p in named.params}:
            params.update(level="departement", code="59")
        times = []
        try:
            for _ in range(runs + 1):
                started = time.perf_counter()
                rows = cypher.run_named(conn, name, params, timeout=timeout)
                times.append(time.perf_counter() - started)
        except Exception as err:  # noqa: BLE001 - reported as the figure
            out[name] = {"error": f"{type(err).__name__}: {str(err)[:200]}", "params": params}
            continue
        n = len(rows.rows) if hasattr(rows, "rows") else len(rows)
        out[name] = {"first_s": round(times[0], 4), "median_s": round(statistics.median(times[1:]), 4),
                     "rows": n, "params": params}
        print("cypher", name, out[name], flush=True)
    return out


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=100.0, help="percent of the national picture (default 100)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the store (default: a temporary one)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--cypher", action="store_true", help="also time the named queries' Cypher twins")
    args = parser.parse_args(argv)
    server_mod = _server_module()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-neo4j-national-"))
    store = work / "store"
    env = {**os.environ, "ANCRAGE_STORE": str(store)}
    result = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "scale_percent": args.scale,
              "cores": os.cpu_count(), "load_start": os.getloadavg()}
    if not (store / "current").exists():
        result["build"] = run_measured([ANCRAGE, "build", "--store", str(store)], env)
        result["generate"] = run_measured([ANCRAGE, "generate", "--scale", f"{args.scale / 100:g}", "--store",
                                           "--store-path", str(store)], env)
        print("store:", {k: result[k]["seconds"] for k in ("build", "generate")}, flush=True)
    from kg.store import Store

    st = Store.open(store)
    result["triples"] = st.count()
    expected = {c: st.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a anc:{c} }}").rows[0][0] for c in CHECKED}
    del st
    with server_mod.Neo4jServer(heap="2g", pagecache_mb=1536, gc="G1", fast_start=False) as server:
        push_env = {**env, "NEO4J_PASSWORD": server.password}
        cmd = [ANCRAGE, "neo4j", "push", "--store", str(store), "--uri", server.uri, "--user", server.user]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        result["load_before_push"] = os.getloadavg()
        result["push"] = run_measured(cmd, push_env)
        result["load_after_push"] = os.getloadavg()
        print("push:", {k: v for k, v in result["push"].items() if k not in ("stdout", "stderr")}, flush=True)
        from kg.neo4j import connect

        with connect(server.uri, server.user, server.password) as conn:
            result["counts"] = conn.counts()
            got = {c: conn.read(lambda tx, c=c: tx.run(f"MATCH (n:`{c}`) RETURN count(n) AS n").single()["n"])
                   for c in CHECKED}
            if args.cypher:
                result["cypher"] = time_twins(conn)
        result["per_class"] = {c: {"store": expected[c], "neo4j": got[c]} for c in CHECKED}
        result["counts_match"] = all(expected[c] == got[c] for c in CHECKED)
    print(json.dumps({k: v for k, v in result.items() if k not in ("build", "generate", "push")}, indent=1, default=str))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1, default=str))
    return result


if __name__ == "__main__":
    main()
