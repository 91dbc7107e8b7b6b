"""kg.ntriples: the one way Ancrage writes an IRI or a literal in N-Triples and SPARQL, checked
by reading hostile values back with both parsers the product uses (Oxigraph and rdflib)."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import QueryError
from kg.ntriples import is_iri, nt_iri, nt_literal

S, P = "https://w3id.org/ancrage/id/actor/s", "https://w3id.org/ancrage/def#p"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

HOSTILE_TEXTS = [
    'guillemets "doubles" et \'simples\'', "barre \\ oblique \\\\ double", 'fin \\', '\\"', '"""', "'''",
    "ligne\nsuivante", "retour\r\nchariot", "tab\tulation", "<script>alert(1)</script>", "a > b < c",
    "} ; DROP ALL { # commentaire", "  espaces  ", "", "Côte-d'Or — L'Haÿ-les-Roses", "日本語 😀 𝔸",
    "\u202eRTL\u202c et \u200bjoint", "séparateurs \u2028 \u2029 \x85", "contrôles \x00 \x01 \x07 \x1b \x7f \x9f", "\x0112345678 collé",
    "\\u0022 pas un guillemet", "\\U0001F600 pas un emoji", "\\\\u0041 deux barres", "\\n pas une ligne", "@fr", "^^<http://x>", "[/] ![x](http://127.0.0.1:9/p.png)",
]
GOOD_IRIS = ["https://w3id.org/ancrage/id/territory/departement/2A", "urn:ancrage:meta", "https://ex.org/é/ü?q=1&r=2#frag",
             "https://ex.org/a%20b", "mailto:contact@example.org", "http://[::1]:8080/x", "https://ex.org/a'b(c)"]
BAD_IRIS = ["", "relative/path", "https://ex.org/a b", "https://ex.org/a>b", "x> } DROP ALL {", 'https://ex.org/"',
            "https://ex.org/{x}", "https://ex.org/a|b", "https://ex.org/a^b", "https://ex.org/a`b", "https://ex.org/a\\b",
            "https://ex.org/\nx", "https://ex.org/\x00", "https://ex.org/%zz", "https://ex.org:port/",
            "https://ex.org/\u00a0", "https://ex.org/\u3000", "<https://ex.org/>", None, 42]


def _ox_objects(line: str) -> list:
    return [t.object for t in ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]


def _rdflib_objects(line: str) -> list:
    return [o for _s, _p, o in rdflib.Graph().parse(io.StringIO(line), format="nt")]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_a_literal_reads_back_exactly_in_n_triples(text):
    for term, lang, datatype in ((nt_literal(text), None, None), (nt_literal(text, lang="fr"), "fr", None),
                                 (nt_literal(text, datatype=XSD_STRING), None, None)):
        line = f"{nt_iri(S)} {nt_iri(P)} {term} .\n"
        assert "\n" not in line[:-1] and "\r" not in line
        [lit] = _ox_objects(line)
        assert (lit.value, lit.language) == (text, lang)
        [back] = _rdflib_objects(line)
        assert (str(back), back.language) == (text, lang)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_a_literal_reads_back_exactly_in_sparql(text):
    query = f"SELECT ?x ?y WHERE {{ BIND({nt_literal(text)} AS ?x) BIND({nt_literal(text, lang='fr')} AS ?y) }}"
    [row] = list(ox.Store().query(query))
    assert (row["x"].value, row["y"].value, row["y"].language) == (text, text, "fr")
    [(x, y)] = list(rdflib.Graph().query(query))
    assert (str(x), str(y), y.language) == (text, text, "fr")


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_a_literal_finds_the_stored_value(text):
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(S), ox.NamedNode(P), ox.Literal(text, language="fr")))
    assert store.query(f"ASK {{ ?s ?p {nt_literal(text, lang='fr')} }}")
    g = rdflib.Graph()
    g.add((rdflib.URIRef(S), rdflib.URIRef(P), rdflib.Literal(text, lang="fr")))
    assert g.query(f"ASK {{ ?s ?p {nt_literal(text, lang='fr')} }}").askAnswer


@pytest.mark.parametrize("iri", GOOD_IRIS)
def test_an_iri_reads_back_exactly(iri):
    assert is_iri(iri)
    line = f"{nt_iri(S)} {nt_iri(P)} {nt_iri(iri)} .\n"
    assert _ox_objects(line) == [ox.NamedNode(iri)]
    assert _rdflib_objects(line) == [rdflib.URIRef(iri)]
    query = f"SELECT ?x WHERE {{ BIND({nt_iri(iri)} AS ?x) }}"
    assert [r["x"] for r in ox.Store().query(query)] == [ox.NamedNode(iri)]
    assert [x for (x,) in rdflib.Graph().query(query)] == [rdflib.URIRef(iri)]


@pytest.mark.parametrize("text", BAD_IRIS)
def test_what_is_not_an_iri_is_refused(text):
    assert not is_iri(text)
    with pytest.raises(ValueError, match="not an IRI"):
        nt_iri(text)


def test_a_bad_language_tag_or_datatype_and_a_lone_surrogate_are_refused():
    with pytest.raises(ValueError, match="language tag"):
        nt_literal("x", lang='fr" . <a> <b> "c')
    with pytest.raises(ValueError, match="not an IRI"):
        nt_literal("x", datatype="xsd:string> . <a")
    with pytest.raises(ValueError, match="surrogate"):
        nt_literal("moitié \ud800 de caractère")


def test_every_sparql_writer_uses_the_one_rule():
    """Named-query parameters, the gaps' queries and the explorer's write the same terms."""
    from kg.gaps.facts import ref
    from kg.queries import sparql_term

    for text in HOSTILE_TEXTS:
        assert sparql_term(text, "string") == nt_literal(text)
    for iri in GOOD_IRIS:
        assert sparql_term(iri, "iri") == ref(iri) == nt_iri(iri)
    for bad in ("https://ex.org/a b", "x> } DROP ALL {", "https://ex.org/%zz"):
        with pytest.raises(QueryError):
            sparql_term(bad, "iri")
        with pytest.raises(QueryError):
            ref(bad)
