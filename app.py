"""Ancrage — the explorer. ``make run`` or ``streamlit run app.py`` (store: ANCRAGE_STORE).

A thin entry point: page configuration, the language switch (French by default) and the
navigation. Each page is a script in ``kg/app/pages/`` that renders what ``kg.app`` computes.
"""

import streamlit as st

from kg.app import data
from kg.i18n import LANG_NAMES, LANGS, t

st.set_page_config(page_title="Ancrage", page_icon="⚓", layout="wide")

if data.LANG_KEY not in st.session_state:
    asked = st.query_params.get("lang")
    st.session_state[data.LANG_KEY] = asked if asked in LANGS else data.lang()

with st.sidebar:
    st.radio(t("lang_switch"), LANGS, key=data.LANG_KEY, format_func=LANG_NAMES.get, horizontal=True)
lang = st.session_state[data.LANG_KEY]

PAGES = [
    ("accueil", "page_home", ":material/home:"),
    ("carte", "page_hcts_map", ":material/map:"),
    ("reseau", "page_network", ":material/hub:"),
    ("territoires", "page_territories", ":material/location_on:"),
    ("comites", "page_committees", ":material/groups:"),
    ("nouveau_comite", "page_new_committee", ":material/group_add:"),
    ("requetes", "page_queries", ":material/search:"),
    ("import_donnees", "page_import", ":material/upload_file:"),
    ("sources", "page_sources", ":material/menu_book:"),
    ("questions", "page_questions", ":material/quiz:"),
]
pages = [st.Page(f"kg/app/pages/{name}.py", title=t(key, lang), icon=icon, url_path=name, default=(i == 0))
         for i, (name, key, icon) in enumerate(PAGES)]
navigation = st.navigation(pages)
if st.query_params.get("lang") != lang:
    st.query_params["lang"] = lang  # the language is part of every shared link
version_slot = st.sidebar.empty()
try:
    navigation.run()
finally:
    # after the page, so that a version written by this run (an import) is the one shown
    try:
        version_slot.caption(data.store_date_text(data.store_version(data.settings()), lang))
    except Exception:  # noqa: BLE001 - no store yet: each page says what to do
        pass
