#!/usr/bin/env python
"""Batched push vs one ``MERGE`` per row, through the same driver, on the same generated graph.

    .venv/bin/python bench/bench_neo4j.py                 # 1 % of the national picture
    .venv/bin/python bench/bench_neo4j.py --scale 10 --json out.json

Generates the synthetic graph (:mod:`loaders.synthetic`, tiny geography) at ``--scale`` percent
of the national picture, extracts the node and relationship rows once
(:func:`kg.neo4j.translate.extract`), then writes them three ways, each into a Neo4j 5.26 of its
own (``tests/kg/neo4j/server.py``, JIT fully on, a new data folder), warmed up, emptied and
checkpointed, with the uniqueness constraint in place:

* **batched** — :func:`kg.neo4j.push.write_rows`, as ``ancrage neo4j push`` runs it:
  ``UNWIND $rows … MERGE`` per label group, ``--batch-size`` rows per managed transaction,
  ``--workers`` writers side by side (the push's default);
* **batched, one writer** — the same with a single writer, for comparison;
* **per row** — the naive loop: one auto-commit ``MERGE`` statement per node and per
  relationship (``session.run``), on the first ``--loop-rows`` rows of the same graph (nodes
  first, then relationships whose two ends were written), because the loop is slow.

A fresh server per measure keeps a method from running on what another left behind (a database
just emptied of millions of rows, a checkpoint still flushing them: the per-row loop ran at half
speed after two national pushes on the same server). ``--repeat`` rounds rotate the order of the
methods so that each sees the machine's load in turn; the medians are reported. Rates are rows
written per second of wall time (extraction excluded). The ratio
and the target (≥ 50×) go to ``bench/results-neo4j.md`` and, with ``--json``, to a file the
bench runner (``bench/run.py``) collects.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 50.0
#: The JVM of the Neo4j the bench starts: Neo4j's own default collector (G1), a 2 GB heap.
SERVER = {"heap": "2g", "pagecache_mb": 1536, "gc": "G1"}
#: Above this many rows the warm-up rounds use the 1 % graph.
WARMUP_MAX_ROWS = 200_000


def _server_module():
    spec = importlib.util.spec_from_file_location("ancrage_neo4j_server", ROOT / "tests" / "kg" / "neo4j" / "server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["ancrage_neo4j_server"] = module
    spec.loader.exec_module(module)
    return module


def generate(scale: float):
    """The synthetic graph at ``scale`` % of the national picture, in an in-memory store."""
    from kg.store import Store
    from loaders import synthetic

    spec = synthetic.Spec(actors=max(200, int(synthetic.NATIONAL_ACTORS * scale / 100)),
                          relations=max(1_000, int(synthetic.NATIONAL_RELATIONS * scale / 100)),
                          committees=max(4, int(synthetic.NATIONAL_COMMITTEES * scale / 100)), seed=2026)
    return Store.in_memory([synthetic.source(synthetic.Geography.tiny(), spec)]), spec


def per_row(conn, rows, limit: int) -> tuple[int, float]:
    """One auto-commit MERGE per row (the loop users write first); rows written, seconds."""
    from kg.mapping import MARKER
    from kg.neo4j.translate import check_identifier

    written, seen = 0, set()
    started = time.perf_counter()
    with conn.session() as session:
        for labels in sorted(rows.nodes):
            extra = "".join(f":`{check_identifier(label)}`" for label in labels)
            statement = (f"MERGE (n:`{MARKER}` {{uri: $uri}}) SET n += $props"
                         + (f" SET n{extra}" if extra else ""))
            for row in rows.nodes[labels]:
                if written >= limit // 2:
                    break
                session.run(statement, uri=row["uri"], props=row["props"]).consume()
                seen.add(row["uri"])
                written += 1
        for rtype in sorted(rows.rels):
            statement = (f"MATCH (a:`{MARKER}` {{uri: $s}}) MATCH (b:`{MARKER}` {{uri: $o}}) "
                         f"MERGE (a)-[r:`{check_identifier(rtype)}`]->(b) SET r += $props")
            for row in rows.rels[rtype]:
                if written >= limit:
                    break
                if row["s"] in seen and row["o"] in seen:
                    session.run(statement, s=row["s"], o=row["o"], props=row["props"]).consume()
                    written += 1
    return written, time.perf_counter() - started


def empty(conn, wipe, ensure_schema) -> None:
    """Empty the database, put the constraints back, and checkpoint, so that a measure starts clean."""
    wipe(conn)
    ensure_schema(conn)
    try:
        conn.write(lambda tx: tx.run("CALL db.checkpoint()").consume())
    except Exception:  # noqa: BLE001 - an older or managed server: measure anyway
        pass


def _cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of a process so far (0 when unknown)."""
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def measure(fn, pid):
    """Wall seconds, server CPU seconds, client CPU seconds of ``fn()``, and its value."""
    w, s, c = time.perf_counter(), _cpu_seconds(pid), time.process_time()
    value = fn()
    return time.perf_counter() - w, _cpu_seconds(pid) - s, time.process_time() - c, value


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="percent of the national picture (default 1)")
    parser.add_argument("--batch-size", type=int, default=None, help="rows per transaction (default: the push's own)")
    parser.add_argument("--workers", type=int, default=None, help="writers side by side (default: the push's own)")
    parser.add_argument("--loop-rows", type=int, default=6_000, help="rows written by the per-row loop")
    parser.add_argument("--warmup", type=int, default=2, help="whole warm-up rounds before measuring")
    parser.add_argument("--repeat", type=int, default=None,
                        help="measured rounds, medians reported (default 3; 1 above 500,000 rows)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--uri", help="use this running Neo4j (EMPTIED by the bench!) instead of starting one")
    parser.add_argument("--password-env", default="NEO4J_PASSWORD", help="with --uri: variable holding the password")
    parser.add_argument("--jit", choices=("full", "fast-start"), default="full",
                        help="JIT of the Neo4j the bench starts: full (C2) or fast-start (C1 only, as the tests)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results-neo4j.md")
    args = parser.parse_args(argv)

    from rich.console import Console

    from kg.neo4j import connect
    from kg.neo4j.push import DEFAULT_BATCH, DEFAULT_WORKERS, ensure_schema, write_rows
    from kg.neo4j.translate import extract

    console = Console(stderr=True)
    args.batch_size = args.batch_size or DEFAULT_BATCH
    args.workers = args.workers or DEFAULT_WORKERS
    server_mod = _server_module()
    t0 = time.perf_counter()
    store, spec = generate(args.scale)
    t_generate = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = extract(store)
    t_extract = time.perf_counter() - t0
    total = rows.node_count + rows.rel_count
    args.repeat = args.repeat or (3 if total <= 500_000 else 1)
    console.print(f"graph: {store.count():,} triples → {rows.node_count:,} nodes + {rows.rel_count:,} relationships")

    def server_for_one_measure():
        """A fresh Neo4j (new data folder) per measure, so that no method runs on the leftovers of
        another (a database emptied of millions of rows, a checkpoint still flushing them)."""
        if args.uri:
            return contextlib.nullcontext(argparse.Namespace(uri=args.uri, user="neo4j",
                                                             password=os.environ[args.password_env], proc=None))
        return server_mod.Neo4jServer(heap=SERVER["heap"], pagecache_mb=SERVER["pagecache_mb"], gc=SERVER["gc"],
                                      fast_start=args.jit == "fast-start")

    # warm-up (JIT compilation, query plans): whole batched pushes and short loops, thrown away. A
    # big graph warms up on the 1 % graph (the same statements; compiling them needs no millions of rows).
    warm_rows = rows if total <= WARMUP_MAX_ROWS else extract(generate(1.0)[0])

    def methods_on(graph_rows, loop_rows: int) -> dict:
        """The three ways of writing ``graph_rows``, each a function of a connection."""
        return {
            "batched": lambda conn: write_rows(conn, graph_rows, batch_size=args.batch_size, workers=args.workers),
            "one_writer": lambda conn: write_rows(conn, graph_rows, batch_size=args.batch_size, workers=1),
            "loop": lambda conn: per_row(conn, graph_rows, loop_rows),
        }

    methods, warm_ups = methods_on(rows, min(args.loop_rows, total)), methods_on(warm_rows, 1_000)
    load_before = os.getloadavg()[0]
    rounds, counts, agent = [], {}, "?"
    for i in range(args.repeat):
        order = list(methods)[i % 3:] + list(methods)[:i % 3]  # each method in turn goes first
        measured = {}
        for name in order:
            label = f"round {i + 1}/{args.repeat}: {name.replace('_', ' ')}"
            with server_for_one_measure() as server, connect(server.uri, server.user, server.password) as conn:
                agent = conn.server_agent()
                with console.status(f"{label}: warm-up…"):
                    for _ in range(args.warmup):
                        for warm_up in warm_ups.values():
                            empty(conn, server_mod.wipe, ensure_schema)
                            warm_up(conn)
                    empty(conn, server_mod.wipe, ensure_schema)
                with console.status(f"{label}…"):
                    measured[name] = measure(lambda: methods[name](conn), server.proc.pid if server.proc else None)
                counts[name] = conn.counts()
                empty(conn, server_mod.wipe, ensure_schema)
        (t_b, srv_b, cli_b, report), (t_1, _, _, _) = measured["batched"], measured["one_writer"]
        t_l, srv_l, cli_l, (loop_rows, _) = measured["loop"]
        rounds.append({"batched_s": t_b, "one_writer_s": t_1, "loop_s": t_l, "srv_b": srv_b, "cli_b": cli_b,
                       "srv_l": srv_l, "cli_l": cli_l, "ratio": (total / t_b) / (loop_rows / t_l)})
    load_after = os.getloadavg()[0]
    batched_counts, one_writer_counts = counts["batched"], counts["one_writer"]

    def median(key):
        return statistics.median(r[key] for r in rounds)

    t_batched, t_loop, t_one = median("batched_s"), median("loop_s"), median("one_writer_s")
    srv_batched, cli_batched, srv_loop, cli_loop = median("srv_b"), median("cli_b"), median("srv_l"), median("cli_l")
    batched_rate = total / t_batched
    loop_rate = loop_rows / t_loop
    ratio = batched_rate / loop_rate
    result = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "scale_percent": args.scale, "spec": {"actors": spec.actors, "relations": spec.relations,
                                              "committees": spec.committees},
        "triples": store.count(), "nodes": rows.node_count, "relationships": rows.rel_count,
        "generate_s": round(t_generate, 3), "extract_s": round(t_extract, 3),
        "batch_size": args.batch_size, "batches": report.batches, "workers": args.workers,
        "one_writer_s": round(t_one, 3), "one_writer_rows_per_s": round(total / t_one, 1),
        "one_writer_ratio": round((total / t_one) / loop_rate, 1),
        "batched_rows": total, "batched_s": round(t_batched, 3), "batched_rows_per_s": round(batched_rate, 1),
        "loop_rows": loop_rows, "loop_s": round(t_loop, 3), "loop_rows_per_s": round(loop_rate, 1),
        "ratio": round(ratio, 1), "round_ratios": [round(r["ratio"], 1) for r in rounds],
        "rounds": [{k: round(v, 3) for k, v in r.items()} for r in rounds],
        "repeat": args.repeat, "warmup": args.warmup,
        "warmup_rows": warm_rows.node_count + warm_rows.rel_count, "server_jvm": SERVER, "target_ratio": TARGET, "target_met": ratio >= TARGET,
        "server_cpu_s": {"batched": round(srv_batched, 2), "loop": round(srv_loop, 2)},
        "client_cpu_s": {"batched": round(cli_batched, 2), "loop": round(cli_loop, 2)},
        "cpu_ratio": (round((loop_rows and (srv_loop + cli_loop) / loop_rows)
                            / ((srv_batched + cli_batched) / total), 1) if not args.uri and srv_batched else None),
        "load_average": [round(load_before, 2), round(load_after, 2)], "cores": os.cpu_count(),
        "counts_after_batched": batched_counts, "same_counts_one_writer": one_writer_counts == batched_counts, "server": agent,
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    write_markdown(result, args.output)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    console.print(f"batched {batched_rate:,.0f} rows/s, per row {loop_rate:,.0f} rows/s → ×{ratio:,.1f} "
                  f"(target ≥ ×{TARGET:g}) → {args.output}")
    return result


