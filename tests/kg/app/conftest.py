"""Fixtures of the explorer tests: a real on-disk store (ontology + seed + the territorial
reference of a few départements) and a factory of Streamlit ``AppTest`` runs of ``app.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
APP = ROOT / "app.py"
#: Départements whose COG (EPCI, communes) the test store holds: Nord, Loire-Atlantique,
#: Hautes-Pyrénées, La Réunion.
TEST_DEPARTEMENTS = ("59", "44", "65", "974")


@pytest.fixture(scope="session")
def explorer_sources(seed_sources):
    from loaders import cog

    return list(seed_sources) + [cog.load(departements=list(TEST_DEPARTEMENTS))]


def build_store(folder, sources) -> Path:
    from kg.store import write_sources

    write_sources(folder, sources, fresh=True)
    return Path(folder)


@pytest.fixture(scope="session")
def explorer_store_dir(tmp_path_factory, explorer_sources):
    """A store shared by the read-only tests (nothing may write to it)."""
    return build_store(tmp_path_factory.mktemp("explorer-store"), explorer_sources)


@pytest.fixture(scope="session")
def explorer_store(explorer_store_dir):
    from kg.store import Store

    return Store.open(explorer_store_dir)


@pytest.fixture
def writable_store_dir(tmp_path, explorer_sources):
    """A store of its own, for tests that import into it."""
    return build_store(tmp_path / "store", explorer_sources)


def open_page(at, name: str):
    """Go to the explorer page at the URL path ``/name`` and run it, as a visitor following a
    shared link does.

    The pages are functions (``st.Page(render, url_path=name)``), and ``AppTest.switch_page`` of
    Streamlit 1.67 only reaches pages that are files; ``st.navigation`` knows a page by the hash
    of its URL path, so the run is asked for that hash. Landing anywhere else fails here (Streamlit
    would otherwise silently draw the home page)."""
    from streamlit.util import calc_hash

    if not at._registered_pages:  # the first run registers the pages
        at.run()
    wanted = calc_hash(name)
    assert wanted in at._registered_pages, f"no explorer page at /{name}"
    at._page_hash = wanted
    at.run()
    assert at._finished_page_script_hash == wanted, f"the run did not open /{name}"
    return at


@pytest.fixture
def app_at(monkeypatch, explorer_store_dir):
    """Make an ``AppTest`` of app.py on a store (the shared one by default), run once."""
    from streamlit.testing.v1 import AppTest

    def make(store_dir: Path | None = None, page: str | None = None, lang: str | None = None) -> AppTest:
        monkeypatch.setenv("ANCRAGE_STORE", str(store_dir or explorer_store_dir))
        monkeypatch.delenv("ANCRAGE_SPARQL_ENDPOINT", raising=False)
        monkeypatch.delenv("ANCRAGE_NEO4J_URI", raising=False)
        at = AppTest.from_file(str(APP), default_timeout=120)
        if lang:
            at.session_state["lang"] = lang
        at.run()
        if page:
            open_page(at, page)
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make
