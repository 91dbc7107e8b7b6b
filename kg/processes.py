"""Servers we start run in their own process group, and stopping one stops the whole group.

``ancrage app`` starts Streamlit with :func:`serve`: the child gets its own session (so a signal
meant for it reaches everything it started), the signals ``ancrage app`` receives (SIGTERM,
SIGINT, SIGHUP) are forwarded to that group, and on Linux the child is also told to stop if
``ancrage app`` dies without a word (``kill -9``). The test suite starts its servers (Streamlit,
Oxigraph, Neo4j) with :func:`start` and stops them with :func:`stop`.

>>> import sys
>>> proc = start([sys.executable, "-c", "import time; time.sleep(60)"])
>>> stop(proc)
-15
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

FORWARDED = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

# Runs in the child before the server: "stop me (SIGTERM) when my parent dies", then becomes the
# server (the setting survives exec). A shim rather than ``preexec_fn``, which is unsafe in a
# process with threads (the test suite has some).
_DIE_WITH_PARENT = ("import ctypes, os, signal, sys\n"
                    "ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG\n"
                    "if os.getppid() != int(sys.argv[1]):\n"
                    "    sys.exit(1)  # the parent died before we asked\n"
                    "os.execvp(sys.argv[2], sys.argv[2:])\n")


def start(cmd: list[str], *, die_with_parent: bool = False, **popen_kwargs) -> subprocess.Popen:
    """Start ``cmd`` as the leader of a new session and process group.

    With ``die_with_parent`` (Linux), the server also gets SIGTERM when this process dies, even by
    ``kill -9``, which no handler can forward. The kernel ties this to the *thread* that starts the
    server: use it only from a thread that lives as long as the server (``ancrage app``'s main one).
    """
    if die_with_parent and sys.platform.startswith("linux"):
        cmd = [sys.executable, "-c", _DIE_WITH_PARENT, str(os.getpid()), *cmd]
    return subprocess.Popen(cmd, start_new_session=True, **popen_kwargs)


def group_alive(pgid: int) -> bool:
    """Whether any process of the group ``pgid`` is still running (zombies, already dead, do not count)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = "/proc"
    if not os.path.isdir(proc):
        return True
    for entry in os.listdir(proc):
        if not entry.isdigit():
            continue
        try:
            with open(f"{proc}/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()  # after "pid (command)": state ppid pgrp …
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != b"Z":
            return True
    return False


def signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def stop(proc: subprocess.Popen, timeout: float = 15.0, sig: int = signal.SIGTERM) -> int | None:
    """Signal the group of ``proc`` (SIGTERM), wait; SIGKILL what is left after ``timeout``; its exit code."""
    signal_group(proc, sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        signal_group(proc, signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + timeout
    while group_alive(proc.pid):  # children of the leader that outlived it
        if time.monotonic() > deadline:
            signal_group(proc, signal.SIGKILL)
            break
        time.sleep(0.05)
    return proc.returncode


def serve(cmd: list[str], *, grace: float = 15.0, **popen_kwargs) -> int:
    """Run a server in its own group until it exits; forward our signals to it; its exit code.

    After a forwarded signal the group has ``grace`` seconds to stop before it is killed.
    """
    proc = start(cmd, die_with_parent=True, **popen_kwargs)
    received: list[int] = []

    def forward(signum, _frame):
        received.append(signum)
        signal_group(proc, signum)

    previous = {sig: signal.signal(sig, forward) for sig in FORWARDED}
    try:
        while True:
            try:
                return proc.wait(0.2)
            except subprocess.TimeoutExpired:
                pass
            if received and grace is not None:
                stop(proc, timeout=grace, sig=received[-1])
                return proc.returncode
    finally:
        if proc.poll() is None or group_alive(proc.pid):
            stop(proc, timeout=grace)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
