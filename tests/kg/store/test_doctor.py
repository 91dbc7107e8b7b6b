"""``ancrage doctor`` checks a store; ``--repair`` fixes what is safe to fix and says what it did."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from .conftest import ROOT, ancrage, env, generations, graphs
from kg.sources import Source
from kg.store import Store, write_sources


def add_write(folder, name="extra"):
    return write_sources(folder, [Source.from_ntriples(name, name, [f'<urn:{name}> <urn:p> "v" .'])])


def litter(folder) -> dict:
    """What interrupted writes and prunes leave behind, plus an orphan generation."""
    current = os.readlink(folder / "current")
    orphan = "gen-20000101T000000.000000-0rphan"
    shutil.copytree(folder / current, folder / orphan)
    (folder / ".partial-gen-20991231T000000.000000-part01").mkdir()
    (folder / ".partial-gen-20991231T000000.000000-part01" / "000001.sst").write_bytes(b"x" * 100)
    (folder / ".trash-gen-20000101T000000.000000-trash1").mkdir()
    os.symlink(current, folder / ".current.ab12cd")
    (folder / "locks" / "gen-19990101T000000.000000-nogen1").write_text("")
    (folder / "cache").mkdir(exist_ok=True)
    (folder / "cache" / "actor-network--gen-19990101T000000.000000-nogen1.derived").write_bytes(b"old")
    (folder / "cache" / f"actor-network--{current}.derived").write_bytes(b"live")
    (folder / "cache" / ".actor-network--x.derived.abc123.tmp").write_bytes(b"half")
    (folder / "parts" / "gen-19990101T000000.000000-nogen1").mkdir(parents=True)  # parts of a gone generation
    return {"current": current, "orphan": orphan}


def test_doctor_finds_the_litter_and_repair_removes_it(store_dir):
    names = litter(store_dir)
    done = ancrage("doctor", "--store", store_dir)
    assert done.returncode == 1, done.stdout + done.stderr
    for word in ("orpheline", names["orphan"], "inachevée", "à moitié supprimée", "lien temporaire",
                 "verrou d'une génération disparue", "cache d'une version disparue", "--repair"):
        assert word in done.stdout, (word, done.stdout)
    assert generations(store_dir) == sorted([names["current"], names["orphan"]])  # checking changed nothing
    done = ancrage("doctor", "--repair", "--json", "--lang", "en", "--store", store_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and report["current"] == names["current"] and report["findings"] == []
    removed = {a["name"] for a in report["repaired"]}
    assert names["orphan"] in removed and ".current.ab12cd" in removed
    assert all(a["message"].startswith("removed: ") for a in report["repaired"])
    assert generations(store_dir) == [names["current"]]
    leftover = sorted(p.name for p in store_dir.iterdir())
    assert leftover == ["cache", "current", names["current"], "locks", "parts"], leftover
    assert [p.name for p in (store_dir / "parts").iterdir()] == [names["current"]]  # its parts only
    assert [p.name for p in (store_dir / "cache").iterdir()] == [f"actor-network--{names['current']}.derived"]
    assert Store.open(store_dir).count() > 0


def test_repair_points_a_dangling_link_to_the_newest_complete_generation_that_opens(store_dir):
    first = os.readlink(store_dir / "current")
    # keep the first generation by holding it, so that the second write leaves two generations
    reader = Store.open(store_dir)
    second = add_write(store_dir)
    reader.close()
    (store_dir / "gen-20991231T000000.000000-broken").mkdir()  # newest by name, but not a database
    (store_dir / "current").unlink()
    os.symlink("gen-gone", store_dir / "current")
    done = ancrage("doctor", "--repair", "--store", store_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"« current » repointé vers {second}" in done.stdout
    assert os.readlink(store_dir / "current") == second
    assert "https://w3id.org/ancrage/graph/extra" in graphs(store_dir)
    assert first not in generations(store_dir)  # an orphan once the link is back


def test_repair_relinks_a_missing_or_looping_link(store_dir):
    current = os.readlink(store_dir / "current")
    (store_dir / "current").unlink()
    assert ancrage("doctor", "--repair", "--store", store_dir).returncode == 0
    assert os.readlink(store_dir / "current") == current
    (store_dir / "current").unlink()
    os.symlink("current", store_dir / "current")
    assert ancrage("doctor", "--repair", "--store", store_dir).returncode == 0
    assert os.readlink(store_dir / "current") == current


def test_repair_never_moves_a_current_that_holds_data(store_dir):
    current = os.readlink(store_dir / "current")
    (store_dir / "current").unlink()
    (store_dir / "current").write_text("a file someone put here\n")
    done = ancrage("doctor", "--repair", "--store", store_dir)
    assert done.returncode == 1
    assert "n'est pas un lien symbolique" in done.stdout
    assert (store_dir / "current").read_text() == "a file someone put here\n"
    assert generations(store_dir) == [current]  # nothing removed while the link is unknown


def test_repair_keeps_a_generation_another_process_reads(store_dir, reader_process):
    proc, version = reader_process(store_dir)
    add_write(store_dir)
    done = ancrage("doctor", "--repair", "--store", store_dir)
    assert done.returncode == 0, done.stdout
    assert f"génération {version} encore lue par un processus" in done.stdout
    assert version in generations(store_dir)
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert int(proc.stdout.readline()) > 0


def test_doctor_while_a_write_is_under_way(store_dir):
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from kg.store import writer_lock; "
                               "held = writer_lock(sys.argv[1]); print('locked', flush=True); sys.stdin.readline()",
                               str(store_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                              env=env())
    try:
        assert holder.stdout.readline().strip() == "locked"
        (store_dir / ".partial-gen-20991231T000000.000000-inprog").mkdir()
        done = ancrage("doctor", "--store", store_dir)
        assert done.returncode == 0, done.stdout  # a write in progress is not a problem
        assert "une écriture est en cours" in done.stdout and "en cours d'écriture" in done.stdout
        done = ancrage("doctor", "--repair", "--store", store_dir, ANCRAGE_WRITE_WAIT="0.3")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert (store_dir / ".partial-gen-20991231T000000.000000-inprog").is_dir()  # not the doctor's to remove
    finally:
        holder.stdin.close()
        holder.wait(30)


def test_doctor_on_no_store_and_on_a_file(tmp_path):
    done = ancrage("doctor", "--store", tmp_path / "nothing")
    assert done.returncode == 0 and "aucun magasin" in done.stdout
    (tmp_path / "file").write_text("x")
    done = ancrage("doctor", "--repair", "--store", tmp_path / "file")
    assert done.returncode == 1 and "pas un dossier" in done.stdout
    assert (tmp_path / "file").read_text() == "x"
