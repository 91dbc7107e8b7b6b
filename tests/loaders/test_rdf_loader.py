"""The RDF loader (loaders/rdf.py): Turtle, N-Triples and JSON-LD files as sources."""

from __future__ import annotations

import json

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic

import kg.sources
from kg.errors import LoadError, PrivacyError
from kg.namespaces import ANCD, graph_iri
from kg.read import parts
from kg.store import Store, write_sources
from loaders import rdf, seed

TURTLE = """@prefix ex: <https://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:comite skos:prefLabel "Comité de L'Haÿ-les-Roses"@fr ;
    ex:membre [ skos:prefLabel "Groupe ressource"@fr ] ;
    ex:effectif 12 .
"""
NTRIPLES = """<https://example.org/comite> <http://www.w3.org/2004/02/skos/core#prefLabel> "Comité de L'Haÿ-les-Roses"@fr .
<https://example.org/comite> <https://example.org/membre> _:g .
_:g <http://www.w3.org/2004/02/skos/core#prefLabel> "Groupe ressource"@fr .
<https://example.org/comite> <https://example.org/effectif> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""
JSONLD = json.dumps({
    "@context": {"ex": "https://example.org/", "skos": "http://www.w3.org/2004/02/skos/core#"},
    "@id": "ex:comite",
    "skos:prefLabel": {"@value": "Comité de L'Haÿ-les-Roses", "@language": "fr"},
    "ex:membre": {"skos:prefLabel": {"@value": "Groupe ressource", "@language": "fr"}},
    "ex:effectif": 12,
}, ensure_ascii=False, indent=1)


GENID = str(ANCD) + "genid/"


def _graph(store: Store, source_id: str) -> Graph:
    """The triples a source brought, without the description of the source (the anc:Dataset),
    skolem IRIs back as blank nodes (RDF 1.1 §3.5: the same graph as the file's)."""
    g = store.rdflib_graph(graph_iri(source_id))
    g.remove((graph_iri(source_id), None, None))
    out = Graph()
    for triple in g:
        out.add(tuple(BNode(str(term)[len(GENID):].replace("/", "_")) if isinstance(term, URIRef)
                      and str(term).startswith(GENID) else term for term in triple))
    return out


@pytest.fixture()
def files(tmp_path):
    paths = {}
    for name, text in (("comite.ttl", TURTLE), ("comite.nt", NTRIPLES), ("comite.jsonld", JSONLD)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths[name.rsplit(".", 1)[1]] = path
    return paths


def test_turtle_ntriples_and_json_ld_give_the_same_graph(files):
    sources = [rdf.load(files[ext], source_id=f"t-{ext}") for ext in ("ttl", "nt", "jsonld")]
    assert [s.records for s in sources] == [4, 4, 4]
    store = Store.in_memory(sources)
    graphs = [_graph(store, s.id) for s in sources]
    assert all(len(g) == 4 for g in graphs)
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[1], graphs[2])
    label = store.select("SELECT DISTINCT ?l WHERE { <https://example.org/comite> skos:prefLabel ?l }").rows
    assert label == [("Comité de L'Haÿ-les-Roses",)]


def test_each_file_is_its_own_named_graph_with_its_description(files, tmp_path):
    src = rdf.load(files["ttl"])
    assert src.id == "rdf-comite" and src.path == str(files["ttl"])
    write_sources(tmp_path / "store", [src], fresh=True)
    store = Store.open(tmp_path / "store")
    assert store.named_graphs() == [str(graph_iri("rdf-comite"))]
    rows = store.select("SELECT ?n ?f WHERE { ?d a anc:Dataset ; anc:recordCount ?n ; prov:wasDerivedFrom ?f }").rows
    assert rows == [(4, str(files["ttl"]))]


def test_blank_nodes_of_two_files_stay_distinct(tmp_path):
    for name in ("a.nt", "b.nt"):
        (tmp_path / name).write_text('_:b1 <https://example.org/p> "%s" .\n' % name, encoding="utf-8")
    store = Store.in_memory([rdf.load(tmp_path / "a.nt"), rdf.load(tmp_path / "b.nt")])
    subjects = store.select("SELECT DISTINCT ?s WHERE { ?s <https://example.org/p> ?o }").rows
    assert len(subjects) == 2


@pytest.mark.parametrize("name, text, line", [
    ("bad.ttl", "@prefix ex: <https://example.org/> .\nex:a ex:p ex:b .\nex:a ex:p .\n", 3),
    ("bad.nt", '<https://example.org/a> <https://example.org/p> "x" .\n<https://example.org/a> "p" "y" .\n', 2),
    ("bad.jsonld", '{\n  "@id": "https://example.org/a",\n  "https://example.org/p": [1, 2,\n}\n', 4),
])
def test_a_syntax_error_names_the_file_and_the_line(tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        rdf.load(path)
    err = info.value
    assert err.file == str(path) and err.line == line
    assert f"{path}, line {line}: RDF syntax error" in str(err)


def test_a_remote_json_ld_context_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "https://schema.org/", "@id": "https://example.org/a", "name": "x"}',
                    encoding="utf-8")
    with pytest.raises(LoadError, match="context inline"):
        rdf.load(path)


