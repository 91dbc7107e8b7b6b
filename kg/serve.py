"""``ancrage serve``: a read-only SPARQL 1.1 Protocol endpoint over the embedded store.

Researchers' tools (YASGUI, SPARQLWrapper, R's SPARQL packages, Protégé) send queries to
``http://<host>:<port>/sparql``:

* ``GET …/sparql?query=…``, ``POST`` of a form with ``query=…``, or ``POST`` of the query itself
  as ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri`` narrow the
  dataset (by default the union of every named graph, as everywhere in Ancrage);
* results by content negotiation (``Accept``): SPARQL results in JSON (the default), XML, CSV or
  TSV; graphs (CONSTRUCT, DESCRIBE) in Turtle (the default), N-Triples or RDF/XML;
* updates (``update=…``, ``application/sparql-update``, an update in ``query``) and federated
  queries (``SERVICE``) are refused with 403;
* each query runs under the explorer's limits (:mod:`kg.query_worker`): wall-clock time
  (``query_timeout``) and memory (``query_memory_mb``) in a worker process killed past either
  (503), at most ``row_limit`` rows (a ``LIMIT`` pushed into the query, stated in the
  ``X-Ancrage-Row-Limit`` header);
* every request reads the generation ``current`` points to *at that moment*: a write
  (``ancrage import``, ``build``) swaps the link and the next query sees the new generation,
  while a query already running finishes on the one it opened.

Errors are a short ``text/plain`` message in French and English, never a traceback.
"""

from __future__ import annotations

import logging
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import queries
from .errors import AncrageError, BilingualQueryError, QueryError, QueryLimitError
from .namespaces import PREFIXES
from .query_worker import QueryPool, run_on_current
from .settings import Settings
from .store import Store

log = logging.getLogger(__name__)

PATH = "/sparql"
MAX_BODY = 1 << 20
#: media type -> worker format, for SELECT/ASK results and for graphs; the first is the default.
RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "ttl", "application/n-triples": "nt", "text/plain": "nt",
               "application/rdf+xml": "rdfxml"}
_CONTENT_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                 "ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples",
                 "rdfxml": "application/rdf+xml"}


def negotiate(accept: str | None, offered: dict[str, str]) -> str | None:
    """The worker format of the best media type of ``accept`` among ``offered``; ``None`` if none.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'xml'
    >>> negotiate(None, RESULT_TYPES), negotiate("*/*", GRAPH_TYPES), negotiate("image/png", GRAPH_TYPES)
    ('json', 'ttl', None)
    """
    default = next(iter(offered.values()))
    if not accept or not accept.strip():
        return default
    ranked = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media, q = pieces[0].lower(), 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, media))
    for _q, _pos, media in sorted(ranked):
        if media in offered:
            return offered[media]
        if media in ("*/*", "application/*") or (media.endswith("/*") and any(m.startswith(media[:-1]) for m in offered)):
            if media == "*/*":
                return default
            return next(f for m, f in offered.items() if m.startswith(media[:-1]))
    return None


