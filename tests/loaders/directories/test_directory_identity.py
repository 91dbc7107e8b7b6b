"""Issue 14: a directory load reports the actors the graph already knows under another id."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

FINESS = Path(__file__).parent / "fixtures" / "etalab-cs1100507-stock-20261105-0336.csv"


def test_a_finess_load_names_the_known_actor_with_the_same_finess_number(tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    known = tmp_path / "connus-acteurs.csv"
    known.write_text("id;nom;categorie;territoire;finess\n"
                     "glycines;Résidence Les Glycines;association-gestionnaire;59350;590000011\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(known), "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["import-directory", "finess", str(FINESS), "-d", "59", "--store", str(store),
                                 "--json", "--dry-run"])
    report = json.loads(result.stdout)
    (match,) = [m for m in report["looks_known"] if m["known"].endswith("/actor/glycines")]
    assert match["reason"] == "official-id" and match["detail"] == "finess:590000011"
    assert match["known_label"] == "Résidence Les Glycines"
    result = runner.invoke(app, ["import-directory", "finess", str(FINESS), "-d", "59", "--store", str(store),
                                 "--dry-run"])
    assert "Résidence Les Glycines" in result.stdout and "Fusionner" in result.stdout