def test_an_unknown_extension_lists_the_valid_ones(tmp_path):
    path = tmp_path / "graph.rdfx"
    path.write_text("", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        rdf.load(path)
    assert info.value.found == ".rdfx"
    for ext in (".ttl", ".nt", ".jsonld", ".json"):
        assert ext in str(info.value)


def test_an_explicit_format_overrides_the_extension(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text(TURTLE, encoding="utf-8")
    assert rdf.load(path, format="turtle", source_id="x").records == 4
    with pytest.raises(LoadError, match="unknown RDF format"):
        rdf.load(path, format="rdf/xml")


def test_a_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(LoadError, match="file not found"):
        rdf.load(tmp_path / "absent.ttl")


def test_parse_takes_text_or_bytes():
    assert len(list(rdf.parse(TURTLE, "turtle"))) == 4
    assert len(list(rdf.parse(NTRIPLES.encode("utf-8"), "nt"))) == 4
    assert len(list(rdf.parse(JSONLD, "json-ld"))) == 4


def test_the_seed_round_trips_through_a_turtle_file(tmp_path):
    original = seed.graph(seed.read_documents())
    path = tmp_path / "seed.ttl"
    original.serialize(path, format="turtle", encoding="utf-8")
    store = Store.in_memory([rdf.load(path, source_id="seed-copy")])
    assert isomorphic(_graph(store, "seed-copy"), original)


# -- privacy: personal data is quarantined with its resource, the rest of the file kept --------------

EX = "https://example.org/"
P_NOTE = "https://example.org/note"
PERSONAL_NT = f"""# an export with personal data in some records
<{EX}comite> <http://www.w3.org/2004/02/skos/core#prefLabel> "Comité du Nord"@fr .
<{EX}a> <{P_NOTE}> "Écrire à jean.dupont@exemple.fr" .
<{EX}b> <{P_NOTE}> "Tél. 06 12 34 56 78" .

<{EX}c> <{P_NOTE}> "NIR 2-55-08-14-168-025-38" .
<{EX}d> <{EX}contact> <mailto:marie.curie@exemple.fr> .
<{EX}e> <{EX}contact> <tel:+33612345678> .
<{EX}f> <http://www.w3.org/2004/02/skos/core#prefLabel> "Asso\u202etxt.exe" .
<{EX}comite> <{EX}membre> <{EX}a> .
<{EX}comite> <{EX}effectif> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .
<{EX}a> <http://www.w3.org/2004/02/skos/core#prefLabel> "Accueil de jour" .
"""
#: subject -> (line, predicate, masked value, the value in full, words of the French then English reason)
REFUSED = {
    "a": (3, P_NOTE, "je…@exemple.fr", "jean.dupont@exemple.fr", ("adresse électronique", "e-mail address")),
    "b": (4, P_NOTE, "06…", "06 12 34 56 78", ("numéro de téléphone", "phone number")),
    "c": (6, P_NOTE, "2-…", "2-55-08-14-168-025-38", ("sécurité sociale", "social-security")),
    "d": (7, EX + "contact", "mailto:…", "marie.curie", ("adresse électronique", "e-mail address")),
    "e": (8, EX + "contact", "tel:…", "612345678", ("numéro de téléphone", "phone number")),
    "f": (9, "http://www.w3.org/2004/02/skos/core#prefLabel", "Asso\\u202etxt.exe", None,
          ("caractère invisible de direction", "invisible text-direction")),
}


def _subjects(store: Store, source_id: str) -> set[str]:
    rows = store.select(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph_iri(source_id)}> {{ ?s ?p ?o }} }}").rows
    return {str(s) for (s,) in rows} - {str(graph_iri(source_id))}


