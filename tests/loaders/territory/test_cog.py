"""The territorial reference in the store: counts, nesting, filtering, and what SPARQL answers."""

from __future__ import annotations

import collections

import pytest

from kg.errors import LoadError
from kg.namespaces import concept, entity, graph_iri
from kg.store import Store, write_sources
from loaders import cog

LVL = "PREFIX lvl: <https://w3id.org/ancrage/concept/level/>\n"
LEVEL_COUNTS = """
SELECT ?level (COUNT(?t) AS ?n) WHERE { ?t a anc:Territory ; anc:level ?l . BIND(STRAFTER(STR(?l), "/level/") AS ?level) }
GROUP BY ?level
"""


def test_counts_match_the_package(cog_store, compact):
    counts = dict(cog_store.select(LEVEL_COUNTS, graph=graph_iri("cog")).rows)
    # what the issue states for @etalab/decoupage-administratif 6.0.0 ...
    assert counts["region"] == 18 and counts["departement"] == 101
    assert counts["intercommunalite"] == 1255 and counts["commune"] == 34969
    # ... and what the compact copy itself lists, level by level
    assert counts == {"national": 1, "region": len(compact["regions"]), "departement": len(compact["departements"]),
                      "collectivite-outre-mer": len(compact["com"]), "intercommunalite": len(compact["epci"]),
                      "commune": len(compact["communes"]), "infra-communal": len(compact["arrondissements_municipaux"])}
    zones = collections.Counter(r[2] for r in compact["regions"])
    assert zones == {"metro": 13, "drom": 5}


def test_sparql_gives_the_epci_of_a_commune_and_the_region_of_a_departement(cog_store):
    epci = cog_store.select(LVL + """
        SELECT ?code ?name WHERE {
          ?c anc:inseeCode "65440" ; anc:level lvl:commune ; geo:sfWithin ?e .
          ?e anc:level lvl:intercommunalite ; anc:inseeCode ?code ; skos:prefLabel ?name }""").rows
    assert epci == [("200069300", "CA Tarbes-Lourdes-Pyrénées")]
    region = cog_store.select(LVL + """
        SELECT ?code ?name WHERE {
          ?d anc:inseeCode "2A" ; anc:level lvl:departement ; geo:sfWithin ?r .
          ?r anc:level lvl:region ; anc:inseeCode ?code ; skos:prefLabel ?name }""").rows
    assert region == [("94", "Corse")]
    # the whole chain of a commune of La Réunion, up to France
    chain = cog_store.select(LVL + """
        SELECT ?code WHERE { ?c anc:inseeCode "97411" ; anc:level lvl:commune ; geo:sfWithin+ ?t .
                             ?t anc:inseeCode ?code } ORDER BY ?code""").rows
    assert [c for (c,) in chain] == ["04", "249740119", "974", "FR"]


def test_every_territory_nests_where_it_should(cog_store, compact):
    def count(q):
        return cog_store.select(LVL + "SELECT (COUNT(*) AS ?n) WHERE { " + q + " }").rows[0][0]

    communes, depts = len(compact["communes"]), len(compact["departements"])
    # each current commune lies in exactly one département or COM
    assert count("?c anc:level lvl:commune ; geo:sfWithin ?d . ?d anc:level lvl:departement") + count(
        "?c anc:level lvl:commune ; geo:sfWithin ?d . ?d anc:level lvl:collectivite-outre-mer") == communes
    assert count("SELECT DISTINCT ?c WHERE { ?c anc:level lvl:commune ; geo:sfWithin ?d . "
                 "?d anc:level ?l FILTER(?l IN (lvl:departement, lvl:collectivite-outre-mer)) }") == communes
    # each département in exactly one région; each région and COM in France
    assert count("?d anc:level lvl:departement ; geo:sfWithin ?r . ?r anc:level lvl:region") == depts
    assert count("SELECT DISTINCT ?d WHERE { ?d anc:level lvl:departement ; geo:sfWithin ?r . "
                 "?r anc:level lvl:region }") == depts
    assert count("?r geo:sfWithin ?fr . ?fr anc:level lvl:national") == len(compact["regions"]) + len(compact["com"])
    # each EPCI within at least one département; each commune of an EPCI within it
    assert count("SELECT DISTINCT ?e WHERE { ?e anc:level lvl:intercommunalite ; geo:sfWithin ?d }") == len(
        compact["epci"])
    in_epci = count("?c anc:level lvl:commune ; geo:sfWithin ?e . ?e anc:level lvl:intercommunalite")
    assert in_epci == sum(1 for c in compact["communes"] if c[3])
    # the EPCI of a commune covers the commune's département
    assert count("?c anc:level lvl:commune ; geo:sfWithin ?e, ?d . ?e anc:level lvl:intercommunalite . "
                 "?d anc:level lvl:departement . ?e geo:sfWithin ?d") == sum(
        1 for c in compact["communes"] if c[3] and c[2] not in {x[0] for x in compact["com"]})
    # every sfWithin target is a territory of the graph (no dangling nesting)
    assert count("?t geo:sfWithin ?p") == count("?t geo:sfWithin ?p . ?p a anc:Territory")


