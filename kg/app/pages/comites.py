"""Comités / Committees: the directory, a committee's composition, the findings of the
composition check (R1–R12) and the ranked, explained missing-partner suggestions."""


import streamlit as st

from kg.app import data, urlstate, widgets
from kg.app.model import label_of
from kg.app.pages import script
from kg.errors import AncrageError
from kg.escape import markdown_text as md

PICK = "com_pick"


def _text(value, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("fr") or "")
    return "" if value is None else str(value)


def _section(iri: str) -> str:
    """``…/section/seminaire-2018-s7-1`` → ``7.1``."""
    tail = iri.rsplit("/", 1)[-1]
    return tail.rsplit("-s", 1)[-1].replace("-", ".") if "-s" in tail else tail


def _concept(scheme: str, code: str) -> str:
    return code if code.startswith(("http://", "https://")) else f"https://w3id.org/ancrage/concept/{scheme}/{code}"


def _go_to_network(iri: str) -> None:
    st.session_state["net_committee"] = iri


def render() -> None:
    tr, lang = data.tr, data.lang()
    store = data.require_store()
    version = store.version
    names = data.names(version, lang)
    committees = data.committees(version, lang)
    st.title(tr("com_title"))
    if not committees:
        st.info(tr("com_none"))
        return

    st.subheader(tr("com_directory"))
    rows = [{**c, "accompanied": [label_of(a, names) for a in c["accompanied_by"]]} for c in committees]
    widgets.table(rows, {"label": "col_committee", "territory_labels": "col_territory", "members": "col_members",
                         "accompanied": "col_accompanied"}, key="com_directory")

    iris = [c["iri"] for c in committees]
    urlstate.restore(PICK, "str", iris[0], iris, param="committee")
    iri = st.selectbox(tr("com_pick"), iris, placeholder=data.tr("choose"), key=PICK, format_func=lambda x: label_of(x, names))
    urlstate.publish({"committee": iri})
    widgets.share_link()
    info = next(c for c in committees if c["iri"] == iri)
    st.header(md(info["label"]))
    st.markdown(data.tr_md("com_territory", territory=", ".join(info["territory_labels"]) or tr("none")))
    if info["accompanied_by"]:
        st.markdown(data.tr_md("com_accompanied", who=", ".join(label_of(a, names) for a in info["accompanied_by"])))
    if st.button(tr("com_see_network"), key="com_to_network"):
        _go_to_network(iri)
        st.switch_page(script("reseau"))

    members = data.committee_members(version, iri, lang)
    st.subheader(tr("com_members", n=len(members)))
    if members:
        seats: dict[str, int] = {}
        for m in members:
            seats[m["institution_label"]] = seats.get(m["institution_label"], 0) + 1
        st.markdown(data.tr_md("com_by_institution", summary=" · ".join(
            f"{label} ({n})" for label, n in sorted(seats.items(), key=lambda kv: (-kv[1], kv[0].lower())))))
        widgets.table(members, {"institution_label": "col_institution", "label": "col_actor",
                                "categories": "col_categories", "roles": "col_role",
                                "start": "col_start", "end": "col_end"}, key="com_members")
        widgets.csv_download("com_download_members", members, f"ancrage-composition-{iri.rsplit('/', 1)[-1]}.csv",
                             "com_dl_members", ["institution_label", "label", "categories", "roles", "start", "end",
                                                "iri", "institution"])
    else:
        st.info(tr("com_no_members"))

    gaps = data.optional("kg.gaps")
    if gaps is None or not hasattr(gaps, "check"):
        st.warning(tr("module_missing", module="kg.gaps"))
        return
    with st.spinner(tr("spinner")):
        result = data.gaps_report(version, iri, lang)
    report, suggestions = result["report"], result["suggestions"]

    st.subheader(tr("com_findings"))
    summary = report.get("summary") or {}
    st.markdown(tr("com_summary", ok=summary.get("ok", 0), warning=summary.get("warning", 0),
                   failure=summary.get("failure", 0), unknown=summary.get("unknown", 0)))
    findings = report.get("findings", [])
    widgets.table([{"rule": f.get("rule"), "severity": tr("severity_" + str(f.get("severity"))),
                    "status": _text((f.get("ground") or {}).get("status_label"), lang),
                    "title": _text(f.get("title"), lang),
                    "sources": ", ".join(_section(s) for s in f.get("sources") or [])} for f in findings],
                  {"rule": "col_rule", "severity": "col_severity", "status": "col_rule_status", "title": "col_title",
                   "sources": "col_sections"},
                  key="com_findings")
    from kg.gaps.report import evidence_markdown

    for f in findings:
        st.markdown(f"**{f.get('rule')} — {tr('severity_' + str(f.get('severity')))}** : "
                    f"{md(_text(f.get('sentence'), lang))}")
        evidence = evidence_markdown(f, lang)
        if evidence:
            with st.expander(f"{tr('col_evidence')} — {f.get('rule')}"):
                st.markdown("\n".join(evidence))

    with st.expander(tr("com_grounds")):
        for f in findings:
            ground = f.get("ground") or {}
            if not ground:
                continue
            lines = [f"**{f.get('rule')} — {md(_text(f.get('title'), lang))}** "
                     f"({md(_text(ground.get('status_label'), lang))})", ""]
            for q in ground.get("quotes", []):
                first, last = q["lines"]
                where = f"l. {first}" if first == last else f"l. {first}–{last}"
                lines.append(f"> « {md(q['text'])} » ({where}, "
                             f"{md(_text(q['speaker_label'], lang))})")
                lines.append("")
            lines.append(f"*{tr('com_operationalisation')}* {md(_text(ground.get('operationalisation'), lang))}")
            if ground.get("measures_instead"):
                lines += ["", f"*{tr('com_instead')}* {md(_text(ground['measures_instead'], lang))}"]
            st.markdown("\n".join(lines))
    st.subheader(tr("com_thresholds"))
    st.caption(tr("com_thresholds_help"))
    widgets.table([{"name": name, "value": t["value"], "origin": t["origin"], "rules": t["rules"],
                    "meaning": _text(t["meaning"], lang)} for name, t in (report.get("thresholds") or {}).items()],
                  {"name": "col_threshold", "value": "col_value", "origin": "col_origin", "rules": "col_rules",
                   "meaning": "col_meaning"}, key="com_thresholds")
    st.subheader(tr("com_checklist"))
    st.markdown("\n".join(
        f"- **{item['id']} — {md(_text(item['title'], lang))}** {md(_text(item['ask'], lang))}  \n"
        + "  \n".join(f"  > « {md(q['text'])} » (l. {q['lines'][0]})" for q in item["quotes"])
        for item in report.get("checklist") or []))

    st.subheader(tr("com_suggestions"))
    if not suggestions:
        st.info(tr("com_no_suggestions"))
    else:
        rows = [{"rank": s.get("rank"), "label": s.get("label"),
                 "categories": [label_of(_concept("category", c), names) for c in s.get("categories") or []],
                 "territory": s.get("territory_label"), "score": round(float(s.get("score", 0)), 3)}
                for s in suggestions]
        widgets.table(rows, {"rank": "col_rank", "label": "col_actor", "categories": "col_categories",
                             "territory": "col_territory", "score": "col_score"}, key="com_suggestions")
        st.markdown(f"**{tr('col_why')}**")
        st.markdown("\n".join(
            f"{s.get('rank')}. **{md(s.get('label'))}** ({float(s.get('score', 0)):g}) — {md(_text(s.get('reasons'), lang))}"
            for s in suggestions))
    if result.get("missing"):
        st.markdown(f"**{tr('nc_missing')}**")
        st.markdown("\n".join(f"- **{md(_text(m['label'], lang))}** : {md(_text(m['expected'], lang))}"
                               for m in result["missing"]))
    if result.get("national"):
        st.markdown(f"**{tr('nc_national')}**")
        widgets.table([{"rank": s["rank"], "label": s["label"], "score": s["score"]} for s in result["national"]],
                      {"rank": "col_rank", "label": "col_actor", "score": "col_score"}, key="com_national")

    stem = f"ancrage-comite-{iri.rsplit('/', 1)[-1]}"
    c1, c2, c3 = st.columns(3)
    c1.download_button(tr("com_download_md"), data=result["markdown"].encode("utf-8"), file_name=f"{stem}.md",
                       mime="text/markdown", key="com_dl_md", on_click="ignore")
    c2.download_button(tr("com_download_csv"), data=result["csv"].encode("utf-8-sig"),
                       file_name=f"{stem}-suggestions.csv", mime="text/csv", key="com_dl_csv", on_click="ignore")
    c3.download_button(tr("com_download_json"), data=result["json"].encode("utf-8"), file_name=f"{stem}.json",
                       mime="application/json", key="com_dl_json", on_click="ignore")

    _duplicates(tr)


def _duplicates(tr) -> None:
    """Likely duplicate actors of the graph, and a merge written as a source of its own."""
    st.subheader(tr("com_duplicates"))
    st.caption(tr("com_duplicates_help"))
    if not st.toggle(tr("com_duplicates"), key="com_dup_show"):
        return
    store = data.require_store()
    found = data.duplicates(store.version)
    if not found:
        st.info(tr("com_no_duplicates"))
        return
    widgets.table(found, {"a_label": "col_actor", "b_label": "col_actor_2", "reason": "col_reason",
                          "detail": "col_found"}, key="com_dup_table")
    pick = st.selectbox(tr("com_duplicates"), list(range(len(found))), key="com_dup_pick",
                        format_func=lambda i: tr("com_merge", a=found[i]["a_label"], b=found[i]["b_label"]))
    if st.button(tr("com_merge", a=found[pick]["a_label"], b=found[pick]["b_label"]), key="com_dup_merge"):
        try:
            with st.spinner(tr("spinner")):
                data.merge_actors(found[pick]["a"], found[pick]["b"])
        except AncrageError as err:
            st.error(data.tr_md("error_generic", error=data.error_text(err)))
            return
        st.rerun()


if __name__ == "__main__":
    render()
