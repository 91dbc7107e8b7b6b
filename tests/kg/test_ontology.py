"""The ontology agrees with the vocabulary contract, and its shapes accept good data and reject bad.

* every term of :mod:`kg.namespaces` (classes, properties, concepts, rules) is declared with
  French and English labels and definitions, and the ontology declares nothing else;
* every shape that reports has a French and an English message;
* a small but complete graph conforms; each broken record is rejected with a message naming the
  record (focus) and the constraint (shape), in French and in English;
* the seed dataset and a slice of the territorial reference conform.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, RDF, RDFS, SKOS

from kg import namespaces as ns
from kg import ontology
from kg.errors import ValidationError
from kg.namespaces import ANC, ANCC, GEO, SCHEMA, SH, concept, entity, rule
from kg.store import Store

ROOT = ontology.ONTOLOGY_DIR
ANCSH = Namespace("https://w3id.org/ancrage/shapes#")
DCMITYPE = Namespace("http://purl.org/dc/dcmitype/")
# an open Namespace: pytest probes module globals, and the closed rdflib XSD warns on unknown names
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SECTION = re.compile(r"^https://w3id.org/ancrage/id/section/seminaire-2018-s([1-8])(?:-([1-5]))?$")
ANC_TERMS = set(ns.CLASSES) | set(ns.OBJECT_PROPERTIES) | set(ns.DATATYPE_PROPERTIES)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology.load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return ontology.load_shapes()


def _langs(g: Graph, s, p) -> list[str]:
    return sorted(o.language or "" for o in g.objects(s, p) if isinstance(o, Literal))


def _text(g: Graph, s, p, lang) -> str:
    return next(str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang)


# ---------------------------------------------------------------------------------------------
# The files and the ontology header
# ---------------------------------------------------------------------------------------------

def test_every_file_parses_on_its_own():
    files = ontology.ontology_files() + [ROOT / "shapes.ttl"]
    assert {p.stem for p in (ROOT / "concepts").glob("*.ttl")} == set(ns.SCHEMES)
    for path in files:
        g = Graph().parse(path, format="turtle")
        assert len(g) > 10, path


def test_ontology_header(onto):
    iri = ontology.ONTOLOGY_IRI
    assert (iri, RDF.type, OWL.Ontology) in onto
    assert _langs(onto, iri, DCTERMS.title) == ["en", "fr"]
    assert _langs(onto, iri, DCTERMS.description) == ["en", "fr"]
    assert str(onto.value(iri, OWL.versionInfo)) == ontology.version()
    assert onto.value(iri, DCTERMS.license) is not None
    assert str(onto.value(iri, DCTERMS.creator)) == "Ancrage"


def test_load_returns_a_fresh_graph_each_time():
    g = ontology.load_ontology()
    g.remove((None, None, None))
    assert len(ontology.load_ontology()) > 1000
    s = ontology.load_shapes()
    s.remove((None, None, None))
    assert len(ontology.load_shapes()) > 100


def test_shapes_are_not_in_the_ontology_graph(onto):
    assert not list(onto.subjects(RDF.type, SH.NodeShape))


# ---------------------------------------------------------------------------------------------
# Contract -> ontology: every term is declared, labelled and defined
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,kind", [(c, OWL.Class) for c in ns.CLASSES]
                         + [(p, OWL.ObjectProperty) for p in ns.OBJECT_PROPERTIES]
                         + [(p, OWL.DatatypeProperty) for p in ns.DATATYPE_PROPERTIES])
def test_every_term_is_declared_with_labels_and_definitions(onto, name, kind):
    term = ANC[name]
    assert (term, RDF.type, kind) in onto, f"anc:{name} is not declared as {kind}"
    assert _langs(onto, term, RDFS.label) == ["en", "fr"], f"anc:{name}: one label @fr and one @en"
    assert _langs(onto, term, SKOS.definition) == ["en", "fr"], f"anc:{name}: definition @fr and @en"
    for lang in ("fr", "en"):
        assert "\n" not in _text(onto, term, SKOS.definition, lang), f"anc:{name}: one-line definition"


def _sketched_superclasses() -> dict[str, list[str]]:
    """The ``[...]`` comments of kg/namespaces.py's CLASSES: the alignments the contract asks for."""
    source = Path(ns.__file__).read_text(encoding="utf-8")
    block = source[source.index("CLASSES = ["):source.index("OBJECT_PROPERTIES")]
    return {m.group(1): [x.strip() for x in m.group(2).split(",")]
            for m in re.finditer(r'"(\w+)",\s*#\s*\[([^\]]+)\]', block)}


def _expand(curie: str) -> URIRef:
    prefix, local = curie.split(":")
    if curie == "dct:Dataset":  # DCMI has no dct:Dataset class; its Dataset is in the DCMI Type vocabulary
        return DCMITYPE.Dataset
    return URIRef(ns.PREFIXES[prefix] + local) if prefix in ns.PREFIXES else ANC[curie]


def test_superclasses_follow_the_contract(onto):
    sketched = _sketched_superclasses()
    assert set(sketched) == set(ns.CLASSES)
    for name, supers in sketched.items():
        declared = set(onto.objects(ANC[name], RDFS.subClassOf))
        for sup in supers:
            target = ANC[sup] if ":" not in sup else _expand(sup)
            assert target in declared, f"anc:{name} should be rdfs:subClassOf {sup}"


