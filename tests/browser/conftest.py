"""The explorer served by ``streamlit run app.py`` on a free localhost port, and Debian's
headless Chromium driven by Playwright with every request outside localhost blocked."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg import processes

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:",
                  "about:")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser_store_dir(tmp_path_factory, seed_sources):
    from loaders import cog

    from kg.store import write_sources

    folder = tmp_path_factory.mktemp("browser-store")
    write_sources(folder, list(seed_sources) + [cog.load(departements=["59", "44", "65", "974"])], fresh=True)
    return folder


@contextlib.contextmanager
def serve_explorer(store_dir, log: Path):
    """``streamlit run app.py`` on ``store_dir`` on a free localhost port; its base URL."""
    port = free_port()
    env = dict(os.environ, ANCRAGE_STORE=str(store_dir))
    env.pop("ANCRAGE_SPARQL_ENDPOINT", None)
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal"]
    with open(log, "wb") as out:
        proc = processes.start(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start on {url}: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.5)
        yield url
    finally:
        processes.stop(proc, timeout=15)


@pytest.fixture(scope="session")
def app_url(browser_store_dir, tmp_path_factory):
    """The explorer on the seed store; its base URL; stopped at the end of the session."""
    with serve_explorer(browser_store_dir, tmp_path_factory.mktemp("streamlit-log") / "streamlit.log") as url:
        yield url


# The ``chromium`` fixture is in tests/conftest.py: one Playwright per session, shared with the
# tests outside this folder that open a page (tests/test_install.py); two would clash.


class Watched:
    """A page with what went wrong on it: blocked outside requests, failed requests, console
    errors, uncaught exceptions."""

    def __init__(self, page):
        self.page = page
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []

    def problems(self) -> list[str]:
        return ([f"outside request blocked: {u}" for u in self.blocked] + [f"failed: {f}" for f in self.failed]
                + [f"console: {e}" for e in self.errors])


@pytest.fixture
def watched(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1800}, locale="fr-FR")
    page = context.new_page()
    w = Watched(page)

    def route(r):
        if r.request.url.startswith(LOCAL_PREFIXES):
            r.continue_()
        else:
            w.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda r: w.failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: w.failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)
    page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: w.errors.append(f"uncaught: {e}"))
    yield w
    context.close()
