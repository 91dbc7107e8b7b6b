#!/usr/bin/env python
"""Ancrage benchmarks at 1 %, 10 % and 100 % of the national picture (``make bench``).

Every figure is measured side by side, in the same run, with what a user would otherwise do,
and each measurement runs in a fresh Python process so that its peak RSS is its own.

    .venv/bin/python bench/run.py --scales 1,10          # make bench (≤ 15 min)
    .venv/bin/python bench/run.py --scales 100           # the national run, once

Results: one JSON file per scale in ``bench/results/`` and ``bench/results.md`` rewritten from
all of them (so the committed 100 % figures stay when ``make bench`` reruns 1 % and 10 %).
Sections whose module has not landed (explorer, gaps, analysis, Neo4j) are reported as such.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

SECTIONS = ["build", "rdflib", "bulk", "bulk-graphs", "reopen", "explorer", "queries", "gaps", "analysis", "neo4j", "view"]
VIEW_SIZES = (500, 1_500, 5_000)


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def cpu_seconds() -> float:
    """User + system CPU of this process and its threads so far (less sensitive to other load than wall time)."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


class Runs(list):
    """The wall times of repeated runs, with the CPU seconds of each in ``cpu``."""

    cpu: list[float]


def repeat(fn, n: int, slow: float = 10.0):
    """Run ``fn`` up to ``n`` times (once if the first run is slower than ``slow`` s); times
    (a :class:`Runs`, which :func:`summary` reads), last value."""
    times, value = Runs(), None
    times.cpu = []
    for i in range(n):
        c0 = cpu_seconds()
        t, value = timed(fn)
        times.append(t)
        times.cpu.append(cpu_seconds() - c0)
        if t > slow:
            break
    return times, value


def summary(times: list[float]) -> dict:
    out = {"median_s": statistics.median(times), "runs": len(times), "all_s": [round(t, 4) for t in times]}
    if getattr(times, "cpu", None):
        out["cpu_s"] = round(statistics.median(times.cpu), 2)
    return out


def scale_spec(scale_pct: float, seed: int = 0):
    from loaders import synthetic as syn

    return syn.Spec.at_scale(scale_pct / 100.0, seed=seed)


def work_dir(base: Path, scale_pct: float) -> Path:
    d = base / f"scale-{scale_pct:g}"
    d.mkdir(parents=True, exist_ok=True)
    return d


def build_sources(scale_pct: float, seed: int = 0) -> tuple[list, list[str]]:
    """The sources of a national build: the default steps (ontology, seed, territories) that are
    available, plus the synthetic graph; and the names of the steps left out."""
    from loaders import synthetic as syn

    sources, missing = [], []
    try:
        from kg.build import default_sources

        sources = default_sources(territories=True)  # as `ancrage build`: each triple in one source
    except Exception as err:  # noqa: BLE001 - report what is missing, measure the rest
        from loaders import cog

        sources, missing = [cog.load()], [f"default sources ({type(err).__name__}: {err})"]
    # the councils are the territorial actors of `ancrage build` (loaders.collectivites): the
    # generator only adds its own facts about them when that source is there
    from loaders.collectivites import described

    councils = next((described(s.lines()) for s in sources if s.id == "collectivites"), frozenset())
    sources.append(syn.source(syn.load_geography(), scale_spec(scale_pct, seed),
                              describe_councils=councils if councils else True))
    return sources, missing


# ---------------------------------------------------------------------------------------------
# sections (each runs in its own process: ``run.py --child SECTION``)
# ---------------------------------------------------------------------------------------------

def child_prepare(ctx) -> dict:
    """The equivalent N-Triples file of a build (for the rdflib and raw bulk-load paths)."""
    sources, missing = build_sources(ctx.scale)
    path = ctx.work / "all.nt"
    t0 = time.perf_counter()
    n_bytes = n_lines = 0
    graphs = []
    with open(path, "wb") as fh:
        for i, src in enumerate(sources):
            # the same triples, one file per source too (the floor of a store with a graph per source)
            own = ctx.work / f"source-{i}.nt"
            with open(own, "wb") as one:
                for chunk in src.ntriple_chunks():
                    fh.write(chunk)
                    one.write(chunk)
                    n_bytes += len(chunk)
                    n_lines += chunk.count(b"\n")
                meta = src.metadata_ntriples()
                fh.write(meta)
                one.write(meta)
                n_lines += meta.count(b"\n")
            graphs.append([own.name, str(src.graph)])
    (ctx.work / "graphs.json").write_text(json.dumps(graphs))
    return {"seconds": time.perf_counter() - t0, "triples": n_lines, "mb": n_bytes / 1e6,
            "sources": [s.id for s in sources], "missing": missing}


