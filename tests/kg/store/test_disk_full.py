"""Disk full in the middle of a write: the store is kept as it was, the message says so (French then
English), exit 2 as documented; no half-written generation or cache file is left behind."""

from __future__ import annotations

import errno
import os
import subprocess
from contextlib import contextmanager

import pytest

from .conftest import (EXAMPLE, IMPORT_GRAPH, actors_file, ancrage, assert_no_traceback, generations, graphs,
                       leftovers)
from kg.errors import StoreError
from kg.sources import Source
from kg.store import Store, write_sources


@contextmanager
def small_disk(folder, size="8m"):
    """A tmpfs of ``size`` mounted on ``folder`` (``None`` where mounting is not allowed)."""
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder, leave: int) -> None:
    """Fill the file system of ``folder`` until only ``leave`` bytes are free."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    with open(folder / "filler", "wb") as fh:
        chunk = b"\0" * (1 << 20)
        remaining = free - leave
        while remaining > 0:
            fh.write(chunk[:remaining])
            remaining -= len(chunk)


def big_actors_file(folder, rows: int = 4000):
    lines = EXAMPLE.read_text(encoding="utf-8-sig").splitlines()
    rest = lines[2].split(";", 2)[2]
    path = folder / "gros-acteurs.csv"
    path.write_text(lines[0] + "\n" + "".join(f"a{i};Association numéro {i};{rest}\n" for i in range(rows)),
                    encoding="utf-8")
    return path


def enospc_source(graph_id: str = "plein") -> Source:
    def lines():
        for i in range(1000):
            yield f'<urn:plein:{i}> <urn:p> "{i}" .'
        raise OSError(errno.ENOSPC, "No space left on device")

    return Source(graph_id, "Disque plein", lines)


def test_disk_full_during_an_import_keeps_the_store(store_dir, tmp_path, monkeypatch):
    with small_disk(tmp_path / "disk") as disk:
        if disk is None:  # no right to mount here: the same import with the disk filling up simulated
            return _simulated_disk_full_import(store_dir, tmp_path, monkeypatch)
        store = disk / "store"
        os.system(f"cp -a {store_dir} {store}")
        before, kept = Store.current_generation(store).name, graphs(store)
        fill(disk, leave=1_500_000)
        done = ancrage("import", big_actors_file(tmp_path), "--store", store)
        assert done.returncode == 2, done.stdout + done.stderr
        assert_no_traceback(done)
        assert "disque plein" in done.stderr and "disk full" in done.stderr, done.stderr
        assert before in done.stderr  # "still at version …"
        assert Store.current_generation(store).name == before
        assert graphs(store) == kept
        assert generations(store) == [before] and not leftovers(store)
        # once there is room again, the store takes writes as before
        (disk / "filler").unlink()
        done = ancrage("import", actors_file(tmp_path, "apres"), "--store", store)
        assert done.returncode in (0, 1), done.stderr
        assert IMPORT_GRAPH.format(stem="apres-acteurs") in graphs(store)


def _simulated_disk_full_import(store_dir, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli import app
    from loaders import tabular

    real = tabular.load_files
    monkeypatch.setattr(tabular, "load_files", lambda *a, **k: ([enospc_source()], real(*a, **k)[1]))
    before = Store.current_generation(store_dir).name
    result = CliRunner().invoke(app, ["import", str(actors_file(tmp_path, "x")), "--store", str(store_dir)])
    assert result.exit_code == 2 and "disque plein" in result.output
    assert Store.current_generation(store_dir).name == before


def test_enospc_in_a_write_is_a_store_error_and_nothing_changes(store_dir):
    before, kept = Store.current_generation(store_dir).name, graphs(store_dir)
    with pytest.raises(StoreError) as caught:
        write_sources(store_dir, [enospc_source()])
    assert caught.value.code == "disk-full"
    assert before in caught.value.render("fr") and before in caught.value.render("en")
    assert Store.current_generation(store_dir).name == before and graphs(store_dir) == kept
    assert not leftovers(store_dir)


def test_a_full_disk_leaves_no_half_written_cache_file(tmp_path, monkeypatch):
    """Every derived cache (kg.diskcache, used by the analysis cache too) writes aside: a disk that
    fills up mid-write leaves no half-written file behind, and the caller still gets its value."""
    import pathlib

    from kg import diskcache
    from kg.analysis import cache

    class Full:
        version, path = "gen-x", tmp_path

    def half_then_full(self, data, *_a, **_k):
        with open(self, "wb") as fh:
            fh.write(bytes(data)[:3])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pathlib.Path, "write_bytes", half_then_full)
    diskcache.json_cache("demo").save(Full, {"a": 1})
    assert cache.put(Full, "demo", {}, {"a": 1}) is None
    assert cache.get(Full, "demo", {}) == {"a": 1}  # the memory cache still serves
    assert list((tmp_path / "cache").iterdir()) == []
