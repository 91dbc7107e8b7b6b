"""Cached access to the store from Streamlit.

* the store handle is opened once per process and per store *version*
  (``st.cache_resource``): a new generation written by an import or a rebuild gives a new
  version, hence a new handle, and every view computed from the old one is left behind;
* views computed from the store are cached by version and by their inputs, so a filter change
  recomputes only what depends on it: small ones with ``st.cache_data`` (copied on each use),
  large read-only ones (labels, territories, the actor network, the drawn network views) with
  ``st.cache_resource`` (shared, never copied).

The functions here hold no logic of their own: they call :mod:`kg.app.model`,
:mod:`kg.app.network_view`, :mod:`kg.gaps` and :mod:`kg.queries`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import streamlit as st

from ..backend import is_remote, open_store
from ..errors import AncrageError, StoreError
from ..escape import markdown_text
from ..read.vocab import ACTOR_CLASSES
from ..settings import Settings
from . import model
from kg.i18n import LANGS, t

LANG_KEY = "lang"


# ---------------------------------------------------------------------------------------------
# settings, language
# ---------------------------------------------------------------------------------------------

def settings() -> Settings:
    """Settings from every layer (read each run: cheap, and tests change the environment)."""
    return Settings.load()


def lang() -> str:
    """The language the user chose (session), else the ``lang`` setting."""
    value = st.session_state.get(LANG_KEY)
    if value in LANGS:
        return value
    try:
        return settings().lang
    except AncrageError:
        return "fr"


def tr(key: str, **kwargs) -> str:
    """The message ``key`` in the user's language (plain text: tables, select boxes, file names)."""
    return t(key, lang(), **kwargs)


def tr_md(key: str, **kwargs) -> str:
    """The message ``key`` for Markdown (``st.markdown``, titles, captions, alerts): every value
    put in it is escaped (:func:`kg.escape.markdown_text`), so data never becomes markup."""
    return t(key, lang(), **{k: markdown_text(v) for k, v in kwargs.items()})


# ---------------------------------------------------------------------------------------------
# the store, once per process and version
# ---------------------------------------------------------------------------------------------

def store_version(cfg: Settings) -> str:
    """The version of the store the settings point to (the embedded store's generation)."""
    if is_remote(cfg):
        return "remote:" + cfg.sparql_endpoint
    from ..store import Store, store_error

    gen = Store.current_generation(cfg.store)  # a StoreError when the link is broken
    if gen is None:
        raise store_error("no-store", folder=cfg.store)
    return gen.name


def store_date_text(version: str, language: str) -> str:
    """What the sidebar says about the store: the date and time its current version was written
    (``gen-20261206T143000-…`` → « Données du 06/12/2026 à 14:30 »), or the remote endpoint.

    >>> store_date_text("gen-20261206T143000-1a2b3c", "en")
    'Data of 06/12/2026, 14:30'
    >>> store_date_text("gen-20261206T143000.358606-1a2b3c", "fr")  # generations name the microsecond
    'Données du 06/12/2026 à 14:30'
    """
    if version.startswith("remote:"):
        return t("store_remote", language, endpoint=version[len("remote:"):])
    try:
        when = dt.datetime.strptime(version.split("-")[1].split(".")[0], "%Y%m%dT%H%M%S")
    except (IndexError, ValueError):
        return t("store_version", language, version=version)
    return t("store_date", language, date=when.strftime("%d/%m/%Y"), time=when.strftime("%H:%M"))


@st.cache_resource(show_spinner=False, max_entries=3)
def _open(location: str, version: str, endpoint: str):
    """The handle on exactly ``version`` (it holds that generation's reader lock while cached)."""
    cfg = settings()
    if is_remote(cfg):
        return open_store(cfg)
    from ..store import Store

    return Store.open(location, generation=version)


def get_store():
    """The store handle for the current version (opened once per process and version)."""
    cfg = settings()
    for attempt in range(3):
        version = store_version(cfg)
        try:
            return _open(cfg.store, version, cfg.sparql_endpoint)
        except StoreError as err:  # a write replaced and pruned that version in between: read the link again
            if err.code != "generation-gone" or attempt == 2:
                raise


def error_text(err: Exception) -> str:
    """An error's message in the user's language (both languages when it has no ``render``)."""
    render = getattr(err, "render", None)
    return render(lang()) if callable(render) else str(err)


