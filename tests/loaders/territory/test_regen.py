"""tools/regen_territories.py: what it keeps from a package, deterministically, and the shipped copy."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def regen():
    spec = importlib.util.spec_from_file_location("regen_territories", ROOT / "tools" / "regen_territories.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _package(folder: Path) -> Path:
    """A tiny package with the shapes of @etalab/decoupage-administratif's files."""
    data = folder / "package" / "data"
    data.mkdir(parents=True)
    regions = [{"code": "27", "nom": "Bourgogne-Franche-Comté", "chefLieu": "21231", "zone": "metro"},
               {"code": "975", "nom": "Saint-Pierre-et-Miquelon", "chefLieu": "97502", "zone": "com"}]
    departements = [{"code": "21", "region": "27", "nom": "Côte-d'Or", "chefLieu": "21231", "zone": "metro"},
                    {"code": "975", "region": "975", "nom": "Saint-Pierre-et-Miquelon", "chefLieu": "97502",
                     "zone": "com"}]
    epci = [{"code": "242100410", "nom": "Dijon Métropole", "type": "METRO", "populationMunicipale": 260000,
             "membres": [{"code": "21231", "nom": "Dijon"}]}]
    communes = [
        {"code": "21231", "nom": "Dijon", "departement": "21", "region": "27", "type": "commune-actuelle",
         "population": 159346},
        {"code": "21001", "nom": "Agencourt", "departement": "21", "region": "27", "type": "commune-actuelle"},
        {"code": "21002", "nom": "Ancienne", "departement": "21", "region": "27", "type": "commune-deleguee",
         "chefLieu": "21001"},
        {"code": "97502", "nom": "Saint-Pierre", "departement": "975", "region": "975", "type": "commune-actuelle",
         "population": 5500},
    ]
    for name, value in (("regions", regions), ("departements", departements), ("epci", epci), ("communes", communes)):
        (data / f"{name}.json").write_text(json.dumps(value), encoding="utf-8")
    return folder / "package"


def test_derive_keeps_current_communes_and_files_old_ones_apart(regen, tmp_path):
    out = regen.derive(_package(tmp_path), "9.9.9")
    assert out["regions"] == [["27", "Bourgogne-Franche-Comté", "metro", "21231"]]
    assert out["com"] == [["975", "Saint-Pierre-et-Miquelon"]]
    assert [d[0] for d in out["departements"]] == ["21"]
    assert out["communes"] == [["21001", "Agencourt", "21", "", None], ["21231", "Dijon", "21", "242100410", 159346],
                               ["97502", "Saint-Pierre", "975", "", 5500]]
    assert out["anciennes_communes"] == [["21002", "Ancienne", "deleguee", "21001"]]


def test_write_is_deterministic(regen, tmp_path):
    compact = regen.derive(_package(tmp_path), "9.9.9")
    a = regen.write(compact, tmp_path / "a").read_bytes()
    b = regen.write(compact, tmp_path / "b").read_bytes()
    assert a == b


def test_the_compact_copy_loads(regen, tmp_path):
    from loaders import cog

    target = regen.write(regen.derive(_package(tmp_path), "9.9.9"), tmp_path / "out")
    ref = cog.Reference(target)
    assert [(t.level, t.code) for t in ref.parents("21231")] == [
        ("intercommunalite", "242100410"), ("departement", "21"), ("region", "27"), ("national", "FR")]
    assert [(t.level, t.code) for t in ref.parents("97502")] == [("collectivite-outre-mer", "975"), ("national", "FR")]
    assert ref.resolve("Ancienne").territory.code == "21001"


def test_shipped_copy_matches_its_source_md():
    folder = ROOT / "data" / "territories"
    text = (folder / "SOURCE.md").read_text(encoding="utf-8")
    sha = re.search(r"sha256 `([0-9a-f]{64})`", text).group(1)
    assert hashlib.sha256((folder / "cog.json.gz").read_bytes()).hexdigest() == sha
    assert "@etalab/decoupage-administratif" in text and "6.0.0" in text and "MIT" in text
    assert (folder / "cog.json.gz").stat().st_size < 3_000_000
