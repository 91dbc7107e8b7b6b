"""Nouveau comité / New committee: the founder's path. Choose the territory, pick members from the
graph by name or type them (with the institution they belong to), then see the composition check
and the suggestions at once. The template is downloadable here, and a fictional example can be
added and removed in one click. The work is in :mod:`kg.app.founder`."""

import streamlit as st

from kg.app import data, founder, widgets
from kg.app.model import label_of
from kg.errors import AncrageError
from kg.escape import markdown_text as md

MEMBERS = "nc_members"
SAVED = "nc_saved"
CATEGORIES = "https://w3id.org/ancrage/concept/category/"


def _text(value, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("fr") or "")
    return "" if value is None else str(value)


def _draft(names: dict) -> founder.Draft:
    picks = [founder.Pick(**m) for m in st.session_state.get(MEMBERS, [])]
    territory = st.session_state.get("nc_territory", "").strip()
    name = st.session_state.get("nc_name", "").strip() or f"Comité local {territory}"
    return founder.Draft(name, territory, picks)


def _template_and_example(tr, lang, store) -> None:
    st.subheader(tr("nc_template"))
    st.write(tr("nc_template_intro"))
    c1, c2 = st.columns(2)
    c1.download_button(tr("nc_dl_xlsx"), data=founder.template_xlsx(), file_name="modele-ancrage.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="nc_dl_xlsx",
                       on_click="ignore")
    c2.download_button(tr("nc_dl_zip"), data=founder.template_zip(), file_name="modele-ancrage-csv.zip",
                       mime="application/zip", key="nc_dl_zip", on_click="ignore")
    st.subheader(tr("nc_example"))
    st.warning(tr("nc_example_fictional"))
    if founder.example_loaded(store):
        st.info(tr("nc_example_loaded"))
        if st.button(tr("nc_example_remove"), key="nc_example_remove"):
            _write(lambda: founder.remove_sources(data.settings(), founder.example_source_ids()))
    elif st.button(tr("nc_example_add"), key="nc_example_add"):
        _write(lambda: founder.add_example(data.settings(), lang, store))


def _write(action) -> None:
    try:
        with st.spinner(data.tr("spinner")):
            action()
    except AncrageError as err:  # another writer holding the store, disk full…: nothing written
        st.error(data.tr_md("error_generic", error=data.error_text(err)))
        return
    st.rerun()


def _add_found(names: dict) -> None:
    """Before the run (a button's callback), so the count and the parent list include it."""
    members = st.session_state.setdefault(MEMBERS, [])
    iri = st.session_state.get("nc_found")
    if iri and all(m.get("iri") != iri for m in members):
        members.append({"iri": iri, "label": label_of(iri, names)})


def _add_typed() -> None:
    """Before the run (a button's callback); a missing name is said by the run."""
    name = st.session_state.get("nc_new_name", "").strip()
    st.session_state["nc_new_name_missing"] = not name
    if name:
        st.session_state.setdefault(MEMBERS, []).append(
            {"name": name, "category": st.session_state["nc_new_category"].rsplit("/", 1)[-1],
             "part_of": st.session_state.get("nc_new_parent") or None})


def _members(tr, names) -> None:
    members = st.session_state.setdefault(MEMBERS, [])
    st.subheader(tr("nc_members", n=len(members)))
    search = st.text_input(tr("nc_search"), key="nc_search", help=tr("nc_search_help"))
    found = founder.search_actors(names, search) if search else []
    if search and not found:
        st.info(tr("nc_search_none"))
    if found:
        st.selectbox(tr("nc_found"), [f[0] for f in found], key="nc_found",
                     format_func=lambda x: label_of(x, names))
        st.button(tr("nc_add_found"), key="nc_add_found", on_click=_add_found, args=(names,))
    with st.expander(tr("nc_new_member"), expanded=True):
        st.text_input(tr("nc_new_name"), key="nc_new_name")
        codes = sorted((c for c in names if c.startswith(CATEGORIES)), key=lambda c: label_of(c, names).lower())
        st.selectbox(tr("nc_new_category"), codes, key="nc_new_category", format_func=lambda c: label_of(c, names))
        parents = [""] + [m.get("iri") or f"#{i}" for i, m in enumerate(members)]
        st.selectbox(tr("nc_new_parent"), parents, key="nc_new_parent",
                     format_func=lambda p: tr("none") if not p else _member_label(p, members, names))
        if st.button(tr("nc_add_new"), key="nc_add_new", on_click=_add_typed) \
                and st.session_state.get("nc_new_name_missing"):
            st.error(tr("nc_new_name_missing"))
    if members:
        widgets.table([{"label": _member_label(m.get("iri") or f"#{i}", members, names),
                        "parent": _member_label(m["part_of"], members, names) if m.get("part_of") else ""}
                       for i, m in enumerate(members)], {"label": "col_actor", "parent": "col_part_of"},
                      key="nc_member_table")
        if st.button(tr("nc_clear"), key="nc_clear"):
            st.session_state[MEMBERS] = []
            st.rerun()


