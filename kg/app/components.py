"""Three small bidirectional Streamlit components (``st.components.v2``), shipped as static files.

* ``network(payload)`` draws the vis-network map and returns the IRI of a clicked node;
* ``france_map(svg)`` shows the SVG map and returns the INSEE code of a clicked département;
* ``hcts_map(svg)`` shows the national map (:mod:`kg.app.hcts_map`), returns the IRI of a clicked
  committee and offers the PNG export, drawn in the browser from the SVG.

Streamlit 1.67 deprecates ``components.v1.html`` in favour of ``st.iframe``; an iframe cannot
send a click back to Python, so the views are custom components v2: no iframe, no network
request (vis-network is inlined from the ``pyvis`` package), and a trigger value per click.
Both pages also offer a select box doing the same thing, for keyboards and for the tests.
"""

from __future__ import annotations

import functools
import json

import streamlit as st

from .network_view import STATIC, vis_assets

NETWORK_NAME = "ancrage.network"
MAP_NAME = "ancrage.france_map"
HCTS_MAP_NAME = "ancrage.hcts_map"
URL_NAME = "ancrage.address_bar"

_OWN_CSS = """
.anc-net { box-sizing: border-box; width: 100%; border: 1px solid rgba(128,128,128,0.3); border-radius: 0.4rem; }
.anc-map svg [data-code]:hover { opacity: 0.75; }
.anc-hcts svg .anc-committee:hover circle { stroke: #000; }
.anc-hcts svg .anc-flow:hover path { stroke-width: 4; }
.anc-hcts-bar { margin-top: 0.3rem; }
.anc-hcts-png { font: inherit; padding: 0.25rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
                border: 1px solid rgba(49,51,63,0.2); background: transparent; color: inherit; }
.vis-tooltip { font-family: "Source Sans Pro", "Source Sans 3", system-ui, sans-serif !important; font-size: 13px !important;
               white-space: pre-line !important; }
"""


@functools.lru_cache(maxsize=1)
def _network_component():
    js, css = vis_assets()
    glue = (STATIC / "network_component.js").read_text(encoding="utf-8")
    return st.components.v2.component(
        NETWORK_NAME,
        html="",
        css=css + _OWN_CSS,
        js="const VIS_SRC = " + json.dumps(js) + ";\n" + glue,
    )


@functools.lru_cache(maxsize=1)
def _map_component():
    return st.components.v2.component(
        MAP_NAME,
        html="",
        css=_OWN_CSS,
        js=(STATIC / "map_component.js").read_text(encoding="utf-8"),
    )


@functools.lru_cache(maxsize=1)
def _hcts_map_component():
    return st.components.v2.component(
        HCTS_MAP_NAME,
        html="",
        css=_OWN_CSS,
        js=(STATIC / "hcts_map_component.js").read_text(encoding="utf-8"),
    )


def hcts_map(svg: str, signature: str, key: str, png_label: str, png_name: str, on_click=None) -> str | None:
    """Show the national map with its PNG button; the IRI of the committee clicked, or ``None``."""
    result = _hcts_map_component()(key=key, data={"svg": svg, "signature": signature, "png_label": png_label,
                                                  "png_name": png_name},
                                   on_committee_change=on_click or _noop)
    return _value(result, "committee")


@functools.lru_cache(maxsize=1)
def _url_component():
    return st.components.v2.component(URL_NAME, html="", js=(STATIC / "url_component.js").read_text(encoding="utf-8"))


def address_bar(query: str) -> None:
    """Set the browser's address to this page with ``query`` (an encoded query string)."""
    _url_component()(key="anc_url", data={"query": query}, height=0)


def network(payload: dict, key: str, height: int = 600, on_select=None) -> str | None:
    """Draw the network; the IRI of the node clicked since the last run, or ``None``.

    ``on_select`` (no argument) runs at the start of the rerun a click causes, before the page:
    read the clicked IRI there with :func:`clicked` ``(key, "selected")``.
    """
    result = _network_component()(key=key, data={**payload, "height": height}, height=height + 10,
                                  on_selected_change=on_select or _noop)
    return _value(result, "selected")


def france_map(svg: str, signature: str, key: str, on_click=None) -> str | None:
    """Show the map; the INSEE code of the département clicked since the last run, or ``None``."""
    result = _map_component()(key=key, data={"svg": svg, "signature": signature},
                              on_departement_change=on_click or _noop)
    return _value(result, "departement")


def clicked(key: str, name: str):
    """In a callback: the value the component ``key`` just sent for ``name`` (or ``None``)."""
    return _value(st.session_state.get(key), name)


def _value(obj, name: str):
    if obj is None:
        return None
    if isinstance(obj, dict) or hasattr(obj, "get"):
        try:
            return obj.get(name)
        except Exception:  # noqa: BLE001 - a presenter object without a usable get
            pass
    return getattr(obj, name, None)


def _noop() -> None:
    return None
