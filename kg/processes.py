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

import ctypes
import os
import signal
import subprocess
import sys
import time

FORWARDED = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # runs in the child, between fork and exec
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def start(cmd: list[str], *, die_with_parent: bool = False, **popen_kwargs) -> subprocess.Popen:
    """Start ``cmd`` as the leader of a new session and process group."""
    if die_with_parent and sys.platform.startswith("linux"):
        popen_kwargs["preexec_fn"] = _die_with_parent
    return subprocess.Popen(cmd, start_new_session=True, **popen_kwargs)


def group_alive(pgid: int) -> bool:
    """Whether any process of the group ``pgid`` is still running."""
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


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
