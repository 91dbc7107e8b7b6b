"""Projections: the property graph follows the mapping; the actor network is what analysts expect."""

from __future__ import annotations

from kg import projection
from kg.mapping import MARKER, rel_type
from kg.read import parts


def test_read_model_network_is_the_sparql_one(seed_store):
    """The network from the read model's parts equals the one a remote store gets through SPARQL:
    nodes, edges, attributes and their order."""
    sparql = projection._build_actor_network(seed_store)
    fast = projection.actor_network(seed_store)
    assert list(fast.nodes(data=True)) == list(sparql.nodes(data=True))
    assert list(fast.edges(data=True)) == list(sparql.edges(data=True)) and sparql.number_of_edges() > 20


def test_actor_network_links_the_ansa_to_the_four_committees(seed_store):
    g = projection.actor_network(seed_store)
    ansa = "https://w3id.org/ancrage/id/actor/ansa"
    committees = [n for n in g.neighbors(ansa) if g.nodes[n]["kind"] == "LocalCommittee"]
    assert len(committees) == 4
    assert all("accompaniment" in g.edges[ansa, c]["kinds"] for c in committees)


def test_event_participants_are_not_linked_to_each_other(seed_store):
    """anc:participant also lists who attended a seminar; that is no partnership."""
    g = projection.actor_network(seed_store)
    for _, _, data in g.edges(data=True):
        for rel in data["relations"]:
            assert "/event/" not in rel


def test_property_graph_uses_the_shared_mapping(seed_store):
    pg = projection.property_graph(seed_store)
    hcts = pg.nodes["https://w3id.org/ancrage/id/actor/hcts"]
    assert "Organisation" in hcts["labels"] and hcts["prefLabel_fr"] == "Haut Conseil du travail social"
    types = {k for _, _, k in pg.edges(keys=True)}
    assert {rel_type("https://w3id.org/ancrage/def#locatedIn"), "MEMBER", "ORGANIZATION"} <= types
    assert MARKER == "Ancrage"


def test_actor_network_follows_the_store_version(tmp_path, seed_sources):
    import networkx as nx

    from kg.sources import Source
    from kg.store import Store, write_sources

    write_sources(tmp_path, seed_sources, fresh=True)
    store = Store.open(tmp_path)
    first = projection.actor_network(store)
    assert nx.utils.graphs_equal(projection.actor_network(store), first)
    # a new generation (one more partnership) gets a new network, never the stale one
    extra = Source.from_ntriples("extra", "Extra", [
        "<https://w3id.org/ancrage/id/partnership/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#Partnership> .",
        "<https://w3id.org/ancrage/id/partnership/x> <https://w3id.org/ancrage/def#participant> <https://w3id.org/ancrage/id/actor/ansa> .",
        "<https://w3id.org/ancrage/id/partnership/x> <https://w3id.org/ancrage/def#participant> <https://w3id.org/ancrage/id/actor/cnfpt> ."])
    write_sources(tmp_path, [extra])
    newer = Store.open(tmp_path)
    g = projection.actor_network(newer)
    assert g.has_edge("https://w3id.org/ancrage/id/actor/ansa", "https://w3id.org/ancrage/id/actor/cnfpt")
    assert "partnership" in g.edges["https://w3id.org/ancrage/id/actor/ansa", "https://w3id.org/ancrage/id/actor/cnfpt"]["kinds"]
    assert not first.has_edge("https://w3id.org/ancrage/id/actor/ansa", "https://w3id.org/ancrage/id/actor/cnfpt")
    # the write derived the new graph's part and linked the seed's (the same file, not a copy)
    seed_part = parts.file_name("https://w3id.org/ancrage/graph/seed")
    assert (tmp_path / "parts" / newer.version / seed_part).stat().st_ino == \
        (tmp_path / "parts" / store.version / seed_part).stat().st_ino
