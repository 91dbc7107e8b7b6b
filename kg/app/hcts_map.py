"""The HCTS map: the local committees on their territory, the HCTS and its groups as a national
node beside the map, and the flows between them as arrows (no Streamlit here).

* a committee sits on its département, on its région, or on the départements of its project
  territory (the mean of their centres); committees whose territory the map cannot place are
  returned apart (:attr:`HctsMap.unplaced`);
* an arrow's colour says its direction (top-down, bottom-up, transversal), its dash its status
  (solid: observed fact; dashed: expected, perceived, asked — :func:`kg.namespaces.is_observed`),
  and a letter at its middle what it carries (productions, information, accompaniment);
* régions are outlined from the département shapes (no other geometry is shipped); overseas
  départements are the insets of :mod:`kg.app.france_map`.

>>> links = [{"iri": "f1", "from": "H", "to": "C", "direction": "descendant", "contents": ("information",),
...           "carries": (), "observed": False, "status": None}]
>>> committees = [{"iri": "C", "label": "Comité du Nord", "departements": ("59",), "regions": ("32",)}]
>>> m = build_map(committees, links, [{"iri": "H", "label": "HCTS", "groups": []}], map_words("en"))
>>> len(m.drawn), m.svg.count('class="anc-flow"'), 'stroke-dasharray' in m.svg, m.unplaced
(1, 1, True, [])
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field

from ..escape import html_text
from ..i18n import t
from ..namespaces import ANC, OBSERVED
from ..ntriples import is_iri, nt_iri
from . import france_map as fm
from .model import active_at, code_of, label_of

DIRECTIONS = ("descendant", "ascendant", "transversal")
CONTENTS = ("production", "information", "accompaniment")
#: Dark2 (ColorBrewer, colour-blind safe) for the three directions.
DIRECTION_COLOURS = {"descendant": "#1b9e77", "ascendant": "#d95f02", "transversal": "#7570b3"}
CONTENT_GLYPHS = {"production": "P", "information": "i", "accompaniment": "A"}
COMMITTEE_COLOUR = "#c1272d"
FILL_COMMITTEE = "#f7d9b5"
FILL_REGION_COMMITTEE = "#fcebd6"
PANEL_X, PANEL_W = 640.0, 250.0
VIEWBOX = (fm.VIEWBOX[0], 0.0, PANEL_X + PANEL_W - fm.VIEWBOX[0] + 10, 640.0)
DASH = "7 5"

#: The words the drawing itself holds (legend, panel): messages ``hmap_<name>`` of :mod:`kg.i18n`.
WORDS = ("national", "legend", "descendant", "ascendant", "transversal", "observed", "expected", "committee",
         "region", "production", "information", "accompaniment", "carries", "status", "date", "groups")


def map_words(lang: str) -> dict[str, str]:
    """The drawing's words in ``lang``, by name (the page passes them to :func:`build_map`)."""
    return {name: t("hmap_" + name, lang) for name in WORDS}


# ---------------------------------------------------------------------------------------------
# reading the store
# ---------------------------------------------------------------------------------------------

def read_links(store) -> list[dict]:
    """The information flows (with what they carry and their status) and the accompaniment of
    committees, as links ``{iri, from, to, direction, contents, carries, status, observed}``.

    A flow carries ``production`` when one of the things it carries is an ``anc:Production``,
    ``information`` otherwise (themes, or nothing named); an accompaniment is always observed
    (a plain triple has no status) and runs from the accompanying actor to the committee.
    """
    rows = store.select(f"""SELECT ?f ?a ?b ?dir ?what ?prod ?status WHERE {{
        ?f a anc:InformationFlow ; anc:flowFrom ?a ; anc:flowTo ?b .
        OPTIONAL {{ ?f anc:direction ?dir }}
        OPTIONAL {{ ?f anc:carries ?what OPTIONAL {{ ?what a ?prod FILTER(?prod = <{ANC.Production}>) }} }}
        OPTIONAL {{ ?f anc:statementStatus ?status }} }}""").rows
    merged: dict[str, dict] = {}
    for f, a, b, direction, what, prod, status in rows:
        d = merged.setdefault(f, {"iri": f, "from": a, "to": b, "kind": "flow", "direction": code_of(direction),
                                  "carries": set(), "contents": set(), "statuses": set()})
        if what:
            d["carries"].add(what)
            d["contents"].add("production" if prod else "information")
        if status:
            d["statuses"].add(status)
    out = []
    for d in merged.values():
        statuses = sorted(d.pop("statuses"))
        status = next((s for s in statuses if s != str(OBSERVED)), statuses[0] if statuses else None)
        out.append({**d, "carries": tuple(sorted(d["carries"])),
                    "contents": tuple(c for c in CONTENTS if c in d["contents"]) or ("information",),
                    "status": status, "observed": status is None or status == str(OBSERVED)})
    for a, c in store.select("SELECT ?a ?c WHERE { ?a anc:accompanies ?c . ?c a anc:LocalCommittee }").rows:
        out.append({"iri": f"{a}|accompanies|{c}", "from": a, "to": c, "kind": "accompaniment", "direction": None,
                    "carries": (), "contents": ("accompaniment",), "status": None, "observed": True})
    return sorted(out, key=lambda d: d["iri"])


