"""The state of the actor network at a date, from the dates of memberships, partnerships and flows.

When a relation holds and who is a member of a committee at a date is decided in one place,
:mod:`kg.read.membership` (a relation holds from its start, or the day a flow was stated, to its
end, both included; undated: always). Relations without a node (sub-organisation, accompaniment) carry no date and are
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

from ..projection import actor_network
from ..read.membership import KIND_OF_RELATION, as_date, committee_members, relation_dates

NODE_KINDS = set(KIND_OF_RELATION.values())  # links through a relation node, which has dates


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
        kept = [r for r in rels if r not in dates or dates[r].holds_at(at)]
        weight = len(kept) + undated_links
        if weight <= 0:
            continue
        kinds = {k for k in e.get("kinds", []) if k not in NODE_KINDS}  # sub-organisation, accompaniment
        kinds |= {dates[r].kind for r in kept if r in dates}
        h.add_edge(a, b, weight=weight, kinds=sorted(kinds), kind=sorted(kinds)[0] if kinds else e.get("kind"),
                   relations=sorted(kept))
    return h


__all__ = ["network_at", "parse_date", "relation_dates", "committee_members"]
