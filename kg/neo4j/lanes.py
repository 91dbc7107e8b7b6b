"""Split relationship rows into lanes that several writers can run side by side.

Creating a relationship makes Neo4j lock both of its end nodes until the transaction commits. Two
writers whose batches share a node therefore wait for each other, and they can deadlock; the
driver retries a deadlock, but only after a pause of a second. A push writes each relationship
type in **layers**, one after the other. Within a layer the rows are split into **lanes** that
share no node, and the lanes run side by side.

* The *low* side of a type is the side whose nodes carry the fewest rows each (the partnership in
  ``partnership -PARTICIPANT-> actor``). Layer *i* holds the *i*-th row of every low-side node, so
  that within a layer each low-side node appears once.
* Within a layer the rows are grouped by their *high*-side node (a star around a hub), and whole
  stars are dealt to the lanes, largest first, each to the lane with the fewest rows so far.
* A type with a node on both sides (a territory within a territory) has no such split: it runs as
  one lane.

Lanes only decide what may run at the same time; every row is still written once, by an
idempotent ``MERGE``, so the result does not depend on the plan.

>>> rows = [{"s": "p1", "o": "a"}, {"s": "p1", "o": "b"}, {"s": "p2", "o": "a"}, {"s": "p3", "o": "c"}]
>>> [[[(r["s"], r["o"]) for r in lane] for lane in layer] for layer in plan_lanes(rows, 2)]
[[[('p1', 'a'), ('p2', 'a')], [('p3', 'c')]], [[('p1', 'b')]]]
>>> plan_lanes(rows, 1) == [[rows]]
True
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from operator import itemgetter

Lane = list
Layer = list


def plan_lanes(rows: list[dict], workers: int) -> list[Layer]:
    """Layers (run one after the other) of at most ``workers`` lanes (run side by side) that
    share no node; ``rows`` are relationship rows with ``"s"`` and ``"o"`` keys."""
    if workers < 2 or len(rows) < 2:
        return [[rows]] if rows else []
    starts, ends = Counter(map(itemgetter("s"), rows)), Counter(map(itemgetter("o"), rows))
    if starts.keys() & ends.keys():
        return [[rows]]
    low_counts, high = (starts, "o") if max(starts.values()) <= max(ends.values()) else (ends, "s")
    low = "s" if high == "o" else "o"
    layers: list[defaultdict] = [defaultdict(list) for _ in range(max(low_counts.values()))]
    if len(layers) == 1:  # the common case, one row per low-side node: no depth to count
        stars = layers[0]
        for row in rows:
            stars[row[high]].append(row)
    else:
        depth_of: Counter = Counter()
        for row in rows:
            node = row[low]
            layers[depth_of[node]][row[high]].append(row)
            depth_of[node] += 1
    return [_deal(list(stars.values()), workers) for stars in layers]


def _deal(stars: list[list], workers: int) -> Layer:
    """Whole stars to ``workers`` lanes, largest first, each to the lightest lane."""
    lanes: list[Lane] = [[] for _ in range(min(workers, len(stars)))]
    heap = [(0, i) for i in range(len(lanes))]
    for star in sorted(stars, key=len, reverse=True):
        size, i = heapq.heappop(heap)
        lanes[i].extend(star)
        heapq.heappush(heap, (size + len(star), i))
    return lanes


__all__ = ["plan_lanes"]
