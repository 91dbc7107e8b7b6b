"""``kill -9`` at random points of a write leaves a readable store holding the previous or the new
generation, never a mix and never nothing; ``ancrage doctor --repair`` then cleans what the
killed write left (partial generation, temporary link) and the next write works."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from .conftest import IMPORT_GRAPH, ROOT, actors_file, ancrage, ancrage_popen, env, generations, graphs
from kg.store import Store

KILLS = 8

WRITER = """
import sys
from kg.sources import Source
from kg.store import write_sources
folder = sys.argv[1]
for i in range(1000):
    lines = [f'<urn:k:{i}:{j}> <urn:p> "valeur {j}" .' for j in range(20000)]
    version = write_sources(folder, [Source.from_ntriples(f"k{i}", f"K{i}", lines)])
    print(i, version, flush=True)
"""


def graph(i: int) -> str:
    return f"https://w3id.org/ancrage/graph/k{i}"


def check_after_kill(folder, done_lines: list[str], seed, delay) -> None:
    context = f"seed {seed}, killed after {delay:.2f} s, writes reported: {len(done_lines)}"
    current = Store.current_generation(folder)  # never broken
    assert current is not None, context
    store = Store.open(folder)
    present = {g for g in store.named_graphs() if "/graph/k" in g}
    last = int(done_lines[-1].split()[0]) if done_lines else -1
    expected = {graph(i) for i in range(last + 1)}
    # every reported write is there; at most the one in flight besides (the new generation)
    assert expected <= present <= expected | {graph(last + 1)}, (context, sorted(present))
    if done_lines and present == expected:
        assert current.name == done_lines[-1].split()[1], context
    for g in present:  # a graph is whole or absent
        assert store.count(graph=g) > 20000, (context, g)
    store.close()
    doctor = ancrage("doctor", "--repair", "--json", "--store", folder)
    report = json.loads(doctor.stdout)
    assert doctor.returncode == 0 and report["ok"], (context, doctor.stdout, doctor.stderr)
    assert report["current"] == current.name, context  # repair never moves a good link
    assert generations(folder) == [current.name], context


def test_kill_9_at_random_points_of_writes(store_dir, tmp_path):
    import shutil

    seed = int(os.environ.get("ANCRAGE_KILL_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    for round_ in range(KILLS):
        folder = tmp_path / f"round-{round_}"
        shutil.copytree(store_dir, folder, symlinks=True)
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True,
                                cwd=ROOT, env=env())
        delay = rng.uniform(0.3, 4.0)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        check_after_kill(folder, [line for line in out.splitlines() if line.strip()], seed, delay)


def test_kill_9_of_an_import_at_random_points(store_dir, tmp_path):
    seed = int(os.environ.get("ANCRAGE_KILL_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    path = actors_file(tmp_path, "tue")
    graph_iri = IMPORT_GRAPH.format(stem="tue-acteurs")
    for _ in range(3):
        before = Store.current_generation(store_dir).name
        proc = ancrage_popen("import", path, "--store", store_dir)
        delay = rng.uniform(0.5, 3.5)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        current = Store.current_generation(store_dir).name
        present = graph_iri in graphs(store_dir)
        assert (current == before and not present) or (current != before and present), (seed, delay)
        done = ancrage("doctor", "--repair", "--store", store_dir)
        assert done.returncode == 0, (seed, delay, done.stdout, done.stderr)
        if present:
            break
    done = ancrage("import", path, "--store", store_dir)
    assert done.returncode in (0, 1) and graph_iri in graphs(store_dir), done.stderr
