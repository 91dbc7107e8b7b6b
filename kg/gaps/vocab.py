"""The concepts the composition check reasons with, and their labels.

Codes come from :data:`kg.namespaces.SCHEMES`; labels are read from the store (the ontology
graph), then from :mod:`kg.ontology` when it is importable, and fall back to the code itself.

>>> code_of("https://w3id.org/ancrage/concept/category/federation")
'federation'
>>> family("collectivite-departement")
'collectivite-territoriale'
>>> family("federation")
'federation'
"""

from __future__ import annotations

from ..i18n import other_lang
from ..namespaces import ANCC, CATEGORY_BROADER, SCHEMES, concept, entity

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


def code_of(iri: str | None) -> str | None:
    """The code of a concept IRI (its last path segment); ``None`` stays ``None``."""
    if iri is None:
        return None
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def scheme_of(iri: str) -> str | None:
    """The scheme of a concept IRI, or ``None`` if it is not one of ours.

    >>> scheme_of("https://w3id.org/ancrage/concept/level/region")
    'level'
    """
    text = str(iri)
    if not text.startswith(str(ANCC)):
        return None
    parts = text[len(str(ANCC)):].split("/")
    return parts[0] if len(parts) == 2 else None


def family(category_code: str) -> str:
    """The top-level category a category belongs to (itself for a top-level one)."""
    return BROADER.get(category_code, category_code)


def cat(code: str) -> str:
    """IRI (``str``) of a category concept."""
    return str(concept("category", code))


_LABELS: dict[str, dict] = {}


def label_index(store) -> dict[tuple[str, str], str]:
    """``(iri, lang) -> label`` for every concept with a ``skos:prefLabel`` in the store.

    Kept per store version (the ontology graph does not change within a version).
    """
    index = _LABELS.get(store.version)
    if index is None:
        from .index import index_for  # the store's index has read them already (one scan, on disk)

        idx = index_for(store)
        if idx is not None:
            return idx.concept_labels
    if index is None:
        rows = store.select(
            "SELECT ?c (LANG(?l) AS ?lang) ?l WHERE { ?c skos:prefLabel ?l "
            f"FILTER(STRSTARTS(STR(?c), \"{ANCC}\")) }}").rows
        index = {(str(c), lang or ""): str(l) for c, lang, l in rows}
        if len(_LABELS) > 16:
            _LABELS.clear()
        _LABELS[store.version] = index
    return index


def concept_label(store, iri: str, lang: str = "fr") -> str:
    """Label of a concept in ``lang``: store, then :mod:`kg.ontology`, then the code."""
    index = label_index(store)
    for key in ((iri, lang), (iri, other_lang(lang)), (iri, "")):
        if key in index:
            return index[key]
    try:  # the ontology module, when it is installed
        from .. import ontology  # type: ignore

        text = ontology.concept_label(iri, lang)
        if text:
            return str(text)
    except Exception:  # noqa: BLE001 - the ontology module is optional here
        pass
    return code_of(iri) or str(iri)
