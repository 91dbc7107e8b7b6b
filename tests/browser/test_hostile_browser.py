"""Every explorer page on a store of hostile names, in the real browser: no request to the URL a
name plants (a local server records any), no link, image or script made from the data, no
dialog, the names shown as they are; every download is inert (CSV without formulas, Markdown
that renders to text, JSON exact, the standalone HTML page without markup from the data)."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hostile import EPCI, GROUP, UNPLACED, formula_cells, hostile_store, made_from_data, plain, render_markdown

from kg.i18n import t

from .conftest import serve_explorer
from .test_explorer_browser import TIMEOUT, go, open_app, settle, wait_network
from .test_national_map_browser import FLOWS, problems

pytestmark = pytest.mark.browser


class _Recorder(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        self.server.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_HEAD = do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def recorder():
    """A local HTTP server on 127.0.0.1 that records every request made to it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def hostile_app(recorder, tmp_path_factory):
    port = recorder.server_address[1]
    folder, committee, names = hostile_store(tmp_path_factory.mktemp("hostile-browser") / "store", port=port)
    with serve_explorer(folder, tmp_path_factory.mktemp("hostile-log") / "streamlit.log") as url:
        yield url, committee, names


@pytest.fixture(autouse=True)
def fresh_hits(recorder):
    """Each test counts its own requests to the planted URL."""
    recorder.hits.clear()


@pytest.fixture
def dialogs(watched):
    shown: list[str] = []
    watched.page.on("dialog", lambda d: (shown.append(d.message), d.dismiss()))
    return shown


#: Elements of the page the data may have made: images, scripts, frames, links to the data's
#: URLs (127.0.0.1, javascript:), emphasis of the data's words, event handlers.
MADE_FROM_DATA = """(port) => {
  const root = document.querySelector('[data-testid="stMain"]') || document.body;
  const bad = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase(), html = el.outerHTML.slice(0, 200);
    const href = el.getAttribute('href') || '', src = el.getAttribute('src') || '';
    if (['script', 'iframe', 'object', 'embed'].includes(tag)) bad.push(html);
    else if (['em', 'del', 's'].includes(tag) && ['emph', 'y', 'autre nom'].includes(el.textContent.trim()))
      bad.push(html);  // *emph*, ~~y~~ of the data (the page's own italics are fine)
    else if (tag === 'img' && !src.startsWith('data:')) bad.push(html);
    else if (tag === 'a' && (href.startsWith('javascript:') || href.includes('127.0.0.1')))
      bad.push(html);
    for (const a of el.attributes) if (a.name.startsWith('on')) bad.push(html);
    if ((src + href).includes('127.0.0.1:' + port)) bad.push(html);
  }
  return bad;
}"""


def check_inert(w, recorder, dialogs) -> None:
    port = recorder.server_address[1]
    settle(w)
    w.page.wait_for_timeout(1000)  # an image would be fetched by now
    assert w.page.evaluate(MADE_FROM_DATA, port) == []
    assert recorder.hits == [], recorder.hits
    assert dialogs == [], dialogs
    assert not w.blocked, w.blocked


def shown_text(w) -> str:
    return plain(w.page.locator("[data-testid='stMain']").inner_text())


def wait_shown(w, text: str, selector: str = "[data-testid='stMain']") -> None:
    """Wait until an element shows ``text`` (the invisible word joiners of Markdown escaping aside)."""
    w.page.wait_for_function("([sel, text]) => [...document.querySelectorAll(sel)].some("
                             "e => e.innerText.replace(/\\u2060/g, '').includes(text))", arg=[selector, text],
                             timeout=TIMEOUT)


def wait_picked(w, text: str) -> None:
    """Wait until a select box shows ``text`` as its value (exactly: no markup made of it)."""
    w.page.wait_for_function("(text) => [...document.querySelectorAll(\"[data-testid='stSelectbox'] input\")]"
                             ".some(i => i.value === text)", arg=text, timeout=TIMEOUT)