def test_alignments_reach_the_standard_vocabularies(onto):
    used = {str(o) for o in onto.objects(None, RDFS.subClassOf)} | {
        str(o) for o in onto.objects(None, RDFS.subPropertyOf)}
    for vocabulary in (str(ORG), str(SKOS), "http://www.w3.org/ns/prov#", str(DCTERMS), str(FOAF),
                       str(SCHEMA), str(GEO)):
        assert any(iri.startswith(vocabulary) for iri in used), vocabulary


def test_domains_and_ranges_point_to_declared_classes_or_known_types(onto):
    for prop in list(ns.OBJECT_PROPERTIES):
        for rng in onto.objects(ANC[prop], RDFS.range):
            assert str(rng).startswith(str(ANC)) and rng.split("#")[-1] in ns.CLASSES or rng == SKOS.Concept
    for prop in ns.DATATYPE_PROPERTIES:
        rng = onto.value(ANC[prop], RDFS.range)
        assert rng is not None and (str(rng).startswith(str(XSD)) or rng == RDF.langString), prop


# ---------------------------------------------------------------------------------------------
# Ontology -> contract: nothing in anc: or ancc: that kg/namespaces.py lacks
# ---------------------------------------------------------------------------------------------

def _all_iris(g: Graph):
    for triple in g:
        for term in triple:
            if isinstance(term, URIRef):
                yield str(term)


def _known_concept_iris() -> set[str]:
    known = {str(ns.scheme(s)) for s in ns.SCHEMES} | {str(ANCC["rule"])}
    known |= {str(concept(s, c)) for s, codes in ns.SCHEMES.items() for c in codes}
    known |= {str(rule(r)) for r in ns.RULES}
    return known


@pytest.mark.parametrize("which", ["ontology", "shapes"])
def test_no_term_outside_the_contract(onto, shapes, which):
    g = onto if which == "ontology" else shapes
    known = _known_concept_iris()
    for iri in set(_all_iris(g)):
        if iri.startswith(str(ANC)):
            assert iri[len(str(ANC)):] in ANC_TERMS, f"{which}: {iri} is not in kg/namespaces.py"
        elif iri.startswith(str(ANCC)):
            assert iri in known, f"{which}: {iri} is not a concept of kg/namespaces.py"


def test_every_declared_class_and_property_is_in_the_contract(onto):
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in onto.subjects(RDF.type, kind):
            assert str(term).startswith(str(ANC)) and str(term).split("#")[1] in ANC_TERMS, term


# ---------------------------------------------------------------------------------------------
# Concept schemes
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme_id", list(ns.SCHEMES))
def test_scheme_and_each_concept(onto, scheme_id):
    sch = ns.scheme(scheme_id)
    assert (sch, RDF.type, SKOS.ConceptScheme) in onto
    assert _langs(onto, sch, SKOS.prefLabel) == ["en", "fr"]
    assert _langs(onto, sch, DCTERMS.title) == ["en", "fr"]
    in_scheme = set(onto.subjects(SKOS.inScheme, sch))
    assert in_scheme == {concept(scheme_id, c) for c in ns.SCHEMES[scheme_id]}
    for code in ns.SCHEMES[scheme_id]:
        c = concept(scheme_id, code)
        assert (c, RDF.type, SKOS.Concept) in onto
        assert str(onto.value(c, SKOS.notation)) == code
        assert _langs(onto, c, SKOS.prefLabel) == ["en", "fr"], c
        assert _langs(onto, c, SKOS.definition) == ["en", "fr"], c
        assert _text(onto, c, SKOS.prefLabel, "fr") != "" and _text(onto, c, SKOS.prefLabel, "en") != ""
        sources = [str(s) for s in onto.objects(c, DCTERMS.source)]
        assert sources and all(SECTION.match(s) for s in sources), (c, sources)
        top = (c, SKOS.topConceptOf, sch) in onto
        assert top != (onto.value(c, SKOS.broader) is not None), f"{c}: top concept xor narrower"
        assert top == ((sch, SKOS.hasTopConcept, c) in onto)


def test_category_hierarchy_and_the_19_categories(onto):
    tops = set(onto.objects(ns.scheme("category"), SKOS.hasTopConcept))
    assert len(tops) == 19
    narrower = {
        "collectivite-territoriale": {"collectivite-region", "collectivite-departement",
                                      "collectivite-epci", "collectivite-commune"},
        "services-etat": {"administration-centrale", "services-deconcentres"},
    }
    for parent, children in narrower.items():
        assert {str(x).rsplit("/", 1)[-1] for x in onto.subjects(SKOS.broader, concept("category", parent))} == children
        for child in children:
            assert ontology.broader(concept("category", child)) == str(concept("category", parent))
    assert ontology.concept_label(concept("category", "personnes-accompagnees"), "fr") == "Personnes accompagnées"


def test_concept_files_list_concepts_in_contract_order():
    for scheme_id, codes in ns.SCHEMES.items():
        text = (ROOT / "concepts" / f"{scheme_id}.ttl").read_text(encoding="utf-8")
        found = re.findall(r"^\w+:([\w-]+) a skos:Concept\b", text, flags=re.M)
        assert found == codes, scheme_id


def test_levels_are_ranked_widest_first():
    ranks = ontology.level_ranks()
    nested = ["international", "national", "region", "departement", "intercommunalite", "commune",
              "infra-communal"]
    assert [ranks[x] for x in nested] == sorted(ranks[x] for x in nested)
    assert len({ranks[x] for x in nested}) == len(nested)
    assert "territoire-projet" not in ranks
    assert set(ranks) | {"territoire-projet"} == set(ns.SCHEMES["level"])


