"""Issue 14: local first, national bodies apart, one identity per institution, missing local candidates."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import OWL

from tests.kg.gaps.builder import Builder
from kg.gaps import check, suggest, suggestions
from kg.gaps.report import to_json, to_markdown
from kg.namespaces import entity


def A(key):
    return str(entity("actor", key))


def scene():
    """A Nord committee whose members are the Département's child-protection service and a CCAS."""
    b = Builder()
    t = b.france()
    c = b.committee("nord", "Comité local du Nord", t["nord"])
    cd = b.actor("cd59", "Département du Nord", ["collectivite-departement"], t["nord"], worlds=["social"])
    ase = b.actor("cd59-ase", "Département du Nord — aide sociale à l'enfance", ["collectivite-departement"],
                  t["nord"], part_of=cd)
    pmi = b.actor("cd59-pmi", "Département du Nord — PMI", ["collectivite-departement"], t["nord"], part_of=cd)
    b.actor("cd59-insertion", "Département du Nord — insertion", ["collectivite-departement", "elus"], t["nord"],
            part_of=cd)
    ccas = b.actor("ccas-lille", "CCAS de Lille", ["collectivite-commune"], t["lille"])
    twin = b.actor("ccas-lille-bis", "Centre communal d'action sociale de Lille", ["collectivite-commune", "elus"],
                   t["lille"])
    b.g.add((URIRef(twin), OWL.sameAs, URIRef(ccas)))
    for m in (ase, pmi, ccas):
        b.member(m, c)
    # local, above and national candidates for the same gap (federation)
    b.actor("udaf59", "UDAF du Nord", ["federation"], t["nord"])
    b.actor("uriopss", "URIOPSS Hauts-de-France", ["federation"], t["hdf"])
    b.actor("unaf", "UNAF", ["federation"], t["fr"])
    b.actor("dgcs", "Direction générale de la cohésion sociale", ["administration-centrale", "services-etat"],
            t["fr"], worlds=["social"])
    b.actor("hcts", "Haut conseil du travail social", ["instances-nationales", "formation"], t["fr"])
    b.actor("hcts-crpa", "Collège des personnes accompagnées du HCTS", ["instances-nationales"], t["fr"],
            part_of=URIRef(A("hcts")))
    return b


def test_local_before_containing_level_before_national():
    store = scene().store()
    got = suggest(store, "nord", limit=None)
    fed = [s.actor for s in got if "category:federation" in s.gaps]
    assert fed.index(A("udaf59")) < fed.index(A("uriopss"))
    assert A("unaf") not in fed  # a national body: only in its own list
    tiers = [{"same": 0, "inside": 0, "above": 1}[s.location] for s in got]
    assert tiers == sorted(tiers)


def test_national_bodies_only_in_their_own_list():
    found = suggestions(scene().store(), "nord", limit=None, national_limit=None)
    local = {s.actor for s in found.local}
    national = {s.actor for s in found.national}
    assert {A("unaf"), A("dgcs"), A("hcts")} <= national
    assert not local & national
    assert all(s.location == "national" for s in found.national)
    assert A("hcts-crpa") not in local


def test_never_the_same_institution_as_a_member_nor_its_parent_or_units():
    suggested = {s.actor for s in suggestions(scene().store(), "nord", limit=None, national_limit=None).local}
    for key in ("cd59", "cd59-insertion", "cd59-ase", "cd59-pmi", "ccas-lille", "ccas-lille-bis"):
        assert A(key) not in suggested, key


def test_r6_counts_seats_by_top_institution():
    finding = check(scene().store(), "nord").finding("R6")
    assert finding.severity in ("warning", "failure")
    assert finding.evidence["largest_institution"]["iri"] == A("cd59")
    assert finding.evidence["largest_institution_share"] >= 0.66


def test_missing_locally_names_the_kind_of_actor_expected_never_an_invented_one():
    store = scene().store()
    found = suggestions(store, "nord", limit=None)
    missing = {m.gap: m for m in found.missing}
    assert "category:protection-sociale" in missing  # no CAF, MSA or CPAM known on the territory
    assert "caisse d'allocations familiales du département" in missing["category:protection-sociale"].expected["fr"]
    assert "family-allowance fund" in missing["category:protection-sociale"].expected["en"]
    assert "category:federation" not in missing  # the UDAF is there
    report = check(store, "nord")
    md = to_markdown(report, found.local, "fr", national=found.national, missing=found.missing)
    assert "Manques sans candidat local connu" in md and "Relais nationaux" in md
    assert "Missing" not in md
    doc = to_json(report, found.local, national=found.national, missing=found.missing)
    assert '"missing_locally"' in doc and '"national_relays"' in doc


def test_score_parts_stay_visible():
    for s in suggest(scene().store(), "nord", limit=None):
        assert set(s.parts) == {"gap", "worlds", "level", "location", "proximity", "legitimacy"}
        assert abs(sum(s.parts.values()) - s.score) < 1e-3


def test_a_presumed_actor_is_suggested_as_presumed_not_as_known():
    """A CCAS the graph only presumes (CASF L123-4) says so in its reasons, in both languages."""
    from rdflib import Literal

    from kg.namespaces import ANC, concept

    b = Builder()
    t = b.france()
    c = b.committee("nord", "Comité local du Nord", t["nord"])
    b.member(b.actor("cd59", "Département du Nord", ["collectivite-departement"], t["nord"]), c)
    b.actor("udaf59", "UDAF du Nord", ["federation"], t["nord"])
    ccas = b.actor("ccas-lille", "CCAS de Lille", ["collectivite-commune"], t["lille"])
    b.g.add((ccas, ANC.status, concept("status", "presume")))
    b.g.add((ccas, ANC.statusBasis, Literal("commune de 1 500 habitants et plus (CASF L123-4)", lang="fr")))
    b.g.add((ccas, ANC.statusBasis, Literal("commune of 1,500 inhabitants and more (CASF L123-4)", lang="en")))
    found = {s.actor: s for s in suggestions(b.store(), "nord", limit=None).local}
    assert found[str(ccas)].reason("fr").startswith("acteur présumé, pas attesté (commune de 1 500 habitants")
    assert found[str(ccas)].reason("en").startswith("presumed actor, not attested (commune of 1,500")
    assert not any("présumé" in s.reason("fr") for a, s in found.items() if a != str(ccas))
