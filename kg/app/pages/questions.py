"""Huit questions / Eight questions: Moine and Sorita's eight questions (section 4 of the source),
each answered with what the graph holds (named queries, a figure, a view) and with what the graph
cannot answer, said plainly."""

import logging

import pandas as pd
import streamlit as st

from kg.app import data
from kg.app.model import code_labels, people_table
from kg.app.pages import script
from kg.app.questions import QUESTIONS
from kg.escape import markdown_text
from kg.errors import AncrageError

log = logging.getLogger(__name__)
PAGES = {"reseau": "page_network", "comites": "page_committees", "sources": "page_sources"}


def _query(version: str, name: str, lang: str, tr) -> dict | None:
    from kg import queries

    named = queries.library()[name]
    st.markdown(f"**{markdown_text(named.title(lang))}**")
    st.caption(named.description(lang))
    try:
        result = data.named_query(version, name)
    except AncrageError as err:
        log.exception("named query %s failed", name)
        st.error(data.tr_md("q_error", error=data.error_text(err)))
        return None
    st.caption(tr("q_rows", n=len(result["rows"])))
    if result["truncated"]:
        st.warning(tr("q_truncated", rows=len(result["rows"])))
    titles, rows, iri_titles = people_table(result["variables"], result["rows"], data.names(version, lang), lang,
                                            named, data.kind_labels(lang))
    st.dataframe(pd.DataFrame(rows, columns=titles), hide_index=True, width="stretch", key=f"q8_{name}",
                 column_order=[c for c in titles if c not in iri_titles] or None,
                 height=min(35 * (len(rows) + 1) + 3, 300))
    return result


def render() -> None:
    tr, lang = data.tr, data.lang()
    store = data.require_store()
    version = store.version
    st.title(tr("q8_title"))
    st.markdown(tr("q8_intro"))
    for q in QUESTIONS:
        st.header(tr("q8_heading", n=q.number, title=tr(f"q8_{q.number}_title")))
        first, last = q.quote.lines
        st.markdown(f"> « {q.quote.text} »  \n> — {tr('q8_quote_where', first=first, last=last)}")
        st.markdown(f"**{tr('q8_what_graph_holds')}** {tr(f'q8_{q.number}_answer')}")
        results = {name: _query(version, name, lang, tr) for name in q.queries}
        if q.figure is not None and results.get(q.figure.query):
            r = results[q.figure.query]
            bars = q.figure.bars(r["variables"], r["rows"])
            kinds, codes = data.kind_labels(lang), code_labels(data.names(version, lang))
            bars = {kinds.get(k) or codes.get(k) or k: v for k, v in bars.items()}  # labels, never codes
            if bars:
                st.caption(tr(f"q8_{q.number}_figure"))
                st.bar_chart(pd.DataFrame({tr("col_value"): list(bars.values())}, index=list(bars)), horizontal=True)
        if q.page:
            st.page_link(script(q.page), label=tr("q8_see_page", page=tr(PAGES[q.page])))
        st.info(f"**{tr('q8_cannot')}** {tr(f'q8_{q.number}_limits')}")


if __name__ == "__main__":
    render()
