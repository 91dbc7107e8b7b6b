"""Look-ups a founder's spreadsheet needs: by code, by name, "did you mean", parents."""

from __future__ import annotations

import pytest

from loaders.cog import Reference


@pytest.fixture(scope="module")
def ref():
    return Reference.get()


def test_loaded_once(ref):
    assert Reference.get() is ref


@pytest.mark.parametrize("text", ["Côte-d'Or", "cote d'or", "COTE-D'OR", "Côte d’Or", "côte  d or", "Cote-d-Or"])
def test_find_ignores_accents_case_hyphens_apostrophes(ref, text):
    assert [(t.level, t.code) for t in ref.find(text)] == [("departement", "21")]


def test_find_names_from_all_levels(ref):
    assert [t.code for t in ref.find("L'Hay-les-Roses")] == ["94038"]
    assert [(t.level, t.code) for t in ref.find("La Réunion")] == [("region", "04"), ("departement", "974"),
                                                                     ("commune", "47222")]
    assert [t.code for t in ref.find("Département de La Réunion")] == ["974"]
    assert [t.code for t in ref.find("Région Auvergne-Rhône-Alpes")] == ["84"]
    assert [t.code for t in ref.find("Communauté de communes Faucigny - Glières")] == ["200000172"]
    assert [t.code for t in ref.find("St-Étienne")] == ["42218"]
    assert ref.find("Nulle-Part-sur-Mer") == []


def test_by_code_reads_levels(ref):
    assert ref.by_code("84").name == "Vaucluse"
    assert ref.by_code("region/84").name == ref.by_code("R84").name == "Auvergne-Rhône-Alpes"
    assert ref.by_code("2a").name == "Corse-du-Sud"
    assert ref.by_code("200054781").name == "Métropole du Grand Paris"
    assert ref.by_code("FR").level == "national"
    assert ref.by_code("99999") is None


def test_suggest_close_names(ref):
    assert ref.suggest("Marseile")[0].code == "13055"
    assert ref.suggest("Hautes Pyrennees")[0].code == "65"
    assert ref.suggest("zzzzzzzz") == []


def test_parents_nearest_first(ref):
    assert [(t.level, t.code) for t in ref.parents("94038")] == [
        ("intercommunalite", "200054781"), ("departement", "94"), ("region", "11"), ("national", "FR")]
    assert [t.code for t in ref.parents("13201", "infra-communal")][:2] == ["13055", "200054807"]


def test_resolve_repairs_and_explains(ref):
    r = ref.resolve("2004")
    assert r.territory.code == "02004" and r.note == "zero-padded"
    r = ref.resolve("20004")
    assert r.territory is None and r.reason == "unknown-code" and [t.code for t in r.candidates] == ["2A004"]
    r = ref.resolve("Bellegarde-sur-Valserine")
    assert r.territory.code == "01033" and r.note == "former-commune" and r.former.kind == "deleguee"
    r = ref.resolve("Sainte-Colombe")
    assert r.territory is None and r.reason == "ambiguous" and len(r.candidates) == 12
    r = ref.resolve("Mayenne")
    assert (r.territory.level, r.note) == ("departement", "other-levels")
    assert ref.resolve("Mayenne", level="commune").territory.code == "53147"

