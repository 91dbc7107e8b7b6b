"""The seed is faithful to its source (issue 15): what each statement is (observed, expected,
perceived, asked), who said it, the exact lines it rests on, and the corrections a careful reader
of the source document found. Each test names the line of the source it checks."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from kg import namespaces as ns
from kg.cli import app
from kg.errors import LoadError
from kg.namespaces import OBSERVED, concept, entity, observed_filter
from kg.ontology import ontology_source
from kg.store import Store, write_sources
from loaders import seed

STATUS = lambda code: str(concept("statement-status", code))  # noqa: E731
A = lambda key: str(entity("actor", key))  # noqa: E731


@pytest.fixture(scope="module")
def source():
    return seed.load()


@pytest.fixture(scope="module")
def store(source):
    return Store.in_memory([source])


def _one(store, query):
    return [r[0] if len(r) == 1 else tuple(r) for r in store.select(query).rows]


# ---------------------------------------------------------------------------------------------
# 1. Status and speaker
# ---------------------------------------------------------------------------------------------

def test_hcts_committee_flows_are_expectations_said_by_the_hcts(store):
    """l. 660-661: « Développer des interactions… » is an aim; l. 881-906 how the workshops see the links."""
    rows = store.select("""SELECT ?f ?status WHERE { ?f a anc:InformationFlow .
        OPTIONAL { ?f anc:statementStatus ?status } }""").rows
    assert len(rows) == 14 and {str(s) for _, s in rows} == {STATUS("attendu")}
    speakers = _one(store, "SELECT DISTINCT ?who WHERE { ?f a anc:InformationFlow ; prov:wasAttributedTo ?who }")
    assert A("hcts") in speakers
    observed = store.select(f"SELECT ?f WHERE {{ ?f a anc:InformationFlow . {observed_filter('f')} }}").rows
    assert observed == []


def test_flows_carry_no_production_the_source_never_ties_to_a_committee(store):
    carried = _one(store, "SELECT ?x WHERE { ?f a anc:InformationFlow ; anc:carries ?x . ?x a anc:Production }")
    assert carried == []


def test_every_statement_of_a_speaker_names_an_actor_of_the_seed(store):
    dangling = store.select("""SELECT ?s ?who WHERE { ?s prov:wasAttributedTo ?who
        FILTER NOT EXISTS { ?who a ?c } }""").rows
    assert dangling == []
    speakers = set(_one(store, "SELECT DISTINCT ?who WHERE { ?s prov:wasAttributedTo ?who }"))
    assert {A("hcts"), A("dgcs"), A("participants-seminaire-2018"), A("repondants-enquete-2017")} <= speakers


def test_every_statement_says_who_said_it(store):
    """A record without said_by is attributed to the speakers of the sections it cites."""
    silent = store.select("""SELECT ?s WHERE { ?s dct:source ?sec . ?sec a anc:SourceSection .
        FILTER NOT EXISTS { ?s prov:wasAttributedTo ?who } }""").rows
    assert silent == []
    # section 7.4 is the workshops': the committee of the Nord, cited from s6 and s8, is said by the HCTS
    # (s6) and by David Soubrié and the DGCS (s8); the workshop representation by the participants
    said = lambda iri: {str(w).rsplit("/", 1)[-1] for w in _one(store, f"SELECT ?w WHERE {{ <{iri}> prov:wasAttributedTo ?w }}")}  # noqa: E731
    assert said(entity("committee", "nord")) == {"hcts", "david-soubrie", "dgcs"}
    assert said(entity("representation", "liens-hcts-mouvement-interactif")) == {"participants-seminaire-2018"}


def test_survey_findings_are_perceptions_of_the_respondents(store):
    rows = store.select("""SELECT ?r ?status ?who ?holder WHERE { ?r anc:respondentsOf ?s ;
        anc:statementStatus ?status ; prov:wasAttributedTo ?who ; anc:heldBy ?holder }""").rows
    assert len(rows) >= 15
    assert {(str(s), str(w), str(h)) for _, s, w, h in rows} == {
        (STATUS("perception"), A("repondants-enquete-2017"), A("repondants-enquete-2017"))}


def test_tools_the_workshops_ask_for_are_requests(store):
    """l. 988-989: « Un annuaire des préfigureurs », « une plateforme collaborative »."""
    rows = _one(store, f"""SELECT ?p WHERE {{ ?p a anc:Production ; anc:statementStatus <{STATUS('demande')}> ;
        prov:wasAttributedTo <{A('participants-seminaire-2018')}> }}""")
    assert {str(p).rsplit("/", 1)[-1] for p in rows} == {"annuaire-prefigurateurs",
                                                         "plateforme-collaborative-prefigurateurs"}


def test_statuses_are_concepts_of_the_scheme_and_observed_is_the_default(store):
    used = set(_one(store, "SELECT DISTINCT ?s WHERE { ?x anc:statementStatus ?s }"))
    assert used <= {str(concept("statement-status", c)) for c in ns.SCHEMES["statement-status"]}
    g = seed.graph(seed.read_documents())
    hcts = entity("actor", "hcts")
    assert ns.is_observed(g, hcts) and not ns.is_observed(g, entity("flow", "hcts-vers-nord"))
    assert str(OBSERVED) == STATUS("observe")


# ---------------------------------------------------------------------------------------------
# 2. Citations a reader can check
# ---------------------------------------------------------------------------------------------

def test_every_passage_quotes_its_lines_and_belongs_to_a_section(store):
    text = seed.default_source_text()
    rows = store.select("""SELECT ?p ?start ?end ?quote ?sec WHERE { ?p a anc:SourcePassage ;
        anc:startLine ?start ; anc:endLine ?end ; anc:quote ?quote ; dct:isPartOf ?sec }""").rows
    assert len(rows) > 100
    for p, start, end, quote, sec in rows:
        expected = text.passage(int(start), int(end))
        assert str(quote) == expected.quote and str(sec) == str(seed.section_iri(expected.section))


def test_the_aim_of_two_way_interactions_is_quoted_on_the_flows(store):
    quotes = _one(store, f"""SELECT ?q WHERE {{ <{entity('flow', 'hcts-vers-nord')}> anc:passage ?p .
        ?p anc:quote ?q ; anc:startLine 660 }}""")
    assert quotes == ["Développer des interactions entre le national et le local dans les deux sens "
                      "(du local au national/du national au local)."]


def test_a_record_citing_lines_of_a_section_it_does_not_cite_is_refused():
    docs = seed.read_documents()
    docs["actors.yaml"] = docs["actors.yaml"] + [
        {"type": "organisation", "id": "x", "label": "X", "source": ["s2"], "lines": [660]}]
    with pytest.raises(LoadError) as info:
        list(seed.parse(docs))
    text = str(info.value)
    assert "actors.yaml" in text and "'x'" in text and "'lines'" in text and "660 in s6" in text


@pytest.mark.parametrize("lines,words", [([5000], "outside the document"), (["600-700"], "run over sections"),
                                         (["12-10"], "bad line reference")])
def test_a_bad_line_reference_is_refused(lines, words):
    docs = seed.read_documents()
    docs["actors.yaml"] = docs["actors.yaml"] + [
        {"type": "organisation", "id": "x", "label": "X", "source": ["s5", "s6"], "lines": lines}]
    with pytest.raises(LoadError) as info:
        list(seed.parse(docs))
    assert words in str(info.value) and "'lines'" in str(info.value)


def test_the_dgcs_no_longer_cites_section_1_which_never_names_it(store):
    """actors.yaml: the DGCS cited s1; the source first names it in s2 (l. 95, 113)."""
    sections = _one(store, f"SELECT ?s WHERE {{ <{A('dgcs')}> dct:source ?s }}")
    assert str(seed.section_iri("s1")) not in sections
    assert {str(seed.section_iri("s2")), str(seed.section_iri("s8"))} <= set(sections)


def test_paris_cites_the_venue_in_section_4_and_ile_de_france_is_context(store):
    paris = str(entity("territory/departement", "75"))
    sections = set(_one(store, f"SELECT ?s WHERE {{ <{paris}> dct:source ?s }}"))
    assert str(seed.section_iri("s4")) in sections and str(seed.section_iri("s1")) not in sections
    assert "Paris, le 21/09/2018" in _one(store, f"SELECT ?q WHERE {{ <{paris}> anc:passage/anc:quote ?q }}")
    idf = str(entity("territory/region", "11"))
    assert _one(store, f"SELECT ?s WHERE {{ <{idf}> dct:source ?s }}") == [str(ns.graph_iri("cog"))]


def test_a_territory_kept_as_context_cannot_also_cite_sections():
    docs = seed.read_documents()
    docs["territories.yaml"] = docs["territories.yaml"] + [
        {"level": "region", "code": "53", "label": "Bretagne", "context": "territorial-reference", "source": ["s2"]}]
    with pytest.raises(LoadError) as info:
        list(seed.parse(docs))
    assert "context" in str(info.value) and "'source'" in str(info.value)


# ---------------------------------------------------------------------------------------------
# 3. Corrections
# ---------------------------------------------------------------------------------------------

def _values(store, iri, prop):
    return _one(store, f"SELECT ?v WHERE {{ <{iri}> {prop} ?v }}")


def test_the_ten_missions_get_a_range_not_72_percent_each(store):
    """l. 572: « entre 72% et 91% de réponses favorables »."""
    r = entity("representation", "missions-avis-favorables")
    assert _values(store, r, "anc:shareMin") == [Decimal("0.72")]
    assert _values(store, r, "anc:shareMax") == [Decimal("0.91")]
    assert _values(store, r, "anc:share") == []


def test_norms_get_an_upper_bound_not_forty_percent(store):
    """l. 574: « un peu moins de 40% »."""
    r = entity("representation", "mission-referentiels-normes")
    assert _values(store, r, "anc:shareMax") == [Decimal("0.4")] and _values(store, r, "anc:share") == []


def test_the_28_percent_is_about_internal_reflection_bodies_not_a_mission(store):
    """l. 517: « 28 % d'instances de réflexion internes sur le travail social »."""
    about = _values(store, entity("representation", "instances-reflexion-internes"), "anc:about")
    assert about == [A("instances-reflexion-internes-signalees")]


