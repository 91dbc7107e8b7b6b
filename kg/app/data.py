"""Cached access to the store from Streamlit.

* the store handle is opened once per process and per store *version*
  (``st.cache_resource``): a new generation written by an import or a rebuild gives a new
  version, hence a new handle, and every view computed from the old one is left behind;
* views computed from the store (labels, territories, the actor network, filtered networks,
  committee reports) are cached by version and by their inputs, so a filter change recomputes
  only what depends on it.

The functions here hold no logic of their own: they call :mod:`kg.app.model`,
:mod:`kg.app.network_view`, :mod:`kg.gaps` and :mod:`kg.queries`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path

import streamlit as st

from ..backend import is_remote, open_store
from ..errors import AncrageError, StoreError
from ..settings import Settings
from . import model
from .i18n import LANGS, t

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
    """The message ``key`` in the user's language."""
    return t(key, lang(), **kwargs)


def optional(module: str):
    """A module written in parallel by another engineer, or ``None`` while it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


# ---------------------------------------------------------------------------------------------
# the store, once per process and version
# ---------------------------------------------------------------------------------------------

def store_version(cfg: Settings) -> str:
    """The version of the store the settings point to (the embedded store's generation)."""
    if is_remote(cfg):
        return "remote:" + cfg.sparql_endpoint
    from ..store import Store

    gen = Store.current_generation(cfg.store)
    if gen is None:
        raise StoreError(f"no store at {cfg.store}")
    return gen.name


@st.cache_resource(show_spinner=False, max_entries=3)
def _open(location: str, version: str, endpoint: str):
    return open_store(settings())


def get_store():
    """The store handle for the current version (opened once per process and version)."""
    cfg = settings()
    version = store_version(cfg)
    return _open(cfg.store, version, cfg.sparql_endpoint)


def require_store():
    """The store, or a bilingual message and the end of the page when there is none."""
    try:
        return get_store()
    except StoreError:
        st.error(tr("store_missing", path=settings().store))
        st.stop()
    except AncrageError as err:
        st.error(tr("store_error", error=str(err)))
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
def relation_dates(version: str) -> dict:
    return model.relation_dates(get_store())


@st.cache_data(show_spinner=False, max_entries=3)
def flows(version: str) -> list[dict]:
    return model.flows(get_store())


@st.cache_data(show_spinner=False, max_entries=6)
def counts(version: str) -> dict:
    return model.counts_by_kind(get_store())


@st.cache_data(show_spinner=False, max_entries=6)
def sources(version: str) -> list[dict]:
    return [s.to_dict() for s in model.sources(get_store())]


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


# ---------------------------------------------------------------------------------------------
# the network map
# ---------------------------------------------------------------------------------------------

def kind_labels(language: str) -> dict:
    """Labels of actor kinds, relation kinds and flow directions, for legends and tooltips."""
    keys = ["LocalCommittee", "Organisation", "WorkingGroup", "Group", "PublicRolePerson", "Actor",
            "membership", "partnership", "flow", "sub-organisation", "accompaniment",
            "descendant", "ascendant", "transversal", "no-category"]
    return {k: t("kind_" + k, language) for k in keys}


@st.cache_data(show_spinner=False, max_entries=24)
def network_view(version: str, filters_json: str, measure: str, limit: int, language: str,
                 selected: str | None, national: bool):
    """The drawing of the network for one set of filters (see :mod:`kg.app.network_view`)."""
    from . import network_view as nv

    f = filters_from_json(filters_json)
    g = actor_network(version)
    if national:
        h = nv.national_view(g, flows(version), at=f.at, dates=relation_dates(version))
    else:
        h = nv.filter_network(g, f, territories(version), relation_dates(version))
    return nv.build_view(h, measure, limit, names(version, language), kind_labels(language),
                         focus=f.committee, selected=selected)


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

def _to_dict(obj):
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if isinstance(obj, dict):
        return obj
    return dict(obj.__dict__)


@st.cache_data(show_spinner=False, max_entries=32)
def gaps_report(version: str, committee: str, language: str, limit: int = 20) -> dict | None:
    """The composition report and the suggestions of a committee, as dicts, or ``None`` when
    :mod:`kg.gaps` is not installed. Markdown/CSV renderings are included when available."""
    gaps = optional("kg.gaps")
    if gaps is None or not hasattr(gaps, "check"):
        return None
    store = get_store()
    report = gaps.check(store, committee, lang=language)
    suggestions = gaps.suggest(store, committee, limit=limit) if hasattr(gaps, "suggest") else []
    out = {"report": _to_dict(report), "suggestions": [_to_dict(s) for s in suggestions],
           "markdown": None, "csv": None, "json": None}
    rep = optional("kg.gaps.report")
    if rep is not None:
        for name, attr in (("markdown", "to_markdown"), ("csv", "suggestions_csv"), ("json", "to_json")):
            fn = getattr(rep, attr, None)
            if fn is None:
                continue
            try:
                out[name] = fn(report, suggestions, lang=language) if name != "csv" else fn(suggestions, lang=language)
            except TypeError:
                out[name] = None
    return out


def store_folder() -> Path:
    return Path(settings().store)