def test_missions_and_themes_come_from_the_survey_and_workshops(onto):
    assert len(ns.SCHEMES["mission"]) == 11
    for code in ns.SCHEMES["mission"]:
        assert str(ns.entity("section", "seminaire-2018-s5")) in {
            str(s) for s in onto.objects(concept("mission", code), DCTERMS.source)}
    sections = {code: {SECTION.match(str(s)).groups() for s in onto.objects(concept("theme", code), DCTERMS.source)}
                for code in ns.SCHEMES["theme"]}
    assert ("7", "4") in sections["complementarite-metiers"]
    assert ("5", None) in sections["prevention-epuisement"]
    assert ("3", None) in sections["radicalisation"]


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------

def test_rules_r1_to_r12(onto):
    sch = ANCC["rule"]
    assert (sch, RDF.type, SKOS.ConceptScheme) in onto
    assert _langs(onto, sch, SKOS.prefLabel) == ["en", "fr"]
    assert set(onto.subjects(RDF.type, ANC.CompositionRule)) == {rule(r) for r in ns.RULES}
    for r in ns.RULES:
        iri = rule(r)
        assert (iri, RDF.type, SKOS.Concept) in onto and (iri, SKOS.inScheme, sch) in onto
        assert str(onto.value(iri, SKOS.notation)) == r
        assert _langs(onto, iri, SKOS.prefLabel) == ["en", "fr"]
        assert _langs(onto, iri, SKOS.definition) == ["en", "fr"]
        numbers = {SECTION.match(str(s)).group(1) for s in onto.objects(iri, DCTERMS.source)}
        assert numbers and numbers <= {"4", "6", "7"}, (r, numbers)
    assert "accompagnées" in _text(onto, rule("R1"), SKOS.definition, "fr")
    assert "scales" in _text(onto, rule("R9"), SKOS.definition, "en")


# ---------------------------------------------------------------------------------------------
# Labels and concepts API
# ---------------------------------------------------------------------------------------------

def test_labels_cover_every_term_in_both_languages():
    fr, en = ontology.labels("fr"), ontology.labels("en")
    for name in ANC_TERMS:
        assert str(ANC[name]) in fr and str(ANC[name]) in en
    for iri in _known_concept_iris():
        assert iri in fr and iri in en, iri
    assert fr[str(ANC.Membership)] == "Adhésion" and en[str(ANC.Membership)] == "Membership"
    fr["x"] = "changed"  # a copy: the cache is not touched
    assert "x" not in ontology.labels("fr")


def test_concepts_in_contract_order_with_labels():
    for scheme_id in ontology.scheme_ids():
        rows = ontology.concepts(scheme_id, "en")
        codes = ns.RULES if scheme_id == "rule" else ns.SCHEMES[scheme_id]
        assert [code for _, code, _ in rows] == codes
        assert all(label and label != code for _, code, label in rows if scheme_id != "rule")
    fr = dict((code, label) for _, code, label in ontology.concepts("role", "fr"))
    en = dict((code, label) for _, code, label in ontology.concepts("role", "en"))
    assert fr["porteur"] == "Porteur" and en["porteur"] == "Lead organisation"


def test_concepts_and_labels_refuse_unknown_names():
    with pytest.raises(KeyError, match="known: category"):
        ontology.concepts("colour")
    with pytest.raises(ValueError, match="fr, en"):
        ontology.labels("de")


# ---------------------------------------------------------------------------------------------
# The ontology as a source of the store
# ---------------------------------------------------------------------------------------------

def test_ontology_source_in_the_store():
    src = ontology.ontology_source()
    assert src.id == "ontology" and src.licence == "MIT" and src.version == ontology.version()
    store = Store.in_memory([src])
    assert store.named_graphs() == [str(ns.graph_iri("ontology"))]
    rows = store.select("SELECT ?c WHERE { ?c rdfs:subClassOf+ anc:Actor }").rows
    assert {r[0].split("#")[1] for r in rows} == {"Organisation", "LocalCommittee", "WorkingGroup",
                                                   "PublicRolePerson", "Group"}
    label = store.select("SELECT ?l WHERE { ?c skos:notation 'R4' ; skos:prefLabel ?l FILTER(LANG(?l) = 'en') }")
    assert label.rows == [("Openness beyond the usual partners",)]
    assert src.records == len(store.select("SELECT DISTINCT ?s WHERE { ?s a ?t FILTER(isIRI(?s)) "
                                           "FILTER(?s != <https://w3id.org/ancrage/graph/ontology>) }"))
    assert ontology.validate_store(store) == []


# ---------------------------------------------------------------------------------------------
# Shapes: messages in both languages, value lists equal to the contract
# ---------------------------------------------------------------------------------------------

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
NODE_LEVEL = (SH["or"], SH["not"], SH["and"], SH.xone, SH["class"], SH.node, SH["in"], SH.sparql)


def _reporting_shapes(shapes: Graph) -> set:
    out = set()
    for target in TARGETS:
        for shape in shapes.subjects(target, None):
            if any(shapes.value(shape, p) is not None for p in NODE_LEVEL):
                out.add(shape)
            out.update(shapes.objects(shape, SH.property))
            out.update(shapes.objects(shape, SH.sparql))
    return out


