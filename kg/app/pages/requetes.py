"""Requêtes / Queries: the named query library with its parameters as form fields, results as a
table with a CSV download; a free read-only SPARQL box (time and row limits); Cypher when a Neo4j
server is configured."""

import datetime as dt
import logging

import pandas as pd
import streamlit as st

from kg import queries
from kg.app import data
from kg.app.network_view import to_csv
from kg.errors import AncrageError

log = logging.getLogger(__name__)


def error_text(err: Exception) -> str:
    """What the visitor reads: the message in their language; an unexpected error in the log only."""
    if isinstance(err, AncrageError):
        detail = err.text(data.lang()) if hasattr(err, "text") else str(err)
        return data.tr_md("q_error", error=detail)
    log.error("query failed", exc_info=err)
    return data.tr("q_error_unexpected")


def run_sparql(queries, store, cfg, query: str, params: dict | None):
    """A named query or SPARQL text under the explorer's limits; (result, truncated) or None."""
    try:
        with st.spinner(data.tr("spinner")):
            result = queries.run(store, query, params, timeout=cfg.query_timeout, limit=cfg.row_limit,
                                 memory_mb=cfg.query_memory_mb)
        return result, bool(getattr(result, "truncated", False))
    except Exception as err:  # noqa: BLE001 - no traceback reaches a visitor
        st.error(error_text(err))
        return None


def _plain(value):
    if value is None or isinstance(value, (int, float, str, bool)):
        return value
    return str(value)


def run_limited(run, limit: int):
    """Run ``run(limit=…)`` asking for one row more than ``limit``; (result, truncated)."""
    result = run(limit + 1)
    if hasattr(result, "rows") and len(result.rows) > limit:
        from kg.store import Rows

        return Rows(result.variables, result.rows[:limit]), True
    return result, False


def show_result(result, truncated: bool, limit: int, key: str, query=None) -> None:
    """The result as people read it (:func:`kg.app.model.people_table`: labels in the user's language,
    declared column titles, IRIs hidden on screen and kept in the CSV)."""
    tr = data.tr
    if isinstance(result, bool):
        st.success(tr("q_bool", value=result))
        return
    if isinstance(result, (bytes, bytearray)):
        lines = [x for x in bytes(result).decode("utf-8").splitlines() if x.strip()]
        st.caption(tr("q_triples", n=len(lines)))
        st.code("\n".join(lines[:200]), language="turtle")
        st.download_button(tr("q_download_nt"), data=bytes(result), file_name=f"{key}.nt",
                           mime="application/n-triples", key=f"{key}_dl_nt", on_click="ignore")
        return
    st.caption(tr("q_rows", n=len(result.rows)))
    if truncated:
        st.warning(tr("q_truncated", rows=limit))
    titles, rows, iri_titles = _people(result, query)
    frame = pd.DataFrame(rows, columns=titles)
    st.dataframe(frame, hide_index=True, width="stretch", key=f"{key}_table",
                 column_order=[c for c in titles if c not in iri_titles] or None)
    st.download_button(tr("q_download"), data=to_csv([dict(zip(titles, r)) for r in rows], titles),
                       file_name=f"{key}.csv", mime="text/csv", key=f"{key}_dl", on_click="ignore")


def _people(result, query):
    from kg.app.model import people_table

    store = data.get_store()
    lang = data.lang()
    return people_table(result.variables, [[_plain(v) for v in r] for r in result.rows],
                        data.names(store.version, lang), lang, query, data.kind_labels(lang))


def _param_input(p, lang: str, key: str):
    label = p.label(lang)
    if p.type == "integer":
        return st.number_input(label, value=int(p.default or 0), step=1, key=key)
    if p.type == "date":
        default = dt.date.fromisoformat(p.default) if p.default else dt.date(2018, 9, 21)
        return st.date_input(label, value=default, key=key, format="DD/MM/YYYY")
    return st.text_input(label, value=p.default, key=key)


@st.cache_resource(show_spinner=False)
def _neo4j(uri: str, user: str, database: str, password_env: str):
    from kg.neo4j.connection import connect_from_settings

    return connect_from_settings(data.settings())


def render() -> None:
    tr, lang = data.tr, data.lang()
    store = data.require_store()
    cfg = data.settings()
    st.title(tr("q_title"))
    if getattr(store, "path", None) is not None:  # start a query worker while the visitor reads the page
        from kg.query_worker import default_pool

        default_pool()

    st.header(tr("q_library"))
    library = queries.library()
    names = list(library)
    name = st.selectbox(tr("q_pick"), names, placeholder=data.tr("choose"), key="q_name", format_func=lambda n: library[n].title(lang))
    q = library[name]
    if q.description(lang):
        st.caption(q.description(lang))
    neo4j_on = bool(cfg.neo4j_uri)
    with st.form("q_form"):
        values = {}
        if not q.params:
            st.caption(tr("q_no_params"))
        for p in q.params:
            values[p.name] = _param_input(p, lang, key=f"q_param_{name}_{p.name}")
        run_sparql_now = st.form_submit_button(tr("q_run"))
    with st.expander(tr("q_show_text")):
        st.code(q.sparql, language="sparql")
        if q.cypher:
            st.code(q.cypher, language="cypher")
    if run_sparql_now:
        params = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}
        outcome = run_sparql(queries, store, cfg, name, params)
        if outcome is None:
            st.session_state.pop("q_last", None)
        else:
            st.session_state["q_last"] = (name, *outcome)
    last = st.session_state.get("q_last")
    if last and last[0] == name:
        show_result(last[1], last[2], cfg.row_limit, f"ancrage-{name}", q)

    st.header(tr("q_free"))
    st.caption(tr("q_free_help", timeout=f"{cfg.query_timeout:g}", memory=cfg.query_memory_mb, rows=cfg.row_limit))
    with st.form("q_free_form"):
        text = st.text_area(tr("q_sparql_text"), key="q_free_text", height=160,
                            value="SELECT ?comite ?nom WHERE {\n  ?comite a anc:LocalCommittee ; skos:prefLabel ?nom .\n"
                                  "  FILTER(LANG(?nom) = \"fr\")\n} ORDER BY ?nom")
        go = st.form_submit_button(tr("q_run"))
    if go:
        outcome = run_sparql(queries, store, cfg, text, None)
        if outcome is None:
            st.session_state.pop("q_free_last", None)
        else:
            st.session_state["q_free_last"] = outcome
    if st.session_state.get("q_free_last"):
        result, truncated = st.session_state["q_free_last"]
        show_result(result, truncated, cfg.row_limit, "ancrage-sparql")

    st.header(tr("q_cypher"))
    if not neo4j_on:
        st.info(tr("q_cypher_off"))
        return
    with st.form("q_cypher_form"):
        ctext = st.text_area(tr("q_cypher_text"), key="q_cypher_text", height=120,
                             value="MATCH (c:LocalCommittee) RETURN c.uri AS comite, c.prefLabel_fr AS nom ORDER BY nom")
        cgo = st.form_submit_button(tr("q_run"))
    if cgo:
        try:
            from kg.neo4j import cypher

            conn = _neo4j(cfg.neo4j_uri, cfg.neo4j_user, cfg.neo4j_database, cfg.neo4j_password_env)
            with st.spinner(tr("spinner")):
                result, truncated = run_limited(
                    lambda n: cypher.run(conn, ctext, timeout=cfg.query_timeout, limit=n), cfg.row_limit)
            show_result(result, truncated, cfg.row_limit, "ancrage-cypher")
        except Exception as err:  # noqa: BLE001 - no traceback reaches a visitor
            st.error(error_text(err))

