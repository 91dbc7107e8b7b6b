"""The read model of a remote SPARQL store: the same parts, derived on the client side.

Each named graph's part is read with one ``CONSTRUCT`` restricted to that graph and to the
predicates of :data:`kg.read.parts.PREDICATES`, then kept in the local cache folder
(``var/cache/read-parts/<digest of the endpoint>/``), keyed by what the server reports of that
graph: its IRI and the ``prov:generatedAtTime`` of its ``anc:Dataset`` description (written by
every Ancrage write). A graph reloaded on the server has a new time, hence a new part; the
others are read from the cache. A graph with no description is keyed by the whole store's
version. Parts are checked as on the embedded store (:func:`kg.read.parts.load`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import paths
from . import parts

#: What the server says of each named graph (the time of its last write by Ancrage).
STAMPS_QUERY = """SELECT ?g ?t WHERE { GRAPH ?g { ?g a <https://w3id.org/ancrage/def#Dataset> ;
  <http://www.w3.org/ns/prov#generatedAtTime> ?t } }"""


def cache_folder(store) -> Path:
    """Where a remote store's parts are cached on this machine (one folder per endpoint)."""
    digest = hashlib.sha256(str(getattr(store, "endpoint", store)).encode()).hexdigest()[:16]
    return paths.var_dir() / "cache" / "read-parts" / digest


def stamps(store) -> dict[str, str]:
    """``{graph: generatedAtTime}`` as the server reports them."""
    out: dict[str, str] = {}
    for g, t in store.select(STAMPS_QUERY).rows:
        out[str(g)] = max(out.get(str(g), ""), str(t))
    return out


def derive_remote(store, graph: str) -> parts.Part:
    """The part of ``graph``, read from the server with one ``CONSTRUCT``."""
    values = " ".join(f"<{p}>" for p in parts.PREDICATES)
    data = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o VALUES ?p {{ {values} }} }}", graph=graph)
    builder = parts.Builder(graph)
    if data:
        builder.feed(data)
    return builder.part()


def load_remote_parts(store, graphs=None) -> list[parts.Part]:
    folder = cache_folder(store)
    names = [str(g) for g in graphs] if graphs is not None else store.named_graphs(refresh=True)
    known = stamps(store)
    out = []
    for graph in names:
        stamp = known.get(graph) or str(store.version)
        name = hashlib.sha256(f"{graph}\n{stamp}".encode()).hexdigest()[:32] + parts.SUFFIX
        part = parts.load(folder, graph, name)
        if part is None:
            part = derive_remote(store, graph)
            parts.save(part, folder, name)
        out.append(part)
    return out


__all__ = ["derive_remote", "load_remote_parts", "cache_folder"]
