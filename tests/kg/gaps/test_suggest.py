"""Missing-partner suggestions: exclusions, a hand-computed ranking, determinism, explanations."""

from __future__ import annotations

import math

import pytest
from rdflib import Literal
from rdflib.namespace import FOAF, RDF

from tests.kg.gaps.builder import Builder
from kg.gaps import gaps_of, read_facts, suggest
from kg.namespaces import ANC, entity


def A(key):
    return str(entity("actor", key))


def scene():
    """A Nord committee with three members and candidates whose scores are computed by hand below."""
    b = Builder()
    t = b.france()
    c = b.committee("nord", "Comité local du Nord", t["nord"])
    m1 = b.actor("ts", "Travailleurs sociaux de Lille", ["travailleurs-sociaux"], t["lille"], cls=ANC.Group,
                 worlds=["social"])
    m2 = b.actor("pa", "Groupe ressource des allocataires du RSA", ["personnes-accompagnees"], t["nord"],
                 cls=ANC.Group, worlds=["social"])
    m3 = b.actor("cadres", "Cadres de l'action sociale du Nord", ["encadrement-employeurs"], t["nord"],
                 cls=ANC.Group, worlds=["social"])
    for m in (m1, m2, m3):
        b.member(m, c)
    # candidates
    caf = b.actor("caf", "CAF du Nord", ["protection-sociale"], t["nord"], worlds=["social"])
    b.partner(caf, m1)
    b.actor("cd59", "Département du Nord", ["collectivite-departement"], t["nord"], worlds=["social"])
    b.actor("uriopss", "URIOPSS Hauts-de-France", ["federation"], t["hdf"], worlds=["social"])
    b.actor("centre-social", "Centre social de Fives", ["developpement-social"], t["lille"], worlds=["animation"])
    msa = b.actor("msa", "MSA Nord-Pas-de-Calais", ["protection-sociale"], t["roubaix"], worlds=["social"])
    fondation = b.actor("fondation", "Fondation d'Arras", ["association-caritative"], t["arras"])
    b.partner(msa, fondation)
    b.partner(m3, fondation)
    b.actor("secours-b", "Secours B du Nord", ["association-caritative"], t["nord"], worlds=["social"])
    b.actor("secours-a", "Secours A du Nord", ["association-caritative"], t["nord"], worlds=["social"])
    # survey figures (legitimacy to initiate) and one that is not about legitimacy
    b.representation("dep-1", "collectivite-departement", 0.42, "1er choix")
    b.representation("dep-12", "collectivite-departement", 0.58, "1er et 2e choix")
    b.representation("fed", "federation", 0.37, "1er et 2e choix")
    b.representation("repondants-ts", "protection-sociale", 0.6, legitimacy=False)
    # never suggested
    b.actor("caf-62", "CAF du Pas-de-Calais", ["protection-sociale"], t["pdc"])  # outside the territory
    b.actor("univ-fc", "Université de Franche-Comté", ["universite-recherche"], t["doubs"])  # outside
    b.actor("sans-lieu", "Association sans territoire", ["federation"])  # no location: cannot be checked
    b.actor("jean", "Jean DUPONT", ["personnes-accompagnees"], t["nord"], cls=ANC.Group)  # an individual
    b.actor("pa-ind", "Allocataires du RSA de Lille", ["personnes-accompagnees"], t["lille"],
            cls=ANC.Organisation)  # people receiving support, but not as a group
    b.actor("prive", "Marie Durand", ["universite-recherche"], t["lille"], cls=ANC.PublicRolePerson)  # no role
    private = entity("actor", "voisin")
    b.g.add((private, RDF.type, FOAF.Person))
    b.g.add((private, ANC.category, entity("x", "y")))
    b.g.add((private, ANC.locatedIn, t["lille"]))
    b.g.add((private, FOAF.name, Literal("Paul Voisin")))
    b.committee("lille", "Comité de Lille", t["lille"])  # another committee: never a partner to recruit
    # a researcher in a public role may be suggested
    moine = b.actor("chercheur", "Chercheur de l'Université de Lille", ["universite-recherche"], t["lille"],
                    cls=ANC.PublicRolePerson)
    lab = b.actor("labo", "Laboratoire de Lille", ["universite-recherche"], t["lille"])
    b.member(moine, lab, role="membre")
    return b


@pytest.fixture(scope="module")
def store():
    return scene().store()


