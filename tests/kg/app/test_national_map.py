"""The national map (kg.app.hcts_map and the page "Carte nationale"), views as links, and the
defects of issue 16 (regional committees counted, integer bins, blank rows, date bounds, home
links), on the real test store."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kg.app import hcts_map as hm
from kg.app import model
from kg.app import territory_view as tv
from kg.i18n import t, t_n

from .conftest import open_page

NORD = "https://w3id.org/ancrage/id/committee/nord"
AURA = "https://w3id.org/ancrage/id/committee/auvergne-rhone-alpes"
HCTS = "https://w3id.org/ancrage/id/actor/hcts"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def parts(explorer_store):
    names = model.labels(explorer_store, "fr")
    idx = model.territory_index(explorer_store)
    committees = [c.to_dict() for c in model.committees(explorer_store, "fr", names, idx)]
    links = hm.read_links(explorer_store)
    national = hm.read_national(explorer_store, links, {c["iri"] for c in committees})
    return {"names": names, "committees": committees, "links": links, "national": national,
            "dates": model.relation_dates(explorer_store), "iris": {c["iri"] for c in committees}}


def _count(store, sparql: str) -> int:
    return int(store.select(sparql).rows[0][0])


def test_links_are_every_flow_and_accompaniment_with_their_status(explorer_store, parts):
    links = parts["links"]
    flows = [x for x in links if x["kind"] == "flow"]
    assert len(flows) == _count(explorer_store, "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a anc:InformationFlow }")
    accompaniments = [x for x in links if x["kind"] == "accompaniment"]
    assert len(accompaniments) == _count(explorer_store, """SELECT (COUNT(*) AS ?n) WHERE {
        ?a anc:accompanies ?c . ?c a anc:LocalCommittee }""") > 0
    expected = _count(explorer_store, """SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a anc:InformationFlow ;
        anc:statementStatus ?s FILTER(?s != ancc:statement-status\\/observe) }""")
    assert sum(1 for x in flows if not x["observed"]) == expected
    assert all(x["observed"] and x["contents"] == ("accompaniment",) for x in accompaniments)
    by_direction = {d: [x for x in hm.select_links(links, parts["iris"]) if x["direction"] == d] for d in hm.DIRECTIONS}
    assert by_direction["transversal"] and by_direction["ascendant"] and by_direction["descendant"]
    assert all(x["to"] == HCTS for x in by_direction["ascendant"])


def test_the_map_draws_each_link_as_an_arrow_dashed_when_expected(parts):
    links = hm.select_links(parts["links"], parts["iris"])
    m = hm.build_map(parts["committees"], links, parts["national"], hm.map_words("fr"), parts["names"],
                     dates=parts["dates"])
    root = ET.fromstring(m.svg)
    arrows = [g for g in root.iter(SVG + "g") if g.get("class") == "anc-flow"]
    assert len(arrows) == len(m.drawn) == len(links)
    for g in arrows:
        path = g.find(SVG + "path")
        assert path.get("marker-end", "").startswith("url(#anc-arrow-")
        assert (path.get("stroke-dasharray") is not None) == (g.get("data-observed") == "false")
        tip = g.find(SVG + "title").text
        assert "http" not in tip and " — " in tip  # labels, not IRIs
    assert {g.get("data-observed") for g in arrows} == {"true", "false"}
    # every committee of the test store sits on the map; the HCTS and its groups are in the panel
    assert not m.unplaced and {c["iri"] for c in m.placed} == parts["iris"]
    panel = "".join(root.find(f".//{SVG}g[@class='anc-national']").itertext())
    assert parts["names"][HCTS] in panel
    assert "« Ancrage territorial" in panel  # one of its working groups
    legend = "".join(root.find(f".//{SVG}g[@class='anc-legend']").itertext())
    for key in ("descendant", "ascendant", "transversal", "observed", "production", "information", "accompaniment"):
        assert hm.map_words("fr")[key] in legend
    assert "attendu, perçu ou demandé" in legend
    # région outlines: one group per région of the map
    assert len([g for g in root.iter(SVG + "g") if g.get("class") == "anc-region"]) == 13


def test_committees_sit_on_their_territory_and_the_unknown_ones_are_listed(parts):
    nord = next(c for c in parts["committees"] if c["iri"] == NORD)
    aura = next(c for c in parts["committees"] if c["iri"] == AURA)
    assert aura["departements"] == () and aura["regions"] == ("84",)
    x, y = hm.committee_position(nord)
    _a, nx_, ny = hm.departement_centres()["59"]
    assert (round(x), round(y)) == (round(nx_), round(ny))
    # a regional committee sits among its région's départements (Lyon, Rhône, is one of them)
    rx, ry = hm.committee_position(aura)
    rhone = hm.departement_centres()["69"]
    assert abs(rx - rhone[1]) < 80 and abs(ry - rhone[2]) < 80
    lost = {"iri": "https://w3id.org/ancrage/id/committee/x", "label": "Comité sans territoire",
            "departements": (), "regions": ()}
    m = hm.build_map(parts["committees"] + [lost], [], parts["national"], hm.map_words("en"), parts["names"])
    assert [c["label"] for c in m.unplaced] == ["Comité sans territoire"]


def test_filters_by_direction_content_status_and_date(parts):
    links, iris = parts["links"], parts["iris"]
    every = hm.select_links(links, iris)
    only_transversal = hm.select_links(links, iris, directions=("transversal",))
    assert 0 < len(only_transversal) < len(every)
    accompaniment = hm.select_links(links, iris, contents=("accompaniment",))
    assert all(x["kind"] == "accompaniment" for x in accompaniment)
    observed = hm.select_links(links, iris, expected=False)
    assert observed and all(x["observed"] for x in observed)
    import datetime as dt

    before = hm.select_links(links, iris, at=dt.date(2017, 1, 1), dates=parts["dates"])
    assert len(before) < len(every)  # the expectations are stated on 21/09/2018


def test_regional_committees_are_counted_on_their_region(parts, explorer_store):
    counts = tv.departement_counts(model.territory_index(explorer_store), parts["committees"], None, "committees")
    assert counts["59"] == 1  # Nord
    assert counts["69"] == 1 and counts["45"] == 1  # Rhône (Auvergne-Rhône-Alpes), Loiret (Centre-Val de Loire)


# -- the page ---------------------------------------------------------------------------------

def _caption_with(at, text: str) -> str:
    found = [c.value for c in at.caption if text in c.value]
    assert found, [c.value for c in at.caption]
    return found[0]


def _table(at, column: str):
    for d in at.dataframe:
        if column in d.value.columns:
            return d.value
    raise AssertionError([list(d.value.columns) for d in at.dataframe])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_draws_the_flows_in_both_languages(app_at, parts, lang):
    at = app_at(page="carte", lang=lang)
    assert at.title[0].value == t("hm_title", lang)
    total = len(parts["links"])
    _caption_with(at, t_n("hm_drawn", total, lang, total=total))
    table = _table(at, t("col_direction", lang))
    assert len(table) == total
    assert set(table[t("col_direction", lang)]) == {hm.map_words(lang)[d] for d in hm.DIRECTIONS}
    statuses = set(table[t("col_status", lang)])
    assert hm.map_words(lang)["observed"] in statuses and len(statuses) == 2
    assert not any("http" in str(v) for v in table.to_numpy().ravel())
    assert {b.label for b in at.get("download_button")} >= {t("hm_download_svg", lang), t("hm_download_csv", lang)}


def test_a_filter_changes_the_flows_and_the_link(app_at, parts):
    at = app_at(page="carte")
    at.multiselect(key="direction.fr").set_value(["transversal"]).run()
    n = len(hm.select_links(parts["links"], parts["iris"], directions=("transversal",)))
    assert len(_table(at, t("col_direction", "fr"))) == n
    assert at.query_params["direction"] == ["transversal"] or at.query_params["direction"] == "transversal"
    # a switch of language keeps the view (Streamlit keeps a multiselect's labels, not its values)
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.multiselect(key="direction.en").value == ["transversal"]
    assert len(_table(at, t("col_direction", "en"))) == n
    at.checkbox(key="expected").uncheck().run()
    assert t("hm_none", "en") in [i.value for i in at.info]
    assert at.query_params["expected"] in ("0", ["0"])


def test_a_link_reopens_the_same_view(app_at, parts, monkeypatch, explorer_store_dir):
    from streamlit.testing.v1 import AppTest

    from tests.kg.app.conftest import APP

    monkeypatch.setenv("ANCRAGE_STORE", str(explorer_store_dir))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"lang": "en", "direction": ["ascendant", "descendant"], "carries": "information",
                            "expected": "1", "committee": NORD})
    at.run()
    open_page(at, "carte")
    assert not at.exception
    assert at.title[0].value == t("hm_title", "en")
    assert at.multiselect(key="direction.en").value == ["ascendant", "descendant"]
    assert at.multiselect(key="carries.en").value == ["information"]
    assert at.selectbox(key="committee.en").value == NORD
    n = len(hm.select_links(parts["links"], parts["iris"], directions=("ascendant", "descendant"),
                            contents=("information",)))
    assert len(_table(at, t("col_direction", "en"))) == n


def test_a_date_out_of_bounds_is_named_not_kept_silently(app_at, monkeypatch, explorer_store_dir):
    from streamlit.testing.v1 import AppTest

    from tests.kg.app.conftest import APP

    monkeypatch.setenv("ANCRAGE_STORE", str(explorer_store_dir))
    for bad in ("3000-01-01", "31/02/2018"):
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params.update({"dated": "1", "date": bad})
        at.run()
        open_page(at, "carte")
        warnings = [w.value for w in at.warning]
        assert any(bad in w and "01/01/1900" in w and "31/12/2100" in w for w in warnings), warnings
        _caption_with(at, t("hm_at", "fr", date="21/09/2018"))  # the date the map uses is stated
    # a date beyond 2028 (Streamlit's own default bound) is accepted and drawn
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"dated": "1", "date": "2031-05-01"})
    at.run()
    open_page(at, "carte")
    assert not at.warning
    _caption_with(at, t("hm_at", "fr", date="01/05/2031"))


def test_the_network_page_restores_its_filters_from_the_link(monkeypatch, explorer_store_dir):
    from streamlit.testing.v1 import AppTest

    from tests.kg.app.conftest import APP

    monkeypatch.setenv("ANCRAGE_STORE", str(explorer_store_dir))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"committee": NORD, "radius": "2", "kind": ["LocalCommittee", "Organisation"],
                            "dated": "1", "date": "2019-01-01"})
    at.run()
    open_page(at, "reseau")
    assert not at.exception
    assert at.selectbox(key="net_committee").value == NORD
    assert at.slider(key="net_radius").value == 2
    assert at.multiselect(key="net_kinds").value == ["LocalCommittee", "Organisation"]
    assert at.checkbox(key="net_dated").value is True
    import datetime as dt

    assert at.date_input(key="net_date").value == dt.date(2019, 1, 1)


def test_the_territories_page_restores_its_departement(monkeypatch, explorer_store_dir):
    from streamlit.testing.v1 import AppTest

    from tests.kg.app.conftest import APP

    monkeypatch.setenv("ANCRAGE_STORE", str(explorer_store_dir))
    at = AppTest.from_file(str(APP), default_timeout=120)
    dep = "https://w3id.org/ancrage/id/territory/departement/59"
    at.query_params.update({"dep": dep, "indicator": "committees"})
    at.run()
    open_page(at, "territoires")
    assert not at.exception
    assert at.selectbox(key="terr_dep").value == dep
    assert at.selectbox(key="terr_indicator").value == "committees"


def test_home_links_every_page_with_its_description(app_at):
    from kg.app.pages.accueil import START

    at = app_at(lang="en")
    captions = [c.value for c in at.caption]
    for _page, _key, short in START:
        assert t("home_start_" + short, "en") in captions


def test_few_rows_get_no_fixed_height(app_at):
    """The Nord's actors table (two actors) is as tall as its rows: no blank rows under them."""
    from kg.app import widgets
    from kg.app.pages.territoires import TABLE_HEIGHT

    at = app_at(page="territoires")
    at.selectbox(key="terr_region").set_value("https://w3id.org/ancrage/id/territory/region/32").run()
    at.selectbox(key="terr_dep").set_value("https://w3id.org/ancrage/id/territory/departement/59").run()
    table = [d.value for d in at.dataframe if t("col_territories", "fr") in d.value.columns][-1]
    assert 0 < len(table) < 8
    assert widgets.table_height(len(table), TABLE_HEIGHT) is None  # sized to its rows by Streamlit
    assert all(str(v).strip() for v in table[t("col_actor", "fr")])
