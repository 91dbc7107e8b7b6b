"""Write ``bench/results.md`` from the per-scale JSON files of ``bench/run.py``."""

from __future__ import annotations

import json
import re
from pathlib import Path


def _f(x, unit="s", nd=2):
    if x is None:
        return "—"
    if unit == "ms":
        return f"{x * 1000:,.{0 if x >= 0.1 else 1}f} ms"
    if unit == "s":
        return f"{x:,.{nd}f} s"
    return f"{x:,.{nd}f} {unit}".strip()


def _mb(section: dict) -> str:
    v = section.get("peak_rss_mb") if isinstance(section, dict) else None
    return f"{v:,.0f} MB" if v else "—"


def _status(section: dict) -> str | None:
    if not isinstance(section, dict) or not section:
        return "not run"
    if "skipped" in section:
        return f"not measured: {section['skipped']}"
    if "error" in section:
        return f"error: {section['error'][:300]}"
    return None


def _ok(value, limit) -> str:
    if value is None:
        return "—"
    return "✅" if value <= limit else f"❌ ({value / limit:.1f}× the target)"


def scale_report(r: dict) -> list[str]:
    s = r["sections"]
    lines = [f"## {r['scale_pct']:g} % — {r['actors']:,} actors, {r['relations']:,} relations, "
             f"{r['committees']} committees", "",
             f"Run {r['date']}, total {r.get('total_s', 0):,.0f} s, medians of up to {r['repeat']} runs "
             "(one run where a run took over 10 s). Peak RSS is each measurement's own process.", ""]
    earlier = {name: sec["measured_on"] for name, sec in s.items() if isinstance(sec, dict) and sec.get("measured_on")}
    if earlier:
        lines += ["Sections kept from an earlier run of this scale: "
                  + ", ".join(f"{name} ({when})" for name, when in sorted(earlier.items())) + ".", ""]
    prep = s.get("prepare", {})
    if "triples" in prep:
        lines += [f"Data: {prep['triples']:,} triples ({prep['mb']:,.0f} MB of N-Triples) from sources "
                  f"{', '.join(prep['sources'])}" + (f"; left out: {'; '.join(prep['missing'])}" if prep.get("missing") else "") + ".", ""]
    # build
    b, rd, bulk, quads = s.get("build", {}), s.get("rdflib", {}), s.get("bulk", {}), s.get("bulk-graphs", {})
    lines += ["### Build (sources → store)", "", "| path | median | rate | CPU (user + system) | peak RSS |",
              "| --- | --- | --- | --- | --- |"]
    for label, sec in (("**Ancrage build** (generate + write_sources, on-disk Oxigraph, one named graph per source)", b),
                       ("plain rdflib `Graph().parse(nt)` in memory", rd),
                       ("raw `bulk_load` of the N-Triples file into the default graph (floor)", bulk),
                       ("raw `bulk_load` of each source's file into its named graph (floor of this layout)", quads)):
        if not sec:
            continue
        st = _status(sec)
        if st:
            lines.append(f"| {label} | {st} | | | |")
            continue
        n = sec.get("triples") or prep.get("triples") or 0
        cpu = f"{sec['cpu_s']:,.1f} s" if "cpu_s" in sec else ""
        lines.append(f"| {label} | {_f(sec['median_s'])} | {n / sec['median_s']:,.0f} triples/s | {cpu} | {_mb(sec)} |")
    if not _status(b) and not _status(rd) and not _status(bulk):
        lines += ["", f"Build vs rdflib: **{rd['median_s'] / b['median_s']:.1f}× faster**, "
                  f"**{rd['peak_rss_mb'] / b['peak_rss_mb']:.1f}× leaner**; build vs the floor: "
                  f"**{b['median_s'] / bulk['median_s']:.2f}×** its time"
                  + (f", **{b['median_s'] / quads['median_s']:.2f}×** the floor of one graph per source"
                     if quads and not _status(quads) else "")
                  + f". Store on disk: {b.get('disk_mb', 0):,.0f} MB."]
        if r["scale_pct"] >= 100:
            lines += ["", f"Target (national build ≤ 45 s, ≤ 1.5 GB, ≥ 4× faster and ≥ 5× leaner than rdflib, "
                      f"≤ 2× the floor): time {_ok(b['median_s'], 45)}, memory {_ok(b['peak_rss_mb'], 1536)}, "
                      f"speed-up {'✅' if rd['median_s'] / b['median_s'] >= 4 else '❌'}, "
                      f"memory ratio {'✅' if rd['peak_rss_mb'] / b['peak_rss_mb'] >= 5 else '❌'}, "
                      f"floor {'✅' if b['median_s'] / bulk['median_s'] <= 2 else '❌'}."]
    lines.append("")
    # reopen and explorer
    ro, ex = s.get("reopen", {}), s.get("explorer", {})
    lines += ["### Store reopen and the explorer's first page", "", "| measure | value | peak RSS |", "| --- | --- | --- |"]
    if _status(ro):
        lines.append(f"| reopen | {_status(ro)} | |")
    else:
        lines.append(f"| `Store.open` | {_f(ro['open_s'], 'ms')} | {_mb(ro)} |")
        lines.append(f"| first query after reopening | {_f(ro['first_query_s'], 'ms')} | |")
    if _status(ex):
        lines.append(f"| explorer first page (AppTest) | {_status(ex)} | |")
    else:
        first = ex.get("first_visit") or {}
        if first and not _status(first):
            lines.append(f"| explorer first page, first visit after the build (cold process, no cached figures "
                         f"on disk) | {_f(first['wall_s'])} (AppTest.run {_f(first['run_s'])}) | {_mb(first)} |")
        elif first:
            lines.append(f"| explorer first page, first visit after the build | {_status(first)} | |")
        label = ("explorer first page, cold process, later visits (figures cached on disk by store version; "
                 "spawn → page run)" if first else "explorer first page, cold process (spawn → page run)")
        lines.append(f"| {label} | {_f(ex['wall_s'])} "
                     f"(AppTest.run {_f(ex['run_s'])}) {_ok(ex['wall_s'], 5.0) if r['scale_pct'] >= 100 else ''} | {_mb(ex)} |")
        for e in (first, ex):
            if isinstance(e, dict) and e.get("errors"):
                lines.append(f"| page errors | {'; '.join(e['errors'])} | |")
    lines.append("")
    # queries
    q = s.get("queries", {})
    lines += ["### Named queries on the embedded store", ""]
    if _status(q):
        lines += [_status(q), ""]
    else:
        lines += ["Territory-scoped queries run with `level=departement, code=59` (Nord); the others on the "
                  "whole graph. Target: territory-scoped ≤ 150 ms median.", "",
                  "| query | parameters | first run | median | rows |", "| --- | --- | --- | --- | --- |"]
        for name, v in sorted(q["queries"].items()):
            if "error" in v:
                lines.append(f"| {name} | | error: {v['error'][:120]} | | |")
                continue
            params = ", ".join(f"{k}={val}" for k, val in v["params"].items()) or "—"
            flag = _ok(v["median_s"], 0.150) if v.get("scoped") else ""
            lines.append(f"| {name} | {params} | {_f(v['first_s'], 'ms')} | {_f(v['median_s'], 'ms')} {flag} | {v['rows']} |")
        lines.append("")
    # gaps
    g = s.get("gaps", {})
    lines += ["### Composition check and suggestions", ""]
    one, every, built = g.get("one", {}), g.get("all", {}), g.get("index")
    lines += ["| measure | value | target |", "| --- | --- | --- |"]
    if built:
        value = _status(built) or (f"{_f(built['seconds'])}, peak RSS {_mb(built)}"
                                   + (f", parts {built['cached_mb']:,.0f} MB on disk" if built.get("cached_mb") else ""))
        lines.append(f"| the read model for checks and suggestions (combined from the parts written with "
                     f"each source, in a cold process) | {value} | |")
    if _status(one):
        part = one.get("partial", {})
        extra = f" (check alone: {_f(part['check_first_s'], 'ms')}; suggest did not finish)" if "check_first_s" in part else ""
        lines.append(f"| one committee (check + suggest) | {_status(one)}{extra} | ≤ 300 ms ❌ |")
    else:
        lines.append(f"| one committee (check + suggest), median | {_f(one['median_s'], 'ms')} (first run: check "
                     f"{_f(one['check_first_s'], 'ms')}, suggest {_f(one['suggest_first_s'], 'ms')}) | ≤ 300 ms {_ok(one['median_s'], 0.3)} |")
    if _status(every):
        part = every.get("partial", {})
        if part.get("done"):
            projected = part["seconds"] / part["done"] * part["committees"]
            lines.append(f"| all committees | {part['done']} of {part['committees']} in {_f(part['seconds'])} before the "
                         f"time limit; projected {_f(projected)} | ≤ 30 s {_ok(projected, 30)} |")
        else:
            lines.append(f"| all committees | {_status(every)}, not one committee finished | ≤ 30 s ❌ |")
    else:
        lines.append(f"| all {every['committees']} committees | {_f(every['seconds'])} | ≤ 30 s {_ok(every['seconds'], 30)} |")
    lines += [f"| peak RSS | {_mb(one)} | |", ""]
    # analysis
    a = s.get("analysis", {})
    lines += ["### Centralities and communities", ""]
    if _status(a):
        lines += [_status(a), ""]
    else:
        ours = a.get("ours", {})
        lines += [f"Actor network: {a['nodes']:,} nodes, {a['edges']:,} edges (projection {_f(a['projection_s'])}).", "",
                  "| what | time |", "| --- | --- |"]
        if _status(ours):
            lines.append(f"| **ours** (`kg.analysis.analyse`) | {_status(ours)} |")
        else:
            ok = _ok(ours["seconds"], 60) if r["scale_pct"] >= 100 else ""
            what = ("no result cache, every measure included; the actor network read from its on-disk cache, "
                    "built above" if isinstance(ours.get("includes_projection"), str)
                    else "no cache, projection and every measure included")
            lines.append(f"| **ours** (`kg.analysis.analyse`, {what}) | {_f(ours['seconds'])} {ok} |")
            bm = ours.get("betweenness_method")
            if bm:
                lines.append(f"| — its betweenness | {bm.get('en') or bm.get('method') if isinstance(bm, dict) else bm} |")
            if ours.get("timings"):
                lines.append("| — its steps | " + ", ".join(f"{k} {_f(v)}" for k, v in ours["timings"].items()
                                                       if isinstance(v, (int, float))) + " |")
        if a.get("ours_betweenness_s") is not None:
            lines.append(f"| our betweenness estimate alone ({a.get('ours_betweenness_sources', '?')} sources + "
                         f"distance-2 pairs exact) | {_f(a['ours_betweenness_s'])} |")
        if a.get("ours_distance2_part_s") is not None:
            lines.append(f"| — its distance-2 part alone (igraph `cutoff=2`'s numbers) | {_f(a['ours_distance2_part_s'])} |")
        if "igraph_cutoff3_s" in a:  # runs before the choice of cutoff by size
            lines.append(f"| igraph betweenness, cutoff 3 (all sources) | {_f(a['igraph_cutoff3_s'])} |")
        else:
            lines.append(f"| igraph betweenness alone, cutoff {a['igraph_cutoff']} (all sources) | "
                         f"{_f(a['igraph_cutoff_s']) if a.get('igraph_cutoff_s') is not None else 'not run (--skip-nx-national; 69.5 s in docs/measurements.md)'} |")
        lines.append(f"| igraph Leiden (modularity) | {_f(a['igraph_leiden_s'])} ({a['igraph_leiden_communities']} communities) |")
        nxb = a.get("nx_betweenness_k200", {})
        lines.append(f"| networkx `betweenness_centrality(k=200)` | {_status(nxb) or _f(nxb['seconds'])} |")
        lines.append(f"| networkx Louvain | {_f(a['nx_louvain']['seconds'])} ({a['nx_louvain']['communities']} communities) |")
        lines.append(f"| networkx PageRank | {_f(a['nx_pagerank_s']) if a.get('nx_pagerank_s') is not None else 'not run: ' + a.get('nx_pagerank_note', '')} |")
        lines.append(f"| peak RSS of the whole section | {_mb(a)} |")
        agree = a.get("top20_agreement")
        if agree:
            lines += ["", f"Top-20 agreement with exact betweenness (igraph, {_f(agree['exact_igraph_s'])}): "
                      + ", ".join(f"{k} **{v}/20**" for k, v in agree.items() if k != "exact_igraph_s")
                      + " (target: ≥ 18/20)."]
        lines.append("")
    # neo4j
    n = s.get("neo4j", {})
    lines += ["### Neo4j push", ""]
    if _status(n):
        lines += [_status(n), ""]
    else:
        lines += ["```json", json.dumps({k: v for k, v in n.items() if k != "wall_s"}, indent=1, default=str)[:3000], "```", ""]
    # view
    v = s.get("view", {})
    lines += ["### Network view (HTML generation and headless Chromium render)", ""]
    if _status(v):
        lines += [_status(v), ""]
    else:
        lines += ["Views of the most central actors (degree) of this scale's actor network; render = from "
                  "navigation to non-blank canvas (drawn) and to the end of the layout's stabilisation "
                  "(usable). Target: 1,500 nodes usable ≤ 5 s.", "",
                  "| nodes | edges | view + payload | HTML | HTML size | drawn | usable |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for size in ("500", "1500", "5000"):
            x = v.get(size, {})
            if _status(x):
                lines.append(f"| {size} | {_status(x)} | | | | | |")
                continue
            flag = _ok(x["usable"]["median_s"], 5.0) if size == "1500" else ""
            lines.append(f"| {x['nodes']:,} | {x['edges']:,} | {_f(x['view_s'])} | {_f(x['html_s'], 'ms')} | "
                         f"{x['html_mb']:.1f} MB | {_f(x['drawn']['median_s'])} | {_f(x['usable']['median_s'])} {flag} |")
        lines.append("")
    return lines


def write_report(results_dir: Path, out: Path) -> None:
    runs = []
    for path in sorted(Path(results_dir).glob("scale-*.json")):
        runs.append(json.loads(path.read_text()))
    runs.sort(key=lambda r: r["scale_pct"])
    lines = ["# Benchmark results / Résultats des bancs d'essai", "",
             "Written by `bench/run.py` (`make bench`: 1 % and 10 %; `make bench-full`: also 100 %). "
             "Scale 100 % = the national picture: 150,000 actors, 1,000,000 relations, ~100 committees on the "
             "real territorial reference (18 régions, 101 départements, 1,255 EPCI, ~35,000 communes). "
             "Absolute times move on a shared 2-core machine; the ratios measured side by side in one run "
             "are what to read. Interpretation and what would reach missed targets: `docs/scale.md`.", ""]
    if runs:
        m = runs[-1].get("machine", {})
        lines += ["## Machine", "",
                  f"- {m.get('cpu', '?')}, {m.get('cores', '?')} cores, {m.get('ram_gb', '?')} GB RAM; {m.get('platform', '')}",
                  f"- Python {m.get('python', '?')}; " + ", ".join(f"{k} {v}" for k, v in m.get("versions", {}).items()),
                  f"- commit {m.get('commit', '?')}", ""]
        for r in runs:
            m2 = r.get("machine", {})
            lines.append(f"- scale {r['scale_pct']:g} %: run on {r['date']} (commit {m2.get('commit', '?')}), "
                         f"{r.get('total_s', 0):,.0f} s in all")
        lines.append("")
    for r in runs:
        lines += scale_report(r)
    lines += directories_report(Path(results_dir) / "directories.json")
    for path in sorted(Path(results_dir).glob("remote-*.json")):
        lines += remote_report(json.loads(path.read_text()))
    for path in sorted(Path(results_dir).glob("neo4j-national*.json")):
        lines += national_push_report(json.loads(path.read_text()))
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


def directories_report(path: Path) -> list[str]:
    """The section of ``bench/directories.py`` (a Sirene stock filtered to one département)."""
    if not path.exists():
        return []
    r = json.loads(path.read_text())

    def median(runs, key):
        values = sorted(x[key] for x in runs if x.get(key) is not None)
        return values[len(values) // 2] if values else None

    lines = [f"## Directory load — Sirene stock of {r['rows']:,} establishments, département {r['departement']}", "",
             f"Run {r['date']} (commit {r['commit']}, `python bench/directories.py`, {r['cores']} cores shared with "
             f"other work). Files generated deterministically in INSEE's layout: StockEtablissement "
             f"{r['file_mb']} MB, StockUniteLegale {r['legal_units']:,} units ({r['ul_file_mb']} MB), "
             + (f"generated in {r['generate_s']} s" if r.get("generate_s") is not None
                else "those of an earlier run (same rows, same seed)")
             + f". Each measurement is a fresh process (`loaders.sirene.load`: stream, filter to the "
             f"département, join the legal units, map the codes); medians of {len(r['load'])} runs. Target: "
             f"≤ {r['target']['wall_s']} s and ≤ {r['target']['peak_rss_mb']:,} MB.", "",
             "| measurement | wall | CPU | peak RSS | actors kept | triples | load average (1, 5, 15 min) before |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, runs in (("load (read, filter, join, map)", r["load"]),
                       ("load + write of its named graph (new on-disk store)", r["load_and_write"])):
        la = runs[len(runs) // 2]["load_average_before"]
        lines.append(f"| {name} | {median(runs, 'wall_s')} s | {median(runs, 'cpu_s')} s | "
                     f"{median(runs, 'peak_rss_mb')} MB | {runs[0]['actors']:,} | {runs[0]['triples']:,} | "
                     f"{', '.join(str(x) for x in la)} |")
    lines.append("")
    return lines


def remote_report(r: dict) -> list[str]:
    """The SPARQL servers side by side (``bench/bench_remote.py``)."""
    scale = "the default graph (seed)" if r["scale"] == "seed" else f"{r['scale']} % (default graph + synthetic)"
    lines = [f"## SPARQL servers side by side — {scale}", "",
             f"`bench/bench_remote.py --scale {r['scale']}`, {r['date']}, {r.get('cores', '?')} cores shared with "
             "other sessions: the load average (1, 5, 15 min) is given per engine. Each write on a fresh server.", "",
             "| engine | union | load before → after | triples | write, staged SPARQL Update | write, Graph Store PUT |",
             "| --- | --- | --- | --- | --- | --- |"]
    for engine, e in r["engines"].items():
        lines.append(f"| {engine} | {e.get('union', '—')} | {e.get('load_before')} → {e.get('load_after')} | "
                     f"{e.get('triples', 0):,} | {_f(e.get('write_update_s', e.get('write_s')))} | {_f(e.get('write_gsp_s'))} |")
    names = sorted({q for e in r["engines"].values() for q in e.get("queries", {})})
    if names:
        lines += ["", "| query | " + " | ".join(r["engines"]) + " |", "| --- |" + " --- |" * len(r["engines"])]
        for q in names:
            cells = []
            for e in r["engines"].values():
                x = e.get("queries", {}).get(q)
                cells.append("—" if x is None else x.get("error", "")[:60] if "error" in x
                             else f"{_f(x['median_s'])} ({x['rows']:,} rows)")
            lines.append(f"| {q} | " + " | ".join(cells) + " |")
    return lines + ([""] + [r["note"]] if r.get("note") else []) + [""]


def _load(values) -> str:
    return " / ".join(f"{x:.1f}" for x in values) if values else "?"


def national_push_report(r: dict) -> list[str]:
    """``ancrage neo4j push`` on the national store (``bench/bench_neo4j_national.py``)."""
    p = r.get("push", {})
    lines = [f"## Neo4j push over Bolt — {r['scale_percent']:g} % (`ancrage neo4j push`)", "",
             f"`bench/bench_neo4j_national.py --scale {r['scale_percent']:g}`, {r['date']}, {r.get('cores', '?')} cores "
             f"shared with other sessions; load average {_load(r.get('load_before_push'))} before the push, "
             f"{_load(r.get('load_after_push'))} after. Store: {r.get('triples', 0):,} triples.", ""]
    if not p:
        return lines + [r.get("note", "not measured"), ""]
    lines += [f"- push: {p.get('seconds')} s wall, {p.get('cpu_s')} s CPU of the client, **peak memory of the client "
              f"{p.get('peak_rss_mb')} MB**, exit code {p.get('exit')}"]
    c = r.get("counts", {})
    if c:
        lines.append(f"- read back over Bolt: {c.get('nodes', 0):,} Ancrage nodes, {c.get('relationships', 0):,} "
                     f"relationships; per class (store → Neo4j): "
                     + ", ".join(f"{k} {v['store']:,} → {v['neo4j']:,}" for k, v in r.get("per_class", {}).items())
                     + f"; nodes of these classes all equal: {'yes' if r.get('counts_match') else 'NO'}")
    batches = re.search(r"en / in (\d+) lots / batches", " ".join((p.get("stdout", "") + p.get("stderr", "")).split()))
    if batches:
        lines.append(f"- {int(batches.group(1)):,} batches (transactions), the store read in chunks of batch size × "
                     f"writers rows (`kg/neo4j/stream.py`), progress recorded after each chunk")
    cy = r.get("cypher")
    if cy:
        lines += ["", "Named queries' Cypher twins on the pushed graph (first run, median of 3 more):", "",
                  "| query | parameters | first run | median | rows |", "| --- | --- | --- | --- | --- |"]
        for name, q in sorted(cy.items()):
            params = ", ".join(f"{k}={v}" for k, v in q.get("params", {}).items()) or "—"
            if "error" in q:
                lines.append(f"| {name} | {params} | {q['error'][:80]} | | |")
            else:
                lines.append(f"| {name} | {params} | {_ms(q['first_s'])} | {_ms(q['median_s'])} | {q['rows']:,} |")
    return lines + ["", r.get("note", ""), ""]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    write_report(here / "results", here / "results.md")
