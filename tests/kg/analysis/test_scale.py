"""`ancrage analyse` on a graph of 10,000 actors and 100,000 relations, in one command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.kg.analysis.biggraph import lines
from kg.analysis import cache
from kg.sources import Source
from kg.store import Store, write_sources

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    write_sources(folder, [Source.from_ntriples("big", "Grand graphe de test", lines(10_000, 100_000))], fresh=True)
    return folder


def test_analyse_10k_actors_100k_relations(big_store, tmp_path):
    from kg.cli import app

    cache.clear_memory()
    out = tmp_path / "analyse.json"
    result = runner.invoke(app, ["analyse", "--store", str(big_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["nodes"] == 10_040  # 10,000 actors and 40 committees
    assert data["relations"] == 100_000
    assert data["methods"]["betweenness"]["method"] == "sampled"  # above the exact threshold
    assert data["sampled"] == ["betweenness"]
    assert "Mesures estimées : betweenness" in result.output
    assert len(data["actors"]["iri"]) == 10_040 and len(data["communities"]) > 1
    assert sum(map(sum, data["level_matrix"]["counts"])) > 0
    # the explorer reuses the result without recomputation
    again = __import__("kg.analysis", fromlist=["analyse"]).analyse(Store.open(big_store))
    assert again.from_cache and again.nodes == 10_040
