"""The read-only Cypher runner on a real Neo4j: writes refused, database unchanged, time limit."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.neo4j import cypher
from kg.neo4j.push import push

pytestmark = pytest.mark.neo4j

WRITES = [
    "CREATE (n:Ancrage {uri: 'x'})",
    "MATCH (n:Ancrage) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:Ancrage {uri: 'x'}) RETURN n",
    "MATCH (n:Ancrage) SET n.x = 1",
    "MATCH (n:Ancrage) REMOVE n:Ancrage",
    "DROP CONSTRAINT ancrage_uri",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    "MATCH (n) FOREACH (x IN [1] | CREATE (:Foo))",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS",
    "CALL db.createLabel('Foo')",
    "CALL apoc.create.node(['Foo'], {})",
    "match (n) /* lower case */ detach\n  delete n",
]


@pytest.fixture
def seeded(neo4j_conn, seed_store):
    push(seed_store, neo4j_conn)
    return neo4j_conn


@pytest.mark.parametrize("statement", WRITES)
def test_write_clauses_are_refused_and_nothing_changes(seeded, statement):
    before = seeded.counts()
    with pytest.raises(QueryError, match="read-only"):
        cypher.run(seeded, statement)
    assert seeded.counts() == before


def test_the_server_refuses_a_write_that_gets_past_the_text_check(seeded, monkeypatch):
    before = seeded.counts()
    monkeypatch.setattr(cypher, "ensure_read_only", lambda text: None)  # only the READ session is left
    with pytest.raises(QueryError, match="read-only|lecture seule|refused|refusé"):
        cypher.run(seeded, "CREATE (:Ancrage {uri: 'https://ex.org/sneaky'})")
    assert seeded.counts() == before


@pytest.mark.parametrize("statement", [
    "MATCH (n:Ancrage) WHERE n.created IS NULL RETURN count(n) AS n",
    "MATCH (n:Ancrage) WHERE n.prefLabel_fr = 'DELETE me' RETURN count(n) AS n",
    "MATCH (n:`Ancrage`) RETURN count(n) AS n // then DELETE everything",
    "CALL db.labels() YIELD label RETURN count(label) AS n",
])
def test_reads_that_look_like_writes_are_accepted(seeded, statement):
    rows = cypher.run(seeded, statement)
    assert len(rows.rows) == 1


def test_rows_are_plain_python_with_parameters_and_a_limit(seeded):
    rows = cypher.run(seeded, "MATCH (n:LocalCommittee) RETURN n.uri AS uri, n.prefLabel_fr AS label "
                              "ORDER BY label LIMIT $n", {"n": 3}, limit=2)
    assert rows.variables == ["uri", "label"]
    assert len(rows.rows) == 2
    assert all(isinstance(uri, str) and uri.startswith("https://w3id.org/ancrage/id/") for uri, _ in rows.rows)


def test_a_query_over_its_time_limit_is_cancelled(seeded):
    endless = "UNWIND range(1, 9000000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"
    with pytest.raises(QueryError, match="time limit|limite de temps"):
        cypher.run(seeded, endless, timeout=1)


def test_a_syntax_error_is_a_query_error(seeded):
    with pytest.raises(QueryError, match="Syntax"):
        cypher.run(seeded, "MATCH (n RETURN n")
