"""The read model (kg/read): parts written with each source, combined per generation; its answers
equal plain SPARQL's on the seed and on the 1 % synthetic graph; the analysis counts observed
relations only."""

from __future__ import annotations

import shutil

import pytest

from kg import projection
from kg.analysis import analyse
from kg.gaps import check, committees, index, suggest
from kg.gaps.facts import describe, national_bodies, territory_scope
from kg.gaps.suggest import _public_role_holders, legitimacy_figures, neighbours
from kg.read import model as read_model
from kg.read import parts
from kg.sources import Source
from kg.store import Store, write_sources

A = "https://w3id.org/ancrage/id/actor/"
ANC = "https://w3id.org/ancrage/def#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def fresh(folder) -> Store:
    read_model.clear_memory()
    return Store.open(folder)


def lookups(store, actors, territories, persons):
    return (neighbours(store, actors), describe(store, actors[:100]), national_bodies(store),
            legitimacy_figures(store), _public_role_holders(store, persons),
            [territory_scope(store, t) for t in territories])


def test_each_lookup_equals_sparql_on_the_one_percent_graph(one_percent):
    store = fresh(one_percent)
    idx = index.index_for(store)
    actors = sorted(idx.neighbours)[:300] + [A + "not-there"]
    territories = sorted(idx.located)[:40]
    persons = [r[0] for r in store.select("SELECT ?p WHERE { ?p a anc:PublicRolePerson }").rows]
    with index.without_index():
        expected = lookups(store, actors, territories, persons)
    assert lookups(store, actors, territories, persons) == expected
    assert any(expected[0].values()) and expected[2] and expected[5]


def test_checks_suggestions_and_network_equal_sparql_on_the_one_percent_graph(one_percent):
    store = fresh(one_percent)
    some = [c for c in committees(store) if "/syn-" in c][:5] + [c for c in committees(store) if "/syn-" not in c][:2]
    with index.without_index():
        expected = [(check(store, c).to_dict(), [s.to_dict() for s in suggest(store, c, limit=None)]) for c in some]
    got = [(check(store, c).to_dict(), [s.to_dict() for s in suggest(store, c, limit=None)]) for c in some]
    assert got == expected and len(some) == 7 and any(e[1] for e in expected)
    sparql = projection._build_actor_network(store)
    fast = projection.actor_network(fresh(one_percent))
    assert list(fast.nodes(data=True)) == list(sparql.nodes(data=True))
    assert list(fast.edges(data=True)) == list(sparql.edges(data=True)) and sparql.number_of_edges() > 1000


@pytest.mark.parametrize("observed_only", [True, False])
def test_the_analysis_graph_from_the_arrays_equals_the_one_from_networkx(one_percent, observed_only):
    """``analyse`` builds its igraph graph from the model's arrays (no 940,000-tuple sort of the
    networkx edges): vertices, edges and weights are those of ``to_igraph(actor_network())``."""
    from kg.analysis.centrality import to_igraph

    store = fresh(one_percent)
    expected, names = to_igraph(projection.actor_network(store, observed_only=observed_only))
    got, got_names = read_model.model_for(store).actor_igraph(observed_only=observed_only)
    assert got_names == names == got.vs["name"] and got.vcount() == expected.vcount() > 1000
    assert got.get_edgelist() == expected.get_edgelist() and got.es["weight"] == expected.es["weight"]
    assert expected.ecount() > 1000


def test_a_write_derives_its_own_graph_and_links_the_others(tmp_path, seed_sources, monkeypatch):
    folder = tmp_path / "store"
    write_sources(folder, seed_sources, fresh=True)
    before = Store.open(folder)
    derived = []
    original = parts.Builder.part
    monkeypatch.setattr(parts.Builder, "part", lambda self: derived.append(self.graph) or original(self))
    extra = Source.from_ntriples("extra", "Extra", [
        f"<{A}x> {TYPE} <{ANC}Organisation> .", f"<{A}x> <{ANC}accompanies> <{A}ansa> ."])
    write_sources(folder, [extra])
    after = Store.open(folder)
    assert derived == [str(extra.graph)]  # 30 rows derive 30 rows, not the nation
    for graph in before.named_graphs():
        name = parts.file_name(graph)
        assert (folder / "parts" / after.version / name).stat().st_ino == \
            (folder / "parts" / before.version / name).stat().st_ino
    # the model from the parts is the model derived afresh from every graph of the store
    from_parts = read_model.model_for(fresh(folder)).actor_network()
    shutil.rmtree(folder / "parts" / after.version)
    rebuilt = read_model.model_for(fresh(folder)).actor_network()
    assert list(from_parts.edges(data=True)) == list(rebuilt.edges(data=True))
    assert from_parts.has_edge(A + "x", A + "ansa")
    assert (folder / "parts" / after.version / parts.file_name(str(extra.graph))).exists()  # written back


