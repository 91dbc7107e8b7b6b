"""Imports that say what they replace: named graphs replaced only on purpose, hidden rows and
sheets of a workbook warned, counts that add up."""

from __future__ import annotations

import io

from kg.namespaces import graph_iri
from kg.store import Store

from .conftest import import_files, run_cli, snapshot, version

ACTORS = "id;nom;categorie;territoire\ncaf59;CAF du Nord;CAF;59\nccas-lille;CCAS de Lille;Commune / CCAS;59350\n"
OTHER = "id;nom;categorie;territoire\nudaf59;UDAF du Nord;federation;59\n"


def _labels(store_dir, source_id: str) -> set[str]:
    s = Store.open(store_dir)
    return {r[0] for r in s.select("SELECT ?l WHERE { ?a skos:prefLabel ?l }", graph=graph_iri(source_id)).rows}


def test_another_file_name_for_the_same_graph_is_refused_naming_both(store_dir, tmp_path):
    first = tmp_path / "Nord (v2)-acteurs.csv"
    first.write_text(ACTORS, encoding="utf-8")
    code, report = import_files(store_dir, first)
    assert code == 0 and report["written"] == ["import-nord-v2-acteurs"]
    before_version, before = version(store_dir), snapshot(store_dir)

    second = tmp_path / "nord-v2-acteurs.csv"
    second.write_text(OTHER, encoding="utf-8")
    code, report = import_files(store_dir, second)

    (p,) = report["problems"]
    assert (p["code"], p["severity"], p["file"], p["row"]) == ("source-collision", "error", "nord-v2-acteurs.csv", None)
    assert "Nord (v2)-acteurs.csv" in p["message"] and p["found"] == "nord-v2-acteurs.csv"
    assert "--replace" in p["expected"]
    assert code == 1 and report["written"] == []
    assert report["files"][0]["refused"] == 1 and report["files"][0]["kept"] == 0
    assert version(store_dir) == before_version and snapshot(store_dir) == before
    assert _labels(store_dir, "import-nord-v2-acteurs") == {"CAF du Nord", "CCAS de Lille"}


def test_the_same_file_name_replaces_and_says_so(store_dir, tmp_path):
    path = tmp_path / "nord-acteurs.csv"
    path.write_text(ACTORS, encoding="utf-8")
    assert import_files(store_dir, path)[0] == 0
    path.write_text(OTHER, encoding="utf-8")
    code, report = import_files(store_dir, path)
    assert code == 0 and report["written"] == ["import-nord-acteurs"]
    assert [(p["code"], p["severity"]) for p in report["problems"]] == [("source-replaced", "warning")]
    assert _labels(store_dir, "import-nord-acteurs") == {"UDAF du Nord"}


def test_replace_flag_replaces_under_another_name(store_dir, tmp_path):
    first = tmp_path / "Nord (v2)-acteurs.csv"
    first.write_text(ACTORS, encoding="utf-8")
    assert import_files(store_dir, first)[0] == 0
    second = tmp_path / "nord-v2-acteurs.csv"
    second.write_text(OTHER, encoding="utf-8")
    code, report = import_files(store_dir, second, extra=("--replace",))
    assert code == 0 and [p["code"] for p in report["problems"]] == ["source-replaced"]
    assert "Nord (v2)-acteurs.csv" in report["problems"][0]["message"]
    assert _labels(store_dir, "import-nord-v2-acteurs") == {"UDAF du Nord"}


def test_two_files_of_one_import_for_the_same_graph_count_as_refused(store_dir, tmp_path):
    (tmp_path / "a").mkdir()
    first, second = tmp_path / "Nord (v2)-acteurs.csv", tmp_path / "a" / "nord-v2-acteurs.csv"
    first.write_text(ACTORS, encoding="utf-8")
    second.write_text(OTHER, encoding="utf-8")
    code, report = import_files(store_dir, first, second)
    assert code == 1
    assert [(p["code"], p["file"]) for p in report["problems"]] == [("duplicate-source", "nord-v2-acteurs.csv")]
    assert [(f["kept"], f["refused"]) for f in report["files"]] == [(2, 0), (0, 1)]


def _workbook(hide_sheet: bool, hidden_rows: tuple[int, ...]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "acteurs"
    ws.append(["id", "nom", "categorie", "territoire"])
    ws.append(["caf59", "CAF du Nord", "CAF", "59"])
    ws.append(["ccas-lille", "CCAS de Lille", "Commune / CCAS", "59350"])
    ws.append(["udaf59", "UDAF du Nord", "federation", "59"])
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    comites = wb.create_sheet("comites")
    comites.append(["id", "nom", "territoire"])
    comites.append(["clts59", "Comité local du Nord", "59"])
    if hide_sheet:
        comites.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_hidden_rows_and_sheets_are_warned(store_dir, tmp_path):
    path = tmp_path / "classeur.xlsx"
    path.write_bytes(_workbook(True, (3,)))
    code, report = import_files(store_dir, path)
    assert code == 0
    assert [(p["code"], p["severity"], p["sheet"], p["row"]) for p in report["problems"]] == [
        ("hidden-row", "warning", "acteurs", 3), ("hidden-sheet", "warning", "comites", None)]
    assert "masquée" in report["problems"][0]["message"]
    assert report["files"][0]["kept"] == 4  # what is hidden is still imported, and said


def test_a_visible_workbook_has_no_warning(store_dir, tmp_path):
    path = tmp_path / "classeur.xlsx"
    path.write_bytes(_workbook(False, ()))
    code, report = import_files(store_dir, path)
    assert code == 0 and report["problems"] == []


def test_rows_past_the_limit_are_counted_as_refused(store_dir, tmp_path, monkeypatch):
    from loaders import tabular_read

    monkeypatch.setattr(tabular_read, "MAX_ROWS", 5)
    path = tmp_path / "long-acteurs.csv"
    path.write_text("id;nom;categorie\n" + "".join(f"a{i};Association {i};federation\n" for i in range(8)),
                    encoding="utf-8")
    code, report = import_files(store_dir, path)
    assert code == 1
    (p,) = report["problems"]
    assert (p["code"], p["row"]) == ("too-many-rows", 7) and "3 ligne(s)" in p["message"]
    (f,) = report["files"]
    assert (f["kept"], f["refused"], f["sheets"][0]["rows"]) == (5, 3, 8)
    from loaders import tabular

    assert tabular.check_files([path]).summary() == ("long-acteurs.csv : 5 ligne(s) retenue(s), 3 refusée(s) ; "
                                                     "1 erreur(s), 0 avertissement(s)")
    result = run_cli("import", path, "--store", store_dir, "--dry-run")
    assert any(line.split() == ["│", "long-acteurs.csv", "│", "import-long-acteurs", "│", "5", "│", "3", "│"]
               for line in result.output.splitlines()), result.output

    xlsx = tmp_path / "long.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "acteurs"
    wb.active.append(["id", "nom", "categorie"])
    for i in range(8):
        wb.active.append([f"b{i}", f"Association {i}", "federation"])
    wb.save(xlsx)
    code, report = import_files(store_dir, xlsx)
    assert [(f["kept"], f["refused"]) for f in report["files"]] == [(5, 3)]


def test_lines_lost_to_an_unclosed_quote_are_counted_as_refused(store_dir):
    from .conftest import CORPUS

    code, report = import_files(store_dir, CORPUS / "guillemet-non-ferme-acteurs.csv")
    (f,) = report["files"]
    assert (f["kept"], f["refused"], f["sheets"][0]["rows"]) == (2, 2, 4)
    assert "2 ligne(s)" in report["problems"][0]["message"]
