"""Accueil / Home: what Ancrage is, what the graph holds, where to start."""

import streamlit as st

from kg.app import data, widgets


def render() -> None:
    tr = data.tr
    st.title(tr("home_title"))
    st.write(tr("home_intro"))
    store = data.require_store()
    version = store.version
    counts = data.counts(version)
    st.header(tr("home_counts"))
    if not counts:
        st.info(tr("home_empty"))
    else:
        items = list(counts.items())
        for start in range(0, len(items), 6):
            cols = st.columns(6)
            for col, (kind, n) in zip(cols, items[start:start + 6]):
                col.metric(tr("count_" + kind), f"{n:,}".replace(",", "\u202f"))
    st.header(tr("home_sources"))
    rows = data.sources(version)
    widgets.table(rows, {"id": "col_source", "title": "col_title", "loaded_at": "col_loaded",
                         "licence": "col_licence", "version": "col_version", "records": "col_records",
                         "triples": "col_triples"}, key="home_sources")
    st.header(tr("home_start"))
    for page, key in (("reseau", "page_network"), ("territoires", "page_territories"),
                      ("comites", "page_committees"), ("requetes", "page_queries"),
                      ("import_donnees", "page_import"), ("sources", "page_sources")):
        st.page_link(f"kg/app/pages/{page}.py", label=f"{tr(key)} — {tr('home_start_' + _short(page))}")


def _short(page: str) -> str:
    return {"reseau": "network", "territoires": "territories", "comites": "committees", "requetes": "queries",
            "import_donnees": "import", "sources": "sources"}[page]


if __name__ == "__main__":
    render()