def _rows(part):
    """A part's triples as strings, in no particular order, every blank node written ``_:`` (their
    labels are the loader's own), and how many distinct blank nodes it has."""
    text = part.strings

    def term(i):
        return "_:" if text[i].startswith("_:") else text[i]
    blanks = {text[i] for i in [*part.s.tolist(), *part.o.tolist()] if text[i].startswith("_:")}
    return sorted(zip(map(term, part.s), part.p.tolist(), map(term, part.o), part.kind.tolist(),
                      (text[i] for i in part.lang))), len(blanks)


def test_the_part_read_from_the_chunks_is_the_part_of_the_graph_in_the_store(tmp_path, one_percent):
    """The part a write makes from its N-Triples (parsed leniently, alongside the strict bulk load)
    holds what the stored graph holds: blank nodes, language tags, typed and plain literals,
    escapes and non-ASCII IRIs included."""
    import pyoxigraph as ox

    tricky = Source.from_ntriples("tricky", "Tricky", [
        f"<{A}é-x> {TYPE} <{ANC}Association> .",
        f'<{A}é-x> <http://www.w3.org/2004/02/skos/core#prefLabel> "Maison \\"Ça\\" \\u00e9\\n"@fr .',
        f'<{A}é-x> <http://www.w3.org/2004/02/skos/core#prefLabel> "House"@en-GB .',
        f"_:m1 {TYPE} <http://www.w3.org/ns/org#Membership> .",
        f"_:m1 <http://www.w3.org/ns/org#member> <{A}é-x> .",
        "_:m1 <http://www.w3.org/ns/org#organization> _:c .",
        '_:m1 <https://schema.org/startDate> "2019-03-01"^^<http://www.w3.org/2001/XMLSchema#date> .',
        f'<{A}é-x> <{ANC}category> "plain" .'])
    folder = tmp_path / "store"
    shutil.copytree(one_percent, folder, symlinks=True)
    write_sources(folder, [tricky])
    store = Store.open(folder)
    written = read_model.load_parts(store)
    assert len(written) >= 4
    oxi = ox.Store.read_only(str((folder / "current").resolve()))
    for part in written:
        assert _rows(part) == _rows(parts.derive(oxi, part.graph)), part.graph
    mine = next(p for p in written if p.graph == str(tricky.graph))
    assert _rows(mine)[1] == 2 and any(t.startswith('Maison "Ça" é') for t in mine.strings)
    # the same blank label in another source (another N-Triples document) is another node
    again = Source.from_ntriples("again", "Again", ["_:m1 <http://www.w3.org/ns/org#member> <https://x.org/y> ."])
    write_sources(folder, [again])
    model = read_model.model_for(Store.open(folder))
    members, _ = model.pairs("http://www.w3.org/ns/org#member", object_kinds=(parts.IRI,))
    assert len({model.strings[i] for i in members if model.strings[i].startswith("_:")}) == 2


def _answers(model):
    idx = model.gaps_index()
    g = model.actor_network()
    return (dict(idx.neighbours), dict(idx.located), dict(idx.within), idx.public_roles, idx.actors,
            list(g.nodes(data=True)), list(g.edges(data=True)))


def test_a_cold_reader_loads_the_model_the_write_combined(tmp_path, seed_sources, monkeypatch):
    """The write keeps the combined model of its generation: a cold process reads arrays and does
    not combine the parts again (on the national store: seconds), with the same answers."""
    folder = tmp_path / "store"
    write_sources(folder, seed_sources, fresh=True)
    combined = folder / "parts" / Store.open(folder).version / read_model.COMBINED
    assert combined.is_file()
    expected = _answers(read_model.ReadModel(Store.open(folder).version, read_model.load_parts(fresh(folder))))

    def no_combining(*a, **k):
        raise AssertionError("combined again")

    with monkeypatch.context() as m:
        m.setattr(read_model.ReadModel, "__init__", no_combining)
        loaded = read_model.model_for(fresh(folder))
        assert _answers(loaded) == expected and loaded.strings.tolist() == sorted(set(loaded.strings.tolist()))


