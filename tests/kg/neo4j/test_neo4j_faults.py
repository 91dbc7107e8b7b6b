"""Faults on a Neo4j of its own: killed in the middle of a push, restarted, retried.

This module starts a second server (its own port and data folder) so that it can kill and
restart it without disturbing the session's server.
"""

from __future__ import annotations

import threading
import time

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ConfigError
from kg.neo4j import Neo4jUnavailable, connect
from kg.neo4j.pull import pull
from kg.neo4j.push import push
from kg.neo4j.translate import extract
from kg.store import Store, write_sources

from ancrage_neo4j_server import Neo4jServer, wipe  # registered by tests/kg/neo4j/conftest.py

pytestmark = pytest.mark.neo4j
BATCH = 200


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    server = Neo4jServer(data=tmp_path_factory.mktemp("neo4j-faults"))
    server.start()
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="module")
def synthetic_dir(tmp_path_factory):
    from loaders.synthetic import Geography, Spec, source

    folder = tmp_path_factory.mktemp("synthetic-store")
    write_sources(folder, [source(Geography.tiny(), Spec(actors=2_000, relations=6_000, committees=5, seed=3))],
                  fresh=True)
    return folder


@pytest.fixture(scope="module")
def synthetic(synthetic_dir):
    return Store.open(synthetic_dir)


def _connect(server, retry_time=3.0):
    return connect(server.uri, server.user, server.password, retry_time=retry_time)


def _clean_counts(server, store) -> dict:
    with _connect(server) as conn:
        wipe(conn)
        return push(store, conn).counts


def test_server_killed_mid_push_then_a_second_push_gives_clean_counts(own_server, synthetic):
    rows = extract(synthetic)
    with _connect(own_server) as conn:
        wipe(conn)
        killed = []

        def progress(phase, done, total):
            if phase == "nodes" and done >= 3 * BATCH and not killed:
                own_server.stop(kill=True)  # a crash, between two committed batches
                killed.append(done)

        with pytest.raises(Neo4jUnavailable) as info:
            push(synthetic, conn, batch_size=BATCH, progress=progress)
    message = str(info.value)
    assert f"unreachable at {own_server.uri}" in message and "run it again" in message
    assert killed

    own_server.restart()
    with _connect(own_server) as conn:
        partial = conn.counts()
        assert 3 * BATCH <= partial["nodes"] < rows.node_count  # committed batches survived the crash
        assert "in progress" in pull(conn).status  # and a pull says the push did not finish
        recovered = push(synthetic, conn, batch_size=BATCH).counts
    assert recovered == _clean_counts(own_server, synthetic)
    assert (recovered["nodes"], recovered["relationships"]) == (rows.node_count, rows.rel_count)


def test_driver_retries_carry_a_push_across_a_server_restart(own_server, synthetic):
    with _connect(own_server, retry_time=240) as conn:
        wipe(conn)
        restarted = []

        def progress(phase, done, total):
            if phase == "relationships" and done >= BATCH and not restarted:
                own_server.stop(kill=True)
                thread = threading.Thread(target=own_server.restart, daemon=True)
                thread.start()
                restarted.append(thread)

        report = push(synthetic, conn, batch_size=BATCH, progress=progress)  # no error: retried
    restarted[0].join(60)
    assert restarted and own_server.running
    assert report.counts == _clean_counts(own_server, synthetic)


