"""Benchmark of the foreign-RDF loader (``loaders.rdf``): the privacy check and the blank-node
skolemisation on a generated file, N-Triples and Turtle.

    python bench/rdf_loader.py [--subjects 100000] [--work /tmp/ancrage-bench-rdf]

Each subject has a label (distinct text), a number, and an address as a blank node (``_:b`` in
N-Triples, ``[ ]`` in Turtle) with a town (a repeated text): 4 triples. In a fresh process per
file, measures ``rdf.load`` (syntax, privacy, count: one read; Turtle reads twice side by side)
and the stream of N-Triples chunks the store would read. Wall time, CPU time, peak RSS and the
machine's load average go to ``bench/results/rdf-loader.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))


def generate(folder: Path, subjects: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    nt, ttl = folder / "bench.nt", folder / "bench.ttl"
    with open(nt, "w", encoding="utf-8") as f:
        for i in range(subjects):
            f.write(f'<https://ex.org/a{i}> <http://www.w3.org/2004/02/skos/core#prefLabel> '
                    f'"Association numéro {i} du quartier Saint-Michel"@fr .\n'
                    f'<https://ex.org/a{i}> <https://ex.org/effectif> "{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
                    f'<https://ex.org/a{i}> <https://ex.org/adresse> _:b{i} .\n_:b{i} <https://ex.org/ville> "Lille" .\n')
    with open(ttl, "w", encoding="utf-8") as f:
        f.write("@prefix ex: <https://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n")
        for i in range(subjects):
            f.write(f'ex:a{i} skos:prefLabel "Association numéro {i} du quartier Saint-Michel"@fr ; '
                    f'ex:effectif {i} ; ex:adresse [ ex:ville "Lille" ] .\n')
    return [nt, ttl]


def measure(path: str) -> dict:
    """In this process: load and stream one file."""
    from loaders import rdf

    t0, c0 = time.perf_counter(), time.process_time()
    src = rdf.load(path)
    t1 = time.perf_counter()
    size = sum(len(chunk) for chunk in src.ntriple_chunks())
    t2, c2 = time.perf_counter(), time.process_time()
    return {"file": Path(path).name, "bytes": os.path.getsize(path), "triples": src.records,
            "problems": len(src.problems), "load_s": round(t1 - t0, 2), "stream_s": round(t2 - t1, 2),
            "cpu_s": round(c2 - c0, 2), "ntriples_mb": round(size / 1e6, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--work", default="/tmp/ancrage-bench-rdf")
    parser.add_argument("--measure")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    runs = []
    for path in generate(Path(args.work), args.subjects):
        out = subprocess.run([sys.executable, __file__, "--measure", str(path)], check=True, capture_output=True,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        runs.append(json.loads(out.stdout) | {"loadavg": [round(x, 2) for x in os.getloadavg()]})
        print(runs[-1])
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "rdf-loader.json").write_text(json.dumps(
        {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "subjects": args.subjects, "runs": runs},
        indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
