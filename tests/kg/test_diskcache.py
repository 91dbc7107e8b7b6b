"""Derived files next to a store (kg.diskcache) load without running code, and one that is
tampered, foreign, truncated, of another format or an old executable file is ignored, logged
and rebuilt; what is read back is what was built (the read model's parts, home figures)."""

from __future__ import annotations

import json
import logging
import pickle
import re
from pathlib import Path

import networkx as nx
import pytest

from kg import diskcache, projection
from kg.app import model
from kg.gaps import check, committees, index
from kg.read import model as read_model
from kg.read import parts
from kg.store import Store, write_sources

ROOT = Path(__file__).resolve().parents[2]


class _Marker:
    """Unpickling this creates ``path`` (what a hostile derived file would do)."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def hostile_payload(marker: Path) -> bytes:
    payload = pickle.dumps(_Marker(marker))
    probe = marker.with_name(marker.name + ".probe")  # the payload is live: loading it does run code
    pickle.loads(pickle.dumps(_Marker(probe))).close()
    assert probe.exists()
    probe.unlink()
    return payload


@pytest.fixture()
def store_dir(tmp_path, seed_sources):
    folder = tmp_path / "store"
    write_sources(folder, seed_sources, fresh=True)
    return folder


def fresh(folder: Path) -> Store:
    """The store as a new process opens it (no read model kept in memory)."""
    read_model.clear_memory()
    return Store.open(folder)


def part_path(store, graph: str = "https://w3id.org/ancrage/graph/seed") -> Path:
    return read_model.part_folder(store) / parts.file_name(graph)


def same_network(a: nx.Graph, b: nx.Graph) -> None:
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    assert [(n, list(nbrs)) for n, nbrs in a.adjacency()] == [(n, list(nbrs)) for n, nbrs in b.adjacency()]


def gaps_results(store) -> list:
    return [check(store, c).to_dict() for c in committees(store)]


# --- what is read back is what was built ------------------------------------------------------

def test_actor_network_from_the_parts_is_the_sparql_one(store_dir):
    store = fresh(store_dir)
    assert part_path(store).exists()  # written with the source, by write_sources
    sparql = projection._build_actor_network(store)
    read = projection.actor_network(fresh(store_dir))
    assert sparql.number_of_edges() > 20
    same_network(read, sparql)


def test_gaps_index_from_the_parts_gives_the_same_checks_on_the_seed(store_dir):
    with index.without_index():
        expected = gaps_results(fresh(store_dir))
    assert index.index_for(fresh(store_dir)) is not None
    assert gaps_results(fresh(store_dir)) == expected and expected


@pytest.fixture(scope="module")
def one_percent(tmp_path_factory):
    """The 1 % synthetic graph, as ``ancrage generate --scale 0.01 --store`` writes it."""
    from loaders import synthetic as syn

    folder = tmp_path_factory.mktemp("one-percent")
    write_sources(folder, [syn.source(syn.load_geography(None), syn.Spec.at_scale(0.01))], fresh=True)
    return folder


def test_parts_on_the_one_percent_graph(one_percent):
    store = fresh(one_percent)
    some = list(committees(store))[:8]
    with index.without_index():
        expected = [check(store, c).to_dict() for c in some]
    assert len(index.index_for(store).neighbours) > 1000 and len(some) == 8
    assert [check(fresh(one_percent), c).to_dict() for c in some] == expected
    network = projection.actor_network(fresh(one_percent))
    assert network.number_of_edges() > 1000
    same_network(projection._build_actor_network(store), network)


def test_home_figures_read_back(store_dir):
    value = {"n": 3, "when": __import__("datetime").date(2025, 1, 2), "rows": [{"a": None, "b": "é"}]}
    assert model.cached_on_disk(fresh(store_dir), "home--demo", lambda: value) == value
    assert model.cached_on_disk(fresh(store_dir), "home--demo", lambda: pytest.fail("not read back")) == value


# --- nothing in a derived file runs, and a bad one is rebuilt ---------------------------------

def caches(store):
    """(name, file, how to read through the product, what a good read returns, logger) per derived file."""
    return [
        ("read-model part", part_path(store), lambda: projection.actor_network(fresh(store.path)),
         lambda: projection._build_actor_network(store), "kg.read.parts"),
        ("home figures", diskcache.json_cache("home--counts").path(store),
         lambda: model.cached_on_disk(fresh(store.path), "home--counts", lambda: model.counts_by_kind(store)),
         lambda: model.counts_by_kind(store), "kg.diskcache"),
    ]


def assert_rebuilt(path: Path, read, expected, caplog, reason: str | None, logger: str = "kg.diskcache") -> None:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=logger):
        got = read()
    if isinstance(got, nx.Graph):
        same_network(got, expected())
    else:
        assert got == expected()
    if reason is not None:
        assert any(str(path) in r.getMessage() and reason in r.getMessage() for r in caplog.records), caplog.text
    assert diskcache.read_columns(path.read_bytes(), *_identity(path))  # rewritten, valid again


def _identity(path: Path):
    manifest = json.loads(path.read_bytes()[len(diskcache.MAGIC):].split(b"\n", 1)[0])
    return manifest["name"], manifest["store_version"], manifest["format"]


def test_old_executable_files_are_never_opened_and_are_removed(store_dir, tmp_path, caplog):
    store = fresh(store_dir)
    marker = tmp_path / "ran"
    planted = [store_dir / "cache" / f"home--counts--{store.version}.pickle"]
    planted[0].parent.mkdir(exist_ok=True)
    for p in planted:
        p.write_bytes(hostile_payload(marker))
    for _, path, read, expected, logger in caches(store):
        read()
        assert_rebuilt(path, read, expected, caplog, reason=None, logger=logger)
    assert not marker.exists()
    assert not any(p.exists() for p in planted)


@pytest.mark.parametrize("damage", ["hostile payload", "hostile payload, manifest recomputed", "one byte changed",
                                    "truncated", "other store version", "older format", "not a derived file"])
def test_a_bad_derived_file_is_ignored_logged_and_rebuilt(store_dir, tmp_path, caplog, damage):
    store = fresh(store_dir)
    marker = tmp_path / "ran"
    for name, path, read, expected, logger in caches(store):
        read()
        good = path.read_bytes()
        head, payload = good.split(b"\n", 2)[1], good.split(b"\n", 2)[2]
        manifest = json.loads(head)
        if damage == "hostile payload":
            bad, reason = diskcache.MAGIC + head + b"\n" + hostile_payload(marker), "bytes"
        elif damage == "hostile payload, manifest recomputed":
            evil = hostile_payload(marker)
            manifest.update(bytes=len(evil), sha256=__import__("hashlib").sha256(evil).hexdigest())
            bad, reason = diskcache.MAGIC + json.dumps(manifest).encode() + b"\n" + evil, ""  # bounds or UTF-8
        elif damage == "one byte changed":
            bad, reason = good[:-10] + bytes([good[-10] ^ 1]) + good[-9:], "sha256"
        elif damage == "truncated":
            bad, reason = good[: len(good) - len(payload) // 2], "truncated"
        elif damage == "other store version":
            manifest["store_version"] = "gen-19990101T000000-000000"
            bad, reason = diskcache.MAGIC + json.dumps(manifest).encode() + b"\n" + payload, "store_version"
        elif damage == "older format":
            manifest["format"] -= 1
            bad, reason = diskcache.MAGIC + json.dumps(manifest).encode() + b"\n" + payload, "format"
        else:
            bad, reason = hostile_payload(marker), "magic"
        path.unlink()  # a new file, not the one the other generations' parts share (hard links)
        path.write_bytes(bad)
        assert_rebuilt(path, read, expected, caplog, reason, logger)
        if logger == "kg.diskcache":  # a part derived again reads its graph from the store: same
            assert path.read_bytes() == good, name  # triples, maybe another order (compared above)
    assert not marker.exists()


def test_a_cache_folder_that_cannot_be_written_means_no_cache_not_an_error(store_dir):
    (store_dir / "cache").write_text("")  # a file where the folder would go (runs as root too)
    import shutil

    shutil.rmtree(store_dir / "parts")
    (store_dir / "parts").write_text("")  # no parts can be written either: derived, used, not kept
    g = projection.actor_network(fresh(store_dir))
    assert g.number_of_edges() and index.index_for(fresh(store_dir)) is not None
    assert model.cached_on_disk(fresh(store_dir), "home--demo", lambda: {"n": 1}) == {"n": 1}
    assert (store_dir / "cache").read_text() == "" and (store_dir / "parts").read_text() == ""


def test_writing_a_version_removes_the_files_of_other_versions_and_formats(store_dir):
    store = fresh(store_dir)
    cache = store_dir / "cache"
    cache.mkdir(exist_ok=True)
    old = [cache / "home--demo--gen-19990101T000000-000000.derived", cache / "home--demo--x.pickle",
           cache / f"home--demo--{store.version}.pickle"]
    kept = cache / f"home--demo--{store.version}--0123456789.derived"  # another key, same version
    for p in (*old, kept):
        p.write_bytes(b"x")
    diskcache.json_cache("home--demo").save(store, {"n": 1})
    assert sorted(p.name for p in cache.iterdir()) == sorted([kept.name, f"home--demo--{store.version}.derived"])


# --- no executable serialisation in the product ----------------------------------------------

def test_no_pickle_in_the_product_sources():
    files = [ROOT / "app.py", *(ROOT / "kg").rglob("*.py"), *(ROOT / "loaders").rglob("*.py")]
    assert len(files) > 30
    found = [f"{f.relative_to(ROOT)}:{n}" for f in files
             for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"pickle|\bmarshal\b|\bshelve\b|\bdill\b|joblib", line, re.IGNORECASE)]
    assert found == []
