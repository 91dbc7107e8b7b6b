"""``ancrage import-rdf``: RDF files into the store through the privacy-checked RDF loader; the
quarantined triples listed (masked), the others written, the other graphs kept."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.sources import Source
from kg.store import Store, write_sources

runner = CliRunner()
LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
GOOD = f'<https://ex.org/a> {LABEL} "Association A"@fr .\n'
EMAIL = '<https://ex.org/a> <https://schema.org/email> "jean.dupont@exemple.fr" .\n'


def labels(store_folder) -> list[str]:
    return sorted(r[0] for r in Store.open(store_folder).select(f"SELECT ?l WHERE {{ ?s {LABEL} ?l }}").rows)


def test_personal_data_is_quarantined_and_listed_masked_the_rest_written(tmp_path):
    store = tmp_path / "store"
    write_sources(store, [Source.from_ntriples("other", "Other", [f'<https://ex.org/o> {LABEL} "Autre" .'])])
    (tmp_path / "partenaires.nt").write_text(GOOD + EMAIL, encoding="utf-8")
    result = runner.invoke(app, ["import-rdf", str(tmp_path / "partenaires.nt"), "--store", str(store), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["written"] and report["sources"][0]["graph"] == "rdf-partenaires"
    (problem,) = report["quarantined"]
    assert (problem["line"], problem["field"], problem["found"]) == (2, "https://schema.org/email", "je…@exemple.fr")
    assert "jean.dupont" not in result.output
    assert labels(store) == ["Association A", "Autre"]  # the other graph kept
    assert not Store.open(store).select("SELECT ?o WHERE { ?s <https://schema.org/email> ?o }").rows


def test_a_clean_file_exits_0_and_a_second_import_replaces_its_graph(tmp_path):
    store, path = tmp_path / "store", tmp_path / "g.ttl"
    path.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://ex.org/a> skos:prefLabel "V1" .\n',
                    encoding="utf-8")
    assert runner.invoke(app, ["import-rdf", str(path), "--store", str(store)]).exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("V1", "V2"), encoding="utf-8")
    result = runner.invoke(app, ["import-rdf", str(path), "--store", str(store), "--lang", "en"])
    assert result.exit_code == 0 and "Imported" in result.output
    assert labels(store) == ["V2"]


def test_a_syntax_error_writes_nothing_and_names_the_line(tmp_path):
    store = tmp_path / "store"
    write_sources(store, [Source.from_ntriples("other", "Other", [f'<https://ex.org/o> {LABEL} "Autre" .'])])
    version = Store.open(store).version
    (tmp_path / "ok.nt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.nt").write_text(GOOD + "<https://ex.org/a> <https://ex.org/p> .\n", encoding="utf-8")
    result = runner.invoke(app, ["import-rdf", str(tmp_path / "ok.nt"), str(tmp_path / "bad.nt"), "--store", str(store)])
    assert result.exit_code == 2 and "bad.nt" in result.output and "line 2" in result.output
    assert "Traceback" not in result.output and Store.open(store).version == version


def test_dry_run_writes_nothing_and_id_takes_one_file(tmp_path):
    store = tmp_path / "store"
    (tmp_path / "a.nt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["import-rdf", str(tmp_path / "a.nt"), "--store", str(store), "--dry-run"])
    assert result.exit_code == 0 and not Store.exists(store)
    result = runner.invoke(app, ["import-rdf", str(tmp_path / "a.nt"), str(tmp_path / "a.nt"), "--id", "x",
                                 "--store", str(store)])
    assert result.exit_code == 2 and "--id" in result.output
