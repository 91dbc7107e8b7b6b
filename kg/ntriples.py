"""RDF terms written as text: the one rule for an IRI or a literal in N-Triples and in SPARQL.

Both languages write terms the same way (``<iri>``, ``"text"@lang``, ``"text"^^<datatype>``), so
a loader writing N-Triples lines and a query putting a value in place use the same functions:

* :func:`is_iri`: is this string an absolute IRI that may stand between ``<`` and ``>``? It is
  what Oxigraph's RFC 3987 parser accepts (so a store write never fails on it), without any
  white space (which some readers, rdflib among them, take as the end of the IRI);
* :func:`nt_iri`: ``<iri>``, or ``ValueError`` for anything :func:`is_iri` refuses;
* :func:`nt_literal`: a literal with quotes, backslashes and line ends escaped, and every other
  control or line-separator character written as ``\\UXXXXXXXX``.

>>> nt_iri("https://w3id.org/ancrage/id/territory/commune/75056")
'<https://w3id.org/ancrage/id/territory/commune/75056>'
>>> is_iri("x> } DROP ALL {"), is_iri("https://ex.org/a b"), is_iri("https://ex.org/é")
(False, False, True)
>>> print(nt_literal('a "b"\\n\\\\', lang="fr"))
"a \\"b\\"\\n\\\\"@fr
"""

from __future__ import annotations

import functools
import re
from typing import Iterator

import pyoxigraph as ox

_WHITE_SPACE = re.compile(r"\s")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Quotes, backslashes, C0 and C1 controls, DEL, the Unicode line and paragraph separators
#: (written escaped), and lone surrogates (which no RDF text may hold). A backslash followed by
#: ``u`` or ``U`` is matched with it: SPARQL readers such as rdflib expand ``\\u`` escapes before
#: parsing, even after an escaped backslash, so that letter is escaped too. Escapes take the
#: eight-digit form ``\\UXXXXXXXX``: rdflib reads ``\\u`` with eight hex digits when the text
#: goes on with four more.
_NEEDS_ESCAPE = re.compile('\\\\[uU]?|["\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]')


def is_iri(text: object) -> bool:
    """Whether ``text`` is an absolute IRI that N-Triples, Turtle and SPARQL can write as ``<text>``.

    >>> is_iri("urn:ancrage:meta"), is_iri("relative/path"), is_iri("https://ex.org/%zz")
    (True, False, False)
    """
    return isinstance(text, str) and _checked(text)


@functools.lru_cache(maxsize=65536)  # loaders write the same concept and territory IRIs again and again
def _checked(text: str) -> bool:
    if _WHITE_SPACE.search(text):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def nt_iri(iri: object) -> str:
    """An IRI as an N-Triples or SPARQL term; ``ValueError`` if it is not one (:func:`is_iri`).

    >>> nt_iri("x> . <y")
    Traceback (most recent call last):
    ...
    ValueError: not an IRI: 'x> . <y'
    """
    text = str(iri)
    if not _checked(text):
        raise ValueError(f"not an IRI: {text!r}")
    return f"<{text}>"


def _escape(match: re.Match) -> str:
    ch = match.group()
    if len(ch) == 2:  # a backslash, then u or U
        return f"\\\\\\U{ord(ch[1]):08X}"
    if "\ud800" <= ch <= "\udfff":
        raise ValueError(f"not Unicode text: a lone surrogate U+{ord(ch):04X}")
    return _ESCAPES.get(ch) or f"\\U{ord(ch):08X}"


def nt_literal(value: object, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal as an N-Triples or SPARQL term, with a language tag or a datatype IRI.

    >>> nt_literal("Côte-d'Or", lang="fr")
    '"Côte-d\\'Or"@fr'
    >>> nt_literal(42, datatype="http://www.w3.org/2001/XMLSchema#integer")
    '"42"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> nt_literal("bell \\a")
    '"bell \\\\U00000007"'
    """
    text = str(value)
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape, text)
    if lang:
        if not _LANGUAGE_TAG.match(lang):
            raise ValueError(f"not a language tag: {lang!r}")
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^{nt_iri(datatype)}'
    return f'"{text}"'


def line_pieces(text: bytes, size: int) -> Iterator[bytes]:
    """N-Triples ``text`` cut at line ends into pieces of at most ``size`` bytes (a line longer
    than that is a piece of its own).

    >>> list(line_pieces(b"<a> <p> 1 .\\n<b> <p> 2 .\\n<c> <p> 3 .\\n", 24))
    [b'<a> <p> 1 .\\n<b> <p> 2 .\\n', b'<c> <p> 3 .\\n']
    """
    start = 0
    while len(text) - start > size:
        cut = text.rfind(b"\n", start, start + size) + 1 or text.find(b"\n", start + size) + 1 or len(text)
        yield text[start:cut]
        start = cut
    if start < len(text):
        yield text[start:] if start else text


__all__ = ["is_iri", "nt_iri", "nt_literal", "line_pieces"]
