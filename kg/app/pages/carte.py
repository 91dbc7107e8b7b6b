"""Carte nationale / National map: the committees on their territory, the HCTS and its groups
beside the map, and the flows between them (direction, what they carry, observed or expected),
with filters bound to the URL, a legend, and SVG, PNG and CSV exports.

The drawing is :mod:`kg.app.hcts_map`; this page only lays it out."""

import datetime as dt

import streamlit as st

from kg.app import components, data, pages, urlstate, widgets
from kg.app import france_map as fm
from kg.app import hcts_map as hm
from kg.i18n import t_n
from kg.app.model import label_of
from kg.app.network_view import to_csv

MAP_KEY = "hm_canvas"
PICK = "committee"


def _on_committee_click() -> None:
    iri = components.clicked(MAP_KEY, "committee")
    if iri:
        st.session_state[urlstate.lang_key(PICK)] = iri


def _publish() -> None:
    """The view into the URL, from the widgets' values (already current at the start of a run)."""
    state, k = st.session_state, urlstate.lang_key
    urlstate.publish({"direction": state.get(k("direction")), "carries": state.get(k("carries")),
                      "expected": state.get("expected"), "dated": state.get("dated"),
                      "date": state.get("date") if state.get("dated") else None, PICK: state.get(k(PICK))})


def render() -> None:
    tr, lang = data.tr, data.lang()
    words = hm.map_words(lang)
    store = data.require_store()
    version = store.version
    names = data.names(version, lang)
    committees = data.committees(version, lang)
    st.title(tr("hm_title"))
    st.caption(tr("hm_intro"))

    iris = [c["iri"] for c in committees]
    # widgets whose labels depend on the language get a key per language: a switch of language
    # starts them afresh from the link (codes), not from labels of the other language
    k = urlstate.lang_key
    urlstate.restore(k("direction"), "list", list(hm.DIRECTIONS), hm.DIRECTIONS, param="direction")
    urlstate.restore(k("carries"), "list", list(hm.CONTENTS), hm.CONTENTS, param="carries")
    urlstate.restore("expected", "bool", True)
    urlstate.restore("dated", "bool", False)
    urlstate.restore(k(PICK), "str", None, iris, param=PICK)
    if st.session_state.get(k(PICK)) not in [None] + iris:
        st.session_state[k(PICK)] = None
    c1, c2, c3 = st.columns([3, 3, 2])
    with c1:
        directions = st.multiselect(tr("hm_directions"), list(hm.DIRECTIONS), key=k("direction"),
                                    placeholder=tr("choose"), format_func=words.get)
    with c2:
        contents = st.multiselect(tr("hm_contents"), list(hm.CONTENTS), key=k("carries"),
                                  placeholder=tr("choose"), format_func=words.get)
    with c3:
        expected = st.checkbox(tr("hm_expected"), key="expected")
        dated = st.checkbox(tr("f_date_on"), key="dated")
        at = widgets.date_field("f_date", "date", dt.date(2018, 9, 21), disabled=not dated)
    at = at if dated else None

    selected = st.session_state.get(k(PICK))
    with st.spinner(tr("spinner")):
        view = data.hcts_map(version, lang, tuple(directions), tuple(contents), bool(expected),
                             at.isoformat() if at else None, selected, tr("hm_title"))
    total = len(data.hcts_links(version))
    st.caption(t_n("hm_drawn", len(view.drawn), lang, total=total) + " "
               + (tr("hm_at", date=at.strftime("%d/%m/%Y")) if at else tr("hm_undated")))
    if not view.drawn:
        st.info(tr("hm_none"))

    left, right = st.columns([4, 1])
    with left:
        components.hcts_map(view.svg, fm.signature(view.svg), key=MAP_KEY, png_label=tr("hm_download_png"),
                            png_name="ancrage-carte-nationale.png", on_click=_on_committee_click)
        st.caption(tr("hm_click_hint"))
        b1, b2 = st.columns(2)
        b1.download_button(tr("hm_download_svg"), data=view.svg.encode("utf-8"), file_name="ancrage-carte-nationale.svg",
                           mime="image/svg+xml", key="hm_dl_svg", on_click="ignore")
        rows = hm.link_rows(view.drawn, names, words, data.relation_dates(version))
        b2.download_button(tr("hm_download_csv"), data=to_csv(rows), file_name="ancrage-flux.csv", mime="text/csv",
                           key="hm_dl_csv", on_click="ignore")
    with right:
        st.markdown(f"**{tr('hm_placed')}**")
        st.selectbox(tr("hm_committee"), [None] + iris, key=k(PICK), placeholder=tr("none"),
                     format_func=lambda x: tr("none") if x is None else label_of(x, names))
        if selected:
            st.page_link(pages.page("comites"), label=tr("hm_open_committee"), icon=":material/groups:",
                         query_params={"committee": selected})
        st.markdown(f"**{tr('hm_unplaced')}**")
        if view.unplaced:
            for c in view.unplaced:
                st.text("• " + c["label"])
        else:
            st.caption(tr("hm_unplaced_none"))

    st.subheader(tr("hm_flows"))
    widgets.table(rows, {"from": "col_from", "to": "col_to", "direction": "col_direction",
                         "contents": "col_contents", "carries": "col_carries", "status": "col_status",
                         "date": "col_date"}, key="hm_flows_table")
    st.caption(fm.ATTRIBUTION[lang])
    _publish()
    widgets.share_link()