def download(w, button_name: str, tmp_path, nth: int = 0) -> bytes:
    with w.page.expect_download(timeout=TIMEOUT) as info:
        w.page.get_by_role("button", name=button_name).nth(nth).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def test_committee_page_and_its_downloads(hostile_app, recorder, watched, dialogs, tmp_path):
    url, committee, names = hostile_app
    w = watched
    w.page.goto(f"{url}/comites?committee={urllib.parse.quote(committee, safe='')}")
    w.page.get_by_role("heading", name=t("com_title", "fr")).first.wait_for(timeout=TIMEOUT)
    w.page.get_by_role("button", name=t("com_download_md", "fr")).wait_for(timeout=TIMEOUT)
    check_inert(w, recorder, dialogs)
    text = shown_text(w)
    port = recorder.server_address[1]
    assert f"Comité ![x](http://127.0.0.1:{port}/p.png)" in text
    for name in names:  # the suggestions' list and the findings name them
        assert name.strip() in text, name

    report = render_markdown(download(w, t("com_download_md", "fr"), tmp_path).decode("utf-8"))
    assert made_from_data(report) == []
    for name in names:
        assert name.strip() in plain("".join(report.text)), name
    assert formula_cells(download(w, t("com_download_csv", "fr"), tmp_path).decode("utf-8-sig")) == []
    assert formula_cells(download(w, t("com_download_members", "fr"), tmp_path).decode("utf-8-sig")) == []
    data = json.loads(download(w, t("com_download_json", "fr"), tmp_path))
    assert set(names) <= {s["label"] for s in data["suggestions"]}
    check_inert(w, recorder, dialogs)


