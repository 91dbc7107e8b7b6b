"""The per-store-version index (kg.gaps.index) changes how the store is read, never what is found:
check and suggest give the same reports with the index (in memory or read back from disk) as
through SPARQL alone (the path of a remote endpoint)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.kg.gaps.test_suggest import scene
from kg import ontology
from kg.gaps import check, committees, index, suggest
from kg.gaps.facts import describe, national_bodies, territory_scope
from kg.gaps.suggest import _public_role_holders, legitimacy_figures, neighbours
from kg.store import Store, write_sources
from loaders import seed, synthetic

AT = dt.date(2025, 6, 30)


def sources():
    geo = synthetic.Geography.tiny()
    spec = synthetic.Spec(actors=700, relations=4_000, committees=6, seed=5)
    return [ontology.ontology_source(), seed.load(), geo.source(), synthetic.source(geo, spec)]


@pytest.fixture(scope="module")
def big():
    return Store.in_memory(sources())


def results(store, committee):
    report = check(store, committee, at=AT).to_dict()
    report_en = check(store, committee, at=AT, lang="en").to_dict()
    sugg = [s.to_dict() for s in suggest(store, committee, limit=None, at=AT)]
    return report, report_en, sugg


def test_synthetic_and_seed_committees_same_with_and_without_index(big):
    every = list(committees(big))
    assert len(every) >= 6
    found_suggestions = 0
    for c in every:
        with index.without_index():
            assert index.index_for(big) is None
            expected = results(big, c)
        got = results(big, c)
        assert got == expected, c
        assert results(big, c) == expected, c  # the second call, from the kept facts
        found_suggestions += len(got[2])
    assert found_suggestions > 0  # the comparison covered real suggestions, not empty lists


def test_hand_computed_scene_same_with_and_without_index():
    store = scene().store()
    with index.without_index():
        expected = [s.to_dict() for s in suggest(store, "nord", limit=None)], check(store, "nord").to_dict()
    assert ([s.to_dict() for s in suggest(store, "nord", limit=None)], check(store, "nord").to_dict()) == expected


def test_each_lookup_equals_its_sparql_query(big):
    idx = index.index_for(big)
    actors = sorted(idx.neighbours)[:400] + ["https://w3id.org/ancrage/id/actor/not-there"]
    territories = sorted(idx.located)[:60]
    persons = [r[0] for r in big.select("SELECT ?p WHERE { ?p a anc:PublicRolePerson }").rows]
    with index.without_index():
        expected = (neighbours(big, actors), describe(big, actors[:100]), national_bodies(big),
                    legitimacy_figures(big), _public_role_holders(big, persons),
                    [territory_scope(big, t) for t in territories])
    got = (neighbours(big, actors), describe(big, actors[:100]), national_bodies(big), legitimacy_figures(big),
           _public_role_holders(big, persons), [territory_scope(big, t) for t in territories])
    assert got == expected
    assert any(expected[0].values()) and expected[2] and expected[3] and expected[4]


def test_index_reads_the_parts_written_with_each_source(tmp_path):
    from kg.read import model as read_model

    folder = tmp_path / "store"
    write_sources(folder, sources(), fresh=True)
    store = Store.open(folder)
    every = list(committees(store))
    with index.without_index():
        expected = {c: results(store, c) for c in every[:3]}
    first = index.index_for(store)
    assert len(list((folder / "parts" / store.version).glob("*.part"))) == len(store.named_graphs())
    assert (folder / "parts" / store.version / read_model.COMBINED).is_file()  # combined by the write
    read_model.clear_memory()
    again = index.index_for(Store.open(folder))
    assert again is not first and again.neighbours == first.neighbours and again.located == first.located
    assert {c: results(store, c) for c in every[:3]} == expected
    # a new generation has its own parts; the old generation's go with it (once no reader holds it)
    old = store.version
    store.close()
    write_sources(folder, sources()[:3])
    newer = Store.open(folder)
    assert index.index_for(newer) is not None
    assert (folder / "parts" / newer.version).is_dir() and not (folder / "parts" / old).exists()
