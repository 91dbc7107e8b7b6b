"""The store's quads, read directly: the one place outside :mod:`kg.store` that reaches into an
embedded store's Oxigraph database (``store.oxi``); a remote store is read through its dump.

>>> from kg.store import Store
>>> from kg.sources import Source
>>> nt = ['<https://ex.org/a> <https://ex.org/p> <https://ex.org/b> .']
>>> store = Store.in_memory([Source.from_ntriples("t", "t", nt)])
>>> has_quad_index(store), [q.object.value for q in quads(store) if q.predicate.value == 'https://ex.org/p']
(True, ['https://ex.org/b'])
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..namespaces import PREFIXES

_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def has_quad_index(store) -> bool:
    """Whether ``store`` is an embedded store whose quads can be read without a query."""
    return getattr(store, "oxi", None) is not None


def quads(store, graph=None) -> Iterator[ox.Quad]:
    """Every quad of the store (or of one named graph), from Oxigraph or a remote store's dump."""
    g = None if graph is None else ox.NamedNode(str(graph))
    if has_quad_index(store):
        try:
            yield from store.oxi.quads_for_pattern(None, None, None, g)
        except OSError as err:
            raise StoreError(f"cannot read the store: {err}") from err
        return
    if hasattr(store, "dump"):
        if graph is not None:
            for triple in ox.parse(store.dump(ox.RdfFormat.N_TRIPLES, graph=graph), format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, g)
            return
        yield from ox.parse(store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        return
    raise StoreError(f"cannot read quads from {store!r}: expected an Ancrage store")


def graph_quads(store, graph: str | None) -> Iterator[ox.Quad]:
    """The quads of one graph of an embedded store: a named graph's IRI, or ``None`` for the
    default graph, in Oxigraph's GSPO order (a subject's quads come together)."""
    term = ox.DefaultGraph() if graph is None else ox.NamedNode(str(graph))
    try:
        yield from store.oxi.quads_for_pattern(None, None, None, term)
    except OSError as err:
        raise StoreError(f"cannot read the store: {err}") from err


def subject_quads(store, subject) -> Iterator[ox.Quad]:
    """Every quad of an embedded store whose subject is ``subject`` (an Oxigraph term), in any graph."""
    yield from store.oxi.quads_for_pattern(subject, None, None, None)


def named_graph_iris(store) -> list[str]:
    """The IRIs of an embedded store's named graphs, sorted."""
    return sorted(g.value for g in store.oxi.named_graphs())


def has_default_graph_quads(store) -> bool:
    """Whether an embedded store's default graph holds any quad."""
    return next(iter(store.oxi.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def write_rdf(store, fmt: ox.RdfFormat, dest: Path, graph=None, dataset: bool = False) -> None:
    """Write the union of the named graphs (or one graph, or with ``dataset`` every named graph)
    in ``fmt`` with Oxigraph's serialisers; Turtle and TriG with the project's prefixes."""
    oxi = store.oxi
    if dataset and graph is None:
        data = oxi.dump(format=fmt, prefixes=PREFIXES) if fmt != ox.RdfFormat.N_QUADS else oxi.dump(format=fmt)
        Path(dest).write_bytes(data)
        return
    if graph is not None:
        kwargs = {"prefixes": PREFIXES} if fmt == ox.RdfFormat.TURTLE else {}
        Path(dest).write_bytes(oxi.dump(format=fmt, from_graph=ox.NamedNode(str(graph)), **kwargs))
        return
    union = oxi.query(_UNION, use_default_graph_as_union=True)
    if fmt == ox.RdfFormat.TURTLE:
        # Turtle with the project's prefixes: go through a scratch in-memory store, whose
        # dump (unlike a query result) takes prefixes.
        scratch = ox.Store()
        scratch.bulk_load(union.serialize(format=ox.RdfFormat.N_TRIPLES) or b"", format=ox.RdfFormat.N_TRIPLES)
        Path(dest).write_bytes(scratch.dump(format=fmt, from_graph=ox.DefaultGraph(), prefixes=PREFIXES))
        return
    with open(dest, "wb") as fh:
        union.serialize(fh, format=fmt)


__all__ = ["graph_quads", "has_default_graph_quads", "has_quad_index", "named_graph_iris", "quads",
           "subject_quads", "write_rdf"]
