"""Territorial authorities as actors (loaders/collectivites.py): councils, EPCI, communes derived
from the COG; the CCAS presumed where the law makes one mandatory; one actor per institution;
the synthetic generator minting the same councils; the actor card saying "présumé"."""

from __future__ import annotations

import pytest

from kg.store import Store
from loaders import cog, collectivites as col, synthetic as syn

ANC = "https://w3id.org/ancrage/def#"
P = "PREFIX anc: <https://w3id.org/ancrage/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


@pytest.fixture(scope="module")
def everything():
    return {a.key: a for a in col.authorities(cog.build_territories(cog.read_compact()))}


@pytest.fixture(scope="module")
def nord_store():
    return Store.in_memory([cog.load(departements=["59"]), col.load(departements=["59"])])


def test_nord_council_is_an_actor_on_departement_59(nord_store):
    rows = nord_store.select(P + """SELECT ?a ?name ?cat ?status WHERE {
        ?a anc:locatedIn ?t ; skos:prefLabel ?name ; anc:category ?cat ; anc:status ?status .
        ?t anc:inseeCode "59" ; anc:level <https://w3id.org/ancrage/concept/level/departement> }""").rows
    assert rows == [(col.actor_iri("departement/59"), "Département du Nord",
                     "https://w3id.org/ancrage/concept/category/collectivite-departement",
                     "https://w3id.org/ancrage/concept/status/derive")]


def test_a_commune_of_1500_inhabitants_and_more_has_a_presumed_ccas_a_smaller_one_none(nord_store, everything):
    assert everything["ccas/59350"].name == "CCAS de Lille"  # 236,000 inhabitants
    assert "ccas/59419" not in everything  # Mouchin, 1,491 inhabitants
    assert "commune/59419" in everything  # the commune itself is an actor all the same
    basis = nord_store.select(P + f"""SELECT ?b WHERE {{ <{col.actor_iri('ccas/59350')}> anc:statusBasis ?b ;
        anc:status <https://w3id.org/ancrage/concept/status/presume> FILTER(LANG(?b) = "fr") }}""").rows
    assert len(basis) == 1 and "L123-4" in basis[0][0] and "1 500" in basis[0][0]
    ref = cog.Reference.get()
    big = {t.code for t in ref.territories if t.level == cog.COMMUNE and t.parents[-1][1] == "59"
           and (t.population or 0) >= col.CCAS_THRESHOLD}
    presumed = {a.key.split("/")[1] for a in everything.values() if a.status == "presume" and a.key[5:7] == "59"}
    assert presumed == big and len(big) == 295


def test_every_council_epci_and_commune_is_an_actor_once(everything):
    ref = cog.Reference.get()
    counts = {lvl: sum(1 for t in ref.territories if t.level == lvl) for lvl in cog.LEVELS}
    kinds = {}
    for a in everything.values():
        kinds[a.key.split("/")[0]] = kinds.get(a.key.split("/")[0], 0) + 1
    assert kinds["region"] == counts["region"] - 1  # Mayotte's région is its Département
    assert kinds["departement"] == counts["departement"] - 6  # 2A, 2B, 972, 973, 75, 68
    assert kinds["intercommunalite"] == counts["intercommunalite"]
    assert everything["intercommunalite/200093201"].siren == "200093201"  # the EPCI keeps its SIREN
    assert len({a.iri for a in everything.values()}) == len(everything)


def test_one_actor_per_institution_where_one_governs_several_territories(everything):
    assert everything["region/94"].name == "Collectivité de Corse"
    assert set(everything["region/94"].categories) == {"collectivite-region", "collectivite-departement"}
    assert "departement/2A" not in everything and "departement/2B" not in everything
    assert everything["departement/67"].located == (("departement", "67"), ("departement", "68"))
    assert everything["commune/75056"].name == "Ville de Paris" and "departement/75" not in everything
    assert everything["ccas/75056"].name.startswith("Centre d'action sociale de la Ville de Paris")
    lyon = everything["intercommunalite/200046977"]
    assert "collectivite-departement" in lyon.categories and "departement/69" in everything
    assert col.council_key("departement", "2A") == "region/94"
    assert "collectivite-outre-mer/984" not in everything  # TAAF: a prefect, no council