def read_national(store, links: list[dict], committee_iris: set[str]) -> list[dict]:
    """The national nodes: every end of a link that is not a committee, with its groups
    (``org:subOrganizationOf``, transitively) — the HCTS with its commissions and working groups."""
    ends = sorted({x for link in links for x in (link["from"], link["to"]) if x not in committee_iris})
    out = []
    for iri in ends:
        groups = [g for (g,) in store.select(f"""SELECT DISTINCT ?g WHERE {{
            ?g org:subOrganizationOf+ {nt_iri(iri)} }}""").rows] if is_iri(iri) else []
        out.append({"iri": iri, "groups": sorted(groups)})
    return out


# ---------------------------------------------------------------------------------------------
# choosing what to draw
# ---------------------------------------------------------------------------------------------

def direction_of(link: dict, committee_iris: set[str]) -> str:
    """A link's direction: its own, else from where its ends sit (national → committee:
    top-down; committee → national: bottom-up; committee → committee: transversal).

    >>> direction_of({"direction": None, "from": "H", "to": "C"}, {"C"})
    'descendant'
    """
    if link.get("direction") in DIRECTIONS:
        return link["direction"]
    a, b = link["from"] in committee_iris, link["to"] in committee_iris
    return "transversal" if a and b else "ascendant" if a else "descendant"


def select_links(links: list[dict], committee_iris: set[str], directions=DIRECTIONS, contents=CONTENTS,
                 at: dt.date | None = None, dates: dict | None = None, expected: bool = True) -> list[dict]:
    """The links a set of filters keeps: a direction and a content among those chosen, holding
    on ``at`` (undated links always hold), and, unless ``expected``, observed ones only.

    >>> ls = [{"iri": "f", "from": "H", "to": "C", "direction": "descendant", "contents": ("information",),
    ...        "observed": False}]
    >>> len(select_links(ls, {"C"})), len(select_links(ls, {"C"}, expected=False))
    (1, 0)
    >>> len(select_links(ls, {"C"}, at=dt.date(2017, 1, 1), dates={"f": (dt.date(2018, 9, 21), None)}))
    0
    """
    out = []
    for link in links:
        direction = direction_of(link, committee_iris)
        if direction not in directions or not set(link["contents"]) & set(contents):
            continue
        if not expected and not link["observed"]:
            continue
        if at is not None and not active_at((dates or {}).get(link["iri"]), at):
            continue
        out.append({**link, "direction": direction})
    return out


