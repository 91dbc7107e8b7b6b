"""Derived data kept next to a store, keyed by the store version (one helper for every cache).

A cache is a :class:`DiskCache`: a name, the code's format version and a codec that turns the
value into :data:`Columns` (typed numeric arrays and lists of strings) and back. The file
``<store folder>/cache/<name>--<version>[--suffix].derived`` holds one manifest line (JSON: the
name, the store version, the format versions, the payload's length and sha256, where each column
lies) and the raw columns. Reading it can run no code: the manifest is parsed by :mod:`json`,
numbers by :func:`numpy.frombuffer` with a dtype from a short list, strings by UTF-8 decoding.
A file whose magic, name, store version, format, length or checksum is not the expected one (a
tampered, foreign, truncated or older file), or that does not decode, is ignored with a log line
and rebuilt; files in any other format (such as the executable ones of earlier releases) are
never opened, only removed.

Files are written aside then moved in place (``os.replace``); writing one removes the files of
the same name left by other store versions (a new generation made them stale) or in another
format. In-memory and remote stores have no folder: nothing is cached on disk for
them. A read-only folder only means no cache, never an error.

>>> from kg.store import Store
>>> json_cache("demo").path(Store.in_memory()) is None
True
>>> pack = StringTable()
>>> [pack.add(s) for s in ("a", "b", "a")], pack.strings
([0, 1, 0], ['a', 'b'])
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import io
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Generic, TypeVar, Union

import numpy as np

log = logging.getLogger(__name__)

T = TypeVar("T")
#: A payload: named columns, each a typed numeric array or a list of strings.
Columns = dict[str, Union[np.ndarray, list[str]]]

MAGIC = b"ANCRAGE-DERIVED\n"
#: Version of the file layout itself (a cache's own ``format`` versions its columns).
CONTAINER = 1
SUFFIX = ".derived"
#: The only dtypes a numeric column may have (little-endian, no object arrays).
DTYPES = {"int8": "<i1", "int32": "<i4", "int64": "<i8", "float64": "<f8", "bool": "|b1"}
_MAX_MANIFEST = 1 << 20
_SEP = "\0"
#: Strings of a text column encoded at once by :func:`write_columns_to`.
_TEXT_SLICE = 65_536


class InvalidFile(ValueError):
    """A derived file that must not be trusted (the message says why)."""


def store_cache_folder(store) -> Path | None:
    """``<store folder>/cache``, or ``None`` for an in-memory or remote store."""
    folder = getattr(store, "path", None)
    if not folder or str(store.version).startswith("memory-"):
        return None
    return Path(folder) / "cache"


@dataclass(frozen=True)
class DiskCache(Generic[T]):
    """One kind of derived data: ``name`` in the file name, ``format`` bumped whenever the
    columns written by ``encode`` change meaning (an older file is then rebuilt); ``folder``
    says where a store's files go (``None``: not on disk)."""

    name: str
    format: int
    encode: Callable[[T], Columns]
    decode: Callable[[Columns], T]
    folder: Callable[[object], Path | None] = store_cache_folder

    def path(self, store, suffix: str = "") -> Path | None:
        """Where the value is kept for this store version, or ``None`` (no on-disk cache)."""
        folder = self.folder(store)
        return None if folder is None else folder / f"{self.name}--{store.version}{suffix}{SUFFIX}"

    def load(self, store, suffix: str = "") -> T | None:
        """The kept value, or ``None`` when there is none or it is not to be trusted (logged)."""
        path = self.path(store, suffix)
        if path is None or not path.exists():
            return None
        try:
            data = path.read_bytes()
        except OSError as exc:
            log.warning("fichier dérivé illisible, recalculé / unreadable derived file, rebuilt: %s (%s)", path, exc)
            return None
        try:
            with _no_gc():
                return self.decode(read_columns(data, self.name, str(store.version), self.format))
        except Exception as exc:  # noqa: BLE001 - whatever is wrong in the file, the answer is to rebuild it
            log.warning("fichier dérivé ignoré, recalculé / derived file ignored, rebuilt: %s (%s: %s)",
                        path, type(exc).__name__, exc)
            return None

    def save(self, store, value: T, suffix: str = "") -> None:
        """Write ``value`` for this store version atomically and drop the stale files of ``name``."""
        path = self.path(store, suffix)
        if path is None:
            return
        try:
            with _no_gc():
                data = write_columns(self.encode(value), self.name, str(store.version), self.format)
        except (TypeError, ValueError) as exc:  # a value the codec does not know: computed, not kept
            log.warning("cache non écrit / cache not written: %s (%s: %s)", path, type(exc).__name__, exc)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale(path.parent, self.name, str(store.version))
        except OSError:
            pass
        write_aside(path, lambda: data, "cache")

    def get(self, store, compute: Callable[[], T], suffix: str = "", read: bool = True, write: bool = True) -> T:
        """The kept value, else ``compute()`` (then kept unless ``write`` is false)."""
        value = self.load(store, suffix) if read else None
        if value is None:
            value = compute()
            if write:
                self.save(store, value, suffix)
        return value


