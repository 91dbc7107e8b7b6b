"""Push and pull against a real Neo4j: mapping, round trip, idempotence, replace, foreign data."""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.neo4j.pull import pull, write
from kg.neo4j.push import push
from kg.neo4j.translate import extract
from kg.sources import Source
from kg.store import Store

from ancrage_neo4j_server import wipe as wipe_neo4j  # registered by tests/kg/neo4j/conftest.py

pytestmark = pytest.mark.neo4j

ANC = "https://w3id.org/ancrage/def#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Everything the mapping has to survive: languages, repeated values, dates and times, decimals,
# booleans, odd datatypes, huge integers, blank nodes, web addresses kept as properties, a class
# that cannot be a label, two predicates with the same local name, an untyped object, text with
# quotes and new lines, and two named graphs describing the same node.
TRICKY_A = f"""
<https://ex.org/c1> <{RDF_TYPE}> <{ANC}LocalCommittee> .
<https://ex.org/c1> <{RDF_TYPE}> <https://ex.org/ns#odd-class> .
<https://ex.org/c1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Comité « test »"@fr .
<https://ex.org/c1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Test committee"@en .
<https://ex.org/c1> <http://www.w3.org/2004/02/skos/core#altLabel> "CLTSDS 1"@fr .
<https://ex.org/c1> <http://www.w3.org/2004/02/skos/core#altLabel> "CLTSDS un"@fr .
<https://ex.org/c1> <{ANC}installedOn> "2018-09-21"^^<{XSD}date> .
<https://ex.org/c1> <{ANC}memberCount> "58"^^<{XSD}integer> .
<https://ex.org/c1> <{ANC}recordCount> "123456789012345678901234567890"^^<{XSD}integer> .
<https://ex.org/c1> <{ANC}share> "0.42"^^<{XSD}decimal> .
<https://ex.org/c1> <{ANC}share> "0.5"^^<{XSD}decimal> .
<https://ex.org/c1> <http://purl.org/dc/terms/date> "2018"^^<{XSD}gYear> .
<https://ex.org/c1> <http://purl.org/dc/terms/date> "2018-12-13"^^<{XSD}date> .
<https://ex.org/c1> <http://www.w3.org/ns/prov#generatedAtTime> "2026-11-29T12:30:00+01:00"^^<{XSD}dateTime> .
<https://ex.org/c1> <https://ex.org/ns#active> "true"^^<{XSD}boolean> .
<https://ex.org/c1> <https://ex.org/ns#code> "A-1"^^<https://ex.org/ns#customType> .
<https://ex.org/c1> <{ANC}note> "une ligne\\nune autre \\"citée\\""@fr .
<https://ex.org/c1> <http://www.w3.org/2004/02/skos/core#note> "note SKOS"@fr .
<https://ex.org/c1> <http://purl.org/dc/terms/title> "titre sans langue" .
<https://ex.org/c1> <https://schema.org/url> <https://www.example.org/comite> .
<https://ex.org/c1> <https://schema.org/url> <https://www.example.org/comite-bis> .
<https://ex.org/c1> <{ANC}territory> <https://ex.org/t1> .
<https://ex.org/c1> <https://ex.org/ns#territory> <https://ex.org/t1> .
<https://ex.org/c1> <{ANC}category> <https://w3id.org/ancrage/concept/category/federation> .
<https://ex.org/t1> <{RDF_TYPE}> <{ANC}Territory> .
<https://ex.org/t1> <{ANC}population> "1200"^^<{XSD}integer> .
<https://ex.org/m1> <{RDF_TYPE}> <{ANC}Membership> .
<https://ex.org/m1> <http://www.w3.org/ns/org#member> _:g1 .
<https://ex.org/m1> <http://www.w3.org/ns/org#organization> <https://ex.org/c1> .
_:g1 <{RDF_TYPE}> <{ANC}Group> .
_:g1 <http://www.w3.org/2004/02/skos/core#prefLabel> "Personnes accompagnées"@fr .
_:g1 <http://www.w3.org/ns/org#memberOf> _:g2 .
_:g2 <http://www.w3.org/2004/02/skos/core#prefLabel> "Collectif"@fr .
"""
TRICKY_B = f"""
<https://ex.org/t1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Territoire 1"@fr .
<https://ex.org/t1> <http://www.opengis.net/ont/geosparql#sfWithin> <https://ex.org/t0> .
<https://ex.org/t0> <{RDF_TYPE}> <{ANC}Territory> .
"""


