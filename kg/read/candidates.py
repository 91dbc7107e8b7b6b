"""Who may be suggested as a partner, and what the suggestions keep of each actor.

Never suggested: a committee, a working group, an untyped node, a private person, a person with
no public role recorded, people receiving support not as a group or named like an individual.
Read by the suggestions (:mod:`kg.gaps.suggest`) through :mod:`kg.read.lookups`, and by the
store's index (:mod:`kg.gaps.index`), which keeps what :func:`candidate_base` returns for every
located actor.
"""

from __future__ import annotations

from ..namespaces import ANC
from ..privacy import check_group_name
from .labels import label_from
from .vocab import RDF_TYPE, concept_codes, kind_from

PERSON_CLASSES = {"http://xmlns.com/foaf/0.1/Person", str(ANC.PublicRolePerson)}
NOT_SUGGESTED_KINDS = {"LocalCommittee", "WorkingGroup"}
_CATEGORY, _WORLD, _PUBLIC_ROLE_PERSON = str(ANC.category), str(ANC.world), str(ANC.PublicRolePerson)


def looks_like_individual(name: str) -> bool:
    """Whether a group's name looks like the name of a person (then it is never suggested):
    :func:`kg.privacy.check_group_name`.

    >>> looks_like_individual("Groupe ressource RSA de Loire-Atlantique")
    False
    >>> looks_like_individual("Mme Martin")
    True
    >>> looks_like_individual("Jean DUPONT")
    True
    """
    return check_group_name(name) is not None


def candidate_base(a: str, p: dict[str, list], public, lang: str) -> tuple | None:
    """What the suggestions keep of an actor described by ``p`` (its ``rdf:type``, labels,
    categories and worlds are enough): ``(label, kind, categories, worlds)``, or ``None`` when it
    is never suggested (a committee, a working group, an untyped node, a private person, a person
    with no public role in ``public``, people receiving support not as a group or named like an
    individual).

    >>> candidate_base("https://ex.org/a", {RDF_TYPE: [str(ANC.LocalCommittee)]}, set(), "fr") is None
    True
    """
    types = {str(t) for t in p.get(RDF_TYPE, [])}
    kind = kind_from(p)
    if kind in NOT_SUGGESTED_KINDS or not types:
        return None
    if types & PERSON_CLASSES and (_PUBLIC_ROLE_PERSON not in types or a not in public):
        return None  # a private person, or a person with no public role recorded
    label = label_from(p, a, lang)
    categories = concept_codes(p, _CATEGORY, "category")
    if "personnes-accompagnees" in categories and (kind != "Group" or looks_like_individual(label)):
        return None  # people receiving support only ever as a group, never named
    return (label, kind, categories, concept_codes(p, _WORLD, "world"))


__all__ = ["candidate_base", "looks_like_individual", "PERSON_CLASSES", "NOT_SUGGESTED_KINDS"]