def test_each_kind_of_personal_data_is_refused_with_its_line_and_masked_value(tmp_path):
    path = tmp_path / "export.nt"
    path.write_text(PERSONAL_NT, encoding="utf-8")
    src = rdf.load(path)
    found = {p.subject.strip("<>")[len(EX):]: p for p in src.problems}
    assert sorted(found) == sorted(REFUSED) and len(src.problems) == len(REFUSED)
    for key, (line, field, masked, full, (fr, en)) in REFUSED.items():
        p = found[key]
        assert isinstance(p, PrivacyError)
        assert (p.file, p.line, p.field, p.found) == (str(path), line, field, masked)
        text = str(p)
        assert text.startswith(f"{path}, line {line}, subject <{EX}{key}>, field '{field}': ")
        assert fr in text and en in text and text.index(fr) < text.index(en)  # French first
        assert "quarantaine" in text and "quarantined" in text
        if full:
            assert full not in text  # never the personal data in full
    # the triples holding personal data are left out, every other statement is kept
    assert src.records == 4
    store = Store.in_memory([src])
    assert _subjects(store, src.id) == {EX + "comite", EX + "a"}
    assert store.select(f"SELECT ?n WHERE {{ <{EX}comite> <{EX}effectif> ?n }}").rows == [(12,)]
    assert store.select(f"SELECT ?l WHERE {{ <{EX}comite> <{EX}membre>/skos:prefLabel ?l }}").rows == [
        ("Accueil de jour",)]
    assert store.select(f"SELECT ?o WHERE {{ <{EX}a> <{P_NOTE}> ?o }}").rows == []


def _turtle(tmp_path, name: str, body: str):
    path = tmp_path / name
    path.write_text("@prefix ex: <https://example.org/> .\n@prefix anc: <https://w3id.org/ancrage/def#> .\n"
                    "@prefix cat: <https://w3id.org/ancrage/concept/category/> .\n"
                    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix schema: <https://schema.org/> .\n"
                    + body, encoding="utf-8")
    return path


def test_turtle_and_json_ld_problems_name_the_subject_and_the_predicate(tmp_path):
    ttl = _turtle(tmp_path, "t.ttl", 'ex:ok skos:prefLabel "CCAS de Lille"@fr .\n'
                                     'ex:bad ex:note "Contact : marie.martin@exemple.fr" .\n'
                                     'ex:ok ex:contact [ ex:tel "0612345678" ] .\n')
    src = rdf.load(ttl)
    assert [(p.line, p.subject, p.field, p.found) for p in src.problems] == [
        (None, "<https://example.org/bad>", EX + "note", "ma…@exemple.fr"),
        (None, "nœud anonyme [ ] / anonymous node [ ]", EX + "tel", "06…")]
    store = Store.in_memory([src])
    assert _subjects(store, src.id) == {EX + "ok"}  # the anonymous node's only triple is left out
    jsonld = tmp_path / "t.jsonld"
    jsonld.write_text(json.dumps({"@id": EX + "x", EX + "note": "né le 3 mars 1985",
                                  EX + "membre": {"@id": "_:m", EX + "name": "Groupe ressource"}}), encoding="utf-8")
    src = rdf.load(jsonld)
    assert [(p.subject, p.field, p.found) for p in src.problems] == [(f"<{EX}x>", EX + "note", "né…")]
    assert _subjects(Store.in_memory([src]), src.id) == {EX + "x", GENID + "rdf-t/b-m"}


