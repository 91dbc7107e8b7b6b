"""Network analysis on real stores: measures checked against networkx, communities, brokerage,
shared actors, matrices, the state at a date, the cache by store version."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pytest

from tests.kg.gaps.builder import Builder
from kg.analysis import analyse, cache, centrality, network_at
from kg.namespaces import entity
from kg.projection import actor_network
from kg.store import write_sources


def A(key):
    return str(entity("actor", key))


def two_clusters():
    """Two cliques of four actors bridged by one broker; dated partnerships; two committees."""
    b = Builder()
    t = b.france()
    left = [b.actor(f"l{i}", f"Gauche {i}", ["association-caritative"], t["lille"], worlds=["social"])
            for i in range(4)]
    right = [b.actor(f"r{i}", f"Droite {i}", ["protection-sociale"], t["nord"], worlds=["economie"])
             for i in range(4)]
    broker = b.actor("broker", "Courtier", ["federation"], t["hdf"], worlds=["social"])
    for group in (left, right):
        for i in range(4):
            for j in range(i + 1, 4):
                b.partner(group[i], group[j], start="2018-01-01")
    b.partner(broker, left[0], start="2018-01-01")
    b.partner(broker, right[0], start="2019-06-01", end="2020-12-31")
    c1 = b.committee("c1", "Comité un", t["nord"])
    c2 = b.committee("c2", "Comité deux", t["nord"])
    b.member(left[1], c1, start="2018-09-21")
    b.member(left[1], c2, start="2019-01-01")
    b.member(right[1], c2, start="2018-09-21", end="2018-12-31")
    return b


@pytest.fixture(scope="module")
def store():
    return two_clusters().store()


@pytest.fixture(scope="module")
def result(store):
    return analyse(store, use_cache=False)


def test_measures_agree_with_networkx(store, result):
    g = actor_network(store)
    exact = nx.betweenness_centrality(g, normalized=True)
    mine = result.measure("betweenness")
    assert set(mine) == set(g.nodes)
    for n in g:
        assert mine[n] == pytest.approx(exact[n], abs=1e-6)
    harmonic = nx.harmonic_centrality(g)
    for n in g:
        assert result.measure("closeness")[n] == pytest.approx(harmonic[n] / (len(g) - 1), abs=1e-6)
    assert result.measure("degree") == dict(g.degree())
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python  # no scipy needed

    pr = _pagerank_python(g, weight="weight", tol=1e-10)
    assert result.measure("pagerank")[A("broker")] == pytest.approx(pr[A("broker")], abs=1e-4)
    assert result.top("betweenness", 1)[0]["iri"] == min((-v, n) for n, v in exact.items())[1]
    assert mine[A("broker")] > 0 and mine[A("l2")] == 0  # the bridge carries paths, a clique member none
    assert result.methods["betweenness"]["method"] == "exact" and result.sampled == []


def test_brokerage_agrees_with_networkx(store, result):
    g = actor_network(store)
    constraint = nx.constraint(g, weight="weight")
    esize = nx.effective_size(g)
    for n in g:
        if g.degree(n):
            assert result.measure("constraint")[n] == pytest.approx(constraint[n], abs=1e-3)
            assert result.measure("effective_size")[n] == pytest.approx(esize[n], abs=1e-3)
    lowest = min((v, n) for n, v in constraint.items() if g.degree(n))[1]
    assert result.top("constraint", 1, lowest=True)[0]["iri"] == lowest


def test_communities_separate_the_clusters(result):
    community = result.measure("community")
    assert len({community[A(f"l{i}")] for i in range(4)}) == 1
    assert len({community[A(f"r{i}")] for i in range(4)}) == 1
    assert community[A("l0")] != community[A("r0")]
    assert result.modularity > 0.3
    assert sum(c["size"] for c in result.communities) == result.nodes


def test_shared_actors(result):
    assert [(s["iri"], s["count"]) for s in result.shared_actors] == [(A("l1"), 2)]


def test_multi_scale_and_worlds_matrices(result):
    levels = result.level_matrix
    idx = {lv: i for i, lv in enumerate(levels["labels"])}
    # l0..l3 in Lille (commune); r0..r3 and the committees in the Nord (département); broker in the région
    assert levels["labels"] == ["region", "departement", "commune"]
    assert levels["counts"][idx["commune"]][idx["commune"]] == 6  # left clique
    assert levels["counts"][idx["departement"]][idx["departement"]] == 7  # right clique + r1 in c2
    assert levels["counts"][idx["commune"]][idx["departement"]] == 2  # l1 in c1 and c2
    assert levels["counts"][idx["region"]][idx["commune"]] == 1
    assert levels["counts"][idx["region"]][idx["departement"]] == 1
    assert levels["counts"] == [list(row) for row in zip(*levels["counts"])]  # symmetric
    worlds = result.world_matrix
    w = {x: i for i, x in enumerate(worlds["labels"])}
    assert worlds["counts"][w["social"]][w["economie"]] == 1
    assert worlds["counts"][w["economie"]][w["economie"]] == 6


def test_state_at_a_date(store):
    before = network_at(store, dt.date(2018, 6, 1))
    assert not before.has_edge(A("broker"), A("r0")) and before.has_edge(A("broker"), A("l0"))
    during = network_at(store, dt.date(2020, 1, 1))
    assert during.has_edge(A("broker"), A("r0"))
    after = analyse(store, at=dt.date(2021, 6, 1), use_cache=False)
    assert after.at == "2021-06-01"
    assert after.measure("betweenness")[A("broker")] < analyse(store, at="2020-01-01",
                                                               use_cache=False).measure("betweenness")[A("broker")]
    # memberships too: l1 sits on both committees only from 2019
    assert analyse(store, at="2018-10-01", use_cache=False).shared_actors == []


def test_json_round_trip(result):
    from kg.analysis import AnalysisResult

    data = json.loads(json.dumps(result.to_dict()))
    assert data["sampled"] == [] and data["nodes"] == result.nodes
    assert AnalysisResult.from_dict(data) == result


def test_sampling_is_stated_above_the_threshold(store, monkeypatch):
    monkeypatch.setattr(centrality, "EXACT_BETWEENNESS_MAX_NODES", 5)
    monkeypatch.setattr(centrality, "EXACT_CLOSENESS_MAX_NODES", 5)
    r = analyse(store, use_cache=False)
    assert r.methods["betweenness"]["method"] == "sampled" and r.methods["closeness"]["method"] == "cutoff"
    assert r.sampled == ["betweenness", "closeness"]
    assert "estimée" in r.methods["betweenness"]["fr"] and "estimated" in r.methods["betweenness"]["en"]
    # fewer nodes than BETWEENNESS_SOURCES: every node is a source and the estimate is exact
    assert r.methods["betweenness"]["sources"] == r.nodes < centrality.BETWEENNESS_SOURCES
    exact = nx.betweenness_centrality(actor_network(store), normalized=True)
    assert r.measure("betweenness") == pytest.approx(exact, abs=1e-6)
    monkeypatch.setattr(centrality, "BETWEENNESS_SOURCES", 4)
    monkeypatch.setattr(centrality, "CUTOFF_CLOSENESS_MAX_NODES", 5)
    r = analyse(store, use_cache=False)
    assert r.methods["betweenness"]["sources"] == 4 and r.methods["closeness"]["method"] == "sampled"


def test_cache_by_store_version(tmp_path):
    cache.clear_memory()
    folder = tmp_path / "store"
    b = two_clusters()
    store = b.disk_store(folder)
    first = analyse(store)
    assert not first.from_cache
    files = list((folder / "cache").glob("analysis--*.derived"))
    assert len(files) == 1 and store.version in files[0].name
    cache.clear_memory()  # a new process: read back from disk
    again = analyse(type(store).open(folder))
    assert again.from_cache and again == first
    b.actor("nouveau", "Nouvel acteur", ["elus"], None)
    write_sources(folder, [b.source()], fresh=True)
    newer = type(store).open(folder)
    assert newer.version != store.version
    fresh = analyse(newer)
    assert not fresh.from_cache and fresh.nodes == first.nodes + 1
    names = [p.name for p in (folder / "cache").glob("analysis--*.derived")]
    assert len(names) == 1 and newer.version in names[0]


def test_empty_store():
    from kg.store import Store

    r = analyse(Store.in_memory(), use_cache=False)
    assert (r.nodes, r.edges, r.communities, r.shared_actors) == (0, 0, [], [])


def test_undated_links_are_kept_and_weights_recomputed():
    b = Builder()
    t = b.france()
    parent = b.actor("cd59", "Département du Nord", ["collectivite-departement"], t["nord"])
    service = b.actor("service", "Service social départemental", ["collectivite-departement"], t["nord"],
                      part_of=parent)
    b.partner(parent, service, start="2018-01-01", end="2018-12-31")
    store = b.store()
    whole = network_at(store, None)
    assert whole.edges[A("cd59"), A("service")]["weight"] == 2
    later = network_at(store, dt.date(2020, 1, 1))
    edge = later.edges[A("cd59"), A("service")]
    assert edge["weight"] == 1 and edge["kinds"] == ["sub-organisation"] and edge["relations"] == []


def _comparable(result) -> str:
    """The result as the cache writes it (JSON: 2 and 2.0 differ), without its time stamps."""
    d = result.to_dict()
    for key in ("computed_at", "timings", "from_cache"):
        d.pop(key, None)
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


def _networkx_result(store, monkeypatch, **kw):
    """``analyse`` through the networkx graph (its path for a store without a read model)."""
    import kg.analysis

    with monkeypatch.context() as m:
        m.setattr(kg.analysis, "model_for", lambda store: None)
        return analyse(store, use_cache=False, **kw)


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory):
    """A generated graph of 2,000 actors, some relations expected (not observed), in a store on disk."""
    from tests.kg.analysis.biggraph import lines
    from kg.sources import Source

    expected = "<https://w3id.org/ancrage/concept/statement-status/attendu>"
    nt = list(lines(2_000, 12_000, seed=3))
    flows = sorted({x.split()[0] for x in nt if "InformationFlow" in x})[::3]
    nt += [f"{f} <https://w3id.org/ancrage/def#statementStatus> {expected} ." for f in flows]
    folder = tmp_path_factory.mktemp("synthetic")
    write_sources(folder, [Source.from_ntriples("syn", "Graphe généré", nt)], fresh=True)
    from kg.store import Store

    return Store.open(folder)


@pytest.mark.parametrize("which", ["two clusters", "seed", "synthetic"])
def test_result_from_the_model_arrays_equals_the_networkx_one(which, store, seed_store, synthetic_store,
                                                               monkeypatch):
    """Without a date, ``analyse`` reads the read model's arrays; the result is the one the
    networkx actor network gives (every measure, label, community, matrix)."""
    chosen = {"two clusters": store, "seed": seed_store, "synthetic": synthetic_store}[which]
    if which == "synthetic":  # the sampled estimators, which take the model's edge array
        monkeypatch.setattr(centrality, "EXACT_BETWEENNESS_MAX_NODES", 500)
        monkeypatch.setattr(centrality, "EXACT_CLOSENESS_MAX_NODES", 500)
        monkeypatch.setattr(centrality, "CUTOFF_CLOSENESS_MAX_NODES", 1_000)
        monkeypatch.setattr(centrality, "BETWEENNESS_SOURCES", 40)
    from_arrays = analyse(chosen, use_cache=False)
    from_networkx = _networkx_result(chosen, monkeypatch)
    assert from_arrays.edges > 0 and from_arrays.level_matrix["counts"]
    if which == "synthetic":
        assert from_arrays.methods["betweenness"]["method"] == "sampled"
        assert from_arrays.methods["closeness"]["method"] == "sampled"
        g = actor_network(chosen)
        assert from_arrays.edges < g.number_of_edges()  # the expected flows are left out
    assert _comparable(from_arrays) == _comparable(from_networkx)