def test_the_respondents_profile_is_not_a_representation(store):
    """l. 497-501 describe who answered, not what they think."""
    assert _one(store, "SELECT ?r WHERE { ?r anc:choice ?c FILTER(CONTAINS(?c, 'profil')) }") == []
    description = _values(store, A("repondants-enquete-2017"), "dct:description")
    assert any("60 % de travailleurs sociaux" in d for d in description)


def test_the_patsds_is_not_called_interministerial(store):
    labels = _one(store, f"SELECT ?l WHERE {{ <{entity('policy', 'patsds')}> ?p ?l FILTER(isLiteral(?l)) }}")
    assert labels and not any("interminist" in str(x).lower() for x in labels)


def test_ansa_supports_the_dgcs_and_is_not_a_member_of_the_working_group(store):
    """l. 113: « l'Agence nouvelle des solidarités actives, qui nous apporte un précieux soutien »."""
    assert _one(store, f"SELECT ?m WHERE {{ ?m org:member <{A('ansa')}> }}") == []
    partners = _one(store, f"""SELECT ?x WHERE {{ ?p a anc:Partnership ; anc:participant <{A('ansa')}> , ?x }}""")
    assert A("dgcs") in partners


def test_the_follow_up_committee_is_no_sub_unit(store):
    """l. 681: « Un comité de suivi qui se réunit régulièrement »: attached to nothing."""
    assert _values(store, A("comite-de-suivi-prefigurateurs"), "org:subOrganizationOf") == []


