"""The store read in chunks for a push: the same rows as :func:`kg.neo4j.translate.extract`, in bounded memory.

A national store (6.7 M triples) held whole as rows takes 6 GB in the client; read this way the
client holds one chunk of rows at a time plus a few numbers per node.

* **Plan** (one pass over the quads, named graph after named graph): the columns, classes and link
  predicates that fix the :class:`~kg.neo4j.translate.Schema`, and 64-bit hashes of every subject
  and every link object, from which come the few subjects described in more than one graph and
  the few nodes that are only ever objects (with the smallest graph that references them).
* **Chunks.** In each named graph (IRI order, then the default graph) Oxigraph gives the quads of
  a subject together. A subject found in one graph is translated from those quads alone; one
  found in several is read whole (every graph) where it first appears, and skipped elsewhere.
  Node rows come in chunks of ``chunk_rows`` (pass 1), relationship rows likewise (pass 2), so
  every node exists before a relationship is matched to it.
* **The same order every time**: for one store version and one ``chunk_rows`` the chunks are the
  same, which lets a push resume after its last written chunk (:mod:`kg.neo4j.push`).

A store without an Oxigraph handle (a SPARQL server) is extracted whole, then cut into the same
chunks.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterator

import numpy as np
import pyoxigraph as ox

from ..errors import StoreError
from ..mapping import IRI_AS_PROPERTY, SOURCE_KEY
from ..read.quads import graph_quads, has_default_graph_quads, named_graph_iris, subject_quads
from .translate import IRI, RDF_TYPE, GraphRows, Schema, _term_key, assign_schema, extract, node_row

#: ``progress(done, total)`` while the plan pass reads quads.
PlanProgress = Callable[[int, int], None]


@dataclass
class Chunk:
    """Rows of one chunk: node rows by label set, relationship rows by type."""

    nodes: dict = field(default_factory=lambda: defaultdict(list))
    rels: dict = field(default_factory=lambda: defaultdict(list))
    size: int = 0

    def as_rows(self, schema: Schema) -> GraphRows:
        return GraphRows(schema, dict(self.nodes), dict(self.rels))


@dataclass
class Plan:
    """What the chunked passes need to know of the whole store (small: no row is held)."""

    schema: Schema
    graphs: list  # named graph IRIs in IRI order, then None for a non-empty default graph
    multi: dict  # subject hash -> index of the first graph (of ``graphs``) that describes it
    object_only: dict  # object hash -> index of the first graph that references it
    nodes: int = 0
    relationships: int = 0  # link quads: the relationships, counting once per graph a link is in
    quads: int = 0


def _subject_groups(store, g) -> Iterator[tuple]:
    """``(subject key, quads)`` of one graph, a subject's quads together (Oxigraph's GSPO order)."""
    current, group = None, []
    try:
        for quad in graph_quads(store, g):
            s, o = quad.subject, quad.object
            if isinstance(s, ox.Triple) or isinstance(o, ox.Triple):
                continue  # RDF-star quoted triples are not part of the model
            if s != current:
                if group:
                    yield _term_key(current), group
                current, group = s, []
            group.append(quad)
    except OSError as err:
        raise StoreError(f"cannot read the store: {err}") from err
    if group:
        yield _term_key(current), group


def _is_link(predicate: str, obj) -> bool:
    return not isinstance(obj, ox.Literal) and predicate != RDF_TYPE and predicate not in IRI_AS_PROPERTY


def make_plan(store, schema: Schema | None = None, graph=None, progress: PlanProgress | None = None) -> Plan:
    """Read the store once: the schema (``schema`` extended in place), multi-graph subjects, object-only nodes."""
    schema = schema if schema is not None else Schema()
    if graph is not None:
        graphs = [str(graph)]
    else:
        graphs = named_graph_iris(store)
        if has_default_graph_quads(store):
            graphs.append(None)  # extract() ranks the default graph after every named graph
    idents, classes, predicates = set(), set(), set()
    subjects, subject_graph = array("q"), array("b")
    objects, object_graph = array("q"), array("b")
    iri_props = IRI_AS_PROPERTY
    quads = 0
    for index, g in enumerate(graphs):
        for key, group in _subject_groups(store, g):
            subjects.append(hash(key))
            subject_graph.append(index)
            for quad in group:
                p, o = quad.predicate.value, quad.object
                if isinstance(o, ox.Literal):
                    lang = o.language or None
                    idents.add((p, None if lang else o.datatype.value, lang))
                elif p == RDF_TYPE:
                    classes.add(_term_key(o))
                elif p in iri_props:
                    idents.add((p, IRI, None))
                else:
                    predicates.add(p)
                    objects.append(hash(_term_key(o)))
                    object_graph.append(index)
            quads += len(group)
            if progress and len(subjects) % 20_000 == 0:
                progress(quads, 0)
    assign_schema(schema, idents, classes, predicates)
    subj = np.frombuffer(subjects, dtype=np.int64) if subjects else np.zeros(0, np.int64)
    subj_g = np.frombuffer(subject_graph, dtype=np.int8) if subject_graph else np.zeros(0, np.int8)
    unique, first, counts = np.unique(subj, return_index=True, return_counts=True)
    multi = dict(zip(unique[counts > 1].tolist(), subj_g[first[counts > 1]].tolist()))
    obj = np.frombuffer(objects, dtype=np.int64) if objects else np.zeros(0, np.int64)
    obj_g = np.frombuffer(object_graph, dtype=np.int8) if object_graph else np.zeros(0, np.int8)
    lonely = ~np.isin(obj, unique)
    object_only: dict = {}
    for h, gi in zip(obj[lonely].tolist(), obj_g[lonely].tolist()):
        if h not in object_only or gi < object_only[h]:
            object_only[h] = gi
    return Plan(schema, graphs, multi, object_only, nodes=len(unique) + len(object_only),
                relationships=len(obj), quads=quads)


def _parts(quads, graphs: list, gindex: dict):
    """Classes, literals and links ``{(p, o): graph}`` (smallest graph) of one subject's quads."""
    classes, literals, links = set(), [], {}
    for quad in quads:
        p, o = quad.predicate.value, quad.object
        gn = quad.graph_name
        g = None if isinstance(gn, ox.DefaultGraph) else gn.value
        if isinstance(o, ox.Literal):
            lang = o.language or None
            literals.append((p, None if lang else o.datatype.value, lang, o.value))
        elif isinstance(o, ox.Triple):
            continue
        elif p == RDF_TYPE:
            classes.add(_term_key(o))
        elif p in IRI_AS_PROPERTY:
            literals.append((p, IRI, None, _term_key(o)))
        else:
            key = (p, _term_key(o))
            if key not in links or gindex[g] < gindex[links[key]]:
                links[key] = g
    return classes, literals, links