def test_epci_spanning_two_departements_is_within_both(cog_store):
    rows = cog_store.select(LVL + """SELECT ?code WHERE { ?e anc:inseeCode "200006682" ; geo:sfWithin ?d .
                                                  ?d anc:inseeCode ?code } ORDER BY ?code""").rows
    assert rows == [("21",), ("71",)]


def test_populations_add_up(cog_store, compact):
    nord = sum(c[4] or 0 for c in compact["communes"] if c[2] == "59")
    rows = cog_store.select(LVL + """SELECT ?p WHERE { ?d anc:inseeCode "59" ; anc:level lvl:departement ;
                                               anc:population ?p }""").rows
    assert rows == [(nord,)] and nord > 2_000_000


def test_delegated_communes_are_not_territories_and_arrondissements_are_infra_communal(cog_store, compact):
    old = {c[0] for c in compact["anciennes_communes"]} - {c[0] for c in compact["communes"]}
    sample = sorted(old)[:50]
    values = " ".join(f'"{c}"' for c in sample)
    assert cog_store.select(LVL + f"SELECT ?t WHERE {{ VALUES ?code {{ {values} }} ?t anc:inseeCode ?code }}").rows == []
    rows = cog_store.select(LVL + """SELECT ?c WHERE { ?a anc:inseeCode "13201" ; anc:level lvl:infra-communal ;
                                               geo:sfWithin ?c }""").rows
    assert rows == [(str(entity("territory/commune", "13055")),)]


def test_names_with_apostrophes_accents_hyphens_query_exactly(cog_store):
    from kg.ntriples import nt_literal

    for name, level, code in (("Côte-d'Or", "departement", "21"), ("L'Haÿ-les-Roses", "commune", "94038"),
                              ("La Réunion", "region", "04"), ("La Réunion", "departement", "974")):
        rows = cog_store.select(f"""SELECT ?code WHERE {{ ?t skos:prefLabel {nt_literal(name, lang="fr")} ;
            anc:level <{concept("level", level)}> ; anc:inseeCode ?code }}""").rows
        assert rows == [(code,)], name


def test_iris_follow_the_contract(cog_store):
    for level, code in (("region", "84"), ("departement", "2A"), ("intercommunalite", "200054781"),
                        ("commune", "75056"), ("national", "FR"), ("collectivite-outre-mer", "975")):
        iri = str(entity(f"territory/{level}", code))
        assert cog_store.ask(f"ASK {{ <{iri}> a anc:Territory ; anc:level <{concept('level', level)}> }}"), iri
    assert str(entity("territory/departement", "2A")).endswith("/id/territory/departement/2A")


def test_source_metadata_names_package_version_licence(cog_store):
    rows = cog_store.select(LVL + """SELECT ?v ?lic ?src ?n WHERE { ?g anc:sourceId "cog" ; dct:hasVersion ?v ;
        dct:license ?lic ; dct:source ?src ; anc:recordCount ?n }""", graph=graph_iri("cog")).rows
    ((v, lic, src, n),) = rows
    assert v == "6.0.0" and "MIT" in lic and "decoupage-administratif" in src
    assert n == 1 + 18 + 101 + 8 + 1255 + 34969 + 45


def test_load_only_some_departements_and_regions(tmp_path, compact):
    src = cog.load(departements=["65"], regions=["94"])
    folder = tmp_path / "store"
    write_sources(folder, [src], fresh=True)
    s = Store.open(folder)
    counts = dict(s.select(LEVEL_COUNTS).rows)
    communes = [c for c in compact["communes"] if c[2] in ("65", "2A", "2B")]
    assert counts["commune"] == len(communes)
    assert counts["departement"] == 3 and counts["region"] == 2 and counts["national"] == 1
    assert counts["intercommunalite"] == len({c[3] for c in communes if c[3]})
    # names work as well as codes
    assert cog.load(departements=["Hautes-Pyrénées"]).records == cog.load(departements=["65"]).records


def test_unknown_departement_to_load_is_a_located_error():
    with pytest.raises(LoadError) as err:
        cog.load(departements=["99"])
    assert err.value.field == "departements" and err.value.found == "99"
    assert "2A" in err.value.expected


def test_broken_reference_file_is_a_located_error(tmp_path):
    bad = tmp_path / "cog.json.gz"
    bad.write_bytes(b"not gzip at all")
    with pytest.raises(LoadError) as err:
        cog.load(bad)
    assert err.value.file == str(bad)
