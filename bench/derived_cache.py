#!/usr/bin/env python
"""Derived caches: save / load time and size of the actor network and the gaps index, side by side.

Compares the pickle files of earlier releases (the baseline; loading one can run code) with
formats whose loading cannot: the checked columns of :mod:`kg.diskcache` (what the product
writes), the same columns in a NumPy ``.npz`` (``allow_pickle=False``) and in an Arrow IPC file.
Every load includes turning the columns back into the Python objects the product uses.

    PYTHONPATH=. .venv/bin/python bench/derived_cache.py 1%=/tmp/s1 10%=/tmp/s10

Each store is made by ``ancrage generate --scale 0.01 --store --store-path /tmp/s1``. The table
is written to ``bench/results-derived-cache.md``.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import json
import os
import pickle  # the baseline only; the product has none
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import diskcache, projection  # noqa: E402
from kg.gaps import index  # noqa: E402
from kg.store import Store  # noqa: E402

RUNS = 3


def timed(fn, runs=RUNS) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def paused(fn):
    def run():
        gc.disable()
        try:
            return fn()
        finally:
            gc.enable()
    return run


def npz_bytes(cols: diskcache.Columns) -> bytes:
    arrays = {k: (np.frombuffer("\0".join(v).encode(), dtype=np.uint8) if isinstance(v, list) else v)
              for k, v in cols.items()}
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def npz_columns(data: bytes, like: diskcache.Columns) -> diskcache.Columns:
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        return {k: (z[k].tobytes().decode().split("\0") if isinstance(v, list) else z[k]) for k, v in like.items()}


def arrow_bytes(cols: diskcache.Columns) -> bytes:
    arrays = [pa.LargeListArray.from_arrays(pa.array([0, len(v)], pa.int64()),
                                            pa.array(v, pa.large_string()) if isinstance(v, list) else pa.array(v))
              for v in cols.values()]
    batch = pa.record_batch(arrays, names=list(cols))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, batch.schema) as w:
        w.write_batch(batch)
    return sink.getvalue().to_pybytes()


def arrow_columns(data: bytes, like: diskcache.Columns) -> diskcache.Columns:
    batch = pa.ipc.open_file(pa.BufferReader(data)).get_batch(0)
    out = {}
    for k, v in like.items():
        values = batch.column(k).values
        out[k] = values.to_pylist() if isinstance(v, list) else values.to_numpy(zero_copy_only=False)
    return out


def measure(label: str, folder: str) -> list[dict]:
    store = Store.open(folder)
    rows = []
    for what, cache, build in (("actor network", projection.CACHE, lambda: projection._build_actor_network(store)),
                               ("gaps index", index.CACHE, lambda: index.build(store))):
        build_s, value = timed(build, runs=1)
        runs = RUNS if build_s < 30 else 1
        timed_ = lambda fn: timed(fn, runs)  # noqa: E731
        row = {"scale": label, "what": what, "build": build_s, "runs": runs, "load": os.getloadavg()[0]}
        # pickle, as earlier releases wrote and read it
        row["pickle save"], blob = timed_(lambda: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        row["pickle load"], _ = timed_(lambda: pickle.loads(blob))
        row["pickle load, gc paused"], _ = timed_(paused(lambda: pickle.loads(blob)))
        row["pickle MB"] = len(blob) / 1e6
        # the product's checked columns, through the real save and load (files on disk)
        path = cache.path(store)
        row["derived save"], _ = timed_(lambda: cache.save(store, value))
        row["derived load"], back = timed_(lambda: cache.load(store))
        assert back is not None and (what == "gaps index" and back == value
                                     or what == "actor network" and list(back.edges(data=True)) == list(value.edges(data=True)))
        row["derived MB"] = path.stat().st_size / 1e6
        cols = cache.encode(value)
        for fmt, write, read in (("npz", npz_bytes, npz_columns), ("arrow", arrow_bytes, arrow_columns)):
            row[f"{fmt} save"], blob2 = timed_(paused(lambda: write(cache.encode(value))))
            row[f"{fmt} load"], _ = timed_(paused(lambda: cache.decode(read(blob2, cols))))
            row[f"{fmt} MB"] = len(blob2) / 1e6
        print(row, flush=True)
        rows.append(row)
    return rows


def main(args: list[str]) -> None:
    """Measure the given stores; rows of other scales are kept from the previous runs."""
    saved = ROOT / "bench" / "results" / "derived-cache.json"
    rows = [r for arg in args for r in measure(*arg.split("=", 1))]
    measured = {r["scale"] for r in rows}
    kept = [r for r in (json.loads(saved.read_text()) if saved.exists() else []) if r["scale"] not in measured]
    rows = sorted(kept + rows, key=lambda r: (float(r["scale"].rstrip("%")), r["what"]))
    saved.write_text(json.dumps(rows, indent=1) + "\n")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    lines = [
        "# Derived caches: pickle vs formats that cannot run code / caches dérivés : pickle ou formats sans code",
        "",
        f"Written by `bench/derived_cache.py` on {dt.datetime.now().isoformat(timespec='seconds')}, commit {commit}, "
        f"Python {platform.python_version()}, pyarrow {pa.__version__}, numpy {np.__version__}; medians of {RUNS} runs (one where the build took over 30 s) "
        "on a shared 2-core machine. Stores made by `ancrage generate --scale S --store`. Loads include rebuilding "
        "the Python objects; *derived* is what the product writes (`kg/diskcache.py`: manifest + sha256 + raw "
        "columns, read from and written to disk, atomically); *npz* and *arrow* hold the same columns in another "
        "container. Pickle is the format of earlier releases (its loading can run code); *gc paused* is pickle with "
        "the cycle collector paused as `kg/diskcache.py` does. The machine is shared by other jobs: *load* is the "
        "1-minute load average (2 cores) when the row was measured; compare within a row, not across rows.",
        "",
        "| scale | load | cache | build | pickle save | pickle load (gc paused) | pickle size | **derived save** | **derived load** "
        "| **derived size** | npz save / load / size | arrow save / load / size |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['scale']} | {r.get('load', float('nan')):.0f} | {r['what']} | {r['build']:.2f} s | {r['pickle save']:.3f} s | {r['pickle load']:.3f} s "
            f"({r['pickle load, gc paused']:.3f} s) | {r['pickle MB']:.1f} MB | {r['derived save']:.3f} s "
            f"| {r['derived load']:.3f} s | {r['derived MB']:.1f} MB "
            f"| {r['npz save']:.3f} s / {r['npz load']:.3f} s / {r['npz MB']:.1f} MB "
            f"| {r['arrow save']:.3f} s / {r['arrow load']:.3f} s / {r['arrow MB']:.1f} MB |")
    (ROOT / "bench" / "results-derived-cache.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
