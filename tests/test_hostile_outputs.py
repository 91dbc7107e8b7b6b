"""Hostile names through every output the CLI writes: console tables and messages, CSV (no
formula a spreadsheet would run), Markdown (no link, image, HTML, emphasis, broken table once
rendered), JSON and the exports (the exact text back). Real ``ancrage`` processes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import TITLE, formula_cells, hostile_store, made_from_data, plain, render_markdown

ROOT = Path(__file__).resolve().parent.parent
LABELS = ('SELECT ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label '
          'FILTER(STRSTARTS(STR(?s), "https://w3id.org/ancrage/id/actor/hostile-")) } ORDER BY ?label')


def cli(*args, store=None) -> subprocess.CompletedProcess:
    """``ancrage ARGS`` in its own process, a wide terminal so that no name is cut."""
    env = dict(os.environ, COLUMNS="250", PYTHONPATH=str(ROOT))
    env.pop("ANCRAGE_SPARQL_ENDPOINT", None)
    argv = [sys.executable, "-m", "kg.cli", *map(str, args)] + (["--store", str(store)] if store else [])
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def no_crash(result: subprocess.CompletedProcess, codes=(0,)) -> None:
    assert "Traceback" not in result.stderr and "MarkupError" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in codes, (result.returncode, result.stderr[-3000:])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder, committee, names = hostile_store(tmp_path_factory.mktemp("hostile") / "store")
    return folder, committee, names


def spreadsheet_value(cell: str) -> str:
    """What a spreadsheet shows for a cell written as text with a leading ``'``."""
    return cell[1:] if cell.startswith("'") else cell


# --- console --------------------------------------------------------------------------------

def test_query_table_prints_every_name_as_it_is(hostile):
    store, _, names = hostile
    result = cli("query", LABELS, store=store)
    no_crash(result)
    for name in names:
        assert name.strip() in result.stdout, name


def test_stats_table_prints_a_hostile_graph_title(hostile):
    store, _, _ = hostile
    result = cli("stats", store=store)
    no_crash(result)
    assert TITLE in result.stdout


def test_gaps_table_prints_names_and_reasons_as_they_are(hostile):
    store, committee, names = hostile
    result = cli("gaps", committee, "--limit", "40", store=store)
    no_crash(result, (0, 1))
    shown = [n for n in names if n.strip() in result.stdout]
    assert len(shown) == len(names), set(names) - set(shown)
    assert "Comité ![x](http://127.0.0.1:9/p.png)" in result.stdout


def test_analyse_prints_names_as_they_are(hostile):
    store, _, _ = hostile
    result = cli("analyse", "--top", "50", "--no-cache", store=store)
    no_crash(result)
    assert "[/]" in result.stdout and "[bold]x" in result.stdout


def test_an_error_message_holding_markup_is_printed_as_it_is(hostile):
    store, _, _ = hostile
    result = cli("gaps", "[/]comité-inexistant[bold]", store=store)
    no_crash(result, (2,))
    assert "[/]comité-inexistant[bold]" in result.stderr


# --- CSV ------------------------------------------------------------------------------------

def test_query_csv_runs_no_formula_and_keeps_every_name(hostile):
    store, _, names = hostile
    result = cli("query", LABELS, "--format", "csv", store=store)
    no_crash(result)
    assert formula_cells(result.stdout) == []
    values = [spreadsheet_value(r[0]) for r in csv.reader(io.StringIO(result.stdout))][1:]
    assert sorted(values) == sorted(names)


def test_gaps_csv_runs_no_formula(hostile, tmp_path):
    store, committee, names = hostile
    result = cli("gaps", committee, "--limit", "40", "--csv", tmp_path / "s.csv", "-o", tmp_path / "s2.csv",
                 store=store)
    no_crash(result, (0, 1))
    for path in (tmp_path / "s.csv", tmp_path / "s2.csv"):
        text = path.read_text(encoding="utf-8")
        assert formula_cells(text) == []
        labels = {spreadsheet_value(r[2]) for r in list(csv.reader(io.StringIO(text)))[1:]}
        assert set(names) <= labels


# --- Markdown -------------------------------------------------------------------------------

def test_gaps_markdown_report_renders_every_name_as_text(hostile, tmp_path):
    store, committee, names = hostile
    result = cli("gaps", committee, "--md", "--limit", "40", "-o", tmp_path / "r.md", store=store)
    no_crash(result, (0, 1))
    parsed = render_markdown((tmp_path / "r.md").read_text(encoding="utf-8"))
    assert made_from_data(parsed) == []
    text = plain("".join(parsed.text))
    for name in names:
        assert name.strip() in text, name
    # every table row has as many cells as its header (no pipe from the data)
    assert parsed.tables and all(len(set(rows)) == 1 for rows in parsed.tables), parsed.tables


# --- JSON and exports: the exact text back ----------------------------------------------------

def test_json_outputs_keep_every_name_exactly(hostile, tmp_path):
    store, committee, names = hostile
    result = cli("query", LABELS, "--format", "json", store=store)
    no_crash(result)
    assert sorted(r["label"] for r in json.loads(result.stdout)) == sorted(names)
    result = cli("gaps", committee, "--json", "--limit", "40", store=store)
    no_crash(result, (0, 1))
    data = json.loads(result.stdout)
    assert set(names) <= {s["label"] for s in data["suggestions"]}
    assert data["report"]["label"].startswith("Comité ![x](")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "graphml", "gexf"])
def test_exports_keep_every_name_exactly(hostile, tmp_path, fmt):
    store, _, names = hostile
    out = tmp_path / f"export.{fmt}"
    result = cli("export", "--format", fmt, "--output", out, store=store)
    no_crash(result)
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        labels = {d.get("label") for _, d in g.nodes(data=True)}
    else:
        from rdflib import Dataset
        from rdflib.namespace import SKOS

        g = Dataset(default_union=True)
        g.parse(out, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
        labels = {str(o) for o in g.objects(None, SKOS.prefLabel)}
    assert set(names) <= labels


def test_neo4j_csv_export_keeps_every_name_exactly(hostile, tmp_path):
    """neo4j-admin reads these files, not a spreadsheet: the text stays exactly the data's."""
    store, _, names = hostile
    result = cli("export", "--format", "neo4j-csv", "--output", tmp_path / "neo", store=store)
    no_crash(result)
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "neo").glob("*.csv"))
    cells = {c for row in csv.reader(io.StringIO(text)) for c in row}
    assert set(names) <= cells