# ---------------------------------------------------------------------------------------------
# geometry: centres of départements and régions from the shipped SVG
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The closed rings of an SVG path made of ``m``/``M``, implicit line-tos and ``z``."""
    rings, ring = [], []
    x = y = sx = sy = 0.0
    for cmd, args in re.findall(r"([mMlLzZ])([^mMlLzZ]*)", d):
        nums = [float(n) for n in _NUMBER.findall(args)]
        pairs = list(zip(nums[0::2], nums[1::2]))
        if cmd in "zZ":
            if ring:
                rings.append(ring)
            ring, x, y = [], sx, sy
            continue
        for i, (dx, dy) in enumerate(pairs):
            if cmd.islower():
                x, y = x + dx, y + dy
            else:
                x, y = dx, dy
            if i == 0 and cmd in "mM":
                if ring:
                    rings.append(ring)
                ring, sx, sy = [], x, y
            ring.append((x, y))
    if ring:
        rings.append(ring)
    return rings


def _area_centroid(rings) -> tuple[float, float, float]:
    """(area, cx, cy) of the largest-area reading of the rings (shoelace)."""
    total = cx = cy = 0.0
    for ring in rings:
        a = sx = sy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            a += cross
            sx += (x0 + x1) * cross
            sy += (y0 + y1) * cross
        if a:
            total += abs(a) / 2
            cx += sx / (3 * a) * abs(a) / 2
            cy += sy / (3 * a) * abs(a) / 2
    return (total, cx / total, cy / total) if total else (0.0, 0.0, 0.0)


@functools.lru_cache(maxsize=1)
def departement_centres() -> dict[str, tuple[float, float, float]]:
    """INSEE code → (area, x, y) in the map's coordinates; overseas: their inset's centre.

    >>> c = departement_centres(); round(c["59"][1]), round(c["59"][2]), "974" in c
    (349, 42, True)
    """
    out = {code: _area_centroid(_rings(d)) for code, _name, d in fm.metropolitan()}
    for i, (code, _name) in enumerate(fm.OVERSEAS):
        x, y, w, h = fm.inset_box(i)
        out[code] = (w * h, x + w / 2, y + h / 2 - 22)
    return out


def region_of_departement() -> dict[str, str]:
    return fm.region_of_departement()


def region_centre(code: str) -> tuple[float, float] | None:
    """Area-weighted centre of a région's départements on the map (``None`` if it has none)."""
    parts = [departement_centres()[d] for d, r in region_of_departement().items()
             if r == code and d in departement_centres()]
    total = sum(a for a, _x, _y in parts)
    if not total:
        return None
    return (sum(a * x for a, x, _y in parts) / total, sum(a * y for a, _x, y in parts) / total)


def committee_position(committee: dict) -> tuple[float, float] | None:
    """Where a committee sits: the centre of its départements, else of its région(s)."""
    centres = departement_centres()
    deps = [centres[d] for d in committee.get("departements") or () if d in centres]
    if deps:
        return (sum(x for _a, x, _y in deps) / len(deps), sum(y for _a, _x, y in deps) / len(deps))
    regs = [p for p in (region_centre(r) for r in committee.get("regions") or ()) if p]
    if regs:
        return (sum(x for x, _y in regs) / len(regs), sum(y for _x, y in regs) / len(regs))
    return None


# ---------------------------------------------------------------------------------------------
# the drawing
# ---------------------------------------------------------------------------------------------

@dataclass
class HctsMap:
    """What the page shows: the SVG, the links drawn (one row each), the committees placed and
    those that could not be placed."""

    svg: str
    drawn: list[dict] = field(default_factory=list)
    placed: list[dict] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)


def build_map(committees: list[dict], links: list[dict], national: list[dict], texts: dict,
              names: dict | None = None, selected: str | None = None, title: str = "",
              dates: dict | None = None) -> HctsMap:
    """Place the committees and national nodes and draw ``links`` (already filtered)."""
    names = names or {}
    esc = html_text
    placed, unplaced, pos = [], [], {}
    taken: dict[tuple[int, int], int] = {}
    for c in committees:
        p = committee_position(c)
        if p is None:
            unplaced.append(c)
            continue
        key = (round(p[0] / 12), round(p[1] / 12))
        n = taken.get(key, 0)
        taken[key] = n + 1
        p = (p[0] + 14 * n, p[1] + 14 * n)
        pos[c["iri"]] = p
        placed.append({**c, "x": round(p[0], 1), "y": round(p[1], 1)})
    national_boxes = _national_layout(national, names)
    for box in national_boxes:
        pos[box["iri"]] = (box["x"], box["y"] + box["h"] / 2)

    x0, y0, w, h = VIEWBOX
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {w} {h}" width="100%" role="img" '
              f'aria-label="{esc(title or texts["national"])}" style="max-height:720px" font-family="sans-serif">')]
    if title:
        parts.append(f"<title>{esc(title)}</title>")
    parts.append(_defs())
    parts.append(_base_map(committees))
    parts.append(_national_panel(national_boxes, texts))
    drawn = []
    for i, link in enumerate(links):
        a, b = pos.get(link["from"]), pos.get(link["to"])
        if a is None or b is None:
            continue
        parts.append(_arrow(i, link, a, b, texts, names, dates, selected))
        drawn.append(link)
    for c in placed:
        parts.append(_committee_marker(c, c["iri"] == selected))
    parts.append(_legend(texts, links))
    parts.append("</svg>")
    return HctsMap(svg="".join(parts), drawn=drawn, placed=placed, unplaced=unplaced)


