"""Territoires / Territories: drill down from France to a région, a département, an EPCI, with
a map of the départements coloured by committee status or by a composition-check indicator."""

import streamlit as st

from kg.app import components, data, urlstate, widgets
from kg.app import france_map as fm
from kg.app import territory_view as tv
from kg.app.network_view import nodes_table, to_csv
from kg.escape import html_text

PICKER = "terr"
SHOWN_ROWS = 1000
MAP_KEY = "terr_map"
TABLE_HEIGHT = 300


def _on_map_click() -> None:
    code = components.clicked(MAP_KEY, "departement")
    if not code:
        return
    version = data.get_store().version
    idx = data.territories(version)
    dep = idx.by_code("departement", code)
    if dep:
        widgets.select_departement(idx, PICKER, dep)


def _gaps_summaries(version: str, committees: list[dict]) -> dict:
    """The composition check of every committee (cached one by one), with a progress bar."""
    bar = st.progress(0.0, text=data.tr("map_gaps_progress", n=len(committees)))
    out = {}
    for i, c in enumerate(committees, 1):
        out[c["iri"]] = data.gaps_summary(version, c["iri"])
        bar.progress(i / max(1, len(committees)), text=data.tr("map_gaps_progress", n=len(committees)))
    bar.empty()
    return out


def render() -> None:
    tr, lang = data.tr, data.lang()
    store = data.require_store()
    version = store.version
    names = data.names(version, lang)
    idx = data.territories(version)
    g = data.actor_network(version)
    committees = data.committees(version, lang)
    st.title(tr("terr_title"))

    territories = set(idx.level)
    for part in ("region", "dep", "epci"):
        urlstate.restore(f"{PICKER}_{part}", "str", None, territories, param=part)
    left, right = st.columns([2, 3])
    with left:
        area = widgets.territory_picker(idx, names, PICKER)
        st.markdown("**" + data.tr_md("terr_where", name=widgets.territory_label(area, idx, names) if area
                                      else tr("terr_france")) + "**")
        indicators = list(tv.INDICATORS)
        urlstate.restore("terr_indicator", "str", indicators[0], indicators, param="indicator")
        indicator = st.selectbox(tr("map_indicator"), indicators, key="terr_indicator",
                                 format_func=lambda i: tr("ind_" + i))
        urlstate.publish({"region": st.session_state.get(f"{PICKER}_region"),
                          "dep": st.session_state.get(f"{PICKER}_dep"),
                          "epci": st.session_state.get(f"{PICKER}_epci"), "indicator": indicator})
        widgets.share_link()
    with right:
        st.subheader(tr("map_title"))
        fills, tips, legend_items, values = _map_values(idx, committees, g, indicator, version, lang)
        selected = idx.code.get(area) if area and idx.level.get(area) == "departement" else None
        svg = fm.render_svg(fills, tips, selected=selected, title=tr("map_title"))
        components.france_map(svg, fm.signature(svg), key=MAP_KEY, on_click=_on_map_click)
        st.markdown(" · ".join(f'<span style="color:{html_text(c)};font-size:1.2em">■</span>&nbsp;{html_text(lab)}'
                               for c, lab in legend_items), unsafe_allow_html=True)
        st.caption(tr("map_click_hint"))
        if indicator in tv.GAPS_INDICATORS:
            st.caption(tr("map_gaps_note"))
        st.caption(fm.ATTRIBUTION[lang])
        b1, b2 = st.columns(2)
        b1.download_button(tr("map_download"), data=svg.encode("utf-8"), file_name=f"ancrage-carte-{indicator}.svg",
                           mime="image/svg+xml", key="terr_dl_svg", on_click="ignore")
        rows = [{"code": c, "name": n, "value": values.get(c, "")} for c, n in fm.departements()]
        b2.download_button(tr("map_table"), data=to_csv(rows), file_name=f"ancrage-departements-{indicator}.csv",
                           mime="text/csv", key="terr_dl_values", on_click="ignore")

    st.subheader(tr("terr_committees"))
    on_area = tv.committees_on(committees, idx, area)
    if not on_area:
        st.info(tr("terr_no_committee"))
    else:
        widgets.table(on_area, {"label": "col_committee", "territory_labels": "col_territory",
                                "members": "col_members"}, key="terr_committees")

    actors = tv.actors_in(g, idx, area)
    st.subheader(tr("terr_actors", n=len(actors)))
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(f"**{tr('terr_by_category')}**")
        widgets.table(tv.count_by(g, actors, "category", names), {"label": "col_category", "count": "col_count"},
                      key="terr_by_cat")
    with c2:
        st.markdown(f"**{tr('terr_by_level')}**")
        widgets.table(tv.count_by(g, actors, "level", names), {"label": "col_level", "count": "col_count"},
                      key="terr_by_level")
    rows = nodes_table(g.subgraph(actors), names, kind_labels=data.kind_labels(data.lang()))
    if len(rows) > SHOWN_ROWS:
        st.caption(tr("terr_rows_shown", shown=SHOWN_ROWS, n=len(rows)))
    widgets.table(rows[:SHOWN_ROWS], {"label": "col_actor", "kind": "col_kind", "categories": "col_categories",
                                      "territories": "col_territories"}, key="terr_actor_table", height=TABLE_HEIGHT)
    widgets.csv_download("terr_export", rows, "ancrage-acteurs-territoire.csv", "terr_dl_actors")

    kids = tv.children_summary(idx, area, g, committees, names, data.actor_counts(version))
    if kids:
        st.subheader(tr("terr_children"))
        widgets.table(kids, {"code": "col_code", "name": "col_name", "actors": "col_actors",
                             "committees": "col_committees"}, key="terr_children")


def _map_values(idx, committees, g, indicator, version, lang):
    tr = data.tr
    names = {c: n for c, n in fm.departements()}
    if indicator == "status":
        status = tv.departement_status(idx, committees)
        fills = {c: tv.STATUS_COLOURS[s] for c, s in status.items()}
        tips = {c: f"{c} — {names.get(c, c)} : {tr('status_' + s)}" for c, s in status.items()}
        legend = [(tv.STATUS_COLOURS[s], tr("status_" + s)) for s in tv.STATUSES]
        return fills, tips, legend, {c: tr("status_" + s) for c, s in status.items()}
    if indicator in tv.GAPS_INDICATORS:
        values = tv.gaps_values(committees, _gaps_summaries(version, committees), indicator)
    else:
        values = tv.departement_counts(idx, committees, g, indicator)
    fills, legend = fm.sequential_fills(values)
    tips = {c: f"{c} — {names.get(c, c)} : {v}" for c, v in values.items()}
    return fills, tips, legend, values

