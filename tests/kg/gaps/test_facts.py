"""Finding a committee by IRI, key or name; the territorial scope of a committee."""

from __future__ import annotations

import pytest

from tests.kg.gaps.builder import Builder
from kg.errors import QueryError
from kg.gaps import committees, resolve_committee
from kg.gaps.facts import territory_scope
from kg.namespaces import entity


@pytest.fixture(scope="module")
def store():
    b = Builder()
    t = b.france()
    b.committee("nord", "Comité local préfigurateur du Nord", t["nord"])
    b.committee("la-reunion", "Comité local préfigurateur de La Réunion")
    b.committee("lille", "Comité local de Lille", t["lille"])
    return b.store()


NORD = str(entity("committee", "nord"))


@pytest.mark.parametrize("text", [NORD, "nord", "Comité local préfigurateur du Nord", "préfigurateur du nord",
                                  "PREFIGURATEUR DU NORD", "Nord"])
def test_resolve(store, text):
    assert resolve_committee(store, text) == NORD


def test_resolve_by_accentless_label(store):
    assert resolve_committee(store, "reunion") == str(entity("committee", "la-reunion"))


def test_unknown_lists_close_matches(store):
    with pytest.raises(QueryError) as err:
        resolve_committee(store, "Comité local de Lile")
    assert "vouliez-vous dire" in str(err.value) and "Comité local de Lille" in str(err.value)


def test_unknown_iri(store):
    with pytest.raises(QueryError, match="not an anc:LocalCommittee"):
        resolve_committee(store, "https://w3id.org/ancrage/id/actor/cd59")


def test_ambiguous_lists_candidates(store):
    with pytest.raises(QueryError) as err:
        resolve_committee(store, "comité local")
    assert "plusieurs comités" in str(err.value) and "Lille" in str(err.value) and "Nord" in str(err.value)


def test_committees_listed_by_label(store):
    assert list(committees(store).values()) == ["Comité local de Lille", "Comité local préfigurateur de La Réunion",
                                                "Comité local préfigurateur du Nord"]


def test_scope_follows_nesting_both_ways(store):
    t = {k: str(v) for k, v in Builder().france().items()}
    scope = territory_scope(store, t["nord"])
    assert scope.where(t["nord"]) == "same"
    assert scope.where(t["lille"]) == "inside" and scope.where(t["mel"]) == "inside"
    assert scope.where(t["hdf"]) == "above" and scope.where(t["fr"]) == "national"
    assert scope.where(t["pdc"]) is None and scope.where(t["arras"]) is None and scope.where(t["doubs"]) is None


def test_scope_of_a_project_territory():
    from kg.namespaces import ANC

    b = Builder()
    t = b.france()
    bv = b.territory("territoire-projet", "bv-lille-roubaix", "Bassin de vie Lille-Roubaix", cls=ANC.ProjectTerritory)
    b.g.add((bv, ANC.madeOf, t["lille"]))
    b.g.add((bv, ANC.madeOf, t["roubaix"]))
    store = b.store()
    scope = territory_scope(store, str(bv), [str(t["lille"]), str(t["roubaix"])])
    assert scope.where(str(bv)) == scope.where(str(t["lille"])) == scope.where(str(t["roubaix"])) == "same"
    assert scope.where(str(t["mel"])) == "above" and scope.where(str(t["nord"])) == "above"
    assert scope.where(str(t["arras"])) is None and scope.where(str(t["pdc"])) is None
