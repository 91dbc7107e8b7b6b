"""Sources & méthode / About: the provenance of every dataset, the ontology and its concept
schemes, the composition rules R1–R12 with their source sections, the licences."""

import streamlit as st

from kg.app import data, widgets
from kg.escape import markdown_text as md


def _ground(rule: str, lang: str) -> dict:
    """What a rule rests on (kg.gaps.grounds): status, lines, quotes, operationalisation."""
    from kg.gaps.grounds import RULE_GROUNDS
    from kg.i18n import t

    g = RULE_GROUNDS.get(rule)
    if g is None:
        return {"status": "", "lines": "", "quotes": [], "operationalisation": ""}
    return {"status": t("gaps.status_" + g.status, lang), "lines": ", ".join(q.cite(lang) for q in g.quotes),
            "quotes": [(q.text, q.cite(lang)) for q in g.quotes],
            "operationalisation": g.operationalisation[lang]}


def render() -> None:
    tr, lang = data.tr, data.lang()
    store = data.require_store()
    version = store.version
    st.title(tr("src_title"))

    st.header(tr("src_datasets"))
    widgets.table(data.sources(version), {"id": "col_source", "title": "col_title", "loaded_at": "col_loaded",
                                          "licence": "col_licence", "version": "col_version",
                                          "publisher": "col_publisher", "path": "col_file", "url": "col_url",
                                          "records": "col_records", "rejected": "col_rejected",
                                          "triples": "col_triples"}, key="src_datasets")

    st.header(tr("src_method"))
    st.write(tr("src_method_text"))

    st.header(tr("src_passages"))
    st.write(tr("src_passages_text"))
    cited = data.passages(version, lang)
    needle = st.text_input(tr("src_passages_filter"), key="src_passages_filter").strip().lower()
    if needle:
        cited = [p for p in cited if needle in p["quote"].lower() or needle in p["cited_by"].lower()]
    widgets.table(cited, {"section": "col_number", "lines": "col_lines", "quote": "col_quote",
                          "cited_by": "col_cited_by", "statuses": "col_status"}, key="src_passages", height=400)

    st.header(tr("src_rules"))
    st.write(tr("src_rules_text"))
    rules = [{**r, **_ground(r["id"], lang)} for r in data.rules(version, lang)]
    widgets.table(rules, {"id": "col_rule", "label": "col_label", "status": "col_rule_status",
                          "lines": "col_lines", "sections": "col_sections"}, key="src_rules")
    st.markdown("\n".join(f"- **{md(r['id'])} — {md(r['label'])}** ({md(r['status'])}) : "
                           f"{md(r['definition'])} ({tr('col_sections')} : {md(r['sections'])})"
                           + "".join(f"  \n  > « {md(q)} » ({md(c)})" for q, c in r["quotes"])
                           + f"  \n  *{tr('com_operationalisation')}* {md(r['operationalisation'])}"
                           for r in rules))

    st.header(tr("src_ontology"))
    st.subheader(tr("src_schemes"))
    schemes = data.concept_schemes(version, lang)
    if schemes:
        by_id = {s["id"]: s for s in schemes}
        pick = st.selectbox(tr("src_scheme_pick"), list(by_id), placeholder=data.tr("choose"), key="src_scheme",
                            format_func=lambda i: f"{by_id[i]['label']} ({len(by_id[i]['concepts'])})")
        scheme = by_id[pick]
        if scheme["definition"]:
            st.caption(md(scheme["definition"]))
        widgets.table(scheme["concepts"], {"code": "col_code_concept", "label": "col_label", "broader": "col_broader",
                                           "definition": "col_definition"}, key="src_concepts")
    st.subheader(tr("src_terms"))
    terms = [{**t, "kind": tr("term_" + t["kind"])} for t in data.ontology_terms(version, lang)]
    widgets.table(terms, {"term": "col_term", "kind": "col_kind", "label": "col_label", "definition": "col_definition"},
                  key="src_terms", height=400)

    st.header(tr("src_licences"))
    st.markdown(tr("src_licences_text"))