def require_store():
    """The store, or a bilingual message and the end of the page when there is none."""
    try:
        return get_store()
    except StoreError as err:
        if err.code == "no-store":
            st.error(tr_md("store_missing", path=settings().store))
        else:
            st.error(tr_md("store_error", error=error_text(err)))
        st.stop()
    except AncrageError as err:
        st.error(tr_md("store_error", error=error_text(err)))
        st.stop()


# ---------------------------------------------------------------------------------------------
# views by version (resources: large, read-only; data: small, copied)
# ---------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=6)
def names(version: str, language: str) -> dict:
    """IRI → label in ``language``."""
    return model.labels(get_store(), language)


@st.cache_resource(show_spinner=False, max_entries=3)
def territories(version: str) -> model.TerritoryIndex:
    return model.territory_index(get_store())


@st.cache_resource(show_spinner=False, max_entries=3)
def actor_network(version: str):
    """The whole actor network (:func:`kg.projection.actor_network`), built once per version."""
    from ..projection import actor_network as build

    return build(get_store())


@st.cache_resource(show_spinner=False, max_entries=3)
def filter_options(version: str) -> dict:
    """What the network's filters can offer: the category, level and world IRIs and the kinds
    present in the actor network (broader categories added for their narrower ones)."""
    from .network_view import CAT, CATEGORY_PARENT, SCHEMES

    found = {"categories": set(), "levels": set(), "worlds": set(), "kinds": set()}
    for _n, d in actor_network(version).nodes(data=True):
        found["categories"].update(d.get("categories") or ())
        found["levels"].update(d.get("levels") or ())
        found["worlds"].update(d.get("worlds") or ())
        found["kinds"].add(d.get("kind") or "Actor")
    codes = {model.code_of(c) for c in found["categories"]}
    codes |= {CATEGORY_PARENT[c] for c in codes if c in CATEGORY_PARENT}
    order = SCHEMES["category"]
    return {"categories": [CAT + c for c in sorted(codes, key=lambda c: (order.index(c) if c in order else 99, c))],
            "levels": sorted({model.code_of(x) for x in found["levels"]}, key=lambda c: (
                SCHEMES["level"].index(c) if c in SCHEMES["level"] else 99, c)),
            "worlds": sorted(found["worlds"]), "kinds": sorted(found["kinds"])}


@st.cache_resource(show_spinner=False, max_entries=3)
def actor_counts(version: str):
    """Territory → number of actors on it (:func:`kg.app.territory_view.actor_counts`)."""
    from .territory_view import actor_counts as count

    return count(actor_network(version), territories(version))


@st.cache_resource(show_spinner=False, max_entries=3)
def relation_dates(version: str) -> dict:
    return model.relation_dates(get_store())


@st.cache_resource(show_spinner=False, max_entries=3)
def relation_details(version: str) -> dict:
    """Relation → dates, sources (named graphs), status (:func:`kg.app.model.relation_details`)."""
    return model.relation_details(get_store())


@st.cache_data(show_spinner=False, max_entries=3)
def flows(version: str) -> list[dict]:
    return model.flows(get_store())


@st.cache_data(show_spinner=False, max_entries=6)
def counts(version: str) -> dict:
    """Instances per class (home page), also kept on disk by store version: counting them scans
    every typed triple, seconds on a national store, once per version rather than per process."""
    store = get_store()
    return model.cached_on_disk(store, "home--counts", lambda: model.counts_by_kind(store))


@st.cache_data(show_spinner=False, max_entries=6)
def sources(version: str) -> list[dict]:
    """The loaded sources with their sizes, also kept on disk by store version (sizes count every
    triple of every graph)."""
    store = get_store()
    return model.cached_on_disk(store, "home--sources", lambda: [s.to_dict() for s in model.sources(store)])


@st.cache_data(show_spinner=False, max_entries=6)
def committees(version: str, language: str) -> list[dict]:
    return [c.to_dict() for c in model.committees(get_store(), language, names(version, language),
                                                  territories(version))]


@st.cache_data(show_spinner=False, max_entries=32)
def committee_members(version: str, committee: str, language: str) -> list[dict]:
    return model.committee_members(get_store(), committee, language, names(version, language))