def test_labels_use_the_right_article(everything):
    names = {k: everything[k].name for k in ("departement/13", "departement/80", "departement/01", "departement/974",
                                             "commune/76351", "region/04")}
    assert names == {"departement/13": "Département des Bouches-du-Rhône", "departement/80": "Département de la Somme",
                     "departement/01": "Département de l'Ain", "departement/974": "Département de La Réunion",
                     "commune/76351": "Commune du Havre", "region/04": "Région Réunion"}


def test_build_has_the_territorial_actors_in_their_own_graph():
    from kg.build import default_steps

    assert [name for name, _ in default_steps()] == ["ontology", "seed", "cog", "collectivites"]
    assert [name for name, _ in default_steps(territories=False)] == ["ontology", "seed"]
    src = col.load(departements=["2A"])
    assert str(src.graph) == "https://w3id.org/ancrage/graph/collectivites"
    assert "présumés" in src.description and src.path.endswith("cog.json.gz")
    iris = col.described(src.lines())  # what the synthetic generator then leaves to this source
    assert col.actor_iri("region/94") in iris and col.actor_iri("ccas/2A004") in iris and len(iris) == src.records


def test_a_council_the_seed_already_names_is_not_minted_twice():
    from kg.build import default_sources

    sources = {s.id: s for s in default_sources(departements=["59"])}
    text = "".join(line if isinstance(line, str) else line.decode() for line in sources["collectivites"].lines())
    assert col.actor_iri("departement/59") not in text  # the seed's "Département du Nord" is the council
    assert col.actor_iri("commune/59350") in text and col.actor_iri("ccas/59350") in text
    assert col.actor_iri("region/32") in text  # the seed does not name the Hauts-de-France council
    assert "departement-nord" in "".join(x if isinstance(x, str) else x.decode() for x in sources["seed"].lines())


# -- one definition: the synthetic generator mints the same councils --------------------------

def test_synthetic_councils_are_the_territorial_actors():
    geo = syn.Geography.tiny()
    spec = syn.Spec(actors=600, relations=1_000, committees=2, seed=1)
    text = "".join(syn.generate(geo, spec))
    nord = col.actor_iri("departement/59")
    lines = [line for line in text.splitlines() if line.startswith(f"<{nord}>")]
    expected = list(col.ntriples(col.authorities([cog.Territory("departement", "59", "Nord")])[0]))
    assert set(expected) <= set(lines)  # the same description, word for word
    assert "Conseil départemental — Nord" not in text
    assert "".join(syn.generate(geo, spec, describe_councils=frozenset())) == text  # none described elsewhere
    bare = "".join(syn.generate(geo, spec, describe_councils=False))
    nord_lines = [line for line in bare.splitlines() if line.startswith(f"<{nord}>")]
    assert nord_lines and all("#world>" in x or "/identifier>" in x for x in nord_lines)
    # the rest of the graph is the same
    described = [line for line in text.splitlines()
                 if ("/actor/collectivite/" in line.split(" ")[0] and "#world>" not in line and "/identifier>" not in line)
                 or "collectivites" in line.split(" ")[0]]
    assert len(bare.splitlines()) == len(text.splitlines()) - len(described)
    assert sum("collectivites" in line.split(" ")[0] for line in described) == len(col.provenance())


def test_national_synthetic_geography_gives_no_council_to_a_territory_governed_by_another():
    geo = syn.load_geography(["2A", "2B", "59"])
    councils = syn._councils(geo)  # noqa: SLF001
    deps = [geo.departements[i].code for i in councils["collectivite-departement"]]
    assert deps == ["59"]


# -- the explorer's card ---------------------------------------------------------------------------

def test_the_actor_card_says_presumed_and_why(nord_store_with_ontology):
    from kg.app import model

    fr = model.actor_card(nord_store_with_ontology, col.actor_iri("ccas/59350"), "fr")
    en = model.actor_card(nord_store_with_ontology, col.actor_iri("ccas/59350"), "en")
    assert (fr["status"], en["status"], fr["status_code"]) == ("Présumé", "Presumed", "presume")
    assert "L123-4" in fr["status_basis"] and "Présumé" in fr["status_basis"]
    assert "Presumed" in en["status_basis"]
    epci = model.actor_card(nord_store_with_ontology, col.actor_iri("intercommunalite/200093201"), "fr")
    assert epci["status"] == "Dérivé du référentiel" and epci["identifiers"] == [("siren", "200093201")]


@pytest.fixture(scope="module")
def nord_store_with_ontology():
    from kg.ontology import ontology_source

    return Store.in_memory([ontology_source(), cog.load(departements=["59"]), col.load(departements=["59"])])