def _store(*parts: tuple[str, str]) -> Store:
    return Store.in_memory([Source.from_ntriples(sid, sid, text.strip().splitlines()) for sid, text in parts])


def assert_isomorphic(expected: rdflib.Graph, actual: rdflib.Graph) -> None:
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = ["graphs differ", "only in the store:"] + [f"  {t}" for t in sorted(only_expected)[:20]]
    lines += ["only in the pull:"] + [f"  {t}" for t in sorted(only_actual)[:20]]
    pytest.fail("\n".join(lines))


@pytest.fixture
def tricky():
    return _store(("tricky-a", TRICKY_A), ("tricky-b", TRICKY_B))


def test_tricky_graph_round_trips_to_an_isomorphic_graph(neo4j_conn, tricky):
    push(tricky, neo4j_conn)
    result = pull(neo4j_conn)
    assert not result.ignored
    assert_isomorphic(tricky.rdflib_graph(), result.graph())


def test_seed_round_trips_to_an_isomorphic_graph(neo4j_conn, seed_store):
    report = push(seed_store, neo4j_conn)
    assert report.nodes > 300 and report.relationships > 1000
    result = pull(neo4j_conn)
    assert not result.ignored
    assert_isomorphic(seed_store.rdflib_graph(), result.graph())


def test_seed_round_trip_keeps_the_named_graphs(neo4j_conn, seed_store):
    push(seed_store, neo4j_conn)
    ds = pull(neo4j_conn).dataset()
    pulled = {str(g.identifier): g for g in ds.graphs() if len(g)}
    assert sorted(pulled) == seed_store.named_graphs()
    for name in seed_store.named_graphs():
        assert_isomorphic(seed_store.rdflib_graph(graph=name), pulled[name])


def test_documented_difference_a_node_described_by_two_graphs_comes_back_in_one(neo4j_conn, tricky):
    push(tricky, neo4j_conn)
    ds = pull(neo4j_conn).dataset()
    a = ds.graph(rdflib.URIRef("https://w3id.org/ancrage/graph/tricky-a"))
    label = rdflib.Literal("Territoire 1", lang="fr")
    # t1's label was stated in tricky-b, but t1's own graph (the smallest where it is a subject) is tricky-a
    assert (rdflib.URIRef("https://ex.org/t1"), rdflib.SKOS.prefLabel, label) in a
    # relationships keep their own graph
    b = ds.graph(rdflib.URIRef("https://w3id.org/ancrage/graph/tricky-b"))
    assert (rdflib.URIRef("https://ex.org/t1"), rdflib.URIRef("http://www.opengis.net/ont/geosparql#sfWithin"),
            rdflib.URIRef("https://ex.org/t0")) in b


