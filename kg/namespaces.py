"""Namespaces and the terms of the Ancrage vocabulary, in one place.

Every module that writes or reads RDF takes its IRIs from here, and a test checks that each
term named here is declared (with French and English labels) in ``ontology/ancrage.ttl`` and
each concept in ``ontology/concepts/*.ttl``. Add a term here *and* in the ontology, never in
one place only.

IRI patterns
------------
* ontology terms (classes, properties): ``https://w3id.org/ancrage/def#Term``
* concepts of the SKOS schemes: ``https://w3id.org/ancrage/concept/<scheme>/<code>``,
  the scheme itself ``https://w3id.org/ancrage/concept/<scheme>``
* data (things the graph describes): ``https://w3id.org/ancrage/id/<kind>/<key>``
  (see :func:`entity`)
* named graphs, one per source: ``https://w3id.org/ancrage/graph/<source-id>``

>>> str(ANC.Actor)
'https://w3id.org/ancrage/def#Actor'
>>> str(concept("category", "federation"))
'https://w3id.org/ancrage/concept/category/federation'
>>> str(entity("territory/departement", "2A"))
'https://w3id.org/ancrage/id/territory/departement/2A'
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/ancrage/"
ANC = Namespace(BASE + "def#")
ANCC = Namespace(BASE + "concept/")
ANCD = Namespace(BASE + "id/")
ANCG = Namespace(BASE + "graph/")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "anc": str(ANC),
    "ancc": str(ANCC),
    "ancd": str(ANCD),
    "ancg": str(ANCG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "org": str(ORG),
    "prov": str(PROV),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "geo": str(GEO),
    "sh": str(SH),
}

#: SPARQL prologue with every prefix above, for users' free queries (the named queries in
#: ontology/queries/*.rq declare their own and run as they are in any SPARQL tool).
SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"


def with_prologue(sparql: str) -> str:
    """``sparql`` with a ``PREFIX`` line for each of our prefixes it does not declare itself.

    >>> with_prologue("PREFIX anc: <urn:x#> SELECT * WHERE { ?s a anc:A }").count("PREFIX anc:")
    1
    >>> with_prologue("SELECT * WHERE { ?s a anc:Actor }").startswith("PREFIX anc: <https://w3id.org/ancrage/def#>")
    True
    """
    declared = {m for m in re.findall(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", sparql, re.I | re.M)}
    missing = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
    return missing + sparql

# ---------------------------------------------------------------------------------------------
# Classes (all in ANC). Superclasses in brackets are declared in the ontology.
# ---------------------------------------------------------------------------------------------
CLASSES = [
    "Actor",  # [prov:Agent] anyone or anything that acts on a territory
    "Organisation",  # [Actor, org:Organization] institution, body, association, service
    "LocalCommittee",  # [Organisation, org:FormalOrganization] comité local du travail social (CLTSDS)
    "WorkingGroup",  # [Organisation, org:OrganizationalUnit] working group or commission of a body
    "PublicRolePerson",  # [Actor, foaf:Person] a person named only in a public role (official, researcher)
    "Group",  # [Actor, foaf:Group] a collective of people, never individuals (people receiving support, front-line workers)
    "Territory",  # [geo:Feature] an administrative territory at one level
    "ProjectTerritory",  # [Territory] a project territory (bassin de vie) made of administrative units
    "Membership",  # [org:Membership] n-ary: member, organisation, role, dates
    "Partnership",  # [prov:Activity] n-ary: participants (2+), nature, scale, level, dates
    "Policy",  # [prov:Plan] a public policy, plan, strategy or legal text
    "Scheme",  # [Policy] a dispositif or funding scheme (RSA, CCAPEX, FAPI, CAPI)
    "Event",  # [prov:Activity, schema:Event] seminars and meetings
    "InformationFlow",  # [prov:Activity] top-down / bottom-up / transversal flow between actors
    "Production",  # [schema:CreativeWork, foaf:Document] a publication (sheet, guide, opinion, report)
    "Representation",  # [prov:Entity] what a population of actors thinks (Moine): a survey finding
    "Survey",  # [prov:Activity] the exploratory survey that produced representations
    "SourceDocument",  # [prov:Entity, dct:BibliographicResource] a source document
    "SourceSection",  # [prov:Entity] a numbered section of a source document
    "SourcePassage",  # [prov:Entity] a line range of a source document, with its verbatim text
    "CompositionRule",  # [skos:Concept] a rule R1–R12 a committee must meet
    "Dataset",  # [prov:Entity, dct:Dataset] a loaded source (one named graph)
]

# ---------------------------------------------------------------------------------------------
# Properties (all in ANC). Domain -> range.
# Reused standard properties, used as they are: rdfs:label, skos:prefLabel/altLabel/definition,
# dct:identifier, dct:title, dct:description, dct:source (-> SourceSection), dct:date,
# dct:isPartOf, dct:hasPart, dct:subject (-> Theme concept), dct:creator, dct:license,
# schema:startDate / schema:endDate (xsd:date), schema:url, foaf:name, foaf:homepage,
# org:member / org:organization / org:role (Membership), org:subOrganizationOf,
# org:hasUnit / org:unitOf, geo:sfWithin (territorial nesting), prov:wasDerivedFrom,
# prov:generatedAtTime.
# ---------------------------------------------------------------------------------------------
OBJECT_PROPERTIES = [
    "category",  # Actor -> concept of scheme "category" (one or more)
    "world",  # Actor|Partnership|LocalCommittee -> concept of scheme "world"
    "locatedIn",  # Actor -> Territory where the actor sits or acts
    "territory",  # LocalCommittee -> Territory the committee covers
    "level",  # Territory -> concept of scheme "level"
    "interventionScale",  # Partnership|Membership|Actor -> concept of scheme "scale"
    "participationLevel",  # Membership|Partnership -> concept of scheme "participation"
    "nature",  # Partnership -> concept of scheme "partnership-nature"
    "participant",  # Partnership|Event -> Actor
    "accompanies",  # Actor -> LocalCommittee|Territory (ANSA accompanies four territories)
    "supervisedBy",  # Organisation -> Organisation (tutelle; governance nesting other than sub-organisation)
    "flowFrom",  # InformationFlow -> Actor
    "flowTo",  # InformationFlow -> Actor
    "direction",  # InformationFlow -> concept of scheme "flow-direction"
    "carries",  # InformationFlow -> Production|Theme concept
    "mission",  # LocalCommittee|Representation -> concept of scheme "mission"
    "about",  # Representation -> what it is about (a category, mission, body, policy)
    "fundedBy",  # Partnership|LocalCommittee -> Scheme (FAPI, CAPI)
    "concerns",  # Policy|Production|Event -> Actor|Territory|concept it concerns
    "rule",  # used by gaps reports: finding -> CompositionRule
    "madeOf",  # ProjectTerritory -> Territory (its administrative parts)
    "respondentsOf",  # Representation -> Survey that produced it
    "organisedBy",  # Event -> Actor
    "passage",  # any statement -> SourcePassage it rests on (finer than dct:source -> SourceSection)
    "heldBy",  # Representation -> Actor|Group holding it (who sees whom: Moine's representations)
    "profession",  # Group|Membership -> concept of scheme "profession"
    "teaches",  # Actor -> concept of scheme "training" (the trainings an actor teaches)
    "public",  # Group|Policy|Production|Representation|Partnership -> concept of scheme "public"
    "statementStatus",  # any statement (relation node, Representation, entity) -> concept of scheme "statement-status"; absent = observed
    "status",  # Actor -> concept of scheme "status" (attested, derived from the reference, presumed)
]
DATATYPE_PROPERTIES = [
    "inseeCode",  # Territory -> xsd:string (COG code; SIREN for EPCI)
    "population",  # Territory -> xsd:integer
    "share",  # Representation -> xsd:decimal in [0, 1] (0.42 for 42 %)
    "choice",  # Representation -> xsd:string ("1er choix", "1er et 2e choix")
    "qualificationLevel",  # Group|Actor -> xsd:integer 1..5 (social-work qualification levels 5 to 1)
    "memberCount",  # Organisation|Group -> xsd:integer
    "sectionNumber",  # SourceSection -> xsd:string ("4", "7.2")
    "installedOn",  # Organisation -> xsd:date (HCTS installed 7 July 2016)
    "sourceId",  # Dataset -> xsd:string (the short id of the source, e.g. "seed")
    "recordCount",  # Dataset -> xsd:integer
    "rejectedCount",  # Dataset -> xsd:integer
    "note",  # any -> rdf:langString (a remark from the source)
    "shareMin",  # Representation -> xsd:decimal lower bound of a share given as a range ("entre 72 % et 91 %")
    "shareMax",  # Representation -> xsd:decimal upper bound of a share ("un peu moins de 40 %")
    "startLine",  # SourcePassage -> xsd:integer first line (1-based) in its document
    "endLine",  # SourcePassage -> xsd:integer last line (inclusive)
    "quote",  # SourcePassage -> rdf:langString the verbatim text of the lines (markup removed)
    "statusBasis",  # Actor -> rdf:langString (why the status: the rule or the file that says so)
    "siren",  # Organisation -> xsd:string (9-digit SIREN of the legal unit, INSEE's SIRENE)
    "siret",  # Organisation -> xsd:string (14-digit SIRET of the establishment)
    "finess",  # Organisation -> xsd:string (9-character FINESS number, establishment or legal entity)
    "rna",  # Organisation -> xsd:string (W + 9 characters, the national register of associations)
]

# ---------------------------------------------------------------------------------------------
# SKOS concept schemes: scheme id -> concept codes. IRIs: ANCC[f"{scheme}/{code}"].
# Labels (fr, en) and definitions live in ontology/concepts/<scheme>.ttl.
# ---------------------------------------------------------------------------------------------
SCHEMES: dict[str, list[str]] = {
    # the partner typology (domain.md, 19 categories; narrower ones after their parent)
    "category": [
        "collectivite-territoriale",
        "collectivite-region",
        "collectivite-departement",
        "collectivite-epci",
        "collectivite-commune",  # commune and its CCAS
        "services-etat",
        "administration-centrale",
        "services-deconcentres",
        "protection-sociale",
        "federation",
        "association-gestionnaire",
        "association-caritative",
        "formation",
        "universite-recherche",
        "partenaires-sociaux",
        "representants-professionnels",
        "representants-personnes-accompagnees",
        "personnes-accompagnees",
        "travailleurs-sociaux",
        "encadrement-employeurs",
        "elus",
        "instances-nationales",
        "comites-ethique",
        "developpement-social",
        "operateurs-appui",
    ],
    "level": [
        "international",
        "national",
        "region",
        "departement",
        "intercommunalite",
        "commune",
        "infra-communal",
        "territoire-projet",
        "collectivite-outre-mer",  # COM (975, 977, 978, 984, 986-989): both région and département in the COG
    ],
    # how sure the graph is that an actor exists (shown on the actor card)
    "status": ["atteste", "derive", "presume"],
    "scale": ["initiale", "mise-en-lien", "mise-en-synergie"],
    "world": [
        "social",
        "animation",
        "economie",
        "amenagement",
        "logement",
        "sante",
        "emploi-insertion",
        "culture",
        "education-formation",
        "numerique",
    ],
    "participation": ["consultation", "co-construction", "coproduction"],
    "role": [
        "membre",
        "porteur",
        "co-pilote",
        "comite-pilotage",
        "groupe-ressource",
        "groupe-travail",
        "president",
        "vice-president",
        "secretariat",
        "appui-methodologique",
        "chef-de-service",  # a head of department (Corinne Michel, DGCS)
        "sous-directeur",  # a sub-director (David Soubrié, DGCS)
    ],
    "partnership-nature": [
        "financement",
        "convention",
        "co-construction",
        "partage-information",
        "accompagnement",
        "formation",
    ],
    "flow-direction": ["descendant", "ascendant", "transversal"],
    # the professions the source names (13 professions, levels 5 to 1; it names only a few)
    "profession": ["assistant-service-social", "educateur", "assistant-familial", "travailleur-medico-social",
                   "encadrement"],
    # the social-work trainings Moine and Sorita teach (section 4, l.316)
    "training": ["ass", "es", "eje", "cesf", "caferuis", "cafdes", "deis"],
    # the publics the source names
    "public": ["personnes-accompagnees", "personnes-concernees", "habitants", "usagers", "allocataires-rsa",
               "personnes-agees-handicapees", "personnes-accueillies-ehpad", "personnes-seules-domicile"],
    # what a statement asserts; a statement without anc:statementStatus is an observed fact
    "statement-status": ["observe", "attendu", "perception", "question-ouverte", "demande"],
    "mission": [
        "coordination",
        "reflexion-evolution",
        "decloisonnement",
        "ethique",
        "veille-prospective",
        "developpement-social",
        "strategies-communes",
        "recherche",
        "relais-hcts",
        "avis-recommandations",
        "referentiels-normes",
    ],
    "theme": [
        "fondamentaux",
        "ethique-deontologie",
        "vision-partagee",
        "missions-medico-sociales",
        "outre-mer",
        "nouveaux-publics",
        "realites-terrain",
        "numerique",
        "prevention-epuisement",
        "formation-alternance",
        "posture-developpement-social",
        "evolution-metiers",
        "complementarite-metiers",
        "reformes",
        "remontees-terrain",
        "problematiques-emergentes",
        "partage-informations",
        "participation",
        "definition-travail-social",
        "ancrage-territorial",
        "radicalisation",
    ],
}

#: Narrower categories of the partner typology and their broader one (``skos:broader`` in
#: ontology/concepts/category.ttl; a test checks both agree).
CATEGORY_BROADER: dict[str, str] = {
    "collectivite-region": "collectivite-territoriale",
    "collectivite-departement": "collectivite-territoriale",
    "collectivite-epci": "collectivite-territoriale",
    "collectivite-commune": "collectivite-territoriale",
    "administration-centrale": "services-etat",
    "services-deconcentres": "services-etat",
}

RULES = [f"R{i}" for i in range(1, 13)]

#: The status of an observed fact. A statement without ``anc:statementStatus`` counts as observed
#: (imported committee data are observations); every other status (attendu, perception,
#: question-ouverte, demande) is never evidence of a fact.
OBSERVED = ANCC["statement-status/observe"]


def observed_filter(var: str) -> str:
    """SPARQL group pattern keeping ``?var`` only when it is an observed statement.

    Put it inside the group that binds ``?var``; it uses no other variable of the query.

    >>> "FILTER NOT EXISTS" in observed_filter("rel")
    True
    """
    v = var.lstrip("?")
    return (f"FILTER NOT EXISTS {{ ?{v} <{ANC.statementStatus}> ?_status_{v} . "
            f"FILTER(?_status_{v} != <{OBSERVED}>) }}")


def is_observed(graph, node) -> bool:
    """True when ``node`` of an rdflib graph states an observed fact (no status, or ``observe``)."""
    return all(s == OBSERVED for s in graph.objects(node, ANC.statementStatus))


def concept(scheme: str, code: str) -> URIRef:
    """IRI of a concept; raises ``KeyError`` for a code the vocabulary does not define.

    >>> concept("scale", "initiale").endswith("/scale/initiale")
    True
    """
    if code not in SCHEMES[scheme]:
        raise KeyError(f"unknown concept {scheme}/{code}; known: {', '.join(SCHEMES[scheme])}")
    return ANCC[f"{scheme}/{code}"]


def scheme(scheme_id: str) -> URIRef:
    """IRI of a concept scheme."""
    if scheme_id not in SCHEMES:
        raise KeyError(f"unknown scheme {scheme_id}; known: {', '.join(SCHEMES)}")
    return ANCC[scheme_id]


def rule(rule_id: str) -> URIRef:
    """IRI of a composition rule (R1..R10).

    >>> str(rule("R4"))
    'https://w3id.org/ancrage/concept/rule/R4'
    """
    if rule_id not in RULES:
        raise KeyError(f"unknown rule {rule_id}")
    return ANCC[f"rule/{rule_id}"]


def entity(kind: str, key: str) -> URIRef:
    """IRI of a described thing; ``key`` is slugified unless it is already a safe code.

    >>> str(entity("actor", "Conseil départemental du Nord"))
    'https://w3id.org/ancrage/id/actor/conseil-departemental-du-nord'
    """
    return ANCD[f"{kind}/{slug(key)}"]


def graph_iri(source_id: str) -> URIRef:
    """IRI of the named graph holding one source.

    >>> str(graph_iri("seed"))
    'https://w3id.org/ancrage/graph/seed'
    """
    return ANCG[slug(source_id)]


_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated key; INSEE-like codes (``2A``, ``971``) are kept as they are.

    >>> slug("L'Haÿ-les-Roses")
    'l-hay-les-roses'
    >>> slug("2A")
    '2A'
    """
    text = text.strip()
    if _SAFE.match(text) and (text.isdigit() or re.match(r"^[0-9][0-9AB][0-9]*$", text)):
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
