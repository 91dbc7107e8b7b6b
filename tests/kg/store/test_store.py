"""The embedded store: named graphs per source, atomic generations, read-only handles."""

from __future__ import annotations

import pytest

from kg.errors import QueryError, StoreError
from kg.sources import Source
from kg.store import Store, write_sources, writing

EX = "https://example.org/"


def triples(n: int, pred: str = "p", start: int = 0) -> list[str]:
    return [f'<{EX}s{i}> <{EX}{pred}> "valeur {i}" .' for i in range(start, start + n)]


def test_each_source_has_its_own_named_graph_with_provenance(tmp_path):
    write_sources(tmp_path, [Source.from_ntriples("a", "Source A", triples(3), licence="CC-BY-4.0"),
                             Source.from_ntriples("b", "Source B", triples(2, "q"))], fresh=True)
    store = Store.open(tmp_path)
    assert store.named_graphs() == ["https://w3id.org/ancrage/graph/a", "https://w3id.org/ancrage/graph/b"]
    rows = store.select("SELECT ?l WHERE { ?g a anc:Dataset ; dct:license ?l }", graph="https://w3id.org/ancrage/graph/a").rows
    assert rows == [("CC-BY-4.0",)]
    # queries see the union of the graphs unless one is named
    assert store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(?p IN (<{EX}p>, <{EX}q>)) }}").rows == [(5,)]
    assert store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}q> ?o }}",
                        graph="https://w3id.org/ancrage/graph/a").rows == [(0,)]


def test_reloading_a_source_replaces_only_its_graph(tmp_path):
    write_sources(tmp_path, [Source.from_ntriples("a", "A", triples(3)),
                             Source.from_ntriples("b", "B", triples(2, "q"))], fresh=True)
    write_sources(tmp_path, [Source.from_ntriples("a", "A v2", triples(1, start=10))])
    store = Store.open(tmp_path)
    values = store.select(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }}").rows
    assert values == [("valeur 10",)]
    assert len(store.select(f"SELECT ?o WHERE {{ ?s <{EX}q> ?o }}").rows) == 2


def test_a_failed_write_leaves_the_current_store_untouched(tmp_path):
    write_sources(tmp_path, [Source.from_ntriples("a", "A", triples(3))], fresh=True)
    before = Store.current_generation(tmp_path)

    def broken_lines():
        yield from triples(2, start=100)
        raise RuntimeError("disk full in the middle of the load")

    with pytest.raises(RuntimeError):
        write_sources(tmp_path, [Source("a", "A broken", broken_lines)], fresh=True)
    assert Store.current_generation(tmp_path) == before
    store = Store.open(tmp_path)
    assert len(store.select(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }}").rows) == 3
    # the aborted generation was removed
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("gen-")) == [before.name]


def test_a_syntax_error_in_a_source_is_reported_and_nothing_changes(tmp_path):
    write_sources(tmp_path, [Source.from_ntriples("a", "A", triples(1))], fresh=True)
    version = Store.open(tmp_path).version
    with pytest.raises(SyntaxError):
        write_sources(tmp_path, [Source.from_ntriples("a", "A", ["<not an n-triples line"])])
    assert Store.open(tmp_path).version == version


def test_readers_keep_their_generation_while_a_new_one_is_written(tmp_path):
    write_sources(tmp_path, [Source.from_ntriples("a", "A", triples(2))], fresh=True)
    reader = Store.open(tmp_path)
    with writing(tmp_path) as oxi:
        oxi.remove_graph(next(iter(oxi.named_graphs())))
    assert len(reader.select(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }}").rows) == 2
    fresh_reader = Store.open(tmp_path)
    assert fresh_reader.version != reader.version
    assert fresh_reader.select(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }}").rows == []


def test_opening_a_missing_store_says_how_to_build_it(tmp_path):
    with pytest.raises(StoreError, match="ancrage build"):
        Store.open(tmp_path / "nowhere")


def test_the_store_refuses_updates():
    store = Store.in_memory([Source.from_ntriples("a", "A", triples(1))])
    with pytest.raises(QueryError, match="read queries"):
        store.query("DELETE WHERE { ?s ?p ?o }")
    assert store.count() > 0


def test_values_come_back_as_python_types():
    import datetime as dt
    from decimal import Decimal

    nt = [f'<{EX}a> <{EX}d> "2018-09-21"^^<http://www.w3.org/2001/XMLSchema#date> .',
          f'<{EX}a> <{EX}n> "58"^^<http://www.w3.org/2001/XMLSchema#integer> .',
          f'<{EX}a> <{EX}s> "0.42"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
          f'<{EX}a> <{EX}l> "Côte-d\'Or"@fr .']
    store = Store.in_memory([Source.from_ntriples("a", "A", nt)])
    row = store.select(f"SELECT ?d ?n ?s ?l WHERE {{ ?x <{EX}d> ?d ; <{EX}n> ?n ; <{EX}s> ?s ; <{EX}l> ?l }}").rows[0]
    assert row == (dt.date(2018, 9, 21), 58, Decimal("0.42"), "Côte-d'Or")


def test_a_triple_stated_by_two_sources_is_counted_once(tmp_path):
    """Oxigraph 0.5 repeats a triple once per graph in union queries: a later source gives it up."""
    write_sources(tmp_path, [Source.from_ntriples("a", "A", triples(3))], fresh=True)
    write_sources(tmp_path, [Source.from_ntriples("b", "B", triples(4))])
    store = Store.open(tmp_path)
    assert store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}").rows == [(4,)]
    # the new graph keeps what only it states, and its own description
    assert store.count(graph="https://w3id.org/ancrage/graph/b") > 1
    assert store.select(f'SELECT ?s WHERE {{ ?s <{EX}p> "valeur 3" }}', graph="https://w3id.org/ancrage/graph/b").rows