@contextlib.contextmanager
def _no_gc():
    """Pause the cycle collector while millions of acyclic containers are made (2-3x faster)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def write_aside(path: Path, data: Callable[[], bytes] | Callable[[BinaryIO], None], what: str, *,
                stream: bool = False) -> bool:
    """Write ``data()`` next to ``path`` then swap it in (``os.replace``): a reader sees the old
    file or the new one, never half of one. A folder that refuses is logged (``what`` names the
    file's kind), not raised: derived data is rebuilt when missing. Whether it was written.
    With ``stream=True``, ``data(fh)`` writes into the open file itself (large files).

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> write_aside(d / "x", lambda: b"abc", "test"), (d / "x").read_bytes(), [p.name for p in d.iterdir()]
    (True, b'abc', ['x'])
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if stream:
            with open(tmp, "wb") as fh:
                data(fh)
        else:
            tmp.write_bytes(data())
        os.replace(tmp, path)
        return True
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.info("%s non écrit / %s not written: %s (%s)", what, what, path, exc)
        return False


def _remove_stale(folder: Path, name: str, version: str) -> None:
    for old in folder.glob(f"{name}--*"):
        rest = old.name[len(name) + 2:]
        current = old.suffix == SUFFIX and (rest == version + SUFFIX or rest.startswith(version + "--"))
        if not current:
            old.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# the file: magic, one manifest line, the columns
# ---------------------------------------------------------------------------------------------

def write_columns(columns: Columns, name: str, version: str, fmt: int) -> bytes:
    """The bytes of a derived file holding ``columns`` (:func:`write_columns_to` into memory)."""
    buf = io.BytesIO()
    write_columns_to(buf, columns, name, version, fmt)
    return buf.getvalue()


def write_columns_to(fh: BinaryIO, columns: Columns, name: str, version: str, fmt: int) -> None:
    """Write a derived file holding ``columns`` into ``fh``, column by column: the arrays are
    hashed and written from their own memory, never joined into one copy of the file."""
    raws: list[tuple[list[bytes | memoryview], int]] = []
    layout = []
    digest = hashlib.sha256()
    at = 0
    for key, col in columns.items():
        if isinstance(col, np.ndarray):
            kind = next((k for k, d in DTYPES.items() if np.dtype(d) == col.dtype.newbyteorder("<")), None)
            if kind is None:
                raise TypeError(f"column {key!r}: dtype {col.dtype} not in {sorted(DTYPES)}")
            pieces = [memoryview(np.ascontiguousarray(col, dtype=DTYPES[kind]).reshape(-1)).cast("B")]
        elif any(_SEP in s for s in col):
            kind, pieces = "json", [json.dumps(list(col), ensure_ascii=False).encode()]
        elif col:  # encoded in slices: a national model's strings never exist twice in memory
            kind, pieces = "text", [(_SEP if i else "").encode() + _SEP.join(col[i:i + _TEXT_SLICE]).encode()
                                    for i in range(0, len(col), _TEXT_SLICE)]
        else:
            kind, pieces = "empty", []
        pad = -at % 8  # every column starts 8-byte aligned, as numpy prefers
        digest.update(b"\0" * pad)
        for piece in pieces:
            digest.update(piece)
        size = sum(len(piece) for piece in pieces)
        raws.append((pieces, pad))
        at += pad
        layout.append([key, kind, at, at + size])
        at += size
    manifest = {"container": CONTAINER, "name": name, "store_version": version, "format": fmt,
                "bytes": at, "sha256": digest.hexdigest(), "columns": layout}
    head = MAGIC + json.dumps(manifest).encode()
    fh.write(head + b" " * (-(len(head) + 1) % 8) + b"\n")
    for pieces, pad in raws:
        fh.write(b"\0" * pad)
        for piece in pieces:
            fh.write(piece)


def manifest_of(data: bytes) -> dict:
    """The manifest of a derived file (its first bytes suffice), or :class:`InvalidFile`."""
    if not data.startswith(MAGIC):
        raise InvalidFile("not a derived file (magic)")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_MANIFEST)
    if end < 0:
        raise InvalidFile("no manifest line")
    try:
        manifest = json.loads(data[len(MAGIC):end])
    except ValueError as exc:
        raise InvalidFile(f"manifest: {exc}") from None
    if not isinstance(manifest, dict):
        raise InvalidFile("manifest: not an object")
    return manifest


