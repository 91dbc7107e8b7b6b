"""The network's colours can be told apart: every pair of colours the map can show together
differs by at least ΔE2000 10, and related categories share a hue family."""

from __future__ import annotations

from itertools import combinations

import pytest

from kg.app import network_view as nv
from kg.namespaces import CATEGORY_BROADER, SCHEMES

NODE_COLOURS = {**{c: nv.CATEGORY_COLOURS[c] for c in nv.CATEGORY_COLOURS},
                "committee": nv.COMMITTEE_COLOUR, "no-category": nv.NO_CATEGORY_COLOUR}


@pytest.mark.parametrize("palette", [NODE_COLOURS, dict(nv.EDGE_COLOURS),
                                     {str(i): c for i, c in enumerate(nv.COMMUNITY_COLOURS)}],
                         ids=["categories", "edges", "communities"])
def test_every_pair_differs_by_delta_e_2000_10(palette):
    close = [(a, b, round(nv.delta_e(x, y), 1)) for (a, x), (b, y) in combinations(palette.items(), 2)
             if nv.delta_e(x, y) < nv.MIN_DELTA_E]
    assert not close, close


def test_the_colours_the_issue_found_alike_are_now_apart():
    pairs = [("elus", "committee"), ("instances-nationales", "universite-recherche"),
             ("collectivite-region", "collectivite-departement"), ("collectivite-departement", "collectivite-territoriale"),
             ("services-etat", "administration-centrale")]
    for a, b in pairs:
        assert nv.delta_e(NODE_COLOURS[a], NODE_COLOURS[b]) >= nv.MIN_DELTA_E, (a, b)


def test_every_category_has_a_colour_and_families_share_a_hue():
    from coloraide import Color

    assert set(SCHEMES["category"]) <= set(nv.CATEGORY_COLOURS)
    for narrow, broad in CATEGORY_BROADER.items():
        h1 = Color(nv.CATEGORY_COLOURS[narrow]).convert("oklch")
        h2 = Color(nv.CATEGORY_COLOURS[broad]).convert("oklch")
        gap = abs(h1["hue"] - h2["hue"]) % 360
        assert min(gap, 360 - gap) <= 70, (narrow, broad, gap)


def test_delta_e_2000_matches_the_published_reference_pair():
    # Sharma, Wu & Dalal (2005), test data pair 1: ΔE00 = 2.0425
    from coloraide import Color

    a = Color("lab-d65", [50.0, 2.6772, -79.7751])
    b = Color("lab-d65", [50.0, 0.0, -82.7485])
    assert abs(a.delta_e(b, method="2000") - 2.0425) < 0.01
