"""The kept triples of N-Triples text, read as Arrow columns without a Python object per triple.

A national build loads about 7 million triples; making an Oxigraph term of each one to find the
few predicates a part keeps cost more than Oxigraph's own bulk load of the same bytes. Nearly every
line our loaders (and rdflib, and Oxigraph) write has the *plain form*: single spaces between the
terms, ``" .\\n"`` at the end, no backslash escape, no tab, no comment::

    <subject> <predicate> <iri> .
    _:label <predicate> "text"@fr .
    <subject> <predicate> "2019-03-01"^^<http://www.w3.org/2001/XMLSchema#date> .

:func:`read` splits such lines with Arrow's compute kernels (in C, without holding the GIL, so the
part is read while the bulk loader runs) and returns every other line untouched, for a full
N-Triples parser: what it reads is exactly what that parser gives, and a line it cannot vouch for
is never guessed at. It does not validate: the bulk loader parses the same bytes strictly in the
same write, and a write it refuses is not kept.

>>> text = (b'<https://ex.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@FR .\\n'
...         b'<https://ex.org/a> <https://ex.org/other> "x" .\\n'
...         b'<https://ex.org/a>\\t<http://www.w3.org/2004/02/skos/core#prefLabel> "B" .\\n')
>>> kept = Kept({"<http://www.w3.org/2004/02/skos/core#prefLabel>": 7}, iri=0, blank=1, literal_kind=lambda dt: 2)
>>> rows, rest = read(text, kept, "_:d1.")
>>> rows.s.to_pylist(), rows.p.tolist(), rows.o.to_pylist(), rows.lang.to_pylist()
(['https://ex.org/a'], [7], ['A'], ['fr'])
>>> rest
b'<https://ex.org/a>\\t<http://www.w3.org/2004/02/skos/core#prefLabel> "B" .\\n'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

#: Bytes that send a line to the full parser: a backslash (an escape), a tab, a carriage return.
_ODD_BYTES = (ord("\\"), ord("\t"), ord("\r"))
#: Language tags as Oxigraph keeps them (lower case); another tag goes to the full parser.
_LANGUAGE_TAG = r"^[a-z]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Kept:
    """What :func:`read` keeps and how it numbers it (the caller's numbering: :mod:`kg.read.parts`):
    ``predicates`` maps ``"<iri>"`` to a kept predicate's position; ``iri`` and ``blank`` are the
    kinds of those objects, ``literal_kind(datatype IRI)`` a literal's."""

    predicates: dict[str, int]
    iri: int
    blank: int
    literal_kind: Callable[[str], int]


@dataclass
class Rows:
    """Kept triples as columns: subject and object text (an IRI without its brackets, a blank node
    as its document prefix and label, a literal's lexical form), predicate position, object kind,
    language tag (``""`` if none)."""

    s: pa.Array
    p: np.ndarray
    o: pa.Array
    kind: np.ndarray
    lang: pa.Array

    def __len__(self) -> int:
        return len(self.p)


def read(ntriples: bytes, kept: Kept, blank_prefix: str) -> tuple[Rows, bytes]:
    """The triples ``kept`` of the plain-form lines of ``ntriples`` (whole lines), and the other lines.

    ``blank_prefix`` is put before every blank node label (its document's scope). The lines
    returned are every line not read here (in their order), whatever their predicate: another
    form of a kept triple must not be lost.
    """
    data = np.frombuffer(ntriples, np.uint8)
    ends = np.flatnonzero(data == 10) + 1
    n = len(ends)
    tail = ntriples[ends[-1]:] if n else ntriples
    if not n:
        return _rows_of_nothing(), tail
    offsets = np.empty(n + 1, np.int32)
    offsets[0], offsets[1:] = 0, ends
    lines = pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(ntriples))

    terms = pc.split_pattern(lines, " ", max_splits=2)  # [subject, predicate, "object .\n"]
    starts = terms.offsets.to_numpy()
    tokens = terms.values
    three = (np.diff(starts) == 3) & ~_lines_with_odd_bytes(data, ends)
    three[three] = _subject_shaped(data, offsets[:-1][three], np.diff(_string_offsets(tokens))[starts[:-1][three]])
    plain = np.flatnonzero(three)  # "<subject> <predicate> rest"
    first = starts[plain]
    predicate = tokens.take(pa.array(first + 1)).dictionary_encode()
    position = np.array([kept.predicates.get(text, -1 if _iri_shaped(text) else -2)
                         for text in predicate.dictionary.to_pylist()], np.int16)
    pi = position[predicate.indices.to_numpy()] if len(position) else np.empty(0, np.int16)
    shaped = pi != -2  # a second term that is no IRI: not the plain form, the parser's
    plain, first, pi = plain[shaped], first[shaped], pi[shaped]
    keep = pi >= 0
    rows, first, pi = plain[keep], first[keep], pi[keep].astype(np.int8)
    subject, obj = tokens.take(pa.array(first)), tokens.take(pa.array(first + 2))

    s_blank = _mask(pc.starts_with(subject, "_:"))
    ends_well = _mask(pc.ends_with(obj, " .\n"))
    obj = pc.utf8_slice_codeunits(obj, 0, -3)
    no_space = ~_mask(pc.match_substring(obj, " "))
    o_iri = _mask(pc.and_(pc.starts_with(obj, "<"), pc.ends_with(obj, ">"))) & no_space
    o_blank = _mask(pc.starts_with(obj, "_:")) & no_space
    literal_at = np.flatnonzero(_mask(pc.starts_with(obj, '"')) & ends_well)
    value, lang, literal_kinds, readable = _literals(obj.take(pa.array(literal_at)), kept.literal_kind)
    o_literal = np.zeros(len(rows), bool)
    o_literal[literal_at[readable]] = True
    good = ends_well & (o_iri | o_blank | o_literal)

    left_out = np.ones(n, bool)
    left_out[plain] = False
    left_out[rows[~good]] = True
    rest = _lines_at(ntriples, offsets, np.flatnonzero(left_out)) + tail

    kind = np.where(o_blank, kept.blank, kept.iri).astype(np.int8)
    kind[literal_at] = literal_kinds
    s_text = _terms(subject, s_blank, blank_prefix)
    o_text = _terms(obj, o_blank, blank_prefix)
    lang_text = _empty_strings(len(rows))
    if len(literal_at):
        at = _arrow_mask(len(rows), literal_at)
        o_text = pc.replace_with_mask(o_text, at, value)
        lang_text = pc.replace_with_mask(lang_text, at, lang)
    pick = pa.array(np.flatnonzero(good))
    return Rows(s_text.take(pick), pi[good], o_text.take(pick), kind[good], lang_text.take(pick)), rest


