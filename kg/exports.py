"""Exports, picked from one registry keyed by format.

RDF formats write the union of the named graphs (or one graph) straight from the store with
Oxigraph's serialisers; ``trig`` and ``nq`` keep the named graphs (a full backup). ``graphml`` and
``gexf`` (for Gephi) write :func:`kg.projection.property_graph` (see :func:`gephi_graph`) through
the project's one writer of each (:func:`graphml_bytes`, :func:`gexf_bytes`, also used by the
explorer's network exports); list-valued attributes are joined with ``|`` since both formats only
take scalars. ``neo4j-csv`` writes the files of
``neo4j-admin database import`` (see :mod:`kg.neo4j.csv_export`).

>>> sorted(EXPORTERS)
['gexf', 'graphml', 'jsonld', 'neo4j-csv', 'nq', 'nt', 'trig', 'ttl']
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

import networkx as nx
import pyoxigraph as ox

from .errors import AncrageError
from .escape import xml_chars
from .read.quads import write_rdf


def _rdf_exporter(fmt: ox.RdfFormat, dataset: bool = False) -> Callable:
    def export(store, dest: Path, graph=None) -> None:
        write_rdf(store, fmt, dest, graph, dataset)
    return export


def _flatten(attrs: dict, keep: tuple[str, ...] = ()) -> dict:
    """Attributes as GraphML and GEXF take them: lists joined with ``|``, other values as text,
    text without the characters XML cannot hold (:func:`kg.escape.xml_chars`)."""
    flat = {}
    for key, value in attrs.items():
        if key in keep:
            pass
        elif isinstance(value, (list, tuple, set, frozenset)):
            value = xml_chars("|".join(str(v) for v in value))
        elif isinstance(value, str) or not isinstance(value, (int, float, bool)):
            value = xml_chars(value)
        flat[key] = value
    return flat


def _scalar_copy(g: nx.Graph, keep: tuple[str, ...] = ()) -> nx.Graph:
    """A copy of ``g`` with its attributes flattened by :func:`_flatten` (``keep``: node attributes left as they are)."""
    h = g.__class__()
    h.graph.update(_flatten(g.graph))
    h.add_nodes_from((n, _flatten(d, keep)) for n, d in g.nodes(data=True))
    if g.is_multigraph():
        h.add_edges_from((u, v, k, _flatten(d)) for u, v, k, d in g.edges(keys=True, data=True))
    else:
        h.add_edges_from((u, v, _flatten(d)) for u, v, d in g.edges(data=True))
    return h


def gephi_graph(store, graph=None) -> nx.MultiDiGraph:
    """The property graph with a ``label`` on each node (its French name, else its title)."""
    from .projection import property_graph

    g = property_graph(store, graph=graph)
    for node, attrs in g.nodes(data=True):
        label = attrs.get("prefLabel_fr") or attrs.get("title_fr") or attrs.get("title") or node.rsplit("/", 1)[-1]
        attrs["label"] = str(label[0] if isinstance(label, list) else label)
    return g


def graphml_bytes(g: nx.Graph) -> bytes:
    """GraphML of ``g``: the project's one GraphML writer (the CLI export and the explorer's).

    >>> g = nx.DiGraph(); g.add_node("a", label="A", kinds=["x", "y"]); g.add_edge("a", "b", weight=2.0)
    >>> back = nx.read_graphml(io.BytesIO(graphml_bytes(g)))
    >>> back.nodes["a"], back.edges["a", "b"]["weight"]
    ({'label': 'A', 'kinds': 'x|y'}, 2.0)
    """
    out = io.BytesIO()
    nx.write_graphml(_scalar_copy(g), out, encoding="utf-8")
    return out.getvalue()


def export_graphml(store, dest: Path, graph=None) -> None:
    Path(dest).write_bytes(graphml_bytes(gephi_graph(store, graph)))


def gexf_bytes(g: nx.Graph, description: str = "", keywords: str = "") -> bytes:
    """GEXF 1.2 of ``g``: the project's one GEXF writer (the CLI export and the explorer's).

    A node's ``viz`` attribute (``{"color": "#rrggbb", "size": float, "position": (x, y)}``) becomes
    Gephi's ``viz:color``, ``viz:size`` and ``viz:position``; an edge's ``type`` ("directed",
    "undirected" or "mutual") overrides the graph's default; ``description`` and ``keywords`` (e.g. the filters
    that produced the graph) go to the file's ``<meta>``.

    >>> g = nx.DiGraph(); g.add_node("a", label="A", viz={"color": "#ff8000", "size": 12, "position": (1, 2)})
    >>> text = gexf_bytes(g, description="filtres : aucun").decode()
    >>> '<viz:color r="255" g="128" b="0"' in text and "<description>filtres : aucun</description>" in text
    True
    """
    from xml.etree.ElementTree import SubElement

    from networkx.readwrite.gexf import GEXFWriter

    h = _scalar_copy(g, keep=("viz",))
    for _n, attrs in h.nodes(data=True):
        viz = attrs.pop("viz", None)
        if not viz:
            continue
        out = {}
        if viz.get("color"):
            c = viz["color"].lstrip("#")
            out["color"] = {"r": int(c[0:2], 16), "g": int(c[2:4], 16), "b": int(c[4:6], 16), "a": 1.0}
        if viz.get("size") is not None:
            out["size"] = float(viz["size"])
        if viz.get("position") is not None:
            x, y = viz["position"][:2]
            out["position"] = {"x": float(x), "y": float(y), "z": 0.0}
        attrs["viz"] = out
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if description:
        SubElement(meta, "description").text = xml_chars(description)
    if keywords:
        SubElement(meta, "keywords").text = xml_chars(keywords)
    writer.add_graph(h)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + str(writer)).encode("utf-8")


def export_gexf(store, dest: Path, graph=None) -> None:
    Path(dest).write_bytes(gexf_bytes(gephi_graph(store, graph)))


def export_neo4j_csv(store, dest: Path, graph=None) -> None:
    from .neo4j import csv_export

    csv_export.export(store, Path(dest))


EXPORTERS: dict[str, Callable] = {
    "ttl": _rdf_exporter(ox.RdfFormat.TURTLE),
    "nt": _rdf_exporter(ox.RdfFormat.N_TRIPLES),
    "jsonld": _rdf_exporter(ox.RdfFormat.JSON_LD),
    "trig": _rdf_exporter(ox.RdfFormat.TRIG, dataset=True),
    "nq": _rdf_exporter(ox.RdfFormat.N_QUADS, dataset=True),
    "graphml": export_graphml,
    "gexf": export_gexf,
    "neo4j-csv": export_neo4j_csv,
}


def export(store, fmt: str, dest: str | Path, graph=None) -> Path:
    """Write ``store`` (or one named graph) to ``dest`` in ``fmt``; unknown formats list the valid ones."""
    if fmt not in EXPORTERS:
        raise AncrageError(f"unknown export format {fmt!r}; valid formats: {', '.join(sorted(EXPORTERS))}")
    dest = Path(dest)
    if fmt != "neo4j-csv":
        dest.parent.mkdir(parents=True, exist_ok=True)
    EXPORTERS[fmt](store, dest, graph)
    return dest
