"""`ancrage neo4j push|pull|query` through the CLI runner, against the real Neo4j."""

from __future__ import annotations

import socket

import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.neo4j


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cli(neo4j_server, neo4j_conn, seed_store_dir):
    uri, user, password = neo4j_server
    runner = CliRunner()

    def invoke(*args, env=None, password_env="ANCRAGE_TEST_NEO4J_PW", with_uri=True):
        full = ["neo4j", *args]
        if with_uri:
            full += ["--uri", uri, "--user", user]
        if password_env:
            full += ["--password-env", password_env]
        environ = {"ANCRAGE_TEST_NEO4J_PW": password, "ANCRAGE_STORE": str(seed_store_dir)}
        environ.update(env or {})
        return runner.invoke(app, full, env=environ, catch_exceptions=False)

    return invoke


def _output(result) -> str:
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    return " ".join(text.split())  # rich wraps long lines


def test_push_twice_gives_the_same_counts_and_only_ancrage_nodes(cli, neo4j_conn):
    first = cli("push")
    assert first.exit_code == 0, _output(first)
    counts = neo4j_conn.counts()
    assert f"{counts['nodes']:,} nœuds Ancrage" in _output(first)
    second = cli("push", "--workers", "1")
    assert second.exit_code == 0, _output(second)
    assert neo4j_conn.counts() == counts
    refused = cli("push", "--workers", "0")
    assert refused.exit_code == 2 and "--workers" in _output(refused)
    assert counts["all_nodes"] == counts["nodes"] + 1  # the side table


def test_push_replace_then_pull_gives_back_the_store(cli, seed_store, tmp_path):
    assert cli("push").exit_code == 0
    result = cli("push", "--replace")
    assert result.exit_code == 0, _output(result)
    assert "anciens nœuds supprimés" in _output(result)
    out = tmp_path / "pulled.ttl"
    pulled = cli("pull", "-o", str(out))
    assert pulled.exit_code == 0, _output(pulled)
    assert isomorphic(seed_store.rdflib_graph(), rdflib.Graph().parse(out))


def test_query_refuses_a_write_with_exit_2_and_leaves_the_database_alone(cli, neo4j_conn):
    assert cli("push").exit_code == 0
    before = neo4j_conn.counts()
    result = cli("query", "MATCH (n:Ancrage) DETACH DELETE n")
    assert result.exit_code == 2
    assert "read-only" in _output(result) and "DETACH DELETE" in _output(result)
    result = cli("query", "CREATE (:Ancrage {uri: 'x'})")
    assert result.exit_code == 2
    assert neo4j_conn.counts() == before


def test_query_prints_rows_as_csv(cli):
    assert cli("push").exit_code == 0
    result = cli("query", "MATCH (n:LocalCommittee) RETURN n.uri AS uri ORDER BY uri", "--format", "csv")
    assert result.exit_code == 0, _output(result)
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "uri" and len(lines) > 2
    assert all(line.startswith("https://w3id.org/ancrage/id/") for line in lines[1:])


def test_wrong_password_is_a_clear_error(cli):
    result = cli("push", env={"ANCRAGE_TEST_NEO4J_PW": "not-the-password"})
    assert result.exit_code == 2
    assert "wrong user name or password" in _output(result)
    assert "ANCRAGE_TEST_NEO4J_PW" in _output(result)


def test_missing_password_variable_is_a_clear_error(cli):
    result = cli("push", password_env="ANCRAGE_NO_SUCH_VARIABLE")
    assert result.exit_code == 2
    assert "ANCRAGE_NO_SUCH_VARIABLE" in _output(result) and "not set" in _output(result)


def test_server_down_is_a_clear_error(cli):
    port = _free_port()  # nothing listens there
    result = cli("push", "--uri", f"bolt://127.0.0.1:{port}", with_uri=False)
    assert result.exit_code == 2
    assert f"unreachable at bolt://127.0.0.1:{port}" in _output(result)


def test_browser_url_is_refused_before_connecting(cli):
    result = cli("pull", "-o", "x.ttl", "--uri", "http://localhost:7474", with_uri=False)
    assert result.exit_code == 2
    assert "bolt://" in _output(result)


def test_named_query_with_a_parameter_and_settings_from_the_environment(cli, neo4j_server):
    uri, user, _ = neo4j_server
    env = {"ANCRAGE_NEO4J_URI": uri, "ANCRAGE_NEO4J_USER": user}
    assert cli("push", env=env, with_uri=False).exit_code == 0
    result = cli("query", "membres-instance", "-p", "body=ancrage territorial", "--format", "json",
                 env=env, with_uri=False)
    assert result.exit_code == 0, _output(result)
    import json

    rows = json.loads(result.stdout)
    assert rows and all("ancrage territorial" in r["organisationLabel"].lower() for r in rows)
    assert list(rows[0]) == ["organisation", "organisationLabel", "member", "memberLabel", "role", "start", "end"]
    unknown = cli("query", "membres-instance", "-p", "nobody=x", env=env, with_uri=False)
    assert unknown.exit_code == 2 and "no parameter nobody" in _output(unknown)


def test_export_neo4j_csv_through_the_cli(seed_store_dir, tmp_path):
    result = CliRunner().invoke(app, ["export", "--format", "neo4j-csv", "-o", str(tmp_path / "csv"),
                                      "--store", str(seed_store_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert {"import.sh", "schema.cypher", "meta.csv", "README.md"} <= set(names)
    assert any(n.startswith("relationships-") for n in names)