def child_build(ctx) -> dict:
    from kg.store import Store, write_sources

    folder = ctx.work / "store"

    def once():
        sources, missing = build_sources(ctx.scale)
        write_sources(folder, sources, fresh=True)
        return missing

    times, missing = repeat(once, ctx.repeat)
    store = Store.open(folder)
    return {**summary(times), "triples": store.count(), "missing": missing,
            "disk_mb": sum(f.stat().st_size for f in Store.current_generation(folder).rglob("*") if f.is_file()) / 1e6}


def child_rdflib(ctx) -> dict:
    import rdflib

    def once():
        g = rdflib.Dataset() if False else rdflib.Graph()
        g.parse(str(ctx.work / "all.nt"), format="nt")
        return len(g)

    times, n = repeat(once, ctx.repeat)
    return {**summary(times), "triples": n}


def child_bulk(ctx) -> dict:
    import shutil

    import pyoxigraph as ox

    target = ctx.work / "bulk"

    def once():
        shutil.rmtree(target, ignore_errors=True)
        st = ox.Store(str(target))
        st.bulk_load(path=str(ctx.work / "all.nt"), format=ox.RdfFormat.N_TRIPLES)
        st.flush()
        return len(st)

    times, n = repeat(once, ctx.repeat)
    shutil.rmtree(target, ignore_errors=True)
    return {**summary(times), "triples": n}