def test_every_shape_has_a_french_and_an_english_message(shapes):
    reporting = _reporting_shapes(shapes)
    assert len(reporting) > 60
    for shape in reporting:
        assert isinstance(shape, URIRef), f"name the shape that reports: {shape}"
    named = {s for s in shapes.subjects() if isinstance(s, URIRef) and (
        any((s, RDF.type, t) in shapes for t in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint))
        or shapes.value(s, SH.path) is not None)}
    assert reporting <= named
    for shape in named:
        assert _langs(shapes, shape, SH.message) == ["en", "fr"], shape
        assert _text(shapes, shape, SH.message, "fr") != _text(shapes, shape, SH.message, "en")


def test_every_class_has_a_shape(shapes):
    targeted = {str(t) for t in shapes.objects(None, SH.targetClass)}
    for name in ns.CLASSES:
        assert str(ANC[name]) in targeted, f"no shape targets anc:{name}"


VALUE_SHAPES = {
    ANC.category: "category", ANC.level: "level", ANC.interventionScale: "scale", ANC.world: "world",
    ANC.participationLevel: "participation", ORG.role: "role", ANC.nature: "partnership-nature",
    ANC.direction: "flow-direction", ANC.mission: "mission", DCTERMS.subject: "theme", ANC.rule: "rule",
    ANC.statementStatus: "statement-status", ANC.profession: "profession", ANC.teaches: "training",
    ANC.public: "public",
}


@pytest.mark.parametrize("prop,scheme_id", list(VALUE_SHAPES.items()))
def test_value_lists_equal_the_contract(shapes, prop, scheme_id):
    shape = next(s for s in shapes.subjects(SH.path, prop) if shapes.value(s, SH["in"]) is not None)
    values = [str(v) for v in shapes.items(shapes.value(shape, SH["in"]))]
    expected = [str(rule(r)) for r in ns.RULES] if scheme_id == "rule" else [
        str(concept(scheme_id, c)) for c in ns.SCHEMES[scheme_id]]
    assert values == expected
    node = next(shapes.subjects(SH.property, shape))
    assert (node, SH.targetSubjectsOf, prop) in shapes


def test_the_ontology_itself_conforms(onto):
    assert ontology.validate(onto) == []


# ---------------------------------------------------------------------------------------------
# A small complete graph conforms; broken records are rejected
# ---------------------------------------------------------------------------------------------