def test_residents_and_users_are_not_people_receiving_support(store):
    """l. 788 lists « les habitants, les usagers » apart from the « vivier de personnes accompagnées »; l. 733."""
    pa = str(concept("category", "personnes-accompagnees"))
    for key, public in (("habitants-hautes-pyrenees", "habitants"), ("usagers-hautes-pyrenees", "usagers")):
        assert pa not in _values(store, A(key), "anc:category")
        assert _values(store, A(key), "anc:public") == [str(concept("public", public))]
    assert _values(store, A("habitants-usagers-hautes-pyrenees"), "a") == []


def test_the_trainings_are_those_moine_and_sorita_teach_not_the_13_professions(store):
    """l. 316: « Formations (ASS, ES, EJE, CESF... ; CAFERUIS, CAFDES, DEIS »."""
    note = " ".join(_values(store, A("travailleurs-sociaux-13-metiers"), "anc:note"))
    assert "CAFDES" not in note
    for person in ("alexandre-moine", "nathalie-sorita"):
        taught = {str(t).rsplit("/", 1)[-1] for t in _values(store, entity("person", person), "anc:teaches")}
        assert taught == set(ns.SCHEMES["training"])


def test_the_fapi_capi_suggestion_is_not_la_reunions(store):
    """l. 877: « Pourquoi ne pas envisager de flécher quelques moyens sur le fonctionnement du comité local ? »"""
    committee = str(entity("committee", "la-reunion"))
    assert str(seed.section_iri("s7-3")) not in _values(store, committee, "dct:source")
    note = " ".join(_values(store, committee, "anc:note"))
    assert "ne vise pas ce comité" in note


