"""The Queries page's Cypher box against a real Neo4j 5.26 (tools/neo4j-server), after a push of
the explorer's test store: a read query answers, a write is refused."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.i18n import t

pytestmark = pytest.mark.neo4j
SERVER = Path(__file__).resolve().parents[1] / "neo4j" / "server.py"


def _server_module():
    name = "ancrage_neo4j_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SERVER)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def pushed_neo4j(explorer_store):
    """A Neo4j holding the explorer's test store; (uri, user, password)."""
    from kg.neo4j import connect
    from kg.neo4j.push import push

    server = _server_module().Neo4jServer()
    server.start()
    try:
        conn = connect(server.uri, server.user, server.password, retry_time=10)
        try:
            push(explorer_store, conn, replace=True)
        finally:
            conn.close()
        yield server.uri, server.user, server.password
    finally:
        server.cleanup()


def _cypher_submit(at):
    return [b for b in at.get("form_submit_button") if b.label == t("q_run", "fr")][-1]


def test_cypher_box_reads_and_refuses_writes(app_at, monkeypatch, pushed_neo4j, explorer_store):
    uri, user, password = pushed_neo4j
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    at = app_at(page="requetes")
    assert t("q_cypher_off", "fr") in [i.value for i in at.info]  # no server configured yet
    monkeypatch.setenv("ANCRAGE_NEO4J_URI", uri)
    monkeypatch.setenv("ANCRAGE_NEO4J_USER", user)
    at.run()
    assert t("q_cypher_off", "fr") not in [i.value for i in at.info]
    at.text_area(key="q_cypher_text").input("MATCH (c:LocalCommittee) RETURN c.uri AS comite ORDER BY comite")
    _cypher_submit(at).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    table = next(d.value for d in at.dataframe if "comite" in d.value.columns)
    expected = [r[0] for r in explorer_store.select("SELECT ?c WHERE { ?c a anc:LocalCommittee } ORDER BY ?c").rows]
    assert list(table["comite (IRI)"]) == expected  # kept in a column hidden on screen
    names = {str(c): str(n) for c, n in explorer_store.select(
        'SELECT ?c ?n WHERE { ?c a anc:LocalCommittee ; skos:prefLabel ?n FILTER(LANG(?n) = "fr") }').rows}
    assert list(table["comite"]) == [names[c] for c in expected]  # what people read: the labels

    at.text_area(key="q_cypher_text").input("MATCH (c:LocalCommittee) DETACH DELETE c")
    _cypher_submit(at).click().run()
    assert at.error and "DELETE" in at.error[0].value
