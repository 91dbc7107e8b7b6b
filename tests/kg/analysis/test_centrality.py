"""The betweenness estimator used above the exact threshold, checked against igraph's exact and
cut-off betweenness on generated graphs (no mocks: the reference is igraph's own computation)."""

from __future__ import annotations

import random

import igraph as ig
import numpy as np
import pytest

from kg.analysis import centrality
from kg.analysis.centrality import betweenness, cutoff2_betweenness, estimated_betweenness


def _graphs():
    """Generated graphs with hubs, cycles, leaves, isolated nodes and several components."""
    ba = ig.Graph.Barabasi(400, 2)
    er = ig.Graph.Erdos_Renyi(300, 0.012)   # several components and isolated nodes
    two = ig.Graph.Barabasi(150, 3) + ig.Graph.Ring(40)
    two.add_vertices(3)
    grid = ig.Graph.Lattice([9, 7], circular=False)
    return {"barabasi": ba, "erdos-renyi": er, "two components": two, "grid": grid}


def _top(values, k=20) -> set[int]:
    return set(np.lexsort((np.arange(len(values)), -np.asarray(values)))[:k].tolist())


@pytest.mark.parametrize("name", list(_graphs()))
@pytest.mark.parametrize("block", [1, 97, None])
def test_cutoff2_closed_form_equals_igraph_cutoff2(name, block):
    g = _graphs()[name]
    mine = cutoff2_betweenness(g.vcount(), g.get_edgelist(), wedges_per_block=block)
    assert mine == pytest.approx(g.betweenness(directed=False, cutoff=2), abs=1e-9)


def test_cutoff2_ignores_loops_and_repeated_edges():
    edges = [(0, 1), (1, 2), (2, 3), (3, 0), (3, 4)]
    plain = cutoff2_betweenness(5, edges)
    assert cutoff2_betweenness(5, edges + [(1, 0), (2, 2), (3, 4)]).tolist() == plain.tolist()


@pytest.mark.parametrize("name", list(_graphs()))
def test_estimate_with_every_source_is_exact_betweenness(name):
    g = _graphs()[name]
    values, sources = estimated_betweenness(g.vcount(), g.get_edgelist(), sources=range(g.vcount()))
    assert sources == list(range(g.vcount()))
    assert values == pytest.approx(g.betweenness(directed=False), abs=1e-7)


def test_estimate_is_unbiased_over_a_partition_of_the_sources():
    """Averaged over disjoint samples that cover every node once, the n/k scaling gives back
    exact betweenness: each sample is an unbiased estimate, not just the full one."""
    g = ig.Graph.Barabasi(360, 2)
    n, edges = g.vcount(), g.get_edgelist()
    order = list(range(n))
    random.Random(3).shuffle(order)
    parts = [order[i:i + 40] for i in range(0, n, 40)]
    mean = np.mean([estimated_betweenness(n, edges, sources=p)[0] for p in parts], axis=0)
    assert mean == pytest.approx(g.betweenness(directed=False), abs=1e-6)
    single = estimated_betweenness(n, edges, sources=parts[0])[0]
    assert not np.allclose(single, g.betweenness(directed=False))  # one sample is an estimate


def test_estimate_is_deterministic_for_a_seed():
    g = ig.Graph.Barabasi(2000, 2)
    n, edges = g.vcount(), g.get_edgelist()
    a, sources_a = estimated_betweenness(n, edges, k=50, seed=7)
    b, sources_b = estimated_betweenness(n, edges, k=50, seed=7)
    c, sources_c = estimated_betweenness(n, edges, k=50, seed=8)
    assert sources_a == sources_b and a.tolist() == b.tolist()
    assert len(sources_a) == 50 and sources_a == sorted(set(sources_a))
    assert sources_c != sources_a and c.tolist() != a.tolist()


def test_estimate_agrees_with_exact_on_the_top_20_for_several_seeds():
    """On a heavy-tailed graph plain sampling of 300 sources misses several of the exact top 20;
    this estimator keeps at least 18 whatever the seed."""
    g = ig.Graph.Barabasi(3000, 2)
    n, edges = g.vcount(), g.get_edgelist()
    exact = _top(g.betweenness(directed=False))
    for seed in (42, 1, 2):
        values, _ = estimated_betweenness(n, edges, k=centrality.BETWEENNESS_SOURCES, seed=seed)
        assert len(exact & _top(values)) >= 18, seed


def _communities_and_broker(groups=8, size=120):
    """``groups`` dense random communities; the last node, a broker, is the only link between them."""
    g = ig.Graph()
    for i in range(groups):
        g += ig.Graph.Barabasi(size, 3)
    broker = g.vcount()
    g.add_vertices(1)
    g.add_edges([(broker, i * size + j) for i in range(groups) for j in range(3)])
    return g, broker


def test_betweenness_above_the_threshold_ranks_the_broker_first_and_states_its_method(monkeypatch):
    g, broker = _communities_and_broker()
    exact = g.betweenness(directed=False)
    assert max(range(g.vcount()), key=exact.__getitem__) == broker
    monkeypatch.setattr(centrality, "EXACT_BETWEENNESS_MAX_NODES", 100)
    monkeypatch.setattr(centrality, "BETWEENNESS_SOURCES", 60)
    values, method = betweenness(g, seed=5)
    assert max(range(g.vcount()), key=values.__getitem__) == broker
    assert method["method"] == "sampled" and method["sampled"] is True
    assert method["sources"] == 60 and method["seed"] == 5
    expected = {"fr": ("distance 2", "60 sources", "graine 5", "sans biais"),
                "en": ("distance 2", "60 random sources", "seed 5", "unbiased")}
    for lang, words in expected.items():
        for word in words:
            assert word in method[lang], (lang, word)
    # normalised as networkx does: 2 / ((n-1)(n-2)), so the broker's share is below 1
    assert 0 < values[broker] < 1
    again, _ = betweenness(g, seed=5)
    assert again == values


def test_betweenness_is_exact_up_to_the_threshold():
    g, _ = _communities_and_broker(groups=3, size=40)
    values, method = betweenness(g)
    n = g.vcount()
    assert method["method"] == "exact" and method["sampled"] is False
    assert values == pytest.approx([v * 2 / ((n - 1) * (n - 2)) for v in g.betweenness()], abs=1e-8)


@pytest.mark.parametrize("name", list(_graphs()))
def test_bfs_distances_equal_igraph_distances(name):
    g = _graphs()[name]
    sources = random.Random(1).sample(range(g.vcount()), 10)
    got = centrality.bfs_distances(g.vcount(), g.get_edgelist(), sources)
    assert got.tolist() == np.asarray(g.distances(source=sources), dtype=float).tolist()


def test_sampled_closeness_with_or_without_the_edge_array():
    g = _graphs()["two components"]
    edges = np.asarray(g.get_edgelist())
    assert centrality._sampled_closeness(g) == centrality._sampled_closeness(g, edges=edges)