def test_nodes_get_the_mapping_labels_types_and_typed_properties(neo4j_conn, tricky):
    push(tricky, neo4j_conn)

    def work(tx):
        return tx.run("""
            MATCH (c:Ancrage {uri: 'https://ex.org/c1'})-[r:TERRITORY]->(t:Ancrage:Territory)
            RETURN labels(c) AS labels, c.installedOn AS installed, valueType(c.installedOn) AS dateType,
                   valueType(c.memberCount) AS countType, c.share AS share, c.prefLabel_fr AS fr,
                   c.altLabel_fr AS alt, c.sourceGraph AS graph, r.sourceGraph AS relGraph,
                   valueType(c.generatedAtTime) AS timeType, c.url AS url, t.population AS population,
                   c.type AS oddTypes""").single().data()

    row = neo4j_conn.read(work)
    assert sorted(row["labels"]) == ["Ancrage", "LocalCommittee"]
    assert row["installed"].to_native() == dt.date(2018, 9, 21)
    assert row["dateType"].startswith("DATE")
    assert row["countType"].startswith("INTEGER")
    assert row["timeType"].startswith("ZONED DATETIME")
    assert row["share"] == [0.42, 0.5]
    assert row["fr"] == "Comité « test »"
    assert row["alt"] == ["CLTSDS 1", "CLTSDS un"]
    assert row["graph"] == row["relGraph"] == "https://w3id.org/ancrage/graph/tricky-a"
    assert row["url"] == ["https://www.example.org/comite", "https://www.example.org/comite-bis"]
    assert row["population"] == 1200
    assert row["oddTypes"] == "https://ex.org/ns#odd-class"

    def types(tx):
        return sorted(r["t"] for r in tx.run("MATCH (:Ancrage)-[r]->(:Ancrage) RETURN DISTINCT type(r) AS t"))

    # anc:territory keeps TERRITORY (Ancrage terms first); https://ex.org/ns#territory has no prefix
    assert neo4j_conn.read(types) == ["CATEGORY", "MEMBER", "MEMBER_OF", "ORGANIZATION", "SF_WITHIN",
                                      "TERRITORY", "TERRITORY_2"]


def test_push_is_idempotent_and_matches_the_rows(neo4j_conn, seed_store):
    first = push(seed_store, neo4j_conn)
    second = push(seed_store, neo4j_conn)
    rows = extract(seed_store)
    assert first.counts == second.counts
    assert first.counts["nodes"] == rows.node_count
    assert first.counts["relationships"] == rows.rel_count


def test_blank_nodes_do_not_pile_up_across_pushes(neo4j_conn, tricky):
    push(tricky, neo4j_conn)
    before = neo4j_conn.counts()
    rebuilt = _store(("tricky-a", TRICKY_A), ("tricky-b", TRICKY_B))  # new blank node ids
    push(rebuilt, neo4j_conn)
    assert neo4j_conn.counts() == before


def test_replace_mirrors_a_smaller_store(neo4j_conn, tricky):
    push(tricky, neo4j_conn)
    smaller = _store(("tricky-b", TRICKY_B))
    added = push(smaller, neo4j_conn)
    assert added.counts["nodes"] > extract(smaller).node_count  # a plain push only adds
    replaced = push(smaller, neo4j_conn, replace=True)
    assert replaced.deleted > 0
    rows = extract(smaller)
    assert (replaced.counts["nodes"], replaced.counts["relationships"]) == (rows.node_count, rows.rel_count)
    assert_isomorphic(smaller.rdflib_graph(), pull(neo4j_conn).graph())


def test_foreign_data_survives_push_and_replace(neo4j_conn, tricky):
    def create(tx):
        tx.run("CREATE (a:Person {name: 'Alice', uri: 'https://ex.org/c1'})-[:KNOWS {since: 2020}]->"
               "(b:Person:Project {name: 'Graph'}) CREATE (b)-[:USES]->(:Tool {name: 'Neo4j'})").consume()

    neo4j_conn.write(create)

    def foreign(tx):
        return tx.run("MATCH (n) WHERE NOT n:Ancrage AND NOT n:AncrageMeta "
                      "OPTIONAL MATCH (n)-[r]->(m) WHERE NOT m:Ancrage "
                      "RETURN n.name AS name, labels(n) AS labels, properties(n) AS props, type(r) AS rel, "
                      "properties(r) AS relProps ORDER BY name").data()

    before = neo4j_conn.read(foreign)
    assert len(before) == 3
    push(tricky, neo4j_conn)
    assert neo4j_conn.read(foreign) == before
    push(tricky, neo4j_conn, replace=True)
    assert neo4j_conn.read(foreign) == before
    assert neo4j_conn.counts()["all_nodes"] == neo4j_conn.counts()["nodes"] + 3 + 1  # + the side table
    # a push never merges onto a foreign node with the same uri
    assert neo4j_conn.read(lambda tx: tx.run(
        "MATCH (n {uri: 'https://ex.org/c1'}) RETURN count(n) AS n").single()["n"]) == 2