def _subject_shaped(data: np.ndarray, line_starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Whether the first term of each line (``lengths`` bytes from ``line_starts``) looks like an
    ``<iri>`` or a ``_:label`` (not a comment, not a space)."""
    first = data[line_starts]
    second = data[np.minimum(line_starts + 1, len(data) - 1)]
    last = data[line_starts + np.maximum(lengths - 1, 0)]
    return (lengths > 1) & (((first == ord("<")) & (last == ord(">"))) | ((first == ord("_")) & (second == ord(":"))))


def _string_offsets(strings: pa.Array) -> np.ndarray:
    """The offsets of a string array (its second buffer), without a copy."""
    return np.frombuffer(strings.buffers()[1], np.int32)[strings.offset:strings.offset + len(strings) + 1]


def _iri_shaped(token: str) -> bool:
    return len(token) > 1 and token[0] == "<" and token[-1] == ">"


def _lines_with_odd_bytes(data: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which lines hold a byte of :data:`_ODD_BYTES`."""
    odd = np.zeros(len(ends), bool)
    for byte in _ODD_BYTES:
        line = np.searchsorted(ends, np.flatnonzero(data == byte), side="right")
        odd[line[line < len(ends)]] = True
    return odd


def _literals(text: pa.Array, literal_kind):
    """Lexical forms, language tags, kinds of the literal tokens ``text``, and which of them are
    read (no quote inside; no suffix, a lower-case language tag or a datatype)."""
    halves = pc.split_pattern(text, '"', max_splits=1, reverse=True)  # ['"value', suffix]
    starts = halves.offsets.to_numpy()
    two = np.diff(starts) == 2
    head = halves.values.take(pa.array(np.where(two, starts[:-1], 0)))
    suffix = halves.values.take(pa.array(np.where(two, starts[:-1] + 1, 0)))
    value = pc.utf8_slice_codeunits(head, 1)
    plain_value = two & ~_mask(pc.match_substring(value, '"'))
    is_lang = _mask(pc.starts_with(suffix, "@"))
    lang = pc.ascii_lower(pc.utf8_slice_codeunits(suffix, 1))
    lang_ok = is_lang & _mask(pc.match_substring_regex(lang, _LANGUAGE_TAG))
    typed = _mask(pc.and_(pc.starts_with(suffix, "^^<"), pc.ends_with(suffix, ">"))) \
        & ~_mask(pc.match_substring(suffix, " "))
    untagged = _mask(pc.equal(suffix, ""))
    datatype = pc.utf8_slice_codeunits(suffix, 3, -1).dictionary_encode()
    numbered = np.array([literal_kind(d) for d in datatype.dictionary.to_pylist()], np.int8)
    string_kind = literal_kind("http://www.w3.org/2001/XMLSchema#string")
    kind = np.where(typed, numbered[datatype.indices.to_numpy()] if len(numbered) else string_kind,
                    string_kind).astype(np.int8)
    lang = pc.if_else(pa.array(lang_ok), lang, "")
    return value, lang, kind, plain_value & (untagged | lang_ok | typed)


def _terms(tokens: pa.Array, blank: np.ndarray, prefix: str) -> pa.Array:
    """``<iri>`` → ``iri`` and ``_:label`` → ``prefix`` + ``label`` (other tokens: anything)."""
    text = pc.utf8_slice_codeunits(tokens, 1, -1)
    at = np.flatnonzero(blank)
    if len(at):
        labels = pc.utf8_slice_codeunits(tokens.take(pa.array(at)), 2)
        text = pc.replace_with_mask(text, _arrow_mask(len(tokens), at),
                                    pc.binary_join_element_wise(prefix, labels, ""))
    return text


def _lines_at(ntriples: bytes, offsets: np.ndarray, at: np.ndarray) -> bytes:
    if not len(at):
        return b""
    view = memoryview(ntriples)
    return b"".join(view[a:b] for a, b in zip(offsets[at].tolist(), offsets[at + 1].tolist()))


def _mask(values) -> np.ndarray:
    return np.asarray(values.fill_null(False) if values.null_count else values, dtype=bool)


def _arrow_mask(n: int, at: np.ndarray) -> pa.Array:
    mask = np.zeros(n, bool)
    mask[at] = True
    return pa.array(mask)


def _empty_strings(n: int) -> pa.Array:
    return pa.StringArray.from_buffers(n, pa.py_buffer(np.zeros(n + 1, np.int32)), pa.py_buffer(b""))


def _rows_of_nothing() -> Rows:
    nothing = _empty_strings(0)
    return Rows(nothing, np.empty(0, np.int8), nothing, np.empty(0, np.int8), nothing)


__all__ = ["Rows", "read"]
