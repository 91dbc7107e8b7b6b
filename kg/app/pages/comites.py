"""Comités / Committees: the directory, a committee's composition, the findings of the
composition check (R1–R10) and the ranked, explained missing-partner suggestions."""

import json

import streamlit as st

from kg.app import data, widgets
from kg.app.model import label_of
from kg.app.network_view import to_csv

PICK = "com_pick"


def _text(value, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("fr") or "")
    return "" if value is None else str(value)


def _evidence(evidence) -> str:
    if not evidence:
        return ""
    if isinstance(evidence, dict):
        parts = []
        for k, v in evidence.items():
            if isinstance(v, (list, tuple)):
                v = ", ".join(str(x) for x in v[:8]) + (" …" if len(v) > 8 else "")
            elif isinstance(v, dict):
                v = json.dumps(v, ensure_ascii=False)[:200]
            parts.append(f"{k} = {v}")
        return " ; ".join(parts)
    return str(evidence)


def _go_to_network(iri: str) -> None:
    st.session_state["net_committee"] = iri
    st.session_state["net_mode"] = "actors"


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
    asked = st.query_params.get("committee")
    if PICK not in st.session_state and asked in iris:
        st.session_state[PICK] = asked
    iri = st.selectbox(tr("com_pick"), iris, key=PICK, format_func=lambda x: label_of(x, names))
    info = next(c for c in committees if c["iri"] == iri)
    st.header(info["label"])
    st.markdown(tr("com_territory", territory=", ".join(info["territory_labels"]) or tr("none")))
    if info["accompanied_by"]:
        st.markdown(tr("com_accompanied", who=", ".join(label_of(a, names) for a in info["accompanied_by"])))
    if st.button(tr("com_see_network"), key="com_to_network"):
        _go_to_network(iri)
        st.switch_page("kg/app/pages/reseau.py")

    members = data.committee_members(version, iri, lang)
    st.subheader(tr("com_members", n=len(members)))
    if members:
        widgets.table(members, {"label": "col_actor", "categories": "col_categories", "roles": "col_role",
                                "start": "col_start", "end": "col_end"}, key="com_members")
        widgets.csv_download("com_download_members", members, f"ancrage-composition-{iri.rsplit('/', 1)[-1]}.csv",
                             "com_dl_members", ["label", "categories", "roles", "start", "end", "iri"])
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
    icons = {"ok": "✅", "warning": "⚠️", "failure": "❌", "unknown": "❔"}
    finding_rows = [{"rule": f.get("rule"), "severity": f"{icons.get(f.get('severity'), '')} "
                                                          f"{tr('severity_' + str(f.get('severity')))}",
                     "title": _text(f.get("title"), lang), "finding": _text(f.get("sentence"), lang),
                     "evidence": _evidence(f.get("evidence")),
                     "sources": ", ".join(s.rsplit("-", 1)[-1] for s in f.get("sources") or [])}
                    for f in report.get("findings", [])]
    widgets.table(finding_rows, {"rule": "col_rule", "severity": "col_severity", "title": "col_title",
                                 "finding": "col_finding", "evidence": "col_evidence", "sources": "col_sections"},
                  key="com_findings")

    st.subheader(tr("com_suggestions"))
    if not suggestions:
        st.info(tr("com_no_suggestions"))
    else:
        sugg_rows = [{"rank": s.get("rank"), "label": s.get("label"), "categories": s.get("categories"),
                      "territory": s.get("territory_label"), "score": round(float(s.get("score", 0)), 3),
                      "why": _text(s.get("reasons"), lang),
                      "parts": " + ".join(f"{k} {float(v):.2f}" for k, v in (s.get("parts") or {}).items())}
                     for s in suggestions]
        sugg_rows = [{**r, "categories": [label_of(c, names) for c in r["categories"] or []]} for r in sugg_rows]
        widgets.table(sugg_rows, {"rank": "col_rank", "label": "col_actor", "categories": "col_categories",
                                  "territory": "col_territory", "score": "col_score", "why": "col_why",
                                  "parts": "col_parts"}, key="com_suggestions")

    stem = f"ancrage-comite-{iri.rsplit('/', 1)[-1]}"
    c1, c2, c3 = st.columns(3)
    markdown = result.get("markdown") or _fallback_markdown(report, suggestions, lang)
    c1.download_button(tr("com_download_md"), data=markdown.encode("utf-8"), file_name=f"{stem}.md",
                       mime="text/markdown", key="com_dl_md", on_click="ignore")
    csv_bytes = result.get("csv")
    if csv_bytes is None:
        csv_bytes = to_csv([{"rank": s.get("rank"), "actor": s.get("actor"), "label": s.get("label"),
                             "score": s.get("score"), "why": _text(s.get("reasons"), lang)} for s in suggestions],
                           ["rank", "actor", "label", "score", "why"])
    c2.download_button(tr("com_download_csv"), data=csv_bytes if isinstance(csv_bytes, bytes) else csv_bytes.encode("utf-8"),
                       file_name=f"{stem}-suggestions.csv", mime="text/csv", key="com_dl_csv", on_click="ignore")
    payload = result.get("json") or json.dumps({"report": report, "suggestions": suggestions}, ensure_ascii=False,
                                               indent=2, default=str)
    c3.download_button(tr("com_download_json"), data=payload.encode("utf-8") if isinstance(payload, str) else payload,
                       file_name=f"{stem}.json", mime="application/json", key="com_dl_json", on_click="ignore")


def _fallback_markdown(report: dict, suggestions: list, lang: str) -> str:
    tr = data.tr
    lines = [f"# {report.get('label', '')}", "", f"## {tr('com_findings')}", ""]
    for f in report.get("findings", []):
        lines.append(f"- **{f.get('rule')}** ({tr('severity_' + str(f.get('severity')))}) : "
                     f"{_text(f.get('sentence'), lang)}")
    lines += ["", f"## {tr('com_suggestions')}", ""]
    for s in suggestions:
        lines.append(f"{s.get('rank')}. **{s.get('label')}** — {_text(s.get('reasons'), lang)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    render()
