"""Every page, in French and in English, as people read it: no raw IRI of the project, no class
name of the ontology, no ``key = value`` and no SPARQL variable name among the visible texts and
the tables' cells (a real browser walking every page and running every named query)."""

from __future__ import annotations

import re

import pytest

from kg import queries
from kg.i18n import t

from .test_explorer_browser import PAGES, TIMEOUT, go, open_app, settle, wait_network

pytestmark = pytest.mark.browser

RAW_IRI = re.compile(r"https?://w3id\.org/ancrage/")
CLASS_NAMES = re.compile(r"\b(LocalCommittee|PublicRolePerson|WorkingGroup|InformationFlow|Organisation[A-Z]\w*|"
                         r"collectivite-[a-z]+|instances-nationales|services-etat|universite-recherche)\b")
#: Relation codes: English words, but raw codes in the French interface.
CODES_FR = re.compile(r"\b(partnership|membership|accompaniment|sub-organisation|descendant_|ascendant_)\b")
#: The "Sources & method" page documents the ontology itself: its tables name each class
#: (``anc:LocalCommittee``) and concept code beside its label, on purpose.
REFERENCE_PAGES = ("sources",)
KEY_VALUE = re.compile(r"\b[a-z]+_[a-z_]+ = ")
#: The visible text of the page and every cell of its tables (Streamlit draws tables on a canvas
#: and mirrors them in an accessible grid).
VISIBLE = """() => {
  const parts = [document.body.innerText];
  document.querySelectorAll('[role="columnheader"], [role="gridcell"], [role="rowheader"]').forEach(
      c => parts.push(c.textContent));
  return parts.join('\\n'); }"""


def _variables() -> set[str]:
    found = set()
    for q in queries.library().values():
        found |= set(re.findall(r"\?([a-z]+[A-Z]\w*)", q.sparql.split("WHERE")[0]))
    return found


def _check(page, where: str, variables: set[str], lang: str, reference: bool = False) -> list[str]:
    text = page.evaluate(VISIBLE)
    bad = []
    patterns = [("IRI", RAW_IRI), ("key = value", KEY_VALUE)]
    if not reference:
        patterns.append(("class or code", CLASS_NAMES))
        if lang == "fr":
            patterns.append(("relation code", CODES_FR))
    for name, pattern in patterns:
        bad += [f"{where}: {name}: {m.group(0)!r} in …{text[max(0, m.start() - 60):m.end() + 30]!r}…"
                for m in pattern.finditer(text)]
    bad += [f"{where}: SPARQL variable {v!r}" for v in variables if re.search(rf"(?<![\w?]){v}(?!\w)", text)]
    return bad


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_internals_on_any_page(app_url, watched, lang):
    page = watched.page
    variables = _variables()
    open_app(watched, app_url)
    if lang == "en":
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name=t("home_title", "en")).wait_for(timeout=TIMEOUT)
    problems: list[str] = []
    for i, (name, nav, title) in enumerate(PAGES):
        if i:
            go(watched, nav, title, lang=lang)
        if name == "reseau":
            wait_network(watched)
        settle(watched)
        if name == "comites":  # open every expander: the findings' evidence lives in them
            page.get_by_text(t("com_findings", lang)).first.wait_for(timeout=TIMEOUT)
            for summary in page.locator("[data-testid='stExpander'] summary").all():
                summary.click()
            page.wait_for_timeout(500)
            assert t("col_evidence", lang) in page.evaluate(VISIBLE)
        problems += _check(page, f"{lang}/{name}", variables, lang, name in REFERENCE_PAGES)
        if name == "requetes":
            library = queries.library()
            for qname, q in library.items():
                box = page.get_by_role("combobox", name=t("q_pick", lang), exact=True)
                box.click()
                page.get_by_role("option", name=q.title(lang), exact=True).click()
                settle(watched)
                page.get_by_role("button", name=t("q_run", lang)).first.click()
                settle(watched)
                page.wait_for_selector("[data-testid='stDataFrame'], [data-testid='stAlert']", timeout=TIMEOUT)
                problems += _check(page, f"{lang}/requetes/{qname}", variables, lang)
    assert not problems, "\n".join(problems[:40])
    assert not watched.problems(), watched.problems()