def child_bulk_graphs(ctx) -> dict:
    """The floor of Ancrage's layout: each source's file bulk-loaded into its own named graph.

    Oxigraph indexes a quad of a named graph six ways (gspo, gpos, gosp, spog, posg, ospg)
    against three for a triple of the default graph, so this floor is the fair one for a store
    that keeps one graph per source.
    """
    import shutil

    import pyoxigraph as ox

    target = ctx.work / "bulk-graphs"
    graphs = json.loads((ctx.work / "graphs.json").read_text())

    def once():
        shutil.rmtree(target, ignore_errors=True)
        st = ox.Store(str(target))
        for name, graph in graphs:
            st.bulk_load(path=str(ctx.work / name), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        st.flush()
        return len(st)

    times, n = repeat(once, ctx.repeat)
    shutil.rmtree(target, ignore_errors=True)
    return {**summary(times), "triples": n}


def child_reopen(ctx) -> dict:
    from kg.store import Store

    t_open, store = timed(lambda: Store.open(ctx.work / "store"))
    t_first, rows = timed(lambda: store.select("SELECT (COUNT(?c) AS ?n) WHERE { ?c a anc:LocalCommittee }").rows)
    return {"open_s": t_open, "first_query_s": t_first, "committees": rows[0][0]}


def child_explorer(ctx) -> dict:
    """Explorer's first page (AppTest) on the store, in this cold process."""
    app = ROOT / "app.py"
    if not app.exists():
        return {"skipped": "app.py not there yet (explorer issue)"}
    os.environ["ANCRAGE_STORE"] = str(ctx.work / "store")
    cleared = 0
    if ctx.query == "first":  # as right after a build: no cached home-page figures on disk
        for stale in (ctx.work / "store" / "cache").glob("home--*"):
            stale.unlink()
            cleared += 1
    from streamlit.testing.v1 import AppTest

    t_import = time.perf_counter() - ctx.started
    at = AppTest.from_file(str(app), default_timeout=300)
    t_run, _ = timed(at.run)
    errors = [str(e.value) for e in at.exception] if at.exception else []
    return {"run_s": t_run, "process_s": time.perf_counter() - ctx.started, "imports_s": t_import,
            "errors": errors[:3], "markdown_blocks": len(at.markdown), "visit": ctx.query or "cold",
            "cleared_cache_files": cleared}


def _territory_params(named) -> dict:
    params = {p.name: p.default for p in named.params if p.default}
    names = {p.name for p in named.params}
    if {"level", "code"} <= names:
        params.update(level="departement", code="59")
    return params


def child_query(ctx) -> dict:
    """One named query (the parent runs each in its own process, with a time limit)."""
    from kg import queries
    from kg.store import Store

    store = Store.open(ctx.work / "store")
    named = queries.library()[ctx.query]
    params = _territory_params(named)
    limit = ctx.query_timeout  # per run, by the query library's own time limit

    def once():
        return queries.run(store, ctx.query, params, timeout=limit)

    try:
        t_first, result = timed(once)
        times, result = repeat(once, 5 if t_first < 1 else 2, slow=5.0)
    except Exception as err:  # noqa: BLE001 - the time limit, reported as such
        return {"error": f"abandoned: a run took over {limit:g} s ({type(err).__name__})", "params": params,
                "scoped": bool(named.params)}
    rows = len(result.rows) if hasattr(result, "rows") else None
    return {**summary(times), "first_s": t_first, "rows": rows, "params": params, "scoped": bool(named.params)}


def run_queries(scale: float, work: Path, args) -> dict:
    from kg import queries

    out = {}
    for name, named in queries.library().items():
        # each run has its own time limit (in the child); the process gets room for a first run and two more
        limit = 3 * args.query_timeout + 60
        result = run_child("query", scale, work, args, extra=["--query", name], timeout=limit)
        if "error" in result and "timed out" in result["error"]:
            result = {"error": f"abandoned after {limit:g} s", "params": _territory_params(named),
                      "scoped": bool(named.params)}
        out[name] = result
    return {"queries": out}


def _committees(store) -> list[str]:
    return [r[0] for r in store.select(
        "SELECT ?c WHERE { ?c a anc:LocalCommittee FILTER(STRSTARTS(STR(?c), 'https://w3id.org/ancrage/id/committee/syn-')) } "
        "ORDER BY ?c").rows]


def child_gaps(ctx) -> dict:
    """``--query one``: check + suggest for one committee (median); ``--query all``: every
    committee, printing progress so that a parent's time limit still leaves a partial figure."""
    try:
        from kg.gaps import check, suggest
    except ImportError as err:
        return {"skipped": f"kg.gaps.check/suggest not there yet ({err})"}
    from kg.store import Store

    store = Store.open(ctx.work / "store")
    if ctx.query == "index":
        from kg.gaps import index

        t_index, _ = timed(lambda: index.index_for(store))  # the read model, from the parts of the build
        return {"seconds": t_index, "cached_mb": sum(p.stat().st_size for p in
                                                     (ctx.work / "store" / "parts" / store.version).iterdir()) / 1e6}
    committees = _committees(store)
    if not committees:
        return {"skipped": "no committee in the store"}
    if ctx.query == "one":
        one = committees[len(committees) // 2]
        t_check, _ = timed(lambda: check(store, one))
        print(json.dumps({"partial": True, "check_first_s": t_check}), flush=True)
        t_sugg, sugg = timed(lambda: suggest(store, one))
        times, _ = repeat(lambda: (check(store, one), suggest(store, one)), ctx.repeat, slow=5.0)
        return {**summary(times), "check_first_s": t_check, "suggest_first_s": t_sugg, "committee": one,
                "suggestions": len(sugg)}
    t0 = time.perf_counter()
    for k, c in enumerate(committees, 1):
        check(store, c)
        suggest(store, c)
        print(json.dumps({"partial": True, "done": k, "committees": len(committees),
                          "seconds": time.perf_counter() - t0}), flush=True)
    return {"done": len(committees), "committees": len(committees), "seconds": time.perf_counter() - t0}


def run_gaps(scale: float, work: Path, args) -> dict:
    """The per-version index first (built once per store version, cached on disk), then one
    committee and every committee, which read it."""
    built = run_child("gaps", scale, work, args, extra=["--query", "index"], timeout=args.section_timeout)
    one = run_child("gaps", scale, work, args, extra=["--query", "one"], timeout=args.gaps_timeout)
    every = run_child("gaps", scale, work, args, extra=["--query", "all"], timeout=args.gaps_timeout)
    return {"index": built, "one": one, "all": every}


def _top(scores: dict, k: int = 20) -> list:
    return [n for n, _ in sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:k]]


def _ours_betweenness(result) -> dict | None:
    data = result.to_dict() if hasattr(result, "to_dict") else result
    if not isinstance(data, dict):
        return None
    for path in (("betweenness",), ("centralities", "betweenness"), ("measures", "betweenness")):
        cur = data
        for key in path:
            cur = cur.get(key) if isinstance(cur, dict) else None
        if isinstance(cur, dict) and cur:
            if all(isinstance(v, (int, float)) for v in list(cur.values())[:5]):
                return cur
            if "values" in cur and isinstance(cur["values"], dict):
                return cur["values"]
    for key in ("actors", "nodes"):
        rows = data.get(key)
        if isinstance(rows, list) and rows and isinstance(rows[0], dict) and "betweenness" in rows[0]:
            return {r.get("iri") or r.get("id") or r.get("actor"): r["betweenness"] for r in rows}
    return None


def child_analysis(ctx) -> dict:
    import igraph as ig
    import networkx as nx

    from kg.projection import actor_network
    from kg.store import Store

    store = Store.open(ctx.work / "store")
    t_proj, g = timed(lambda: actor_network(store))
    out: dict = {"projection_s": t_proj, "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    try:
        from kg.analysis import analyse
    except ImportError as err:
        out["ours"] = {"skipped": f"kg.analysis.analyse not there yet ({err})"}
        analyse = None
    ours_bet = None
    if analyse is not None:
        try:
            try:
                t, result = timed(lambda: analyse(store, use_cache=False))
            except TypeError:
                t, result = timed(lambda: analyse(store))
            ours_bet = result.measure("betweenness") if hasattr(result, "measure") else _ours_betweenness(result)
            methods = getattr(result, "methods", {}) or {}
            out["ours"] = {"seconds": t, "includes_projection": "read from its on-disk cache (built above)",
                           "betweenness_method": methods.get("betweenness"),
                           "communities_method": methods.get("communities"),
                           "sampled": list(getattr(result, "sampled", []) or []),
                           "timings": getattr(result, "timings", {})}
        except Exception as err:  # noqa: BLE001
            out["ours"] = {"error": f"{type(err).__name__}: {err}"}
    # the same graph in igraph (what a sampled/cut-off betweenness costs there)
    nodes = sorted(g.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    h = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in g.edges])
    from kg.analysis.centrality import BETWEENNESS_SOURCES, SEED, cutoff2_betweenness, estimated_betweenness

    # our estimator alone, as used above the exact threshold whatever the size: pairs at distance 2
    # exact (the same numbers as igraph's cutoff=2), longer pairs from BETWEENNESS_SOURCES seeded sources
    edge_list = h.get_edgelist()
    out["ours_betweenness_s"], (bet_ours, _) = timed(lambda: estimated_betweenness(len(nodes), edge_list, seed=SEED))
    out["ours_betweenness_sources"] = min(BETWEENNESS_SOURCES, len(nodes))
    out["ours_distance2_part_s"], bet_d2 = timed(lambda: cutoff2_betweenness(len(nodes), edge_list))
    cutoff = 2
    out["igraph_cutoff"] = cutoff
    if ctx.scale >= 100 and ctx.skip_nx_national:
        out["igraph_cutoff_s"], bet_cut = None, None  # 69.5 s here (docs/measurements.md)
    else:
        out["igraph_cutoff_s"], bet_cut = timed(lambda: h.betweenness(cutoff=cutoff))
    t_leiden, parts = timed(lambda: h.community_leiden(objective_function="modularity", n_iterations=2))
    out["igraph_leiden_s"], out["igraph_leiden_communities"] = t_leiden, len(parts)
    # networkx's own on the same graph
    if ctx.scale >= 100 and ctx.skip_nx_national:
        out["nx_betweenness_k200"] = {"skipped": "--skip-nx-national"}
    else:
        t, bet_nx = timed(lambda: nx.betweenness_centrality(g, k=min(200, len(g)), seed=1))
        out["nx_betweenness_k200"] = {"seconds": t}
    t, comms = timed(lambda: nx.community.louvain_communities(g, seed=1))
    out["nx_louvain"] = {"seconds": t, "communities": len(comms)}
    try:
        t, _ = timed(lambda: nx.pagerank(g))
        out["nx_pagerank_s"] = t
    except ImportError as err:  # networkx's PageRank needs scipy, not a dependency here
        out["nx_pagerank_s"] = None
        out["nx_pagerank_note"] = str(err)
    # agreement of the top 20 with exact betweenness (10 % graph)
    if 5 <= ctx.scale <= 20:
        t_exact, exact = timed(lambda: h.betweenness())
        top_exact = set(_top(dict(zip(nodes, exact))))
        agree = {"exact_igraph_s": t_exact,
                 f"igraph_cutoff{cutoff}": len(top_exact & set(_top(dict(zip(nodes, bet_cut)))))}
        if "nx_betweenness_k200" in out and "seconds" in out["nx_betweenness_k200"]:
            agree["nx_k200"] = len(top_exact & set(_top(bet_nx)))
        if ours_bet:  # kg.analysis.analyse: the method it states for this graph's size
            agree["ours"] = len(top_exact & set(_top(ours_bet)))
        # our estimator above the exact threshold, whatever the size (also the national method),
        # for several seeds; and its distance-2 part alone
        agree[f"ours_seed{SEED}"] = len(top_exact & set(_top(dict(zip(nodes, bet_ours.tolist())))))
        for seed in (1, 2):
            other, _ = estimated_betweenness(len(nodes), edge_list, seed=seed)
            agree[f"ours_seed{seed}"] = len(top_exact & set(_top(dict(zip(nodes, other.tolist())))))
        agree["ours_distance2_part_alone"] = len(top_exact & set(_top(dict(zip(nodes, bet_d2.tolist())))))
        # the former national method (200 random sources, every path counted from both ends)
        import random

        for seed in (42, 1, 2):
            src = sorted(random.Random(seed).sample(range(len(nodes)), min(200, len(nodes))))
            agree[f"sampled{len(src)}_sources_seed{seed}"] = len(
                top_exact & set(_top(dict(zip(nodes, h.betweenness(sources=src))))))
        out["top20_agreement"] = agree
    return out


def child_neo4j(ctx) -> dict:
    script = BENCH / "bench_neo4j.py"
    if not script.exists():
        return {"skipped": "bench/bench_neo4j.py not there yet (Neo4j issue)"}
    result_file = ctx.work / "neo4j.json"
    cmd = [sys.executable, str(script), "--json", str(result_file), "--scale", f"{ctx.scale:g}",
           "--loop-rows", "3000"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=1800)
    if done.returncode != 0:
        return {"error": f"exit {done.returncode}: {(done.stderr or done.stdout)[-800:]}", "command": " ".join(cmd)}
    if result_file.exists():
        return json.loads(result_file.read_text())
    return {"output": done.stdout[-2000:]}


_CANVAS_DRAWN = """() => {
  const c = document.querySelector('#anc-network canvas');
  if (!c || !c.width) return false;
  const ctx = c.getContext('2d');
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4 * 97) { if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) ink++; }
  return ink > 20;
}"""
_SETTLED = """() => { const n = window.ancrageNetwork; return !!n && n.physics && n.physics.options.enabled === false; }"""


def child_view(ctx) -> dict:
    try:
        from kg.app.network_view import build_view, standalone_html
    except ImportError as err:
        return {"skipped": f"kg.app.network_view not there yet ({err})"}
    from playwright.sync_api import sync_playwright

    from kg.projection import actor_network
    from kg.store import Store

    g = actor_network(Store.open(ctx.work / "store"))
    out = {"graph_nodes": g.number_of_nodes()}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for size in VIEW_SIZES:
            if size > g.number_of_nodes():
                out[str(size)] = {"skipped": f"graph has only {g.number_of_nodes()} actors"}
                continue
            t_view, view = timed(lambda: build_view(g, "degree", size))
            t_html, page_html = timed(lambda: standalone_html(view.payload, f"Réseau ({size} nœuds)"))
            path = ctx.work / f"view-{size}.html"
            path.write_text(page_html, encoding="utf-8")
            drawn, settled = [], []
            for _ in range(max(1, ctx.repeat)):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route("http*://**", lambda route: route.abort())  # offline: any request fails
                t0 = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function(_CANVAS_DRAWN, timeout=120_000, polling=50)
                drawn.append(time.perf_counter() - t0)
                page.wait_for_function(_SETTLED, timeout=300_000, polling=50)
                settled.append(time.perf_counter() - t0)
                page.close()
            out[str(size)] = {"nodes": view.view.number_of_nodes(), "edges": view.view.number_of_edges(),
                              "view_s": t_view, "html_s": t_html, "html_mb": len(page_html.encode()) / 1e6,
                              "drawn": summary(drawn), "usable": summary(settled)}
        browser.close()
    return out


CHILDREN = {"prepare": child_prepare, "build": child_build, "rdflib": child_rdflib, "bulk": child_bulk,
            "bulk-graphs": child_bulk_graphs,
            "reopen": child_reopen, "explorer": child_explorer, "query": child_query, "gaps": child_gaps,
            "analysis": child_analysis, "neo4j": child_neo4j, "view": child_view}


# ---------------------------------------------------------------------------------------------
# the parent: run the children, collect, write the results
# ---------------------------------------------------------------------------------------------

def run_child(section: str, scale: float, work: Path, args, extra=(), timeout=None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", section, "--scale", f"{scale:g}",
           "--work", str(work), "--repeat", str(args.repeat), "--query-timeout", f"{args.query_timeout:g}", *extra]
    if args.skip_nx_national:
        cmd.append("--skip-nx-national")
    t0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout or args.section_timeout)
    except subprocess.TimeoutExpired as err:
        partial = [l for l in (err.stdout or b"").decode("utf-8", "replace").splitlines() if l.startswith("{")]
        result = {"error": f"timed out after {timeout or args.section_timeout:g} s", "wall_s": time.perf_counter() - t0}
        if partial:
            result["partial"] = json.loads(partial[-1])
        return result
    wall = time.perf_counter() - t0
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"exit {done.returncode}: {done.stderr[-1500:]}", "wall_s": wall}
    result = json.loads(lines[-1])
    result["wall_s"] = wall
    return result


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    from importlib import metadata

    for pkg in ("rdflib", "pyoxigraph", "networkx", "igraph", "leidenalg", "streamlit", "neo4j", "pyvis",
                "playwright", "numpy"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "—"
    try:
        versions["chromium"] = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                                              text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        versions["chromium"] = "—"
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                        cwd=ROOT, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    info["versions"] = versions
    return info


def _save_partial(result: dict, args) -> None:
    """Keep what is measured so far (a long national run interrupted still leaves its figures)."""
    folder = Path(args.results)
    folder.mkdir(parents=True, exist_ok=True)
    result.setdefault("machine", args.machine)
    (folder / f"scale-{result['scale_pct']:g}.json").write_text(json.dumps(result, indent=1, default=str))


def _measured_at(section: str, scale: float, args) -> bool:
    """Whether ``section`` runs at ``scale`` (``--neo4j-at``, ``--view-at``; every scale otherwise)."""
    at = getattr(args, section + "_at", None)
    return at is None or any(abs(float(x) - scale) < 1e-9 for x in str(at).split(",") if x.strip())


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _keep_other_sections(result: dict, before: dict) -> None:
    """A run of some sections only keeps the other sections of the run before (read before this
    run began), each marked with the date it was measured (``measured_on``)."""
    for name, section in before.get("sections", {}).items():
        if name not in result["sections"] and isinstance(section, dict):
            section.setdefault("measured_on", before.get("date"))
            result["sections"][name] = section


def run_scale(scale: float, args) -> dict:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    work = work_dir(Path(args.work), scale)
    spec = scale_spec(scale)
    result = {"scale_pct": scale, "actors": spec.actors, "relations": spec.relations,
              "committees": spec.committees, "date": dt.datetime.now().isoformat(timespec="seconds"),
              "repeat": args.repeat, "sections": {}}
    wanted = [s for s in SECTIONS if s in args.sections]
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn()) as bar:
        task = bar.add_task(f"{scale:g} %", total=len(wanted) + 1)
        bar.update(task, description=f"{scale:g} % — prepare")
        result["sections"]["prepare"] = run_child("prepare", scale, work, args)
        bar.advance(task)
        for section in wanted:
            bar.update(task, description=f"{scale:g} % — {section}")
            _save_partial(result, args)
            if section == "queries":
                result["sections"][section] = run_queries(scale, work, args)
            elif section == "gaps":
                result["sections"][section] = run_gaps(scale, work, args)
            elif section == "explorer":
                first = run_child(section, scale, work, args, extra=["--query", "first"])
                result["sections"][section] = run_child(section, scale, work, args)
                result["sections"][section]["first_visit"] = first
            elif not _measured_at(section, scale, args):
                result["sections"][section] = {"skipped": f"measured at {getattr(args, section + '_at')} % only "
                                                          f"(--{section}-at; keeps make bench under 15 minutes)"}
            else:
                result["sections"][section] = run_child(section, scale, work, args)
            bar.advance(task)
        _save_partial(result, args)
    for name in ["all.nt", *(p.name for p in work.glob("source-*.nt"))]:
        (work / name).unlink(missing_ok=True)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10", help="comma-separated percentages of the national picture")
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (once when a run exceeds 10 s)")
    parser.add_argument("--work", default=str(ROOT / "var" / "bench"), help="scratch folder (stores, files)")
    parser.add_argument("--results", default=str(BENCH / "results"), help="folder of the per-scale JSON")
    parser.add_argument("--skip-nx-national", action="store_true",
                        help="skip networkx's sampled betweenness (about 10 minutes) and igraph's all-sources "
                             "cutoff-2 betweenness (about a minute) at 100 %%")
    parser.add_argument("--neo4j-at", default="1,100",
                        help="scales (%%) where the Neo4j push is measured (its server costs ~2 minutes a run)")
    parser.add_argument("--view-at", default="10,100",
                        help="scales (%%) where the network view is drawn (the 1 %% graph has < 5,000 actors)")
    parser.add_argument("--section-timeout", type=float, default=3600)
    parser.add_argument("--query-timeout", type=float, default=30,
                        help="seconds before a run of a named query is abandoned (the query library's default)")
    parser.add_argument("--gaps-timeout", type=float, default=60,
                        help="seconds for one committee, and again for all committees (partial figure after)")
    parser.add_argument("--query", help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]

    if args.child:
        ctx = argparse.Namespace(scale=args.scale, work=Path(args.work), repeat=args.repeat, query=args.query,
                                 query_timeout=args.query_timeout,
                                 skip_nx_national=args.skip_nx_national, started=_STARTED)
        value = CHILDREN[args.child](ctx)
        value["peak_rss_mb"] = round(peak_rss_mb(), 1)
        print(json.dumps(value, default=str))
        return 0

    results_dir = Path(args.results)
    results_dir.mkdir(parents=True, exist_ok=True)
    info = args.machine = machine()
    for scale in [float(s) for s in args.scales.split(",") if s.strip()]:
        t0 = time.perf_counter()
        before = _read_json(results_dir / f"scale-{scale:g}.json")
        result = run_scale(scale, args)
        result["total_s"] = time.perf_counter() - t0
        _keep_other_sections(result, before)
        result["machine"] = info
        (results_dir / f"scale-{scale:g}.json").write_text(json.dumps(result, indent=1, default=str))
        print(f"{scale:g} %: {result['total_s']:.0f} s", file=sys.stderr)
    from report import write_report  # bench/report.py

    report_path = BENCH / "results.md" if results_dir.resolve() == (BENCH / "results").resolve() else results_dir / "results.md"
    write_report(results_dir, report_path)
    print(f"wrote {report_path}", file=sys.stderr)
    return 0


_STARTED = time.perf_counter()

if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    raise SystemExit(main())
