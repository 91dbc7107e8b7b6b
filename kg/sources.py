"""What a loader hands to the store: a :class:`Source`, i.e. N-Triples plus who said them.

N-Triples is the common currency because it is the fastest path into the store (Oxigraph's
bulk loader) and every loader can produce it: small loaders build an rdflib ``Graph`` and use
:meth:`Source.from_rdflib`; large ones (territories, synthetic data) yield lines directly.

Each source becomes one named graph (:func:`kg.namespaces.graph_iri`), described inside that
graph as a ``anc:Dataset`` with PROV-O and Dublin Core: title, file, licence, version, date
loaded, records kept and rejected. Reloading a source replaces its graph and nothing else.

>>> src = Source.from_ntriples("demo", "Démo", ['<https://ex.org/a> <https://ex.org/p> "é" .'],
...                            licence="CC0-1.0")
>>> str(src.graph)
'https://w3id.org/ancrage/graph/demo'
>>> b"CC0-1.0" in src.metadata_ntriples()
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from .errors import LocatedError
from .namespaces import ANC, graph_iri

CHUNK_BYTES = 16 * 1024 * 1024


@dataclass
class Source:
    """One source ready for the store.

    ``lines`` is called each time the triples are needed and yields N-Triples lines (``str``,
    with or without the final newline) or ready-made chunks (``bytes``).
    """

    id: str
    title: str
    lines: Callable[[], Iterable[str | bytes]]
    path: str | None = None
    licence: str | None = None
    version: str | None = None
    url: str | None = None
    publisher: str | None = None
    description: str | None = None
    records: int | None = None
    problems: list[LocatedError] = field(default_factory=list)
    loaded_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

    @property
    def graph(self) -> URIRef:
        return graph_iri(self.id)

    # -- constructors ------------------------------------------------------------------------
    @classmethod
    def from_ntriples(cls, id: str, title: str, lines: Iterable[str], **meta) -> "Source":
        kept = list(lines)
        return cls(id, title, lambda: kept, **meta)

    @classmethod
    def from_rdflib(cls, id: str, title: str, graph: Graph, **meta) -> "Source":
        data = graph.serialize(format="nt", encoding="utf-8")
        return cls(id, title, lambda: [data], **meta)

    # -- what the store reads --------------------------------------------------------------
    def ntriple_chunks(self) -> Iterator[bytes]:
        """The triples in chunks for the bulk loader: whole items of :attr:`lines`, at most
        :data:`CHUNK_BYTES` together (an item larger than that is a chunk of its own).

        An item is never split: each chunk is one N-Triples document for the bulk loader, and a
        blank node's label is scoped to its document, so a loader keeps a blank node's triples in
        one item. A chunk closes *before* the item that would make it too large, because a larger
        chunk costs the bulk loader more than its share (41 MB chunks load about 20 % slower than
        the same lines in 16 MB ones): loaders yield items of a few MB.

        >>> src = Source("x", "X", lambda: ["<urn:a> <urn:p> <urn:b> .", b"<urn:a> <urn:p> <urn:c> .\\n"])
        >>> list(src.ntriple_chunks())
        [b'<urn:a> <urn:p> <urn:b> .\\n<urn:a> <urn:p> <urn:c> .\\n']
        """
        buf: list[bytes] = []
        size = 0
        for item in self.lines():
            if isinstance(item, str):
                item = item.encode("utf-8")
                if not item.endswith(b"\n"):
                    item += b"\n"
            if buf and size + len(item) > CHUNK_BYTES:
                yield b"".join(buf)
                buf, size = [], 0
            buf.append(item)
            size += len(item)
        if buf:
            yield b"".join(buf)

    def without_triples_of(self, others: list["Source"]) -> "Source":
        """This source minus the triples that ``others`` already state.

        Oxigraph 0.5 returns a triple once per named graph holding it when queries see the union
        of the graphs (oxigraph#1919), so a fact stated by two sources would count twice. The
        default build gives each triple to one source: the seed's description of the territories
        it names stays with the territorial reference when that is loaded, and the seed keeps
        only what is its own (the sections of the source document, the notes).

        >>> a = Source.from_ntriples("a", "A", ['<urn:x> <urn:p> "1" .', '<urn:x> <urn:p> "2" .'])
        >>> b = Source.from_ntriples("b", "B", ['<urn:x>  <urn:p>  "1" .'])
        >>> [line.strip() for line in a.without_triples_of([b]).lines()]
        ['<urn:x> <urn:p> "2" .']
        """
        import pyoxigraph as ox

        mine = list(ox.parse(b"".join(self.ntriple_chunks()), format=ox.RdfFormat.N_TRIPLES))
        wanted = set(mine)
        stated = set()
        for other in others:
            for chunk in other.ntriple_chunks():
                stated.update(t for t in ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES) if t in wanted)
        kept = [f"{t.subject} {t.predicate} {t.object} ." for t in mine if t not in stated]
        return dataclasses.replace(self, lines=lambda: kept)

    def metadata_graph(self) -> Graph:
        g = Graph()
        ds = self.graph
        g.add((ds, RDF.type, ANC.Dataset))
        g.add((ds, RDF.type, PROV.Entity))
        g.add((ds, ANC.sourceId, Literal(self.id)))
        g.add((ds, DCTERMS.title, Literal(self.title)))
        g.add((ds, PROV.generatedAtTime, Literal(self.loaded_at.isoformat(), datatype=XSD.dateTime)))
        for prop, value in ((DCTERMS.license, self.licence), (DCTERMS.hasVersion, self.version),
                            (DCTERMS.publisher, self.publisher), (DCTERMS.description, self.description)):
            if value:
                g.add((ds, prop, Literal(value)))
        if self.path:
            g.add((ds, PROV.wasDerivedFrom, Literal(str(self.path))))
        if self.url:
            g.add((ds, DCTERMS.source, URIRef(self.url)))
        if self.records is not None:
            g.add((ds, ANC.recordCount, Literal(self.records, datatype=XSD.integer)))
        g.add((ds, ANC.rejectedCount, Literal(len(self.problems), datatype=XSD.integer)))
        return g

    def metadata_ntriples(self) -> bytes:
        return self.metadata_graph().serialize(format="nt", encoding="utf-8")
