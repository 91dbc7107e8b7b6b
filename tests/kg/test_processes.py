"""Processes we start, we stop: ``ancrage app`` stopped by a signal leaves no Streamlit behind,
and :mod:`kg.processes` stops a server's whole process group."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from kg import processes

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as resp:
            return resp.read() == b"ok"
    except OSError:
        return False


def alive(procs: list[psutil.Process]) -> list[str]:
    left = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                left.append(f"{p.pid} {' '.join(p.cmdline())[:120]}")
        except psutil.NoSuchProcess:
            pass
    return left


@pytest.fixture
def app_process(seed_store_dir):
    """``ancrage app`` on a free port, started as a user's shell would (its own process group)."""
    started: list[tuple[subprocess.Popen, list[psutil.Process]]] = []

    def start() -> tuple[subprocess.Popen, int, list[psutil.Process]]:
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "app", "--port", str(port), "--store",
                                 str(seed_store_dir)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                                start_new_session=True)
        deadline = time.monotonic() + 90
        while not serving(port):
            assert proc.poll() is None and time.monotonic() < deadline, "ancrage app did not start"
            time.sleep(0.5)
        children = psutil.Process(proc.pid).children(recursive=True)
        assert children, "ancrage app runs Streamlit as a child process"
        started.append((proc, children))
        return proc, port, children

    yield start
    for proc, children in started:  # never leave a server behind, whatever the test did
        processes.stop(proc, timeout=5)
        for p in children:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["TERM", "INT", "HUP"])
def test_no_child_survives_ancrage_app_stopped_by_a_signal(app_process, sig):
    proc, port, children = app_process()
    proc.send_signal(sig)
    proc.wait(30)
    deadline = time.monotonic() + 20
    while alive(children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(children), f"still running after {sig.name} to ancrage app: {alive(children)}"
    assert not serving(port)


def test_no_child_survives_ancrage_app_killed(app_process):
    """``kill -9`` cannot be forwarded: on Linux the child is told to stop when its parent dies."""
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux only")
    proc, port, children = app_process()
    proc.kill()
    proc.wait(10)
    deadline = time.monotonic() + 20
    while alive(children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(children), alive(children)
    assert not serving(port)


def test_stop_stops_the_whole_group_even_children_that_ignore_the_leader():
    script = ("import subprocess, sys, time; "
              "subprocess.Popen([sys.executable, '-c', 'import signal, time; "
              "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(300)']); "
              "print('ready', flush=True); time.sleep(300)")
    proc = processes.start([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    grandchildren = psutil.Process(proc.pid).children(recursive=True)
    assert grandchildren
    processes.stop(proc, timeout=2)
    time.sleep(0.2)
    assert not alive(grandchildren)
    assert not processes.group_alive(proc.pid)
