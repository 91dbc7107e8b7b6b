"""One writer at a time per store, between processes: concurrent imports all land or are refused
cleanly, never lost; readers keep their generation; the explorer's import takes the same lock."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import (IMPORT_GRAPH, ROOT, actors_file, ancrage, ancrage_popen, assert_no_traceback, env,
                       generations, graphs)
from kg.errors import StoreError
from kg.store import Store, write_sources
from kg.sources import Source

N_IMPORTS = 6

HOLD_LOCK = """
import sys, time
from kg.store import writer_lock
held = writer_lock(sys.argv[1])
print("locked", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def lock_holder():
    """A process that holds a store's write lock until its stdin closes (a long import, say)."""
    procs = []

    def hold(folder):
        proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(folder)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env())
        procs.append(proc)
        assert proc.stdout.readline().strip() == "locked"
        return proc

    yield hold
    for proc in procs:
        proc.stdin.close()
        proc.wait(30)


def test_concurrent_imports_all_land_or_are_refused_never_lost(store_dir, tmp_path):
    files = [actors_file(tmp_path, f"comite-{i}") for i in range(N_IMPORTS)]
    procs = [ancrage_popen("import", f, "--store", store_dir, "--json") for f in files]
    outcomes = [(f, p, *p.communicate(timeout=600)) for f, p in zip(files, procs)]
    present = set(graphs(store_dir))
    landed = 0
    for path, proc, stdout, stderr in outcomes:
        graph = IMPORT_GRAPH.format(stem=path.stem)
        assert "Traceback" not in stderr, stderr
        if proc.returncode in (0, 1):  # 1: some example rows name a project territory this store lacks
            assert graph in present, f"{path.name} said it was imported but its graph is gone:\n{stderr}"
            landed += 1
        else:
            assert proc.returncode == 2 and "écriture est en cours" in stderr, stderr
            assert graph not in present
    assert landed == N_IMPORTS  # the default wait (60 s) covers six small imports
    # the base graphs are all still there, and only the current generation is left
    assert {"https://w3id.org/ancrage/graph/base", "https://w3id.org/ancrage/graph/cog"} <= present
    assert generations(store_dir) == [Store.current_generation(store_dir).name]


def test_a_second_writer_waits_then_is_refused_with_exit_2(store_dir, tmp_path, lock_holder):
    before = Store.current_generation(store_dir).name
    holder = lock_holder(store_dir)
    done = ancrage("import", actors_file(tmp_path, "attente"), "--store", store_dir, ANCRAGE_WRITE_WAIT="0.5")
    assert done.returncode == 2, done.stderr
    assert_no_traceback(done)
    assert "une autre écriture est en cours" in done.stderr and "another write is under way" in done.stderr
    assert f"pid {holder.pid}" in done.stderr  # who holds the store
    assert "write_wait" in done.stderr
    assert Store.current_generation(store_dir).name == before
    # once the first writer is done, the import goes through
    holder.stdin.close()
    holder.wait(30)
    done = ancrage("import", actors_file(tmp_path, "attente"), "--store", store_dir)
    assert done.returncode in (0, 1), done.stderr
    assert IMPORT_GRAPH.format(stem="attente-acteurs") in graphs(store_dir)


def test_a_waiting_writer_goes_through_when_the_first_one_finishes(store_dir, tmp_path, lock_holder):
    holder = lock_holder(store_dir)
    waiting = ancrage_popen("import", actors_file(tmp_path, "patient"), "--store", store_dir)
    holder.stdin.close()  # the first writer ends while the second waits
    holder.wait(30)
    _out, err = waiting.communicate(timeout=300)
    assert waiting.returncode in (0, 1), err
    assert IMPORT_GRAPH.format(stem="patient-acteurs") in graphs(store_dir)


def test_the_explorer_import_takes_the_same_lock(store_dir, tmp_path, lock_holder):
    from kg.app import importing
    from kg.settings import Settings

    cfg = Settings.load(env={}, file=None, store=str(store_dir), write_wait=0.3)
    path = actors_file(tmp_path, "explorateur")
    holder = lock_holder(store_dir)
    with pytest.raises(StoreError) as caught:
        importing.add([path], cfg, "fr")
    assert caught.value.code == "write-busy"
    assert "une autre écriture est en cours" in caught.value.render("fr")
    assert IMPORT_GRAPH.format(stem="explorateur-acteurs") not in graphs(store_dir)
    holder.stdin.close()
    holder.wait(30)
    version, done = importing.add([path], cfg, "fr")
    assert version == Store.current_generation(store_dir).name
    assert IMPORT_GRAPH.format(stem="explorateur-acteurs") in graphs(store_dir)


def test_the_explorer_import_waits_for_a_cli_import(store_dir, tmp_path):
    """A CLI import and the explorer's import at the same moment: both land."""
    from kg.app import importing
    from kg.settings import Settings

    cli = ancrage_popen("import", actors_file(tmp_path, "ligne-de-commande"), "--store", store_dir)
    cfg = Settings.load(env={}, file=None, store=str(store_dir))
    importing.add([actors_file(tmp_path, "page-import")], cfg, "fr")
    _out, err = cli.communicate(timeout=300)
    assert cli.returncode in (0, 1), err
    present = graphs(store_dir)
    assert IMPORT_GRAPH.format(stem="ligne-de-commande-acteurs") in present
    assert IMPORT_GRAPH.format(stem="page-import-acteurs") in present


def test_pruning_spares_a_generation_another_process_reads(store_dir, reader_process):
    proc, version = reader_process(store_dir)
    for i in range(3):
        write_sources(store_dir, [Source.from_ntriples(f"extra{i}", "Extra", [f'<urn:x:{i}> <urn:p> "v" .'])])
    assert version in generations(store_dir)  # held by the reader: kept
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert int(proc.stdout.readline()) > 0  # and still readable after three writes
    proc.wait(30)
    write_sources(store_dir, [Source.from_ntriples("extra9", "Extra", ['<urn:x:9> <urn:p> "v" .'])])
    assert generations(store_dir) == [Store.current_generation(store_dir).name]


def test_pruning_spares_a_generation_this_process_reads(store_dir):
    reader = Store.open(store_dir)
    write_sources(store_dir, [Source.from_ntriples("extra", "Extra", ['<urn:x:1> <urn:p> "v" .'])])
    write_sources(store_dir, [Source.from_ntriples("extra", "Extra", ['<urn:x:2> <urn:p> "v" .'])])
    assert reader.version in generations(store_dir)
    assert reader.count() > 0
    reader.close()


def test_the_write_lock_is_released_by_a_killed_writer(store_dir):
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(store_dir)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env())
    assert proc.stdout.readline().strip() == "locked"
    proc.kill()
    proc.wait()
    from kg.store import writer_lock

    writer_lock(store_dir, wait=5).release()  # no stale lock to clean by hand
