"""Results computed from a store, cached by the store's version (in memory and on disk).

On disk, a cache lives in ``<store folder>/cache/`` (next to the generations, which the store's
pruning leaves alone) or, for a store with no folder (a remote endpoint), in ``var/cache/`` of
the project, in the checked files of :mod:`kg.diskcache`. In-memory stores (``memory-…``
versions) are cached in memory only. Files of other versions are removed when a new result is
written: a new generation makes them stale.

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
from collections import OrderedDict
from pathlib import Path

from .. import diskcache
from ..paths import var_dir

FORMAT = 3  # 1: plain .json files; 3: observed relations only
_MEMORY: "OrderedDict[str, dict]" = OrderedDict()
_MEMORY_SIZE = 16


def cache_dir(store) -> Path | None:
    """Folder of the on-disk cache of a store, or ``None`` (memory only)."""
    if str(store.version).startswith("memory-"):
        return None
    path = getattr(store, "path", None)
    if path:
        return Path(path) / "cache"
    return var_dir() / "cache"


def _disk(name: str):
    return diskcache.json_cache(name, FORMAT, folder=cache_dir)


def key(params: dict) -> str:
    """What tells the cached results of ``name`` apart in one store version: a digest of the parameters."""
    return "--" + hashlib.sha1(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()[:10]


def get(store, name: str, params: dict):
    """The cached result, or ``None``."""
    suffix = key(params)
    k = f"{name}--{store.version}{suffix}"
    if k in _MEMORY:
        _MEMORY.move_to_end(k)
        return _MEMORY[k]
    data = _disk(name).load(store, suffix)
    if data is not None:
        _remember(k, data)
    return data


def put(store, name: str, params: dict, data: dict) -> Path | None:
    """Cache ``data`` (JSON-serialisable); the file written, if any."""
    suffix = key(params)
    _remember(f"{name}--{store.version}{suffix}", data)
    cache = _disk(name)
    cache.save(store, data, suffix)
    path = cache.path(store, suffix)
    return path if path is not None and path.exists() else None


def _remember(k: str, data: dict) -> None:
    _MEMORY[k] = data
    _MEMORY.move_to_end(k)
    while len(_MEMORY) > _MEMORY_SIZE:
        _MEMORY.popitem(last=False)


def clear_memory() -> None:
    """Forget the in-memory cache (tests, long-running processes)."""
    _MEMORY.clear()
