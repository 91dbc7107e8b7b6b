"""The explorer's pages driven by Streamlit's own ``AppTest`` on a real on-disk store."""

from __future__ import annotations


from kg.i18n import MESSAGES, t
from kg.escape import markdown_text
from kg.namespaces import ANCC

from .conftest import open_page

CAT = str(ANCC) + "category/"
NORD_COMMITTEE = "https://w3id.org/ancrage/id/committee/nord"
HCTS = "https://w3id.org/ancrage/id/actor/hcts"


def frames(at):
    return [d.value for d in at.dataframe]


def frame_with(at, column: str):
    for f in frames(at):
        if column in f.columns:
            return f
    raise AssertionError(f"no table with a column {column!r}; tables: {[list(f.columns) for f in frames(at)]}")


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.title]
    parts += [m.value for m in at.header] + [m.value for m in at.subheader]
    parts += [m.value for m in at.info] + [m.value for m in at.warning] + [m.value for m in at.error]
    parts += [m.value for m in at.success]
    return "\n".join(str(p) for p in parts)


def count(store, sparql: str) -> int:
    return int(store.select(sparql).rows[0][0])


# -- home and language ------------------------------------------------------------------------

def test_home_counts_and_sources(app_at, explorer_store):
    at = app_at()
    assert at.title[0].value == t("home_title", "fr")
    metrics = {m.label: m.value for m in at.metric}
    committees = count(explorer_store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a anc:LocalCommittee }")
    assert committees > 0
    assert metrics[t("count_LocalCommittee", "fr")].replace("\u202f", "") == str(committees)
    sources = frame_with(at, t("col_source", "fr"))
    assert {"seed", "ontology", "cog"} <= set(sources[t("col_source", "fr")])
    assert all(sources[t("col_licence", "fr")].loc[sources[t("col_source", "fr")] == "seed"])


def test_language_switch_changes_every_label(app_at):
    at = app_at(page="reseau")
    fr_labels = {w.label for w in at.selectbox} | {w.label for w in at.multiselect}
    assert at.title[0].value == "Carte du réseau"
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Network map"
    en_labels = {w.label for w in at.selectbox} | {w.label for w in at.multiselect}
    same_in_both = {fr for fr, en in MESSAGES.values() if fr == en}  # "Région", "Département"
    assert en_labels.isdisjoint(fr_labels - same_in_both), en_labels & fr_labels
    assert t("f_category", "en") in en_labels and t("f_committee", "en") in en_labels
    assert "actors and" in texts(at) and "acteurs et" not in texts(at)


def test_english_home_from_the_start(app_at):
    at = app_at(lang="en")
    assert at.title[0].value == t("home_title", "en")
    assert t("count_LocalCommittee", "en") in {m.label for m in at.metric}


# -- network map ------------------------------------------------------------------------------

def _drawn(at) -> tuple[int, int]:
    import re

    for c in at.caption:
        m = re.match(r"(\d+) acteurs et (\d+) liens", c.value)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError("no count caption")


def test_network_filters_change_what_is_shown(app_at, explorer_store):
    from kg.projection import actor_network

    g = actor_network(explorer_store)
    at = app_at(page="reseau")
    assert _drawn(at) == (g.number_of_nodes(), g.number_of_edges())
    # one category: only the actors of that category remain
    federations = sorted(n for n, d in g.nodes(data=True) if CAT + "federation" in d["categories"])
    assert federations
    at.multiselect(key="net_cats").set_value([CAT + "federation"]).run()
    assert _drawn(at)[0] == len(federations)
    at.multiselect(key="net_cats").set_value([]).run()
    # a committee: the committee and its neighbours
    nord = NORD_COMMITTEE
    at.selectbox(key="net_committee").set_value(nord).run()
    assert _drawn(at)[0] == 1 + len(list(g.neighbors(nord)))
    at.selectbox(key="net_committee").set_value(None).run()
    # a territory: the Nord département keeps only actors located in it (or inside it)
    at.selectbox(key="net_terr_dep").set_value("https://w3id.org/ancrage/id/territory/departement/59").run()
    inside = count(explorer_store, """SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?a anc:locatedIn|anc:territory ?t . ?t geo:sfWithin* <https://w3id.org/ancrage/id/territory/departement/59> .
        VALUES ?k { anc:Organisation anc:LocalCommittee anc:WorkingGroup anc:PublicRolePerson anc:Group } ?a a ?k }""")
    assert _drawn(at)[0] == inside < g.number_of_nodes()


