"""Exports round-trip: RDF re-parses to an isomorphic graph; Gephi files keep the projection's size."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import AncrageError
from kg.exports import export
from kg.projection import property_graph


@pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_exports_reparse_to_an_isomorphic_graph(seed_store, tmp_path, fmt, rdflib_format):
    path = export(seed_store, fmt, tmp_path / f"graph.{fmt}")
    reread = Graph().parse(path, format=rdflib_format)
    original = seed_store.rdflib_graph()
    assert len(reread) == len(original) > 1000
    assert isomorphic(reread, original)


def test_dataset_exports_keep_the_named_graphs(seed_store, tmp_path):
    path = export(seed_store, "trig", tmp_path / "all.trig")
    ds = Dataset()
    ds.parse(path, format="trig")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert set(seed_store.named_graphs()) <= graphs


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_exports_read_back_with_the_projection_counts(seed_store, tmp_path, fmt, reader):
    projection = property_graph(seed_store)
    g = reader(export(seed_store, fmt, tmp_path / f"graph.{fmt}"))
    assert (g.number_of_nodes(), g.number_of_edges()) == (projection.number_of_nodes(), projection.number_of_edges())
    assert g.number_of_edges() > 100


def test_accents_and_apostrophes_survive_every_rdf_export(seed_store, tmp_path):
    labels = {row[0] for row in seed_store.select("SELECT ?l WHERE { ?s skos:prefLabel ?l }").rows}
    accented = sorted(l for l in labels if "'" in l or "é" in l)[:5]
    assert accented
    for fmt in ("ttl", "nt", "jsonld"):
        text = export(seed_store, fmt, tmp_path / f"x.{fmt}").read_text(encoding="utf-8")
        for label in accented:
            assert label in text or label.replace("'", "\\'") in text or label.replace('"', '\\"') in text, (fmt, label)


def test_unknown_format_lists_the_valid_ones(seed_store, tmp_path):
    with pytest.raises(AncrageError, match="gexf, graphml"):
        export(seed_store, "xls", tmp_path / "x")


CONTROL_NAME = "Association\x01 du\x0b Nord\x1f"


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_exports_stay_readable_with_control_characters_in_a_name(tmp_path, fmt, reader):
    """XML 1.0 cannot hold C0 controls: each becomes U+FFFD instead of making the file unreadable."""
    from kg.ntriples import nt_iri, nt_literal
    from kg.sources import Source
    from kg.store import Store

    actor = "https://w3id.org/ancrage/id/actor/controle"
    lines = [f"{nt_iri(actor)} {nt_iri('http://www.w3.org/2004/02/skos/core#prefLabel')} "
             f"{nt_literal(CONTROL_NAME, lang='fr')} .",
             f"{nt_iri(actor)} {nt_iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')} "
             f"{nt_iri('https://w3id.org/ancrage/def#Organisation')} ."]
    store = Store.in_memory([Source.from_ntriples("controle", "Contrôle", lines)])
    g = reader(export(store, fmt, tmp_path / f"graph.{fmt}"))
    assert g.nodes[actor]["label"] == "Association\ufffd du\ufffd Nord\ufffd"


def test_the_explorer_graphml_uses_the_same_writer():
    """The network page's GraphML download goes through kg.exports.graphml_bytes (same flattening)."""
    import io

    from kg.app import network_view as nv
    from kg.exports import graphml_bytes

    g = nx.Graph()
    g.add_node("https://w3id.org/ancrage/id/actor/a", label=CONTROL_NAME, kind="Organisation")
    g.add_node("https://w3id.org/ancrage/id/actor/b", label="B", kind="Organisation")
    g.add_edge("https://w3id.org/ancrage/id/actor/a", "https://w3id.org/ancrage/id/actor/b", kinds=["membership"])
    blob = nv.to_graphml(g)
    assert blob == graphml_bytes(nv.export_graph(g))
    back = nx.read_graphml(io.BytesIO(blob))
    assert back.nodes["https://w3id.org/ancrage/id/actor/a"]["label"] == "Association\ufffd du\ufffd Nord\ufffd"
