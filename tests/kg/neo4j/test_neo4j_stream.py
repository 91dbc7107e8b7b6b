"""The chunked reading of the store gives exactly the rows of the whole-store extraction."""

from __future__ import annotations

import pytest

from kg.neo4j.stream import make_plan, node_chunks, rel_chunks
from kg.neo4j.translate import extract
from kg.sources import Source
from kg.store import Store

A = "https://ex.org/"
ANC = "https://w3id.org/ancrage/def#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _streamed(store, chunk_rows, graph=None):
    plan = make_plan(store, graph=graph)
    nodes = [row | {"labels": labels} for chunk in node_chunks(store, plan, chunk_rows)
             for labels, rows in chunk.nodes.items() for row in rows]
    rels = [row | {"type": rtype} for chunk in rel_chunks(store, plan, chunk_rows)
            for rtype, rows in chunk.rels.items() for row in rows]
    return plan, nodes, rels


def _whole(store, graph=None):
    rows = extract(store, graph=graph)
    nodes = [row | {"labels": labels} for labels, group in rows.nodes.items() for row in group]
    rels = [row | {"type": rtype} for rtype, group in rows.rels.items() for row in group]
    return rows, nodes, rels


def _key(row):
    return repr(sorted(row.items()))


def _assert_same(store, chunk_rows, graph=None):
    rows, nodes, rels = _whole(store, graph)
    plan, s_nodes, s_rels = _streamed(store, chunk_rows, graph)
    assert plan.schema.to_json() == rows.schema.to_json()
    assert sorted(map(_key, s_nodes)) == sorted(map(_key, nodes))
    assert sorted(map(_key, s_rels)) == sorted(map(_key, rels))
    assert plan.nodes == len(nodes)
    return plan


def test_seed_store_streamed_in_small_chunks_gives_the_whole_store_rows(seed_store):
    plan = _assert_same(seed_store, chunk_rows=97)
    assert len(plan.graphs) >= 2


def test_a_subject_in_several_graphs_an_object_only_node_and_a_link_in_two_graphs():
    """The cases that need the whole store: described in two graphs, referenced only, a link in two graphs."""
    one = [f"<{A}x> <{TYPE}> <{ANC}LocalCommittee> .", f'<{A}x> <{ANC}population> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .',
           f"<{A}x> <{ANC}locatedIn> <{A}only-object> .", f"<{A}x> <{ANC}partner> <{A}y> .",
           f'<{A}y> <http://www.w3.org/2004/02/skos/core#prefLabel> "Y"@fr .']
    two = [f'<{A}x> <{ANC}population> "12.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
           f"<{A}x> <{TYPE}> <{ANC}Organisation> .", f"<{A}x> <{ANC}partner> <{A}y> .",
           f"<{A}z> <{ANC}locatedIn> <{A}only-object> .", f"<{A}z> <{ANC}partner> <{A}elsewhere> .",
           "_:b1 <https://w3id.org/ancrage/def#partner> <https://ex.org/x> ."]
    store = Store.in_memory([Source.from_ntriples("b-two", "Two", two), Source.from_ntriples("a-one", "One", one)])
    for chunk_rows in (1, 2, 1000):
        plan = _assert_same(store, chunk_rows)
        assert len(plan.multi) >= 1 and len(plan.object_only) == 2  # only-object, elsewhere
    _assert_same(store, 3, graph="https://w3id.org/ancrage/graph/b-two")


@pytest.mark.parametrize("chunk_rows", [500, 10_000])
def test_synthetic_store_streamed_gives_the_whole_store_rows(chunk_rows):
    from loaders.synthetic import Geography, Spec, source

    store = Store.in_memory([source(Geography.tiny(), Spec(actors=300, relations=1_500, committees=3, seed=5))])
    _assert_same(store, chunk_rows)


def test_chunks_are_the_same_from_one_reading_to_the_next(seed_store):
    first = [chunk.size for chunk in node_chunks(seed_store, make_plan(seed_store), 50)]
    again = [chunk.size for chunk in node_chunks(seed_store, make_plan(seed_store), 50)]
    assert first == again and len(first) > 3


def test_a_store_without_oxigraph_handle_is_cut_into_the_same_rows(seed_store):
    """A SPARQL server's store (read through its dump) gives the whole-store rows, in chunks."""
    import pyoxigraph as ox

    from kg.neo4j.stream import WholeStore
    from kg.neo4j.translate import Schema

    class Dumped:  # what kg.remote.RemoteStore offers the push: a dump, no Oxigraph handle
        def dump(self, fmt, graph=None):
            return seed_store.oxi.dump(format=fmt, from_graph=None if graph is None else ox.NamedNode(graph))

    rows, nodes, rels = _whole(seed_store)
    whole = WholeStore(Dumped(), Schema())
    got_nodes = [row | {"labels": labels} for chunk in whole.node_chunks(50) for labels, group in chunk.nodes.items()
                 for row in group]
    got_rels = [row | {"type": t} for chunk in whole.rel_chunks(50) for t, group in chunk.rels.items() for row in group]
    assert sorted(map(_key, got_nodes)) == sorted(map(_key, nodes))
    assert sorted(map(_key, got_rels)) == sorted(map(_key, rels))
    assert whole.plan.nodes == len(nodes) and whole.plan.relationships == len(rels)
