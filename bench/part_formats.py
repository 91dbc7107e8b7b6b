#!/usr/bin/env python
"""Read-model parts: save / load time and size of one part in the formats considered, side by side.

The largest part of a store (the synthetic graph nationally) is written and read back in:
the checked columns of :mod:`kg.diskcache` (what the product writes: one JSON manifest with the
sha256, raw little-endian columns, strings as one NUL-separated UTF-8 text), a NumPy ``.npz``
(``allow_pickle=False``), an Arrow IPC file and a Parquet file (pyarrow, zstd). Every load
gives the same thing back: numeric arrays and the list of strings the model interns.

    PYTHONPATH=. .venv/bin/python bench/part_formats.py /tmp/ancrage-bench-read-model/store

Results: the section "Read-model parts: formats" of ``bench/results.md``.
"""

from __future__ import annotations

import io
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import diskcache  # noqa: E402
from kg.read import model as read_model  # noqa: E402
from kg.read import parts  # noqa: E402
from kg.store import Store  # noqa: E402

SECTION = "## Read-model parts: formats"
NUMERIC = ("s", "p", "o", "kind", "lang")


def timed(fn, runs=3):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def ours(part):
    data = diskcache.write_columns(part.columns(), parts.NAME, part.graph, parts.FORMAT)
    return data, lambda: parts.Part.from_columns(diskcache.read_columns(data, parts.NAME, part.graph, parts.FORMAT),
                                                 part.graph)


def npz(part):
    buf = io.BytesIO()
    np.savez(buf, strings=np.frombuffer("\0".join(part.strings).encode(), dtype=np.uint8),
             **{k: getattr(part, k) for k in NUMERIC})
    data = buf.getvalue()

    def load():
        z = np.load(io.BytesIO(data), allow_pickle=False)
        return z["strings"].tobytes().decode().split("\0"), [z[k] for k in NUMERIC]
    return data, load


def arrow(part):
    table = pa.table({k: getattr(part, k) for k in NUMERIC})
    strings = pa.table({"strings": pa.array(part.strings, pa.string())})
    buf = io.BytesIO()
    for t in (table, strings):
        with ipc.new_file(buf, t.schema) as w:
            w.write_table(t)
    data = buf.getvalue()
    cut = len(data) - len(strings_bytes(strings))

    def load():
        t = ipc.open_file(pa.BufferReader(data[:cut])).read_all()
        s = ipc.open_file(pa.BufferReader(data[cut:])).read_all()
        return s.column("strings").to_pylist(), [t.column(k).to_numpy() for k in NUMERIC]
    return data, load


def strings_bytes(strings) -> bytes:
    buf = io.BytesIO()
    with ipc.new_file(buf, strings.schema) as w:
        w.write_table(strings)
    return buf.getvalue()


def parquet(part):
    bufs = []
    for t in (pa.table({k: getattr(part, k) for k in NUMERIC}), pa.table({"strings": pa.array(part.strings)})):
        b = io.BytesIO()
        pq.write_table(t, b, compression="zstd")
        bufs.append(b.getvalue())

    def load():
        t = pq.read_table(pa.BufferReader(bufs[0]))
        s = pq.read_table(pa.BufferReader(bufs[1]))
        return s.column("strings").to_pylist(), [t.column(k).to_numpy() for k in NUMERIC]
    return b"".join(bufs), load


def main(store_folder: str) -> int:
    store = Store.open(store_folder)
    loaded = read_model.load_parts(store)
    part = max(loaded, key=len)
    rows = []
    for name, make in (("kg.diskcache columns (the product)", ours), ("NumPy .npz (allow_pickle=False)", npz),
                       ("Arrow IPC (pyarrow)", arrow), ("Parquet zstd (pyarrow)", parquet)):
        t_save, (data, load) = timed(lambda make=make: make(part), runs=1)
        t_load, _ = timed(load)
        rows.append(f"| {name} | {t_save:.2f} s | {t_load:.2f} s | {len(data) / 1e6:,.0f} MB |")
    read_model.clear_memory()
    t_combine, m = timed(lambda: read_model.ReadModel(str(store.version), loaded), runs=1)
    t_all, _ = timed(lambda: read_model.load_parts(store), runs=1)
    lines = [SECTION, "",
             f"Store `{store_folder}` ({store.version}); the largest part: graph `{part.graph}`, {len(part):,} "
             f"triples kept, {len(part.strings):,} distinct strings. Medians of 3 loads (`bench/part_formats.py`).", "",
             "| format | save | load (columns + strings list) | size |", "| --- | --- | --- | --- |", *rows, "",
             f"Reading every part of the store from disk: {t_all:.2f} s; combining them into the model "
             f"(string ids, arrays sorted by predicate): {t_combine:.2f} s, {len(m.strings):,} strings, "
             f"{len(m.s):,} triples.", ""]
    path = ROOT / "bench" / "results.md"
    text = path.read_text(encoding="utf-8")
    block = "\n".join(lines) + "\n"
    pattern = re.compile(re.escape(SECTION) + r".*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: block + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")
    print(block)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
