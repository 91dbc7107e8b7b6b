"""Fixtures of the read layer's tests."""

from __future__ import annotations

import pytest

from kg.store import write_sources


@pytest.fixture(scope="session")
def one_percent(tmp_path_factory, seed_sources):
    """Ontology, seed, the territorial reference and the 1 % synthetic graph, as ``ancrage build``
    then ``ancrage generate --scale 0.01 --store`` write them (two writes). Shared by the tests of
    this folder: none writes to it (a test that must change it works on a copy)."""
    from loaders import cog
    from loaders import synthetic as syn

    folder = tmp_path_factory.mktemp("one-percent")
    write_sources(folder, [*seed_sources, cog.load()], fresh=True)
    write_sources(folder, [syn.source(syn.load_geography(), syn.Spec.at_scale(0.01))])
    return folder
