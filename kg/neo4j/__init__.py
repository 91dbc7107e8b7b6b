"""Neo4j for Ancrage: push the RDF dataset as a property graph, pull it back, query it read-only.

* :mod:`kg.neo4j.connection` — settings → driver, with clear messages for a wrong password or a
  server that is down (:class:`Neo4jUnavailable`);
* :mod:`kg.neo4j.translate` — RDF quads ↔ node and relationship rows, following
  :mod:`kg.mapping`, with the side table (:class:`Schema`) that makes a pull faithful;
* :mod:`kg.neo4j.push` — constraints first, then batched ``UNWIND … MERGE``; idempotent;
  touches only ``:Ancrage`` nodes (and the ``:AncrageMeta`` side table);
* :mod:`kg.neo4j.pull` — the Ancrage subgraph back into RDF;
* :mod:`kg.neo4j.cypher` — the read-only Cypher runner and the named queries' Cypher twins;
* :mod:`kg.neo4j.csv_export` — the CSV files of ``neo4j-admin database import``.

The test suite runs all of it against a real Neo4j 5.26 (``tools/neo4j-server``); see
``docs/neo4j.md``.
"""

from __future__ import annotations

from .connection import Neo4jConnection, Neo4jUnavailable, connect, connect_from_settings

__all__ = ["Neo4jConnection", "Neo4jUnavailable", "connect", "connect_from_settings"]