D = "https://w3id.org/ancrage/id/"
VALID_TTL = f"""
@prefix anc: <https://w3id.org/ancrage/def#> .
@prefix cat: <https://w3id.org/ancrage/concept/category/> .
@prefix lvl: <https://w3id.org/ancrage/concept/level/> .
@prefix rol: <https://w3id.org/ancrage/concept/role/> .
@prefix scl: <https://w3id.org/ancrage/concept/scale/> .
@prefix nat: <https://w3id.org/ancrage/concept/partnership-nature/> .
@prefix dir: <https://w3id.org/ancrage/concept/flow-direction/> .
@prefix thm: <https://w3id.org/ancrage/concept/theme/> .
@prefix wld: <https://w3id.org/ancrage/concept/world/> .
@prefix mis: <https://w3id.org/ancrage/concept/mission/> .
@prefix par: <https://w3id.org/ancrage/concept/participation/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sec: <{D}section/seminaire-2018-> .

d:document/seminaire-2018 a anc:SourceDocument ; dct:title "Séminaire de lancement"@fr .
sec:s6 a anc:SourceSection ; anc:sectionNumber "6" ; dct:title "Les enjeux de la démarche"@fr ;
    dct:isPartOf d:document/seminaire-2018 .
sec:s7-1 a anc:SourceSection ; anc:sectionNumber "7.1" ; dct:title "Groupe ressource"@fr ;
    dct:isPartOf d:document/seminaire-2018 .

d:territory/national/FR a anc:Territory ; skos:prefLabel "France"@fr ; anc:level lvl:national .
d:territory/region/32 a anc:Territory ; skos:prefLabel "Hauts-de-France"@fr , "Hauts-de-France"@en ;
    anc:level lvl:region ; anc:inseeCode "32" ; geo:sfWithin d:territory/national/FR .
d:territory/departement/59 a anc:Territory ; skos:prefLabel "Nord"@fr ; anc:level lvl:departement ;
    anc:inseeCode "59" ; anc:population 2604361 ; geo:sfWithin d:territory/region/32 .
d:territory/intercommunalite/200093201 a anc:Territory ; skos:prefLabel "Métropole Européenne de Lille"@fr ;
    anc:level lvl:intercommunalite ; anc:inseeCode "200093201" ; geo:sfWithin d:territory/departement/59 .
d:territory/commune/59350 a anc:Territory ; skos:prefLabel "Lille"@fr ; anc:level lvl:commune ;
    anc:inseeCode "59350" ; geo:sfWithin d:territory/intercommunalite/200093201 , d:territory/departement/59 .
d:territory/territoire-projet/bassin-lille a anc:ProjectTerritory ; skos:prefLabel "Bassin de vie de Lille"@fr ;
    anc:level lvl:territoire-projet ; anc:madeOf d:territory/intercommunalite/200093201 .

d:committee/nord a anc:LocalCommittee ; skos:prefLabel "Comité local du Nord"@fr ;
    anc:territory d:territory/departement/59 ; anc:mission mis:coordination ; anc:world wld:social ;
    dct:source sec:s6 .
d:actor/cd59 a anc:Organisation ; skos:prefLabel "Conseil départemental du Nord"@fr ;
    anc:category cat:collectivite-departement ; anc:locatedIn d:territory/departement/59 ; dct:source sec:s6 .
d:actor/ansa a anc:Organisation ; skos:prefLabel "Agence nouvelle des solidarités actives"@fr ;
    skos:altLabel "ANSA"@fr ; anc:category cat:operateurs-appui ; dct:source sec:s6 .
d:actor/hcts a anc:Organisation ; skos:prefLabel "Haut Conseil du travail social"@fr ;
    anc:category cat:instances-nationales ; anc:installedOn "2016-07-07"^^xsd:date ; anc:memberCount 58 ;
    dct:source sec:s6 .
d:actor/groupe-ressource-nord a anc:Group ; skos:prefLabel "Groupe ressource de personnes accompagnées du Nord"@fr ;
    anc:category cat:personnes-accompagnees ; anc:locatedIn d:territory/departement/59 ; dct:source sec:s7-1 .
d:actor/travailleurs-sociaux-nord a anc:Group ; skos:prefLabel "Travailleurs sociaux de terrain du Nord"@fr ;
    anc:category cat:travailleurs-sociaux ; anc:qualificationLevel 3 ; dct:source sec:s6 .
d:person/marie-paule-cols a anc:PublicRolePerson ; skos:prefLabel "Marie-Paule Cols"@fr ;
    foaf:name "Marie-Paule Cols" ; dct:source sec:s6 .

d:membership/cd59-nord-porteur a anc:Membership ; org:member d:actor/cd59 ; org:organization d:committee/nord ;
    org:role rol:porteur ; schema:startDate "2018-09-21"^^xsd:date ; dct:source sec:s6 .
d:membership/groupe-nord-membre a anc:Membership ; org:member d:actor/groupe-ressource-nord ;
    org:organization d:committee/nord ; org:role rol:groupe-ressource ; anc:participationLevel par:co-construction ;
    schema:startDate "2018-09-21"^^xsd:date ; schema:endDate "2019-06-30"^^xsd:date ; dct:source sec:s7-1 .
d:membership/cols-hcts a anc:Membership ; org:member d:person/marie-paule-cols ; org:organization d:actor/hcts ;
    org:role rol:vice-president ; dct:source sec:s6 .
d:partnership/ansa-nord a anc:Partnership ; anc:participant d:actor/ansa , d:committee/nord ;
    anc:nature nat:accompagnement ; anc:interventionScale scl:mise-en-synergie ;
    schema:startDate "2018-09-21"^^xsd:date ; dct:source sec:s6 .
d:flow/hcts-nord a anc:InformationFlow ; anc:flowFrom d:actor/hcts ; anc:flowTo d:committee/nord ;
    anc:direction dir:descendant ; anc:carries d:production/fiche , thm:partage-informations ; dct:source sec:s6 .
d:production/fiche a anc:Production ; dct:title "Fiche pratique sur le partage d'informations"@fr ;
    dct:subject thm:partage-informations ; dct:date "2017"^^xsd:gYear ;
    schema:url <https://solidarites-sante.gouv.fr/> ; dct:source sec:s6 .
d:survey/enquete a anc:Survey ; skos:prefLabel "Enquête exploratoire"@fr ;
    schema:startDate "2017-12-01"^^xsd:date ; schema:endDate "2018-01-06"^^xsd:date ; dct:source sec:s6 .
d:representation/departement-1er-choix a anc:Representation ; anc:about cat:collectivite-departement ;
    anc:share 0.42 ; anc:choice "1er choix" ; anc:respondentsOf d:survey/enquete ; dct:source sec:s6 ;
    anc:note "Le département est cité en premier choix."@fr .
d:event/seminaire-2019-03 a anc:Event ; skos:prefLabel "Séminaire de mars 2019"@fr ;
    schema:startDate "2019-03"^^xsd:gYearMonth ; anc:organisedBy d:actor/hcts ; dct:source sec:s6 .
d:policy/fapi a anc:Scheme ; skos:prefLabel "Fonds d'appui aux politiques d'insertion"@fr ; dct:source sec:s6 .
"""
# Turtle local names cannot hold "/": write d:kind/key as full IRIs
VALID = re.sub(r"\bd:([\w/-]+)", lambda m: f"<{D}{m.group(1)}>", VALID_TTL)


def valid_graph() -> Graph:
    return Graph().parse(data=VALID, format="turtle")


def _iri(key: str) -> URIRef:
    return URIRef(D + key)


def test_a_complete_valid_graph_conforms():
    g = valid_graph()
    before = len(g)
    assert ontology.validate(g) == []
    assert len(g) == before  # the data is not modified (the ontology is mixed into a copy)


def _set(g, key, prop, *values):
    g.remove((_iri(key), prop, None))
    for v in values:
        g.add((_iri(key), prop, v))


