"""The explorer's pages: thin scripts run by ``app.py`` through ``st.navigation``.

Each page defines ``render()`` and calls it when Streamlit runs the file (as ``__main__``);
importing a page (the doctest run does) draws nothing.
"""

from pathlib import Path


def script(name: str) -> str:
    """A page's script as an absolute path, for ``st.Page``, ``st.page_link`` and ``st.switch_page``:
    right whichever folder the entry point runs from (the checkout's ``app.py`` or the installed one).

    >>> Path(script("accueil")).is_file()
    True
    """
    return str(Path(__file__).resolve().parent / f"{name}.py")