def _defs() -> str:
    markers = "".join(
        f'<marker id="anc-arrow-{d}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{c}"/></marker>'
        for d, c in DIRECTION_COLOURS.items())
    paths = "".join(f'<path id="anc-dep-{html_text(code)}" d="{html_text(d)}"/>'
                    for code, _name, d in fm.metropolitan())
    return f"<defs>{markers}{paths}</defs>"


def _base_map(committees: list[dict]) -> str:
    """Départements grouped by région: each région's shapes first with a thick dark stroke, then
    filled over it, so only the région's outer edge keeps the dark line."""
    esc = html_text
    with_committee = {d for c in committees for d in c.get("departements") or ()}
    regional = {r for c in committees if not c.get("departements") for r in c.get("regions") or ()}
    reg_of = region_of_departement()
    by_region: dict[str, list[tuple[str, str]]] = {}
    for code, name, _d in fm.metropolitan():
        by_region.setdefault(reg_of.get(code, ""), []).append((code, name))
    out = ['<g class="anc-base">']
    for region, deps in sorted(by_region.items()):
        out.append(f'<g class="anc-region" data-region="{esc(region)}">')
        out.extend(f'<use href="#anc-dep-{esc(c)}" fill="none" stroke="#5b5b5b" stroke-width="3.4"/>' for c, _n in deps)
        for code, name in deps:
            fill = FILL_COMMITTEE if code in with_committee else \
                FILL_REGION_COMMITTEE if region in regional else fm.DEFAULT_FILL
            out.append(f'<use href="#anc-dep-{esc(code)}" data-code="{esc(code)}" fill="{fill}" stroke="#ffffff" '
                       f'stroke-width="0.6"><title>{esc(code)} — {esc(name)}</title></use>')
        out.append("</g>")
    for i, (code, name) in enumerate(fm.OVERSEAS):
        x, y, w, h = fm.inset_box(i)
        region = reg_of.get(code, "")
        fill = FILL_COMMITTEE if code in with_committee else \
            FILL_REGION_COMMITTEE if region in regional else fm.DEFAULT_FILL
        out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" data-code="{esc(code)}" fill="{fill}" '
                   f'stroke="#5b5b5b" stroke-width="1.5"><title>{esc(code)} — {esc(name)}</title></rect>')
        out.append(f'<text x="{x + w / 2}" y="{y + h - 10}" text-anchor="middle" font-size="12" fill="#333" '
                   f'pointer-events="none">{esc(name)}</text>')
    out.append("</g>")
    return "".join(out)


def _national_layout(national: list[dict], names: dict) -> list[dict]:
    """Boxes of the national nodes in the panel, top to bottom (the one with groups first)."""
    boxes, y = [], 40.0
    for node in sorted(national, key=lambda n: (-len(n.get("groups") or ()), label_of(n["iri"], names).lower())):
        groups = [label_of(g, names) for g in node.get("groups") or ()]
        label = node.get("label") or label_of(node["iri"], names)
        lines = _wrap(label, 30)
        h = 10 + 15 * len(lines) + (13 * sum(len(_wrap(g, 40)) for g in groups) + 6 if groups else 0)
        boxes.append({"iri": node["iri"], "label": label, "lines": lines, "groups": groups,
                      "x": PANEL_X + 12, "y": y, "h": h})
        y += h + 12
    return boxes


