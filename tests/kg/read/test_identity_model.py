"""The import's identity check (kg.identity.find_known) answered from the read model equals the
same check by plain SPARQL (a store without a read model), on the seed and on the 1 % graph."""

from __future__ import annotations

import pytest

from kg.gaps import index
from kg.identity import Candidate, families_of, find_known
from kg.namespaces import graph_iri
from kg.read import model as read_model
from kg.sources import Source
from kg.store import Store, write_sources


ANC = "https://w3id.org/ancrage/def#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
GEO = "http://www.opengis.net/ont/geosparql#"
NEW = "https://w3id.org/ancrage/id/actor/import-"


def candidates(store: Store, every: int) -> list[Candidate]:
    """Rows naming actors the store knows (their name in capitals or plural, their acronym, on
    their territory or the one containing it), and rows naming nobody."""
    rows = store.select(
        f"SELECT ?a ?l ?alt ?t ?up (GROUP_CONCAT(STR(?c); separator=' ') AS ?cats) WHERE {{ "
        f"?a <{ANC}locatedIn> ?t ; <{SKOS}prefLabel> ?l . OPTIONAL {{ ?a <{SKOS}altLabel> ?alt }} "
        f"OPTIONAL {{ ?t <{GEO}sfWithin> ?up }} OPTIONAL {{ ?a <{ANC}category> ?c }} }} "
        f"GROUP BY ?a ?l ?alt ?t ?up ORDER BY ?a ?l ?t ?up").rows
    out = []
    for i, (a, label, alt, t, up, cats) in enumerate(rows[::every]):
        families = families_of(c.rsplit("/", 1)[-1] for c in (cats or "").split()) if i % 3 else frozenset()
        name = str(label).upper() if i % 2 else f"{label}s"
        out.append(Candidate(f"{NEW}{i}", name, str(alt) if alt else None, families,
                             up if (up and i % 4 == 0) else t))
        out.append(Candidate(f"{NEW}nobody-{i}", f"Personne {i}", None, families, t))
    with_acronym = [r for r in rows if r[2]]
    for i, (a, label, alt, t, up, cats) in enumerate(with_acronym[::max(1, len(with_acronym) // 20)]):
        # known by its acronym only: on the very same territory, not on the one containing it
        out.append(Candidate(f"{NEW}acronym-{i}", f"Autre nom {i}", str(alt), frozenset(), t))
        if up:
            out.append(Candidate(f"{NEW}acronym-up-{i}", f"Autre nom {i}", str(alt), frozenset(), up))
    return out


def both_ways(store: Store, rows, skip=None):
    read_model.clear_memory()
    from_model = find_known(store, rows, skip)
    with index.without_index():
        by_sparql = find_known(store, rows, skip)
    return from_model, by_sparql


def test_the_model_answers_as_sparql_on_the_seed(seed_store):
    rows = candidates(seed_store, 3)
    from_model, by_sparql = both_ways(seed_store, rows)
    assert from_model == by_sparql
    assert {m.reason for m in by_sparql} >= {"name", "acronym"}


@pytest.mark.parametrize("skip", [None, "synthetic"])
def test_the_model_answers_as_sparql_on_the_one_percent_graph(one_percent, skip):
    store = Store.open(one_percent)
    rows = candidates(store, 40)
    skip_graph = str(graph_iri(skip)) if skip else None
    from_model, by_sparql = both_ways(store, rows, skip_graph)
    assert from_model == by_sparql
    assert len(by_sparql) > 20 and {m.reason for m in by_sparql} >= {"name", "acronym"}


def test_a_place_stated_only_in_the_file_imported_again_does_not_count(tmp_path):
    a, b = "https://w3id.org/ancrage/id/actor/a", "https://w3id.org/ancrage/id/actor/b"
    t = "https://w3id.org/ancrage/id/territory/commune/59350"

    def actor(iri):
        return [f'<{iri}> <{SKOS}prefLabel> "CCAS de Lille"@fr .', f"<{iri}> <{ANC}locatedIn> <{t}> ."]

    write_sources(tmp_path, [Source.from_ntriples("fichier", "f", actor(a) + actor(b)),
                             Source.from_ntriples("autre", "o", actor(b))], fresh=True)
    store = Store.open(tmp_path)
    row = [Candidate(NEW + "x", "CCAS de Lille", territory=t)]
    for found in both_ways(store, row, str(graph_iri("fichier"))):
        assert [m.known for m in found] == [b]  # a is placed by the skipped file only
