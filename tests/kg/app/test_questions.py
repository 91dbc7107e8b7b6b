"""The eight questions of Moine and Sorita in the explorer, in French and English (AppTest on a
real on-disk store); the statuses, quotes, thresholds and checklist on the committee page; the
status on the actor card."""

from __future__ import annotations

import pytest

from kg import queries
from kg.i18n import t
from kg.app.questions import QUESTIONS



def frame_with(at, column: str):
    for d in at.dataframe:
        if column in d.value.columns:
            return d.value
    raise AssertionError(f"no table with a column {column!r}")


def texts(at) -> str:
    parts = [m.value for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error")
             for m in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)

NORD_COMMITTEE = "https://w3id.org/ancrage/id/committee/nord"
HCTS = "https://w3id.org/ancrage/id/actor/hcts"


def test_every_question_has_named_queries_with_a_cypher_twin():
    lib = queries.library()
    for q in QUESTIONS:
        assert q.queries, q.number
        for name in q.queries:
            assert name in lib and lib[name].cypher, (q.number, name)
            assert not lib[name].params or all(p.default for p in lib[name].params)
        if q.figure is not None:
            assert q.figure.query in q.queries


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_eight_questions_page(app_at, explorer_store, lang):
    at = app_at(page="questions", lang=lang)
    assert not at.exception
    assert at.title[0].value == t("q8_title", lang)
    headers = [h.value for h in at.header]
    assert headers == [t("q8_heading", lang, n=q.number, title=t(f"q8_{q.number}_title", lang)) for q in QUESTIONS]
    body = texts(at)
    assert "Il n'y a pas une mais des échelles à lier, lesquelles ?" in body  # the source's words, verbatim
    assert "Qui pilote avec quels moyens (ingénierie) en quels lieux ?" in body
    for q in QUESTIONS:  # each answer and what the graph cannot say
        assert t(f"q8_{q.number}_answer", lang)[:50] in body
        assert t(f"q8_{q.number}_limits", lang)[:50] in body
    assert len([i for i in at.info if t("q8_cannot", lang) in i.value]) == 8
    # each named query's rows are shown, the same as the library gives
    names = [n for q in QUESTIONS for n in q.queries]
    shown = dict(zip(names, (d.value for d in at.dataframe)))
    assert len(at.dataframe) == len(names)
    library = queries.library()
    for name in names:
        expected = queries.run(explorer_store, name)
        # by the titles the library declares in the reader's language, never the SPARQL variables
        titles = [library[name].columns[v][0 if lang == "fr" else 1] for v in expected.variables]
        visible = [c for c in shown[name].columns if not c.endswith("(IRI)")]
        assert visible == [c for c in titles if not c.endswith("(IRI)")], name
        assert len(shown[name]) == len(expected.rows), name
    assert len(shown["echelles-d-intervention"]) > 0 and len(shown["acteurs-et-relations-par-type"]) > 0
    if lang == "en":
        assert "Ce que le graphe" not in body and "What the graph cannot say" in body


def test_committee_page_shows_statuses_quotes_thresholds_and_checklist(app_at):
    at = app_at(page="comites")
    at.selectbox(key="com_pick").set_value(NORD_COMMITTEE).run()
    assert not at.exception
    findings = frame_with(at, t("col_rule_status", "fr"))
    statuses = dict(zip(findings[t("col_rule", "fr")], findings[t("col_rule_status", "fr")]))
    assert statuses["R9"].startswith("grille de lecture") and statuses["R10"] == "demande des ateliers"
    assert statuses["R1"] == "attente du HCTS"
    thresholds = frame_with(at, t("col_threshold", "fr"))
    assert "r4_ok" in set(thresholds[t("col_threshold", "fr")])
    body = texts(at)
    assert "non pas un espace de revendications" in body  # checklist C1, l. 827
    assert "(l. 456, " in body  # R9's quote with its line


def test_committee_page_in_english_says_research_lens(app_at):
    at = app_at(page="comites", lang="en")
    at.selectbox(key="com_pick").set_value(NORD_COMMITTEE).run()
    findings = frame_with(at, t("col_rule_status", "en"))
    statuses = dict(zip(findings[t("col_rule", "en")], findings[t("col_rule_status", "en")]))
    assert statuses["R9"].startswith("research lens") and statuses["R10"] == "workshop request"
    assert t("com_checklist", "en") in [s.value for s in at.subheader]


def test_actor_card_shows_the_status_of_each_flow(app_at, explorer_store):
    at = app_at(page="reseau")
    at.selectbox(key="net_actor").set_value(HCTS).run()
    assert not at.exception
    flows = frame_with(at, t("col_direction", "fr"))
    assert t("col_status", "fr") in flows.columns
    rows = explorer_store.select(
        "SELECT ?f ?st WHERE { ?f a anc:InformationFlow ; anc:flowFrom|anc:flowTo <%s> "
        "OPTIONAL { ?f anc:statementStatus ?st } }" % HCTS).rows
    expected = sum(1 for _, st in rows if st and st.endswith("/attendu"))
    shown = sum(1 for v in flows[t("col_status", "fr")] if v.lower().startswith("attendu"))
    assert shown == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sources_page_gives_each_rule_its_status_and_quote(app_at, lang):
    at = app_at(page="sources", lang=lang)
    assert not at.exception
    rules = frame_with(at, t("col_rule_status", lang))
    statuses = dict(zip(rules[t("col_rule", lang)], rules[t("col_rule_status", lang)]))
    assert statuses["R9"] == ("grille de lecture de la recherche (question ouverte)" if lang == "fr"
                              else "research lens (an open question)")
    lines = dict(zip(rules[t("col_rule", lang)], rules[t("col_lines", lang)]))
    assert lines["R9"] == "l. 456" and lines["R10"] == "l. 953, l. 954, l. 956"
    assert "Il n'y a pas une mais des échelles à lier, lesquelles ? » (l. 456)" in texts(at).replace("\\", "")
