"""The territories page's computations: who is where, which committees cover what, and the
values the map of départements is coloured by. Pure functions (no Streamlit).

>>> from kg.app.model import TerritoryIndex
>>> idx = TerritoryIndex()
>>> for t, lvl, code, parent in [("R", "region", "32", None), ("D", "departement", "59", "R"),
...                              ("E", "departement", "62", "R")]:
...     idx.level[t], idx.code[t] = lvl, code
...     if parent:
...         idx.parents[t].add(parent); idx.children[parent].add(t)
>>> com = [{"iri": "C", "departements": ("59",), "regions": ("32",), "territories": ("D",)},
...        {"iri": "K", "departements": (), "regions": ("32",), "territories": ("R",)}]
>>> status = departement_status(idx, com)
>>> status["59"], status["62"]
('departement', 'region')
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from .model import TerritoryIndex, code_of, label_of
from .network_view import CATEGORY_PARENT, _main_category

STATUSES = ("departement", "region", "none")
STATUS_COLOURS = {"departement": "#d62728", "region": "#f4a582", "none": "#e3e3e3"}
INDICATORS = ("status", "committees", "actors", "failures", "warnings", "unknown")
#: Indicators of the composition check (:func:`kg.gaps.check`, findings by severity).
GAPS_INDICATORS = ("failures", "warnings", "unknown")
_SEVERITY = {"failures": "failure", "warnings": "warning", "unknown": "unknown"}


def actors_in(g: nx.Graph, idx: TerritoryIndex, area: str | None) -> list[str]:
    """Actors located in ``area`` or inside it (every actor when ``area`` is ``None``)."""
    if area is None:
        return sorted(g.nodes)
    inside = idx.descendants(area) | {area}
    return sorted(n for n, d in g.nodes(data=True) if set(d.get("territories") or ()) & inside)


def count_by(g: nx.Graph, nodes: list[str], what: str, names: dict) -> list[dict]:
    """How many of ``nodes`` fall in each category (``what="category"``, main category, its broader
    one when narrower) or territorial level (``what="level"``); sorted by count."""
    counts: Counter = Counter()
    for n in nodes:
        d = g.nodes[n]
        if what == "category":
            main = _main_category(d)
            code = code_of(main) if main else None
            counts[CATEGORY_PARENT.get(code, code) if code else None] += 1
        else:
            levels = sorted({code_of(x) for x in d.get("levels") or ()}) or [None]
            for lv in levels:
                counts[lv] += 1
    prefix = "https://w3id.org/ancrage/concept/" + ("category/" if what == "category" else "level/")
    return [{"code": c or "", "label": label_of(prefix + c, names) if c else "—", "count": k}
            for c, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or "~"))]


def committees_on(committees: list[dict], idx: TerritoryIndex, area: str | None) -> list[dict]:
    """Committees whose territory is ``area``, lies inside it, or contains it (``relation``:
    ``same``, ``inside``, ``contains``). Every committee when ``area`` is ``None``."""
    out = []
    for c in committees:
        rel = None
        for t in c.get("territories") or ():
            if area is None or t == area:
                rel = "same" if area else "inside"
            elif idx.covers(area, t):
                rel = rel or "inside"
            elif idx.covers(t, area):
                rel = rel or "contains"
        if rel:
            out.append({**c, "relation": rel})
    return out


def departement_status(idx: TerritoryIndex, committees: list[dict]) -> dict[str, str]:
    """INSEE code → ``departement`` (a committee on it or a part of it), ``region`` (covered by a
    committee of its région only) or ``none``, for every département of the index."""
    dep_codes = {idx.code[t]: t for t in idx.at_level("departement")}
    with_dep = {d for c in committees for d in c.get("departements") or ()}
    regional = {r for c in committees if not c.get("departements") for r in c.get("regions") or ()}
    out = {}
    for code, t in dep_codes.items():
        regions = {idx.code.get(r) for r in idx.ancestors(t) if idx.level.get(r) == "region"}
        out[code] = "departement" if code in with_dep else "region" if regions & regional else "none"
    return out


def departement_counts(idx: TerritoryIndex, committees: list[dict], g: nx.Graph, indicator: str) -> dict[str, int]:
    """INSEE code → number of committees (``committees``) or of actors (``actors``) on each
    département (an actor counts in the département it is located in or inside; a committee of
    a région counts on each département of that région).

    >>> counts = departement_counts(TerritoryIndex(), [{"departements": (), "regions": ("32",)},
    ...                                                {"departements": ("59",), "regions": ("32",)}],
    ...                             nx.Graph(), "committees")
    >>> counts["59"], counts["62"], counts.get("75", 0)
    (2, 1, 0)
    """
    deps = idx.at_level("departement")
    out = {idx.code[t]: 0 for t in deps}
    if indicator == "committees":
        from .france_map import region_of_departement

        by_region: dict[str, list[str]] = defaultdict(list)
        for dep, region in region_of_departement().items():
            by_region[region].append(dep)
        for c in committees:
            covered = set(c.get("departements") or ())
            if not covered:
                covered = {d for r in c.get("regions") or () for d in by_region.get(r, ())}
            for d in covered:
                out[d] = out.get(d, 0) + 1
        return out
    cache: dict[str, list[str]] = {}
    for _n, d in g.nodes(data=True):
        seen = set()
        for t in d.get("territories") or ():
            if t not in cache:
                cache[t] = [idx.code.get(x, "") for x in idx.departement_of(t)]
            seen.update(cache[t])
        for code in seen:
            if code in out:
                out[code] += 1
    return out


def gaps_values(committees: list[dict], summaries: dict[str, dict], indicator: str) -> dict[str, int]:
    """INSEE code → the highest value among the committees of each département, for a
    composition-check indicator: ``failures``, ``warnings`` or ``unknown`` (rules with that verdict;
    ``summaries``: committee IRI → findings counted by severity, as ``CompositionReport.summary``).

    >>> gaps_values([{"iri": "C", "departements": ("59",)}, {"iri": "K", "departements": ("59",)}],
    ...             {"C": {"failure": 2}, "K": {"failure": 5}}, "failures")
    {'59': 5}
    """
    out: dict[str, int] = {}
    for c in committees:
        s = summaries.get(c["iri"])
        if not s:
            continue
        value = int(s.get(_SEVERITY[indicator], 0))
        for d in c.get("departements") or ():
            out[d] = max(out.get(d, 0), value)
    return out


def actor_counts(g: nx.Graph, idx: TerritoryIndex) -> Counter:
    """Territory → number of actors located in it or inside it (each actor counted once).

    >>> g = nx.Graph(); g.add_node("a", territories=["D"]); g.add_node("b", territories=["D", "R"])
    >>> idx = TerritoryIndex(); idx.parents["D"].add("R")
    >>> sorted(actor_counts(g, idx).items())
    [('D', 2), ('R', 2)]
    """
    up: dict[str, set] = {}
    counts: Counter = Counter()
    for _n, d in g.nodes(data=True):
        seen: set = set()
        for t in d.get("territories") or ():
            if t not in up:
                up[t] = idx.ancestors(t) | {t}
            seen |= up[t]
        counts.update(seen)
    return counts


def children_summary(idx: TerritoryIndex, area: str | None, g: nx.Graph, committees: list[dict],
                     names: dict, counts: Counter | None = None) -> list[dict]:
    """One row per subdivision of ``area`` (régions of France, départements of a région, EPCI of a
    département): code, name, number of actors and of committees on it."""
    counts = actor_counts(g, idx) if counts is None else counts
    if area is None:
        kids = idx.at_level("region")
    else:
        level = idx.level.get(area)
        below = {"national": "region", "region": "departement", "departement": "intercommunalite"}.get(level)
        kids = [k for k in idx.at_level(below, within=area)] if below else []
    rows = []
    for k in kids:
        rows.append({"iri": k, "code": idx.code.get(k, ""), "name": label_of(k, names),
                     "actors": counts.get(k, 0), "committees": len(committees_on(committees, idx, k))})
    return rows