def test_hand_computed_ranking(store):
    got = suggest(store, "nord", limit=None)
    by_actor = {s.actor: s for s in got}
    aa = round(1 / math.log(2), 4)  # the Fondation has two partners: the MSA and a member
    expected = {
        # gap + worlds + level + location + proximity + legitimacy
        A("uriopss"): 2.0 + 0 + 0.5 + 0.5 + 0 + 0.37,       # federation (R4, R10), région level, above
        A("cd59"): 1.0 + 0 + 0 + 1.0 + 0 + 0.58,             # département, on the territory, 58 %
        A("msa"): 1.0 + 0 + 0 + 0.75 + round(0.5 * aa, 4) + 0,  # nested; one partner in common
        A("caf"): 1.0 + 0 + 0 + 1.0 + 0.25 + 0,             # already partner of one member
        A("secours-a"): 1.0 + 1.0,
        A("secours-b"): 1.0 + 1.0,
        A("centre-social"): 0.5 + 0.5 + 0 + 0.75,            # new world of Moine: animation
    }
    for actor, score in expected.items():
        assert by_actor[actor].score == pytest.approx(score, abs=1e-4), actor
        assert sum(by_actor[actor].parts.values()) == pytest.approx(by_actor[actor].score, abs=1e-3)
    order = [s.actor for s in got if s.actor in expected]
    # local first: on the territory or inside it by score, then the level above (the URIOPSS's
    # higher score does not lift it above a local actor)
    assert order == [A("cd59"), A("msa"), A("caf"), A("secours-a"), A("secours-b"), A("centre-social"),
                     A("uriopss")]
    assert [s.rank for s in got] == list(range(1, len(got) + 1))
    msa = by_actor[A("msa")]
    assert msa.common_partners == (A("fondation"),) and msa.adamic_adar == aa
    assert by_actor[A("caf")].direct_links == (A("ts"),)
    assert by_actor[A("caf")].legitimacy is None  # "respondents" figures are not legitimacy
    assert by_actor[A("cd59")].legitimacy["share"] == 0.58


def test_exclusions(store):
    suggested = {s.actor for s in suggest(store, "nord", limit=None)}
    members = {A("ts"), A("pa"), A("cadres")}
    assert not suggested & members
    assert str(entity("committee", "nord")) not in suggested
    assert str(entity("committee", "lille")) not in suggested
    for outside in ("caf-62", "univ-fc", "fondation", "sans-lieu"):
        assert A(outside) not in suggested, outside
    for private in ("jean", "pa-ind", "prive", "voisin"):
        assert A(private) not in suggested, private
    assert A("chercheur") in suggested  # a person with a public role recorded


def test_locations(store):
    by_actor = {s.actor: s for s in suggest(store, "nord", limit=None)}
    assert by_actor[A("cd59")].location == "same"
    assert by_actor[A("msa")].location == "inside"
    assert by_actor[A("uriopss")].location == "above"
    assert by_actor[A("msa")].territory_label == "Roubaix"


def test_explanations_in_both_languages(store):
    caf = next(s for s in suggest(store, "nord", limit=None) if s.actor == A("caf"))
    assert "catégorie absente" in caf.reasons["fr"] and "(R4)" in caf.reasons["fr"]
    assert "déjà lié à 1 membre (Travailleurs sociaux de Lille)" in caf.reasons["fr"]
    assert "already linked to 1 member" in caf.reasons["en"]
    dep = next(s for s in suggest(store, "nord", limit=None) if s.actor == A("cd59"))
    assert "58 % (1er et 2e choix)" in dep.reasons["fr"] and "58% (first and second choices)" in dep.reasons["en"]
    assert "choix" not in dep.reasons["en"]
    assert caf.gaps == ("category:protection-sociale",)


def test_deterministic():
    first = [s.to_dict() for s in suggest(scene().store(), "nord", limit=None)]
    second = [s.to_dict() for s in suggest(scene().store(), "nord", limit=None)]
    assert first == second
    ties = [s["actor"] for s in first if s["actor"] in (A("secours-a"), A("secours-b"))]
    assert ties == sorted(ties)


def test_limit_keeps_the_best(store):
    top3 = suggest(store, "nord", limit=3)
    assert [s.actor for s in top3] == [s.actor for s in suggest(store, "nord", limit=None)][:3]


def test_gaps_weighted_by_rule(store):
    facts = read_facts(store, "nord")
    gaps = gaps_of(facts)
    keys = [g.key for g in gaps]
    assert "category:personnes-accompagnees" not in keys  # a member already
    assert keys[:3] == ["category:elus", "category:federation", "category:representants-personnes-accompagnees"]
    assert [g.weight for g in gaps[:3]] == [2.0, 2.0, 2.0]
    assert "level:region" in keys and "level:departement" not in keys
    assert "world:social" not in keys and "world:animation" in keys


def test_committee_without_territory_gets_no_suggestion():
    b = Builder()
    t = b.france()
    b.committee("hors-sol", "Comité sans territoire")
    b.actor("caf", "CAF du Nord", ["protection-sociale"], t["nord"])
    assert suggest(b.store(), "hors-sol") == []