@st.cache_data(show_spinner=False, max_entries=64)
def actor_card(version: str, iri: str, language: str) -> dict:
    return model.actor_card(get_store(), iri, language, names(version, language))


@st.cache_data(show_spinner=False, max_entries=6)
def ontology_terms(version: str, language: str) -> list[dict]:
    return model.ontology_terms(get_store(), language)


@st.cache_data(show_spinner=False, max_entries=6)
def concept_schemes(version: str, language: str) -> list[dict]:
    return model.concept_schemes(get_store(), language)


@st.cache_data(show_spinner=False, max_entries=6)
def rules(version: str, language: str) -> list[dict]:
    return model.rules(get_store(), language)


@st.cache_data(show_spinner=False, max_entries=64)
def named_query(version: str, name: str) -> dict:
    """The rows of a named query with its default parameters: ``{"variables", "rows", "truncated"}``
    (at most ``row_limit`` rows, within ``query_timeout``)."""
    from .. import queries

    cfg = settings()
    result = queries.run(get_store(), name, timeout=cfg.query_timeout, limit=cfg.row_limit + 1)
    rows = [[v if v is None or isinstance(v, (int, float, str, bool)) else str(v) for v in r] for r in result.rows]
    return {"variables": list(result.variables), "rows": rows[:cfg.row_limit], "truncated": len(rows) > cfg.row_limit}


@st.cache_data(show_spinner=False, max_entries=6)
def passages(version: str, language: str) -> list[dict]:
    return model.passages(get_store(), language, names(version, language))


# ---------------------------------------------------------------------------------------------
# the network map
# ---------------------------------------------------------------------------------------------

def kind_labels(language: str) -> dict:
    """Labels of actor kinds, relation kinds and flow directions, for legends and tooltips."""
    keys = [*ACTOR_CLASSES, "membership", "partnership", "flow", "sub-organisation", "accompaniment",
            "descendant", "ascendant", "transversal", "no-category", "community",
            "observed", "expected", "other", "tip_dates", "tip_source", "tip_status",
            "flow-in", "flow-out", "Membership", "Partnership", "InformationFlow", "Policy", "Scheme", "Event",
            "Production", "Survey"]
    return {k: t("kind_" + k, language) for k in keys}


@st.cache_resource(show_spinner=False, max_entries=4)
def analysis(version: str, at_iso: str | None):
    """:func:`kg.analysis.analyse` of the whole network at a date (itself cached on disk by
    store version)."""
    from ..analysis import analyse

    return analyse(get_store(), at=at_iso)


def measures() -> tuple[str, ...]:
    """The node-size measures on offer (those of the analysis)."""
    from . import network_view as nv

    return nv.MEASURES


@st.cache_resource(show_spinner=False, max_entries=16)
def network_view(version: str, filters_json: str, measure: str, limit: int, language: str,
                 colour_by: str = "category", path: tuple = ()):
    """The drawing of the network for one set of filters (see :mod:`kg.app.network_view`).

    Cached as a resource (shared, never copied: a view may hold the whole national network);
    callers only read it.

    Degrees are counted on the drawn graph; the other sizes and the communities come from
    :func:`kg.analysis.analyse` of the whole network at the filter's date (computed once per
    store version and date, cached on disk), so a filter change only re-filters and redraws.
    """
    from . import network_view as nv

    f = filters_from_json(filters_json)
    g = actor_network(version)
    h = nv.filter_network(g, f, territories(version), relation_dates(version))
    scores, method, communities = None, "local", None
    at_iso = f.at.isoformat() if f.at else None
    if measure not in nv.DRAWN_MEASURES:  # a measure of the whole network, from the analysis
        result = analysis(version, at_iso)
        if measure in result.actors:
            scores = result.measure(measure)
            method = (result.methods.get(measure) or {}).get(language, "") or "whole"
        elif measure not in nv.LOCAL_MEASURES:
            measure = "degree"
    if colour_by == "community":
        result = analysis(version, at_iso)
        if "community" in result.actors:
            communities = result.measure("community")
    labels = {**names(version, language), **source_titles(version)}
    return nv.build_view(h, measure, limit, labels, kind_labels(language),
                         focus=f.committee, scores=scores, method=method, communities=communities,
                         relations=relation_details(version), path=list(path), language=language)


