"""A real Neo4j 5.26 for the tests: build the launcher in tools/neo4j-server, start it, stop it.

The launcher (a small Maven project, test-only) runs Neo4j community in-process with Bolt on
127.0.0.1 and authentication on. :func:`build` builds it once, offline first
(``tests/java_launcher.py``, shared with the Fuseki launcher). :class:`Neo4jServer` starts it on a free port (or a given
one, to restart on the same data), waits for the ``READY bolt://…`` line, and stops it with
SIGTERM (clean) or SIGKILL (a crash).

Used by ``tests/kg/neo4j/conftest.py`` and ``bench/bench_neo4j.py``::

    with Neo4jServer() as server:
        print(server.uri, server.user, server.password)
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from kg import processes  # the server runs in its own process group, stopped with it
from tests.java_launcher import LauncherError
from tests.java_launcher import build as build_jar

ROOT = Path(__file__).resolve().parents[3]
PROJECT = ROOT / "tools" / "neo4j-server"
JAR = PROJECT / "target" / "neo4j-server.jar"
READY_TIMEOUT = float(os.environ.get("ANCRAGE_NEO4J_START_TIMEOUT", "240"))


def build(*, quiet: bool = True) -> Path:
    """Build the launcher jar if needed (offline first); its path. Safe across processes."""
    return build_jar(PROJECT, JAR, "Neo4j", quiet=quiet)


class Neo4jServer:
    """One Neo4j process. ``data=None`` uses a temporary folder removed by :meth:`cleanup`."""

    user = "neo4j"

    def __init__(self, port: int = 0, data: str | Path | None = None, password: str | None = None,
                 heap: str = "768m", pagecache_mb: int = 64, fast_start: bool = True, gc: str = "Serial"):
        self.port = port
        self._own_data = data is None
        self.data = Path(data) if data else Path(tempfile.mkdtemp(prefix="ancrage-neo4j-test-"))
        self.password = password or "pw-" + secrets.token_hex(8)
        self.heap, self.pagecache_mb = heap, pagecache_mb
        # C1 only: starts faster on a busy machine; the bench turns it off for steady-state speed
        self.jvm_options = ["-XX:TieredStopAtLevel=1"] if fast_start else []
        # Serial GC: the least memory and threads for the tests; the bench uses G1, Neo4j's own default
        self.gc = gc
        self.proc: subprocess.Popen | None = None
        self.log: list[str] = []
        self.uri: str | None = None

    # -- life cycle ---------------------------------------------------------------------------
    def start(self, timeout: float = READY_TIMEOUT) -> "Neo4jServer":
        jar = build()
        env = dict(os.environ, NEO4J_TEST_PASSWORD=self.password)
        cmd = ["java", f"-Xmx{self.heap}", f"-XX:+Use{self.gc}GC", *self.jvm_options,
               "-Dio.netty.tryReflectionSetAccessible=true", "-jar", str(jar),
               "--port", str(self.port), "--data", str(self.data), "--password-env", "NEO4J_TEST_PASSWORD",
               "--pagecache-mb", str(self.pagecache_mb), "--stop-on-stdin-close"]
        self.proc = processes.start(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     env=env, text=True, bufsize=1)
        ready = threading.Event()

        def reader():
            for line in self.proc.stdout:
                self.log.append(line.rstrip("\n"))
                if line.startswith("READY "):
                    self.uri = line.split()[1]
                    self.port = int(self.uri.rsplit(":", 1)[1])
                    ready.set()
            ready.set()

        threading.Thread(target=reader, daemon=True, name="neo4j-log").start()
        if not ready.wait(timeout) or self.uri is None:
            tail = "\n".join(self.log[-40:])
            self.stop(kill=True)
            raise LauncherError(f"Neo4j did not print READY within {timeout:.0f} s:\n{tail}")
        self.uri = f"bolt://127.0.0.1:{self.port}"
        return self

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, *, kill: bool = False, timeout: float = 60) -> None:
        """SIGTERM and wait (clean shutdown), or SIGKILL (a crash, for the fault tests)."""
        if self.proc is None:
            return
        processes.stop(self.proc, timeout=timeout, sig=signal.SIGKILL if kill else signal.SIGTERM)
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
        self.proc = None

    def restart(self, timeout: float = READY_TIMEOUT) -> "Neo4jServer":
        """Start again on the same port and data (after :meth:`stop`)."""
        self.stop()
        deadline = time.monotonic() + 30
        while True:  # the port may linger for a moment after a kill
            try:
                return self.start(timeout)
            except LauncherError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def cleanup(self) -> None:
        self.stop()
        if self._own_data:
            shutil.rmtree(self.data, ignore_errors=True)

    def __enter__(self) -> "Neo4jServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.cleanup()

    def admin(self, args: list[str], cwd: str | Path | None = None) -> subprocess.CompletedProcess:
        """Run ``neo4j-admin ARGS`` (from the launcher's classpath) on this server's data, server stopped."""
        build()
        if self.running:
            raise LauncherError("stop the server before running neo4j-admin")
        conf = self.data / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "neo4j.conf").touch()
        env = dict(os.environ, NEO4J_HOME=str(self.data), NEO4J_CONF=str(conf))
        cp = f"{JAR}:{PROJECT / 'target' / 'lib'}/*"
        return subprocess.run(["java", "-Xmx512m", "-cp", cp, "org.neo4j.cli.AdminTool", *args],
                              capture_output=True, text=True, env=env, cwd=cwd)


def wipe(conn, batch: int = 50_000) -> None:
    """Delete everything in the database of a :class:`kg.neo4j.Neo4jConnection` (tests and bench).

    Relationships first, then nodes, ``batch`` at a time: one transaction deleting a national
    graph (millions of rows, hubs with a million relationships) would exhaust the server's heap.
    """
    for statement in ("MATCH ()-[r]->() WITH r LIMIT $n DELETE r RETURN count(*)",
                      "MATCH (n) WITH n LIMIT $n DETACH DELETE n RETURN count(*)"):
        while conn.write(lambda tx, s=statement: tx.run(s, n=batch).single()[0]) == batch:
            pass


__all__ = ["Neo4jServer", "LauncherError", "build", "wipe", "ROOT", "PROJECT"]
