"""What an actor is, and which relations link two actors: the one definition every reader uses.

>>> ACTOR_CLASSES[0], ACTOR_CLASSES[-1]
('LocalCommittee', 'Actor')
>>> most_specific_kind(["Actor", "Organisation", "LocalCommittee"])
'LocalCommittee'
>>> most_specific_kind([])
'Actor'
>>> sparql_values(("Group", "Actor"))
'anc:Group anc:Actor'
>>> [link.kind for link in LINKS]
['membership', 'partnership', 'flow', 'sub-organisation', 'accompaniment']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Classes (local names in the ``anc:`` namespace) whose instances are actors, most specific
#: first: a committee is also an organisation, so its kind is ``LocalCommittee``.
ACTOR_CLASSES: tuple[str, ...] = ("LocalCommittee", "WorkingGroup", "Group", "PublicRolePerson",
                                  "Organisation", "Actor")
#: The kinds shown and counted as actors (every actor class but the abstract ``Actor``).
ACTOR_KINDS: tuple[str, ...] = tuple(c for c in ACTOR_CLASSES if c != "Actor")
#: Classes of the n-ary relations between actors.
RELATION_CLASSES: tuple[str, ...] = ("Membership", "Partnership", "InformationFlow")

ORG = "http://www.w3.org/ns/org#"
ANC = "https://w3id.org/ancrage/def#"
ANCC = "https://w3id.org/ancrage/concept/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def most_specific_kind(classes: Iterable[str]) -> str:
    """The most specific actor class among ``classes`` (local names or full IRIs), else ``Actor``."""
    names = {c.rsplit("#", 1)[-1] for c in classes}
    return next((c for c in ACTOR_CLASSES if c in names), "Actor")


def code_of(iri: str | None) -> str | None:
    """The code of a concept IRI (its last path segment); ``None`` stays ``None``.

    >>> code_of("https://w3id.org/ancrage/concept/category/federation")
    'federation'
    """
    if iri is None:
        return None
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def scheme_of(iri: str) -> str | None:
    """The scheme of a concept IRI, or ``None`` if it is not one of ours.

    >>> scheme_of("https://w3id.org/ancrage/concept/level/region")
    'level'
    """
    text = str(iri)
    if not text.startswith(ANCC):
        return None
    parts = text[len(ANCC):].split("/")
    return parts[0] if len(parts) == 2 else None


def concept_codes(props: dict[str, list], prop: str, scheme: str) -> tuple[str, ...]:
    """The codes of the concepts of ``scheme`` among the values of ``prop`` (sorted, once each)."""
    return tuple(sorted({code_of(v) for v in props.get(prop, []) if scheme_of(str(v)) == scheme}))


def kind_from(props: dict[str, list]) -> str:
    """The most specific actor class among the ``rdf:type`` values of ``props``, else ``Actor``."""
    return most_specific_kind(str(t) for t in props.get(RDF_TYPE, []) if str(t).startswith(ANC))


def sparql_values(classes: Iterable[str] = ACTOR_CLASSES) -> str:
    """The body of a SPARQL ``VALUES`` block naming ``classes`` (``anc:`` prefixed names)."""
    return " ".join(f"anc:{c}" for c in classes)


#: ``VALUES ?t { … }`` bodies for every actor class, and for the kinds shown (no ``anc:Actor``).
ACTOR_VALUES = sparql_values(ACTOR_CLASSES)
ACTOR_KIND_VALUES = sparql_values(ACTOR_KINDS)


@dataclass(frozen=True)
class LinkKind:
    """One kind of link of the actor network.

    ``relation``: the class of the relation node (``None`` for a plain triple ``a prop b``);
    ``tail`` / ``head``: the properties from the relation node to each end (for a plain triple,
    ``tail`` is the property from one end to the other and ``head`` is ``None``); a partnership
    names every participant with the same property (``head == tail``, symmetric).
    ``other_heads``: the head may be something else than an actor (one accompanies a territory
    too), so the whole-graph query checks the head's class.
    """

    kind: str
    relation: str | None
    tail: str
    head: str | None
    other_heads: bool = False

    @property
    def symmetric(self) -> bool:
        return self.relation is not None and self.tail == self.head

    def directed(self) -> str:
        """The SPARQL pattern binding ``?a`` (tail) and ``?b`` (head), and ``?rel`` for a relation node."""
        if self.relation is None:
            return f"?a <{self.tail}> ?b ."
        if self.symmetric:
            return f"?rel a anc:{self.relation} ; <{self.tail}> ?a, ?b ."
        return f"?rel a anc:{self.relation} ; <{self.tail}> ?a ; <{self.head}> ?b ."

    def patterns(self) -> tuple[str, ...]:
        """SPARQL triple patterns binding ``?x`` and its neighbour ``?y``, read both ways
        (a relation node is ``?r``)."""
        if self.relation is None:
            return (f"?x <{self.tail}> ?y .", f"?y <{self.tail}> ?x .")
        if self.symmetric:
            return (f"?r a anc:{self.relation} ; <{self.tail}> ?x, ?y .",)
        return (f"?r a anc:{self.relation} ; <{self.tail}> ?x ; <{self.head}> ?y .",
                f"?r a anc:{self.relation} ; <{self.head}> ?x ; <{self.tail}> ?y .")


#: The links of the actor network, in the order their kinds are listed: a member and its
#: organisation, partners, the sender and the receiver of a flow, a unit and its parent, who
#: accompanies and who is accompanied. The tail is the directed link's origin.
LINKS: tuple[LinkKind, ...] = (
    LinkKind("membership", "Membership", ORG + "member", ORG + "organization"),
    LinkKind("partnership", "Partnership", ANC + "participant", ANC + "participant"),
    LinkKind("flow", "InformationFlow", ANC + "flowFrom", ANC + "flowTo"),
    LinkKind("sub-organisation", None, ORG + "subOrganizationOf", None),
    LinkKind("accompaniment", None, ANC + "accompanies", None, other_heads=True),
)

#: One pattern per kind of link and direction (one query each: Oxigraph joins a ``VALUES``
#: block into a single basic graph pattern well, into a ``UNION`` badly).
NEIGHBOUR_PATTERNS: tuple[str, ...] = tuple(p for link in LINKS for p in link.patterns())


__all__ = ["ACTOR_CLASSES", "ACTOR_KINDS", "RELATION_CLASSES", "ACTOR_VALUES", "ACTOR_KIND_VALUES", "LINKS",
           "LinkKind", "NEIGHBOUR_PATTERNS", "most_specific_kind", "sparql_values", "code_of", "scheme_of",
           "concept_codes", "kind_from"]
