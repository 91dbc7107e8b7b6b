"""Named queries answered from the read model (kg/read/answers.py): the rows of their SPARQL text,
row for row and in order, on the edge-case graph, the seed and the 1 % synthetic graph; the named
query path uses the model where there is one, SPARQL elsewhere, with the same limits."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import queries
from kg.errors import QueryLimitError
from kg.gaps.index import without_index
from kg.query_worker import close_default_pool
from kg.read import model as read_model
from kg.read.answers import ANSWERS, Table, liens_multi_niveaux
from kg.store import Store
from tests.kg.queries.test_queries_whole_graph import _edge_case_sources

NAME = "liens-multi-niveaux"
ROOT = Path(__file__).resolve().parents[3]


def sparql_rows(store: Store):
    """The rows of the query's SPARQL text, run on the store itself."""
    return store.select(queries.get(NAME).sparql)


def assert_same_answer(store: Store, at_least: int) -> None:
    expected = sparql_rows(store)
    got = liens_multi_niveaux(read_model.model_for(store))
    assert got.variables == expected.variables
    assert len(got.rows) == len(expected.rows) >= at_least
    for i, (row, want) in enumerate(zip(got.rows, expected.rows)):
        assert row == want, f"row {i}: {row} != {want}"
    assert [type(v) for r in got.rows for v in r] == [type(v) for r in expected.rows for v in r]


def test_the_edge_cases_give_the_rows_of_the_sparql_text():
    """Labels restated in two sources, an actor in two territories, a three-party partnership, an
    English-only label, an accompanied territory (no level), an event with participants."""
    assert_same_answer(Store.in_memory(_edge_case_sources()), at_least=10)


def test_the_seed_gives_the_rows_of_the_sparql_text(seed_store):
    assert_same_answer(seed_store, at_least=5)


def test_the_one_percent_graph_gives_the_rows_of_the_sparql_text(one_percent):
    read_model.clear_memory()
    assert_same_answer(Store.open(one_percent), at_least=1000)


def test_the_named_query_is_answered_from_the_model_in_the_worker(seed_store_dir, monkeypatch):
    store = Store.open(seed_store_dir)
    expected = sparql_rows(store)

    def no_sparql(*args, **kwargs):
        raise AssertionError("the SPARQL path was taken")

    monkeypatch.setattr(queries, "execute", no_sparql)
    result = queries.run(store, NAME, timeout=60)
    assert result.method == "read-model" and result.rows == expected.rows and not result.truncated
    capped = queries.run(store, NAME, limit=3, timeout=60)
    assert capped.rows == expected.rows[:3] and capped.truncated and capped.method == "read-model"
    whole = queries.run(store, NAME, limit=len(expected.rows), timeout=60)
    assert whole.rows == expected.rows and not whole.truncated


def test_without_a_model_the_named_query_goes_by_sparql(seed_store_dir):
    store = Store.open(seed_store_dir)
    with without_index():
        result = queries.run(store, NAME, limit=4, timeout=60)
    assert result.method == "sparql" and result.rows == sparql_rows(store).rows[:4] and result.truncated


def test_a_query_file_of_the_same_name_goes_by_sparql(seed_store_dir, tmp_path):
    """Only the library's query is answered from the model: a ``.rq`` file is run as written."""
    edited = tmp_path / f"{NAME}.rq"
    edited.write_text(queries.get(NAME).sparql.replace("ORDER BY ?kind", "ORDER BY DESC(?kind)"), encoding="utf-8")
    result = queries.run(Store.open(seed_store_dir), str(edited), timeout=60)
    kinds = [row[0] for row in result.rows]
    assert result.method == "sparql" and kinds == sorted(kinds, reverse=True) and kinds[0] != kinds[-1]


def test_the_model_answer_keeps_the_time_limit(one_percent):
    """A fresh worker loads numpy and the model (a second or more) before answering: stopped."""
    close_default_pool()
    with pytest.raises(QueryLimitError):
        queries.run(Store.open(one_percent), NAME, timeout=0.05)
    assert queries.run(Store.open(one_percent), NAME, limit=1, timeout=300).rows


def test_the_cli_prints_the_rows_of_the_sparql_text(seed_store_dir):
    done = subprocess.run([sys.executable, "-m", "kg.cli", "query", NAME, "--format", "json",
                           "--store", str(seed_store_dir)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    expected = sparql_rows(Store.open(seed_store_dir))
    assert json.loads(done.stdout) == expected.dicts()


def test_a_table_from_a_worker_is_checked():
    table = Table(["x"], ["a"], __import__("numpy").array([[0, -1]], dtype="int32"), False)
    assert Table.from_bytes(table.to_bytes()).to_rows().rows == [("a",), (None,)]
    bad = table.to_bytes().replace(b'"texts":["a"]', b'"texts":[]')
    with pytest.raises(ValueError):
        Table.from_bytes(bad)


def test_every_answer_names_a_library_query():
    assert set(ANSWERS) <= set(queries.library())


def test_a_store_without_its_parts_goes_by_sparql_until_they_are_derived(one_percent, tmp_path):
    """A store of an earlier release (no parts): the named query goes by SPARQL (the worker would
    spend the time limit deriving parts); once a reader derived them, from the model."""
    copy = tmp_path / "store"
    shutil.copytree(one_percent, copy, symlinks=True)
    shutil.rmtree(copy / "parts")
    read_model.clear_memory()
    store = Store.open(copy)
    expected = sparql_rows(store).rows
    first = queries.run(store, NAME, timeout=300)
    assert first.method == "sparql" and first.rows == expected
    read_model.model_for(store)  # what the first check or analysis does: the parts derived and kept
    again = queries.run(store, NAME, timeout=300)
    assert again.method == "read-model" and again.rows == expected
