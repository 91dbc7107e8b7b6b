"""Read-only Cypher: the runner the CLI and the explorer use, and the named queries' twins.

Two locks, so that a query typed by a user can never change the database:

1. :func:`ensure_read_only` refuses, before anything is sent, a statement with a write clause
   (``CREATE``, ``MERGE``, ``DELETE``, ``DETACH DELETE``, ``SET``, ``REMOVE``, ``DROP``,
   ``LOAD CSV``, ``FOREACH``, ``CALL … IN TRANSACTIONS``, administration commands) or a
   ``CALL`` of a procedure outside a short list of read procedures — comments, strings and
   back-quoted names are ignored, so ``n.created`` or ``'DELETE'`` are fine;
2. the query runs in a READ-mode session inside ``execute_read``, so the server itself refuses
   any write that got past the first lock.

Every query has a time limit, passed to the server as the transaction timeout.

The twin of ``ontology/queries/<name>.rq`` is ``<name>.cypher``: the same header lines written as
Cypher comments (``// param: …``), the same parameters as ``$name``, the same columns in the same
order and the same ``ORDER BY``.

>>> ensure_read_only("MATCH (n:Ancrage) WHERE n.created > 1 RETURN n.uri // DELETE nothing")
>>> ensure_read_only("MATCH (n) DETACH DELETE n")
Traceback (most recent call last):
...
kg.errors.QueryError: refusé : requête en écriture (DETACH DELETE) ; ici les requêtes Cypher sont en lecture seule / refused: this query writes (DETACH DELETE); Cypher queries here are read-only — use 'ancrage neo4j push' to change the Neo4j copy
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import neo4j
from neo4j import graph as neo4j_graph

from ..errors import QueryError
from ..store import Rows
from .connection import Neo4jConnection

#: Procedures a read-only query may CALL (lower case).
READ_PROCEDURES = {
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.info", "db.ping",
    "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    "dbms.components", "dbms.queryjmx", "db.awaitindexes", "db.indexes", "db.constraints",
}

_WRITE = re.compile(
    r"(?<![.:$\w])(DETACH\s+DELETE|NODETACH\s+DELETE|LOAD\s+CSV|IN\s+TRANSACTIONS|CREATE|MERGE|DELETE|SET|REMOVE|"
    r"DROP|FOREACH|ALTER|GRANT|DENY|REVOKE|RENAME|START\s+DATABASE|STOP\s+DATABASE|TERMINATE|"
    r"ENABLE\s+SERVER|DEALLOCATE|REALLOCATE)(?![\w])(?!\s*:)",
    re.I)
_CALL = re.compile(r"(?<![.:$\w])CALL\s+([A-Za-z_][\w.]*)\s*\(?", re.I)


def mask(cypher: str) -> str:
    """The statement with comments, strings and back-quoted names blanked (same length).

    >>> text = "RETURN 'a // b' AS `SET` // DELETE"
    >>> masked = mask(text)
    >>> len(masked) == len(text), masked.split()
    (True, ['RETURN', 'AS'])
    """
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    pattern = (r"/\*[\s\S]*?\*/|//[^\n]*|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`(?:``|[^`])*`")
    return re.sub(pattern, blank, cypher)


def strip_headers(cypher: str) -> str:
    """Drop ``#`` header lines a twin may carry (Cypher has no ``#`` comments)."""
    return "\n".join(line for line in cypher.splitlines() if not line.lstrip().startswith("#"))


def ensure_read_only(cypher: str) -> None:
    """Refuse a statement that writes or calls a procedure outside :data:`READ_PROCEDURES`."""
    masked = mask(cypher)
    m = _WRITE.search(masked)
    if m:
        clause = " ".join(m.group(1).upper().split())
        raise QueryError(f"refusé : requête en écriture ({clause}) ; ici les requêtes Cypher sont en lecture seule "
                         f"/ refused: this query writes ({clause}); Cypher queries here are read-only — use "
                         f"'ancrage neo4j push' to change the Neo4j copy")
    for call in _CALL.finditer(masked):
        name = call.group(1).lower()
        if name not in READ_PROCEDURES:
            raise QueryError(f"refusé : procédure {call.group(1)} non autorisée en lecture seule / refused: "
                             f"procedure {call.group(1)} is not allowed in read-only queries (allowed: "
                             f"{', '.join(sorted(READ_PROCEDURES))})")


