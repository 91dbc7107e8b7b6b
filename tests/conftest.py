"""Shared fixtures, the rule that required tests may not skip, and the rule that no process the
suite started outlives it.

With ``ANCRAGE_REQUIRE_ALL=1`` (set by ``make test`` and so by CI) a skipped test fails the run:
the Neo4j, browser and SPARQL-server tests are part of what must pass, never optional.

The test process makes itself a *child subreaper* (Linux): a process orphaned by anything the
suite started (a Streamlit left behind by a killed ``ancrage app``…) becomes its child instead of
init's, so that at the end of the session every process still running below it is a process the
suite failed to stop: they are listed, killed, and the run fails.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from pathlib import Path

import psutil
import pytest

REQUIRE_ALL = os.environ.get("ANCRAGE_REQUIRE_ALL") == "1"
ROOT = Path(__file__).resolve().parent.parent
_skipped: list[str] = []
_survivors: list[str] = []
_PR_SET_CHILD_SUBREAPER = 36


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_configure(config):
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(_PR_SET_CHILD_SUBREAPER, 1)
        except (OSError, AttributeError):
            pass


def _running_descendants() -> list:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


def _stop_survivors() -> list[str]:
    """Processes started by the suite and still running (after a short grace); killed."""
    deadline = time.monotonic() + 10
    left = _running_descendants()
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = _running_descendants()
    described = []
    for proc in left:
        try:
            described.append(f"pid {proc.pid}: {' '.join(proc.cmdline())[:200]}")
            os.killpg(os.getpgid(proc.pid), signal.SIGKILL) if os.getpgid(proc.pid) != os.getpgid(0) else proc.kill()
        except (psutil.Error, OSError):  # gone meanwhile
            pass
    return described


def pytest_sessionfinish(session, exitstatus):
    if "kg.query_worker" in sys.modules:  # the product's own warm query worker: stopped as at exit
        sys.modules["kg.query_worker"].close_default_pool()
    _survivors.extend(_stop_survivors())
    if _survivors and session.exitstatus == 0:
        session.exitstatus = 1
    if REQUIRE_ALL and _skipped and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _survivors:
        terminalreporter.write_line(f"{len(_survivors)} process(es) started by the tests were still running at the "
                                    "end of the session (now killed):", red=True)
        for line in _survivors:
            terminalreporter.write_line(f"  {line}", red=True)
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


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium through Playwright, once per session (every test that opens a
    page shares it: a second sync Playwright in the same process fails)."""
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
