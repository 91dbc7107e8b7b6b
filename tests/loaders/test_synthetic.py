"""The synthetic national generator: deterministic, realistic proportions, real places, dense inside
a département, committees with members, valid N-Triples in the project's vocabulary."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import LoadError
from kg.store import Store
from loaders import synthetic as syn

GEO = syn.Geography.tiny()
SPEC = syn.Spec(actors=4_000, relations=20_000, committees=8, seed=3)
P = """PREFIX anc: <https://w3id.org/ancrage/def#> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#> PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def text():
    return "".join(syn.generate(GEO, SPEC))


@pytest.fixture(scope="module")
def store():
    return Store.in_memory([GEO.source(), syn.source(GEO, SPEC)])


def q(store, sparql):
    return store.select(P + sparql).rows


def test_same_seed_same_bytes_other_seed_other_graph(text):
    assert "".join(syn.generate(GEO, SPEC)) == text
    other = "".join(syn.generate(GEO, syn.Spec(SPEC.actors, SPEC.relations, SPEC.committees, seed=4)))
    assert other != text
    assert abs(len(other.splitlines()) - len(text.splitlines())) < 0.02 * len(text.splitlines())


def test_valid_ntriples_in_the_project_vocabulary(text):
    triples = list(ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == len(text.splitlines())
    predicates = {t.predicate.value for t in triples}
    assert "https://w3id.org/ancrage/def#locatedIn" in predicates
    assert "http://www.w3.org/ns/org#member" in predicates
    assert all(p.startswith(("https://w3id.org/ancrage/def#", "http://www.w3.org/", "https://schema.org/",
                             "http://purl.org/dc/terms/", "http://www.opengis.net/")) for p in predicates)


def test_exact_counts_of_actors_and_relations(store):
    assert q(store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ?t VALUES ?t { anc:Organisation anc:Group } }") == [(SPEC.actors,)]
    rel = q(store, "SELECT (COUNT(?r) AS ?n) WHERE { ?r a ?t VALUES ?t { anc:Membership anc:Partnership anc:InformationFlow } }")
    assert rel == [(SPEC.relations,)]


def test_categories_in_realistic_proportions(store):
    counts = dict(q(store, "SELECT ?c (COUNT(?a) AS ?n) WHERE { ?a anc:category ?c } GROUP BY ?c"))
    counts = {c.rsplit("/", 1)[1]: n for c, n in counts.items()}
    ranking = sorted(counts, key=counts.get, reverse=True)
    assert ranking[:3] == ["association-gestionnaire", "collectivite-commune", "association-caritative"]
    share = {name: s for name, s, *_ in syn.CATEGORIES}
    for name in ("collectivite-commune", "association-caritative", "developpement-social"):
        assert abs(counts[name] / SPEC.actors - share[name]) < 0.01
    # one conseil départemental per département at most, one per EPCI at most
    assert counts["collectivite-departement"] == len(GEO.departements)
    assert counts["collectivite-epci"] <= len(GEO.epcis)
    assert len(counts) >= len(syn.CATEGORIES) - 2  # national bodies: 0.02 % of 4,000 rounds to 0


def test_actors_sit_on_territories_of_the_reference(store):
    outside = q(store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a anc:locatedIn ?t FILTER NOT EXISTS { ?t a anc:Territory } }")
    assert outside == [(0,)]
    per_level = dict(q(store, """SELECT ?l (COUNT(?a) AS ?n) WHERE { ?a anc:locatedIn ?t . ?t anc:level ?l } GROUP BY ?l"""))
    assert per_level["https://w3id.org/ancrage/concept/level/commune"] > 0.8 * SPEC.actors
    # bigger communes hold more actors: Lille (236k inhabitants) > Gray (5k)
    lille, gray = (q(store, f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a anc:locatedIn <{syn.territory_iri('commune', c)[1:-1]}> }}")[0][0]
                   for c in ("59350", "70285"))
    assert lille > 5 * gray


def test_partnerships_denser_inside_a_departement(store):
    dep_of = """?x anc:locatedIn ?px . ?px geo:sfWithin* ?dx . ?dx anc:level <https://w3id.org/ancrage/concept/level/departement> ."""
    rows = q(store, f"""SELECT ?same (COUNT(DISTINCT ?p) AS ?n) WHERE {{
      ?p a anc:Partnership ; anc:participant ?a, ?b . FILTER(STR(?a) < STR(?b))
      {dep_of.replace('?x', '?a').replace('?px', '?pa').replace('?dx', '?da')}
      {dep_of.replace('?x', '?b').replace('?px', '?pb').replace('?dx', '?db')}
      BIND(?da = ?db AS ?same) }} GROUP BY ?same""")
    counts = {bool(s): n for s, n in rows}
    inside = counts[True] / (counts[True] + counts[False])
    # four départements: random pairs would be inside about a third of the time
    assert inside > 0.8


