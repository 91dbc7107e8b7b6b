"""The national map, shared links and the phone layout in a real browser (``streamlit run
app.py`` and Debian's headless Chromium, outside network blocked)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.app import hcts_map as hm
from kg.i18n import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
TIMEOUT = 60_000
FLOWS = ".anc-hcts svg .anc-flow"
HIGHLIGHTED = ".anc-hcts svg .anc-committee circle[stroke='#000000']"
#: Opening a page's own address (``/carte``) makes Streamlit's client probe ``/carte/_stcore/…``
#: before the root: a 404 that is part of how it finds its base path, not a failure of the page.
PROBE = re.compile(r"/[a-z_]+/_stcore/(health|host-config) \(HTTP 404\)$")


def problems(w) -> list[str]:
    return [p for p in w.problems() if not PROBE.search(p)
            and not (p.startswith("console: Failed to load resource") and "404" in p)]


def settle(w) -> None:
    """Wait until Streamlit has finished running the page."""
    w.page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT)
    w.page.wait_for_timeout(800)


def open_map(w, url: str, query: str = "") -> None:
    w.page.goto(f"{url}/carte{query}")
    w.page.locator(FLOWS).first.wait_for(timeout=TIMEOUT)
    settle(w)


def test_the_national_map_draws_the_flows_with_a_legend(app_url, watched, browser_store_dir):
    from kg.store import Store

    store = Store.open(browser_store_dir)
    links = hm.read_links(store)
    open_map(watched, app_url)
    page = watched.page
    arrows = page.locator(FLOWS)
    assert arrows.count() == len(links)
    expected = sum(1 for x in links if not x["observed"])
    assert 0 < expected < len(links)
    assert page.locator(f"{FLOWS}[data-observed='false'] path[stroke-dasharray]").count() == expected
    assert page.locator(f"{FLOWS}[data-observed='true'] path[stroke-dasharray]").count() == 0
    assert page.locator(f"{FLOWS} path[marker-end]").count() == len(links)
    legend = page.locator(".anc-hcts svg .anc-legend")
    for key in ("descendant", "ascendant", "transversal", "observed"):
        assert hm.map_words("fr")[key] in legend.text_content()
    assert page.locator(".anc-hcts svg .anc-legend .anc-legend-expected[stroke-dasharray]").count() == 1
    assert page.locator(".anc-hcts svg .anc-committee").count() == 4
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "1b-carte-nationale.png"), full_page=True)
    # a filter changes the flows drawn: without expectations, only the observed accompaniments
    page.get_by_text(t("hm_expected", "fr")).click()
    count_flows(page, sum(1 for x in links if x["observed"]))
    assert page.locator(f"{FLOWS}[data-observed='false']").count() == 0
    assert "expected=0" in page.url
    assert not problems(watched), problems(watched)


def test_the_exports_download_a_valid_svg_and_png(app_url, watched):
    open_map(watched, app_url)
    page = watched.page
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name=t("hm_download_svg", "fr")).click()
    svg = Path(info.value.path()).read_bytes()
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.count(b'class="anc-flow"') == page.locator(FLOWS).count() > 0
    assert b'class="anc-legend"' in svg
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name=t("hm_download_png", "fr")).click()
    png = Path(info.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.width > 1000 and image.height > 600
    assert not problems(watched), problems(watched)


def wait_count(page, selector: str, n: int) -> None:
    """Wait until ``selector`` matches ``n`` elements (the component lives in a shadow root:
    locators pierce it, ``document.querySelector`` does not)."""
    for _ in range(TIMEOUT // 250):
        if page.locator(selector).count() == n:
            return
        page.wait_for_timeout(250)
    assert page.locator(selector).count() == n


def count_flows(page, n: int) -> None:
    wait_count(page, FLOWS, n)


def test_a_shared_link_reopens_the_same_view(app_url, watched, chromium, browser_store_dir):
    from kg.store import Store

    links = hm.read_links(Store.open(browser_store_dir))
    transversal = sum(1 for x in links if x["direction"] == "transversal")
    open_map(watched, app_url, "?direction=transversal")
    page = watched.page
    count_flows(page, transversal)
    # change the view with the widgets: English, and a committee highlighted
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name=t("hm_title", "en")).wait_for(timeout=TIMEOUT)
    settle(watched)
    page.locator(".anc-hcts svg .anc-committee circle").first.click()
    for _ in range(TIMEOUT // 250):
        if "committee=" in page.url:
            break
        page.wait_for_timeout(250)
    settle(watched)
    link = page.url
    assert "lang=en" in link and "direction=transversal" in link and "committee=" in link
    wait_count(page, HIGHLIGHTED, 1)
    # the link in another browser (a colleague's) shows the same view
    other = chromium.new_context(viewport={"width": 1400, "height": 1800})
    try:
        p2 = other.new_page()
        p2.goto(link)
        p2.get_by_role("heading", name=t("hm_title", "en")).wait_for(timeout=TIMEOUT)
        count_flows(p2, transversal)
        assert p2.locator(f"{FLOWS}[data-direction='transversal']").count() == transversal
        wait_count(p2, HIGHLIGHTED, 1)
        # the link box holds the same address, ready to copy
        p2.get_by_text(t("share_title", "en")).click()
        code = p2.locator("[data-testid='stCode']").last
        code.wait_for(timeout=TIMEOUT)
        assert "direction=transversal" in code.text_content()
    finally:
        other.close()
    assert not problems(watched), problems(watched)


def test_the_home_page_fits_a_phone(app_url, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                   has_touch=True)
    try:
        page = context.new_page()
        page.goto(app_url + "/")
        page.get_by_role("heading", name=t("home_title", "fr")).wait_for(timeout=TIMEOUT)
        page.get_by_role("heading", name=t("home_start", "fr")).wait_for(timeout=TIMEOUT)
        page.wait_for_timeout(1500)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"the home page is {width}px wide on a 390px screen"
        # the figures wrap several to a line instead of one under the other
        metrics = page.locator("[data-testid='stMetric']")
        assert metrics.count() >= 10
        tops = {round(metrics.nth(i).bounding_box()["y"]) for i in range(metrics.count())}
        assert len(tops) <= (metrics.count() + 1) // 2
        # every "Par où commencer" link is whole on screen
        from kg.app.pages.accueil import START

        for _page, key, _short in START:
            link = page.get_by_role("link", name=t(key, "fr"), exact=True).last
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
            text = link.text_content()
            assert t(key, "fr") in text
        page.screenshot(path=str(SHOTS / "1c-accueil-390px.png"), full_page=True)
    finally:
        context.close()
