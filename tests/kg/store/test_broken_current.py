"""A ``current`` link that cannot be resolved never makes a write start from empty: the write is
refused (exit 2, French then English, a repair hint, no traceback) and every generation is kept."""

from __future__ import annotations

import os
import shutil

import pytest

from .conftest import IMPORT_GRAPH, actors_file, ancrage, assert_no_traceback, generations, graphs
from kg.errors import StoreError
from kg.sources import Source
from kg.store import Store, write_sources


def dangling(folder):
    (folder / "current").unlink()
    os.symlink("gen-20200101T000000-gone", folder / "current")
    return "link-dangling"


def missing(folder):
    (folder / "current").unlink()
    return "link-missing"


def loop(folder):
    (folder / "current").unlink()
    os.symlink("current", folder / "current")
    return "link-loop"


def two_link_loop(folder):
    (folder / "current").unlink()
    os.symlink("other", folder / "current")
    os.symlink("current", folder / "other")
    return "link-loop"


def regular_file(folder):
    (folder / "current").unlink()
    (folder / "current").write_text("gen-x\n")
    return "link-not-symlink"


def directory(folder):
    gen = os.readlink(folder / "current")
    (folder / "current").unlink()
    shutil.copytree(folder / gen, folder / "current")
    return "link-not-symlink"


def outside(folder):
    (folder / "current").unlink()
    os.symlink("/tmp", folder / "current")
    return "link-outside"


BREAKAGES = [dangling, missing, loop, two_link_loop, regular_file, directory, outside]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.__name__ for b in BREAKAGES])
def test_an_import_on_a_broken_current_is_refused_and_keeps_every_generation(store_dir, tmp_path, breakage):
    kept = generations(store_dir)
    code = breakage(store_dir)
    done = ancrage("import", actors_file(tmp_path, "apres-casse"), "--store", store_dir)
    assert done.returncode == 2, done.stdout + done.stderr
    assert_no_traceback(done)
    assert "Importé" not in done.stderr
    assert "doctor" in done.stderr  # the repair hint
    assert generations(store_dir) == kept  # nothing pruned, nothing started from empty
    with pytest.raises(StoreError) as caught:
        write_sources(store_dir, [Source.from_ntriples("x", "X", ['<urn:a> <urn:b> "c" .'])])
    assert caught.value.code == code
    with pytest.raises(StoreError) as caught:
        write_sources(store_dir, [Source.from_ntriples("x", "X", ['<urn:a> <urn:b> "c" .'])], fresh=True)
    assert caught.value.code == code  # a rebuild would prune the generations too
    assert generations(store_dir) == kept


@pytest.mark.parametrize("breakage", [dangling, loop, regular_file], ids=["dangling", "loop", "regular_file"])
def test_reads_on_a_broken_current_say_how_to_repair_without_a_traceback(store_dir, breakage):
    breakage(store_dir)
    for command in (["stats"], ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"], ["validate"]):
        done = ancrage(*command, "--store", store_dir)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert_no_traceback(done)
        assert "ancrage doctor --repair" in done.stderr


def test_build_on_a_dangling_current_is_refused(store_dir):
    kept = generations(store_dir)
    dangling(store_dir)
    done = ancrage("build", "--no-territories", "--store", store_dir)
    assert done.returncode == 2
    assert_no_traceback(done)
    assert generations(store_dir) == kept


def test_a_store_path_that_is_a_regular_file_is_refused(tmp_path):
    path = tmp_path / "not-a-store"
    path.write_text("precious data\n")
    done = ancrage("import", actors_file(tmp_path, "fichier"), "--store", path)
    assert done.returncode == 2
    assert_no_traceback(done)
    assert "n'est pas un dossier de magasin" in done.stderr and "is not a store folder" in done.stderr
    assert path.read_text() == "precious data\n"
    for command in (["stats"], ["build", "--no-territories"]):
        done = ancrage(*command, "--store", path)
        assert done.returncode == 2
        assert_no_traceback(done)
    done = ancrage("import", actors_file(tmp_path, "fichier"), "--store", path / "sub")
    assert done.returncode == 2
    assert_no_traceback(done)


def test_a_new_store_still_starts_empty(tmp_path):
    """Only a folder with no generation at all is an empty store."""
    done = ancrage("import", actors_file(tmp_path, "premier"), "--store", tmp_path / "new")
    assert done.returncode in (0, 1), done.stderr
    assert IMPORT_GRAPH.format(stem="premier-acteurs") in graphs(tmp_path / "new")


def test_the_explorer_shows_a_broken_store_in_the_user_language(store_dir):
    from kg.app import data

    dangling(store_dir)
    with pytest.raises(StoreError) as caught:
        Store.open(store_dir)
    assert caught.value.code == "link-dangling"
    assert "n'existe pas" in caught.value.render("fr") and "does not exist" in caught.value.render("en")
    assert data.error_text(caught.value) == caught.value.render("fr")