# (case, change, record, shape, severity, word in the French message, word in the English one)
CASES = [
    ("membership without member", lambda g: _set(g, "membership/cd59-nord-porteur", ORG.member),
     "membership/cd59-nord-porteur", "MembershipShape-member", "violation", "membre", "member"),
    ("membership with two members",
     lambda g: g.add((_iri("membership/cd59-nord-porteur"), ORG.member, _iri("actor/ansa"))),
     "membership/cd59-nord-porteur", "MembershipShape-member", "violation", "exactement un membre", "exactly one member"),
    ("membership without organisation", lambda g: _set(g, "membership/cols-hcts", ORG.organization),
     "membership/cols-hcts", "MembershipShape-organization", "violation", "organisation", "organisation"),
    ("end before start",
     lambda g: _set(g, "membership/groupe-nord-membre", SCHEMA.endDate, Literal("2018-01-01", datatype=XSD.date)),
     "membership/groupe-nord-membre", "DateOrderShape", "violation", "précède", "before"),
    ("membership date as text",
     lambda g: _set(g, "membership/cd59-nord-porteur", SCHEMA.startDate, Literal("21/09/2018")),
     "membership/cd59-nord-porteur", "MembershipShape-startDate", "violation", "xsd:date", "xsd:date"),
    ("two start dates",
     lambda g: g.add((_iri("membership/cd59-nord-porteur"), SCHEMA.startDate, Literal("2018-10-01", datatype=XSD.date))),
     "membership/cd59-nord-porteur", "MembershipShape-startDate", "violation", "au plus une", "at most one"),
    ("unknown role", lambda g: _set(g, "membership/cols-hcts", ORG.role, ANCC["role/tresorier"]),
     "membership/cols-hcts", "RoleValueShape-in", "violation", "Rôle inconnu", "Unknown role"),
    ("partnership with one participant",
     lambda g: g.remove((_iri("partnership/ansa-nord"), ANC.participant, _iri("actor/ansa"))),
     "partnership/ansa-nord", "PartnershipShape-participants", "violation", "deux participants", "two participants"),
    ("partnership end before start",
     lambda g: _set(g, "partnership/ansa-nord", SCHEMA.endDate, Literal("2018-09-20", datatype=XSD.date)),
     "partnership/ansa-nord", "DateOrderShape", "violation", "précède", "before"),
    ("unknown category concept",
     lambda g: _set(g, "actor/cd59", ANC.category, ANCC["category/inconnue"]),
     "actor/cd59", "CategoryValueShape-in", "violation", "Catégorie inconnue", "Unknown category"),
    ("category given as a text", lambda g: _set(g, "actor/cd59", ANC.category, Literal("département")),
     "actor/cd59", "CategoryValueShape-in", "violation", "Catégorie inconnue", "Unknown category"),
    ("named person in a group of people receiving support",
     lambda g: g.parse(format="turtle", data=f"""
        <{D}membership/jean-dupont-groupe> a <{ANC}Membership> ;
            <{ORG}member> <{D}person/marie-paule-cols> ; <{ORG}organization> <{D}actor/groupe-ressource-nord> ;
            <{DCTERMS}source> <{D}section/seminaire-2018-s7-1> ."""),
     "membership/jean-dupont-groupe", "SupportedGroupShape-noPersonMember", "violation", "personne nommée", "named person"),
    ("group of people receiving support with a personal name",
     lambda g: g.add((_iri("actor/groupe-ressource-nord"), FOAF.name, Literal("Jean Dupont"))),
     "actor/groupe-ressource-nord", "SupportedGroupShape-noPersonalData", "violation", "Vie privée", "Privacy"),
    ("group of people receiving support with an e-mail",
     lambda g: g.add((_iri("actor/groupe-ressource-nord"), SCHEMA.email, Literal("jean.dupont@example.org"))),
     "actor/groupe-ressource-nord", "SupportedGroupShape-noPersonalData", "violation", "courriel", "e-mail"),
    ("person receiving support described as a person",
     lambda g: g.add((_iri("person/marie-paule-cols"), ANC.category, concept("category", "personnes-accompagnees"))),
     "person/marie-paule-cols", "SupportedGroupShape-notPerson", "violation", "jamais", "never"),
    ("group typed as a person",
     lambda g: g.add((_iri("actor/travailleurs-sociaux-nord"), RDF.type, FOAF.Person)),
     "actor/travailleurs-sociaux-nord", "GroupNotPersonShape-type", "violation", "collectif", "group"),
    ("public-role person with a phone number",
     lambda g: g.add((_iri("person/marie-paule-cols"), SCHEMA.telephone, Literal("01 40 56 86 91"))),
     "person/marie-paule-cols", "PersonContactShape-none", "violation", "téléphone", "phone"),
    ("territory without level", lambda g: _set(g, "territory/departement/59", ANC.level),
     "territory/departement/59", "TerritoryShape-level", "violation", "Niveau manquant", "Missing or multiple level"),
    ("territory with two levels",
     lambda g: g.add((_iri("territory/departement/59"), ANC.level, concept("level", "region"))),
     "territory/departement/59", "TerritoryShape-level", "violation", "exactement un", "exactly one"),
    ("département with a bad code",
     lambda g: _set(g, "territory/departement/59", ANC.inseeCode, Literal("599")),
     "territory/departement/59", "DepartementCodeShape-territories", "violation", "département", "département"),
    ("commune without code", lambda g: _set(g, "territory/commune/59350", ANC.inseeCode),
     "territory/commune/59350", "CommuneCodeShape-territories", "violation", "commune", "commune"),
    ("EPCI with a commune code",
     lambda g: _set(g, "territory/intercommunalite/200093201", ANC.inseeCode, Literal("59350")),
     "territory/intercommunalite/200093201", "EpciCodeShape-territories", "violation", "SIREN", "SIREN"),
    ("unknown level", lambda g: _set(g, "territory/commune/59350", ANC.level, ANCC["level/quartier"]),
     "territory/commune/59350", "LevelValueShape-in", "violation", "Niveau inconnu", "Unknown level"),
    ("flow without direction", lambda g: _set(g, "flow/hcts-nord", ANC.direction),
     "flow/hcts-nord", "InformationFlowShape-direction", "violation", "sens", "direction"),
    ("flow with an unknown direction",
     lambda g: _set(g, "flow/hcts-nord", ANC.direction, ANCC["flow-direction/lateral"]),
     "flow/hcts-nord", "DirectionValueShape-in", "violation", "Sens de flux inconnu", "Unknown flow direction"),
    ("flow without source actor", lambda g: _set(g, "flow/hcts-nord", ANC.flowFrom),
     "flow/hcts-nord", "InformationFlowShape-from", "violation", "anc:flowFrom", "anc:flowFrom"),
    ("share given as a percentage",
     lambda g: _set(g, "representation/departement-1er-choix", ANC.share, Literal("42", datatype=XSD.decimal)),
     "representation/departement-1er-choix", "ShareShape-value", "violation", "entre 0 et 1", "between 0 and 1"),
    ("representation about nothing", lambda g: _set(g, "representation/departement-1er-choix", ANC.about),
     "representation/departement-1er-choix", "RepresentationShape-about", "violation", "anc:about", "anc:about"),
    ("committee without territory", lambda g: _set(g, "committee/nord", ANC.territory),
     "committee/nord", "CommitteeShape-territory", "violation", "territoire", "territory"),
    ("actor with an English label only",
     lambda g: _set(g, "actor/cd59", SKOS.prefLabel, Literal("Nord county council", lang="en")),
     "actor/cd59", "LabelledShape-prefLabelFr", "violation", "français", "French"),
    ("two French labels",
     lambda g: g.add((_iri("actor/cd59"), SKOS.prefLabel, Literal("CD 59", lang="fr"))),
     "actor/cd59", "PrefLabelShape-uniqueLang", "violation", "par langue", "per language"),
    ("reference given as a text", lambda g: _set(g, "actor/cd59", ANC.locatedIn, Literal("Nord")),
     "actor/cd59", "ReferenceShape-iri", "violation", "IRI", "IRI"),
    ("unknown theme", lambda g: _set(g, "production/fiche", DCTERMS.subject, ANCC["theme/meteo"]),
     "production/fiche", "ThemeValueShape-in", "violation", "Thème inconnu", "Unknown theme"),
    ("production address as a text",
     lambda g: _set(g, "production/fiche", SCHEMA.url, Literal("https://solidarites-sante.gouv.fr/")),
     "production/fiche", "ProductionShape-url", "violation", "IRI", "IRI"),
    ("event without label", lambda g: _set(g, "event/seminaire-2019-03", SKOS.prefLabel),
     "event/seminaire-2019-03", "NamedThingShape-label", "violation", "Libellé manquant", "Missing label"),
    ("qualification level out of range",
     lambda g: _set(g, "actor/travailleurs-sociaux-nord", ANC.qualificationLevel, Literal(6)),
     "actor/travailleurs-sociaux-nord", "QualificationLevelShape-value", "violation", "1 à 5", "1 to 5"),
    ("unknown composition rule",
     lambda g: g.add((_iri("committee/nord"), ANC.rule, ANCC["rule/R99"])),
     "committee/nord", "RuleValueShape-in", "violation", "R1 à R12", "R1 to R12"),
    ("organisation without category",
     lambda g: _set(g, "actor/ansa", ANC.category),
     "actor/ansa", "ActorCategoryShape", "warning", "Catégorie manquante", "Missing category"),
    ("fact without source", lambda g: _set(g, "actor/cd59", DCTERMS.source),
     "actor/cd59", "CitesSourceShape-source", "warning", "section", "section"),
    ("project territory of unknown composition",
     lambda g: _set(g, "territory/territoire-projet/bassin-lille", ANC.madeOf),
     "territory/territoire-projet/bassin-lille", "ProjectTerritoryShape-madeOf", "warning", "anc:madeOf", "anc:madeOf"),
]