def test_network_node_limit_says_what_it_left_out(app_at, explorer_store):
    from kg.projection import actor_network

    n = actor_network(explorer_store).number_of_nodes()
    at = app_at(page="reseau")
    assert not any("laisse de côté" in w.value for w in at.warning)
    at.number_input(key="net_limit").set_value(10).run()
    warning = next(w.value for w in at.warning if "laisse de côté" in w.value)
    assert f"laisse de côté {n - 10} acteurs" in warning
    table = frame_with(at, t("col_score", "fr"))
    assert len(table) == 10


def test_network_actor_card(app_at):
    at = app_at(page="reseau")
    at.selectbox(key="net_actor").set_value(HCTS).run()
    assert not at.exception
    assert "Haut Conseil du travail social" in [s.value for s in at.subheader]
    body = texts(at)
    assert "Instances nationales" in body
    # the card cites its sources: a table of source-document sections
    sections = frame_with(at, t("col_section", "fr"))
    assert len(sections) >= 1


def test_actor_card_quotes_the_lines_it_rests_on_and_says_when_it_is_no_fact(app_at):
    at = app_at(page="reseau")
    nord = "https://w3id.org/ancrage/id/committee/nord"
    at.selectbox(key="net_actor").set_value(nord).run()
    assert not at.exception
    passages = frame_with(at, t("col_quote", "fr"))
    assert "1007" in list(passages[t("col_lines", "fr")])  # « les départements du Nord et de LA REUNION »
    flows = frame_with(at, t("col_direction", "fr"))
    assert set(flows[t("col_status", "fr")]) == {"Attendu ou recommandation du HCTS"}


def test_every_page_opens_at_its_url_path(app_at):
    """Shared links and bookmarks name a page by its URL path (``/reseau``, ``/comites``…): each
    path of the navigation opens its own page, and the home page links to them by those paths."""
    from kg.app.pages import PAGES

    at = app_at()
    start = [link.proto.page for link in at.get("page_link")]
    assert start == ["carte", "reseau", "territoires", "comites", "requetes", "import_donnees", "sources"]
    titles = {}
    for spec in PAGES:
        open_page(at, spec.name)
        assert not at.exception, (spec.name, [e.value for e in at.exception])
        titles[spec.name] = at.title[0].value
    assert len(set(titles.values())) == len(PAGES), titles
    assert titles["accueil"] == t("home_title", "fr") and titles["reseau"] == t("net_title", "fr")


def test_the_network_page_points_to_the_national_map(app_at):
    """The national view is the page "Carte nationale" (tests/kg/app/test_national_map.py)."""
    at = app_at(page="reseau")
    assert not [r for r in at.radio if r.key == "net_mode"]
    assert any(t("net_to_national_map", "fr") == link.proto.label for link in at.get("page_link"))


def test_network_exports_are_offered(app_at):
    at = app_at(page="reseau")
    labels = {b.label for b in at.get("download_button")}
    for key in ("export_nodes_csv", "export_edges_csv", "export_gexf", "export_graphml", "export_html"):
        assert t(key, "fr") in labels


# -- territories ------------------------------------------------------------------------------

def test_territory_drill_down(app_at, explorer_store):
    at = app_at(page="territoires")
    total = texts(at)
    assert "France entière" in total
    at.selectbox(key="terr_region").set_value("https://w3id.org/ancrage/id/territory/region/32").run()
    committees = frame_with(at, t("col_committee", "fr"))
    assert "Comité local préfigurateur du Nord" in set(committees[t("col_committee", "fr")])
    at.selectbox(key="terr_dep").set_value("https://w3id.org/ancrage/id/territory/departement/59").run()
    epcis = at.selectbox(key="terr_epci").options
    n_epci = count(explorer_store, """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e anc:level ancc:level\\/intercommunalite ;
        geo:sfWithin <https://w3id.org/ancrage/id/territory/departement/59> }""")
    assert len(epcis) - 1 == n_epci > 0
    children = frame_with(at, t("col_code", "fr"))
    assert len(children) == n_epci


