"""The concepts the composition check reasons with, and their labels.

Codes come from :data:`kg.namespaces.SCHEMES`; labels are read from the store (the ontology
graph), then from :mod:`kg.ontology`, and fall back to the code itself.

>>> code_of("https://w3id.org/ancrage/concept/category/federation")
'federation'
>>> family("collectivite-departement")
'collectivite-territoriale'
>>> family("federation")
'federation'
"""

from __future__ import annotations

from .. import ontology
from ..i18n import other_lang
from ..namespaces import CATEGORY_BROADER, SCHEMES, concept, entity
from ..read.lookups import lookups
from ..read.vocab import code_of, scheme_of

#: Narrower categories and their parent in the partner typology (``skos:broader``).
BROADER = CATEGORY_BROADER

#: Top-level categories (families) of the typology, in the scheme's order.
FAMILIES: list[str] = [c for c in SCHEMES["category"] if c not in BROADER]

#: Territorial levels the committee should link (R9), from the region down.
LINKED_LEVELS = ["region", "departement", "intercommunalite", "commune", "infra-communal"]

#: Moine's four worlds to link; the other worlds are the fields of social development.
MOINE_WORLDS = ["social", "animation", "economie", "amenagement"]

#: Membership roles that make a full member (R1: "membre à part entière").
FULL_ROLES = {"membre", "porteur", "co-pilote", "comite-pilotage", "president", "vice-president"}

def section_iri(key: str) -> str:
    """IRI of a section of the seminar proceedings.

    >>> section_iri("s7-1")
    'https://w3id.org/ancrage/id/section/seminaire-2018-s7-1'
    """
    return str(entity("section", f"seminaire-2018-{key}"))


def family(category_code: str) -> str:
    """The top-level category a category belongs to (itself for a top-level one)."""
    return BROADER.get(category_code, category_code)


def cat(code: str) -> str:
    """IRI (``str``) of a category concept."""
    return str(concept("category", code))


def label_index(store) -> dict[tuple[str, str], str]:
    """``(iri, lang) -> label`` for every concept with a ``skos:prefLabel`` in the store
    (:meth:`kg.read.lookups.Lookups.concept_labels`)."""
    return lookups(store).concept_labels()


def concept_label(store, iri: str, lang: str = "fr") -> str:
    """Label of a concept in ``lang``: store, then :mod:`kg.ontology`, then the code."""
    index = label_index(store)
    for key in ((iri, lang), (iri, other_lang(lang)), (iri, "")):
        if key in index:
            return index[key]
    return str(ontology.concept_label(iri, lang) or code_of(iri) or iri)


__all__ = ["BROADER", "FAMILIES", "LINKED_LEVELS", "MOINE_WORLDS", "FULL_ROLES", "section_iri", "code_of",
           "scheme_of", "family", "cat", "label_index", "concept_label"]
