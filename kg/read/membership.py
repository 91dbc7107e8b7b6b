"""Who is a member of what at a date, and when a relation holds: the one rule every reader uses.

**The rule.** A relation (membership, partnership, information flow) holds at a date when it
started on or before it (or has no start) and has not ended before it (or has no end): a
membership that ended on the day still counts that day, one that ended the day before does not
(:func:`holds_at`). Its dates are the earliest ``schema:startDate`` (else the earliest
``dct:date``, the day a flow was stated) and the latest ``schema:endDate``
(:func:`relation_dates`). Only observed memberships make a member
(:func:`kg.namespaces.observed_filter`): an expected or requested one is not a fact about the
committee. The composition check (:mod:`kg.gaps.facts`), the state of the network at a date
(:mod:`kg.analysis.temporal`) and the explorer's committee page (:mod:`kg.app.model`) ask here.

>>> holds_at("2018-09-21", None, dt.date(2019, 1, 1))
True
>>> holds_at(None, "2018-12-31", dt.date(2019, 1, 1)), holds_at(None, "2019-01-01", dt.date(2019, 1, 1))
(False, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..namespaces import observed_filter
from ..queries import sparql_term
from .vocab import RELATION_CLASSES, sparql_values

#: The kind of link (:data:`kg.read.vocab.LINKS`) of each relation class.
KIND_OF_RELATION = {"Membership": "membership", "Partnership": "partnership", "InformationFlow": "flow"}


def as_date(value) -> dt.date | None:
    """A date from a store value (``date``, ISO text, ``dd/mm/yyyy``, ``yyyy-mm``, ``yyyy``); ``None`` if not one.

    >>> as_date("21/09/2018"), as_date("2018"), as_date("soon")
    (datetime.date(2018, 9, 21), datetime.date(2018, 1, 1), None)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(text[:10] if fmt == "%Y-%m-%d" else text, fmt).date()
        except ValueError:
            continue
    return None


def holds_at(start, end, at: dt.date | None) -> bool:
    """Whether a relation dated ``start``..``end`` holds at ``at`` (``at=None``: always; undated: always)."""
    if at is None:
        return True
    start, end = as_date(start), as_date(end)
    return (start is None or start <= at) and (end is None or end >= at)


# ---------------------------------------------------------------------------------------------
# Relation dates
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RelationDates:
    """The kind of a relation node (``membership``, ``partnership``, ``flow``) and its dates."""

    kind: str
    start: dt.date | None
    end: dt.date | None

    def holds_at(self, at: dt.date | None) -> bool:
        return holds_at(self.start, self.end, at)


RELATION_DATES_QUERY = f"""
SELECT ?rel ?type ?start ?end ?date WHERE {{
  ?rel a ?type . VALUES ?type {{ {sparql_values(RELATION_CLASSES)} }}
  OPTIONAL {{ ?rel schema:startDate ?start }}
  OPTIONAL {{ ?rel schema:endDate ?end }}
  OPTIONAL {{ ?rel dct:date ?date }}
}}
"""


def relation_dates(store) -> dict[str, RelationDates]:
    """``{relation IRI: RelationDates}`` for every membership, partnership and information flow."""
    starts: dict[str, set] = {}
    stated: dict[str, set] = {}
    ends: dict[str, set] = {}
    kinds: dict[str, str] = {}
    for rel, rtype, start, end, date in store.select(RELATION_DATES_QUERY).rows:
        kinds.setdefault(rel, KIND_OF_RELATION.get(str(rtype).rsplit("#", 1)[-1], "relation"))
        for found, value in ((starts, start), (stated, date), (ends, end)):
            d = as_date(value)
            found.setdefault(rel, set())
            if d is not None:
                found[rel].add(d)
    return {rel: RelationDates(kind, min(starts[rel] or stated[rel], default=None), max(ends[rel], default=None))
            for rel, kind in kinds.items()}


# ---------------------------------------------------------------------------------------------
# Memberships
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MembershipRow:
    """One observed membership: its node, the member, the organisation, a role and its dates."""

    relation: str
    member: str
    organisation: str
    role: str | None
    start: object
    end: object

    def holds_at(self, at: dt.date | None) -> bool:
        return holds_at(self.start, self.end, at)


def memberships(store, organisation: str | None = None) -> list[MembershipRow]:
    """The observed memberships of ``organisation`` (an IRI), or of every local committee."""
    where = (f"?m a anc:Membership ; org:organization {sparql_term(organisation, 'iri')} ; org:member ?a ."
             if organisation else "?m a anc:Membership ; org:organization ?c ; org:member ?a . ?c a anc:LocalCommittee .")
    org = "" if organisation else "?c"
    rows = store.select(
        f"SELECT ?m ?a {org} ?role ?start ?end WHERE {{ {where} OPTIONAL {{ ?m org:role ?role }} "
        f"OPTIONAL {{ ?m schema:startDate ?start }} OPTIONAL {{ ?m schema:endDate ?end }} "
        f"{observed_filter('m')} }}").rows
    if organisation:
        return [MembershipRow(m, a, organisation, role, start, end) for m, a, role, start, end in rows]
    return [MembershipRow(m, a, c, role, start, end) for m, a, c, role, start, end in rows]


def split_at(rows: Iterable[MembershipRow], at: dt.date | None) -> tuple[dict[str, list[MembershipRow]], set[str]]:
    """``(current, former)``: the memberships that hold at ``at`` by member, and the members
    none of whose memberships holds then (former members)."""
    current: dict[str, list[MembershipRow]] = {}
    seen: set[str] = set()
    for row in rows:
        seen.add(row.member)
        if row.holds_at(at):
            current.setdefault(row.member, []).append(row)
    return current, seen - set(current)


def members_at(store, committee: str, at: dt.date | None) -> tuple[dict[str, list[MembershipRow]], set[str]]:
    """:func:`split_at` of the committee's observed memberships."""
    return split_at(memberships(store, committee), at)


def committee_members(store, at: dt.date | None = None) -> dict[str, set[str]]:
    """``{committee: {members at at}}`` for every local committee (every observed membership if ``at`` is ``None``)."""
    out: dict[str, set[str]] = {}
    for row in memberships(store):
        if row.holds_at(at):
            out.setdefault(row.organisation, set()).add(row.member)
    return out


__all__ = ["as_date", "holds_at", "RelationDates", "relation_dates", "MembershipRow", "memberships", "split_at",
           "members_at", "committee_members", "KIND_OF_RELATION"]
