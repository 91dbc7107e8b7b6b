"""Every core CLI command, through typer's runner, on a real on-disk store of the shipped data."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[3]


def invoke(*args, store=None):
    argv = list(args) + (["--store", str(store)] if store else [])
    return runner.invoke(app, argv, catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`ancrage build` of the default graph (ontology + seed + full territorial reference)."""
    store = tmp_path_factory.mktemp("cli-store")
    result = invoke("build", store=store)
    assert result.exit_code == 0, result.output
    return store


def test_build_reports_what_it_built(built):
    assert (built / "current").is_symlink()


def test_stats_json_reports_counts_per_class(built):
    result = invoke("stats", "--json", store=built)
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    classes = stats["classes"]
    assert classes["anc:LocalCommittee"] >= 4
    assert classes["anc:Territory"] > 36_000  # régions, départements, EPCI, communes
    assert classes["anc:Membership"] > 5
    graphs = {g["graph"].rsplit("/", 1)[-1]: g for g in stats["graphs"]}
    assert {"ontology", "seed", "cog"} <= set(graphs)
    assert graphs["cog"]["licence"] and graphs["seed"]["licence"]
    assert stats["triples"] == sum(g["triples"] for g in stats["graphs"])


def test_validate_passes_on_the_shipped_data(built):
    """The whole shipped dataset, the full territorial reference included, is SHACL-validated as
    one union: no violation and no false warning (issue 15)."""
    result = invoke("validate", "--json", store=built)
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["violations"] == [] and report["warnings"] == 0
    assert {g.rsplit("/", 1)[-1] for g in report["shacl_graphs"]} == {"ontology", "seed", "cog", "collectivites"}
    assert report["shacl_skipped"] == []


def test_validate_exits_1_on_a_violation(tmp_path, seed_sources):
    from kg.sources import Source
    from kg.store import write_sources

    broken = Source.from_ntriples("broken", "Broken", [
        "<https://w3id.org/ancrage/id/membership/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#Membership> .",
        "<https://w3id.org/ancrage/id/membership/x> <http://www.w3.org/ns/org#member> <https://w3id.org/ancrage/id/actor/nobody> .",
    ])
    write_sources(tmp_path, seed_sources + [broken], fresh=True)
    result = invoke("validate", "--json", store=tmp_path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert any(v["focus"].endswith("membership/x") for v in report["violations"])


def test_query_who_co_leads_the_working_group_on_territorial_anchoring(built):
    result = invoke("query", "membres-instance", "--param", "body=ancrage territorial", "--format", "json", store=built)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    co_leads = {r["memberLabel"] for r in rows if r["role"] == "co-pilote"}
    assert co_leads == {"Marie-Paule Cols", "Louis-Xavier Colas"}


def test_query_the_four_territories_accompanied_by_the_ansa(built):
    result = invoke("query", "accompagnement", "--format", "csv", store=built)
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    labels = {line.split(",", 1)[1].strip('"') for line in lines[1:]}
    assert labels == {"Auvergne-Rhône-Alpes", "Centre-Val de Loire", "Nord", "La Réunion"}


def test_query_which_sections_support_a_statement(built):
    result = invoke("query", "sources-d-un-sujet", "-p", "about=Louis-Xavier Colas", "--format", "json", store=built)
    rows = json.loads(result.stdout)
    memberships = [r for r in rows if r["kind"] == "Membership"]
    assert memberships and all(r["section"] for r in memberships)
    assert {"2", "3"} & {r["section"] for r in rows}


def test_query_accepts_sparql_text_and_rq_files(built, tmp_path):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?c a anc:LocalCommittee }"
    result = invoke("query", text, "--format", "json", store=built)
    assert json.loads(result.stdout)[0]["n"] >= 4
    rq = tmp_path / "q.rq"
    rq.write_text("# title_fr: t\n# title_en: t\n# param: code | string | code | code | 25\n"
                  "SELECT ?l WHERE { ?t anc:inseeCode ?code ; anc:level <https://w3id.org/ancrage/concept/level/departement> ; skos:prefLabel ?l }\n")
    result = invoke("query", str(rq), "-p", "code=2A", "--format", "json", store=built)
    assert json.loads(result.stdout) == [{"l": "Corse-du-Sud"}]


def test_a_long_result_is_capped_in_the_table_but_whole_in_csv(built):
    from kg.cli.core import TABLE_MAX_ROWS

    text = "SELECT ?t WHERE { ?t anc:level ?l }"
    whole = invoke("query", text, "--format", "csv", store=built)
    n = len(whole.stdout.strip().splitlines()) - 1
    assert n > TABLE_MAX_ROWS  # the territorial reference has tens of thousands
    table = invoke("query", text, store=built)
    assert f"{n} ligne(s) / row(s)" in table.output  # messages go to standard error
    assert "--format csv" in table.output
    assert sum(1 for line in table.stdout.splitlines() if "territory/" in line) <= TABLE_MAX_ROWS


def test_query_refuses_updates_with_a_clear_message(built):
    before = json.loads(invoke("stats", "--json", store=built).stdout)["triples"]
    result = runner.invoke(app, ["query", "DELETE WHERE { ?s ?p ?o }", "--store", str(built)])
    assert result.exit_code == 2
    assert "read-only" in result.output
    assert json.loads(invoke("stats", "--json", store=built).stdout)["triples"] == before


def test_queries_lists_the_library(built):
    result = invoke("queries", "--lang", "en")
    text = " ".join(result.stdout.split())
    assert "liens-national-local" in text and "Who links" in text


@pytest.mark.parametrize("fmt,name", [("ttl", "g.ttl"), ("nt", "g.nt"), ("jsonld", "g.jsonld"),
                                      ("graphml", "g.graphml"), ("gexf", "g.gexf"), ("nq", "g.nq")])
def test_export_writes_each_format(built, tmp_path, fmt, name):
    result = invoke("export", "--format", fmt, "-o", str(tmp_path / name),
                    "--graph", "https://w3id.org/ancrage/graph/seed", store=built)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).stat().st_size > 1000


def test_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "ancrage build" in " ".join(result.output.split())


def test_settings_lists_every_setting():
    from kg.settings import Settings

    result = invoke("settings")
    for name, _, _ in Settings.describe():
        assert f"ANCRAGE_{name.upper()}" in result.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_app_command_serves_the_explorer(built):
    from kg import processes

    port = _free_port()
    proc = processes.start([sys.executable, "-m", "kg.cli", "app", "--port", str(port), "--store", str(built)],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        deadline = time.time() + 60
        body = None
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as resp:
                    body = resp.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert body == "ok"
        with urllib.request.urlopen(f"http://localhost:{port}/", timeout=5) as resp:
            assert resp.status == 200
    finally:
        processes.stop(proc, timeout=20)  # ancrage app and the Streamlit it started
