"""The explorer's pages: one module per page, each with a ``render()`` function that ``app.py``
passes to ``st.Page``; importing a page draws nothing.

:data:`PAGES` is the one list of pages (URL path, title key, icon); :func:`page` gives the page
object that ``st.navigation``, ``st.page_link`` and ``st.switch_page`` take. A page is known by
its URL path (``/reseau``): shared links and the browser tests use it.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

import streamlit as st


class PageSpec(NamedTuple):
    name: str  # the module in this package and the URL path
    title_key: str  # the page's title in the catalogue (kg.i18n)
    icon: str


PAGES = (
    PageSpec("accueil", "page_home", ":material/home:"),
    PageSpec("carte", "page_hcts_map", ":material/map:"),
    PageSpec("reseau", "page_network", ":material/hub:"),
    PageSpec("territoires", "page_territories", ":material/location_on:"),
    PageSpec("comites", "page_committees", ":material/groups:"),
    PageSpec("nouveau_comite", "page_new_committee", ":material/group_add:"),
    PageSpec("requetes", "page_queries", ":material/search:"),
    PageSpec("import_donnees", "page_import", ":material/upload_file:"),
    PageSpec("sources", "page_sources", ":material/menu_book:"),
    PageSpec("questions", "page_questions", ":material/quiz:"),
)
HOME = PAGES[0].name
TITLE_KEYS = {p.name: p.title_key for p in PAGES}


def page(name: str, title: str | None = None, icon: str | None = None) -> st.Page:
    """The page ``name`` (its module's ``render``) at the URL path ``/name``; a link given only
    the name shows the label and icon the caller gives it."""
    if name not in TITLE_KEYS:
        raise KeyError(f"no explorer page {name!r}: {', '.join(TITLE_KEYS)}")
    render = importlib.import_module(f"{__name__}.{name}").render
    return st.Page(render, title=title, icon=icon, url_path=name, default=name == HOME)
