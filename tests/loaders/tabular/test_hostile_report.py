"""Cells holding formulas or console markup: the import and the file check print them as they
are (no Rich ``MarkupError`` after the write), the problems report (``;``, BOM, for Excel)
never hands a formula back to a spreadsheet, and later queries print the stored names."""

from __future__ import annotations

import json

from hostile import formula_cells

from .conftest import run_cli

ROWS = [
    ("a1", "[/]", "federation", ""),
    ("a2", "[bold]x", "federation", ""),
    ("a3", "<script>alert(1)</script>", "federation", "[/] note"),
    ("a4", "=cmd|' /C calc'!A0", "federation", ""),
    ("a5", "@SUM(1)", "federation", ""),
    ("a6", "Association", "federation", '=HYPERLINK("http://127.0.0.1:9/x","clic")'),
    ("a7", "+A1", "federation", ""),
    ("a8", "-1+1", "federation", ""),
    ("a9", "Asso [/]", "inconnue [/]", ""),
]
REFUSED_FORMULAS = ["=cmd|' /C calc'!A0", "@SUM(1)", '=HYPERLINK("http://127.0.0.1:9/x","clic")']
KEPT = ["[/]", "[bold]x", "<script>alert(1)</script>", "+A1", "-1+1"]


def hostile_file(folder):
    path = folder / "hostile-acteurs.csv"
    lines = ["id;nom;categorie;territoire;note"] + [f"{i};{n};{c};65;{note}" for i, n, c, note in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_report(path) -> None:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # still made for Excel
    text = raw.decode("utf-8-sig")
    assert formula_cells(text, ";") == []
    for formula in REFUSED_FORMULAS:  # still reported, as text
        assert formula.replace('"', '""') in text
    assert "inconnue [/]" in text


def test_import_prints_markup_as_it_is_and_reports_no_formula(store_dir, tmp_path):
    path = hostile_file(tmp_path)
    report = tmp_path / "r.csv"
    result = run_cli("import", path, "--store", store_dir, "--report", report)
    assert result.exit_code == 1, result.output  # rows refused, the others imported
    assert "inconnue [/]" in result.output and "Importé" in result.output
    check_report(report)

    # the names are stored, and every later table prints them
    query = ('SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l '
             'FILTER(STRSTARTS(STR(?s), "https://w3id.org/ancrage/id/actor/a")) } ORDER BY ?l')
    result = run_cli("query", query, "--store", store_dir)
    assert result.exit_code == 0, result.output
    for name in KEPT:
        assert name in result.output, name
    result = run_cli("query", query, "--store", store_dir, "--format", "csv")
    assert formula_cells(result.stdout) == []


def test_import_json_report_keeps_the_values_exactly(store_dir, tmp_path):
    path = hostile_file(tmp_path)
    result = run_cli("import", path, "--store", store_dir, "--dry-run", "--report", tmp_path / "r.json")
    assert result.exit_code == 1, result.output
    found = {p["found"] for p in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["problems"]}
    assert set(REFUSED_FORMULAS) | {"inconnue [/]"} <= found


def test_validate_files_prints_markup_as_it_is_and_reports_no_formula(tmp_path):
    path = hostile_file(tmp_path)
    report = tmp_path / "v.csv"
    result = run_cli("validate", path, "--report", report)
    assert result.exit_code == 1, result.output
    assert "inconnue [/]" in result.output
    check_report(report)
