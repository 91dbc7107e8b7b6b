"""The explorer's pages: thin scripts run by ``app.py`` through ``st.navigation``.

Each page defines ``render()`` and calls it when Streamlit runs the file (as ``__main__``);
importing a page (the doctest run does) draws nothing.
"""
