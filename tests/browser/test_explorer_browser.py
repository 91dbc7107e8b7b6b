"""The explorer in a real browser: ``streamlit run app.py`` and Debian's headless Chromium,
outside network blocked. Saves a screenshot of each page to docs/screenshots/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kg.i18n import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
PAGES = [("accueil", "page_home", "home_title"), ("reseau", "page_network", "net_title"),
         ("territoires", "page_territories", "terr_title"), ("comites", "page_committees", "com_title"),
         ("requetes", "page_queries", "q_title"), ("import_donnees", "page_import", "imp_title"),
         ("sources", "page_sources", "src_title"), ("questions", "page_questions", "q8_title")]
TIMEOUT = 60_000


def open_app(w, url: str, lang: str = "fr") -> None:
    w.page.goto(url + "/")
    w.page.get_by_role("heading", name=t("home_title", lang)).wait_for(timeout=TIMEOUT)


def go(w, nav_key: str, title_key: str, lang: str = "fr") -> None:
    w.page.get_by_role("link", name=t(nav_key, lang), exact=True).first.click()
    w.page.get_by_role("heading", name=t(title_key, lang), exact=True).first.wait_for(timeout=TIMEOUT)


def wait_network(w) -> None:
    w.page.wait_for_selector(".anc-net[data-stabilized='1']", timeout=TIMEOUT)


def settle(w) -> None:
    """Wait until Streamlit has finished running the page."""
    w.page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
                             "!document.querySelector('[data-testid*=\"keleton\"]')", timeout=TIMEOUT)
    w.page.wait_for_timeout(500)


def test_every_page_renders_offline_and_is_saved(app_url, watched):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_app(watched, app_url)
    for i, (name, nav, title) in enumerate(PAGES, 1):
        if i > 1:
            go(watched, nav, title)
        if name == "reseau":
            wait_network(watched)
        if name == "territoires":
            watched.page.wait_for_selector(".anc-map svg [data-code='59']", timeout=TIMEOUT)
        if name == "requetes":  # run the first named query with its default parameters
            watched.page.get_by_role("button", name=t("q_run", "fr")).first.click()
            watched.page.wait_for_selector("[data-testid='stDataFrame']", timeout=TIMEOUT)
        settle(watched)
        watched.page.screenshot(path=str(SHOTS / f"{i}-{name}.png"), full_page=True)
        assert (SHOTS / f"{i}-{name}.png").stat().st_size > 10_000
    assert not watched.problems(), watched.problems()


def test_network_canvas_is_drawn_and_a_click_shows_the_card(app_url, watched):
    from PIL import Image

    open_app(watched, app_url)
    go(watched, "page_network", "net_title")
    wait_network(watched)
    canvas = watched.page.locator(".anc-net canvas").first
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24)
    background = max(colours)[0]
    drawn = image.width * image.height - background
    assert drawn > 2000, f"only {drawn} non-background pixels on the network canvas"
    assert len(colours) > 20

    # the most connected node: click it where the drawing put it
    node_id, label, x, y = watched.page.evaluate("""() => {
        const n = window.ancrageNetwork, ids = n.body.data.nodes.getIds();
        const best = ids.map(id => [id, n.getConnectedEdges(id).length]).sort((a, b) => b[1] - a[1])[0][0];
        const p = n.canvasToDOM(n.getPositions([best])[best]);
        return [best, n.body.data.nodes.get(best).full, p.x, p.y]; }""")
    box = canvas.bounding_box()
    watched.page.mouse.click(box["x"] + x, box["y"] + y)
    card = watched.page.get_by_role("heading", name=label, exact=True)
    card.wait_for(timeout=TIMEOUT)
    settle(watched)
    assert watched.page.get_by_text(node_id).first.is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    watched.page.get_by_role("heading", name=t("card_title", "fr")).scroll_into_view_if_needed()
    watched.page.screenshot(path=str(SHOTS / "2b-reseau-fiche.png"))
    assert not watched.problems(), watched.problems()


def test_the_html_export_works_offline(app_url, watched, chromium, tmp_path):
    from PIL import Image

    open_app(watched, app_url)
    go(watched, "page_network", "net_title")
    wait_network(watched)
    with watched.page.expect_download(timeout=TIMEOUT) as info:
        watched.page.get_by_role("button", name=t("export_html", "fr")).click()
    path = tmp_path / "reseau.html"
    info.value.save_as(path)
    assert not watched.problems(), watched.problems()

    # the file alone, in a fresh page that may load nothing at all from anywhere
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
               else (outside.append(r.request.url), r.abort()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.ancrageNetwork && window.ancrageNetwork.body.data.nodes.length > 0",
                           timeout=TIMEOUT)
    page.wait_for_timeout(3000)
    image = Image.open(io.BytesIO(page.locator("#anc-network canvas").screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24)
    assert image.width * image.height - max(colours)[0] > 2000
    label, x, y = page.evaluate("""() => { const n = window.ancrageNetwork, id = n.body.data.nodes.getIds()[0];
        n.fit(); const p = n.canvasToDOM(n.getPositions([id])[id]);
        return [n.body.data.nodes.get(id).full, p.x, p.y]; }""")
    page.wait_for_timeout(500)
    box = page.locator("#anc-network canvas").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function("(label) => document.getElementById('anc-card').textContent.includes(label)", arg=label,
                           timeout=TIMEOUT)
    assert not outside and not errors, (outside, errors)
    context.close()


def test_a_click_on_the_map_chooses_the_departement(app_url, watched):
    open_app(watched, app_url)
    go(watched, "page_territories", "terr_title")
    inset = watched.page.locator(".anc-map svg [data-code='974']").first
    inset.wait_for(timeout=TIMEOUT)
    inset.click()
    watched.page.get_by_text(t("terr_where", "fr", name="La Réunion (974)")).wait_for(timeout=TIMEOUT)
    settle(watched)
    # the map outlines the chosen département
    outlined = watched.page.locator(".anc-map svg [data-code='974']").first
    assert outlined.get_attribute("stroke") == "#000000"
    assert not watched.problems(), watched.problems()


def test_the_language_switch_in_the_browser(app_url, watched):
    open_app(watched, app_url)
    watched.page.get_by_text("English", exact=True).click()
    watched.page.get_by_role("heading", name=t("home_title", "en")).wait_for(timeout=TIMEOUT)
    go(watched, "page_network", "net_title", lang="en")
    wait_network(watched)
    assert watched.page.get_by_text(t("f_category", "en")).first.is_visible()
    settle(watched)
    SHOTS.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(SHOTS / "8-network-en.png"), full_page=True)
    assert not watched.problems(), watched.problems()
