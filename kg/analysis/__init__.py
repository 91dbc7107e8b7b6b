"""Network analysis of the actor network: centralities, communities, brokerage, multi-scale matrices.

:func:`analyse` ``(store, at=None) -> AnalysisResult`` computes everything once per store
version and date and caches it (:mod:`kg.analysis.cache`): the explorer and the CLI reuse it
without recomputing. Which measures were estimated rather than exact is stated in
``result.methods`` and ``result.sampled``.

>>> from kg.store import Store
>>> result = analyse(Store.in_memory())
>>> result.nodes, result.sampled
(0, [])
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Callable

import numpy as np

from ..namespaces import SCHEMES
from ..projection import actor_network
from ..read.model import model_for
from . import cache
from .brokerage import brokerage, shared_actors
from .centrality import centralities, edge_lists, igraph_from_edges
from .communities import communities
from .matrices import matrix
from .paths import shortest_path
from .result import MEASURES, AnalysisResult
from .temporal import committee_members, network_at, parse_date

STEPS = ["network", "centralities", "communities", "brokerage", "committees", "matrices"]
STEP_LABELS = {
    "network": "réseau des acteurs / actor network",
    "centralities": "centralités / centralities",
    "communities": "communautés / communities",
    "brokerage": "courtage / brokerage",
    "committees": "acteurs partagés / shared actors",
    "matrices": "matrices multi-échelle et des mondes / multi-scale and worlds matrices",
}


def _code(iri: str) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _network(store, use_cache: bool):
    """The actor network with its observed relations only (a flow or partnership that is expected,
    perceived or asked for is not a link the analysis counts), from the store's read model."""
    return actor_network(store, write_cache=use_cache, observed_only=True)


def analyse(store, at: dt.date | str | None = None, *, use_cache: bool = True,
            progress: Callable[[str], None] | None = None) -> AnalysisResult:
    """Analyse the actor network of ``store`` as it stands at ``at`` (every relation if ``None``).

    Parameters
    ----------
    store : kg.store.Store
        Any store with ``select`` and ``version`` (embedded or remote).
    at : datetime.date or str, optional
        The date of the state to analyse (ISO or ``dd/mm/yyyy``).
    use_cache : bool
        Reuse (and write) the cached result of this store version and date. ``False``
        recomputes the result and writes no file (it still reads the actor network cached by
        :func:`kg.projection.actor_network` for this store version, if there is one).
    progress : callable, optional
        Called with the name of each step (:data:`STEPS`) before it starts.
    """
    at_date = parse_date(at) if isinstance(at, str) else at
    params = {"at": at_date.isoformat() if at_date else None}
    if use_cache:
        hit = cache.get(store, "analysis", params)
        if hit is not None:
            result = AnalysisResult.from_dict(hit)
            result.from_cache = True
            return result
    say = progress or (lambda step: None)
    timings: dict[str, float] = {}

    def step(name):
        say(name)
        timings[name] = time.perf_counter()

    def done(name):
        timings[name] = round(time.perf_counter() - timings[name], 3)

    step("network")
    model = model_for(store) if at_date is None else None
    if model is not None:  # every relation: read from the model's arrays, no networkx graph
        names, lo, hi, weight = model.actor_edges(observed_only=True)
        attrs = model.actor_attributes()
    else:  # a date, or a store without a read model
        g = network_at(store, at_date, network=_network(store, use_cache))
        names, lo, hi, weight = edge_lists(g)
        attrs = [g.nodes[n] for n in names]
        del g
    ig_graph = igraph_from_edges(names, lo, hi, weight)
    done("network")

    step("centralities")
    values, methods = centralities(ig_graph, edges=np.column_stack((np.asarray(lo, dtype=np.int64),
                                                                    np.asarray(hi, dtype=np.int64))))
    done("centralities")

    step("communities")
    membership, info = communities(ig_graph)
    methods["communities"] = info["method"]
    done("communities")

    step("brokerage")
    values.update(brokerage(ig_graph))
    methods["constraint"] = {"method": "exact", "sampled": False, "fr": "exacte (Burt, pondérée)",
                             "en": "exact (Burt, weighted)"}
    methods["effective_size"] = {"method": "exact", "sampled": False, "fr": "exacte (Borgatti, non pondérée)",
                                 "en": "exact (Borgatti, unweighted)"}
    done("brokerage")

    step("committees")
    labels = {n: d.get("label") or _code(n) for n, d in zip(names, attrs)}
    shared = shared_actors(committee_members(store, at_date), labels)
    done("committees")

    step("matrices")
    levels_m = matrix([d.get("levels") for d in attrs], lo, hi, weight, SCHEMES["level"])
    worlds_m = matrix([d.get("worlds") for d in attrs], lo, hi, weight, SCHEMES["world"])
    done("matrices")

    actors = {"iri": names, "label": [labels[n] for n in names], "kind": [d.get("kind") for d in attrs],
              "categories": [[_code(c) for c in d.get("categories", [])] for d in attrs],
              "levels": [[_code(c) for c in d.get("levels", [])] for d in attrs],
              "worlds": [[_code(c) for c in d.get("worlds", [])] for d in attrs],
              "community": membership}
    actors.update(values)
    comps = ig_graph.connected_components() if ig_graph.vcount() else []
    community_list = []
    by_community: dict[int, list[int]] = {}
    for i, c in enumerate(membership):
        by_community.setdefault(c, []).append(i)
    for cid, size in enumerate(info["sizes"]):
        idx = by_community.get(cid, [])
        idx.sort(key=lambda i: (-values["degree"][i], names[i]))
        community_list.append({"id": cid, "size": size,
                               "top": [{"iri": names[i], "label": labels[names[i]]} for i in idx[:5]]})
    result = AnalysisResult(
        store_version=store.version, at=params["at"], nodes=ig_graph.vcount(), edges=ig_graph.ecount(),
        relations=int(sum(ig_graph.es["weight"])) if ig_graph.ecount() else 0,
        components=len(comps), largest_component=max((len(c) for c in comps), default=0),
        methods=methods, actors=actors, communities=community_list, modularity=info["modularity"],
        shared_actors=shared, level_matrix=levels_m, world_matrix=worlds_m,
        computed_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(), timings=timings)
    if use_cache:
        cache.put(store, "analysis", params, result.to_dict())
    return result


__all__ = ["analyse", "AnalysisResult", "MEASURES", "STEPS", "STEP_LABELS", "network_at",
           "parse_date", "shortest_path"]
