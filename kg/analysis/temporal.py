"""The state of the actor network at a date, from the dates of memberships, partnerships and flows.

A relation holds at a date when it started on or before it (or has no start date) and has not
ended before it (or has no end date). An information flow dated with ``dct:date`` holds from
that date on. Relations without a node (sub-organisation, accompaniment) carry no date and are
always kept; actors are always kept (the graph does not date them).

>>> from kg.store import Store
>>> from kg.sources import Source
>>> A = "https://w3id.org/ancrage/def#"
>>> nt = [f'<https://ex.org/{x}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{A}Organisation> .'
...       for x in "ab"]
>>> nt += [f'<https://ex.org/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{A}Partnership> .',
...        f'<https://ex.org/p> <{A}participant> <https://ex.org/a> .',
...        f'<https://ex.org/p> <{A}participant> <https://ex.org/b> .',
...        '<https://ex.org/p> <https://schema.org/startDate> "2019-03-01"^^<http://www.w3.org/2001/XMLSchema#date> .']
>>> store = Store.in_memory([Source.from_ntriples("t", "t", nt)])
>>> network_at(store, dt.date(2018, 12, 31)).number_of_edges()
0
>>> network_at(store, dt.date(2019, 6, 1)).number_of_edges()
1
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from ..gaps.facts import active_at, as_date
from ..projection import actor_network

RELATION_DATES_QUERY = """
SELECT ?rel ?type ?start ?end ?date WHERE {
  ?rel a ?type . VALUES ?type { anc:Membership anc:Partnership anc:InformationFlow }
  OPTIONAL { ?rel schema:startDate ?start }
  OPTIONAL { ?rel schema:endDate ?end }
  OPTIONAL { ?rel dct:date ?date }
}
"""
KIND_OF_TYPE = {"Membership": "membership", "Partnership": "partnership", "InformationFlow": "flow"}
NODE_KINDS = set(KIND_OF_TYPE.values())


def parse_date(text) -> dt.date | None:
    """A date given as ISO (``2018-09-21``) or French (``21/09/2018``); ``ValueError`` otherwise.

    >>> parse_date("21/09/2018")
    datetime.date(2018, 9, 21)
    """
    if text is None or text == "":
        return None
    found = as_date(text)
    if found is None or len(str(text).strip()) < 8:
        raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD or DD/MM/YYYY)")
    return found


def relation_dates(store) -> dict[str, tuple]:
    """``{relation IRI: (kind, start, end)}`` for every membership, partnership and flow."""
    out: dict[str, tuple] = {}
    for rel, rtype, start, end, date in store.select(RELATION_DATES_QUERY).rows:
        kind = KIND_OF_TYPE.get(str(rtype).rsplit("#", 1)[-1], "relation")
        s = as_date(start) or as_date(date)
        e = as_date(end)
        if rel in out:  # several values: widest span
            _, s0, e0 = out[rel]
            s = min([d for d in (s, s0) if d], default=None)
            e = None if (e is None or e0 is None) else max(e, e0)
        out[rel] = (kind, s, e)
    return out


def network_at(store, at: dt.date | None = None, network: nx.Graph | None = None) -> nx.Graph:
    """:func:`kg.projection.actor_network` restricted to the relations that hold at ``at``.

    ``at=None`` gives every relation, whatever its dates. Edge ``weight``, ``kinds`` and
    ``relations`` are recomputed from the relations kept; edges left with none are dropped.
    """
    g = network if network is not None else actor_network(store)
    if at is None:
        return g
    dates = relation_dates(store)
    h = nx.Graph()
    h.add_nodes_from(g.nodes(data=True))
    for a, b, e in g.edges(data=True):
        rels = e.get("relations", [])
        undated_links = e["weight"] - len(rels)  # sub-organisation, accompaniment: no node, no date
        kept = [r for r in rels if r not in dates or active_at(dates[r][1], dates[r][2], at)]
        weight = len(kept) + undated_links
        if weight <= 0:
            continue
        kinds = {k for k in e.get("kinds", []) if k not in NODE_KINDS}  # sub-organisation, accompaniment
        kinds |= {dates[r][0] for r in kept if r in dates}
        h.add_edge(a, b, weight=weight, kinds=sorted(kinds), kind=sorted(kinds)[0] if kinds else e.get("kind"),
                   relations=sorted(kept))
    return h


MEMBERSHIPS_QUERY = """
SELECT ?a ?c ?start ?end WHERE {
  ?m a anc:Membership ; org:member ?a ; org:organization ?c . ?c a anc:LocalCommittee .
  OPTIONAL { ?m schema:startDate ?start } OPTIONAL { ?m schema:endDate ?end }
}
"""


def committee_members(store, at: dt.date | None = None) -> dict[str, set[str]]:
    """``{committee: {member actors}}`` for memberships that hold at ``at`` (all if ``None``)."""
    out: dict[str, set[str]] = {}
    for a, c, start, end in store.select(MEMBERSHIPS_QUERY).rows:
        if active_at(start, end, at):
            out.setdefault(c, set()).add(a)
    return out
