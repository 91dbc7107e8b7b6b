"""The named query library and the read-only runner."""

from __future__ import annotations

import pytest

from kg import queries
from kg.errors import QueryError
from kg.sources import Source
from kg.store import Store

LIB = queries.library()


def test_the_library_has_at_least_eight_documented_queries():
    assert len(LIB) >= 8
    for name, q in LIB.items():
        assert q.title("fr") and q.title("en") and q.title("fr") != q.title("en"), name
        assert q.description("fr") and q.description("en"), name
        for p in q.params:
            assert p.label_fr and p.label_en and p.default, (name, p.name)


@pytest.mark.parametrize("name", sorted(LIB))
def test_every_named_query_parses_and_runs_on_an_empty_store(name):
    result = queries.run(Store.in_memory(), name)
    assert result.rows == []
    assert result.variables, name


@pytest.mark.parametrize("text", [
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX ex: <urn:x>\nDROP ALL",
    "# a comment\nCLEAR GRAPH <urn:g>",
    "LOAD <http://example.org/x.ttl>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused_and_the_store_is_unchanged(text):
    store = Store.in_memory([Source.from_ntriples("a", "A", ['<urn:a> <urn:b> "c" .'])])
    before = store.count()
    with pytest.raises(QueryError, match="read-only|read queries|neither"):
        queries.run(store, text)
    assert store.count() == before


def test_keywords_inside_strings_and_comments_are_not_mistaken_for_updates():
    store = Store.in_memory([Source.from_ntriples("a", "A", ['<urn:a> <urn:b> "DELETE DATA" .'])])
    rows = queries.run(store, 'SELECT ?o WHERE { ?s ?p ?o FILTER(?o = "DELETE DATA") } # DROP ALL').rows
    assert rows == [("DELETE DATA",)]


def test_parameters_are_bound_as_escaped_literals_never_as_query_text():
    hostile = '") } DELETE WHERE { ?s ?p ?o } #'
    store = Store.in_memory([Source.from_ntriples("a", "A", [
        '<urn:o> <http://www.w3.org/2004/02/skos/core#prefLabel> "Groupe ancrage"@fr .'])])
    result = queries.run(store, "membres-instance", {"body": hostile})
    assert result.rows == []
    assert store.count() > 0


def test_unknown_parameter_and_bad_types_are_explained():
    with pytest.raises(QueryError, match="no parameter nope"):
        queries.run(Store.in_memory(), "membres-instance", {"nope": "x"})
    with pytest.raises(QueryError, match="expected a date"):
        queries.sparql_term("21/09/2018x", "date")
    with pytest.raises(QueryError, match="expected an IRI"):
        queries.sparql_term("not an iri> DROP", "iri")


def test_unknown_query_name_lists_the_library():
    with pytest.raises(QueryError, match="membres-instance"):
        queries.run(Store.in_memory(), "no-such-query")


def test_row_limit_truncates():
    nt = [f'<urn:s{i}> <urn:p> "{i}" .' for i in range(20)]
    store = Store.in_memory([Source.from_ntriples("a", "A", nt)])
    assert len(queries.run(store, "SELECT ?s WHERE { ?s <urn:p> ?o }", limit=5).rows) == 5


def test_library_sees_a_query_file_edited_or_added(tmp_path):
    """The parsed library is kept between runs, but an edited or new .rq file is read again."""
    import os

    first = tmp_path / "un.rq"
    first.write_text("# title_fr: Un\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert queries.library(tmp_path)["un"].title("fr") == "Un"
    first.write_text("# title_fr: Premier\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 1_000_000_000))
    (tmp_path / "deux.rq").write_text("# title_fr: Deux\nASK {}\n", encoding="utf-8")
    lib = queries.library(tmp_path)
    assert lib["un"].title("fr") == "Premier" and sorted(lib) == ["deux", "un"]
