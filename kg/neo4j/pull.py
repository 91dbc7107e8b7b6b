"""Pull the Ancrage subgraph of a Neo4j database back into RDF.

Reads every ``:Ancrage`` node and every relationship between two of them, and rebuilds the
triples with the side table (:class:`kg.neo4j.translate.Schema`) the push stored: labels → classes,
property keys → (predicate, datatype, language), relationship types → predicates. Triples go to
the named graph given by ``sourceGraph`` (nodes: their labels and properties; relationships: their
own). A push then a pull gives back a graph isomorphic to the store's (``rdflib.compare``), with
these documented differences:

* lexical forms come back canonical (``"0.50"^^xsd:decimal`` → ``"0.5"``; decimals travel as
  floats, so a decimal with more than 15–17 significant digits is rounded);
* in the dataset (not the union graph), a node's labels and properties go to *one* graph, its
  ``sourceGraph``, even when several sources described it; a triple present in several graphs
  comes back once;
* labels, properties and relationship types that Ancrage did not write (a user's additions to
  Ancrage nodes) are skipped and counted in :attr:`PullResult.ignored`.

>>> result = PullResult()
>>> result.add(("https://ex.org/a", "https://ex.org/p", "https://ex.org/b"), None)
>>> len(result.graph())
1
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import URIRef

from ..errors import AncrageError
from ..mapping import MARKER, SOURCE_KEY, URI_KEY
from .connection import Neo4jConnection
from .translate import META_ID, META_LABEL, RDF_TYPE, Schema, rdf_node, rdf_values

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
           ".nq": "nquads", ".rdf": "xml", ".xml": "xml"}
DATASET_FORMATS = {"trig", "nquads"}


@dataclass
class PullResult:
    """Triples by named graph (``None``: the default graph) and what was skipped."""

    quads: dict = field(default_factory=lambda: defaultdict(set))
    nodes: int = 0
    relationships: int = 0
    ignored: Counter = field(default_factory=Counter)
    status: str | None = None

    def add(self, triple, graph: str | None) -> None:
        s, p, o = triple
        # plain str = a node's uri; rdflib terms (Literal is a str too) are kept as they are
        self.quads[graph].add((rdf_node(s) if type(s) is str else s, URIRef(p),
                               rdf_node(o) if type(o) is str else o))

    @property
    def triples(self) -> int:
        return sum(len(t) for t in self.quads.values())

    def graph(self):
        """The union of every graph as an ``rdflib.Graph``."""
        import rdflib

        from ..namespaces import PREFIXES

        g = rdflib.Graph()
        for prefix, iri in PREFIXES.items():
            g.bind(prefix, iri)
        for triples in self.quads.values():
            for t in triples:
                g.add(t)
        return g

    def dataset(self):
        """The named graphs as an ``rdflib.Dataset``."""
        import rdflib

        ds = rdflib.Dataset()
        for name, triples in self.quads.items():
            target = ds.default_graph if name is None else ds.graph(rdflib.URIRef(name))
            for t in triples:
                target.add(t)
        return ds


def pull(conn: Neo4jConnection, *, progress: Callable[[str, int, int], None] | None = None) -> PullResult:
    """Read the Ancrage subgraph of ``conn``'s database into a :class:`PullResult`."""
    def meta(tx):
        record = tx.run(f"MATCH (m:`{META_LABEL}` {{id: $id}}) RETURN m.schema AS schema, m.status AS status",
                        id=META_ID).single()
        return (record["schema"], record["status"]) if record else (None, None)

    schema_json, status = conn.read(meta)
    if schema_json is None:
        raise AncrageError(f"aucune donnée Ancrage dans la base {conn.database!r} de {conn.uri} (pas de nœud "
                           f":{META_LABEL}) : lancez d'abord 'ancrage neo4j push' / no Ancrage data in database "
                           f"{conn.database!r} at {conn.uri} (no :{META_LABEL} node): run 'ancrage neo4j push' first")
    schema = Schema.from_json(schema_json)
    result = PullResult(status=status)

    def read_nodes(tx):
        result.quads.clear()
        result.ignored.clear()
        result.nodes = 0
        records = tx.run(f"MATCH (n:`{MARKER}`) RETURN n.uri AS uri, labels(n) AS labels, properties(n) AS props")
        for record in records:
            uri = record["uri"]
            if uri is None:
                result.ignored["node without uri"] += 1
                continue
            props = record["props"]
            graph = props.get(SOURCE_KEY)
            for label in record["labels"]:
                if label == MARKER:
                    continue
                cls = schema.labels.get(label)
                if cls is None:
                    result.ignored[f"label {label}"] += 1
                else:
                    result.add((uri, RDF_TYPE, rdf_node(cls)), graph)
            for key, value in props.items():
                if key in (URI_KEY, SOURCE_KEY):
                    continue
                column = schema.columns.get(key)
                if column is None:
                    result.ignored[f"property {key}"] += 1
                    continue
                for term in rdf_values(value, column):
                    result.add((uri, column.predicate, term), graph)
            result.nodes += 1
            if progress and result.nodes % 5_000 == 0:
                progress("nodes", result.nodes, 0)

    def read_rels(tx):
        result.relationships = 0
        records = tx.run(f"MATCH (a:`{MARKER}`)-[r]->(b:`{MARKER}`) "
                         f"RETURN a.uri AS s, type(r) AS type, r.{SOURCE_KEY} AS g, b.uri AS o")
        rels = []
        for record in records:
            predicate = schema.types.get(record["type"])
            if predicate is None or record["s"] is None or record["o"] is None:
                result.ignored[f"relationship {record['type']}"] += 1
                continue
            rels.append(((record["s"], predicate, record["o"]), record["g"]))
        return rels

    conn.read(read_nodes)
    rels = conn.read(read_rels)
    for triple, graph in rels:
        result.add(triple, graph)
        result.relationships += 1
    if progress:
        progress("relationships", result.relationships, result.relationships)
    return result


def write(result: PullResult, dest: str | Path, fmt: str | None = None) -> Path:
    """Write a pull to a file; the format follows the extension (``.trig``/``.nq`` keep the graphs)."""
    dest = Path(dest)
    fmt = fmt or FORMATS.get(dest.suffix.lower())
    if fmt is None:
        raise AncrageError(f"{dest}: extension inconnue / unknown extension {dest.suffix!r}; "
                           f"expected one of {', '.join(sorted(FORMATS))}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    data = result.dataset() if fmt in DATASET_FORMATS else result.graph()
    data.serialize(destination=str(dest), format=fmt, encoding="utf-8")
    return dest


__all__ = ["pull", "write", "PullResult", "FORMATS"]
