"""A real Oxigraph server (``oxigraph serve``, from the ``oxigraph`` PyPI package) for the session.

Started on a free localhost port in a temporary folder, in its own process group, stopped with
that group at the end (:mod:`kg.processes`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg import processes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


class OxigraphServer:
    def __init__(self, location: Path, union: bool = False):
        self.location, self.union = location, union
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.query, self.update, self.store = self.base + "/query", self.base + "/update", self.base + "/store"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "OxigraphServer":
        binary = _oxigraph_binary()
        if binary is None:
            pytest.skip("the oxigraph server is not installed (pip install oxigraph; it is in the dev extra)")
        args = [binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"]
        if self.union:
            args.append("--union-default-graph")
        self.log = open(self.location.parent / f"oxigraph-{self.port}.log", "wb")
        self.proc = processes.start(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited with {self.proc.returncode}; see {self.log.name}")
            try:
                urllib.request.urlopen(self.query + "?query=ASK%7B%7D", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"oxigraph serve did not answer on {self.base} within 30 s")

    def stop(self) -> None:
        if self.proc:
            processes.stop(self.proc, timeout=10)
        self.log.close()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A running ``oxigraph serve`` (dataset mode: the client names the graphs of each request)."""
    folder = tmp_path_factory.mktemp("oxigraph")
    server = OxigraphServer(folder / "db").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph_union_server(tmp_path_factory):
    """A second server started with ``--union-default-graph`` (``union="server"`` mode)."""
    folder = tmp_path_factory.mktemp("oxigraph-union")
    server = OxigraphServer(folder / "db", union=True).start()
    yield server
    server.stop()


@pytest.fixture
def own_oxigraph_server(tmp_path):
    """A server of this test's own (for writes that replace everything the server holds)."""
    server = OxigraphServer(tmp_path / "db").start()
    yield server
    server.stop()