def _per_row_us(r: dict, key: str, n: int) -> str:
    if not n:
        return "?"
    return f"{(r['server_cpu_s'][key] + r['client_cpu_s'][key]) / n * 1e6:,.0f}"


def write_markdown(r: dict, path: Path) -> None:
    ok = "✓" if r["target_met"] else "✗"
    path.write_text(f"""# Neo4j push: batched vs one MERGE per row

Generated by `bench/bench_neo4j.py` on {r['date']} ({r['server']}, started by the bench with
`tests/kg/neo4j/server.py`; Python {r['machine']}). Same driver, same server settings (uniqueness
constraint on `(:Ancrage {{uri}})` in place), same rows extracted once from the synthetic graph
at {r['scale_percent']:g} % of the national picture ({r['spec']['actors']:,} actors,
{r['spec']['relations']:,} relations, {r['spec']['committees']} committees):
{r['triples']:,} triples → {r['nodes']:,} nodes and {r['relationships']:,} relationships.
Neo4j's JVM: {r['server_jvm']['gc']} collector, {r['server_jvm']['heap']} heap, {r['server_jvm']['pagecache_mb']} MB page
cache, full JIT. Each measure runs on a Neo4j of its own (a new data folder), after
{r['warmup']} warm-up rounds of all three methods (a whole batched push of
{r.get('warmup_rows', r['batched_rows']):,} rows each), thrown away. Then
{r['repeat']} measured rounds, each a batched push ({r['workers']} writers), a batched push (one writer) and a
per-row loop, in an order that rotates from round to round, each on an emptied and checkpointed
database; times are the medians of the rounds. Rates are
rows written per second of wall time; extracting the rows ({r['extract_s']:.1f} s) is not counted in
either.

| method | rows | time | rows/s |
| --- | --- | --- | --- |
| batched `UNWIND $rows … MERGE`, {r['batch_size']:,} rows per transaction ({r['batches']} transactions), {r['workers']} writers side by side (the push's default) | {r['batched_rows']:,} | {r['batched_s']:.2f} s | {r['batched_rows_per_s']:,.0f} |
| the same, one writer | {r['batched_rows']:,} | {r['one_writer_s']:.2f} s | {r['one_writer_rows_per_s']:,.0f} |
| one auto-commit `MERGE` per row (first {r['loop_rows']:,} rows of the same graph) | {r['loop_rows']:,} | {r['loop_s']:.2f} s | {r['loop_rows_per_s']:,.0f} |

**Ratio: ×{r['ratio']:,.1f}** (target ≥ ×{r['target_ratio']:g}) {ok} — per round: {", ".join(f"×{x:,.1f}" for x in r['round_ratios'])}.
With one writer: ×{r['one_writer_ratio']:,.1f}. Both batched pushes leave the same counts in Neo4j: {"yes" if r['same_counts_one_writer'] else "NO"}.

CPU spent per row (Neo4j's JVM + this Python process): batched ({r['workers']} writers) {_per_row_us(r, 'batched', r['batched_rows'])} µs,
per row {_per_row_us(r, 'loop', r['loop_rows'])} µs (ratio ×{r['cpu_ratio'] or 0:,.1f}).
Load average during the run: {r['load_average'][0]:.1f} → {r['load_average'][1]:.1f} on {r['cores']} cores
shared with other work; both rates move with that load, and so does their ratio.
Rerun: `.venv/bin/python bench/bench_neo4j.py --scale {r['scale_percent']:g}`.
""", encoding="utf-8")


if __name__ == "__main__":
    main()