@st.cache_data(show_spinner=False, max_entries=3)
def source_titles(version: str) -> dict:
    """Named graph IRI → the title of its source (what a tooltip names as the source)."""
    return {s["graph"]: s.get("title") or s.get("id") or s["graph"] for s in sources(version)}


@st.cache_data(show_spinner=False, max_entries=64)
def shortest_path(version: str, source: str, target: str) -> list | None:
    """The actors on a shortest path between two actors of the whole network (:mod:`kg.analysis`)."""
    from ..analysis.paths import shortest_path as path

    return path(actor_network(version), source, target)


def filters_from_json(text: str):
    from .network_view import NetworkFilters

    d = json.loads(text)
    if d.get("at"):
        d["at"] = dt.date.fromisoformat(d["at"])
    for k in ("levels", "categories", "worlds", "kinds"):
        d[k] = tuple(d.get(k) or ())
    return NetworkFilters(**d)


# ---------------------------------------------------------------------------------------------
# committees: the composition check and the suggestions (kg.gaps)
# ---------------------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=512)
def gaps_summary(version: str, committee: str) -> dict:
    """Findings of the composition check of one committee counted by severity (no suggestions:
    they cost far more, see :func:`gaps_report`)."""
    from ..gaps import check

    report = check(get_store(), committee, lang="fr", settings=settings())
    return dict(report.summary)


@st.cache_data(show_spinner=False, max_entries=32)
def gaps_report(version: str, committee: str, language: str, limit: int = 20) -> dict:
    """The composition report and the suggestions of a committee (:mod:`kg.gaps`), as dicts,
    with their Markdown, JSON and CSV renderings."""
    from .. import gaps
    from ..gaps import report as rep

    store = get_store()
    report = gaps.check(store, committee, lang=language, settings=settings())
    found = gaps.suggestions(store, committee, limit=limit, lang=language)
    suggestions = found.local
    out = {"report": report.to_dict(), "suggestions": [s.to_dict() for s in suggestions],
           "national": [s.to_dict() for s in found.national], "missing": [m.to_dict() for m in found.missing]}
    out["markdown"] = rep.to_markdown(report, suggestions, lang=language, national=found.national,
                                      missing=found.missing)
    out["json"] = rep.to_json(report, suggestions, national=found.national, missing=found.missing)
    out["csv"] = rep.suggestions_csv(suggestions, lang=language)
    return out


@st.cache_data(show_spinner=False, max_entries=4)
def duplicates(version: str) -> list[dict]:
    """Likely duplicate actors of the store (:func:`kg.identity.duplicates`)."""
    from ..identity import duplicates as find

    return [d.to_dict() for d in find(get_store())]


def merge_actors(a: str, b: str) -> str:
    """Declare two actors the same institution, in the merges source only; the new version."""
    from ..backend import write_sources
    from ..identity import merge_source

    return write_sources(settings(), [merge_source(get_store(), [(a, b)])])


def store_folder() -> Path:
    return Path(settings().store)


# ---------------------------------------------------------------------------------------------
# the national map (HCTS, committees, flows)
# ---------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=3)
def hcts_links(version: str) -> list[dict]:
    """Flows and accompaniments of committees (:func:`kg.app.hcts_map.read_links`)."""
    from . import hcts_map

    return hcts_map.read_links(get_store())


@st.cache_resource(show_spinner=False, max_entries=3)
def hcts_national(version: str) -> list[dict]:
    """The national nodes of the map: the HCTS with its groups and the other national ends."""
    from . import hcts_map

    committee_iris = {c["iri"] for c in committees(version, "fr")}
    return hcts_map.read_national(get_store(), hcts_links(version), committee_iris)


@st.cache_resource(show_spinner=False, max_entries=16)
def hcts_map(version: str, language: str, directions: tuple, contents: tuple, expected: bool,
             at_iso: str | None, selected: str | None, title: str):
    """The national map for one set of filters (:func:`kg.app.hcts_map.build_map`)."""
    from . import hcts_map as hm

    rows = committees(version, language)
    iris = {c["iri"] for c in rows}
    at = dt.date.fromisoformat(at_iso) if at_iso else None
    dates = relation_dates(version)
    links = hm.select_links(hcts_links(version), iris, directions, contents, at=at, dates=dates, expected=expected)
    texts = hm.map_words(language)
    return hm.build_map(rows, links, hcts_national(version), texts, names(version, language),
                        selected=selected, title=title, dates=dates)
