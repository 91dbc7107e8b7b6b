"""The network a researcher can read, in a real browser (``streamlit run`` + Chromium): search
that focuses an actor and highlights its neighbours, the relation-type filter, labels without
overlap, edge tooltips, the shortest path, and the GEXF download read back with its ``viz``."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kg.i18n import t

from .test_explorer_browser import SHOTS, TIMEOUT, go, open_app, settle, wait_network

pytestmark = pytest.mark.browser

HCTS = "https://w3id.org/ancrage/id/actor/hcts"


def _state(page) -> dict:
    return page.evaluate("""() => { const m = window.ancrageMap, d = m.root.dataset;
        return {focus: d.focus || null, neighbours: Number(d.neighbours || 0), labels: Number(d.labelsShown || 0),
                nodes: Number(d.nodes), edges: Number(d.visibleEdges || 0), path: Number(d.path || 0)}; }""")


def test_search_focuses_an_actor_and_highlights_its_neighbours(app_url, watched):
    page = watched.page
    open_app(watched, app_url)
    go(watched, "page_network", "net_title")
    wait_network(watched)
    before = _state(page)
    assert 0 < before["labels"] < before["nodes"]  # not every label: only those that do not overlap

    label, degree = page.evaluate("""(id) => { const n = window.ancrageNetwork;
        return [n.body.data.nodes.get(id).full, n.getConnectedNodes(id).length]; }""", HCTS)
    box = page.get_by_placeholder(t("net_search", "fr"))
    box.fill(label[:12].lower())  # part of the name, any case
    box.press("Enter")
    page.wait_for_function("() => window.ancrageMap.root.dataset.focus", timeout=TIMEOUT)
    state = _state(page)
    assert state["focus"] == HCTS and state["neighbours"] == degree > 0
    page.get_by_text(t("net_neighbours", "fr", n=degree)).wait_for(timeout=TIMEOUT)
    dimmed, lit, selected = page.evaluate("""(id) => { const n = window.ancrageNetwork, d = n.body.data.nodes;
        const near = new Set(n.getConnectedNodes(id).concat([id]));
        const all = d.get();
        return [all.filter(x => !near.has(x.id) && x.opacity < 1).length,
                all.filter(x => near.has(x.id) && x.opacity === 1).length, n.getSelectedNodes().length]; }""", HCTS)
    assert lit == degree + 1 and selected == degree + 1
    assert dimmed == state["nodes"] - degree - 1
    # the focused actor's name is always shown, however crowded
    assert page.evaluate("(id) => window.ancrageNetwork.body.data.nodes.get(id).label !== ''", HCTS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".anc-net").first.screenshot(path=str(SHOTS / "2c-reseau-recherche.png"))

    # an unknown name says so and clears the focus
    box.fill("zzz-personne")
    box.press("Enter")
    page.get_by_text(t("net_not_found", "fr")).wait_for(timeout=TIMEOUT)
    assert _state(page)["focus"] is None
    assert not watched.problems(), watched.problems()


def test_relation_filter_labels_and_edge_tooltips(app_url, watched):
    page = watched.page
    open_app(watched, app_url)
    go(watched, "page_network", "net_title")
    wait_network(watched)
    total = _state(page)["edges"]
    membership = page.evaluate("""() => window.ancrageNetwork.body.data.edges.get()
        .filter(e => e.kinds.every(k => k === 'membership')).length""")
    assert 0 < membership < total
    page.get_by_role("checkbox", name=t("kind_membership", "fr"), exact=True).uncheck()
    page.wait_for_function("(n) => Number(window.ancrageMap.root.dataset.visibleEdges) === n", arg=total - membership,
                           timeout=TIMEOUT)
    page.get_by_role("checkbox", name=t("kind_membership", "fr"), exact=True).check()
    page.wait_for_function("(n) => Number(window.ancrageMap.root.dataset.visibleEdges) === n", arg=total,
                           timeout=TIMEOUT)

    # the labels drawn do not overlap (boxes estimated as the page estimates them), at two zoom levels
    for scale in (0.6, 1.6):
        page.evaluate("(s) => { window.ancrageNetwork.moveTo({scale: s}); window.ancrageNetwork.emit('zoom', {}); }", scale)
        page.wait_for_timeout(400)
        shown = _state(page)["labels"]
        assert shown > 0
    more = _state(page)["labels"]
    page.evaluate("() => { window.ancrageNetwork.moveTo({scale: 0.3}); window.ancrageNetwork.emit('zoom', {}); }")
    page.wait_for_timeout(400)
    assert _state(page)["labels"] <= more  # zooming out shows fewer names

    # an edge's tooltip: kind, source and status (observed when the source states it)
    titles = page.evaluate("() => window.ancrageNetwork.body.data.edges.get().map(e => e.title)")
    assert all(t("kind_tip_status", "fr") + " : " in x for x in titles)
    assert any(t("kind_tip_source", "fr") + " : " in x for x in titles)
    assert any(t("kind_observed", "fr") in x for x in titles)
    assert not watched.problems(), watched.problems()


def test_shortest_path_is_said_and_drawn(app_url, watched):
    page = watched.page
    open_app(watched, app_url)
    go(watched, "page_network", "net_title")
    wait_network(watched)
    page.get_by_text(t("path_title", "fr")).click()
    for key, name in (("path_from", "Haut Conseil du travail"), ("path_to", "préfigurateur du Nord")):
        box = page.get_by_role("combobox", name=t(key, "fr"), exact=True)
        option = page.get_by_role("option").filter(has_text=name).first
        for attempt in range(2):  # on a busy machine the first keys can reach the box before it listens
            box.click(timeout=TIMEOUT)
            page.keyboard.type(name)
            try:
                option.click(timeout=TIMEOUT // 2)
                break
            except PlaywrightTimeout:
                if attempt:
                    raise
                page.keyboard.press("Escape")
        settle(watched)
    page.get_by_text("→").first.wait_for(timeout=TIMEOUT)
    page.wait_for_function("() => Number(window.ancrageMap.root.dataset.path) >= 2", timeout=TIMEOUT)
    assert not watched.problems(), watched.problems()


def test_the_gexf_download_reads_back_with_viz(app_url, watched, tmp_path):
    page = watched.page
    open_app(watched, app_url)
    go(watched, "page_network", "net_title")
    wait_network(watched)
    drawn = page.evaluate("() => window.ancrageNetwork.body.data.nodes.get().map(n => [n.id, n.x, n.y, n.size])")
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name=t("export_gexf", "fr")).click()
    path = tmp_path / "reseau.gexf"
    info.value.save_as(path)
    g = nx.read_gexf(path)
    assert g.is_directed() and g.number_of_nodes() == len(drawn)
    by_uri = {d.get("uri", n): d for n, d in g.nodes(data=True)}
    for iri, x, y, size in drawn:
        viz = by_uri[iri]["viz"]
        assert viz["position"]["x"] == pytest.approx(x) and viz["position"]["y"] == pytest.approx(-y)
        assert viz["size"] == pytest.approx(size) and {"r", "g", "b"} <= set(viz["color"])
    root = ET.parse(path).getroot()
    ns = "{http://www.gexf.net/1.2draft}"
    assert root.find(f"{ns}meta/{ns}description").text.startswith(t("filters_text", "fr", filters=""))
    assert not watched.problems(), watched.problems()
