"""A source's part of the read model: the triples the readers need, from one named graph, as typed
columns written in the same generation as the graph.

When a write replaces a named graph (``ancrage build``, ``import``, ``import-directory``,
``generate``), :func:`kg.store.write_sources` derives that graph's part from the new generation
while its writer is still open, scanning only that graph and only the predicates of
:data:`PREDICATES` (a 30-row import derives 30 rows, not the nation), and links the parts of the
graphs it left alone from the previous generation (hard links: nothing is recomputed). Parts live
in ``<store>/parts/<generation>/<digest of the graph IRI>.part``; they are removed with their
generation.

A part is a :mod:`kg.diskcache` file (no code runs when it loads; its manifest names the graph, the
part format and the payload's sha256): a tampered, truncated or foreign part, or one of another
format version, is logged, derived again from its named graph and rewritten, never trusted. A
store without parts (built by an earlier release) gets them the same way, on first read.

Columns: every kept triple as ``s`` (subject, a position in ``strings``), ``p`` (a position in
:data:`PREDICATES`), ``o`` (object), ``kind`` (:data:`IRI`, :data:`BLANK` or a literal kind of
:data:`LITERAL_KINDS`) and ``lang`` (language tag of a literal, a position in ``strings``).

>>> import pyoxigraph as ox
>>> oxi = ox.Store()
>>> g = ox.NamedNode("https://ex.org/g")
>>> oxi.add(ox.Quad(ox.NamedNode("https://ex.org/a"), ox.NamedNode(RDF_TYPE), ox.NamedNode(ANC + "Group"), g))
>>> oxi.add(ox.Quad(ox.NamedNode("https://ex.org/a"), ox.NamedNode(SKOS + "prefLabel"), ox.Literal("A", language="fr"), g))
>>> part = derive(oxi, g.value)
>>> len(part), part.values(SKOS + "prefLabel")
(2, [('https://ex.org/a', 'A', 'fr')])
>>> Part.from_columns(part.columns(), g.value).values(RDF_TYPE)
[('https://ex.org/a', 'https://w3id.org/ancrage/def#Group', '')]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import uuid
from array import array
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow as pa

from .. import diskcache
from ..ntriples import line_pieces
from . import plain_lines
from .labels import LABEL_PROPS

log = logging.getLogger(__name__)

ANC = "https://w3id.org/ancrage/def#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
GEO = "http://www.opengis.net/ont/geosparql#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
#: What the read model keeps of a graph: types, places, territory nesting and levels, labels,
#: categories and worlds, the ends, dates and status of the relations, the marks of a public role.
PREDICATES: tuple[str, ...] = (
    RDF_TYPE, ANC + "locatedIn", ANC + "territory", GEO + "sfWithin", ANC + "level", *LABEL_PROPS,
    ANC + "category", ANC + "world",
    ORG + "member", ORG + "organization", ORG + "role", ANC + "participant", ANC + "flowFrom", ANC + "flowTo",
    ORG + "subOrganizationOf", ANC + "accompanies", ANC + "statementStatus",
    SCHEMA + "startDate", SCHEMA + "endDate",
    ORG + "memberOf", ORG + "holds", SCHEMA + "jobTitle", SCHEMA + "affiliation",
)
P = {p: i for i, p in enumerate(PREDICATES)}
#: Object kinds: an IRI, a blank node, then literals by how :func:`literal_value` reads them.
IRI, BLANK, STRING, INTEGER, DECIMAL, DOUBLE, BOOLEAN, DATE, OTHER = range(9)
LITERAL_KINDS = {XSD + "string": STRING, "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString": STRING,
                 **{XSD + t: INTEGER for t in ("integer", "int", "long", "nonNegativeInteger",
                                               "positiveInteger", "short")},
                 XSD + "decimal": DECIMAL, XSD + "double": DOUBLE, XSD + "float": DOUBLE,
                 XSD + "boolean": BOOLEAN, XSD + "date": DATE}
NAME = "read-part"
#: Bump when the columns change meaning: parts of another format are derived again.
FORMAT = 1
SUFFIX = ".part"
PARTS = "parts"


def literal_kind(datatype: str) -> int:
    """The kind of a literal of ``datatype`` (an IRI): :data:`LITERAL_KINDS`, else :data:`OTHER`."""
    return LITERAL_KINDS.get(datatype, OTHER)


def literal_value(text: str, kind: int):
    """The Python value of a literal (as :func:`kg.store.to_python`)."""
    try:
        if kind == INTEGER:
            return int(text)
        if kind == DECIMAL:
            return Decimal(text)
        if kind == DOUBLE:
            return float(text)
        if kind == BOOLEAN:
            return text in ("true", "1")
        if kind == DATE:
            return dt.date.fromisoformat(text)
    except ValueError:
        return text
    return text


@dataclass
class Part:
    """The kept triples of one named graph (columns described in the module docstring)."""

    graph: str
    strings: list[str]
    s: np.ndarray
    p: np.ndarray
    o: np.ndarray
    kind: np.ndarray
    lang: np.ndarray

    def __len__(self) -> int:
        return len(self.s)

    def columns(self) -> diskcache.Columns:
        return {"strings": self.strings, "s": self.s, "p": self.p, "o": self.o, "kind": self.kind, "lang": self.lang}

    @classmethod
    def from_columns(cls, cols: diskcache.Columns, graph: str) -> "Part":
        strings = cols["strings"]
        s, p, o, kind, lang = (cols[k] for k in ("s", "p", "o", "kind", "lang"))
        n = len(s)
        if not (len(p) == len(o) == len(kind) == len(lang) == n):
            raise diskcache.InvalidFile("columns of different lengths")
        if n:
            ints = np.concatenate([s, o, lang])
            if int(ints.min()) < 0 or int(ints.max()) >= len(strings):
                raise diskcache.InvalidFile("string position out of range")
            if int(p.min()) < 0 or int(p.max()) >= len(PREDICATES) or int(kind.min()) < 0 or int(kind.max()) > OTHER:
                raise diskcache.InvalidFile("predicate or kind out of range")
        return cls(graph, strings, s, p, o, kind, lang)

    def values(self, predicate: str) -> list[tuple[str, str, str]]:
        """``(subject, object text, language)`` of the triples of ``predicate`` (tests, doctests)."""
        m = self.p == P[predicate]
        return [(self.strings[a], self.strings[b], self.strings[c])
                for a, b, c in zip(self.s[m].tolist(), self.o[m].tolist(), self.lang[m].tolist())]


class Builder:
    """Collects the kept triples of one graph, fed from the store or from the N-Triples in hand.

    Triples arrive in batches (a chunk of N-Triples, or terms read from the store); each batch is
    interned on its own (Arrow's dictionary encoding), and :meth:`part` merges the batches' string
    tables once. No Python object is made per triple of a plain-form line (:mod:`.plain_lines`).
    """

    def __init__(self, graph: str):
        import pyoxigraph as ox

        self.graph = graph
        self._batches: list[_Batch] = []
        self._terms = _TermRows()
        self._named, self._blank = ox.NamedNode, ox.BlankNode
        self._wanted = {ox.NamedNode(p): i for i, p in enumerate(PREDICATES)}

    def add(self, subj, pi: int, obj) -> None:
        """One triple (Oxigraph terms) of predicate ``PREDICATES[pi]``."""
        self._collect(((subj, pi, obj),), "_:")
        if len(self._terms) >= _TERMS_BATCH:
            self._batch_terms()

    def feed(self, ntriples: bytes) -> None:
        """The kept triples of a chunk of N-Triples (whole lines), as the bulk loader reads it.

        Plain-form lines are split by :func:`.plain_lines.read`; the others are parsed leniently
        (no IRI validation). Neither validates because the bulk loader parses the same bytes
        strictly in the same write, and a chunk it refuses fails the write with its part. A blank
        node's label is scoped to its document, and each chunk is one for the bulk loader (as for
        Oxigraph, the same label in two chunks or two sources is two nodes).
        """
        import pyoxigraph as ox

        prefix = f"_:{uuid.uuid4().hex}."
        for piece in line_pieces(ntriples, _PIECE_BYTES):
            rows, rest = plain_lines.read(piece, _KEPT, prefix)
            if len(rows):
                self._batches.append(_Batch.of(rows))
            if rest:
                wanted = self._wanted
                self._collect(((t.subject, pi, t.object)
                               for t in ox.parse(rest, format=ox.RdfFormat.N_TRIPLES, lenient=True)
                               if (pi := wanted.get(t.predicate)) is not None), prefix)
                self._batch_terms()

    def _batch_terms(self) -> None:
        """The rows collected from Oxigraph terms, made a batch (if any)."""
        if len(self._terms):
            self._batches.append(self._terms.batch())
            self._terms = _TermRows()

    def _collect(self, triples, blank_prefix: str) -> None:
        """Append ``(subject, predicate index, object)`` triples (Oxigraph terms) to the rows not
        yet in a batch; blank node labels get ``blank_prefix``."""
        named, blank = self._named, self._blank
        rows = self._terms
        for subj, pi, obj in triples:
            t = type(subj)
            if t is named:
                s = subj.value
            elif t is blank:
                s = blank_prefix + subj.value
            else:
                continue
            t = type(obj)
            if t is named:
                o, k, lang = obj.value, IRI, ""
            elif t is blank:
                o, k, lang = blank_prefix + obj.value, BLANK, ""
            else:
                o, k, lang = obj.value, literal_kind(obj.datatype.value), obj.language or ""
            rows.s.append(s)
            rows.p.append(pi)
            rows.o.append(o)
            rows.kind.append(k)
            rows.lang.append(lang)

    def part(self) -> Part:
        """The part: the batches' string tables merged into one (``""`` first), their columns
        renumbered into it. The batches are let go."""
        self._batch_terms()
        batches, self._batches = self._batches, []
        tables = [pa.array([""], pa.large_string())]
        for b in batches:
            tables.append(b.strings)
            b.strings = None
        merged = pa.chunked_array(tables, pa.large_string()).dictionary_encode()  # one dictionary for all
        del tables  # the batches' own tables go before the strings are made
        pa.default_memory_pool().release_unused()
        strings = merged.chunk(0).dictionary.to_pylist()
        s, o, lang = [], [], []
        for b, coded in zip(batches, merged.chunks[1:]):
            new = coded.indices.to_numpy()
            s.append(new[b.s])
            o.append(new[b.o])
            lang.append(new[b.lang])
        del merged

        def col(values, dtype):
            return np.concatenate(values).astype(dtype, copy=False) if values else np.empty(0, dtype=dtype)

        columns = [col(s, np.int32), col([b.p for b in batches], np.int8), col(o, np.int32),
                   col([b.kind for b in batches], np.int8), col(lang, np.int32)]
        del batches, s, o, lang
        once = _first_of_each(*columns)
        if once is not None:
            columns = [c[once] for c in columns]
        pa.default_memory_pool().release_unused()  # Arrow's allocator keeps freed pages otherwise
        return Part(self.graph, strings, *columns)


def _first_of_each(s, p, o, kind, lang) -> np.ndarray | None:
    """Positions of the first of each repeated row, in order (a graph is a set: a source that
    states a triple twice holds it once), or ``None`` if no row repeats.

    >>> a = np.array([1, 2, 1])
    >>> _first_of_each(a, a, a, a, a).tolist()
    [0, 1]
    """
    if len(s) < 2:
        return None
    ends = (s.astype(np.int64) << 32) | o.astype(np.int64)
    rest = (p.astype(np.int64) << 40) | (kind.astype(np.int64) << 32) | lang.astype(np.int64)
    order = np.lexsort((rest, ends))
    ends, rest = ends[order], rest[order]
    again = (ends[1:] == ends[:-1]) & (rest[1:] == rest[:-1])
    if not again.any():
        return None
    return np.sort(order[np.concatenate(([True], ~again))])


#: Rows read from the store (:meth:`Builder.add`) are made a batch every so many.
_TERMS_BATCH = 1_000_000
#: A chunk is read in pieces of at most this many bytes (Arrow's 32-bit string offsets).
_PIECE_BYTES = 256 * 1024 * 1024
#: What a plain-form line gives the part: each kept predicate as the line writes it (``"<iri>"``),
#: and the object kinds as :data:`IRI`, :data:`BLANK` and :data:`LITERAL_KINDS` number them.
_KEPT = plain_lines.Kept({f"<{p}>": i for i, p in enumerate(PREDICATES)}, iri=IRI, blank=BLANK,
                         literal_kind=literal_kind)


class _TermRows:
    """Triples as Python values (from Oxigraph terms), until they are made a batch."""

    def __init__(self):
        self.s: list[str] = []
        self.o: list[str] = []
        self.lang: list[str] = []
        self.p, self.kind = array("b"), array("b")

    def __len__(self) -> int:
        return len(self.p)

    def batch(self) -> "_Batch":
        rows = plain_lines.Rows(pa.array(self.s, pa.string()), np.frombuffer(self.p, np.int8).copy(),
                                pa.array(self.o, pa.string()), np.frombuffer(self.kind, np.int8).copy(),
                                pa.array(self.lang, pa.string()))
        return _Batch.of(rows)


@dataclass
class _Batch:
    """Kept triples interned on their own: ``strings`` (an Arrow string array, ``""`` first), and
    the columns as positions in it."""

    strings: pa.Array
    s: np.ndarray
    p: np.ndarray
    o: np.ndarray
    kind: np.ndarray
    lang: np.ndarray

    @classmethod
    def of(cls, rows: plain_lines.Rows) -> "_Batch":
        n = len(rows)
        coded = pa.concat_arrays([pa.array([""], pa.string()), rows.s, rows.o, rows.lang]).dictionary_encode()
        at = coded.indices.to_numpy()
        return cls(coded.dictionary.cast(pa.large_string()), at[1:n + 1], rows.p, at[n + 1:2 * n + 1], rows.kind,
                   at[2 * n + 1:])


def derive(oxi, graph: str) -> Part:
    """The part of named graph ``graph`` of the Oxigraph store ``oxi`` (one scan per predicate of
    that graph only)."""
    import pyoxigraph as ox

    builder = Builder(graph)
    g = ox.NamedNode(graph)
    for pi, predicate in enumerate(PREDICATES):
        for q in oxi.quads_for_pattern(None, ox.NamedNode(predicate), None, g):
            builder.add(q.subject, pi, q.object)
    return builder.part()


# ---------------------------------------------------------------------------------------------
# on disk: <store>/parts/<generation>/<digest>.part
# ---------------------------------------------------------------------------------------------

def file_name(graph: str) -> str:
    return hashlib.sha256(graph.encode()).hexdigest()[:32] + SUFFIX


def folder_of(store_folder: Path, generation: str) -> Path:
    return Path(store_folder) / PARTS / generation


def save(part: Part, folder: Path, name: str | None = None) -> Path | None:
    """Write ``part`` into ``folder`` atomically (as ``name``, by default :func:`file_name`); the
    path, or ``None`` if the folder refuses."""
    path = folder / (name or file_name(part.graph))
    written = diskcache.write_aside(
        path, lambda fh: diskcache.write_columns_to(fh, part.columns(), NAME, part.graph, FORMAT), "part",
        stream=True)
    return path if written else None


def load(folder: Path, graph: str, name: str | None = None) -> Part | None:
    """The part of ``graph`` kept in ``folder`` (as ``name``), or ``None`` (missing, or not to be
    trusted: logged)."""
    path = folder / (name or file_name(graph))
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        log.warning("part illisible, recalculée / unreadable part, derived again: %s (%s)", path, exc)
        return None
    try:
        return Part.from_columns(diskcache.read_columns(data, NAME, graph, FORMAT), graph)
    except Exception as exc:  # noqa: BLE001 - whatever is wrong in the file, the answer is to derive it again
        log.warning("part ignorée, recalculée / part ignored, derived again: %s (%s: %s)",
                    path, type(exc).__name__, exc)
        return None


def checksum(folder: Path, graph: str) -> str | None:
    """What identifies ``graph``'s part in ``folder`` without reading it all: the payload sha256
    named in its manifest, its size and modification time (``None``: no readable part). A part
    rewritten or modified in any way gives another value; the part itself is checked when loaded."""
    try:
        with open(folder / file_name(graph), "rb") as f:
            stat = os.fstat(f.fileno())
            head = f.read(4096)
        return f"{diskcache.manifest_of(head).get('sha256')}:{stat.st_size}:{stat.st_mtime_ns}"
    except (OSError, diskcache.InvalidFile):
        return None


def link_unchanged(previous: Path | None, new: Path, graphs) -> list[str]:
    """Hard-link (else copy) into ``new`` the parts of ``graphs`` found in ``previous``; the graphs
    whose part was not there (derived later, on first read)."""
    missing = []
    new.mkdir(parents=True, exist_ok=True)
    for graph in graphs:
        name = file_name(graph)
        src = previous / name if previous is not None else None
        if src is None or not src.is_file():
            missing.append(graph)
            continue
        try:
            os.link(src, new / name)
        except FileExistsError:
            pass
        except OSError:
            try:
                shutil.copy2(src, new / name)
            except OSError:
                missing.append(graph)
    return missing


def remove(store_folder: Path, generation: str) -> None:
    shutil.rmtree(folder_of(store_folder, generation), ignore_errors=True)


def orphans(store_folder: Path) -> list[Path]:
    """Part folders whose generation is gone (and leftovers of interrupted writes)."""
    root = Path(store_folder) / PARTS
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if not (Path(store_folder) / p.name).is_dir())


__all__ = ["Part", "PREDICATES", "derive", "load", "save", "checksum", "link_unchanged", "literal_value", "folder_of",
           "remove", "orphans"]
