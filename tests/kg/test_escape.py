"""The escaping rules of kg/escape.py, case by case (the outputs that use them are tested with
hostile names in test_hostile_outputs.py, tabular/test_hostile_report.py, browser/)."""

from __future__ import annotations

import pytest
from hostile import made_from_data, render_markdown
from rich.console import Console

from kg.escape import console_text, csv_cell, html_text, markdown_code, markdown_text, script_json, xml_chars


@pytest.mark.parametrize("value", [
    "=cmd|' /C calc'!A0", "+A1", "-1+1", "@SUM(1)", "\t=1+1", "\r=1+1", "\n=1", "=HYPERLINK(\"u\",\"c\")",
    ' "=1+1', "  =1+1", "'=1+1", "\u00a0@SUM(1)", "\uff1d1+1", "-", "+33 6 12 34 56 78",
])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["CAF du Nord", "-12.5", "+3", "1e-4", "-0,5", "", "a=b", "x-1", "l'@ssociation"])
def test_text_that_runs_nothing_is_kept(value):
    assert csv_cell(value) == value


def test_numbers_stay_numbers():
    assert csv_cell(-3) == -3 and csv_cell(0.25) == 0.25 and csv_cell(None) == ""


@pytest.mark.parametrize("name", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "![x](http://127.0.0.1:9/p.png)",
    "[lien](javascript:alert(1))", "*emph*", "_emph_", "~~barré~~", "<http://a.example>", "`code`",
    "&lt;b&gt;", "voir http://a.example et www.a.example", "a@b.example", "\\*x\\*", ":smile: :red[x]",
])
def test_markdown_text_renders_to_the_same_text_and_nothing_else(name):
    parsed = render_markdown(f"- {markdown_text(name)}")
    assert made_from_data(parsed) == []
    assert "".join(parsed.text).replace("\u2060", "").strip() == name


@pytest.mark.parametrize("name", ["# titre", "- puce", "+ puce", "1. liste", "2) liste", "> citation", "===", "| a | b |"])
def test_markdown_text_at_the_start_of_a_line_makes_no_block(name):
    parsed = render_markdown(markdown_text(name))
    assert [tag for tag, _ in parsed.tags] == ["p"], parsed.tags
    assert "".join(parsed.text).strip() == name


@pytest.mark.parametrize("iri", ["https://w3id.org/ancrage/id/actor/hcts", "http://a.example/`x`", "``", "a <b> *c*"])
def test_markdown_code_shows_an_iri_exactly_and_links_nothing(iri):
    parsed = render_markdown(markdown_code(iri))
    assert [tag for tag, _ in parsed.tags] == ["p", "code"]
    assert "".join(parsed.text).strip() == iri


def test_a_spaced_colon_stays_as_it_is_in_the_markdown():
    assert markdown_text("Nord : comité") == "Nord : comité" and markdown_text(":smile:") == "\\:smile\\:"


def test_markdown_text_is_one_line():
    assert markdown_text("a\n\n# b\r\nc") == "a # b c"


def test_html_text_escapes_text_and_attributes():
    assert html_text('<b a="1">\'&') == "&lt;b a=&quot;1&quot;&gt;&#x27;&amp;"


def test_script_json_cannot_close_the_script():
    text = script_json({"a": "</script><!-- &"})
    assert "<" not in text and ">" not in text and "&" not in text


@pytest.mark.parametrize("name", ["[/]", "[bold]x", "a\\", "[link=http://a]b[/link]", "\\[/]", ":smile:"])
def test_console_text_prints_as_it_is(name):
    console = Console(record=True, width=200, emoji=False)
    console.print(f"[red]x[/] [bold]{console_text(name)}[/] fin")
    assert console.export_text().rstrip("\n") == f"x {name} fin"


@pytest.mark.parametrize("name", ["nul\x00", "bip\x07 et tab\x0b", "séparateur\x1f", "\ufffe\uffff", "moitié\ud800"])
def test_text_xml_cannot_hold_is_replaced_so_an_svg_stays_well_formed(name):
    """The SVG map and the Gephi files are XML: a control character would make the file unreadable."""
    import xml.etree.ElementTree as ET

    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><text title="{html_text(name)}">{html_text(name)}</text></svg>'
    text = ET.fromstring(svg.encode("utf-8", "surrogatepass")).find("{http://www.w3.org/2000/svg}text")
    assert text.text == xml_chars(name) == text.get("title")
    assert "\ufffd" in text.text and xml_chars("tab\t, ligne\n, retour\r") == "tab\t, ligne\n, retour\r"