def _member_label(ref: str, members: list[dict], names: dict) -> str:
    if ref.startswith("#"):
        return members[int(ref[1:])].get("name") or "?"
    return label_of(ref, names)


def _resolve_parents(draft: founder.Draft) -> None:
    """``#i`` (a member typed in this draft) → the IRI that member gets once written."""
    from kg.namespaces import entity

    for m in draft.members:
        if m.part_of and m.part_of.startswith("#"):
            target = draft.members[int(m.part_of[1:])]
            m.part_of = target.iri or str(entity("actor", founder.new_member_id(draft, target)))


def _results(tr, lang, iri: str, version: str, names) -> None:
    result = data.gaps_report(version, iri, lang, limit=15)
    report = result["report"]
    st.subheader(tr("com_findings"))
    findings = report.get("findings", [])
    widgets.table([{"rule": f.get("rule"), "severity": tr("severity_" + str(f.get("severity"))),
                    "sentence": _text(f.get("sentence"), lang)} for f in findings],
                  {"rule": "col_rule", "severity": "col_severity", "sentence": "col_title"}, key="nc_findings")
    st.subheader(tr("nc_local"))
    st.caption(tr("nc_local_help"))
    rows = [{"rank": s["rank"], "label": s["label"], "territory": s["territory_label"],
             "where": tr("where_" + s["location"]), "score": s["score"],
             "parts": ", ".join(f"{k} {v:g}" for k, v in s["parts"].items() if v)} for s in result["suggestions"]]
    if rows:
        widgets.table(rows, {"rank": "col_rank", "label": "col_actor", "territory": "col_territory",
                             "where": "col_where", "score": "col_score", "parts": "col_parts"}, key="nc_local_table")
    else:
        st.info(tr("com_no_suggestions"))
    if result.get("missing"):
        st.subheader(tr("nc_missing"))
        st.markdown("\n".join(f"- **{md(_text(m['label'], lang))}** : {md(_text(m['expected'], lang))}"
                              for m in result["missing"]))
    st.subheader(tr("nc_national"))
    nat = [{"rank": s["rank"], "label": s["label"], "score": s["score"]} for s in result.get("national") or []]
    if nat:
        widgets.table(nat, {"rank": "col_rank", "label": "col_actor", "score": "col_score"}, key="nc_national_table")
    else:
        st.caption(tr("none"))


def render() -> None:
    tr, lang = data.tr, data.lang()
    store = data.require_store()
    names = data.names(store.version, lang)
    st.title(tr("nc_title"))
    st.write(tr("nc_intro"))
    st.text_input(tr("nc_territory"), key="nc_territory", help=tr("nc_territory_help"))
    st.text_input(tr("nc_name"), key="nc_name")
    _members(tr, names)

    ready = bool(st.session_state.get("nc_territory", "").strip()) and bool(st.session_state.get(MEMBERS))
    if st.button(tr("nc_check"), key="nc_check", type="primary", disabled=not ready):
        draft = _draft(names)
        _resolve_parents(draft)
        try:
            with st.spinner(tr("spinner")):
                checked = founder.check_draft(draft, lang, store)
                if checked.ok:
                    founder.save_draft(draft, data.settings(), lang, store)
        except AncrageError as err:
            st.error(data.tr_md("error_generic", error=data.error_text(err)))
            return
        st.session_state[SAVED] = {"iri": draft.committee_iri, "sources": draft.source_ids(),
                                   "problems": checked.problems, "ok": checked.ok}
        st.rerun()

    saved = st.session_state.get(SAVED)
    if saved:
        if saved["problems"]:
            (st.warning if saved["ok"] else st.error)(tr("nc_problems", n=len(saved["problems"])))
            widgets.table(saved["problems"], {"row": "col_row", "column": "col_column", "message": "col_message",
                                              "expected": "col_expected", "found": "col_found"}, key="nc_problems")
        if saved["ok"]:
            st.success(tr("nc_saved"))
            _results(tr, lang, saved["iri"], store.version, names)
            if st.button(tr("nc_remove"), key="nc_remove"):
                st.session_state.pop(SAVED)
                _write(lambda: founder.remove_sources(data.settings(), saved["sources"]))
    _template_and_example(tr, lang, store)