def test_territory_map_indicator(app_at):
    at = app_at(page="territoires")
    indicators = at.selectbox(key="terr_indicator").options
    assert t("ind_status", "fr") in indicators
    at.selectbox(key="terr_indicator").set_value("committees").run()
    assert not at.exception
    assert "CC BY 4.0" in texts(at)
    if t("ind_unknown", "fr") in at.selectbox(key="terr_indicator").options:
        at.selectbox(key="terr_indicator").set_value("unknown").run()
        assert not at.exception
        assert t("map_gaps_note", "fr") in texts(at)


# -- committees -------------------------------------------------------------------------------

def test_committee_findings_and_suggestions(app_at, explorer_store):
    from kg import gaps

    at = app_at(page="comites")
    at.selectbox(key="com_pick").set_value(NORD_COMMITTEE).run()
    assert not at.exception
    assert "Comité local préfigurateur du Nord" in [h.value for h in at.header]
    findings = frame_with(at, t("col_rule", "fr"))
    assert list(findings[t("col_rule", "fr")]) == [f"R{i}" for i in range(1, 13)]
    report = gaps.check(explorer_store, NORD_COMMITTEE, lang="fr")
    body = texts(at)
    for f in report.findings:  # every finding's sentence, with its verdict
        assert markdown_text(f.text("fr").split("\n")[0])[:60] in body  # shown as text, its markup escaped
        assert f"{f.rule} — {t('severity_' + f.severity, 'fr')}" in body
    expected = gaps.suggest(explorer_store, NORD_COMMITTEE, limit=20, lang="fr")
    assert expected, "the seed should give the Nord committee some suggestions"
    table = frame_with(at, t("col_rank", "fr"))
    assert list(table[t("col_actor", "fr")]) == [s.label for s in expected]
    assert markdown_text(expected[0].reason("fr"))[:40] in body
    labels = {b.label for b in at.get("download_button")}
    assert {t("com_download_md", "fr"), t("com_download_csv", "fr"), t("com_download_json", "fr")} <= labels


def test_committee_opens_on_the_network_map(app_at, explorer_store):
    from kg.projection import actor_network

    g = actor_network(explorer_store)
    at = app_at(page="comites")
    at.selectbox(key="com_pick").set_value(NORD_COMMITTEE).run()
    at.button(key="com_to_network").click().run()
    assert not at.exception
    assert at.title[0].value == t("net_title", "fr")
    assert at.selectbox(key="net_committee").value == NORD_COMMITTEE
    assert _drawn(at)[0] == 1 + len(list(g.neighbors(NORD_COMMITTEE)))


def test_committee_page_in_english(app_at):
    at = app_at(page="comites", lang="en")
    assert at.title[0].value == t("com_title", "en")
    assert t("com_findings", "en") in [s.value for s in at.subheader]
    assert t("col_rule", "en") in frame_with(at, t("col_rule", "en")).columns


# -- queries ----------------------------------------------------------------------------------

def test_named_query_runs_with_a_parameter(app_at, explorer_store):
    from kg import queries

    at = app_at(page="requetes")
    at.selectbox(key="q_name").set_value("acteurs-par-categorie").run()
    at.text_input(key="q_param_acteurs-par-categorie_code").input("59")
    at.button[0].click().run() if at.button else None
    submit = [b for b in at.get("form_submit_button") if b.label == t("q_run", "fr")][0]
    submit.click().run()
    assert not at.exception
    expected = queries.run(explorer_store, "acteurs-par-categorie", {"level": "departement", "code": "59"})
    q = queries.library()["acteurs-par-categorie"]
    title = q.column_title(expected.variables[0], "fr")  # the declared French title, not "category"
    assert title == "Catégorie"
    table = frame_with(at, title)
    assert len(table) == len(expected.rows) > 0
    names = dict(explorer_store.select('SELECT ?c ?l WHERE { ?c skos:inScheme ancc:category ; skos:prefLabel ?l '
                                       'FILTER(LANG(?l) = "fr") }').rows)
    by_code = {str(c).rsplit("/", 1)[-1]: str(label) for c, label in names.items()}
    assert list(table[title]) == [by_code[r[0]] for r in expected.rows]  # codes shown by their label


