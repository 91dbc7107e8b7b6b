"""Real SPARQL servers for the tests: Oxigraph's (``oxigraph serve``, from the ``oxigraph`` PyPI
package) and Apache Jena Fuseki 5.6 (``tools/fuseki-server``, built with Maven, see
``tests/kg/remote/fuseki.py``), the two engines every remote test runs on.

Each is started on a free 127.0.0.1 port (each on a database in a temporary folder: Oxigraph's, and
TDB2 for Fuseki), in its own process group, and stopped with that group at the end
(:mod:`kg.processes`). Fuseki needs Java 17 and Maven; when it cannot start the tests fail with
the reason (they are never skipped).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from java_launcher import load_module  # tests/ is on the path (pyproject: pythonpath)
from kg import processes

FusekiServer = load_module("ancrage_fuseki_server", Path(__file__).with_name("fuseki.py")).FusekiServer
sys.modules.setdefault("ancrage_remote_servers", sys.modules[__name__])  # for the test modules

#: The SPARQL servers every engine-parametrised test runs on.
ENGINES = ("oxigraph", "fuseki")


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


def start_server(engine: str, folder: Path, *, union: bool = False, **options):
    """A started server of ``engine`` (``query``, ``update``, ``store`` URLs; ``stop()``)."""
    if engine == "oxigraph":
        return OxigraphServer(folder / "db", union=union).start()
    if engine == "fuseki":
        return FusekiServer(union=union, **options).start()
    raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")


@pytest.fixture(scope="session", params=ENGINES)
def sparql_server(request, tmp_path_factory):
    """A running server of each engine (dataset mode: the client names the graphs of each request)."""
    server = start_server(request.param, tmp_path_factory.mktemp(request.param))
    server.engine = request.param
    yield server
    server.stop()


@pytest.fixture(scope="session", params=ENGINES)
def union_server(request, tmp_path_factory):
    """A server of each engine whose default graph is the union of the named graphs."""
    server = start_server(request.param, tmp_path_factory.mktemp(request.param + "-union"), union=True)
    server.engine = request.param
    yield server
    server.stop()


@pytest.fixture(params=ENGINES)
def own_server(request, tmp_path):
    """A server of each engine of this test's own (for writes that replace everything it holds)."""
    server = start_server(request.param, tmp_path)
    server.engine = request.param
    yield server
    server.stop()


@pytest.fixture(scope="session")
def fuseki_server():
    """A running Fuseki (dataset mode)."""
    server = FusekiServer().start()
    yield server
    server.stop()


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
