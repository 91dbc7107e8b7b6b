"""Every named query, SPARQL on the embedded store and Cypher on the real Neo4j, gives the same rows.

Three datasets: the seed dataset with the ontology (what ``ancrage build --no-territories``
makes); the same plus the territorial reference of two départements (so that the territorial
queries have territories to walk); and the same plus a small synthetic graph on those
départements (committees with members of every category, partnerships, flows), on which every
query must return rows. Each query runs with its default parameters and with a value that
matches nothing. Rows must be equal as multisets, and in the same order as far as the
``ORDER BY`` of the ``.rq`` file determines it (ties may come in any order).

SPARQL runs on the embedded store of the seed and ontology sources as they are. For the
datasets where two sources state the same triple (the seed and the territorial reference both
give a département its level and name), SPARQL runs on the RDF merge of the sources (one graph,
each triple once): pyoxigraph 0.5 counts such a triple once per graph in its union default graph
(oxigraph/oxigraph#1919, fixed after 0.5), whereas a property graph, like the RDF merge, holds
it once.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from kg import queries
from kg.neo4j import connect, cypher
from kg.neo4j.push import push
from kg.sources import Source
from kg.store import Store

from ancrage_neo4j_server import wipe  # registered by tests/kg/neo4j/conftest.py

pytestmark = pytest.mark.neo4j
LIBRARY = queries.library()
NAMES = sorted(LIBRARY)


def normalise(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return tuple(normalise(v) for v in value)
    return value


def order_keys(sparql: str) -> list[tuple[str, bool]]:
    """The leading ``ORDER BY`` keys that are plain variables: (name, descending)."""
    m = re.search(r"\bORDER\s+BY\s+(.+?)(?:\bLIMIT\b|\bOFFSET\b|$)", sparql, re.I | re.S)
    if not m:
        return []
    keys = []
    for token in re.findall(r"(?:ASC|DESC)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)|\?\w+|\S+", m.group(1), re.I):
        inner = re.fullmatch(r"(ASC|DESC)\s*\(\s*\?(\w+)\s*\)", token, re.I)
        if inner:
            keys.append((inner.group(2), inner.group(1).upper() == "DESC"))
        elif re.fullmatch(r"\?\w+", token):
            keys.append((token[1:], False))
        else:
            break  # an expression: the order past this point is not checked
    return keys


def test_order_keys_stop_at_an_expression():
    assert order_keys("SELECT ?a WHERE {} ORDER BY DESC(?n) ?a") == [("n", True), ("a", False)]
    assert order_keys("SELECT ?a WHERE {} ORDER BY DESC(?x + ?y) ?a") == []


def merged(store: Store) -> Store:
    """The RDF merge of every named graph of ``store``, as a one-graph store."""
    triples = {f"{q.subject} {q.predicate} {q.object} ." for q in store.oxi.quads_for_pattern(None, None, None, None)}
    return Store.in_memory([Source.from_ntriples("merge", "RDF merge", sorted(triples))])


def _sources(label: str, seed_sources: list) -> list:
    from loaders import cog, synthetic

    sources = list(seed_sources)
    if "territories" in label:
        sources.append(cog.load(departements=["25", "59"]))
    if "synthetic" in label:
        geo = synthetic.load_geography(["25", "59"])
        sources.append(synthetic.source(geo, synthetic.Spec(actors=400, relations=1_500, committees=4, seed=11)))
    return sources


@pytest.fixture(scope="module", params=["seed", "seed+territories", "seed+territories+synthetic"])
def dataset(request, neo4j_server, seed_sources):
    pushed = Store.in_memory(_sources(request.param, seed_sources))
    reference = pushed if request.param == "seed" else merged(pushed)
    uri, user, password = neo4j_server
    conn = connect(uri, user, password)
    wipe(conn)
    push(pushed, conn)
    try:
        yield request.param, reference, conn
    finally:
        conn.close()


def _compare(name: str, store, conn, params: dict) -> int:
    named = LIBRARY[name]
    expected = queries.run(store, name, params)
    actual = cypher.run_named(conn, name, params)
    assert actual.variables == expected.variables, f"{name}: columns differ"
    exp = [tuple(normalise(v) for v in row) for row in expected.rows]
    act = [tuple(normalise(v) for v in row) for row in actual.rows]
    missing, extra = Counter(exp) - Counter(act), Counter(act) - Counter(exp)
    assert not missing and not extra, (f"{name} {params}: rows differ\n only SPARQL: {sorted(missing, key=str)[:10]}"
                                       f"\n only Cypher: {sorted(extra, key=str)[:10]}")
    keys = [expected.variables.index(k) for k, _ in order_keys(named.sparql) if k in expected.variables]
    assert [tuple(r[i] for i in keys) for r in exp] == [tuple(r[i] for i in keys) for r in act], \
        f"{name}: ORDER BY differs"
    return len(exp)


@pytest.mark.parametrize("name", NAMES)
def test_cypher_twin_gives_the_sparql_rows(dataset, name):
    label, store, conn = dataset
    rows = _compare(name, store, conn, {})
    if label == "seed+territories+synthetic":
        assert rows > 0, f"{name}: no rows with its default parameters, the comparison would prove nothing"


@pytest.mark.parametrize("name", [n for n in NAMES if LIBRARY[n].params])
def test_cypher_twin_binds_its_parameters(dataset, name):
    _, store, conn = dataset
    params = {p.name: "zz-aucune-correspondance" for p in LIBRARY[name].params if p.type == "string"}
    assert _compare(name, store, conn, params) == 0


@pytest.mark.parametrize("name", NAMES)
def test_every_named_query_has_a_twin_with_the_same_parameters(name):
    named = LIBRARY[name]
    assert named.cypher, f"ontology/queries/{name}.cypher is missing"
    assert cypher.twin_params(named.cypher) == [p.name for p in named.params]
    for p in named.params:
        assert f"${p.name}" in named.cypher
    cypher.ensure_read_only(named.cypher)