def test_free_sparql_is_read_only(app_at):
    at = app_at(page="requetes")
    at.text_area(key="q_free_text").input("DELETE WHERE { ?s ?p ?o }")
    submit = [b for b in at.get("form_submit_button") if b.label == t("q_run", "fr")][1]
    submit.click().run()
    assert any("DELETE" in e.value and "refusé" in e.value for e in at.error), [e.value for e in at.error]
    assert not any("refused" in e.value for e in at.error)  # French only in the French interface
    assert not at.dataframe
    at.text_area(key="q_free_text").input("SELECT ?c WHERE { ?c a anc:LocalCommittee } ORDER BY ?c")
    submit = [b for b in at.get("form_submit_button") if b.label == t("q_run", "fr")][1]
    submit.click().run()
    table = frame_with(at, "c")
    assert NORD_COMMITTEE in set(table["c (IRI)"])  # the IRI kept, hidden on screen
    assert "Comité local préfigurateur du Nord" in set(table["c"])  # the label shown


# -- sources & method -------------------------------------------------------------------------

def test_sources_rules_and_schemes(app_at, explorer_store):
    at = app_at(page="sources")
    rules = frame_with(at, t("col_rule", "fr"))
    assert list(rules[t("col_rule", "fr")]) == [f"R{i}" for i in range(1, 13)]
    assert all(rules[t("col_sections", "fr")].str.len() > 0)
    r1 = explorer_store.select("SELECT ?d WHERE { ?r a anc:CompositionRule ; skos:notation \"R1\" ; "
                               "skos:definition ?d FILTER(LANG(?d) = \"fr\") }").rows[0][0]
    assert r1[:50] in texts(at).replace("\\", "")
    schemes = at.selectbox(key="src_scheme")
    assert schemes.value == "category"
    concepts = frame_with(at, t("col_code_concept", "fr"))
    n = count(explorer_store, f"SELECT (COUNT(?c) AS ?n) WHERE {{ ?c skos:inScheme <{ANCC}{schemes.value}> }}")
    assert len(concepts) == n


def test_sources_page_lists_the_cited_passages_with_their_text(app_at, explorer_store):
    at = app_at(page="sources")
    passages = frame_with(at, t("col_quote", "fr"))
    n = count(explorer_store, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a anc:SourcePassage }")
    assert len(passages) == n > 100
    aim = passages[passages[t("col_lines", "fr")] == "660"]
    assert aim[t("col_quote", "fr")].iloc[0].startswith("Développer des interactions entre le national et le local")
    assert "Attendu" in aim[t("col_status", "fr")].iloc[0]
    at.text_input(key="src_passages_filter").set_value("Lewin").run()
    assert list(frame_with(at, t("col_quote", "fr"))[t("col_lines", "fr")]) == ["422-423"]


def test_every_message_has_both_languages():
    for key, (fr, en) in MESSAGES.items():
        assert fr.strip() and en.strip(), key


def test_no_store_says_what_to_do(monkeypatch, tmp_path):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[3] / "app.py"
    monkeypatch.setenv("ANCRAGE_STORE", str(tmp_path / "nothing-here"))
    monkeypatch.delenv("ANCRAGE_SPARQL_ENDPOINT", raising=False)
    at = AppTest.from_file(str(app), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("store_missing", "fr", path=markdown_text(tmp_path / "nothing-here"))]
    open_page(at, "reseau")
    assert not at.exception and "ancrage build" in at.error[0].value


def test_a_broken_store_is_not_called_missing(app_at, writable_store_dir):
    """A dangling ``current`` link: the page says so and how to repair it (not "build a graph")."""
    import os

    (writable_store_dir / "current").unlink()
    os.symlink("gen-gone", writable_store_dir / "current")
    at = app_at(writable_store_dir)
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "gen-gone" in errors[0] and "ancrage doctor --repair" in errors[0], errors
    assert "ancrage build" not in errors[0]
