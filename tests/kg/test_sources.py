"""A source's N-Triples reach the bulk loader in chunks of whole lines of at most CHUNK_BYTES
(kg/sources.py): a loader that yields large blocks does not make large chunks."""

from __future__ import annotations

from kg import sources
from kg.sources import Source


def test_chunks_are_whole_lines_of_at_most_the_chunk_size_whatever_the_loader_yields(monkeypatch):
    monkeypatch.setattr(sources, "CHUNK_BYTES", 100)
    line = "<urn:s:{}> <urn:p> <urn:o> ."
    block = "".join(line.format(f"b{i}") + "\n" for i in range(40)).encode()  # one 1,000-byte block
    long_line = f'<urn:s:long> <urn:p> "{"x" * 300}" .\n'
    items = [line.format(i) for i in range(10)] + [block, long_line] + [line.format(f"z{i}") for i in range(7)]
    chunks = list(Source("t", "T", lambda: items).ntriple_chunks())
    expected = b"".join(i if isinstance(i, bytes) else (i.rstrip("\n") + "\n").encode() for i in items)
    assert b"".join(chunks) == expected
    assert all(c.endswith(b"\n") for c in chunks)
    assert all(len(c) <= 100 or c.count(b"\n") == 1 for c in chunks)
    assert long_line.encode() in chunks and len(chunks) >= len(expected) // 100
