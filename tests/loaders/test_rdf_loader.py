"""The RDF loader (loaders/rdf.py): Turtle, N-Triples and JSON-LD files as sources."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import LoadError
from kg.namespaces import graph_iri
from kg.store import Store, write_sources
from loaders import rdf, seed

TURTLE = """@prefix ex: <https://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:comite skos:prefLabel "Comité de L'Haÿ-les-Roses"@fr ;
    ex:membre [ skos:prefLabel "Groupe ressource"@fr ] ;
    ex:effectif 12 .
"""
NTRIPLES = """<https://example.org/comite> <http://www.w3.org/2004/02/skos/core#prefLabel> "Comité de L'Haÿ-les-Roses"@fr .
<https://example.org/comite> <https://example.org/membre> _:g .
_:g <http://www.w3.org/2004/02/skos/core#prefLabel> "Groupe ressource"@fr .
<https://example.org/comite> <https://example.org/effectif> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""
JSONLD = json.dumps({
    "@context": {"ex": "https://example.org/", "skos": "http://www.w3.org/2004/02/skos/core#"},
    "@id": "ex:comite",
    "skos:prefLabel": {"@value": "Comité de L'Haÿ-les-Roses", "@language": "fr"},
    "ex:membre": {"skos:prefLabel": {"@value": "Groupe ressource", "@language": "fr"}},
    "ex:effectif": 12,
}, ensure_ascii=False, indent=1)


def _graph(store: Store, source_id: str) -> Graph:
    """The triples a source brought, without the description of the source (the anc:Dataset)."""
    g = store.rdflib_graph(graph_iri(source_id))
    g.remove((graph_iri(source_id), None, None))
    return g


@pytest.fixture()
def files(tmp_path):
    paths = {}
    for name, text in (("comite.ttl", TURTLE), ("comite.nt", NTRIPLES), ("comite.jsonld", JSONLD)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths[name.rsplit(".", 1)[1]] = path
    return paths


def test_turtle_ntriples_and_json_ld_give_the_same_graph(files):
    sources = [rdf.load(files[ext], source_id=f"t-{ext}") for ext in ("ttl", "nt", "jsonld")]
    assert [s.records for s in sources] == [4, 4, 4]
    store = Store.in_memory(sources)
    graphs = [_graph(store, s.id) for s in sources]
    assert all(len(g) == 4 for g in graphs)
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[1], graphs[2])
    label = store.select("SELECT DISTINCT ?l WHERE { <https://example.org/comite> skos:prefLabel ?l }").rows
    assert label == [("Comité de L'Haÿ-les-Roses",)]


def test_each_file_is_its_own_named_graph_with_its_description(files, tmp_path):
    src = rdf.load(files["ttl"])
    assert src.id == "rdf-comite" and src.path == str(files["ttl"])
    write_sources(tmp_path / "store", [src], fresh=True)
    store = Store.open(tmp_path / "store")
    assert store.named_graphs() == [str(graph_iri("rdf-comite"))]
    rows = store.select("SELECT ?n ?f WHERE { ?d a anc:Dataset ; anc:recordCount ?n ; prov:wasDerivedFrom ?f }").rows
    assert rows == [(4, str(files["ttl"]))]


def test_blank_nodes_of_two_files_stay_distinct(tmp_path):
    for name in ("a.nt", "b.nt"):
        (tmp_path / name).write_text('_:b1 <https://example.org/p> "%s" .\n' % name, encoding="utf-8")
    store = Store.in_memory([rdf.load(tmp_path / "a.nt"), rdf.load(tmp_path / "b.nt")])
    subjects = store.select("SELECT DISTINCT ?s WHERE { ?s <https://example.org/p> ?o }").rows
    assert len(subjects) == 2


@pytest.mark.parametrize("name, text, line", [
    ("bad.ttl", "@prefix ex: <https://example.org/> .\nex:a ex:p ex:b .\nex:a ex:p .\n", 3),
    ("bad.nt", '<https://example.org/a> <https://example.org/p> "x" .\n<https://example.org/a> "p" "y" .\n', 2),
    ("bad.jsonld", '{\n  "@id": "https://example.org/a",\n  "https://example.org/p": [1, 2,\n}\n', 4),
])
def test_a_syntax_error_names_the_file_and_the_line(tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        rdf.load(path)
    err = info.value
    assert err.file == str(path) and err.line == line
    assert f"{path}, line {line}: RDF syntax error" in str(err)


def test_a_remote_json_ld_context_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "https://schema.org/", "@id": "https://example.org/a", "name": "x"}',
                    encoding="utf-8")
    with pytest.raises(LoadError, match="context inline"):
        rdf.load(path)


def test_an_unknown_extension_lists_the_valid_ones(tmp_path):
    path = tmp_path / "graph.rdfx"
    path.write_text("", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        rdf.load(path)
    assert info.value.found == ".rdfx"
    for ext in (".ttl", ".nt", ".jsonld", ".json"):
        assert ext in str(info.value)


def test_an_explicit_format_overrides_the_extension(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text(TURTLE, encoding="utf-8")
    assert rdf.load(path, format="turtle", source_id="x").records == 4
    with pytest.raises(LoadError, match="unknown RDF format"):
        rdf.load(path, format="rdf/xml")


def test_a_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(LoadError, match="file not found"):
        rdf.load(tmp_path / "absent.ttl")


def test_parse_takes_text_or_bytes():
    assert len(list(rdf.parse(TURTLE, "turtle"))) == 4
    assert len(list(rdf.parse(NTRIPLES.encode("utf-8"), "nt"))) == 4
    assert len(list(rdf.parse(JSONLD, "json-ld"))) == 4


def test_the_seed_round_trips_through_a_turtle_file(tmp_path):
    original = seed.graph(seed.read_documents())
    path = tmp_path / "seed.ttl"
    original.serialize(path, format="turtle", encoding="utf-8")
    store = Store.in_memory([rdf.load(path, source_id="seed-copy")])
    assert isomorphic(_graph(store, "seed-copy"), original)