def test_corinne_michel_and_david_soubrie_hold_roles(store):
    """l. 95: « Cheffe de service » ; l. 993: « sous-directeur des professions sociales »."""
    rows = {(str(m).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1], str(r).rsplit("/", 1)[-1])
            for m, o, r in store.select("""SELECT ?m ?o ?r WHERE { ?x org:member ?m ; org:organization ?o ;
            org:role ?r . ?m a anc:PublicRolePerson }""").rows}
    assert ("corinne-michel", "dgcs", "chef-de-service") in rows
    assert ("david-soubrie", "sous-direction-professions-sociales", "sous-directeur") in rows


def test_what_was_missing_is_there(store):
    talk = str(entity("event", "intervention-moine-sorita-2018"))
    assert _values(store, talk, "dct:isPartOf") == [str(entity("event", "seminaire-2018-09-21"))]
    assert [int(x) for x in _one(store, f"SELECT ?l WHERE {{ <{talk}> anc:passage/anc:startLine ?l }}")] == [284]
    # the PACA training centre, linked to the people who teach there (l. 718)
    partners = _one(store, f"""SELECT ?x WHERE {{ ?p a anc:Partnership ;
        anc:participant <{A('centre-formation-paca')}> , ?x }}""")
    assert A("personnes-accompagnees-formatrices-paca") in partners
    # the President announced the poverty strategy (l. 49, 63)
    assert _values(store, entity("policy", "strategie-pauvrete"), "dct:creator") == [
        str(entity("person", "president-republique"))]
    # « parmi les 4 personnes à inscrire, un représentant des personnes accompagnées » (l. 648)
    rep = A("representant-personnes-accompagnees-preinscrit")
    assert _one(store, f"SELECT ?l WHERE {{ <{rep}> anc:passage/anc:startLine ?l }}") == [648]
    # the works cited (l. 423, 425)
    cited = {str(p).rsplit("/", 1)[-1]: str(c) for p, c in store.select(
        "SELECT ?p ?c WHERE { ?p a anc:Production ; dct:bibliographicCitation ?c }").rows}
    assert cited == {"lewin-1958": "Lewin, K. (1958)", "orofiamma-2002": "Orofiamma (2002)"}


# ---------------------------------------------------------------------------------------------
# 5. Time, representations with a holder, vocabularies, scales
# ---------------------------------------------------------------------------------------------

def test_sorita_scales_qualify_interventions_not_groups_of_actors(store):
    on_actors = _one(store, """SELECT ?a WHERE { ?a anc:interventionScale ?s .
        FILTER NOT EXISTS { ?a a anc:Partnership } FILTER NOT EXISTS { ?a a anc:Membership } }""")
    assert on_actors == []
    assert len(_one(store, "SELECT ?p WHERE { ?p a anc:Partnership ; anc:interventionScale ?s }")) >= 3


def test_the_loader_refuses_a_scale_on_an_actor():
    docs = seed.read_documents()
    docs["actors.yaml"] = docs["actors.yaml"] + [
        {"type": "group", "id": "x", "label": "X", "scale": ["initiale"], "source": ["s4"]}]
    with pytest.raises(LoadError) as info:
        list(seed.parse(docs))
    assert "unknown field" in str(info.value) and "'scale'" in str(info.value)


