"""The whole territorial reference in a real on-disk store, built once per test session."""

from __future__ import annotations

import pytest

from kg.store import Store, write_sources


@pytest.fixture(scope="session")
def cog_source():
    from loaders import cog

    return cog.load()


@pytest.fixture(scope="session")
def cog_store(tmp_path_factory, cog_source) -> Store:
    folder = tmp_path_factory.mktemp("cog-store") / "store"
    write_sources(folder, [cog_source], fresh=True)
    return Store.open(folder)


@pytest.fixture(scope="session")
def compact():
    from loaders import cog

    return cog.read_compact()
