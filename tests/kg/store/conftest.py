"""Fixtures of the store-safety tests: a small on-disk store, spreadsheets to import, and the real
``ancrage`` CLI run as separate processes (the bugs these tests guard against only appear between
processes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.sources import Source
from kg.store import Store, write_sources

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "templates" / "exemple" / "csv" / "hautes-pyrenees-acteurs.csv"
EX = "https://example.org/"
IMPORT_GRAPH = "https://w3id.org/ancrage/graph/import-{stem}"


def base_sources() -> list[Source]:
    from loaders import cog

    lines = [f'<{EX}s{i}> <{EX}p> "valeur {i}" .' for i in range(50)]
    return [Source.from_ntriples("base", "Base", lines), cog.load(departements=["65"])]


@pytest.fixture(scope="session")
def template_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("store-template") / "store"
    write_sources(folder, base_sources(), fresh=True)
    return folder


@pytest.fixture
def store_dir(template_store, tmp_path) -> Path:
    """A private copy of a small store (a base graph and the territories of Hautes-Pyrénées)."""
    target = tmp_path / "store"
    shutil.copytree(template_store, target, symlinks=True)
    return target


def actors_file(folder: Path, stem: str) -> Path:
    """A valid actors spreadsheet whose ids are unique to ``stem`` (one named graph per file)."""
    lines = EXAMPLE.read_text(encoding="utf-8-sig").splitlines()
    tag = stem.replace("-", "")
    rows = [lines[0]] + [f"{tag}{line.split(';', 1)[0]};{line.split(';', 1)[1]}" for line in lines[1:8]]
    path = folder / f"{stem}-acteurs.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def env(**extra) -> dict:
    values = dict(os.environ, PYTHONPATH=str(ROOT), **{k: str(v) for k, v in extra.items()})
    values.pop("ANCRAGE_SPARQL_ENDPOINT", None)
    return values


def ancrage(*args, timeout: float = 300, **env_extra) -> subprocess.CompletedProcess:
    """Run the real CLI in its own process."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env(**env_extra), timeout=timeout)


def ancrage_popen(*args, **env_extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env(**env_extra))


def generations(folder: Path) -> list[str]:
    """The generation folders of a store, as a user listing it sees them."""
    return sorted(p.name for p in Path(folder).iterdir() if p.name.startswith("gen-") and p.is_dir())


def leftovers(folder: Path) -> list[str]:
    """Anything a write left behind besides the link, the generations, the locks, the cache and the
    generations' read-model parts."""
    found = [p.name for p in Path(folder).iterdir()
             if p.name not in ("current", "locks", "cache", "parts") and not p.name.startswith("gen-")]
    part_dir = Path(folder) / "parts"
    if part_dir.is_dir():  # parts of a generation that is not there
        found += [f"parts/{p.name}" for p in part_dir.iterdir() if not (Path(folder) / p.name).is_dir()]
    return sorted(found)


def graphs(folder: Path) -> list[str]:
    store = Store.open(folder)
    try:
        return store.named_graphs()
    finally:
        store.close()


def assert_no_traceback(done) -> None:
    text = (done.stdout or "") + (done.stderr or "")
    assert "Traceback" not in text, text
    assert "Erreur / Error" in text, text


READER = """
import sys
from kg.store import Store
store = Store.open(sys.argv[1])
print(store.version, flush=True)
sys.stdin.readline()
print(store.count(), flush=True)
"""


@pytest.fixture
def reader_process():
    """Start a process that opens the store, prints its version and holds it until told to go on."""
    started = []

    def run(folder: Path) -> tuple[subprocess.Popen, str]:
        proc = subprocess.Popen([sys.executable, "-c", READER, str(folder)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env())
        started.append(proc)
        return proc, proc.stdout.readline().strip()

    yield run
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