def read_columns(data: bytes, name: str, version: str, fmt: int) -> Columns:
    """The columns of a derived file, or :class:`InvalidFile` saying what is wrong with it."""
    manifest = manifest_of(data)
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_MANIFEST)
    expected = {"container": CONTAINER, "name": name, "store_version": version, "format": fmt}
    for key, want in expected.items():
        if manifest.get(key) != want:
            raise InvalidFile(f"{key}: expected {want!r}, found {manifest.get(key)!r}")
    payload = memoryview(data)[end + 1:]
    if manifest.get("bytes") != len(payload):
        raise InvalidFile(f"payload: expected {manifest.get('bytes')} bytes, found {len(payload)} (truncated?)")
    if hashlib.sha256(payload).hexdigest() != manifest.get("sha256"):
        raise InvalidFile("payload: sha256 mismatch (modified)")
    columns: Columns = {}
    for key, kind, start, stop in manifest["columns"]:
        if not (isinstance(start, int) and isinstance(stop, int) and 0 <= start <= stop <= len(payload)):
            raise InvalidFile(f"column {key!r}: bounds {start}..{stop}")
        raw = payload[start:stop]
        if kind in DTYPES:
            columns[key] = np.frombuffer(raw, dtype=DTYPES[kind])
        elif kind == "text":
            columns[key] = bytes(raw).decode().split(_SEP)
        elif kind == "empty":
            columns[key] = []
        elif kind == "json":
            values = json.loads(bytes(raw))
            if not (isinstance(values, list) and all(isinstance(v, str) for v in values)):
                raise InvalidFile(f"column {key!r}: not a list of strings")
            columns[key] = values
        else:
            raise InvalidFile(f"column {key!r}: unknown kind {kind!r}")
    return columns


# ---------------------------------------------------------------------------------------------
# building blocks for codecs
# ---------------------------------------------------------------------------------------------

class StringTable:
    """Distinct strings, each written once; columns hold their positions."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._pos: dict[str, int] = {}

    def add(self, s: str) -> int:
        pos = self._pos.get(s)
        if pos is None:
            if not isinstance(s, str):
                raise TypeError(f"a string column holds a {type(s).__name__}: {s!r}")
            pos = self._pos[s] = len(self.strings)
            self.strings.append(s)
        return pos

    def column(self, values: Iterable[str]) -> np.ndarray:
        """Positions of ``values`` as an ``int32`` column."""
        return np.fromiter((self.add(v) for v in values), dtype=np.int32)

    def lists(self, groups: Iterable[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """``(offsets, positions)`` of a list of string lists (group ``i`` is ``offsets[i]:offsets[i+1]``)."""
        offsets, flat = [0], []
        for group in groups:
            flat.extend(self.add(s) for s in group)
            offsets.append(len(flat))
        return np.asarray(offsets, dtype=np.int64), np.asarray(flat, dtype=np.int32)


class StringLookup:
    """The strings of a :class:`StringTable` read back; positions become the same ``str`` objects,
    shared (a national index holds each IRI once)."""

    def __init__(self, strings: list[str]) -> None:
        self.table = np.empty(len(strings), dtype=object)
        self.table[:] = strings

    def at(self, positions: np.ndarray) -> list[str]:
        if not len(positions):
            return []
        if int(positions.min()) < 0 or int(positions.max()) >= len(self.table):
            raise InvalidFile("string position out of range")
        return self.table[positions].tolist()

    def groups(self, offsets: np.ndarray, positions: np.ndarray, as_lists: bool = False) -> list:
        """The string tuples (or lists) written by :meth:`StringTable.lists`."""
        flat = self.at(positions)
        if not len(offsets) or offsets[0] != 0 or offsets[-1] != len(flat) or (np.diff(offsets) < 0).any():
            raise InvalidFile("group offsets do not match their values")
        bounds = offsets.tolist()
        if as_lists:
            return [flat[a:b] for a, b in zip(bounds, bounds[1:])]
        return [tuple(flat[a:b]) for a, b in zip(bounds, bounds[1:])]


# ---------------------------------------------------------------------------------------------
# small JSON values (the explorer's home figures)
# ---------------------------------------------------------------------------------------------

def _to_json(value):
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept in a JSON cache")


def _from_json(obj: dict):
    if obj.keys() == {"$decimal"}:
        return Decimal(obj["$decimal"])
    if obj.keys() == {"$datetime"}:
        return dt.datetime.fromisoformat(obj["$datetime"])
    if obj.keys() == {"$date"}:
        return dt.date.fromisoformat(obj["$date"])
    return obj


def json_cache(name: str, fmt: int = 1, folder: Callable[[object], Path | None] = store_cache_folder) -> DiskCache:
    """A cache for a small JSON value (dicts, lists, str, numbers, ``None``, dates, decimals)."""
    return DiskCache(name, fmt,
                     encode=lambda value: {"json": [json.dumps(value, default=_to_json, ensure_ascii=False)]},
                     decode=lambda cols: json.loads(cols["json"][0], object_hook=_from_json), folder=folder)


__all__ = ["DiskCache", "store_cache_folder", "Columns", "InvalidFile", "StringTable", "StringLookup", "json_cache",
           "write_columns", "read_columns"]