@pytest.mark.parametrize("case,change,record,shape,severity,fr_word,en_word", CASES, ids=[c[0] for c in CASES])
def test_broken_record_is_rejected_naming_record_and_constraint(case, change, record, shape, severity,
                                                                fr_word, en_word):
    g = valid_graph()
    change(g)
    results = ontology.validate(g, "fr")
    found = [v for v in results if v.focus == D + record and v.shape == str(ANCSH[shape])]
    assert found, f"{case}: no result from {shape} on {record}; got {results}"
    v = found[0]
    assert v.severity == severity
    assert fr_word in v.message, v.message
    assert prefixed_focus(record) in v.text()
    english = [e for e in ontology.validate(g, "en") if e.focus == v.focus and e.shape == v.shape]
    assert english and en_word in english[0].message and english[0].message != v.message
    others = [x for x in results if x.severity == "violation" and x.focus != D + record]
    assert not others, f"{case}: the change should only affect {record}: {others}"


def prefixed_focus(record: str) -> str:
    return "ancd:" + record


def test_unknown_value_is_reported_as_the_value():
    g = valid_graph()
    _set(g, "actor/cd59", ANC.category, ANCC["category/inconnue"])
    (v,) = [x for x in ontology.validate(g) if x.shape == str(ANCSH["CategoryValueShape-in"])]
    assert v.value == str(ANCC["category/inconnue"]) and v.path == "anc:category"
    assert v.constraint == "InConstraintComponent"
    err = v.as_error(file="membres.ttl")
    assert isinstance(err, ValidationError) and "membres.ttl" in str(err) and "inconnue" in str(err)


def test_all_problems_are_reported_at_once():
    g = valid_graph()
    chosen = {"membership without member", "end before start", "partnership with one participant",
              "unknown category concept", "fact without source"}
    for case, change, *_ in CASES:
        if case in chosen:
            change(g)
    shapes_hit = {v.shape.rsplit("#", 1)[-1] for v in ontology.validate(g)}
    assert shapes_hit == {"MembershipShape-member", "DateOrderShape", "PartnershipShape-participants",
                          "CategoryValueShape-in", "CitesSourceShape-source"}
    results = ontology.validate(g)
    order = [ontology.SEVERITIES.index(v.severity) for v in results]
    assert order == sorted(order)  # most serious first


