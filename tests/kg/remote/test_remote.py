"""The remote SPARQL backend against real servers (Oxigraph server and Apache Jena Fuseki), each
compared with the embedded store."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg import backend, queries
from kg.errors import QueryError, StoreError
from kg.gaps.index import without_index
from kg.remote import RemoteStore
from kg.settings import Settings
from kg.sources import Source
from kg.stats import compute_stats
from kg.store import Store, write_sources
from loaders import synthetic as syn

from ancrage_remote_servers import ENGINES, start_server  # tests/kg/remote/conftest.py

pytestmark = pytest.mark.server

GEO = syn.Geography.tiny()
SPEC = syn.Spec(actors=600, relations=3_000, committees=6, seed=11)


def _ontology_and_seed() -> list:
    """The ontology and the seed dataset (they make the named queries return rows about the seed)."""
    from kg.ontology import ontology_source
    from loaders import seed

    return [ontology_source(), seed.load()]


@pytest.fixture(scope="module")
def sources():
    return [GEO.source(), syn.source(GEO, SPEC)] + _ontology_and_seed()


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, sources):
    folder = tmp_path_factory.mktemp("embedded")
    write_sources(folder, sources, fresh=True)
    return Store.open(folder)


@pytest.fixture(scope="module", params=[(e, u) for e in ENGINES for u in ("dataset", "server")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def remote(request, tmp_path_factory, sources):
    """Each engine, in each way of uniting the named graphs, holding the same sources as
    ``embedded`` (a server of its own; written through the Graph Store protocol)."""
    engine, union = request.param
    server = start_server(engine, tmp_path_factory.mktemp(f"{engine}-{union}"), union=union == "server")
    request.addfinalizer(server.stop)
    # a generous time limit: some named queries take seconds on a shared, loaded machine
    store = RemoteStore(server.query, server.update, graph_store=server.store, union=union, timeout=300)
    store.write_sources(sources, fresh=True)
    store.server = server
    return store


def _sorted(rows):
    return sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r))


def _default_params(named):
    return {p.name: p.default for p in named.params if p.default}


def test_counts_and_graphs_match_the_embedded_store(embedded, remote):
    assert remote.named_graphs() == embedded.named_graphs()
    assert remote.count() == embedded.count() > 10_000
    for g in embedded.named_graphs():
        assert remote.count(graph=g) == embedded.count(graph=g)


def test_stats_match_the_embedded_store(embedded, remote):
    ours, theirs = compute_stats(remote), compute_stats(embedded)
    assert ours["triples"] == theirs["triples"]
    assert ours["classes"] == theirs["classes"]
    assert ours["classes"]["anc:Partnership"] > 2_000
    assert [(g["graph"], g["triples"], g["records"]) for g in ours["graphs"]] == \
           [(g["graph"], g["triples"], g["records"]) for g in theirs["graphs"]]


@pytest.mark.parametrize("name", sorted(queries.library()))
def test_every_named_query_gives_the_same_rows(embedded, remote, name):
    named = queries.library()[name]
    params = _default_params(named)
    if len(params) < len(named.params):
        pytest.fail(f"query {name} has a parameter without default; the parity test needs one")
    ours = queries.run(remote, name, params)
    theirs = queries.run(embedded, name, params)
    assert ours.variables == theirs.variables
    assert _sorted(ours.rows) == _sorted(theirs.rows)
    if ours.method == "read-model":  # answered from the read model: its SPARQL text on the server too
        with without_index():
            assert ours.rows == queries.run(remote, name, params).rows


REFERENCES = sorted((queries.QUERY_DIR / "reference").glob("*.rq"))
#: a graph small enough for the plain reference forms, which are slow in Oxigraph (minutes at 1 %)
SMALL_SPEC = syn.Spec(actors=150, relations=500, committees=3, seed=5)


@pytest.fixture(scope="module", params=ENGINES)
def small(request, tmp_path_factory):
    """(remote, embedded) holding the ontology, the seed and a small synthetic graph."""
    sources = [GEO.source(), syn.source(GEO, SMALL_SPEC)] + _ontology_and_seed()
    server = start_server(request.param, tmp_path_factory.mktemp(f"small-{request.param}"))
    request.addfinalizer(server.stop)
    remote = RemoteStore(server.query, server.update, graph_store=server.store, timeout=300)
    remote.write_sources(sources, fresh=True)
    return remote, Store.in_memory(sources)


@pytest.mark.parametrize("path", REFERENCES, ids=lambda p: p.stem)
def test_reference_forms_give_the_named_query_rows_on_every_engine(small, path):
    """The plain reference form of a tuned query: duplicate-free, so the same rows on every engine,
    and the rows of the tuned query there (the graph restates territories in two sources)."""
    remote, embedded = small
    named = queries.library()[path.stem]
    params = named.values(_default_params(named))
    text = queries.bind(path.read_text(encoding="utf-8"), params, {p.name: p.type for p in named.params})
    reference = remote.select(text)
    assert len(set(reference.rows)) == len(reference.rows), "the reference form returned duplicate rows"
    assert _sorted(reference.rows) == _sorted(embedded.select(text).rows)
    assert _sorted(reference.rows) == _sorted(queries.run(remote, path.stem, params).rows)
    assert reference.rows or path.stem == "accompagnement", f"{path.stem}: no row, the comparison proves nothing"


def test_composition_check_and_suggestions_match_the_embedded_store(embedded, remote):
    """The gaps check (R1–R10) and the suggestions of every committee, on the server as embedded."""
    from kg.gaps import check, suggest

    committees = [r[0] for r in embedded.select(
        "SELECT DISTINCT ?c WHERE { ?c a anc:LocalCommittee } ORDER BY ?c").rows]
    assert len(committees) >= 6
    for committee in committees:
        ours, theirs = check(remote, committee).to_dict(), check(embedded, committee).to_dict()
        assert ours.pop("store_version").startswith("remote-")
        theirs.pop("store_version")
        assert ours == theirs and ours["findings"], committee
        assert [s.to_dict() for s in suggest(remote, committee, limit=10)] == \
               [s.to_dict() for s in suggest(embedded, committee, limit=10)], committee


def test_territory_scoped_query_sees_the_synthetic_actors(embedded, remote):
    rows = queries.run(remote, "acteurs-par-categorie", {"level": "departement", "code": "59"}).rows
    assert rows, "the Nord holds synthetic actors"
    assert _sorted(rows) == _sorted(queries.run(embedded, "acteurs-par-categorie",
                                                {"level": "departement", "code": "59"}).rows)


def test_select_ask_construct_and_substitutions(embedded, remote):
    q = ("SELECT ?c (COUNT(?m) AS ?n) WHERE { ?m a anc:Membership ; org:organization ?c } "
         "GROUP BY ?c ORDER BY ?c")
    assert remote.select(q).rows == embedded.select(q).rows
    committee = embedded.select(q).rows[0][0]
    sub = "SELECT ?c ?member WHERE { ?m org:organization ?c ; org:member ?member } ORDER BY ?member"
    assert remote.select(sub, substitutions={"c": committee}).rows == \
           embedded.select(sub, substitutions={"c": committee}).rows
    assert remote.ask("ASK { ?x a anc:LocalCommittee }") is True
    assert remote.ask("ASK { ?x a anc:Nothing }") is False
    c = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = <{committee}>) }}"
    ours, theirs = Graph().parse(data=remote.construct(c), format="nt"), Graph().parse(data=embedded.construct(c), format="nt")
    assert len(ours) > 3 and isomorphic(ours, theirs)
    assert isinstance(remote.query("ASK { ?s ?p ?o }"), bool)
    with pytest.raises(QueryError):
        remote.select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError):
        remote.ask("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_one_named_graph_only(embedded, remote):
    g = str(syn.source(GEO, SPEC).graph)
    q = "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a anc:Territory }"
    assert remote.select(q, graph=g).rows == embedded.select(q, graph=g).rows == [(0,)]
    assert remote.select(q).rows == embedded.select(q).rows


def test_errors_are_clear(remote):
    with pytest.raises(QueryError, match="refused the query"):
        remote.select("SELEC nonsense")
    with pytest.raises(QueryError):
        remote.query("DELETE WHERE { ?s ?p ?o }")
    assert remote.count() > 0  # the update sent as a query changed nothing
    down = RemoteStore(f"http://127.0.0.1:{_unused_port()}/query", timeout=2)
    with pytest.raises(StoreError, match="cannot reach the SPARQL server at http://127.0.0.1"):
        down.count()
    with pytest.raises(StoreError, match="expected an http"):
        RemoteStore("ftp://example.org/sparql")


def _unused_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _demo(id_, n, value="v"):
    lines = [f'<https://ex.org/{id_}/{i}> <https://ex.org/p> "{value}{i}" .' for i in range(n)]
    return Source.from_ntriples(id_, id_, lines)


def test_reload_replaces_one_graph_and_changes_the_version(union_server):
    store = RemoteStore(union_server.query, union="server")
    store.write_sources([_demo("a", 5), _demo("b", 7)], fresh=True)
    v1 = store.version
    assert store.count(graph=str(_demo("a", 1).graph)) == 5 + len(_demo("a", 1).metadata_graph())
    v2 = store.write_sources([_demo("a", 2, value="w")])
    assert v2 != v1
    rows = store.select("SELECT ?o WHERE { ?s <https://ex.org/p> ?o } ORDER BY ?o").rows
    assert [r[0] for r in rows] == ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "w0", "w1"]
    store.write_sources([_demo("c", 1)], fresh=True)
    assert store.named_graphs(refresh=True) == [str(_demo("c", 1).graph)]


def test_a_failed_write_changes_nothing(union_server):
    store = RemoteStore(union_server.query, union="server")
    store.write_sources([_demo("keep", 3)], fresh=True)
    before = (store.named_graphs(refresh=True), store.count(), store.version)

    def broken():
        yield '<https://ex.org/x> <https://ex.org/p> "1" .'
        raise OSError("disk vanished while reading the source")

    bad = Source("keep", "broken", broken)
    with pytest.raises(OSError, match="disk vanished"):
        store.write_sources([bad], fresh=True)
    assert (store.named_graphs(refresh=True), store.count(), store.version) == before
    with pytest.raises(StoreError, match="source 'keep' was not written .*HTTP 400"):  # malformed triples
        store.write_sources([Source.from_ntriples("keep", "bad", ["<https://ex.org/x> nonsense ."])])
    assert (store.named_graphs(refresh=True), store.count()) == before[:2]


def test_graph_store_protocol_upload(sparql_server, tmp_path):
    store = RemoteStore(sparql_server.query, graph_store=sparql_server.store)
    src = _demo("gsp", 2_000)
    store.write_sources([src])
    assert store.count(graph=str(src.graph)) == 2_000 + len(src.metadata_graph())
    emb = Store.in_memory([src])
    q = "SELECT ?s ?o WHERE { ?s <https://ex.org/p> ?o } ORDER BY ?s"
    assert store.select(q, graph=str(src.graph)).rows == emb.select(q).rows
    store.update(f"DROP GRAPH <{src.graph}>")


def test_a_graph_store_write_replaces_each_source_whole(union_server):
    """A PUT per graph: a source that fails to read changes nothing; a source the server refuses
    leaves its graph as it was, and the error names the sources already replaced."""
    store = RemoteStore(union_server.query, graph_store=union_server.store, union="server")
    store.write_sources([_demo("one", 3), _demo("two", 4)], fresh=True)
    before = (store.named_graphs(refresh=True), store.count(), store.version)

    def broken():
        yield '<https://ex.org/x> <https://ex.org/p> "1" .'
        raise OSError("disk vanished while reading the source")

    with pytest.raises(OSError, match="disk vanished"):
        store.write_sources([Source("one", "broken", broken)], fresh=True)
    assert (store.named_graphs(refresh=True), store.count(), store.version) == before
    bad = Source.from_ntriples("two", "bad", ["<https://ex.org/x> nonsense ."])
    with pytest.raises(StoreError, match="source 'two' was not written .*already replaced: one"):
        store.write_sources([_demo("one", 5, value="w"), bad])
    assert store.count(graph=str(_demo("two", 1).graph)) == 4 + len(_demo("two", 1).metadata_graph())
    rows = store.select("SELECT ?o WHERE { ?s <https://ex.org/p> ?o } ORDER BY ?o").rows
    assert [r[0] for r in rows] == ["v0", "v1", "v2", "v3", "w0", "w1", "w2", "w3", "w4"]
    assert store.version != before[2]  # a graph changed: caches keyed by the version must see it


def test_backend_follows_the_settings(tmp_path, remote):
    server = remote.server
    cfg = Settings.load(env={"ANCRAGE_SPARQL_ENDPOINT": server.query, "ANCRAGE_SPARQL_UNION": remote.union,
                             "ANCRAGE_SPARQL_GRAPH_STORE": server.store}, file=None)
    assert backend.open_store(cfg).graph_store == server.store and backend.open_store(cfg).union == remote.union
    assert isinstance(backend.open_store(cfg), RemoteStore)
    assert backend.open_store(cfg).count() == remote.count()
    local = Settings.load(env={"ANCRAGE_STORE": str(tmp_path / "s")}, file=None)
    with pytest.raises(StoreError, match="no store at"):
        backend.open_store(local)
    version = backend.write_sources(local, [_demo("x", 3)])
    assert backend.open_store(local).version == version
    assert backend.open_store(local).count() == 3 + len(_demo("x", 3).metadata_graph())


def test_cli_against_the_remote_endpoint(remote, embedded, tmp_path):
    env = {**os.environ, "ANCRAGE_SPARQL_ENDPOINT": remote.server.query, "ANCRAGE_SPARQL_UNION": remote.union}
    ancrage = [os.path.join(os.path.dirname(sys.executable), "ancrage")]
    done = subprocess.run(ancrage + ["stats", "--json"], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["triples"] == embedded.count()
    done = subprocess.run(ancrage + ["query", "--format", "json", "acteurs-par-categorie",
                                     "--param", "level=departement", "--param", "code=25"],
                          env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    expected = queries.run(embedded, "acteurs-par-categorie", {"level": "departement", "code": "25"}).dicts()
    assert sorted(rows, key=str) == sorted(expected, key=str) and rows
    bad = {**os.environ, "ANCRAGE_SPARQL_ENDPOINT": f"http://127.0.0.1:{_unused_port()}/query"}
    done = subprocess.run(ancrage + ["stats"], env=bad, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2 and "cannot reach the SPARQL server" in done.stderr


def test_generate_into_a_remote_store(union_server, tmp_path):
    env = {**os.environ, "ANCRAGE_SPARQL_ENDPOINT": union_server.query}
    ancrage = os.path.join(os.path.dirname(sys.executable), "ancrage")
    done = subprocess.run([ancrage, "generate", "--reference", "tiny", "--actors", "200", "--relations", "800",
                           "--committees", "3", "--store"], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    store = RemoteStore(union_server.query, union="server")
    n = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t VALUES ?t { anc:Organisation anc:Group } }").rows[0][0]
    assert n == 200


def test_build_into_a_remote_store(own_server, tmp_path):
    """``ancrage build`` pointed at a server replaces all it holds with the default graph."""
    from kg.build import build

    RemoteStore(own_server.query, own_server.update).write_sources([Source.from_ntriples("old", "Old", ['<urn:a> <urn:b> "c" .'])])
    env = {**os.environ, "ANCRAGE_SPARQL_ENDPOINT": own_server.query}
    ancrage = os.path.join(os.path.dirname(sys.executable), "ancrage")
    done = subprocess.run([ancrage, "build", "--no-territories"], env=env, capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    embedded_dir = tmp_path / "embedded"
    build(embedded_dir, territories=False)
    embedded = Store.open(embedded_dir)
    remote = RemoteStore(own_server.query)
    assert set(remote.named_graphs(refresh=True)) == set(embedded.named_graphs())
    assert remote.count() == embedded.count()
    assert not remote.ask("ASK { <urn:a> ?p ?o }")
    assert not (tmp_path / "var").exists()  # nothing was built locally


def test_read_model_of_a_remote_store_is_the_embedded_one(embedded, remote, tmp_path, monkeypatch):
    """The remote store's read model is derived on the client from one CONSTRUCT per named graph,
    kept in the local cache keyed by the graph's write time, and gives the embedded network."""
    from kg import paths, projection
    from kg.read import model as read_model
    from kg.read import remote as read_remote

    monkeypatch.setattr(paths, "var_dir", lambda: tmp_path / "var")
    read_model.clear_memory()
    theirs = projection.actor_network(embedded)
    ours = projection.actor_network(remote)
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert sorted(ours.edges(data=True), key=str) == sorted(theirs.edges(data=True), key=str)
    cached = sorted(read_remote.cache_folder(remote).iterdir())
    assert len(cached) == len(remote.named_graphs())
    read_model.clear_memory()
    calls = []
    monkeypatch.setattr(read_remote, "derive_remote", lambda *a: calls.append(a))
    assert projection.actor_network(remote).number_of_edges() == theirs.number_of_edges()
    assert calls == []  # read back from the local cache, not from the server
