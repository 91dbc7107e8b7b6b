"""Carte du réseau / Network map: filters, the drawing, the legend, the actor card, exports."""

import datetime as dt

import streamlit as st

from kg.app import components, data, urlstate, widgets
from kg.app import network_view as nv
from kg.app.model import label_of
from kg.app.pages import script

ACTOR_KEY = "net_actor"
CANVAS_KEY = "net_canvas"
PATH_KEYS = ("net_path_from", "net_path_to")


def _on_node_click() -> None:
    iri = components.clicked(CANVAS_KEY, "selected")
    if iri:
        st.session_state[ACTOR_KEY] = iri


def render() -> None:
    tr, lang = data.tr, data.lang()
    store = data.require_store()
    version = store.version
    names = data.names(version, lang)
    idx = data.territories(version)
    options = data.filter_options(version)
    st.title(tr("net_title"))

    # the national view of the HCTS and the committees is the page "Carte nationale" (pages/carte.py)
    st.page_link(script("carte"), label=tr("net_to_national_map"), icon=":material/map:")
    cfg = data.settings()
    committee_rows = data.committees(version, lang)
    _restore(idx, options, [c["iri"] for c in committee_rows], int(cfg.view_node_limit))
    with st.expander(tr("net_filters"), expanded=True):
        c1, c2, c3 = st.columns(3)
        with c1:
            territory = widgets.territory_picker(idx, names, "net_terr")
            include_above = st.checkbox(tr("f_include_above"), key="net_above", disabled=territory is None)
        with c2:
            cats = st.multiselect(tr("f_category"), options["categories"], key="net_cats", placeholder=tr("choose"),
                                  format_func=lambda x: label_of(x, names))
            levels = st.multiselect(tr("f_level"), options["levels"], key="net_levels", placeholder=tr("choose"),
                                    format_func=lambda c: label_of(nv.ANCC + "level/" + c, names))
            worlds = st.multiselect(tr("f_world"), options["worlds"], key="net_worlds", placeholder=tr("choose"),
                                    format_func=lambda x: label_of(x, names))
        with c3:
            kinds = st.multiselect(tr("f_kind"), options["kinds"], key="net_kinds", placeholder=tr("choose"),
                                   format_func=lambda k: tr("kind_" + k))
            committee = st.selectbox(tr("f_committee"), [None] + [c["iri"] for c in committee_rows],
                                     key="net_committee", placeholder=tr("all"),
                                     format_func=lambda x: tr("all") if x is None else label_of(x, names))
            radius = st.slider(tr("f_radius"), 1, 3, key="net_radius", disabled=committee is None)
        d1, d2, d3 = st.columns(3)
        with d1:
            dated = st.checkbox(tr("f_date_on"), key="net_dated")
            at = widgets.date_field("f_date", "net_date", dt.date(2018, 9, 21), disabled=not dated, param="date")
        with d2:
            measure = st.selectbox(tr("f_measure"), list(data.measures()), placeholder=data.tr("choose"), key="net_measure",
                                   format_func=lambda m: tr("measure_" + m))
            colour_by = st.radio(tr("f_colour"), ["category", "community"], key="net_colour", horizontal=True,
                                 format_func=lambda c: tr("colour_" + c))
        with d3:
            limit = int(st.number_input(tr("f_limit"), min_value=10, max_value=5000, step=50, key="net_limit"))
    filters = nv.NetworkFilters(territory=territory, include_above=bool(include_above), levels=tuple(levels),
                                categories=tuple(cats), worlds=tuple(worlds), kinds=tuple(kinds),
                                committee=committee, radius=int(radius), at=at if dated else None)
    with st.spinner(tr("spinner")):
        view = data.network_view(version, filters.key(), measure, limit, lang, colour_by)
    path = _path_picker(view, names)
    if path:
        view = data.network_view(version, filters.key(), measure, limit, lang, colour_by, tuple(path))
    described = _filters_text(filters, limit, names)

    st.caption(tr("net_counts", nodes=view.graph.number_of_nodes(), edges=view.graph.number_of_edges()))
    if view.method == "local":
        st.caption(tr("net_method_local", measure=tr("measure_" + view.measure), n=view.graph.number_of_nodes()))
    elif view.method:
        method = tr("method_" + view.method) if view.method in ("exact", "cutoff=3") else view.method
        at_text = tr("net_method_at", date=filters.at.strftime("%d/%m/%Y")) if filters.at else ""
        st.caption(tr("net_method", measure=tr("measure_" + view.measure), method=method, at=at_text))
    left = view.left_out
    if left.any:
        cats_text = ", ".join(f"{label or tr('kind_no-category')} ({n})" for label, n in left.by_category[:8])
        st.warning(data.tr_md("net_left_out", limit=limit, shown=left.shown_nodes, measure=tr("measure_" + measure),
                      nodes=left.nodes, edges=left.edges, cats=cats_text))
    if view.view.number_of_nodes() == 0:
        st.info(tr("net_empty"))
        _publish()
        widgets.share_link()
        return

    st.caption(tr("net_tools_hint"))
    components.network({**view.payload, "texts": _tool_texts()}, key=CANVAS_KEY, height=600,
                       on_select=_on_node_click)
    legend_titles = (tr("legend_community" if colour_by == "community" else "legend_colour"), tr("legend_shape"),
                     tr("legend_edge"))
    st.markdown(nv.legend_html(view.legend, legend_titles), unsafe_allow_html=True)

    st.subheader(tr("card_title"))
    st.caption(tr("net_click_hint"))
    options = sorted(view.view.nodes, key=lambda x: (label_of(x, names).lower(), x))
    current = st.session_state.get(ACTOR_KEY)
    if current and current not in options:
        options = [current] + options
    picked = st.selectbox(tr("card_pick"), [None] + options, placeholder=data.tr("choose"), key=ACTOR_KEY,
                          format_func=lambda x: tr("none") if x is None else label_of(x, names))
    _publish()
    if picked:
        widgets.actor_card(data.actor_card(version, picked, lang), open_key=ACTOR_KEY)

    widgets.share_link()
    st.subheader(tr("export_title"))
    _exports(view, names, lang, legend_titles, described)
    with st.expander(tr("net_table")):
        widgets.table(nv.nodes_table(view.view, names, view.scores, data.kind_labels(lang)),
                      {"label": "col_actor", "kind": "col_kind", "categories": "col_categories",
                       "territories": "col_territories", "score": "col_score"}, key="net_nodes_table")