def test_heavy_tailed_degrees(store):
    degrees = [n for _a, n in q(store, "SELECT ?a (COUNT(?p) AS ?n) WHERE { ?p anc:participant ?a } GROUP BY ?a")]
    degrees.sort(reverse=True)
    mean = sum(degrees) / len(degrees)
    assert degrees[0] > 10 * mean  # hubs exist (conseils départementaux, CAF…)


def test_committees_with_members_on_their_territory(store):
    committees = q(store, "SELECT ?c ?t WHERE { ?c a anc:LocalCommittee ; anc:territory ?t }")
    assert len(committees) == min(SPEC.committees, len(GEO.departements) + len(GEO.epcis))
    for c, t in committees:
        members = q(store, f"""SELECT ?m ?role WHERE {{ ?x a anc:Membership ; org:organization <{c}> ;
                               org:member ?m ; org:role ?role ; schema:startDate ?d }}""")
        roles = Counter(r.rsplit("/", 1)[1] for _m, r in members)
        assert len(members) >= 10 and roles["porteur"] == 1
        away = q(store, f"""SELECT (COUNT(?m) AS ?n) WHERE {{
            ?x org:organization <{c}> ; org:member ?m ; org:role ?r . FILTER(?r != <https://w3id.org/ancrage/concept/role/appui-methodologique>)
            <{t}> geo:sfWithin* ?d . ?d anc:level <https://w3id.org/ancrage/concept/level/departement> .
            FILTER NOT EXISTS {{ ?m anc:locatedIn ?p . {{ ?p geo:sfWithin* ?d }} UNION {{ ?d geo:sfWithin* ?p }} }} }}""")
        assert away == [(0,)], f"{c} has members outside its département and the territories above it"


def test_people_receiving_support_are_groups_never_persons(store):
    assert q(store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a anc:PublicRolePerson }") == [(0,)]
    kinds = q(store, """SELECT DISTINCT ?k WHERE { ?a anc:category <https://w3id.org/ancrage/concept/category/personnes-accompagnees> ; a ?k }""")
    assert kinds == [("https://w3id.org/ancrage/def#Group",)]


def test_dates_are_valid_and_in_range(store):
    lo, hi = q(store, "SELECT (MIN(?d) AS ?lo) (MAX(?d) AS ?hi) WHERE { ?r schema:startDate ?d }")[0]
    assert str(lo) >= "2010-01-01" and str(hi) <= "2025-12-31"


def test_bad_settings_are_named():
    with pytest.raises(LoadError, match="field 'actors'.*found -5"):
        syn.Spec(actors=-5).check()
    with pytest.raises(LoadError, match="field 'inside_share'"):
        syn.Spec(inside_share=1.5).check()
    with pytest.raises(LoadError, match="unknown département.*found '99'"):
        GEO.restrict(["25", "99"])
    with pytest.raises(LoadError, match="commune in an unknown département.*12345: 99"):
        syn.Geography(GEO.regions, GEO.departements, GEO.epcis, GEO.communes + (syn.Commune("12345", "X", 1, "99", None),))


def test_from_reference_adapts_mappings():
    ref = {"regions": [{"code": "27", "nom": "BFC"}],
           "departements": [{"code": "25", "nom": "Doubs", "region": "27"}],
           "epcis": [{"code": "242500361", "nom": "GBM", "membres": [{"code": "25056"}]}],
           "communes": [{"code": "25056", "nom": "Besançon", "population": 119198, "departement": "25"}]}
    geo = syn.Geography.from_reference(ref)
    assert geo.communes[0].epci == "242500361" and geo.epcis[0].departements == ("25",)
    assert "".join(syn.generate(geo, syn.Spec(actors=50, relations=200, committees=1)))


def test_cli_writes_the_same_file(tmp_path):
    path = tmp_path / "g.nt"
    result = CliRunner().invoke(app, ["generate", "--reference", "tiny", "--actors", "300", "--relations", "1000",
                                      "--committees", "2", "--seed", "5", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == "".join(syn.generate(GEO, syn.Spec(300, 1000, 2, 5)))
    none = CliRunner().invoke(app, ["generate", "--reference", "tiny"])
    assert none.exit_code == 2 and "-o" in none.output


def test_cli_loads_into_the_store(tmp_path):
    result = CliRunner().invoke(app, ["generate", "--reference", "tiny", "--actors", "300", "--relations", "1000",
                                      "--committees", "2", "--store", "--store-path", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    store = Store.open(tmp_path / "s")
    assert store.named_graphs() == sorted([str(syn.source(GEO).graph), str(GEO.source().graph)])
    assert store.select(P + "SELECT (COUNT(*) AS ?n) WHERE { ?a a anc:Partnership }").rows[0][0] > 800
