"""Advisory locks between processes on a file (``fcntl.flock``), for the on-disk store.

``flock`` locks belong to an open file, not to a process: two handles in one process exclude each
other like two processes do, and the kernel releases a lock when its holder dies (even by
``kill -9``), so a lock can never be left behind. The store takes an *exclusive* lock for its one
writer and a *shared* lock per generation a reader has open (:mod:`kg.store`). Unix only, like the
store's ``current`` symlink.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "demo.lock")
>>> first = acquire(path)
>>> acquire(path, wait=0.1) is None          # a second holder is refused after the wait
True
>>> first.release()
>>> acquire(path) is not None
True
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path

POLL_SECONDS = 0.05


class Lock:
    """A held lock; released by :meth:`release`, at the end of a ``with`` block, or when collected."""

    def __init__(self, fd: int, path: Path, shared: bool):
        self._fd, self.path, self.shared = fd, path, shared

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the file drops its flock

    def write_note(self, text: str) -> None:
        """Write who holds the lock into the lock file (read back by :func:`note`)."""
        if self._fd is not None and not self.shared:
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, text.encode("utf-8"), 0)

    def __enter__(self) -> "Lock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()


def _open(path: Path, create: bool) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        if not create:
            return None
    except PermissionError:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except FileNotFoundError:
        return None


def acquire(path: str | Path, *, shared: bool = False, wait: float = 0.0, create: bool = True) -> Lock | None:
    """Lock ``path`` (created if missing), waiting at most ``wait`` seconds; ``None`` if refused.

    Raises ``OSError`` when the lock file cannot be opened or created (read-only folder…).
    """
    path = Path(path)
    fd = _open(path, create)
    if fd is None:
        return None
    deadline = time.monotonic() + max(0.0, wait)
    mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
    while True:
        try:
            fcntl.flock(fd, mode)
            return Lock(fd, path, shared)
        except OSError as err:
            if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
        if time.monotonic() >= deadline:
            os.close(fd)
            return None
        time.sleep(POLL_SECONDS)


def is_locked(path: str | Path) -> bool:
    """Whether someone holds a lock (shared or exclusive) on ``path`` right now."""
    try:
        probe = acquire(path, create=False)
    except OSError:
        return False
    if probe is None:
        return Path(path).exists()
    probe.release()
    return False


def note(path: str | Path) -> str:
    """What the holder wrote into the lock file (who, since when), or ``""``."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
