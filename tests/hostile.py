"""Hostile names: formulas, console markup, HTML, Markdown. A store holding them (written
directly, as the import refuses some), and checks that an output shows them as plain text.

Used by tests/test_hostile_outputs.py (CLI, files), tests/loaders/tabular/test_hostile_report.py
(problems report) and tests/browser/test_hostile_browser.py (every explorer page).
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

#: First characters that make a spreadsheet run a cell (OWASP), and the invisible character
#: Markdown escaping puts in bare URLs.
FORMULA_START = "=+-@\t\r"
WORD_JOINER = "\u2060"

#: A URL nobody may fetch: the browser test serves it from a local server that records hits.
PLANTED = "http://127.0.0.1:{port}/p.png"

FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://127.0.0.1:9/x","clic")', "+A1", "-1+1", "@SUM(1)",
            ' "=1+1']
MARKUP = ["[/]", "[bold]x", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
          "![x](" + PLANTED + ")", "[lien](javascript:alert(1))", "| a | b |", "*emph*", ":smile: $x$ ~~y~~"]


def hostile_names(port: int = 9) -> list[str]:
    """Every hostile name, the image link pointing at ``port`` on 127.0.0.1."""
    return [n.format(port=port) for n in FORMULAS + MARKUP]


def hostile_store(folder, port: int = 9):
    """A store (ontology + a small France) whose committee, members, candidate partners and a
    commune carry the hostile names; returns ``(folder, committee IRI, names)``."""
    from tests.kg.gaps.builder import Builder, full_committee

    from rdflib import Literal

    from kg.namespaces import SKOS, entity
    from kg.ontology import ontology_source
    from kg.sources import Source
    from kg.store import write_sources

    names = hostile_names(port)
    b = Builder()
    t = b.france()
    committee, actors = full_committee(b, t, members=False)
    b.g.set((committee, SKOS.prefLabel, Literal("Comité " + names[MARKUP_START + 4], lang="fr")))
    # members named with the hostile names; four partner families left out, so that gaps are found
    missing = {"uriopss", "caf59", "irts", "elus59", "hcts"}
    for name, key in zip(names, [k for k in actors if k not in missing]):
        b.g.set((actors[key], SKOS.prefLabel, Literal(name, lang="fr")))
        b.member(actors[key], committee, role="porteur" if key == "cd59" else "membre", start="2018-09-21")
    # candidate partners of those families on the territory: suggested, with the hostile names
    cats = ["federation", "protection-sociale", "formation", "elus"]
    for i, name in enumerate(names):
        b.actor(f"hostile-{i}", name, [cats[i % len(cats)]], t["nord"])
    b.g.set((t["mel"], SKOS.prefLabel, Literal(EPCI.format(port=port), lang="fr")))
    # a group of the HCTS (the national map's panel) and the committee without a territory
    b.actor("groupe-hcts", GROUP.format(port=port), ["instances-nationales"], t["fr"], part_of=actors["hcts"])
    b.g.set((entity("committee", "reunion"), SKOS.prefLabel, Literal(UNPLACED.format(port=port), lang="fr")))
    titled = Source.from_ntriples("titre-hostile", TITLE, [f'<{committee}> <{SKOS.altLabel}> "{ALT}"@fr .'],
                                  licence="[/] =cmd|' /C calc'!A0")
    write_sources(folder, [ontology_source(), b.source("hostile"), titled], fresh=True)
    return folder, str(committee), names


MARKUP_START = len(FORMULAS)
#: The title of a named graph and an alternative label of the committee.
TITLE = "[/] <script>alert(1)</script> =cmd|' /C calc'!A0"
ALT = "*autre nom* [/]"
#: The name of an intercommunality (a territory the pickers offer).
EPCI = "![t](" + PLANTED + ") <b>MEL</b> [/]"
#: A working group of the HCTS, and a committee without a territory (both on the national map).
GROUP = "<img src=x onerror=alert(1)> Commission *emph* &amp; [/]"
UNPLACED = "Comité <b>sans</b> territoire ![u](" + PLANTED + ") &lt;"


def plain(text: str) -> str:
    """Shown text without the invisible word joiners Markdown escaping adds."""
    return text.replace(WORD_JOINER, "")


def formula_cells(text: str, delimiter: str = ",") -> list[str]:
    """The cells of a CSV a spreadsheet would run as formulas (after leading spaces and quotes)."""
    text = text.lstrip("\ufeff")
    bad = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        for value in row:
            first, after = value[:1], value.lstrip(" \t\r\n\u00a0\"'")[:1]
            if (first and first in FORMULA_START) or (after and after in FORMULA_START):
                if not value.startswith("'") and not _number(value):
                    bad.append(value)
    return bad


def _number(value: str) -> bool:
    try:
        float(value.replace(",", "."))
        return True
    except ValueError:
        return False


# --- Markdown once rendered -------------------------------------------------------------------

class Elements(HTMLParser):
    """Tags, attributes and text of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.tables: list[list[int]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        if tag == "tr":
            self.tables[-1].append(0)
        if tag in ("td", "th"):
            self.tables[-1][-1] += 1

    def handle_data(self, data):
        self.text.append(data)


def render_markdown(text: str) -> Elements:
    """The Markdown as a CommonMark renderer with GFM tables shows it (raw HTML allowed, as in CommonMark)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)
    parsed = Elements()
    parsed.feed(html)
    return parsed


def made_from_data(parsed: Elements) -> list:
    """Elements the data could have created: scripts, images, frames, emphasis, links other than ours."""
    return [(tag, attrs) for tag, attrs in parsed.tags
            if tag in ("script", "img", "iframe", "em", "s", "del", "object", "embed", "svg")
            or (tag == "a" and not attrs.get("href", "").startswith("https://w3id.org/ancrage/"))
            or any(k.startswith("on") for k in attrs)]