def test_cli_push_interrupted_by_a_crash_exits_2_and_a_rerun_completes(own_server, synthetic, synthetic_dir):
    with _connect(own_server) as conn:
        wipe(conn)
    env = {"ANCRAGE_FAULT_PW": own_server.password, "ANCRAGE_STORE": str(synthetic_dir)}
    args = ["neo4j", "push", "--uri", own_server.uri, "--password-env", "ANCRAGE_FAULT_PW", "--batch-size", "50",
            "--retry-time", "2"]

    def killer():
        with _connect(own_server) as watch:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                if watch.counts()["nodes"] > 0:
                    own_server.stop(kill=True)  # wherever the push is, maybe inside a transaction
                    return
                time.sleep(0.05)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    thread.join(130)
    output = " ".join((result.output + (result.stderr if result.stderr_bytes is not None else "")).split())
    assert result.exit_code == 2, output
    assert "unreachable" in output and "run it again" in output

    own_server.restart()
    again = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    assert again.exit_code == 0, again.output
    with _connect(own_server) as conn:
        recovered = conn.counts()
    assert recovered == _clean_counts(own_server, synthetic)


def test_wrong_password_and_missing_server_raise_clear_errors(own_server):
    with pytest.raises(Neo4jUnavailable, match="wrong user name or password"):
        connect(own_server.uri, own_server.user, "wrong-password-1")
    with pytest.raises(ConfigError, match="NEO4J_NOT_SET"):
        connect(own_server.uri, own_server.user, password_env="NEO4J_NOT_SET")


def _push_process(server, store_dir, *extra):
    """``ancrage neo4j push`` as a process of its own, as a user runs it."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "ANCRAGE_FAULT_PW": server.password, "ANCRAGE_STORE": str(store_dir)}
    cmd = [sys.executable, "-m", "kg.cli", "neo4j", "push", "--uri", server.uri, "--password-env", "ANCRAGE_FAULT_PW",
           "--batch-size", str(BATCH), "--workers", "2", *extra]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _batches(output: str) -> int:
    import re

    return int(re.search(r"en / in (\d+) lots / batches", " ".join(output.split())).group(1))


def _meta(server) -> dict:
    from kg.neo4j.push import read_progress

    with _connect(server) as conn:
        return read_progress(conn)


@pytest.mark.parametrize("phase", ["nodes", "relationships"])
def test_push_process_killed_mid_push_resumes_where_it_stopped(own_server, synthetic_dir, phase):
    """kill -9 of `ancrage neo4j push`, then the same command: it skips the chunks already written and
    ends with the counts of an uninterrupted push."""
    import signal

    with _connect(own_server) as conn:
        wipe(conn)
    clean = _push_process(own_server, synthetic_dir)
    out, _ = clean.communicate(timeout=600)
    assert clean.returncode == 0, out
    full_batches = _batches(out)
    with _connect(own_server) as conn:
        clean_counts = conn.counts()
        wipe(conn)

    proc = _push_process(own_server, synthetic_dir)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        meta = _meta(own_server)
        if meta.get("pushPhase") == phase and (meta.get("pushChunk") or 0) >= 2:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the push ended before it could be killed"
    interrupted = _meta(own_server)
    assert "in progress" in interrupted["status"] and interrupted["pushChunk"] >= 2
    with _connect(own_server) as conn:
        assert conn.counts() != clean_counts  # really interrupted

    rerun = _push_process(own_server, synthetic_dir)
    out, _ = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, out
    assert "resumed an interrupted push" in " ".join(out.split())
    assert _batches(out) < full_batches
    with _connect(own_server) as conn:
        assert conn.counts() == clean_counts
    assert "complete" in _meta(own_server)["status"]


def test_an_interrupted_push_of_another_store_version_starts_over(own_server, synthetic, seed_store):
    class Stop(Exception):
        pass

    def stop_early(phase, done, total):
        if phase == "nodes" and done >= 2 * BATCH:
            raise Stop

    with _connect(own_server) as conn:
        wipe(conn)
        with pytest.raises(Stop):
            push(synthetic, conn, batch_size=BATCH, workers=1, progress=stop_early)
        assert _meta(own_server)["storeVersion"] == synthetic.version
        report = push(seed_store, conn, batch_size=BATCH, replace=True)
        assert report.resumed_from is None and report.skipped_chunks == 0
        counts = conn.counts()
        wipe(conn)
        assert push(seed_store, conn, batch_size=BATCH).counts == counts
