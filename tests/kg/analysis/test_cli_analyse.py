"""`ancrage analyse` through the CLI runner on a real on-disk store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.kg.analysis.test_analysis import two_clusters
from kg.analysis import cache
from kg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    two_clusters().disk_store(folder)
    return folder


def test_tables_and_exact_statement(store_dir):
    cache.clear_memory()
    result = runner.invoke(app, ["analyse", "--store", str(store_dir), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "Toutes les mesures sont exactes." in result.output
    assert "Matrice multi-échelle" in result.output and "Acteurs partagés entre comités" in result.output
    assert "Gauche 1" in result.output  # the actor shared by both committees
    assert not (store_dir / "cache").exists()  # --no-cache writes nothing


def test_json_at_a_date_and_cache(store_dir):
    result = runner.invoke(app, ["analyse", "--store", str(store_dir), "--json", "--at", "01/10/2018"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["at"] == "2018-10-01" and data["shared_actors"] == []
    assert list((store_dir / "cache").glob("analysis--*.derived"))
    english = runner.invoke(app, ["analyse", "--store", str(store_dir), "--at", "2018-10-01", "--lang", "en"])
    assert "(cache)" in english.output and "Every measure is exact." in english.output


def test_bad_date_is_refused(store_dir):
    result = runner.invoke(app, ["analyse", "--store", str(store_dir), "--at", "31/02/2019"])
    assert result.exit_code == 2
    assert "--at" in result.output and "31/02/2019" in result.output
