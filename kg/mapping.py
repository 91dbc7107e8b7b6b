"""The one mapping from the RDF model to property graphs (networkx, Neo4j, GraphML, GEXF).

* a typed resource becomes a node; its labels are the local names of its classes
  (``anc:LocalCommittee`` -> ``LocalCommittee``; ``skos:Concept`` -> ``Concept``), plus the
  marker label :data:`MARKER` in Neo4j; its key is its IRI (property ``uri``);
* a literal-valued property becomes a node property named by :func:`property_key`
  (``dct:title`` -> ``title``; ``skos:prefLabel`` with ``@fr``/``@en`` -> ``prefLabel_fr``,
  ``prefLabel_en``); repeated values become lists;
* an IRI-valued property between two nodes becomes a relationship typed by :func:`rel_type`
  (``anc:locatedIn`` -> ``LOCATED_IN``, ``org:subOrganizationOf`` -> ``SUB_ORGANIZATION_OF``);
* n-ary relations (memberships, partnerships, information flows) stay nodes, as in the RDF.

>>> rel_type("https://w3id.org/ancrage/def#locatedIn")
'LOCATED_IN'
>>> node_label("http://www.w3.org/ns/org#Membership")
'Membership'
>>> property_key("http://www.w3.org/2004/02/skos/core#prefLabel", "fr")
'prefLabel_fr'
"""

from __future__ import annotations

import re

from .namespaces import ANC, PREFIXES

MARKER = "Ancrage"
#: Node property holding the named graph (source) a node was written from.
SOURCE_KEY = "sourceGraph"
URI_KEY = "uri"
#: Rows per transaction of a push: 10,000 keeps a transaction's memory small and the commits few.
#: (Here, not in :mod:`kg.neo4j.push`, so that the CLI can show it without loading the driver.)
DEFAULT_BATCH = 10_000
#: Writers of a push running side by side, each with its own session (see :mod:`kg.neo4j.lanes`).
#: Two use a second core of the server: nationally 1.34× the rows per second of one writer, with
#: Neo4j on the same 2-core machine (``bench/bench_neo4j.py``); a bigger server may take more.
DEFAULT_WORKERS = 2

# Properties whose IRI values are kept as node properties, not relationships (they point
# outside the graph: web pages, files).
IRI_AS_PROPERTY = {
    "https://schema.org/url",
    "http://xmlns.com/foaf/0.1/homepage",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
}


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/ancrage/def#Actor")
    'Actor'
    """
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def node_label(class_iri: str) -> str:
    name = local_name(class_iri)
    return name[:1].upper() + name[1:]


def rel_type(property_iri: str) -> str:
    """``camelCase`` local name -> ``UPPER_SNAKE_CASE`` relationship type."""
    name = local_name(property_iri)
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def property_key(property_iri: str, lang: str | None = None) -> str:
    key = local_name(property_iri)
    return f"{key}_{lang}" if lang else key


def prefixed(iri: str) -> str:
    """Compact form with the project's prefixes, for display.

    >>> prefixed("https://w3id.org/ancrage/def#Actor")
    'anc:Actor'
    """
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


N_ARY_CLASSES = {str(ANC.Membership), str(ANC.Partnership), str(ANC.InformationFlow)}
