"""RDF files (Turtle, N-Triples, JSON-LD) as sources, each in its own named graph.

Parsing is Oxigraph's (fast, streaming, and its syntax errors carry the line and column).
Blank nodes are renamed to fresh ids so that two files never share one by accident; named
graphs inside a JSON-LD document are flattened into the source's own graph.

>>> ttl = '@prefix ex: <https://ex.org/> .\\nex:a ex:p "é" ; ex:q [ ex:r 1 ] .'
>>> len(list(parse(ttl, "turtle")))
3
>>> list(parse("<https://ex.org/a> <https://ex.org/p> .", "nt"))
Traceback (most recent call last):
...
kg.errors.LoadError: line 1: RDF syntax error at column 39: The object of a triple must be an IRI, a blank node or a literal (expected valid N-Triples)
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import IO, Iterable, Iterator

import pyoxigraph as ox

from kg.errors import LoadError
from kg.namespaces import slug
from kg.sources import Source

#: format name -> (Oxigraph format, human name); aliases are accepted by :func:`format_of`
FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, "Turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "N-Triples"),
    "json-ld": (ox.RdfFormat.JSON_LD, "JSON-LD"),
}
ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "jsonld": "json-ld", "json": "json-ld"}
#: file extension -> format name
EXTENSIONS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}

BATCH = 50_000


def format_of(path: str | Path | None = None, format: str | None = None) -> str:
    """The format name for an explicit ``format`` or else the file's extension.

    >>> format_of("a/graph.TTL")
    'turtle'
    >>> format_of(format="jsonld")
    'json-ld'
    >>> format_of("notes.txt")
    Traceback (most recent call last):
    ...
    kg.errors.LoadError: notes.txt: unknown RDF file extension (expected .json, .jsonld, .nt, .ttl; found '.txt')
    """
    if format:
        name = ALIASES.get(format.lower(), format.lower())
        if name not in FORMATS:
            raise LoadError("unknown RDF format", file=str(path) if path else None,
                            expected=", ".join(sorted(FORMATS)), found=format)
        return name
    if path is None:
        raise LoadError("no RDF format given", expected=", ".join(sorted(FORMATS)))
    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS:
        raise LoadError("unknown RDF file extension", file=str(path),
                        expected=", ".join(sorted(EXTENSIONS)), found=ext or "(none)")
    return EXTENSIONS[ext]


def parse(data: bytes | str | IO, format: str, *, file: str | None = None,
          base_iri: str | None = None) -> Iterator[ox.Triple]:
    """Triples of RDF ``data`` in ``format`` (see :data:`FORMATS`); pure, streaming.

    A syntax error raises :class:`kg.errors.LoadError` with the file (if given) and the line.

    >>> [str(t.object) for t in parse('{"@id": "https://ex.org/a", "https://ex.org/p": "x"}', "json-ld")]
    ['"x"']
    """
    name = format_of(file, format)
    oxformat, human = FORMATS[name]
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        for quad in ox.parse(data, format=oxformat, base_iri=base_iri, rename_blank_nodes=True):
            yield quad.triple if isinstance(quad, ox.Quad) else quad
    except SyntaxError as err:
        line, column = getattr(err, "lineno", None), getattr(err, "offset", None)
        text = re.sub(r"^Parser error at line \d+ column \d+: ", "", str(getattr(err, "msg", err)))
        text = re.sub(r" \(line \d+\)$", "", text)
        if "LoadDocumentCallback" in text:
            text = "a remote JSON-LD @context is never fetched; put the context inline in the file"
        where = f" at column {column}" if column else ""
        raise LoadError(f"RDF syntax error{where}: {text}", file=file, line=line,
                        expected=f"valid {human}") from err
    except ValueError as err:  # e.g. invalid IRIs, bad encoding
        raise LoadError(f"RDF error: {err}", file=file, expected=f"valid {human}") from err


def ntriples(triples: Iterable[ox.Triple], batch: int = BATCH) -> Iterator[bytes]:
    """N-Triples chunks of ``batch`` triples each, for :class:`kg.sources.Source`.

    >>> t = ox.Triple(ox.NamedNode("https://ex.org/a"), ox.NamedNode("https://ex.org/p"), ox.Literal("b"))
    >>> b"".join(ntriples([t]))
    b'<https://ex.org/a> <https://ex.org/p> "b" .\\n'
    """
    buf: list[ox.Triple] = []
    for t in triples:
        buf.append(t)
        if len(buf) >= batch:
            yield ox.serialize(buf, format=ox.RdfFormat.N_TRIPLES)
            buf = []
    if buf:
        yield ox.serialize(buf, format=ox.RdfFormat.N_TRIPLES)


def load(path: str | Path, source_id: str | None = None, format: str | None = None, *,
         title: str | None = None, licence: str | None = None, url: str | None = None) -> Source:
    """An RDF file as a :class:`kg.sources.Source` (id: ``source_id`` or ``rdf-<file stem>``).

    The file is read once here to check its syntax and count its triples (a :class:`LoadError`
    names the file and line), and again, streaming, each time the store asks for the triples.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "extra.nt")
    >>> _ = open(path, "w").write('<https://ex.org/a> <https://ex.org/p> "b" .\\n')
    >>> src = load(path)
    >>> src.id, src.records
    ('rdf-extra', 1)
    """
    path = Path(path)
    name = format_of(path, format)
    if not path.is_file():
        raise LoadError("file not found", file=str(path), expected="an existing RDF file")
    base = path.resolve().as_uri()

    def stream() -> Iterator[ox.Triple]:
        with open(path, "rb") as fh:
            yield from parse(io.BufferedReader(fh), name, file=str(path), base_iri=base)

    count = sum(1 for _ in stream())
    return Source(source_id or f"rdf-{slug(path.stem)}", title or path.name,
                  lambda: ntriples(stream()), path=str(path), licence=licence, url=url,
                  description=f"{FORMATS[name][1]} file {path.name}", records=count)


__all__ = ["FORMATS", "EXTENSIONS", "format_of", "parse", "ntriples", "load"]