def test_network_card_tooltip_and_html_export(hostile_app, recorder, watched, dialogs, chromium, tmp_path):
    url, _, names = hostile_app
    w = watched
    open_app(w, url)
    go(w, "page_network", "net_title")
    wait_network(w)
    position = """(label) => { const n = window.ancrageNetwork;
        const id = n.body.data.nodes.getIds().find(i => n.body.data.nodes.get(i).full === label);
        n.fit(); const p = n.canvasToDOM(n.getPositions([id])[id]); return [p.x, p.y]; }"""
    canvas = w.page.locator(".anc-net canvas").first
    image_link = next(n for n in names if n.startswith("!["))
    w.page.wait_for_timeout(500)
    x, y = w.page.evaluate(position, image_link)
    box = canvas.bounding_box()
    w.page.mouse.click(box["x"] + x, box["y"] + y)
    wait_shown(w, image_link, "h3")
    check_inert(w, recorder, dialogs)

    # the tooltip of a node named with HTML: text, no element
    tag = "<img src=x onerror=alert(1)>"
    x, y = w.page.evaluate(position, tag)
    w.page.mouse.move(box["x"] + x, box["y"] + y)
    tip = w.page.locator(".vis-tooltip").first
    tip.wait_for(state="visible", timeout=TIMEOUT)
    assert tip.evaluate("e => [...e.children].every(c => c.tagName === 'BR')")  # its lines, nothing else
    assert tag in tip.inner_text()
    assert formula_cells(download(w, t("export_nodes_csv", "fr"), tmp_path).decode("utf-8-sig")) == []
    check_inert(w, recorder, dialogs)

    page_file = tmp_path / "reseau.html"
    page_file.write_bytes(download(w, t("export_html", "fr"), tmp_path))
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    shown: list[str] = []
    page.on("dialog", lambda d: (shown.append(d.message), d.dismiss()))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
               else (outside.append(r.request.url), r.abort()))
    page.goto(page_file.as_uri())
    page.wait_for_function("() => window.ancrageNetwork && window.ancrageNetwork.body.data.nodes.length > 0",
                           timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    x, y = page.evaluate(position.replace("[id])[id]); return", "[id])[id]); return"), tag)
    box = page.locator("#anc-network canvas").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function("(label) => document.getElementById('anc-card').textContent.includes(label)", arg=tag,
                           timeout=TIMEOUT)
    made = page.evaluate("() => [document.scripts.length, document.images.length, document.links.length, "
                         "document.querySelectorAll('iframe, object, embed').length]")
    assert made == [3, 0, 0, 0], made
    assert not outside and not shown, (outside, shown)
    context.close()
    assert recorder.hits == []


def test_territories_page_with_a_hostile_territory_name(hostile_app, recorder, watched, dialogs, tmp_path):
    url, _, _ = hostile_app
    w = watched
    open_app(w, url)
    go(w, "page_territories", "terr_title")
    w.page.locator(".anc-map svg [data-code='59']").first.click()
    w.page.get_by_text(t("terr_where", "fr", name="Nord (59)")).wait_for(timeout=TIMEOUT)
    settle(w)
    w.page.locator("[data-testid='stSelectbox']").filter(has_text=t("f_epci", "fr")).click()
    w.page.get_by_role("option").filter(has_text="MEL").first.click()
    epci = EPCI.format(port=recorder.server_address[1])
    wait_shown(w, t("terr_where", "fr", name=f"{epci} (200093201)"))
    check_inert(w, recorder, dialogs)
    assert formula_cells(download(w, t("terr_export", "fr"), tmp_path).decode("utf-8-sig")) == []


def test_queries_home_and_sources_pages(hostile_app, recorder, watched, dialogs, tmp_path):
    url, _, names = hostile_app
    w = watched
    open_app(w, url)
    check_inert(w, recorder, dialogs)
    go(w, "page_sources", "src_title")
    check_inert(w, recorder, dialogs)
    go(w, "page_queries", "q_title")
    query = ('SELECT ?label WHERE { ?s skos:prefLabel ?label '
             'FILTER(STRSTARTS(STR(?s), "https://w3id.org/ancrage/id/actor/hostile-")) }')
    w.page.get_by_label(t("q_sparql_text", "fr")).fill(query)
    w.page.get_by_role("button", name=t("q_run", "fr")).nth(1).click()
    w.page.get_by_role("button", name=t("q_download", "fr")).wait_for(timeout=TIMEOUT)
    text = download(w, t("q_download", "fr"), tmp_path).decode("utf-8-sig")
    assert formula_cells(text) == []
    assert len(text.strip().splitlines()) == len(names) + 1
    # an error holding markup is shown as text
    w.page.get_by_label(t("q_sparql_text", "fr")).fill("SELECT ?x WHERE { ![x](http://127.0.0.1:%d/e.png) <b>"
                                                       % recorder.server_address[1])
    w.page.get_by_role("button", name=t("q_run", "fr")).nth(1).click()
    w.page.locator("[data-testid='stAlertContentError']").first.wait_for(timeout=TIMEOUT)
    check_inert(w, recorder, dialogs)


def test_import_page_problems_download(hostile_app, recorder, watched, dialogs, tmp_path):
    url, _, _ = hostile_app
    w = watched
    path = tmp_path / "hostile-acteurs.csv"
    path.write_text("id;nom;categorie;territoire;note\n"
                    "a1;[/] ![x](http://127.0.0.1:%d/i.png);federation;59;\n"
                    "a2;=cmd|' /C calc'!A0;federation;59;\n"
                    "a3;Association;federation;59;=HYPERLINK(\"http://127.0.0.1:9/x\",\"clic\")\n"
                    "a4;@SUM(1);inconnue <img src=x onerror=alert(1)>;59;\n" % recorder.server_address[1],
                    encoding="utf-8")
    open_app(w, url)
    go(w, "page_import", "imp_title")
    w.page.locator("input[type='file']").set_input_files(str(path))
    w.page.get_by_role("button", name=t("imp_download", "fr")).wait_for(timeout=TIMEOUT)
    check_inert(w, recorder, dialogs)
    text = download(w, t("imp_download", "fr"), tmp_path).decode("utf-8-sig")
    assert formula_cells(text) == []
    assert "=cmd|' /C calc'!A0" in text  # reported, as text


#: Elements an SVG map is made of; anything else would come from the data.
SVG_ELEMENTS = {"svg", "title", "defs", "marker", "path", "g", "use", "rect", "text", "circle", "line"}


def test_national_map_with_hostile_committees_and_groups(hostile_app, recorder, watched, dialogs, tmp_path):
    """Carte nationale: the committee marker, the HCTS's group, the committee without a territory
    and the highlighted committee's picker show the names as text; the SVG download is inert XML."""
    import xml.etree.ElementTree as ET

    url, committee, _ = hostile_app
    port = recorder.server_address[1]
    w = watched
    w.page.goto(f"{url}/carte")
    w.page.locator(FLOWS).first.wait_for(timeout=TIMEOUT)
    check_inert(w, recorder, dialogs)
    name = f"Comité ![x](http://127.0.0.1:{port}/p.png)"
    marker = w.page.locator(f".anc-hcts svg .anc-committee[data-committee='{committee}'] text")
    assert marker.text_content() == name
    lines = w.page.locator(".anc-hcts svg .anc-national text").all_text_contents()
    assert GROUP.format(port=port) in " ".join(x.lstrip("• ").strip() for x in lines)
    wait_shown(w, "• " + UNPLACED.format(port=port))

    # a click on the committee highlights it: its name in the picker, as text
    w.page.locator(f".anc-hcts svg .anc-committee[data-committee='{committee}']").click()
    w.page.get_by_role("link", name=t("hm_open_committee", "fr")).wait_for(timeout=TIMEOUT)
    wait_picked(w, name)
    check_inert(w, recorder, dialogs)

    svg = download(w, t("hm_download_svg", "fr"), tmp_path)
    root = ET.fromstring(svg)
    assert {el.tag.rsplit("}", 1)[-1] for el in root.iter()} <= SVG_ELEMENTS
    assert not [a for el in root.iter() for a in el.attrib if a.startswith("on")]
    assert name in [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    rows = download(w, t("hm_download_csv", "fr"), tmp_path).decode("utf-8-sig")
    assert formula_cells(rows) == [] and name in rows
    assert not problems(w), problems(w)


def test_eight_questions_with_hostile_names(hostile_app, recorder, watched, dialogs):
    """Huit questions: the named queries' tables hold the hostile names, as text in their cells."""
    url, _, _ = hostile_app
    w = watched
    open_app(w, url)
    go(w, "page_questions", "q8_title")
    w.page.get_by_role("heading", name=t("q8_heading", "fr", n=8, title=t("q8_8_title", "fr"))).wait_for(
        timeout=TIMEOUT)
    check_inert(w, recorder, dialogs)
    assert w.page.locator("[data-testid='stDataFrame']").count() >= 8
    port = recorder.server_address[1]
    tables = w.page.evaluate("() => [...document.querySelectorAll(\"[data-testid='stDataFrame']\")]"
                             ".map(e => e.textContent).join('\\n')")
    for name in (f"Comité ![x](http://127.0.0.1:{port}/p.png)", UNPLACED.format(port=port), "=cmd|' /C calc'!A0",
                 "[bold]x"):
        assert name in tables, name
    assert not w.page.locator("[data-testid='stException']").count()
    assert not problems(w), problems(w)


def test_new_committee_with_hostile_names(hostile_app, recorder, watched, dialogs):
    """Nouveau comité: a committee and a member typed with markup, a found actor with a formula:
    the picker, the member list and the check's results show them as text. Runs last: it writes."""
    url, _, _ = hostile_app
    port = recorder.server_address[1]
    w = watched
    open_app(w, url)
    go(w, "page_new_committee", "nc_title")
    w.page.get_by_role("textbox", name=t("nc_territory", "fr"), exact=True).fill("59")
    w.page.get_by_role("textbox", name=t("nc_name", "fr"), exact=True).fill("<script>alert(1)</script> Comité *neuf* [/] &amp;")
    w.page.get_by_role("textbox", name=t("nc_search", "fr"), exact=True).fill("cmd")
    w.page.get_by_role("textbox", name=t("nc_search", "fr"), exact=True).press("Enter")
    wait_picked(w, "=cmd|' /C calc'!A0")
    w.page.get_by_role("button", name=t("nc_add_found", "fr")).click()
    wait_shown(w, t("nc_members", "fr", n=1))
    typed = f"<img src=x onerror=alert(1)> Service ![s](http://127.0.0.1:{port}/s.png) *emph*"
    w.page.get_by_role("textbox", name=t("nc_new_name", "fr"), exact=True).fill(typed)
    w.page.get_by_role("textbox", name=t("nc_new_name", "fr"), exact=True).press("Enter")
    settle(w)
    w.page.get_by_role("button", name=t("nc_add_new", "fr")).click()
    wait_shown(w, t("nc_members", "fr", n=2))
    w.page.locator("[data-testid='stSelectbox']").filter(has_text=t("nc_new_parent", "fr")).click()
    w.page.get_by_role("option").filter(has_text="Service ![s]").first.wait_for(timeout=TIMEOUT)
    assert typed in plain(w.page.get_by_role("option").filter(has_text="Service ![s]").first.inner_text())
    w.page.keyboard.press("Escape")
    check_inert(w, recorder, dialogs)
    w.page.get_by_role("button", name=t("nc_check", "fr")).click()
    w.page.wait_for_function("(texts) => texts.some(x => document.body.innerText.includes(x))",
                             arg=[t("nc_saved", "fr"), t("nc_problems", "fr", n=1).split(" ", 1)[1]], timeout=TIMEOUT)
    settle(w)
    check_inert(w, recorder, dialogs)
    assert t("nc_saved", "fr") in shown_text(w)
    assert not w.page.locator("[data-testid='stException']").count()
    assert not problems(w), problems(w)
