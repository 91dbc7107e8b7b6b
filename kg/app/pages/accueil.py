"""Accueil / Home: what Ancrage is, what the graph holds, where to start."""

import streamlit as st

from kg.app import data, widgets
from kg.app.pages import script


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
        # one wrapping row: six figures a line on a desktop, two or three on a phone
        with st.container(horizontal=True, wrap=True, gap="small", key="home_metrics"):
            for kind, n in counts.items():
                st.metric(tr("count_" + kind), f"{n:,}".replace(",", "\u202f"), width=METRIC_WIDTH)
    st.header(tr("home_sources"))
    rows = data.sources(version)
    widgets.table(rows, {"id": "col_source", "title": "col_title", "loaded_at": "col_loaded",
                         "licence": "col_licence", "version": "col_version", "records": "col_records",
                         "triples": "col_triples"}, key="home_sources")
    st.header(tr("home_start"))
    for page, key, short in START:
        # the page's name as the link, what it offers beneath: nothing cut off on a phone
        st.page_link(script(page), label=tr(key))
        st.caption(tr("home_start_" + short))


#: "Par où commencer": page script, title key, description key suffix.
START = (("carte", "page_hcts_map", "hcts_map"), ("reseau", "page_network", "network"),
         ("territoires", "page_territories", "territories"), ("comites", "page_committees", "committees"),
         ("requetes", "page_queries", "queries"), ("import_donnees", "page_import", "import"),
         ("sources", "page_sources", "sources"))
METRIC_WIDTH = "content"  # as wide as its label: whole labels, several to a line on a phone


if __name__ == "__main__":
    render()