def test_who_sees_whom_representations_have_a_holder(store):
    """l. 786: « les dirigeants et les cadres par rapport aux travailleurs sociaux… »."""
    rows = {(str(h).rsplit("/", 1)[-1], str(a).rsplit("/", 1)[-1]) for h, a in store.select(
        "SELECT ?h ?a WHERE { ?r anc:heldBy ?h ; anc:about ?a FILTER NOT EXISTS { ?r anc:respondentsOf ?s } }").rows}
    assert ("dirigeants-et-cadres", "travailleurs-sociaux") in rows
    assert ("travailleurs-sociaux-13-metiers", "dirigeants-et-cadres") in rows
    assert ("personnes-accompagnees", "travailleurs-sociaux") in rows
    assert ("travailleurs-sociaux-13-metiers", "assistant-familial") in rows


def test_professions_trainings_and_publics_are_vocabularies_used_by_the_data(store):
    for prop, scheme in (("anc:profession", "profession"), ("anc:teaches", "training"), ("anc:public", "public")):
        used = set(_one(store, f"SELECT DISTINCT ?c WHERE {{ ?x {prop} ?c }}"))
        known = {str(concept(scheme, c)) for c in ns.SCHEMES[scheme]}
        assert used and used <= known, prop


def test_working_group_mandates_are_dated(store):
    """l. 169-179: mandates « de juillet 2016 à juillet 2017 » and « de juillet 2017 à juillet 2019 »."""
    rows = {str(g).rsplit("/", 1)[-1]: (str(s), str(e) if e else None) for g, s, e in store.select(
        "SELECT ?g ?s ?e WHERE { ?g a anc:WorkingGroup ; schema:startDate ?s OPTIONAL { ?g schema:endDate ?e } }").rows}
    assert rows["gt-ancrage-territorial"] == ("2017-07", "2019-07")
    assert rows["gt-partage-informations"] == ("2016-07", "2017-07")


@pytest.fixture(scope="module")
def seed_store_dir(tmp_path_factory, source):
    folder = tmp_path_factory.mktemp("seed-store")
    write_sources(folder, [ontology_source(), source], fresh=True)
    return folder


def _analyse_at(folder, at):
    result = CliRunner().invoke(app, ["analyse", "--store", str(folder), "--json", "--no-cache", "--at", at])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_seed_network_grows_with_dated_observed_relations_only(seed_store_dir):
    """The mandates dated 2016–2017 make the network grow by 2018; the HCTS↔committee flows stated
    by mid-2019 are expected, not observed, so the analysis (observed relations only) adds no edge
    for them, although the store holds them."""
    before_mandates = _analyse_at(seed_store_dir, "2016-01-01")
    early, late = _analyse_at(seed_store_dir, "2018-01-01"), _analyse_at(seed_store_dir, "2019-06-30")
    assert before_mandates["relations"] < early["relations"] and before_mandates["edges"] < early["edges"]
    assert (late["relations"], late["edges"]) == (early["relations"], early["edges"])
    store = Store.open(seed_store_dir)
    try:
        expected_flows = store.select(
            "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a anc:InformationFlow ; anc:statementStatus ?s "
            f"FILTER(?s != <{OBSERVED}>) }}").rows[0][0]
    finally:
        store.close()
    assert expected_flows > 0


def test_the_named_query_shows_each_statement_with_its_status_lines_and_quote(store):
    from kg import queries

    result = queries.run(Store.in_memory([ontology_source(), seed.load()]), "sources-d-un-sujet", {"about": "Nord"})
    rows = [dict(zip(result.variables, r)) for r in result.rows]
    flow = [r for r in rows if str(r["statement"]).endswith("/flow/hcts-vers-nord") and r["lines"] == "660"]
    assert flow and flow[0]["status"] == "attendu" and flow[0]["quote"].startswith("Développer des interactions")
    assert {r["status"] for r in rows if r["kind"] == "LocalCommittee"} == {"observe"}
