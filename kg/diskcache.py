"""Derived data pickled next to a store, keyed by the store version (one helper for every cache).

A file ``<store folder>/cache/<name>--<version>[--suffix].pickle`` is written atomically
(temporary file, then ``os.replace``); writing one removes the files of the same name left by
older versions, which a new generation made stale. In-memory and remote stores have no folder:
nothing is cached on disk for them. A read-only folder only means no cache, never an error.

>>> from kg.store import Store
>>> cache_path(Store.in_memory(), "demo") is None
True
"""

from __future__ import annotations

import os
import pickle
import uuid
from pathlib import Path


def cache_path(store, name: str, suffix: str = "") -> Path | None:
    """Where ``name`` is cached for this store version, or ``None`` (no on-disk cache)."""
    folder = getattr(store, "path", None)
    if not folder or str(store.version).startswith("memory-"):
        return None
    return Path(folder) / "cache" / f"{name}--{store.version}{suffix}.pickle"


def load(path: Path | None):
    """The pickled object, or ``None`` when there is no readable file."""
    if path is None or not path.exists():
        return None
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None


def save(path: Path | None, obj, name: str) -> None:
    """Pickle ``obj`` to ``path`` atomically and drop the ``name`` files of other versions."""
    if path is None:
        return
    version = path.name[len(name) + 2:].split("--")[0].removesuffix(".pickle")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{name}--*.pickle"):
            if not stale.name.startswith(f"{name}--{version}"):
                stale.unlink(missing_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:6]}.tmp")
        try:
            with open(tmp, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)  # a full disk must not keep a half-written file
    except OSError:
        pass
