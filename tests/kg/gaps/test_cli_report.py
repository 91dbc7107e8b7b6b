"""`ancrage gaps` through the CLI runner on a real on-disk store; the Markdown, JSON and CSV reports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.kg.gaps.builder import Builder, full_committee
from kg.cli import app
from kg.gaps import check, gaps_of, read_facts, suggest
from kg.gaps.composition import store_labeler
from kg.gaps.report import suggestions_csv, to_markdown
from kg.namespaces import ANC

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    b = Builder()
    t = b.france()
    full_committee(b, t)
    small = b.committee("lille", "Comité local de Lille", t["lille"])
    for key in ("ts", "cadres", "ccas"):
        a = b.actor(f"lille-{key}", f"Membre {key} de Lille", {"ts": ["travailleurs-sociaux"],
                    "cadres": ["encadrement-employeurs"], "ccas": ["collectivite-commune"]}[key], t["lille"],
                    cls=ANC.Group if key != "ccas" else ANC.Organisation)
        b.member(a, small)
    b.actor("caf-lille", "CAF | antenne de Lille", ["protection-sociale"], t["lille"])
    b.actor("formule", "=HYPERLINK(\"x\") association", ["association-caritative"], t["lille"])
    folder = tmp_path_factory.mktemp("store")
    b.disk_store(folder)
    return folder


def test_markdown_report_in_french_by_default(store_dir, tmp_path):
    out = tmp_path / "rapport.md"
    result = runner.invoke(app, ["gaps", "lille", "--md", "-o", str(out), "--store", str(store_dir)])
    assert result.exit_code == 1, result.output  # R1 fails: exit 1 = ran fine, found problems
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Comité local de Lille — composition du comité")
    for rule in (f"R{i}" for i in range(1, 11)):
        assert f"### {rule} — " in text
    assert "Partenaires à solliciter" in text and "CAF \\| antenne de Lille" in text
    assert "[section 7.1](https://w3id.org/ancrage/id/section/seminaire-2018-s7-1)" in text


def test_markdown_report_in_english(store_dir):
    result = runner.invoke(app, ["gaps", "lille", "--md", "--lang", "en", "--store", str(store_dir)])
    assert "committee composition" in result.stdout and "Partners to approach" in result.stdout
    assert "composition du comité" not in result.stdout


def test_json_output(store_dir):
    result = runner.invoke(app, ["gaps", "Comité local de Lille", "--json", "--store", str(store_dir)])
    data = json.loads(result.stdout)
    assert data["report"]["committee"].endswith("/committee/lille")
    assert {f["rule"] for f in data["report"]["findings"]} == {f"R{i}" for i in range(1, 13)}
    assert data["suggestions"] and all(s["score"] == pytest.approx(sum(s["parts"].values()), abs=1e-3)
                                       for s in data["suggestions"])
    assert any(g["key"] == "category:personnes-accompagnees" for g in data["gaps"])


def test_passing_committee_exits_zero_and_csv(store_dir, tmp_path):
    out = tmp_path / "suggestions.csv"
    result = runner.invoke(app, ["gaps", "nord", "--csv", str(out), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert header[:4] == ["rang", "acteur", "libelle", "score"]


def test_unknown_committee_lists_close_matches(store_dir):
    result = runner.invoke(app, ["gaps", "lile", "--store", str(store_dir)])
    assert result.exit_code == 2
    assert "comité introuvable" in result.output and "Comité local de Lille" in result.output


def test_csv_neutralises_formulas(store_dir):
    from kg.store import Store

    store = Store.open(store_dir)
    text = suggestions_csv(suggest(store, "lille", limit=None), "en")
    labels = [row["label"] for row in csv.DictReader(io.StringIO(text))]
    assert "'=HYPERLINK(\"x\") association" in labels


def test_report_groups_suggestions_by_gap(store_dir):
    from kg.store import Store

    store = Store.open(store_dir)
    report = check(store, "lille")
    sugg = suggest(store, "lille")
    text = to_markdown(report, sugg, "fr", gaps_of(read_facts(store, "lille"), store_labeler(store)))
    assert "### Par manque" in text
    line = next(l for l in text.splitlines() if l.startswith("- ") and "protection sociale" in l.lower())
    assert "[category; R4]" in line and "CAF | antenne de Lille" in line.replace("\\|", "|")