class Refused(Exception):
    """A request answered with an HTTP error status and a bilingual message."""

    def __init__(self, status: HTTPStatus, fr: str, en: str):
        super().__init__(en)
        self.status, self.fr, self.en = status, fr, en


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], folder: str | Path, settings: Settings, *, cors: bool = False,
                 pool: QueryPool | None = None):
        self.folder, self.settings, self.cors = Path(folder), settings, cors
        self.pool = pool or QueryPool(keep=2, max_workers=4)
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{PATH}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    # -- one query ----------------------------------------------------------------------------
    def answer(self, text: str, accept: str | None, graphs: list[str], named: list[str]) -> tuple[str, bytes, dict]:
        """(content type, body, extra headers) of a query, or :class:`Refused`."""
        cfg = self.settings
        try:
            queries.ensure_read_only(text)
        except QueryError as err:
            raise Refused(HTTPStatus.FORBIDDEN, "refusé : ce point d'accès est en lecture seule (mise à jour)",
                          f"refused: this endpoint is read-only ({err})") from err
        try:
            queries.ensure_local(text)
        except BilingualQueryError as err:
            raise Refused(HTTPStatus.FORBIDDEN, err.fr, err.en) from err
        except QueryError as err:
            raise Refused(HTTPStatus.BAD_REQUEST, "requête SPARQL invalide", str(err)) from err
        form = queries.query_form(text)
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        fmt = negotiate(accept, GRAPH_TYPES if graph_form else RESULT_TYPES)
        if fmt is None:
            offered = ", ".join(GRAPH_TYPES if graph_form else RESULT_TYPES)
            raise Refused(HTTPStatus.NOT_ACCEPTABLE, f"aucun format demandé n'est disponible ({offered})",
                          f"none of the accepted media types is available ({offered})")
        text = queries.with_row_cap(text, cfg.row_limit)
        if Store.current_generation(self.folder) is None:
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, f"pas de magasin dans {self.folder} (ancrage build)",
                          f"no store at {self.folder} (ancrage build)")
        try:
            kind, body = run_on_current(self.pool, self.folder, text, timeout=cfg.query_timeout, memory_mb=cfg.query_memory_mb,
                                       graphs=graphs or None, named_graphs=named or None, prefixes=PREFIXES,
                                       result_format=fmt if not graph_form else "json",
                                       graph_format=fmt if graph_form else "nt")
        except QueryLimitError as err:
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, err.fr, err.en) from err
        except QueryError as err:
            raise Refused(HTTPStatus.BAD_REQUEST, "la requête a échoué", str(err)) from err
        if kind == "graph":
            return _CONTENT_TYPE[fmt], body, {}
        return _CONTENT_TYPE[fmt], body, {"X-Ancrage-Row-Limit": str(cfg.row_limit)}


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "ancrage-sparql"
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - http.server's name
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path != PATH:
            return self._error(Refused(HTTPStatus.NOT_FOUND, f"rien ici ; le point d'accès est {PATH}",
                                       f"nothing here; the endpoint is {PATH}"))
        if "query" not in params and "update" not in params:
            return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", _usage(self.server).encode("utf-8"))
        self._query(params, None)

    def do_POST(self):  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        if url.path != PATH:
            self.rfile.read(length)
            return self._error(Refused(HTTPStatus.NOT_FOUND, f"rien ici ; le point d'accès est {PATH}",
                                       f"nothing here; the endpoint is {PATH}"))
        if length > MAX_BODY:
            self.close_connection = True
            return self._error(Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"requête de plus de {MAX_BODY} octets",
                                       f"request larger than {MAX_BODY} bytes"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            for name, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
            return self._query(params, None)
        if ctype == "application/sparql-query":
            return self._query(params, body)
        if ctype == "application/sparql-update":
            return self._query({"update": [body]}, None)
        self._error(Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            "type de contenu non pris en charge (application/sparql-query ou formulaire)",
                            "unsupported content type (application/sparql-query or a form)"))

    def do_OPTIONS(self):  # noqa: N802 - CORS pre-flight of browser tools
        self._send(HTTPStatus.NO_CONTENT, None, b"")

    def _query(self, params: dict, body: str | None) -> None:
        try:
            if "update" in params:
                raise Refused(HTTPStatus.FORBIDDEN, "refusé : ce point d'accès est en lecture seule (mise à jour)",
                              "refused: this endpoint is read-only (update)")
            texts = [body] if body is not None else params.get("query", [])
            if len(texts) != 1 or not texts[0].strip():
                raise Refused(HTTPStatus.BAD_REQUEST, "une et une seule requête (paramètre query) attendue",
                              "exactly one query (parameter query) expected")
            ctype, data, headers = self.server.answer(texts[0], self.headers.get("Accept"),
                                                      params.get("default-graph-uri", []),
                                                      params.get("named-graph-uri", []))
        except Refused as refused:
            return self._error(refused)
        except AncrageError as err:
            return self._error(Refused(HTTPStatus.BAD_REQUEST, "la requête a échoué", str(err)))
        except Exception:  # noqa: BLE001 - a visitor never gets a traceback; the log does
            log.exception("SPARQL request failed")
            return self._error(Refused(HTTPStatus.INTERNAL_SERVER_ERROR, "erreur inattendue ; détail dans le journal",
                                       "unexpected error; details in the server log"))
        self._send(HTTPStatus.OK, ctype, data, headers)

    def _error(self, refused: Refused) -> None:
        message = f"{refused.fr}\n{refused.en}\n".encode("utf-8")
        self._send(refused.status, "text/plain; charset=utf-8", message)

    def _send(self, status: HTTPStatus, ctype: str | None, data: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        log.info("%s %s", self.address_string(), fmt % args)


def _usage(server: SparqlServer) -> str:
    cfg = server.settings
    return (f"Point d'accès SPARQL 1.1 en lecture seule d'Ancrage : {server.url}?query=…\n"
            f"Ancrage's read-only SPARQL 1.1 endpoint: {server.url}?query=…\n"
            f"Limites / limits: {cfg.query_timeout:g} s, {cfg.query_memory_mb} MB, {cfg.row_limit} rows; "
            f"SERVICE and updates refused.\n")


def make_server(settings: Settings, host: str = "127.0.0.1", port: int = 7878, *, cors: bool = False) -> SparqlServer:
    """A server bound to ``host:port`` over ``settings.store`` (not started: call ``serve_forever``)."""
    from .backend import is_remote
    from .errors import ConfigError, StoreError

    if is_remote(settings):
        raise ConfigError(f"'ancrage serve' serves the embedded store; sparql_endpoint points to a SPARQL server "
                          f"already ({settings.sparql_endpoint}): query it directly, or unset ANCRAGE_SPARQL_ENDPOINT")
    if not Store.exists(settings.store):
        raise StoreError(f"no store at {settings.store}: run 'ancrage build' first "
                         f"(or set ANCRAGE_STORE / --store to an existing store)")
    try:
        return SparqlServer((host, port), settings.store, settings, cors=cors)
    except OSError as err:
        raise ConfigError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err


__all__ = ["make_server", "SparqlServer", "negotiate", "PATH"]