@pytest.mark.parametrize("start,end,bad", [
    (Literal("2019-03", datatype=XSD.gYearMonth), Literal("2019-06-30", datatype=XSD.date), False),
    (Literal("2019-03", datatype=XSD.gYearMonth), Literal("2019-03-01", datatype=XSD.date), False),
    (Literal("2019-03", datatype=XSD.gYearMonth), Literal("2019-02-28", datatype=XSD.date), True),
    (Literal("2019-03-15", datatype=XSD.date), Literal("2019-02", datatype=XSD.gYearMonth), True),
    (Literal("2019", datatype=XSD.gYear), Literal("2019-06", datatype=XSD.gYearMonth), False),
    (Literal("2019-06", datatype=XSD.gYearMonth), Literal("2019-03", datatype=XSD.gYearMonth), True),
])
def test_dates_of_different_precision_compare_without_crashing(start, end, bad):
    """Regression: sh:lessThanOrEquals made pyshacl raise TypeError on a month against a day."""
    g = valid_graph()
    _set(g, "event/seminaire-2019-03", SCHEMA.startDate, start)
    _set(g, "event/seminaire-2019-03", SCHEMA.endDate, end)
    hits = [v for v in ontology.validate(g) if v.shape == str(ANCSH.DateOrderShape)]
    assert bool(hits) == bad


def test_a_date_written_as_text_is_reported_not_fatal():
    g = valid_graph()
    _set(g, "event/seminaire-2019-03", SCHEMA.startDate, Literal("mars 2019"))
    _set(g, "event/seminaire-2019-03", SCHEMA.endDate, Literal("2019-06-30", datatype=XSD.date))
    shapes_hit = {v.shape.rsplit("#", 1)[-1] for v in ontology.validate(g)}
    assert shapes_hit == {"DateShape-start"}


def test_a_dataset_is_validated_as_the_union_of_its_graphs():
    ds = Dataset()
    a = ds.graph(URIRef("https://w3id.org/ancrage/graph/a"))
    b = ds.graph(URIRef("https://w3id.org/ancrage/graph/b"))
    for s, p, o in valid_graph():
        (b if p == ORG.member else a).add((s, p, o))
    assert ontology.validate(ds) == []


def test_validation_of_a_store_graph():
    src_valid = Graph().parse(data=VALID, format="turtle")
    from kg.sources import Source

    store = Store.in_memory([ontology.ontology_source(), Source.from_rdflib("t", "T", src_valid)])
    assert ontology.validate_store(store) == []
    broken = valid_graph()
    _set(broken, "flow/hcts-nord", ANC.direction)
    store = Store.in_memory([Source.from_rdflib("t", "T", broken)])
    assert [v.shape.rsplit("#", 1)[-1] for v in ontology.validate_store(store, graph=ns.graph_iri("t"))] == [
        "InformationFlowShape-direction"]


# ---------------------------------------------------------------------------------------------
# Real data from the other loaders
# ---------------------------------------------------------------------------------------------

def _graph_of(source) -> Graph:
    g = Graph()
    for chunk in source.ntriple_chunks():
        g.parse(data=chunk.decode("utf-8"), format="nt")
    g.parse(data=source.metadata_ntriples().decode("utf-8"), format="nt")
    return g


@pytest.fixture(scope="module")
def seed_graph():
    from loaders import seed

    return _graph_of(seed.load())


def test_the_seed_dataset_conforms(seed_graph):
    results = ontology.validate(seed_graph)
    assert results == [], "\n".join(v.text() for v in results)


def test_sections_cited_by_the_ontology_exist_in_the_seed(onto, seed_graph):
    sections = {str(s) for s in seed_graph.subjects(RDF.type, ANC.SourceSection)}
    cited = {str(o) for o in onto.objects(None, DCTERMS.source)}
    assert cited and cited <= sections, sorted(cited - sections)


def test_the_seed_respects_domains_and_ranges(onto, seed_graph):
    """With RDFS reasoning the seed would infer nothing absurd (an event typed as an actor…)."""
    both = onto + seed_graph

    def classes(node) -> set:
        found = set()
        for t in both.objects(node, RDF.type):
            found |= set(both.transitive_objects(t, RDFS.subClassOf))
        return found

    for prop, domain in onto.subject_objects(RDFS.domain):
        for subject in set(seed_graph.subjects(prop, None)):
            assert domain in classes(subject), f"{subject} uses {prop} (domain {domain})"
    for prop, rng in onto.subject_objects(RDFS.range):
        if (prop, RDF.type, OWL.ObjectProperty) not in onto:
            continue
        for value in set(seed_graph.objects(None, prop)):
            assert rng in classes(value), f"{value} is a value of {prop} (range {rng})"


def test_the_seed_uses_only_labelled_concepts(seed_graph):
    known = _known_concept_iris()
    used = {iri for iri in _all_iris(seed_graph) if iri.startswith(str(ANCC))}
    assert used and used <= known


def test_a_slice_of_the_territorial_reference_conforms():
    from loaders import cog

    g = _graph_of(cog.load(departements=["2A", "974"]))
    results = ontology.validate(g)
    assert results == [], "\n".join(v.text() for v in results[:20])
    assert entity("territory/departement", "2A") in set(g.subjects())
