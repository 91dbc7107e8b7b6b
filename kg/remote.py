"""A remote SPARQL 1.1 endpoint with the read interface of :class:`kg.store.Store`.

When one machine is not enough, the graph lives in a SPARQL server (Oxigraph server, Apache Jena
Fuseki, GraphDB, QLever…) and Ancrage talks to it over the SPARQL 1.1 protocol only:

* reading: ``select`` / ``ask`` / ``construct`` / ``query`` / ``named_graphs`` / ``count`` /
  ``version``, with the same results as the embedded store (:class:`kg.store.Rows`, ``bool``,
  N-Triples ``bytes``);
* the union of the named graphs as default graph, as the embedded store does: by default the
  request names every graph of the dataset (``default-graph-uri`` and ``named-graph-uri``, part
  of the protocol, understood by every server); ``union="server"`` leaves it to a server
  configured for it (``oxigraph serve --union-default-graph``, Fuseki's ``unionDefaultGraph``);
* writing a :class:`kg.sources.Source`: its triples go into a staging graph (SPARQL Update
  ``INSERT DATA`` in chunks, or the Graph Store protocol when ``graph_store`` is given), then
  one update request ``MOVE``\\ s every staging graph onto its target (and drops the others for a
  fresh build). Until that last request readers see the previous data; if anything fails the
  staging graphs are dropped and nothing else changed.

The version is a digest of the ``anc:Dataset`` descriptions (one per source, with its load
time) and of the id of the last write, kept in a small graph of its own (``urn:ancrage:meta``,
left out of :meth:`RemoteStore.named_graphs` and of the union): it changes whenever a source is
(re)loaded, so caches keyed by version stay correct.

>>> store = RemoteStore("http://localhost:7878/query")
>>> store.update_endpoint
'http://localhost:7878/update'
>>> _values_block({"x": "https://ex.org/a", "y": "L'Haÿ"})
'VALUES ?x { <https://ex.org/a> } VALUES ?y { "L\\'Haÿ" }'
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Iterable

import pyoxigraph as ox

from .errors import QueryError, QueryLimitError, StoreError
from .namespaces import with_prologue
from .ntriples import line_pieces, nt_iri
from .store import Rows, to_python

UPDATE_CHUNK_BYTES = 4 * 1024 * 1024
JSON_RESULTS = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
_GRAPH_TYPES = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
                "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/n-quads": ox.RdfFormat.N_QUADS,
                "application/trig": ox.RdfFormat.TRIG, "text/plain": ox.RdfFormat.N_TRIPLES}

#: A graph of the endpoint's own: the id of the last write by Ancrage (not one of the sources).
META_GRAPH = "urn:ancrage:meta"
VERSION_QUERY = f"""SELECT ?g ?t WHERE {{
  {{ GRAPH ?g {{ ?g a anc:Dataset . OPTIONAL {{ ?g prov:generatedAtTime ?t }} }} }}
  UNION {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> dct:identifier ?t }} BIND(<{META_GRAPH}> AS ?g) }}
}}"""


def _values_block(values: dict) -> str:
    parts = []
    for name, value in values.items():
        if isinstance(value, ox.NamedNode):
            term = nt_iri(value.value)
        elif isinstance(value, (ox.Literal, ox.BlankNode)):
            term = str(value)
        else:
            from .queries import sparql_term

            text = str(value)
            term = sparql_term(text, "iri" if text.startswith(("http://", "https://", "urn:")) else "string")
        parts.append(f"VALUES ?{name} {{ {term} }}")
    return " ".join(parts)


def _with_values(sparql: str, values: dict | None) -> str:
    if not values:
        return sparql
    from .queries import _mask

    m = re.search(r"\bWHERE\s*\{", _mask(sparql), re.I) or re.search(r"\{", _mask(sparql))
    if not m:
        raise QueryError("cannot bind values: the query has no WHERE group")
    return sparql[: m.end()] + " " + _values_block(values) + " " + sparql[m.end():]


def _term(binding: dict):
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if binding.get("xml:lang"):
        return ox.Literal(value, language=binding["xml:lang"])
    if binding.get("datatype"):
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


class RemoteStore:
    """A SPARQL 1.1 endpoint read (and written) like :class:`kg.store.Store`.

    Parameters
    ----------
    endpoint : URL of the query endpoint (``…/query`` on Oxigraph, ``…/<ds>/sparql`` on Fuseki).
    update_endpoint : URL of the update endpoint; by default ``…/query`` → ``…/update``, else the
        query endpoint itself.
    graph_store : optional URL of the Graph Store protocol endpoint (``…/store`` on Oxigraph,
        ``…/<ds>/data`` on Fuseki) for faster bulk writes.
    union : ``"dataset"`` (name every graph in each request, portable) or ``"server"``.
    timeout : seconds before a request is abandoned.
    """

    path = None

    def __init__(self, endpoint: str, update_endpoint: str | None = None, *, graph_store: str | None = None,
                 union: str = "dataset", timeout: float = 30.0, headers: dict | None = None):
        if not re.match(r"^https?://", endpoint or ""):
            raise StoreError(f"sparql_endpoint: expected an http(s) URL, found {endpoint!r}")
        if union not in ("dataset", "server"):
            raise StoreError(f"union: expected 'dataset' or 'server', found {union!r}")
        self.endpoint = endpoint
        if not update_endpoint:
            update_endpoint = re.sub(r"/query$", "/update", endpoint) if endpoint.endswith("/query") else endpoint
        self.update_endpoint = update_endpoint
        self.graph_store, self.union, self.timeout = graph_store, union, timeout
        self.headers = dict(headers or {})
        self._graphs: tuple[float, list[str]] | None = None
        self._version: tuple[float, str] | None = None

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"

    # -- HTTP --------------------------------------------------------------------------------
    def _post(self, url: str, data, content_type: str, accept: str | None = None,
              params: list | None = None, timeout: float | None = None, method: str = "POST",
              length: int | None = None) -> tuple[str, bytes]:
        """Send ``data`` (bytes, or a file of ``length`` bytes); the answer's type and body."""
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        headers = {"Content-Type": content_type, "User-Agent": "ancrage", **self.headers}
        if accept:
            headers["Accept"] = accept
        if length is not None:
            headers["Content-Length"] = str(length)
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                return response.headers.get("Content-Type", "").split(";")[0].strip().lower(), response.read()
        except urllib.error.HTTPError as err:
            body = err.read().decode("utf-8", "replace").strip()[:500]
            if 400 <= err.code < 500 and url.startswith(self.endpoint):
                raise QueryError(f"{self.endpoint} refused the query (HTTP {err.code}): {body}") from err
            raise StoreError(f"{url.split('?')[0]}: HTTP {err.code}: {body}") from err
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, (socket.timeout, TimeoutError)) or isinstance(err, (socket.timeout, TimeoutError)):
                if url.startswith(self.endpoint):  # a read: the same FR/EN message as the embedded store's
                    raise QueryLimitError("time", timeout or self.timeout) from err
                raise QueryError(f"{url.split('?')[0]}: no answer within {timeout or self.timeout:g} s") from err
            raise StoreError(f"cannot reach the SPARQL server at {url.split('?')[0]}: {reason} "
                             f"(check sparql_endpoint / ANCRAGE_SPARQL_ENDPOINT)") from err

    def _dataset_params(self, graph) -> list:
        if graph is not None:
            graphs = graph if isinstance(graph, list) else [graph]
            return [("default-graph-uri", str(g)) for g in graphs]
        if self.union == "server":
            return []
        graphs = self.named_graphs()
        return [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]

    def _request(self, sparql: str, graph=None, substitutions=None, accept: str | None = None,
                 timeout: float | None = None):
        text = with_prologue(_with_values(sparql, substitutions))
        params = self._dataset_params(graph)
        body = urllib.parse.urlencode([("query", text)] + params).encode("utf-8")
        return self._post(self.endpoint, body, "application/x-www-form-urlencoded",
                          accept or f"{JSON_RESULTS}, {NTRIPLES};q=0.9, text/turtle;q=0.5", timeout=timeout)

    def _decode(self, ctype: str, body: bytes):
        if ctype in (JSON_RESULTS, "application/json"):
            data = json.loads(body)
            if "boolean" in data:
                return bool(data["boolean"])
            variables = data["head"].get("vars", [])
            rows = [tuple(to_python(_term(b[v])) if v in b else None for v in variables)
                    for b in data["results"]["bindings"]]
            return Rows(variables, rows)
        fmt = _GRAPH_TYPES.get(ctype)
        if fmt is None:
            raise QueryError(f"{self.endpoint} answered with an unexpected content type {ctype!r}")
        if fmt == ox.RdfFormat.N_TRIPLES:
            return body
        return ox.serialize(ox.parse(body, format=fmt), format=ox.RdfFormat.N_TRIPLES) or b""

    # -- the read interface of kg.store.Store -------------------------------------------------
    def query(self, sparql: str, graph=None, substitutions: dict | None = None, timeout: float | None = None):
        """Run any read query: :class:`Rows`, ``bool`` or N-Triples ``bytes`` (``timeout`` in seconds)."""
        return self._decode(*self._request(sparql, graph, substitutions, timeout=timeout))

    def select(self, sparql: str, graph=None, substitutions: dict | None = None) -> Rows:
        result = self.query(sparql, graph, substitutions)
        if not isinstance(result, Rows):
            raise QueryError("expected a SELECT query")
        return result

    def ask(self, sparql: str, graph=None, substitutions: dict | None = None) -> bool:
        result = self.query(sparql, graph, substitutions)
        if not isinstance(result, bool):
            raise QueryError("expected an ASK query")
        return result

    def construct(self, sparql: str, graph=None, substitutions: dict | None = None) -> bytes:
        result = self._decode(*self._request(sparql, graph, substitutions, accept=f"{NTRIPLES}, text/turtle;q=0.5"))
        if not isinstance(result, bytes):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return result

    def named_graphs(self, refresh: bool = False) -> list[str]:
        """The IRIs of the named graphs (cached for two seconds)."""
        now = time.monotonic()
        if refresh or self._graphs is None or now - self._graphs[0] > 2.0:
            body = urllib.parse.urlencode([("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")]).encode()
            ctype, data = self._post(self.endpoint, body, "application/x-www-form-urlencoded", JSON_RESULTS)
            rows = self._decode(ctype, data)
            self._graphs = (now, sorted(r[0] for r in rows.rows if r[0] and not r[0].startswith("urn:ancrage:")))
        return list(self._graphs[1])

    def count(self, graph=None) -> int:
        """Number of triples (in one graph, or in all named graphs).

        Over all graphs it is the sum of each graph's count, as in the embedded store: a triple
        stated by two sources counts twice. (A union default graph is a set in Fuseki and a bag
        in Oxigraph, so counting it would depend on the engine.)
        """
        if graph is None:
            return sum(self.count(graph=g) for g in self.named_graphs())
        return self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph=graph).rows[0][0]

    @property
    def version(self) -> str:
        """``remote-<digest>`` of the sources' descriptions (cached for two seconds)."""
        now = time.monotonic()
        if self._version is None or now - self._version[0] > 2.0:
            body = urllib.parse.urlencode([("query", with_prologue(VERSION_QUERY))]).encode()
            rows = self._decode(*self._post(self.endpoint, body, "application/x-www-form-urlencoded",
                                            JSON_RESULTS)).rows
            digest = hashlib.sha256(repr(sorted((str(g), str(t)) for g, t in rows)).encode()).hexdigest()[:12]
            self._version = (now, f"remote-{digest}")
        return self._version[1]

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS, graph=None) -> bytes:
        """Serialise the whole dataset (N-Quads, TriG) or one graph (any triple format)."""
        mem = ox.Store()
        graphs = [str(graph)] if graph is not None else self.named_graphs(refresh=True)
        for g in graphs:
            data = self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph=g)
            if data:
                mem.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))
        if graph is None:
            return mem.dump(format=fmt)
        return mem.dump(format=fmt, from_graph=ox.NamedNode(str(graph)))

    def rdflib_graph(self, graph=None):
        """The union of the named graphs (or one graph) as an rdflib ``Graph`` (small data only)."""
        import rdflib

        from .namespaces import PREFIXES

        g = rdflib.Graph()
        for prefix, iri in PREFIXES.items():
            g.bind(prefix, iri)
        g.parse(data=self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph=graph).decode("utf-8"),
                format="nt")
        return g

    # -- writing ------------------------------------------------------------------------------
    def update(self, sparql: str, timeout: float | None = None) -> None:
        """Send one SPARQL Update request (used by :meth:`write_sources`)."""
        body = urllib.parse.urlencode([("update", sparql)]).encode("utf-8")
        self._post(self.update_endpoint, body, "application/x-www-form-urlencoded",
                   timeout=timeout or max(self.timeout, 600.0))

    def _upload(self, staging: str, chunks: Iterable[bytes]) -> None:
        for chunk in chunks:
            if not chunk:
                continue
            if self.graph_store:
                self._post(self.graph_store, chunk, NTRIPLES, params=[("graph", staging)],
                           timeout=max(self.timeout, 600.0))
                continue
            for piece in line_pieces(chunk, UPDATE_CHUNK_BYTES):
                self.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n" + piece.decode("utf-8")
                            + "\n} }")

    def write_sources(self, sources: Iterable, *, fresh: bool = False, drop_graphs: Iterable[str] = ()) -> str:
        """Replace each source's named graph (and drop others); the version.

        With ``fresh=True`` the endpoint holds exactly ``sources`` afterwards. With a Graph Store
        endpoint (``graph_store``) each graph is replaced by one ``PUT`` (:meth:`_put_sources`);
        otherwise the sources are staged with SPARQL Update and swapped in by one final update.
        """
        sources = list(sources)
        if self.graph_store:
            return self._put_sources(sources, fresh=fresh, drop_graphs=drop_graphs)
        staged: list[tuple[str, str]] = []
        try:
            for source in sources:
                staging = f"urn:ancrage:staging:{uuid.uuid4().hex}"
                staged.append((staging, str(source.graph)))
                try:
                    self._upload(staging, source.ntriple_chunks())
                    self._upload(staging, [source.metadata_ntriples()])
                except StoreError as err:
                    raise StoreError(f"source {source.id!r} was not written (nothing changed): {err}") from err
            targets = {t for _s, t in staged}
            drops = set(drop_graphs)
            if fresh:
                drops |= set(self.named_graphs(refresh=True))
            ops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(drops - targets)]
            ops += [f"MOVE SILENT <{s}> TO <{t}>" for s, t in staged]
            ops += [f"DROP SILENT GRAPH <{META_GRAPH}>",
                    f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> '
                    f'<http://purl.org/dc/terms/identifier> "{uuid.uuid4().hex}" }} }}']
            self.update(" ;\n".join(ops))
        except BaseException:
            for staging, _target in staged:
                try:
                    self.update(f"DROP SILENT GRAPH <{staging}>", timeout=30)
                except Exception:  # noqa: BLE001 - best effort; the original error matters
                    pass
            raise
        self._graphs = self._version = None
        return self.version

    def _put_sources(self, sources: list, *, fresh: bool, drop_graphs: Iterable[str]) -> str:
        """Replace each source's graph with one Graph Store protocol ``PUT`` (N-Triples).

        No staging copy: on Oxigraph server and Fuseki this writes the data once where the staged
        write writes it twice (upload, then ``MOVE``), see docs/scale.md. Each source is read
        whole into a temporary file before anything is sent, so a source that fails to read
        changes nothing; each ``PUT`` is one transaction on the server, so readers see a source's
        previous graph or its new one, never half of it. A write of several sources is not
        all-or-nothing: if one is refused, those before it stay replaced (the error names them).
        The graphs to drop (``fresh``, ``drop_graphs``) are dropped once every source is written.
        """
        import tempfile

        written: list[str] = []
        ops: list[str] = []
        try:
            for source in sources:
                with tempfile.TemporaryFile(prefix="ancrage-gsp-") as spool:
                    size = _spool(source, spool)
                    try:
                        self._post(self.graph_store, spool, NTRIPLES, params=[("graph", str(source.graph))],
                                   timeout=max(self.timeout, 600.0), method="PUT", length=size)
                    except StoreError as err:
                        done = f"; already replaced: {', '.join(written)}" if written else ""
                        raise StoreError(f"source {source.id!r} was not written (its graph is unchanged){done}: "
                                         f"{err}") from err
                written.append(source.id)
            drops = set(drop_graphs)
            if fresh:
                drops |= set(self.named_graphs(refresh=True))
            ops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(drops - {str(s.graph) for s in sources})]
        finally:
            if written:  # a new version whenever a graph changed, even if a later source failed
                try:
                    self.update(" ;\n".join(ops + [
                        f"DROP SILENT GRAPH <{META_GRAPH}>",
                        f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> '
                        f'<http://purl.org/dc/terms/identifier> "{uuid.uuid4().hex}" }} }}']))
                finally:
                    self._graphs = self._version = None
        return self.version


def _spool(source, spool) -> int:
    """Write a source's N-Triples (with its description) to a file; its size in bytes."""
    for chunk in source.ntriple_chunks():
        if chunk:
            spool.write(chunk if chunk.endswith(b"\n") else chunk + b"\n")
    spool.write(source.metadata_ntriples())
    size = spool.tell()
    spool.seek(0)
    return size


__all__ = ["RemoteStore"]
