"""docs/gaps.md states the options, thresholds and weights the code uses."""

from __future__ import annotations

import importlib
from pathlib import Path

import typer.main

from kg.analysis import centrality
from kg.cli import app
from kg.gaps import rules

suggest = importlib.import_module("kg.gaps.suggest")

DOC = " ".join((Path(__file__).resolve().parents[3] / "docs" / "gaps.md").read_text(encoding="utf-8").split())
FR, EN = DOC.split("# Committee composition, partner suggestions, network analysis (English)")


def _num(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def test_every_option_is_documented():
    commands = typer.main.get_command(app).commands
    for name in ("gaps", "analyse"):
        for param in commands[name].params:
            for opt in param.opts:
                if opt.startswith("--") and opt not in ("--store", "--limit", "--top", "--output"):
                    assert opt in FR, f"docs/gaps.md (FR) does not show {opt} of ancrage {name}"


def test_thresholds_match_the_code():
    assert f"moins de {rules.MIN_KNOWN} membres connus" in FR and f"fewer than {rules.MIN_KNOWN} members" in EN
    assert f"≥ {rules.R4_OK} présents" in FR and f"ok ≥ {rules.R4_OK}" in EN
    assert f"{rules.HHI_WARNING}".replace(".", ",") in FR and f"{rules.HHI_WARNING}" in EN
    for n in (centrality.EXACT_BETWEENNESS_MAX_NODES, centrality.CUTOFF_CLOSENESS_MAX_NODES,
              centrality.EXACT_CLOSENESS_MAX_NODES):
        assert _num(n, " ") in FR and _num(n, ",") in EN
    assert f"{centrality.BETWEENNESS_SOURCES} sources" in FR
    assert f"{centrality.BETWEENNESS_SOURCES} seeded random sources" in EN


def test_score_weights_match_the_code():
    assert suggest.GAP_WEIGHTS["personnes-accompagnees"][0] == 3.0 and "personnes accompagnées 3 (R1)" in FR
    assert suggest.GAP_WEIGHTS["encadrement-employeurs"][0] == 2.0 and "encadrement 2 (R2)" in FR
    assert suggest.LOCATION_WEIGHTS == {"same": 1.0, "inside": 0.75, "above": 0.5, "national": 0.25}
    assert "1 / 0.75 / 0.5 / 0.25" in EN
    assert f"plafonnée à {suggest.PROXIMITY_CAP:g}".replace(".", ",") in FR


def test_the_doc_quotes_every_rule_and_checklist_passage_and_names_each_threshold_setting():
    from kg.gaps.grounds import CHECKLIST, RULE_GROUNDS
    from kg.gaps.thresholds import NAMES, Thresholds

    quotes = [q for g in RULE_GROUNDS.values() for q in g.quotes] + [q for c in CHECKLIST for q in c.quotes]
    for q in quotes:
        text = " ".join(q.text.split()).replace("|", "\\|")
        assert text in FR and text in EN, text
        assert q.cite() in FR
    defaults = Thresholds().values
    for name in ("r4_ok", "r4_warning", "r9_ok", "r9_warning", "share_failure"):
        assert f"`gaps_{name}` {defaults[name]:g}".replace(".", ",") in FR, name
    assert all(f"gaps_{n}" in FR for n in NAMES if n not in ("min_known",)) and "gaps_min_known" in FR
    assert "--threshold" in FR and "[gaps_committees.nord]" in FR and "gaps_committees." in EN
