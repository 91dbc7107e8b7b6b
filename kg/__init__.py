"""Ancrage: a knowledge graph of the actors, scales and territorial intelligence of social work.

The library is laid out by pipeline stage (see docs/ARCHITECTURE.md):
``loaders`` (sources -> N-Triples) -> ``kg.store`` (one named graph per source) ->
``kg.projection`` (networkx, Neo4j, GraphML/GEXF) -> ``kg.analysis``, ``kg.gaps``,
``kg.queries`` -> ``kg.cli`` and ``app.py``.
"""

__version__ = "0.1.0"
