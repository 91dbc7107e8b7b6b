"""A source's N-Triples reach the bulk loader in chunks of whole items of at most CHUNK_BYTES
(kg/sources.py): an item (a blank node's scope) is never split, and a chunk closes before the item
that would make it too large."""

from __future__ import annotations

import itertools

from kg import sources
from kg.sources import Source


def test_chunks_are_whole_items_of_at_most_the_chunk_size(monkeypatch):
    monkeypatch.setattr(sources, "CHUNK_BYTES", 100)
    line = "<urn:s:{}> <urn:p> _:b{} ."  # 25 bytes a line with its newline
    block = "".join(line.format(i, i) + "\n" for i in range(4)).encode()  # 100 bytes: one item
    big = "".join(line.format(f"big{i}", i) + "\n" for i in range(10)).encode()  # larger than a chunk
    items = [line.format(i, i) for i in range(5)] + [block, big] + [line.format(f"z{i}", i) for i in range(7)]
    chunks = list(Source("t", "T", lambda: items).ntriple_chunks())
    encoded = [i if isinstance(i, bytes) else (i + "\n").encode() for i in items]
    assert b"".join(chunks) == b"".join(encoded)
    item_ends = set(itertools.accumulate(len(i) for i in encoded))
    assert set(itertools.accumulate(len(c) for c in chunks)) <= item_ends  # no item cut
    assert big in chunks and all(len(c) <= 100 for c in chunks if c != big)
    # 4 lines (100 bytes); the 5th line, closed before the block; the block; big; 3 + 3 + 1 lines
    assert [len(c) for c in chunks] == [100, 25, 100, 280, 78, 78, 26] and chunks[2] == block
