"""What a thing is called in a language: the one fallback order every reader uses.

The wanted language first, then an untagged label, then the other language of the product
(French ↔ English), then any other; among properties, ``skos:prefLabel`` before
``skos:altLabel``, ``rdfs:label``, ``dct:title`` and ``foaf:name``. A thing with no label is
shown by the last segment of its IRI (:func:`kg.mapping.local_name`), never by the whole IRI.

>>> pick([("Actor A", "en"), ("Acteur A", "fr")], "en"), pick([("Actor A", "en"), ("Acteur A", "fr")], "de")
('Actor A', 'Acteur A')
>>> pick_label([(SKOS + "altLabel", "fr", "CAF"), (SKOS + "prefLabel", "en", "Family fund")], "fr")
'Family fund'
>>> local_name("https://w3id.org/ancrage/id/actor/caf59")
'caf59'
"""

from __future__ import annotations

from ..i18n import LANGS
from ..mapping import local_name

SKOS = "http://www.w3.org/2004/02/skos/core#"
#: Label properties, preferred first.
LABEL_PROPS = (SKOS + "prefLabel", SKOS + "altLabel", "http://www.w3.org/2000/01/rdf-schema#label",
               "http://purl.org/dc/terms/title", "http://xmlns.com/foaf/0.1/name")


def language_order(lang: str) -> tuple[str, ...]:
    """Language tags in the order a label is looked for: ``lang``, untagged, then the product's others.

    >>> language_order("en")
    ('en', '', 'fr')
    """
    return (lang, "", *(other for other in LANGS if other != lang))


def pick(values: list[tuple[str, str]], lang: str) -> str | None:
    """The best text among ``(text, lang)`` pairs in :func:`language_order`, then the smallest other."""
    if not values:
        return None
    for wanted in language_order(lang):
        for text, tag in values:
            if (tag or "") == wanted:
                return text
    return sorted(values)[0][0]


def pick_label(values: list[tuple[str, str, str]], lang: str = "fr") -> str | None:
    """The best label among ``(property, lang, text)`` triples: by property (:data:`LABEL_PROPS`),
    then by :func:`language_order`; ties by text."""
    order = [(prop, wanted) for prop in LABEL_PROPS for wanted in language_order(lang)]
    best = None
    for prop, tag, text in values:
        rank = order.index((prop, tag)) if (prop, tag) in order else len(order)
        if best is None or (rank, text) < best[0]:
            best = ((rank, text), text)
    return best[1] if best else None


def label_from(props: dict[str, list], iri: str, lang: str = "fr") -> str:
    """The label of ``iri`` from its described properties (``{property: [(lang, text)]}``)."""
    values = [(p, tag, text) for p in LABEL_PROPS for (tag, text) in props.get(p, [])]
    return pick_label(values, lang) or local_name(iri)


__all__ = ["LABEL_PROPS", "LANGS", "language_order", "pick", "pick_label", "local_name", "label_from"]