def test_a_group_of_people_receiving_support_is_never_a_named_person(tmp_path):
    path = _turtle(tmp_path, "groupes.ttl", """
ex:g1 skos:prefLabel "Jean DUPONT"@fr .
ex:g1 a anc:Group .
ex:g2 a anc:Group ; skos:prefLabel "Groupe ressource RSA"@fr ;
      skos:definition "Animé avec Yasmine Benali depuis 2019."@fr ; anc:category cat:personnes-accompagnees .
ex:g3 a anc:Group ; skos:prefLabel "Personnes accompagnées du CCAS de Lille"@fr ;
      anc:category cat:personnes-accompagnees .
ex:org skos:prefLabel "Fédération des centres sociaux"@fr ;
       skos:definition "Présidée par Yasmine Benali."@fr .
ex:comite ex:membre ex:g1 , ex:g2 , ex:g3 .
ex:g1 anc:category cat:personnes-accompagnees .
""")
    src = rdf.load(path)
    problems = {p.subject: p for p in src.problems}
    assert sorted(problems) == [f"<{EX}g1>", f"<{EX}g2>"]
    g1, g2 = problems[f"<{EX}g1>"], problems[f"<{EX}g2>"]
    assert (g1.field, g1.found) == ("http://www.w3.org/2004/02/skos/core#prefLabel", "Jea…")
    assert "personnes accompagnées n'apparaissent que comme groupes" in str(g1) and "groupe" in g1.expected
    assert (g2.field, g2.found) == ("http://www.w3.org/2004/02/skos/core#definition", "Ya…")
    assert "Dupont" not in str(g1).title() and "Benali" not in str(g2)
    store = Store.in_memory([src])
    # g1 is a person: left out whole, with the link to it; g2 loses its definition only; an
    # organisation may name its president
    assert _subjects(store, src.id) == {EX + "g2", EX + "g3", EX + "org", EX + "comite"}
    members = store.select(f"SELECT ?m WHERE {{ <{EX}comite> <{EX}membre> ?m }} ORDER BY ?m").rows
    assert members == [(EX + "g2",), (EX + "g3",)]
    assert store.select(f"SELECT ?d WHERE {{ <{EX}g2> skos:definition ?d }}").rows == []
    assert "groupe et les liens vers lui" in str(g1) and "ce triplet" in str(g2)


def test_a_person_is_kept_only_in_a_public_role(tmp_path):
    path = _turtle(tmp_path, "personnes.ttl", """
ex:p1 a foaf:Person ; foaf:name "Marie Martin" .
ex:p2 a schema:Person ; schema:name "Paul Durand" .
ex:p3 a foaf:Person ; foaf:name "Martine Aubry" ; anc:category cat:elus .
ex:p4 a anc:PublicRolePerson ; skos:prefLabel "Corinne Michel"@fr .
ex:p5 a foaf:Person ; anc:category cat:personnes-accompagnees .
""")
    src = rdf.load(path)
    got = {p.subject: (p.line, p.field, p.found) for p in src.problems}
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert got == {f"<{EX}p1>": (None, rdf_type, "<http://xmlns.com/foaf/0.1/Person>"),
                   f"<{EX}p2>": (None, rdf_type, "<https://schema.org/Person>"),
                   f"<{EX}p5>": (None, rdf_type, "<http://xmlns.com/foaf/0.1/Person>")}
    p1 = next(p for p in src.problems if p.subject == f"<{EX}p1>")
    assert "personne privée" in str(p1) and "private person" in str(p1) and "elus" in p1.expected
    assert "Martin" not in str(p1)
    p5 = next(p for p in src.problems if p.subject == f"<{EX}p5>")
    assert "personnes accompagnées n'apparaissent que comme groupes" in str(p5)
    assert _subjects(Store.in_memory([src]), src.id) == {EX + "p3", EX + "p4"}