def plain(value):
    """A Neo4j value as plain Python (dates as ``datetime.date``, nodes as dicts).

    >>> plain(neo4j.time.Date(2018, 9, 21))
    datetime.date(2018, 9, 21)
    """
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time)):
        return value.to_native()
    if isinstance(value, neo4j_graph.Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j_graph.Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j_graph.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def run(conn: Neo4jConnection, cypher: str, params: dict | None = None, *, timeout: float | None = 30.0,
        limit: int | None = None) -> Rows:
    """Run one read-only statement; :class:`kg.store.Rows` of plain values.

    Raises :class:`QueryError` for a write, a syntax error or a query over its time limit.
    """
    cypher = strip_headers(cypher)
    ensure_read_only(cypher)

    def work(tx):
        result = tx.run(cypher, params or {})
        keys = list(result.keys())
        rows = []
        for record in result:
            if limit is not None and len(rows) >= limit:
                break
            rows.append(tuple(plain(v) for v in record.values()))
        result.consume()
        return keys, rows

    if timeout:
        work = neo4j.unit_of_work(timeout=timeout)(work)
    keys, rows = conn.read(work)
    return Rows(keys, rows)


# -- the named queries' twins -----------------------------------------------------------------

def cypher_params(named, values: dict) -> dict:
    """Typed Cypher parameters from a named query's declared params (integer, date, iri, string).

    >>> from kg.queries import NamedQuery, Param
    >>> q = NamedQuery("x", "", "", params=(Param("d", "date", "", ""), Param("n", "integer", "", "")))
    >>> cypher_params(q, {"d": "2018-09-21", "n": "3"})
    {'d': datetime.date(2018, 9, 21), 'n': 3}
    """
    types = {p.name: p.type for p in named.params}
    out = {}
    for name, value in values.items():
        kind = types.get(name, "string")
        try:
            if kind == "integer":
                out[name] = int(value)
            elif kind == "date":
                out[name] = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            else:
                out[name] = str(value)
        except (TypeError, ValueError) as err:
            raise QueryError(f"query {named.name!r}, parameter {name!r}: expected {kind}, found {value!r}") from err
    return out


def twin_params(cypher: str) -> list[str]:
    """Names declared by ``// param:`` (or ``# param:``) header lines of a twin.

    >>> twin_params("// param: body | string | a | b | c\\nMATCH (n) RETURN n")
    ['body']
    """
    names = []
    for line in cypher.splitlines():
        m = re.match(r"^\s*(?://|#)\s*param\s*:\s*([^|\s]+)", line)
        if m:
            names.append(m.group(1))
        elif line.strip() and not re.match(r"^\s*(//|#)", line):
            break
    return names


def run_named(conn: Neo4jConnection, name: str, params: dict | None = None, *, timeout: float | None = 30.0,
              limit: int | None = None, folder: Path | None = None) -> Rows:
    """Run the Cypher twin of a named query with its parameters (defaults filled in)."""
    from .. import queries

    named = queries.get(name, folder) if folder else queries.get(name)
    if not named.cypher:
        raise QueryError(f"la requête {name!r} n'a pas de jumelle Cypher / query {name!r} has no Cypher twin "
                         f"({name}.cypher)")
    return run(conn, named.cypher, cypher_params(named, named.values(params)), timeout=timeout, limit=limit)


def resolve(query: str) -> tuple[str, object | None]:
    """Cypher text for ``query``: a named query, a ``.cypher`` file, or Cypher itself."""
    from .. import queries

    lib = queries.library()
    if query in lib:
        named = lib[query]
        if not named.cypher:
            raise QueryError(f"query {query!r} has no Cypher twin")
        return named.cypher, named
    path = Path(query)
    if query.endswith(".cypher"):
        if not path.is_file():
            raise QueryError(f"no Cypher file {query}")
        return path.read_text(encoding="utf-8"), None
    return query, None


__all__ = ["run", "run_named", "ensure_read_only", "mask", "plain", "cypher_params", "twin_params", "resolve",
           "READ_PROCEDURES"]
