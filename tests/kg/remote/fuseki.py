"""A real Apache Jena Fuseki 5.6 for the tests: build tools/fuseki-server, start it, stop it.

The launcher (a small Maven project, test-only, ``org.apache.jena:jena-fuseki-main``) serves one
TDB2 dataset (on disk, in a temporary folder by default) at ``/ds`` on 127.0.0.1: SPARQL query (``/ds/query``, ``/ds/sparql``), update
(``/ds/update``) and the Graph Store protocol (``/ds/data``). It is built once, offline first,
by ``tests/java_launcher.py`` (shared with the Neo4j launcher). :class:`FusekiServer` starts it
on a free port, waits for the ``READY http://…/ds`` line, and stops it (SIGTERM) by its process
id. Used by ``tests/kg/remote/conftest.py``, ``tests/kg/app/test_remote_explorer.py`` and
``bench/bench_remote.py``::

    with FusekiServer() as server:
        print(server.query, server.update, server.store)
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from kg import processes  # the server runs in its own process group, stopped with it
from tests.java_launcher import LauncherError
from tests.java_launcher import build as build_jar

ROOT = Path(__file__).resolve().parents[3]
PROJECT = ROOT / "tools" / "fuseki-server"
JAR = PROJECT / "target" / "fuseki-server.jar"
READY_TIMEOUT = float(os.environ.get("ANCRAGE_FUSEKI_START_TIMEOUT", "180"))


def build(*, quiet: bool = True) -> Path:
    """Build the launcher jar if needed (offline first); its path. Safe across processes."""
    return build_jar(PROJECT, JAR, "Fuseki", quiet=quiet)


class FusekiServer:
    """One Fuseki process with a TDB2 dataset ``/ds`` on disk in ``location`` (by default a
    temporary folder, removed by :meth:`stop`; TDB2 on disk loads faster than TDB2 in memory).

    ``union=True`` makes the default graph the union of the named graphs (TDB2's
    ``unionDefaultGraph``, for :class:`kg.remote.RemoteStore` with ``union="server"``).
    """

    def __init__(self, location: str | Path | None = None, *, union: bool = False, heap: str = "1g"):
        self._own_location = location is None
        self.location = Path(location) if location else Path(tempfile.mkdtemp(prefix="ancrage-fuseki-test-")) / "tdb2"
        self.union, self.heap = union, heap
        self.proc: subprocess.Popen | None = None
        self.log: list[str] = []
        self.base = self.query = self.update = self.store = None

    def start(self, timeout: float = READY_TIMEOUT) -> "FusekiServer":
        jar = build()
        cmd = ["java", f"-Xmx{self.heap}", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
               "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-jar", str(jar), "--port", "0",
               "--stop-on-stdin-close"]
        cmd += ["--loc", str(self.location)]
        if self.union:
            cmd.append("--union")
        self.proc = processes.start(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    text=True, bufsize=1)
        ready = threading.Event()

        def reader():
            for line in self.proc.stdout:
                self.log.append(line.rstrip("\n"))
                if line.startswith("READY "):
                    self.base = line.split()[1]
                    ready.set()
            ready.set()

        threading.Thread(target=reader, daemon=True, name="fuseki-log").start()
        if not ready.wait(timeout) or self.base is None:
            tail = "\n".join(self.log[-40:])
            self.stop(kill=True)
            raise LauncherError(f"Fuseki did not print READY within {timeout:.0f} s:\n{tail}")
        self.query, self.update, self.store = self.base + "/query", self.base + "/update", self.base + "/data"
        return self

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, *, kill: bool = False, timeout: float = 30) -> None:
        """SIGTERM to its process group and wait, or SIGKILL (:mod:`kg.processes`)."""
        if self.proc is None:
            return
        processes.stop(self.proc, timeout=timeout, sig=signal.SIGKILL if kill else signal.SIGTERM)
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
        self.proc = None
        if self._own_location:
            shutil.rmtree(self.location.parent, ignore_errors=True)

    def __enter__(self) -> "FusekiServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


__all__ = ["FusekiServer", "LauncherError", "build"]