def _national_panel(boxes: list[dict], texts: dict) -> str:
    esc = html_text
    out = [(f'<g class="anc-national"><text x="{PANEL_X + 12}" y="24" font-size="15" font-weight="bold" '
            f'fill="#222">{esc(texts["national"])}</text>')]
    for b in boxes:
        out.append(f'<g class="anc-national-node" data-iri="{esc(b["iri"])}">'
                   f'<rect x="{b["x"]}" y="{b["y"]}" width="{PANEL_W - 24}" height="{b["h"]}" rx="5" fill="#eef2f7" '
                   f'stroke="#34495e" stroke-width="1.2"><title>{esc(b["label"])}</title></rect>')
        ty = b["y"] + 16
        for line in b["lines"]:
            out.append(f'<text x="{b["x"] + 8}" y="{ty}" font-size="12.5" font-weight="bold" fill="#1b2631">'
                       f'{esc(line)}</text>')
            ty += 15
        for g in b["groups"]:
            for j, line in enumerate(_wrap(g, 40)):
                out.append(f'<text x="{b["x"] + 14}" y="{ty}" font-size="10" fill="#34495e">'
                           f'{"• " if j == 0 else "  "}{esc(line)}</text>')
                ty += 13
        out.append("</g>")
    out.append("</g>")
    return "".join(out)


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = str(text).split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return lines + ([line] if line else []) or [""]


def _arrow(i: int, link: dict, a, b, texts: dict, names: dict, dates, selected) -> str:
    esc = html_text
    direction = link["direction"]
    colour = DIRECTION_COLOURS.get(direction, "#555")
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    dist = math.hypot(dx, dy) or 1.0
    # curve to the right of travel, so two opposite flows between the same ends do not overlap
    bend = min(60.0, 0.16 * dist)
    cx, cy = (x1 + x2) / 2 - dy / dist * bend, (y1 + y2) / 2 + dx / dist * bend
    # stop short of the committee marker
    end_gap = 9.0
    ex, ey = x2 - (x2 - cx) / (math.hypot(x2 - cx, y2 - cy) or 1) * end_gap, \
        y2 - (y2 - cy) / (math.hypot(x2 - cx, y2 - cy) or 1) * end_gap
    mx, my = 0.25 * x1 + 0.5 * cx + 0.25 * ex, 0.25 * y1 + 0.5 * cy + 0.25 * ey
    status_text = texts["observed"] if link["observed"] else (
        label_of(link.get("status"), names) if link.get("status") else texts["expected"])
    carried = ", ".join(label_of(x, names) for x in link.get("carries") or ()) or \
        ", ".join(texts[c] for c in link["contents"])
    when = ""
    span = (dates or {}).get(link["iri"])
    if span and span[0]:
        when = f" — {texts['date']} : {span[0].strftime('%d/%m/%Y')}"
    tip = (f"{label_of(link['from'], names)} → {label_of(link['to'], names)} — {texts[direction]} — "
           f"{texts['carries']} : {carried} — {texts['status']} : {status_text}{when}")
    highlight = selected in (link["from"], link["to"])
    width = 3.2 if highlight else 2.0
    dash = "" if link["observed"] else f' stroke-dasharray="{DASH}"'
    opacity = "1" if (selected is None or highlight) else "0.35"
    glyphs = "".join(CONTENT_GLYPHS[c] for c in link["contents"])
    return (f'<g class="anc-flow" data-direction="{esc(direction)}" data-observed="{str(link["observed"]).lower()}" '
            f'data-contents="{esc(" ".join(link["contents"]))}" data-from="{esc(link["from"])}" '
            f'data-to="{esc(link["to"])}" opacity="{opacity}"><title>{esc(tip)}</title>'
            f'<path d="M {x1:.1f} {y1:.1f} Q {cx:.1f} {cy:.1f} {ex:.1f} {ey:.1f}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}"{dash} marker-end="url(#anc-arrow-{esc(direction)})"/>'
            f'<circle cx="{mx:.1f}" cy="{my:.1f}" r="6.5" fill="#ffffff" stroke="{colour}" stroke-width="1.2"/>'
            f'<text x="{mx:.1f}" y="{my + 3.5:.1f}" text-anchor="middle" font-size="9" font-weight="bold" '
            f'fill="{colour}">{esc(glyphs)}</text></g>')


