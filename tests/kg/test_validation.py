"""`ancrage validate` tells the truth: every graph is validated with the context it refers to
(no false warning on the shipped data), and a real problem planted in any graph is reported with
the file and the place in it where a user fixes it."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from kg.cli import app
from kg.namespaces import ANC, concept, entity, graph_iri
from kg.ontology import ontology_source
from kg.sources import Source
from kg.store import Store, write_sources
from kg.validation import validate_store
from loaders import cog, seed

DEPARTEMENTS = ["974"]


@pytest.fixture(scope="module")
def shipped():
    return [ontology_source(), seed.load(), cog.load(departements=DEPARTEMENTS)]


def _graph(source: Source):
    from rdflib import Graph

    g = Graph()
    g.parse(data=b"".join(source.ntriple_chunks()).decode("utf-8"), format="nt")
    return g


def _replace(sources, source_id, change, **kw):
    """The sources with the graph of ``source_id`` changed by ``change(graph)``."""
    out = []
    for s in sources:
        if s.id == source_id:
            g = _graph(s)
            change(g)
            s = Source.from_rdflib(s.id, s.title, g, path=kw.get("path", s.path), licence=s.licence)
        out.append(s)
    return out


def _validate(tmp_path, sources):
    write_sources(tmp_path, sources, fresh=True)
    return validate_store(Store.open(tmp_path))


def test_the_shipped_data_has_no_problem_and_every_graph_is_shacl_validated(tmp_path, shipped):
    """Concepts sit in the ontology graph, territory codes in the COG graph: validated together,
    neither is reported missing (the 147 false warnings of issue 15)."""
    report = _validate(tmp_path, shipped)
    assert report.violations == []
    assert set(report.shacl_graphs) == {str(graph_iri(x)) for x in ("ontology", "seed", "cog")}


def test_a_problem_planted_in_the_seed_names_its_yaml_file_and_line(tmp_path, shipped):
    hcts = entity("actor", "hcts")
    bad = URIRef(str(concept("category", "federation")) + "-nope")
    sources = _replace(shipped, "seed", lambda g: g.add((hcts, ANC.category, bad)))
    report = _validate(tmp_path, sources)
    found = [v for v in report.violations if v.focus == str(hcts) and v.severity == "violation"]
    assert found and not report.ok
    record = next(r for r in seed.read_records(seed.read_documents()) if r.id == "hcts")
    assert {(v.graph, v.file, v.location) for v in found} == {
        (str(graph_iri("seed")), "actors.yaml", f"ligne {record.line}")}


def test_a_problem_planted_in_the_territorial_reference_names_the_territory(tmp_path, shipped):
    commune = entity("territory/commune", "97411")  # Saint-Denis (La Réunion)
    sources = _replace(shipped, "cog", lambda g: (g.remove((commune, ANC.population, None)),
                                                  g.add((commune, ANC.population, Literal("beaucoup")))))
    report = _validate(tmp_path, sources)
    found = [v for v in report.violations if v.focus == str(commune)]
    assert found and not report.ok
    assert all(v.graph == str(graph_iri("cog")) and v.location == "INSEE 97411" for v in found)


def test_a_problem_planted_in_the_ontology_graph_names_its_turtle_file(tmp_path, shipped):
    federation = concept("category", "federation")
    sources = _replace(shipped, "ontology", lambda g: g.remove((federation, SKOS.notation, None)))
    report = _validate(tmp_path, sources)
    found = [v for v in report.violations if v.focus == str(federation)]
    assert found
    assert {(v.graph, v.file) for v in found} == {(str(graph_iri("ontology")), "category.ttl")}


def test_a_problem_planted_in_an_import_names_its_file_sheet_and_id(tmp_path, shipped):
    actor, sheet = "https://w3id.org/ancrage/id/actor/caf-974", "https://w3id.org/ancrage/id/section/import-x-acteurs"
    lines = [f"<{actor}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ANC.Organisation}> .",
             f'<{actor}> <{SKOS.prefLabel}> "CAF de La Réunion"@fr .',
             f"<{actor}> <{ANC.category}> <{concept('category', 'protection-sociale')}> .",
             f"<{actor}> <{ANC.locatedIn}> <{entity('territory/departement', '974')}> .",
             f'<{actor}> <http://purl.org/dc/terms/identifier> "caf-974" .',
             f'<{actor}> <{ANC.memberCount}> "douze" .',
             f"<{actor}> <http://purl.org/dc/terms/source> <{sheet}> .",
             f"<{sheet}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ANC.SourceSection}> .",
             f'<{sheet}> <{ANC.sectionNumber}> "acteurs" .',
             f'<{sheet}> <http://purl.org/dc/terms/title> "acteurs" .',
             f"<{sheet}> <http://purl.org/dc/terms/isPartOf> <https://w3id.org/ancrage/id/document/import-x> ."]
    imported = Source.from_ntriples("import-x", "Import", lines, path="comite-974.xlsx")
    report = _validate(tmp_path, shipped + [imported])
    found = [v for v in report.violations if v.focus == actor]
    assert found and not report.ok
    assert {(v.graph, v.file, v.location) for v in found} == {
        (str(graph_iri("import-x")), "comite-974.xlsx", "feuille acteurs, id caf-974")}


def test_the_cli_prints_where_each_problem_is(tmp_path, shipped):
    hcts = entity("actor", "hcts")
    sources = _replace(shipped, "seed", lambda g: g.add((hcts, ANC.memberCount, Literal("cinquante-huit"))))
    write_sources(tmp_path, sources, fresh=True)
    result = CliRunner().invoke(app, ["validate", "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "[actors.yaml, ligne" in result.output and str(hcts) in result.output
    as_json = CliRunner().invoke(app, ["validate", "--store", str(tmp_path), "--json"])
    data = json.loads(as_json.stdout)
    assert any(v["file"] == "actors.yaml" and v["focus"] == str(hcts) for v in data["violations"])


def test_the_cli_says_zero_warnings_on_the_shipped_data(tmp_path, shipped):
    write_sources(tmp_path, shipped, fresh=True)
    result = CliRunner().invoke(app, ["validate", "--store", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "0 avertissement(s)/warning(s)" in result.output and "SHACL sur 3 graphe(s)" in result.output
