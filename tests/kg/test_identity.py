"""kg.identity: likely duplicates in the store and merges written as a source of their own."""

from __future__ import annotations

from kg.identity import MERGES_SOURCE_ID, OWL_SAME_AS, duplicates, merge_source
from kg.namespaces import ANC, SKOS, entity, graph_iri
from kg.sources import Source
from kg.store import Store, write_sources

LILLE = "https://w3id.org/ancrage/id/territory/commune/59350"
CAT = "https://w3id.org/ancrage/concept/category/"


def actor(key, label, category, siren=None):
    a = entity("actor", key)
    lines = [f"<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ANC.Organisation}> .",
             f'<{a}> <{SKOS.prefLabel}> "{label}"@fr .', f"<{a}> <{ANC.category}> <{CAT}{category}> .",
             f"<{a}> <{ANC.locatedIn}> <{LILLE}> ."]
    if siren:
        lines.append(f'<{a}> <{ANC.siren}> "{siren}" .')
    return lines


def scene():
    one = actor("ccas-lille", "CCAS de Lille", "collectivite-commune")
    two = actor("ccas-de-lille", "C.C.A.S. de Lille", "collectivite-commune", siren="265900017")
    three = actor("ccas-lille-3", "CCAS de LILLE", "collectivite-commune")
    four = actor("centre-lille", "Centre communal de Lille", "collectivite-commune", siren="265900017")
    other_family = actor("ccas-lille-asso", "CCAS de Lille", "association-caritative")
    return [Source.from_ntriples("a", "a", one + two + other_family), Source.from_ntriples("b", "b", three + four)]


def test_duplicates_by_official_id_then_name_on_the_same_territory_in_the_same_family():
    found = {(d.a.rsplit("/", 1)[-1], d.b.rsplit("/", 1)[-1], d.reason) for d in duplicates(Store.in_memory(scene()))}
    assert ("ccas-de-lille", "centre-lille", "official-id") in found
    assert ("ccas-lille", "ccas-lille-3", "name") in found
    assert not any("ccas-lille-asso" in (a, b) for a, b, _ in found)  # another category family


def test_a_merge_is_a_source_of_its_own_and_hides_the_pair(tmp_path):
    folder = tmp_path / "store"
    write_sources(folder, scene(), fresh=True)
    store = Store.open(folder)
    before = {g: store.count(graph=g) for g in ("https://w3id.org/ancrage/graph/a", "https://w3id.org/ancrage/graph/b")}
    a, b = str(entity("actor", "ccas-lille")), str(entity("actor", "ccas-lille-3"))
    write_sources(folder, [merge_source(store, [(a, b)])])
    store = Store.open(folder)
    assert store.ask(f"ASK {{ GRAPH <{graph_iri(MERGES_SOURCE_ID)}> {{ <{a}> <{OWL_SAME_AS}> <{b}> }} }}")
    assert {g: store.count(graph=g) for g in before} == before  # no other source edited
    assert not any({d.a, d.b} == {a, b} for d in duplicates(store))
    c, d = str(entity("actor", "ccas-de-lille")), str(entity("actor", "centre-lille"))
    write_sources(folder, [merge_source(store, [(d, c)])])  # merges add up
    store = Store.open(folder)
    assert store.ask(f"ASK {{ <{a}> <{OWL_SAME_AS}> <{b}> }}") and store.ask(f"ASK {{ <{c}> <{OWL_SAME_AS}> <{d}> }}")