def _committee_marker(c: dict, selected: bool) -> str:
    esc = html_text
    x, y = c["x"], c["y"]
    r = 9 if selected else 7
    stroke = "#000000" if selected else "#ffffff"
    return (f'<g class="anc-committee" data-committee="{esc(c["iri"])}" style="cursor:pointer">'
            f'<circle cx="{x}" cy="{y}" r="{r}" fill="{COMMITTEE_COLOUR}" stroke="{stroke}" stroke-width="2">'
            f'<title>{esc(c["label"])}</title></circle>'
            f'<text x="{x + 11 if x < 360 else x - 11}" y="{y - 9}" text-anchor="{"start" if x < 360 else "end"}" '
            f'font-size="12" font-weight="bold" fill="#222" stroke="#ffffff" '
            f'stroke-width="3" paint-order="stroke">{esc(c["label"])}</text></g>')


def _legend(texts: dict, links: list[dict]) -> str:
    """The legend, inside the drawing so that both exports carry it."""
    esc = html_text
    x, y = PANEL_X + 12, VIEWBOX[3] - 205
    out = [(f'<g class="anc-legend"><rect x="{x - 6}" y="{y - 18}" width="{PANEL_W - 12}" height="210" rx="5" '
            f'fill="#ffffff" stroke="#bbbbbb"/><text x="{x}" y="{y}" font-size="13" font-weight="bold">'
            f'{esc(texts["legend"])}</text>')]
    y += 18
    for d in DIRECTIONS:
        out.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 34}" y2="{y - 4}" stroke="{DIRECTION_COLOURS[d]}" '
                   f'stroke-width="2.5" marker-end="url(#anc-arrow-{d})"/>'
                   f'<text x="{x + 42}" y="{y}" font-size="11">{esc(texts[d])}</text>')
        y += 17
    out.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 34}" y2="{y - 4}" stroke="#444" stroke-width="2.5"/>'
               f'<text x="{x + 42}" y="{y}" font-size="11">{esc(texts["observed"])}</text>')
    y += 17
    expected = _wrap(texts["expected"], 30)
    out.append(f'<line class="anc-legend-expected" x1="{x}" y1="{y - 4}" x2="{x + 34}" y2="{y - 4}" stroke="#444" '
               f'stroke-width="2.5" stroke-dasharray="{DASH}"/>')
    for line in expected:
        out.append(f'<text x="{x + 42}" y="{y}" font-size="11">{esc(line)}</text>')
        y += 13
    y += 4
    for c in CONTENTS:
        out.append(f'<circle cx="{x + 17}" cy="{y - 4}" r="6.5" fill="#fff" stroke="#444"/>'
                   f'<text x="{x + 17}" y="{y - 0.5}" text-anchor="middle" font-size="9" font-weight="bold">'
                   f'{CONTENT_GLYPHS[c]}</text><text x="{x + 42}" y="{y}" font-size="11">{esc(texts[c])}</text>')
        y += 17
    out.append(f'<circle cx="{x + 17}" cy="{y - 4}" r="6" fill="{COMMITTEE_COLOUR}"/>'
               f'<text x="{x + 42}" y="{y}" font-size="11">{esc(texts["committee"])}</text>')
    y += 17
    out.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 34}" y2="{y - 4}" stroke="#5b5b5b" stroke-width="2"/>'
               f'<text x="{x + 42}" y="{y}" font-size="11">{esc(texts["region"])}</text>')
    out.append("</g>")
    return "".join(out)


def link_rows(links: list[dict], names: dict, texts: dict, dates: dict | None = None) -> list[dict]:
    """One row per link for the table under the map and its CSV: labels, never codes."""
    rows = []
    for link in links:
        span = (dates or {}).get(link["iri"])
        rows.append({"from": label_of(link["from"], names), "to": label_of(link["to"], names),
                     "direction": texts[link["direction"]],
                     "contents": ", ".join(texts[c] for c in link["contents"]),
                     "carries": ", ".join(label_of(x, names) for x in link.get("carries") or ()),
                     "status": texts["observed"] if link["observed"] else (
                         label_of(link.get("status"), names) if link.get("status") else texts["expected"]),
                     "date": span[0].isoformat() if span and span[0] else ""})
    return rows