@pytest.mark.parametrize("damage", ["payload", "part derived again", "missing"])
def test_a_tampered_or_stale_combined_model_is_rebuilt(tmp_path, seed_sources, caplog, damage):
    folder = tmp_path / "store"
    write_sources(folder, seed_sources, fresh=True)
    store = Store.open(folder)
    combined = folder / "parts" / store.version / read_model.COMBINED
    expected = _answers(read_model.model_for(fresh(folder)))
    if damage == "payload":  # a string changed: the checksum no longer matches
        data = combined.read_bytes()
        at = data.index(b"https://w3id.org/ancrage/id/", data.index(b"\n") + 1)
        combined.write_bytes(data[:at] + b"X" + data[at + 1:])
    elif damage == "part derived again":  # its parts are not those the file was made from
        part = folder / "parts" / store.version / parts.file_name(store.named_graphs()[0])
        part.unlink()
    else:
        combined.unlink()
    stamp = combined.stat().st_mtime_ns if combined.exists() else None
    assert _answers(read_model.model_for(fresh(folder))) == expected
    assert combined.is_file() and combined.stat().st_mtime_ns != stamp  # written again
    if damage == "payload":
        assert "sha256" in caplog.text


def test_a_failed_write_leaves_no_parts_behind(tmp_path, seed_sources):
    folder = tmp_path / "store"
    write_sources(folder, seed_sources, fresh=True)

    def broken():
        yield b'<https://ex.org/a> <https://ex.org/p> "ok" .\n'
        raise RuntimeError("source failed half-way")

    bad = Source("bad", "Bad", lambda: broken())
    with pytest.raises(RuntimeError):
        write_sources(folder, [bad])
    current = Store.open(folder).version
    assert sorted(p.name for p in (folder / "parts").iterdir()) == [current]


def test_analysis_counts_observed_relations_only():
    """An expected flow (statement status ``attendu``) is drawn on the map but is no link for the
    analysis; before the read model, analyse counted it as an edge."""
    flow, expected = "https://w3id.org/ancrage/id/flow/", "https://w3id.org/ancrage/concept/statement-status/attendu"
    nt = [f"<{A}{x}> {TYPE} <{ANC}Organisation> ." for x in "abc"]
    nt += [f"<{flow}f1> {TYPE} <{ANC}InformationFlow> .", f"<{flow}f1> <{ANC}flowFrom> <{A}a> .",
           f"<{flow}f1> <{ANC}flowTo> <{A}b> .", f"<{flow}f1> <{ANC}statementStatus> <{expected}> .",
           f"<{flow}f2> {TYPE} <{ANC}InformationFlow> .", f"<{flow}f2> <{ANC}flowFrom> <{A}b> .",
           f"<{flow}f2> <{ANC}flowTo> <{A}c> ."]
    store = Store.in_memory([Source.from_ntriples("t", "t", nt)])
    g = projection.actor_network(store)
    assert g.edges[A + "a", A + "b"]["observed"] == 0 and g.edges[A + "a", A + "b"]["unobserved"] == [flow + "f1"]
    result = analyse(store, use_cache=False)
    degree = dict(zip(result.actors["iri"], result.actors["degree"]))
    assert degree[A + "a"] == 0 and degree[A + "c"] == 1
    assert not projection.actor_network(store, observed_only=True).has_edge(A + "a", A + "b")


def test_observed_network_from_the_model_equals_the_filtered_one(one_percent):
    store = fresh(one_percent)
    from kg.read.model import observed_network

    whole = projection.actor_network(store)
    assert any(e["observed"] < e["weight"] for _, _, e in whole.edges(data=True))  # the graph has some
    direct, filtered = projection.actor_network(store, observed_only=True), observed_network(whole)
    assert sorted(direct.edges(data="weight")) == sorted(filtered.edges(data="weight"))
    assert sorted(direct.edges(data="relations")) == sorted(filtered.edges(data="relations"))
