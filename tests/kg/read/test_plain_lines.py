"""A part read from N-Triples text (kg/read/plain_lines.py, ``parts.Builder.feed``) holds what
Oxigraph stores from the same bytes, whatever the form of the lines; the common form is read
without the full parser."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.read import parts, plain_lines

S = "https://ex.org/s"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
START = "<https://schema.org/startDate>"
MEMBER = "<http://www.w3.org/ns/org#member>"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Plain-form lines: read without the parser.
PLAIN = [
    f"<{S}> {TYPE} <https://w3id.org/ancrage/def#Association> .",
    f'<{S}> {LABEL} "Maison des solidarités — Nord"@fr .',
    f'<{S}> {LABEL} "House"@EN-gb .',  # Oxigraph keeps language tags in lower case
    f'<{S}> {LABEL} "" .',
    f'<{S}> {LABEL} "a . b ^^ @c"^^<{XSD}string> .',
    f'<{S}> {START} "2019-03-01"^^<{XSD}date> .',
    f'<{S}> <https://w3id.org/ancrage/def#level> "3"^^<{XSD}integer> .',
    f'<{S}> <https://w3id.org/ancrage/def#level> "x"^^<https://ex.org/own-type> .',
    f"_:m1 {MEMBER} <{S}é> .",
    f"<{S}> {MEMBER} _:m1 .",
    f"<{S}> <https://ex.org/not-kept> {TYPE} .",
]
#: Other forms of kept triples (and lines that only look like them): the parser's.
ODD = [
    f"<{S}>\t{TYPE}\t<https://ex.org/Tab> .",
    f"<{S}>  {TYPE}  <https://ex.org/TwoSpaces>  .",
    f"   <{S}> {TYPE} <https://ex.org/Leading> .",
    f"<{S}> {TYPE} <https://ex.org/Commented> . # <{S}> {TYPE} <https://ex.org/No> .",
    f"# <{S}> {TYPE} <https://ex.org/NotATriple> .",
    "",
    f'<{S}> {LABEL} "quote \\" and \\\\ and \\u00e9 and \\n"@fr .',
    f"<https://ex.org/\\u00e9> {TYPE} <https://ex.org/EscapedIri> .",
    f'<{S}> {LABEL} "crlf"@fr .\r',
    f'<{S}> {LABEL} "dir"@ar--rtl .',
]


def graph_in_oxigraph(text: bytes) -> parts.Part:
    store = ox.Store()
    store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://ex.org/g"))
    return parts.derive(store, "https://ex.org/g")


def rows(part: parts.Part) -> list[tuple]:
    """The part's triples as text, blank nodes named by order of first appearance."""
    blanks: dict[str, str] = {}

    def blank(text: str) -> str:
        return blanks.setdefault(text, f"_:b{len(blanks)}")

    out = []
    for s, p, o, k, lang in zip(part.s.tolist(), part.p.tolist(), part.o.tolist(), part.kind.tolist(),
                                part.lang.tolist()):
        subject, obj = part.strings[s], part.strings[o]
        out.append((blank(subject) if subject.startswith("_:") else subject, parts.PREDICATES[p],
                    blank(obj) if k == parts.BLANK else obj, k, part.strings[lang]))
    return sorted(out)


@pytest.mark.parametrize("lines", [PLAIN, ODD, PLAIN + ODD + PLAIN], ids=["plain", "odd", "mixed"])
def test_the_part_read_from_the_text_is_what_oxigraph_stores(lines):
    text = ("\n".join(lines) + "\n").encode()
    builder = parts.Builder("https://ex.org/g")
    builder.feed(text)
    assert rows(builder.part()) == rows(graph_in_oxigraph(text))


def test_a_last_line_without_its_newline_is_read():
    text = f"<{S}> {TYPE} <https://ex.org/A> .\n<{S}> {TYPE} <https://ex.org/B> .".encode()
    builder = parts.Builder("g")
    builder.feed(text)
    assert sorted(builder.part().values(parts.RDF_TYPE)) == [(S, "https://ex.org/A", ""), (S, "https://ex.org/B", "")]


def test_plain_lines_are_read_without_the_parser_and_the_others_are_left_to_it():
    text = ("\n".join(PLAIN + ODD) + "\n").encode()
    read, rest = plain_lines.read(text, parts._KEPT, "_:d.")
    assert len(read) == len(PLAIN) - 1  # all but the line of a predicate the part does not keep
    assert rest.decode().split("\n") == [*ODD, ""]
    assert read.s.to_pylist()[-2] == "_:d.m1" and read.o.to_pylist()[-2] == S + "é"
    assert read.lang.to_pylist()[2] == "en-gb" and read.o.to_pylist()[3] == ""


def test_the_same_blank_label_in_two_chunks_is_two_nodes_in_both_forms():
    builder = parts.Builder("g")
    builder.feed(f"_:m {MEMBER} <{S}> .\n".encode())
    builder.feed(f"_:m\t{MEMBER}\t<{S}> .\n".encode())
    part = builder.part()
    assert len({part.strings[i] for i in part.s.tolist()}) == 2
