"""Lanes of a push (kg.neo4j.lanes) and the writers that run them (kg.neo4j.push.run_lanes).

The lanes decide which relationship batches may run at the same time: they must never let two
running batches share a node, and never lose or repeat a row. The Neo4j tests (tests/kg/neo4j) push
through two writers by default; here the planning and the scheduling are checked on their own.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter

import pytest

from kg.neo4j.lanes import plan_lanes
from kg.neo4j.push import run_lanes


def _rows(pairs):
    return [{"s": s, "o": o, "props": {}} for s, o in pairs]


def _partnerships(n_partnerships=3_000, n_actors=400, seed=7):
    """partnership -PARTICIPANT-> actor rows, two or three actors each, hubs included."""
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(n_actors)]  # a few actors take part in many partnerships
    pairs = []
    for p in range(n_partnerships):
        for a in set(rng.choices(range(n_actors), weights, k=rng.choice((2, 3)))):
            pairs.append((f"p{p}", f"a{a}"))
    return _rows(pairs)


def _nodes(lane):
    return {row["s"] for row in lane} | {row["o"] for row in lane}


@pytest.mark.parametrize("workers", [2, 3, 5])
def test_every_row_is_planned_once_and_running_lanes_share_no_node(workers):
    rows = _partnerships()
    plan = plan_lanes(rows, workers)
    planned = [row for layer in plan for lane in layer for row in lane]
    assert sorted(map(id, planned)) == sorted(map(id, rows))
    for layer in plan:
        assert 1 <= len(layer) <= workers
        lanes_of_node = Counter(node for lane in layer for node in _nodes(lane))
        assert max(lanes_of_node.values()) == 1  # a node may repeat inside its own lane only
        # in a layer, each partnership (the side with fewer rows per node) appears once
        starts = Counter(row["s"] for lane in layer for row in lane)
        assert max(starts.values()) == 1


def test_layers_follow_the_side_with_fewer_rows_per_node():
    # three partnerships of one actor: the actor is the hub, the partnerships give the layers
    rows = _rows([("p1", "hub"), ("p2", "hub"), ("p3", "hub"), ("p1", "other")])
    plan = plan_lanes(rows, 2)
    assert [sorted(len(lane) for lane in layer) for layer in plan] == [[3], [1]]
    # the same rows the other way round: the hub is the start node now
    flipped = _rows([(o, s) for s, o in [("p1", "hub"), ("p2", "hub"), ("p3", "hub"), ("p1", "other")]])
    assert [sorted(len(lane) for lane in layer) for layer in plan_lanes(flipped, 2)] == [[3], [1]]


def test_stars_are_dealt_to_the_lightest_lane():
    sizes = {"a": 6, "b": 4, "c": 3, "d": 3}
    rows = _rows([(f"{hub}-{i}", hub) for hub, n in sizes.items() for i in range(n)])
    (layer,) = plan_lanes(rows, 2)
    # largest first: a -> lane 1, b -> lane 2, c -> lane 2 (4 < 6), d -> lane 1 (6 < 7)
    assert {frozenset(r["o"] for r in lane) for lane in layer} == {frozenset("ad"), frozenset("bc")}
    assert sorted(len(lane) for lane in layer) == [7, 9]


def test_a_type_with_a_node_on_both_sides_runs_as_one_lane():
    rows = _rows([("commune", "departement"), ("departement", "region"), ("commune-2", "departement")])
    assert plan_lanes(rows, 4) == [[rows]]


def test_one_writer_or_one_row_gives_one_lane():
    rows = _partnerships(50, 10)
    assert plan_lanes(rows, 1) == [[rows]]
    assert plan_lanes(rows[:1], 4) == [[rows[:1]]]
    assert plan_lanes([], 4) == []


class _Recorder:
    """Stands in for a connection: records the batches, optionally slow or failing on one statement."""

    def __init__(self, fail_on=None, pause=0.0):
        self.fail_on, self.pause = fail_on, pause
        self.batches, self.threads = [], set()
        self.lock = threading.Lock()

    def write(self, work, statement, params, idempotent=False):
        assert idempotent  # a push's batches are MERGEs: safe to run again after a lost commit
        if statement == self.fail_on:
            raise RuntimeError("boom")
        time.sleep(self.pause)
        with self.lock:
            self.batches.append((statement, params["rows"]))
            self.threads.add(threading.current_thread().name)


def test_run_lanes_runs_every_batch_in_lane_order_on_several_threads():
    conn = _Recorder(pause=0.01)
    lanes = [[("A", [i, i]) for i in range(5)], [("B", [i]) for i in range(5)], [("C", [0, 1, 2])]]
    counted = []
    run_lanes(conn, lanes, 2, counted.append)
    assert sorted(counted) == sorted([2] * 5 + [1] * 5 + [3])
    for name in "ABC":
        assert [rows for st, rows in conn.batches if st == name] == [rows for st, rows in
                                                                      next(l for l in lanes if l[0][0] == name)]
    assert len(conn.threads) == 2


def test_run_lanes_with_one_writer_stays_in_this_thread():
    conn = _Recorder()
    run_lanes(conn, [[("A", [1])], [("B", [2])]], 1, lambda n: None)
    assert conn.threads == {threading.current_thread().name}


def test_the_first_error_stops_the_other_lanes_and_is_raised():
    conn = _Recorder(fail_on="bad", pause=0.05)
    lanes = [[("bad", [0])], [("slow", [i]) for i in range(100)]]
    with pytest.raises(RuntimeError, match="boom"):
        run_lanes(conn, lanes, 2, lambda n: None)
    assert len(conn.batches) < 20  # the slow lane stopped long before its 100 batches (5 s)