def _subjects(store, plan: Plan) -> Iterator[tuple]:
    """``(subject key, graph, classes, literals, links)`` of every subject once, in plan order."""
    gindex = {g: i for i, g in enumerate(plan.graphs)}
    for index, g in enumerate(plan.graphs):
        for key, group in _subject_groups(store, g):
            first = plan.multi.get(hash(key))
            if first is not None:
                if first != index:
                    continue  # written where it first appears
                subject = group[0].subject
                group = [q for q in subject_quads(store, subject)
                         if (None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value) in gindex]
            yield (key, g, *_parts(group, plan.graphs, gindex))


def node_chunks(store, plan: Plan, chunk_rows: int) -> Iterator[Chunk]:
    """Every node row (subjects, then the object-only nodes as they are first met), in chunks."""
    schema = plan.schema
    chunk = Chunk()
    seen_lonely: set = set()
    for key, g, classes, literals, links in _subjects(store, plan):
        labels, row, _ = node_row(schema, key, g, classes, literals)
        chunk.nodes[labels].append(row)
        chunk.size += 1
        for _p, o in links:
            h = hash(o)
            if h in plan.object_only and h not in seen_lonely:
                seen_lonely.add(h)
                labels, row, _ = node_row(schema, o, plan.graphs[plan.object_only[h]], (), [])
                chunk.nodes[labels].append(row)
                chunk.size += 1
        if chunk.size >= chunk_rows:
            yield chunk
            chunk = Chunk()
    if chunk.size:
        yield chunk


def rel_chunks(store, plan: Plan, chunk_rows: int) -> Iterator[Chunk]:
    """Every relationship row, in chunks (each subject's links in one chunk)."""
    schema = plan.schema
    chunk = Chunk()
    for key, _g, _classes, _literals, links in _subjects(store, plan):
        for (p, o), lg in links.items():
            chunk.rels[schema.rel_type_for(p)].append({"s": key, "o": o, "props": {SOURCE_KEY: lg} if lg else {}})
            chunk.size += 1
        if chunk.size >= chunk_rows:
            yield chunk
            chunk = Chunk()
    if chunk.size:
        yield chunk


class WholeStore:
    """A store without an Oxigraph handle: extracted whole, then served as the same chunks."""

    def __init__(self, store, schema: Schema, graph=None):
        self.rows = extract(store, schema, graph=graph)
        self.plan = Plan(self.rows.schema, [], {}, {}, nodes=self.rows.node_count,
                         relationships=self.rel_count)

    @property
    def rel_count(self) -> int:
        return self.rows.rel_count

    def node_chunks(self, chunk_rows: int) -> Iterator[Chunk]:
        yield from _cut({labels: rows for labels, rows in self.rows.nodes.items()}, chunk_rows, "nodes")

    def rel_chunks(self, chunk_rows: int) -> Iterator[Chunk]:
        yield from _cut(self.rows.rels, chunk_rows, "rels")


def _cut(groups: dict, chunk_rows: int, kind: str) -> Iterator[Chunk]:
    chunk = Chunk()
    for name in sorted(groups):
        for row in groups[name]:
            getattr(chunk, kind)[name].append(row)
            chunk.size += 1
            if chunk.size >= chunk_rows:
                yield chunk
                chunk = Chunk()
    if chunk.size:
        yield chunk


__all__ = ["Plan", "Chunk", "make_plan", "node_chunks", "rel_chunks", "WholeStore"]
