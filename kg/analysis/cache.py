"""Results computed from a store, cached by the store's version (in memory and on disk).

On disk, a cache lives in ``<store folder>/cache/`` (next to the generations, which the store's
pruning leaves alone) or, for a store with no folder (a remote endpoint), in ``var/cache/`` of
the project. In-memory stores (``memory-…`` versions) are cached in memory only. Files of other
versions are removed when a new result is written: a new generation makes them stale.

>>> from kg.store import Store
>>> store = Store.in_memory()
>>> put(store, "demo", {"at": None}, {"answer": 42})
>>> get(store, "demo", {"at": None})
{'answer': 42}
>>> get(store, "demo", {"at": "2019-01-01"}) is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections import OrderedDict
from pathlib import Path

from ..settings import PROJECT_ROOT

FORMAT = 1
_MEMORY: "OrderedDict[str, dict]" = OrderedDict()
_MEMORY_SIZE = 16


def cache_dir(store) -> Path | None:
    """Folder of the on-disk cache of a store, or ``None`` (memory only)."""
    if str(store.version).startswith("memory-"):
        return None
    path = getattr(store, "path", None)
    if path:
        return Path(path) / "cache"
    return PROJECT_ROOT / "var" / "cache"


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in str(text))


def key(store, name: str, params: dict) -> str:
    """File name of a cached result: name, store version, digest of the parameters."""
    digest = hashlib.sha1(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()[:10]
    return f"{_safe(name)}--{_safe(store.version)}--f{FORMAT}-{digest}.json"


def get(store, name: str, params: dict):
    """The cached result, or ``None``."""
    k = key(store, name, params)
    if k in _MEMORY:
        _MEMORY.move_to_end(k)
        return _MEMORY[k]
    folder = cache_dir(store)
    if folder is None or not (folder / k).exists():
        return None
    try:
        data = json.loads((folder / k).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    _remember(k, data)
    return data


def put(store, name: str, params: dict, data: dict) -> Path | None:
    """Cache ``data`` (JSON-serialisable); the file written, if any."""
    k = key(store, name, params)
    _remember(k, data)
    folder = cache_dir(store)
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{k}.{uuid.uuid4().hex[:6]}.tmp"
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, folder / k)
        finally:
            tmp.unlink(missing_ok=True)  # a full disk must not keep a half-written file
        version = f"--{_safe(store.version)}--"
        for old in folder.glob(f"{_safe(name)}--*.json"):
            if version not in old.name:
                old.unlink(missing_ok=True)
    except OSError:
        return None  # a read-only store folder: the memory cache still serves
    return folder / k


def _remember(k: str, data: dict) -> None:
    _MEMORY[k] = data
    _MEMORY.move_to_end(k)
    while len(_MEMORY) > _MEMORY_SIZE:
        _MEMORY.popitem(last=False)


def clear_memory() -> None:
    """Forget the in-memory cache (tests, long-running processes)."""
    _MEMORY.clear()