#: Widget key → (URL parameter, kind): what a link to this page restores.
URL_STATE = {"net_terr_region": ("region", "str"), "net_terr_dep": ("dep", "str"), "net_terr_epci": ("epci", "str"),
             "net_above": ("above", "bool"), "net_cats": ("category", "list"), "net_levels": ("level", "list"),
             "net_worlds": ("world", "list"), "net_kinds": ("kind", "list"), "net_committee": ("committee", "str"),
             "net_radius": ("radius", "int"), "net_dated": ("dated", "bool"), "net_date": ("date", "date"),
             "net_measure": ("measure", "str"), "net_colour": ("colour", "str"), "net_limit": ("limit", "int"),
             ACTOR_KEY: ("actor", "str")}


def _restore(idx, options, committees: list[str], limit: int) -> None:
    """The filters a link names (first run of a session), else their defaults."""
    territories = set(idx.level)
    choices = {"net_terr_region": territories, "net_terr_dep": territories, "net_terr_epci": territories,
               "net_cats": options["categories"], "net_levels": options["levels"], "net_worlds": options["worlds"],
               "net_kinds": options["kinds"], "net_committee": committees, "net_measure": list(data.measures()),
               "net_colour": ["category", "community"]}
    defaults = {"net_above": False, "net_cats": [], "net_levels": [], "net_worlds": [], "net_kinds": [],
                "net_radius": 1, "net_dated": False, "net_measure": data.measures()[0], "net_colour": "category",
                "net_limit": limit}
    for key, (param, kind) in URL_STATE.items():
        if key in ("net_date", ACTOR_KEY):
            continue
        urlstate.restore(key, kind, defaults.get(key), choices.get(key), param=param)
    if ACTOR_KEY not in st.session_state:
        asked = st.query_params.get("actor")
        st.session_state[ACTOR_KEY] = asked if asked and _is_iri(asked) else None
    if not 1 <= int(st.session_state.get("net_radius") or 1) <= 3:
        st.session_state["net_radius"] = 1
    if not 10 <= int(st.session_state.get("net_limit") or limit) <= 5000:
        st.session_state["net_limit"] = limit


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(c in text for c in '<>"{}|^`\\ ')


def _publish() -> None:
    urlstate.publish({param: st.session_state.get(key) for key, (param, _kind) in URL_STATE.items()
                      if not (key == "net_date" and not st.session_state.get("net_dated"))})