def test_a_clean_file_is_loaded_unchanged(files):
    for ext in ("ttl", "nt", "jsonld"):
        src = rdf.load(files[ext], source_id=f"c-{ext}")
        assert src.problems == [] and src.records == 4
        store = Store.in_memory([src])
        assert isomorphic(_graph(store, src.id), Graph().parse(files["nt"], format="nt"))


def test_the_store_write_counts_the_quarantined_problems(tmp_path):
    path = tmp_path / "export.nt"
    path.write_text(PERSONAL_NT, encoding="utf-8")
    src = rdf.load(path)
    write_sources(tmp_path / "store", [src], fresh=True)
    store = Store.open(tmp_path / "store")
    rows = store.select("SELECT ?n ?r WHERE { ?d a anc:Dataset ; anc:recordCount ?n ; anc:rejectedCount ?r }").rows
    assert rows == [(4, len(REFUSED))]
    assert _subjects(store, src.id) == {EX + "comite", EX + "a"}
    dump = "\n".join(str(v) for row in store.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows for v in row)
    for *_, full, _words in REFUSED.values():
        assert full is None or full not in dump


# -- blank nodes: one node, whatever the chunks -------------------------------------------------------

STRADDLING = """@prefix ex: <https://example.org/> .
@prefix anc: <https://w3id.org/ancrage/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:comite ex:membre [ a anc:Group ; skos:prefLabel "Groupe ressource"@fr ; skos:altLabel "GR"@fr ] .
ex:comite ex:partenaire _:p .
_:p skos:prefLabel "Collectif des usagers"@fr .
ex:autre ex:note "x" .
_:p a anc:Group .
"""


def test_a_blank_node_whose_triples_straddle_two_chunks_is_one_node(tmp_path, monkeypatch):
    monkeypatch.setattr(rdf, "BATCH", 2)  # items of 2 triples...
    monkeypatch.setattr(kg.sources, "CHUNK_BYTES", 1)  # ...each its own N-Triples document for the bulk loader
    path = tmp_path / "nested.ttl"
    path.write_text(STRADDLING, encoding="utf-8")
    src = rdf.load(path)
    assert len(list(src.ntriple_chunks())) == 4
    version = write_sources(tmp_path / "store", [src], fresh=True)
    store = Store.open(tmp_path / "store")
    rows = store.select(f"""SELECT ?rel ?label ?alt WHERE {{ <{EX}comite> ?rel ?g . ?g a anc:Group ;
        skos:prefLabel ?label . OPTIONAL {{ ?g skos:altLabel ?alt }} }} ORDER BY ?rel""").rows
    assert rows == [(EX + "membre", "Groupe ressource", "GR"), (EX + "partenaire", "Collectif des usagers", None)]
    # the read model sees the same nodes (its part is read from the same chunks)
    part = parts.load(parts.folder_of(tmp_path / "store", version), str(graph_iri(src.id)))
    typed = {s for s, o, _l in part.values("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") if o.endswith("#Group")}
    labelled = {s for s, _o, _l in part.values("http://www.w3.org/2004/02/skos/core#prefLabel")}
    assert typed == labelled and len(typed) == 2 and all(s.startswith(GENID + "rdf-nested/") for s in typed)
    # the same file read again gives the same IRIs (one load, several reads)
    assert b"".join(src.ntriple_chunks()) == b"".join(src.ntriple_chunks())


def test_n_triples_lines_are_counted_across_reading_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(rdf, "LINE_BATCH", 3)  # the file is checked 3 lines at a time
    path = tmp_path / "export.nt"
    path.write_text(PERSONAL_NT, encoding="utf-8")
    assert sorted(p.line for p in rdf.load(path).problems) == sorted(line for line, *_ in REFUSED.values())
    bad = tmp_path / "bad.nt"
    bad.write_text(PERSONAL_NT + '<https://example.org/z> "p" "y" .\n', encoding="utf-8")
    with pytest.raises(LoadError) as info:
        rdf.load(bad)
    assert info.value.line == PERSONAL_NT.count("\n") + 1
