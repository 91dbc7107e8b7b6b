"""Shared fixtures and the rule that required tests may not skip.

With ``ANCRAGE_REQUIRE_ALL=1`` (set by ``make test`` and so by CI) a skipped test fails the run:
the Neo4j, browser and SPARQL-server tests are part of what must pass, never optional.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REQUIRE_ALL = os.environ.get("ANCRAGE_REQUIRE_ALL") == "1"
ROOT = Path(__file__).resolve().parent.parent
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if REQUIRE_ALL and _skipped and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if REQUIRE_ALL and _skipped:
        terminalreporter.write_line(
            f"ANCRAGE_REQUIRE_ALL=1: {len(_skipped)} test(s) skipped; every test is required here:", red=True)
        for nodeid in _skipped:
            terminalreporter.write_line(f"  skipped: {nodeid}", red=True)


@pytest.fixture(scope="session")
def seed_sources():
    """The ontology and the seed dataset as sources (no territories)."""
    from loaders import seed

    from kg.ontology import ontology_source

    return [ontology_source(), seed.load()]


@pytest.fixture(scope="session")
def seed_store_dir(tmp_path_factory, seed_sources):
    """An on-disk store holding the ontology and the seed dataset (built once per session)."""
    from kg.store import write_sources

    folder = tmp_path_factory.mktemp("seed-store")
    write_sources(folder, seed_sources, fresh=True)
    return folder


@pytest.fixture(scope="session")
def seed_store(seed_store_dir):
    from kg.store import Store

    return Store.open(seed_store_dir)