def _tool_texts() -> dict:
    tr = data.tr
    return {"search": tr("net_search"), "relations": tr("net_relations"), "neighbours": tr("net_neighbours", n="{n}"),
            "notFound": tr("net_not_found"), "kind": tr("card_kind"), "categories": tr("card_categories"),
            "territories": tr("card_territories")}


def _path_picker(view, names) -> list | None:
    """Two actors chosen among those the filters keep; the shortest path between them, said in
    words under the pickers (and highlighted on the map by the caller)."""
    tr = data.tr
    with st.expander(tr("path_title"), expanded=bool(st.session_state.get(PATH_KEYS[0]))):
        options = sorted(view.graph.nodes, key=lambda x: (label_of(x, names).lower(), x))
        c1, c2 = st.columns(2)
        a = c1.selectbox(tr("path_from"), options, index=None, key=PATH_KEYS[0], placeholder=tr("choose"),
                         format_func=lambda x: label_of(x, names))
        b = c2.selectbox(tr("path_to"), options, index=None, key=PATH_KEYS[1], placeholder=tr("choose"),
                         format_func=lambda x: label_of(x, names))
        if not a or not b or a == b:
            return None
        from kg.analysis.paths import shortest_path

        path = shortest_path(view.graph, a, b)
        if path is None:
            st.info(tr("path_none"))
            return None
        st.markdown(data.tr_md("path_found", n=len(path) - 1, path=" → ".join(label_of(x, names) for x in path)))
        return path


def _filters_text(f, limit: int, names) -> str:
    """The filters in words, recorded in the HTML and GEXF exports."""
    tr = data.tr
    parts = []
    if f.territory:
        parts.append(f"{tr('f_territory')} : {label_of(f.territory, names)}")
    for key, values, fmt in (("f_category", f.categories, lambda x: label_of(x, names)),
                             ("f_level", f.levels, lambda c: label_of(nv.ANCC + "level/" + c, names)),
                             ("f_world", f.worlds, lambda x: label_of(x, names)),
                             ("f_kind", f.kinds, lambda k: tr("kind_" + k))):
        if values:
            parts.append(f"{tr(key)} : {', '.join(fmt(v) for v in values)}")
    if f.committee:
        parts.append(f"{tr('f_committee')} : {label_of(f.committee, names)} ({tr('f_radius')} {f.radius})")
    if f.at:
        parts.append(f"{tr('f_date')} : {f.at.strftime('%d/%m/%Y')}")
    parts = parts or [tr("filters_none")]
    parts.append(tr("filters_limit", limit=limit))
    return tr("filters_text", filters="; ".join(parts))


def _exports(view, names, lang, legend_titles, described: str = "") -> None:
    tr = data.tr
    stem = "ancrage-reseau"
    kinds = data.kind_labels(lang)
    c = st.columns(5)
    c[0].download_button(tr("export_nodes_csv"), data=lambda: nv.to_csv(nv.nodes_table(view.graph, names, view.scores, kinds)),
                         file_name=f"{stem}-noeuds.csv", mime="text/csv", key="dl_nodes", on_click="ignore")
    c[1].download_button(tr("export_edges_csv"), data=lambda: nv.to_csv(nv.edges_table(view.graph, names, kinds)),
                         file_name=f"{stem}-liens.csv", mime="text/csv", key="dl_edges", on_click="ignore")
    c[2].download_button(tr("export_gexf"), data=lambda: nv.to_gexf(view, names, described),
                         file_name=f"{stem}.gexf", mime="application/xml", key="dl_gexf", on_click="ignore")
    c[3].download_button(tr("export_graphml"), data=lambda: nv.to_graphml(view.graph, names, view.scores),
                         file_name=f"{stem}.graphml", mime="application/xml", key="dl_graphml", on_click="ignore")
    legend = nv.legend_html(view.legend, legend_titles)
    note = tr("net_counts", nodes=view.graph.number_of_nodes(), edges=view.graph.number_of_edges()) + " " + described
    texts = _tool_texts()
    c[4].download_button(tr("export_html"),
                         data=lambda: nv.standalone_html(view.payload, tr("html_title"), legend, lang, note,
                                                         texts=texts).encode("utf-8"),
                         file_name=f"{stem}.html", mime="text/html", key="dl_html", on_click="ignore")


if __name__ == "__main__":
    render()