def test_pull_skips_what_ancrage_did_not_write(neo4j_conn, tricky):
    push(tricky, neo4j_conn)
    neo4j_conn.write(lambda tx: tx.run(
        "MATCH (c:Ancrage {uri: 'https://ex.org/c1'}) SET c:Starred, c.rating = 5 "
        "CREATE (c)-[:LIKES]->(:Ancrage {uri: 'https://ex.org/x'})").consume())
    result = pull(neo4j_conn)
    assert result.ignored == {"label Starred": 1, "property rating": 1, "relationship LIKES": 1}


def test_pull_without_a_push_says_so(neo4j_conn):
    from kg.errors import AncrageError

    with pytest.raises(AncrageError, match="ancrage neo4j push"):
        pull(neo4j_conn)


def test_pull_writes_turtle_and_trig(neo4j_conn, tricky, tmp_path):
    push(tricky, neo4j_conn)
    result = pull(neo4j_conn)
    ttl = write(result, tmp_path / "out.ttl")
    assert_isomorphic(tricky.rdflib_graph(), rdflib.Graph().parse(ttl))
    trig = write(result, tmp_path / "out.trig")
    ds = rdflib.Dataset()
    ds.parse(trig, format="trig")
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {
        "https://w3id.org/ancrage/graph/tricky-a", "https://w3id.org/ancrage/graph/tricky-b"}


@pytest.fixture(scope="module")
def hubby_store():
    """A synthetic graph with hubs (a few categories, natures and scales carry most relationships)."""
    from loaders.synthetic import Geography, Spec, source

    return Store.in_memory([source(Geography.tiny(), Spec(actors=600, relations=3_000, committees=4, seed=11))])


@pytest.mark.parametrize("workers", [1, 4])
def test_writers_side_by_side_write_the_same_graph_as_the_default(neo4j_conn, hubby_store, workers):
    default = push(hubby_store, neo4j_conn, batch_size=250)  # two writers
    expected = pull(neo4j_conn).graph()
    wipe_neo4j(neo4j_conn)
    other = push(hubby_store, neo4j_conn, batch_size=250, workers=workers)
    rows = extract(hubby_store)
    assert other.counts == default.counts
    assert (other.counts["nodes"], other.counts["relationships"]) == (rows.node_count, rows.rel_count)
    assert (other.nodes, other.relationships) == (rows.node_count, rows.rel_count)
    assert_isomorphic(expected, pull(neo4j_conn).graph())


def test_a_lost_commit_answer_is_retried_only_for_idempotent_work(neo4j_conn):
    from neo4j.exceptions import IncompleteCommit

    from kg.neo4j import Neo4jUnavailable

    calls = []

    def merge_once_then_lose_the_answer(tx):
        calls.append(1)
        tx.run("MERGE (:Ancrage {uri: 'https://ex.org/lost-answer'})").consume()
        if len(calls) == 1:
            raise IncompleteCommit("the server went away before answering the commit")

    neo4j_conn.write(merge_once_then_lose_the_answer, idempotent=True)  # a push's batches
    assert len(calls) == 2 and neo4j_conn.counts()["nodes"] == 1
    calls.clear()
    with pytest.raises(Neo4jUnavailable, match="IncompleteCommit"):  # any other work: not run again
        neo4j_conn.write(merge_once_then_lose_the_answer)
    assert len(calls) == 1
