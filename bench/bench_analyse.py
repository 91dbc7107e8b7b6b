"""``analyse`` step by step on a store, the code of this tree against another, runs alternating.

    PYTHONPATH=$PWD python bench/bench_analyse.py --store /tmp/an-store --old-code /tmp/an-before --runs 3

Each run is a cold process (``--child``) that opens the store, runs ``analyse(use_cache=False)``
and prints its step timings, its peak RSS and the load average before and after; the result (less
its time stamps) is written to ``--out``, so the two codes' results can be compared byte for byte.
The parent prints one line per run and whether every result file is identical. Figures go to
``bench/results.md`` by hand (timings never in the tests).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def _load() -> list[str]:
    return Path("/proc/loadavg").read_text().split()[:3]


def child(store: str, out: str) -> None:
    from kg.analysis import analyse
    from kg.store import Store

    load0 = _load()
    t0 = time.perf_counter()
    result = analyse(Store.open(store), use_cache=False)
    total = time.perf_counter() - t0
    d = result.to_dict()
    for key in ("computed_at", "timings", "from_cache"):
        d.pop(key, None)
    Path(out).write_text(json.dumps(d, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({"total_s": round(total, 2), "steps": result.timings, "nodes": result.nodes,
                      "edges": result.edges, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                      "load_start": load0, "load_end": _load()}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--old-code", help="a copy of the code before (git archive … | tar -x -C DIR)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default="/tmp/bench-analyse")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.store, args.out)
        return
    roots = [("before", args.old_code)] if args.old_code else []
    roots.append(("after", str(HERE)))
    files = []
    for i in range(args.runs):
        for side, root in roots:
            out = f"{args.out}-{side}-{i}.json"
            files.append(out)
            env = {**os.environ, "PYTHONPATH": root}
            line = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "--store", args.store,
                                   "--out", out], cwd=root, env=env, capture_output=True, text=True, check=True).stdout
            print(side, line.strip(), flush=True)
    same = all(filecmp.cmp(files[0], f, shallow=False) for f in files[1:])
    print("results identical:", same)


if __name__ == "__main__":
    main()
