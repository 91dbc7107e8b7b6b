"""Ancrage — the explorer. ``make run`` or ``streamlit run app.py`` (store: ANCRAGE_STORE).

A thin entry point: page configuration, the language switch (French by default) and the
navigation. Each page is a module of ``kg/app/pages/`` whose ``render()`` draws what ``kg.app``
computes.
"""

import streamlit as st

from kg.app import data
from kg.i18n import LANG_NAMES, LANGS, t
from kg.app.pages import PAGES, page

st.set_page_config(page_title="Ancrage", page_icon="⚓", layout="wide")

if data.LANG_KEY not in st.session_state:
    asked = st.query_params.get("lang")
    st.session_state[data.LANG_KEY] = asked if asked in LANGS else data.lang()

with st.sidebar:
    st.radio(t("lang_switch"), LANGS, key=data.LANG_KEY, format_func=LANG_NAMES.get, horizontal=True)
lang = st.session_state[data.LANG_KEY]

pages = [page(p.name, title=t(p.title_key, lang), icon=p.icon) for p in PAGES]
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
