"""The seed dataset (data/seed/*.yaml) and its loader (loaders/seed.py).

The store answers the questions users ask of the seed; every fact cites its section, and the
citations are checked against the text of the source document itself (a copy without e-mail
addresses or phone numbers, with the line numbers of the original, in data/seed/source-document.txt).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import LoadError
from kg.namespaces import ANC, SCHEMES, concept, entity, graph_iri
from kg.sources import Source
from kg.store import Store, write_sources
from loaders import seed

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCE_DOCUMENT = seed.DEFAULT_SEED_DIR / seed.SOURCE_TEXT_FILE
ANSA = str(entity("actor", "ansa"))
HCTS = str(entity("actor", "hcts"))


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def source() -> Source:
    return seed.load()


@pytest.fixture(scope="module")
def store(source) -> Store:
    return Store.in_memory([source])


@pytest.fixture(scope="module")
def records() -> list[seed.SeedRecord]:
    return seed.read_records(seed.read_documents())


def _fold(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces: for matching names in the text."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[\s\-'’]+", " ", text)


@pytest.fixture(scope="module")
def section_texts() -> dict[str, str]:
    """The text of each section of the source document, by section key (s1 … s8, s7-1 …)."""
    text = SOURCE_DOCUMENT.read_text(encoding="utf-8")
    heading = re.compile(r"^#+ ► (\d+(?:[.-]\d)?) [-–]", re.M)
    marks = [(m.start(), m.group(1).replace(".", "-")) for m in heading.finditer(text)]
    out = {}
    for (start, key), (end, _k) in zip(marks, marks[1:] + [(len(text), None)]):
        out["s" + key] = text[start:end]
    return out


def test_the_source_document_splits_into_the_thirteen_sections_of_sources_yaml(section_texts, records):
    keys = {r.id for r in records if r.type == "section"}
    assert set(section_texts) == keys
    assert len(keys) == 13


# ---------------------------------------------------------------------------------------------
# The loaded source
# ---------------------------------------------------------------------------------------------

def test_seed_loads_as_one_source_with_its_licence_and_record_count(source):
    files = sorted(seed.DEFAULT_SEED_DIR.glob("*.yaml"))
    expected_records = sum(len(yaml.safe_load(p.read_text(encoding="utf-8")) or []) for p in files)
    assert source.id == "seed"
    assert source.records == expected_records
    assert "Etalab 2.0" in source.licence and "HCTS" in source.licence
    assert {p.name for p in files} >= {"sources.yaml", "territories.yaml", "actors.yaml", "committees.yaml",
                                       "relations.yaml", "policies.yaml", "events.yaml", "productions.yaml",
                                       "survey.yaml"}


def test_the_seed_sits_in_its_own_named_graph_of_an_on_disk_store(tmp_path, source):
    write_sources(tmp_path, [source], fresh=True)
    st = Store.open(tmp_path)
    assert st.named_graphs() == [str(graph_iri("seed"))]
    rows = st.select("SELECT ?n ?v WHERE { ?d a anc:Dataset ; anc:recordCount ?n ; dct:hasVersion ?v }").rows
    assert rows == [(source.records, source.version)]
    assert st.count(graph=graph_iri("seed")) == st.count()


def test_loading_twice_gives_the_same_graph():
    one = seed.graph(seed.read_documents())
    two = seed.graph(seed.read_documents())
    assert len(one) > 1000
    assert isomorphic(one, two)


# ---------------------------------------------------------------------------------------------
# Questions users ask
# ---------------------------------------------------------------------------------------------

def test_who_co_leads_the_hcts_working_group_on_territorial_anchoring(store):
    rows = store.select("""
        SELECT ?name ?employer WHERE {
          ?wg org:subOrganizationOf ?hcts ; skos:prefLabel ?wgLabel .
          ?hcts skos:altLabel "HCTS"@fr .
          FILTER(CONTAINS(LCASE(STR(?wgLabel)), "ancrage territorial"))
          ?m a anc:Membership ; org:organization ?wg ; org:member ?p ;
             org:role <https://w3id.org/ancrage/concept/role/co-pilote> .
          ?p a anc:PublicRolePerson ; foaf:name ?name .
          OPTIONAL { ?m2 org:member ?p ; org:organization/skos:altLabel ?employer . FILTER(?m2 != ?m) }
        } ORDER BY ?name""").rows
    assert rows == [("Louis-Xavier Colas", "DGCS"), ("Marie-Paule Cols", "HCTS")]


def test_which_four_territories_ansa_accompanies(store):
    rows = store.select("""
        SELECT ?level ?code ?label WHERE {
          ?ansa anc:accompanies ?t . ?t a anc:Territory ; anc:inseeCode ?code ; skos:prefLabel ?label ;
             anc:level ?level .
        } ORDER BY ?code""".replace("?ansa", f"<{ANSA}>")).rows
    level = lambda code: str(concept("level", code))  # noqa: E731
    assert rows == [(level("region"), "24", "Centre-Val de Loire"), (level("departement"), "59", "Nord"),
                    (level("region"), "84", "Auvergne-Rhône-Alpes"), (level("departement"), "974", "La Réunion")]
    committees = store.select("""
        SELECT ?code WHERE { ?ansa anc:accompanies ?c . ?c a anc:LocalCommittee ; anc:territory/anc:inseeCode ?code }
        ORDER BY ?code""".replace("?ansa", f"<{ANSA}>")).rows
    assert committees == [("24",), ("59",), ("84",), ("974",)]


def test_which_sections_support_the_membership_of_cols(store):
    rows = store.select("""
        SELECT ?number ?title WHERE {
          ?m a anc:Membership ; org:member/foaf:name "Marie-Paule Cols"@fr ;
             org:role <https://w3id.org/ancrage/concept/role/vice-president> ; dct:source ?s .
          ?s a anc:SourceSection ; anc:sectionNumber ?number ; dct:title ?title ;
             dct:isPartOf <https://w3id.org/ancrage/id/document/seminaire-2018> .
          FILTER(LANG(?title) = "fr")
        } ORDER BY ?number""").rows
    assert [n for n, _ in rows] == ["1", "2", "3"]
    assert rows[2][1] == "Présentation de la démarche et des travaux du HCTS, Marie-Paule Cols"


def test_the_hcts_facts_of_the_source(store):
    row = store.select("""
        SELECT ?installed ?members ?chair ?vice WHERE {
          ?hcts anc:installedOn ?installed ; anc:memberCount ?members .
          ?m1 org:organization ?hcts ; org:role <https://w3id.org/ancrage/concept/role/president> ; org:member/foaf:name ?chair .
          ?m2 org:organization ?hcts ; org:role <https://w3id.org/ancrage/concept/role/vice-president> ; org:member/foaf:name ?vice .
        }""".replace("?hcts", f"<{HCTS}>")).rows
    import datetime as dt
    assert row == [(dt.date(2016, 7, 7), 58, "Brigitte Bourguignon", "Marie-Paule Cols")]
    units = store.select(f"SELECT ?u WHERE {{ ?u org:subOrganizationOf <{HCTS}> }}").rows
    assert len(units) == 8  # the ethics commission, six working groups, the international unit


def test_counts_per_class_are_those_of_the_source(store):
    counts = dict(store.select("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c").rows)
    n = lambda cls: counts.get(str(ANC[cls]), 0)  # noqa: E731
    assert n("LocalCommittee") == 4
    assert n("SourceSection") == 13 and n("SourceDocument") == 1
    assert n("Event") == 6  # four seminars, the Moine–Sorita talk within the first, the Melbourne congress
    assert n("Survey") == 1
    assert n("Organisation") >= 25 and n("WorkingGroup") >= 8 and n("Group") >= 10
    assert n("PublicRolePerson") == 9
    assert n("Membership") >= 25 and n("Partnership") >= 5 and n("InformationFlow") >= 12
    assert n("Policy") + n("Scheme") >= 12 and n("Production") >= 14
    assert n("Representation") >= 15 and n("Territory") + n("ProjectTerritory") >= 15
    # Data asserts the most specific class only
    assert n("Actor") == 0


def test_persons_are_the_public_officials_and_researchers_the_source_names(store):
    names = {r[0] for r in store.select(
        "SELECT ?n WHERE { ?p a anc:PublicRolePerson ; foaf:name ?n FILTER(LANG(?n) = 'fr') }").rows}
    assert names == {"Brigitte Bourguignon", "Marie-Paule Cols", "Louis-Xavier Colas", "Corinne Michel",
                     "David Soubrié", "Alexandre Moine", "Nathalie Sorita", "Olivier Noblecourt",
                     "Président de la République"}


def test_everything_named_in_the_domain_brief_is_there(store):
    labels = {r[0] for r in store.select(
        "SELECT ?l WHERE { ?s skos:prefLabel|skos:altLabel ?l }").rows}
    folded = {_fold(x) for x in labels}
    for name in ["HCTS", "Commission éthique et déontologie du travail social", "DGCS", "ANSA", "CSTS",
                 "Ministère des Solidarités et de la Santé", "Université de Franche-Comté", "ThéMA",
                 "IRTS de Franche-Comté", "IRTESS de Bourgogne", "CNFPT", "Presses de l'EHESP", "ANCASS",
                 "AIRE", "MÉTIS", "CNAPE", "Cellule internationale du HCTS", "PATSDS", "FAPI", "CAPI",
                 "CCAPEX", "RSA", "Accueil social inconditionnel", "CASF D.142-1-1",
                 "Stratégie nationale de prévention et de lutte contre la pauvreté",
                 "Groupes ressources RSA de Loire-Atlantique", "Loire-Atlantique", "Provence-Alpes-Côte d'Azur",
                 "Hautes-Pyrénées", "Haute-Garonne", "Région Auvergne-Rhône-Alpes", "Région Centre-Val de Loire",
                 "Département du Nord", "Conseil départemental de La Réunion", "MSA"]:
        assert _fold(name) in folded, name
    groups = store.select("""SELECT (COUNT(?wg) AS ?n) WHERE { ?wg a anc:WorkingGroup ; org:subOrganizationOf ?hcts ;
                             dct:subject ?theme }""".replace("?hcts", f"<{HCTS}>")).rows
    assert groups[0][0] == 7  # the ethics commission and the six working groups, each with its theme


def test_the_four_seminars_and_their_dates(store):
    rows = store.select("""SELECT (STR(?d) AS ?date) (DATATYPE(?d) AS ?type) WHERE {
        ?e a anc:Event ; schema:startDate ?d ; anc:organisedBy ?hcts } ORDER BY ?d""".replace("?hcts", f"<{HCTS}>")).rows
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert rows == [("2018-09-21", xsd + "date"), ("2018-12-13", xsd + "date"),
                    ("2019-03", xsd + "gYearMonth"), ("2019-06", xsd + "gYearMonth")]


def test_pioneer_committees_have_no_members_so_their_composition_is_unknown(store):
    rows = store.select("""SELECT ?c (COUNT(?m) AS ?n) WHERE { ?c a anc:LocalCommittee .
        OPTIONAL { ?m org:organization ?c } } GROUP BY ?c""").rows
    assert len(rows) == 4 and all(n == 0 for _, n in rows)


def test_each_committee_has_flows_with_the_hcts_both_ways_and_with_the_other_committees(store):
    rows = store.select("""SELECT ?c ?dir (COUNT(?f) AS ?n) WHERE { ?c a anc:LocalCommittee .
        ?f a anc:InformationFlow ; anc:direction ?dir . { ?f anc:flowFrom ?c } UNION { ?f anc:flowTo ?c } }
        GROUP BY ?c ?dir""").rows
    per = {(c, d.rsplit("/", 1)[-1]): n for c, d, n in rows}
    for c in {c for c, _ in per}:
        assert per[(c, "descendant")] == 1 and per[(c, "ascendant")] == 1 and per[(c, "transversal")] == 3
    assert len({c for c, _ in per}) == 4


def test_survey_findings_are_representations_with_their_share(store):
    rows = store.select("""SELECT ?about ?share ?choice WHERE {
        ?r a anc:Representation ; anc:respondentsOf ?s ; anc:about ?about ; anc:share ?share .
        OPTIONAL { ?r anc:choice ?choice } ?s schema:startDate "2017-12-01"^^xsd:date ;
        schema:endDate "2018-01-06"^^xsd:date }""").rows
    found = {(a.rsplit("/", 1)[-1], s, c) for a, s, c in rows}
    assert ("collectivite-departement", Decimal("0.42"), "1er choix") in found
    assert ("collectivite-departement", Decimal("0.58"), "1er et 2e choix") in found
    assert ("federation", Decimal("0.37"), "1er et 2e choix") in found
    assert ("formation", Decimal("0.27"), None) in found
    assert ("services-deconcentres", Decimal("0.22"), None) in found
    assert ("collectivite-region", Decimal("0.228"), None) in found
    assert ("patsds", Decimal("0.72"), "méconnu") in found
    assert ("csts", Decimal("0.58"), "connu") in found and ("hcts", Decimal("0.5"), "connu") in found
    assert not any(c == "profil des répondants" for _, _, c in found)
    ranked = store.select("""SELECT ?choice ?m WHERE { ?r anc:mission ?m ; anc:choice ?choice
        FILTER(STRSTARTS(?choice, "rang")) } ORDER BY ?choice""").rows
    assert [m.rsplit("/", 1)[-1] for _, m in ranked] == ["coordination", "reflexion-evolution",
                                                         "decloisonnement", "ethique"]


def test_survey_shares_are_the_figures_printed_in_section_5(records, section_texts):
    text = section_texts["s5"].replace("\u00a0", " ")
    for rec in records:
        for field in ("share", "share_min", "share_max"):
            share = rec.values.get(field) if rec.type == "representation" else None
            if share is None:
                continue
            pct = Decimal(str(share)) * 100
            printed = f"{pct.normalize():f}".replace(".", ",")
            assert re.search(rf"(?<![\d,]){re.escape(printed)} ?%", text), (rec.id, printed)
    assert "1/3 des réponses" in text


# ---------------------------------------------------------------------------------------------
# Provenance, privacy
# ---------------------------------------------------------------------------------------------

def test_every_entity_and_relation_node_cites_a_section(store, records):
    """Every node cites a section, except the passages (part of a section) and the territories the
    document never names, which cite the territorial reference instead."""
    rows = store.select("""SELECT ?s ?c WHERE { ?s a ?c .
        FILTER(?c NOT IN (anc:SourceSection, anc:SourceDocument, anc:Dataset, prov:Entity, anc:SourcePassage))
        FILTER NOT EXISTS { ?s dct:source ?sec . ?sec a anc:SourceSection } }""").rows
    context = {str(r.iri) for r in records if r.values.get("context") == "territorial-reference"}
    assert {s for s, _ in rows} == context
    assert context == {str(entity(f"territory/{lvl}", code)) for lvl, code in (
        ("region", "32"), ("region", "52"), ("region", "76"), ("region", "27"), ("departement", "25"),
        ("region", "11"))}
    reference = str(graph_iri("cog"))
    assert {s for s, in store.select(f"SELECT ?s WHERE {{ ?s dct:source <{reference}> }}").rows} == context
    cited = store.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s dct:source ?sec . ?sec a anc:SourceSection }").rows
    nodes = {r.iri for r in records if r.iri is not None and r.type not in ("section", "document")}
    assert cited[0][0] == len(nodes) - len(context) > 150


def test_persons_and_acronyms_appear_in_the_sections_they_cite(records, section_texts):
    """A citation that does not mention its subject is a wrong citation."""
    checked = 0
    for rec in records:
        names = []
        if rec.type == "person":
            names = [rec.values["label"]["fr"].split()[-1]]  # surname
        elif rec.type in ("organisation", "working-group", "policy", "scheme") and rec.values.get("alt"):
            names = [a for a in rec.values["alt"] if re.fullmatch(r"[A-ZÉÈ]{3,6}", a)]
            names += [rec.values["label"]["fr"], *rec.values["alt"]] if names else []
        if not names:
            continue
        for key in rec.values["source"]:  # each cited section names it, not just one of them
            text = _fold(section_texts[key])
            assert any(_fold(name) in text for name in names), (rec.id, names, key)
        checked += 1
    assert checked >= 20


def test_people_receiving_support_are_only_groups_never_named_persons(store):
    pa = str(concept("category", "personnes-accompagnees"))
    rows = store.select(f"SELECT ?s ?c WHERE {{ ?s anc:category <{pa}> ; a ?c }}").rows
    assert rows and {c for _, c in rows} == {str(ANC.Group)}
    named = store.select(f"SELECT ?s WHERE {{ ?s anc:category <{pa}> ; foaf:name ?n }}").rows
    assert named == []


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?:\+33\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b")


def test_no_email_address_or_phone_number_in_the_data_or_the_files(store):
    literals = [r[0] for r in store.select("SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }").rows]
    iris = [r[0] for r in store.select("SELECT ?o WHERE { ?s ?p ?o FILTER(isIRI(?o)) }").rows]
    for value in literals + iris:
        text = str(value)
        assert not EMAIL.search(text) and not text.startswith("mailto:"), text
        assert not PHONE.search(text), text
    for path in seed.DEFAULT_SEED_DIR.glob("*"):
        text = path.read_text(encoding="utf-8")
        assert not EMAIL.search(text) and not PHONE.search(text), path.name


def test_a_seed_record_with_an_email_address_is_refused():
    docs = seed.read_documents()
    docs["actors.yaml"] = docs["actors.yaml"] + [
        {"type": "person", "id": "x-y", "label": "X Y", "note": "tél. 01 40 56 86 91", "source": ["s2"]}]
    with pytest.raises(LoadError) as info:
        list(seed.parse(docs))
    assert "phone number" in str(info.value) and "'x-y'" in str(info.value)


def test_a_seed_record_hiding_a_text_direction_control_is_refused():
    docs = seed.read_documents()
    docs["actors.yaml"] = docs["actors.yaml"] + [
        {"type": "organisation", "id": "x-y", "label": "Association \u202eexe.txt", "source": ["s2"]}]
    with pytest.raises(LoadError) as info:
        list(seed.parse(docs))
    assert "U+202E" in str(info.value) and "'x-y'" in str(info.value) and "\u202e" not in str(info.value)


# ---------------------------------------------------------------------------------------------
# Errors: a broken seed is refused as a whole, each problem located
# ---------------------------------------------------------------------------------------------

EXPECTED_PROBLEMS = [
    # file, row, line, field, found, words of the message
    ("actors.yaml", 1, 4, "category", "collectivite-departemnt", "did you mean 'collectivite-departement'"),
    ("actors.yaml", 2, 10, "located_in", "departement/999", "unknown id"),
    ("actors.yaml", 3, 16, "installed_on", "2016-02-30", "bad date"),
    ("actors.yaml", 4, 22, "note", "de…@example.org", "e-mail"),  # masked: never repeated in full
    ("actors.yaml", 5, 25, "label", None, "missing required field"),
    ("actors.yaml", 6, 30, "id", "alpha", "duplicate id"),
    ("actors.yaml", 7, 38, "source", "s9", "unknown section"),
    ("relations.yaml", 1, 4, "role", "chef", "unknown concept code of scheme 'role'"),
    ("relations.yaml", 2, 12, "end", "2018-01-01", "end before start"),
    ("relations.yaml", 3, 17, "participants", ["alpha"], "at least two participants"),
    ("relations.yaml", 4, 22, "organisation", "zeta (group)", "wrong type"),
    ("territories.yaml", 1, 4, "within", "region/32", "unknown id"),
]


def test_a_broken_seed_is_refused_with_every_problem_located():
    with pytest.raises(seed.SeedError) as info:
        seed.load(DATA / "seed_broken")
    err = info.value
    assert isinstance(err, LoadError)
    got = [(p.file, p.row, p.line, p.field, p.found) for p in err.problems]
    assert got == [e[:5] for e in EXPECTED_PROBLEMS]
    for problem, expected in zip(err.problems, EXPECTED_PROBLEMS):
        assert expected[5] in problem.message
    text = str(err)
    assert text.startswith("the seed dataset has 12 problem(s); nothing was loaded")
    assert ("actors.yaml, row 1, line 4, field 'category': record 'alpha': unknown concept code of scheme "
            "'category'; did you mean 'collectivite-departement'?") in text
    assert (err.file, err.field, err.found) == ("actors.yaml", "category", "collectivite-departemnt")


def test_a_yaml_syntax_error_names_the_file_and_line():
    with pytest.raises(LoadError) as info:
        seed.load(DATA / "seed_yaml_error")
    assert (info.value.file, info.value.line) == ("sources.yaml", 8)
    assert "YAML syntax error" in str(info.value)


@pytest.mark.parametrize("record, field, words", [
    ({"type": "organisation", "id": "a", "label": "A", "source": ["s2"], "colour": "red"}, "colour", "unknown field"),
    ({"type": "organisation", "id": "A B", "label": "A", "source": ["s2"]}, "id", "malformed id"),
    ({"type": "organisation", "id": "a", "label": {"fr": "A", "de": "A"}, "source": ["s2"]}, "label", "language map"),
    ({"type": "organisation", "id": "a", "label": "A", "source": ["s2"], "member_count": "many"}, "member_count", "bad integer"),
    ({"type": "organisation", "id": "a", "label": "A", "source": ["s2"], "homepage": "www.x.fr"}, "homepage", "bad URL"),
    ({"type": "organisation", "id": "a", "label": "A", "source": []}, "source", "cites the section"),
    ({"type": "person", "id": "a", "label": "A", "category": ["personnes-accompagnees"], "source": ["s2"]},
     "category", "only groups"),
    ({"type": "representation", "id": "a", "label": "A", "survey": "enquete-exploratoire-2017", "share": 42,
      "about": ["category:federation"], "source": ["s5"]}, "share", "bad share"),
    ({"type": "representation", "id": "a", "label": "A", "survey": "enquete-exploratoire-2017",
      "about": ["categorie:federation"], "source": ["s5"]}, "about", "unknown concept scheme"),
    ({"type": "event", "id": "a", "label": "A", "start": "2019-13", "source": ["s8"]}, "start", "bad date"),
    ({"type": "territory", "level": "departement", "code": "9", "label": "X", "source": ["s8"]}, "code", "INSEE"),
    ({"type": "bureau", "id": "a"}, "type", "unknown record type"),
    ({"type": "group", "id": "a", "label": "Marie DUPONT", "category": ["personnes-accompagnees"],
      "source": ["s7-1"]}, "label", "only as groups"),
    ({"type": "group", "id": "a", "label": "Groupe", "note": "NIR 1 84 12 76 451 089 46", "source": ["s7-1"]},
     "note", "social-security number"),
])
def test_each_kind_of_mistake_in_a_record_is_named(record, field, words):
    docs = seed.read_documents()
    docs["extra.yaml"] = [record]
    with pytest.raises(seed.SeedError) as info:
        seed.read_records(docs)
    problems = [p for p in info.value.problems if p.file == "extra.yaml"]
    assert len(problems) == 1, [str(p) for p in info.value.problems]
    assert problems[0].field == field and problems[0].row == 1
    assert words in problems[0].message


# ---------------------------------------------------------------------------------------------
# The mapping, the territories, the ontology
# ---------------------------------------------------------------------------------------------

def test_the_mapping_uses_only_the_vocabulary_of_kg_namespaces():
    seed.check_mapping()
    used_schemes = {f.scheme for rt in seed.MAPPING.values() for f in rt.fields.values() if f.scheme}
    assert used_schemes <= set(SCHEMES)
    broken = {"x": seed.RecordType("x", ANC.Organisation, "actor",
                                   {"f": seed.F(URIRef("https://example.org/madeUp"), "text")})}
    with pytest.raises(Exception, match="not a reused standard property"):
        seed.check_mapping(broken)


def test_seed_territories_are_the_cog_territories_with_the_same_iris_names_and_nesting(records):
    from loaders import cog

    ref = cog.Reference.get()
    checked = 0
    for rec in records:
        if rec.type != "territory" or rec.id.split("/")[0] in ("national", "territoire-projet"):
            continue
        level, code = rec.id.split("/")
        t = ref.by_code(code, level=level)
        assert t is not None, rec.id
        assert str(rec.iri) == t.iri
        assert rec.values["label"]["fr"] == t.name
        within = {str(iri) for iri in rec.values.get("within", ())}
        parents = {str(entity(f"territory/{lv}", c)) for lv, c in t.parents}
        assert within == parents, rec.id
        checked += 1
    assert checked == 16


def test_the_seed_conforms_to_the_ontology_shapes(source):
    from kg import ontology

    g = Graph()
    g.parse(data=b"".join(source.ntriple_chunks()).decode("utf-8"), format="nt")
    g.parse(data=source.metadata_ntriples().decode("utf-8"), format="nt")
    problems = ontology.validate(g, "en")
    assert problems == [], "\n".join(v.text() for v in problems[:20])


def test_every_concept_and_class_the_seed_uses_is_declared_in_the_ontology(store):
    from kg import ontology

    declared = set(ontology.labels("fr"))
    used = {r[0] for r in store.select("""SELECT DISTINCT ?o WHERE { { ?s ?p ?o FILTER(isIRI(?o) &&
        (STRSTARTS(STR(?o), "https://w3id.org/ancrage/concept/") || STRSTARTS(STR(?o), "https://w3id.org/ancrage/def#"))) }
        UNION { ?s ?o ?x FILTER(STRSTARTS(STR(?o), "https://w3id.org/ancrage/def#")) } }""").rows}
    assert used and used <= declared, sorted(used - declared)


def test_parse_is_pure_and_yields_rdflib_triples():
    docs = {"sources.yaml": [{"type": "document", "id": "seminaire-2018", "title": "Actes"},
                             {"type": "section", "id": "s6", "number": "6", "title": "Enjeux"}],
            "committees.yaml": [{"id": "nord", "label": "Comité du Nord", "territory": ["departement/59"],
                                 "source": ["s6"]}],
            "territories.yaml": [{"level": "departement", "code": "59", "label": "Nord", "source": ["s6"]}]}
    triples = set(seed.parse(docs))
    committee = entity("committee", "nord")
    dep = entity("territory/departement", "59")
    assert (committee, ANC.territory, dep) in triples
    assert (dep, ANC.inseeCode, Literal("59")) in triples
    assert (dep, ANC.level, concept("level", "departement")) in triples
    assert all(isinstance(t, tuple) and len(t) == 3 for t in triples)


def test_the_seed_readme_documents_every_record_type_and_field():
    readme = (seed.DEFAULT_SEED_DIR / "README.md").read_text(encoding="utf-8")
    for name, rt in seed.MAPPING.items():
        assert f"`{name}`" in readme, name
        for field in rt.fields:
            assert f"`{field}`" in readme, (name, field)
