"""From settings to a Neo4j driver, and from driver exceptions to clear messages.

The password never sits in the settings file or on the command line: the settings name the
environment variable that holds it (``neo4j_password_env``, default ``NEO4J_PASSWORD``).
Writes and reads go through the driver's *managed* transactions (``execute_write`` /
``execute_read``), which retry transient errors and lost connections for up to
``retry_time`` seconds before giving up.

>>> password_from_env("NEO4J_PASSWORD", env={"NEO4J_PASSWORD": "s3cret-pw"})
's3cret-pw'
>>> password_from_env("NEO4J_PASSWORD", env={})
Traceback (most recent call last):
...
kg.errors.ConfigError: le mot de passe Neo4j est attendu dans la variable d'environnement NEO4J_PASSWORD, qui n'est pas définie / the Neo4j password is expected in the environment variable NEO4J_PASSWORD, which is not set (--password-env names another variable)
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

import neo4j
from neo4j import exceptions as nex

from ..errors import ConfigError, QueryError, StoreError


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jUnavailable(StoreError):
    """Neo4j cannot be reached, refuses the credentials, or went away during the work.

    Nothing Ancrage wrote is left half-done inside a transaction: every batch is its own
    transaction, so a push that fails can simply be run again (it is idempotent).
    """


@dataclass
class Neo4jConnection:
    """A driver bound to one database, plus what is needed to explain failures.

    Use it as a context manager, or call :meth:`close`.
    """

    driver: "neo4j.Driver"
    uri: str
    user: str
    database: str = "neo4j"
    password_env: str | None = None
    retry_time: float = 30.0
    _closed: bool = field(default=False, repr=False)

    def session(self, *, read: bool = False) -> "neo4j.Session":
        """A session on :attr:`database`; ``read=True`` opens it in READ access mode."""
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def write(self, work, *args, idempotent: bool = False, **kwargs):
        """Run ``work(tx, *args, **kwargs)`` in a managed write transaction (retried).

        The driver retries transient errors and lost connections, but not a commit whose answer was
        lost (``IncompleteCommit``: the server may or may not have applied it). ``idempotent=True``
        retries that too, for up to :attr:`retry_time` seconds: only for work that gives the same
        database when run twice, such as a push's ``MERGE`` batches.
        """
        deadline = time.monotonic() + self.retry_time
        with translated(self, "écriture / write", retried=True):
            while True:
                try:
                    with self.session() as session:
                        return session.execute_write(work, *args, **kwargs)
                except nex.IncompleteCommit:
                    if not idempotent or time.monotonic() >= deadline:
                        raise

    def read(self, work, *args, **kwargs):
        """Run ``work(tx, *args, **kwargs)`` in a managed read transaction (retried)."""
        with translated(self, "lecture / read", retried=True):
            with self.session(read=True) as session:
                return session.execute_read(work, *args, **kwargs)

    def counts(self) -> dict:
        """Ancrage nodes, their labels, properties and relationships; every node and relationship.

        Keys: ``nodes``, ``labels``, ``properties``, ``relationships``, ``all_nodes``,
        ``all_relationships``.
        """
        from ..mapping import MARKER

        def work(tx):
            record = tx.run(f"MATCH (n:`{MARKER}`) RETURN count(n) AS nodes, "
                            "coalesce(sum(size(labels(n))), 0) AS labels, "
                            "coalesce(sum(size(keys(n))), 0) AS properties").single()
            out = dict(record)
            out["relationships"] = tx.run(f"MATCH (:`{MARKER}`)-[r]->(:`{MARKER}`) RETURN count(r) AS n").single()["n"]
            out["all_nodes"] = tx.run("MATCH (n) RETURN count(n) AS n").single()["n"]
            out["all_relationships"] = tx.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
            return out

        return self.read(work)

    def server_agent(self) -> str:
        """The server's agent string, e.g. ``Neo4j/5.26.30``."""
        with translated(self, "connexion / connection"):
            return self.driver.get_server_info().agent

    def close(self) -> None:
        if not self._closed:
            self.driver.close()
            self._closed = True

    def __enter__(self) -> "Neo4jConnection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def password_from_env(var: str, env: dict | None = None) -> str:
    """The password held by the environment variable ``var``; :class:`ConfigError` if unset."""
    env = os.environ if env is None else env
    value = env.get(var)
    if not value:
        raise ConfigError(
            f"le mot de passe Neo4j est attendu dans la variable d'environnement {var}, qui n'est pas "
            f"définie / the Neo4j password is expected in the environment variable {var}, which is not "
            f"set (--password-env names another variable)")
    return value


def connect(uri: str, user: str = "neo4j", password: str | None = None, database: str = "neo4j", *,
            password_env: str | None = None, retry_time: float = 30.0, connection_timeout: float = 10.0,
            verify: bool = True) -> Neo4jConnection:
    """Open a driver on ``uri`` and (by default) check that the server answers and accepts us.

    Raises :class:`ConfigError` for a malformed URI, :class:`Neo4jUnavailable` when the server is
    down or refuses the credentials, with a message that says which.

    >>> connect("http://localhost:7474", password="x")   # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: URI Neo4j invalide / invalid Neo4j URI 'http://localhost:7474': expected bolt://host:port ...
    """
    if not uri:
        raise ConfigError("aucune URI Neo4j : --uri ou le réglage neo4j_uri / no Neo4j URI: give --uri "
                          "or set neo4j_uri (ANCRAGE_NEO4J_URI), e.g. bolt://localhost:7687")
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise ConfigError(f"URI Neo4j invalide / invalid Neo4j URI {uri!r}: expected bolt://host:port or "
                          f"neo4j://host:port (Bolt, port 7687 by default; http:// is the browser's port)")
    if password is None:
        password = password_from_env(password_env or "NEO4J_PASSWORD")
    try:
        driver = neo4j.GraphDatabase.driver(
            uri, auth=(user, password), max_transaction_retry_time=retry_time,
            connection_timeout=connection_timeout, connection_acquisition_timeout=connection_timeout + 5,
            user_agent="ancrage/0.1", notifications_min_severity="OFF")
    except (nex.ConfigurationError, ValueError) as err:
        raise ConfigError(f"URI Neo4j invalide / invalid Neo4j URI {uri!r}: {err} "
                          f"(expected bolt://host:port or neo4j://host:port)") from err
    conn = Neo4jConnection(driver, uri, user, database or "neo4j", password_env, retry_time)
    if verify:
        try:
            with translated(conn, "connexion / connection"):
                driver.verify_connectivity()
                with conn.session(read=True) as session:
                    session.run("RETURN 1").consume()
        except BaseException:
            conn.close()
            raise
    return conn


def connect_from_settings(settings, *, uri: str | None = None, user: str | None = None,
                          database: str | None = None, password_env: str | None = None,
                          env: dict | None = None, **kwargs) -> Neo4jConnection:
    """:func:`connect` with :class:`kg.settings.Settings` (options given here win).

    >>> from kg.settings import Settings
    >>> connect_from_settings(Settings.load(env={}, file=None), env={"NEO4J_PASSWORD": "pw-12345"})
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: aucune URI Neo4j : --uri ou le réglage neo4j_uri / no Neo4j URI: give --uri or set neo4j_uri (ANCRAGE_NEO4J_URI), e.g. bolt://localhost:7687
    """
    var = password_env or settings.neo4j_password_env
    uri = uri or settings.neo4j_uri
    if not uri:
        return connect("", password="")
    return connect(uri, user or settings.neo4j_user, password_from_env(var, env), database or settings.neo4j_database,
                   password_env=var, **kwargs)


@contextmanager
def translated(conn: Neo4jConnection | None, action: str, *, retried: bool = False) -> Iterator[None]:
    """Turn driver exceptions raised inside the block into Ancrage errors with clear messages."""
    uri = conn.uri if conn else "?"
    try:
        yield
    except nex.AuthError as err:
        var = conn.password_env if conn else None
        hint = f" (mot de passe lu dans / password read from ${var})" if var else ""
        raise Neo4jUnavailable(
            f"Neo4j ({uri}) refuse l'identification de l'utilisateur {conn.user if conn else '?'!r} : "
            f"utilisateur ou mot de passe incorrect / Neo4j at {uri} refused the credentials of user "
            f"{conn.user if conn else '?'!r}: wrong user name or password{hint}") from err
    except (nex.ServiceUnavailable, nex.SessionExpired, nex.IncompleteCommit,
            nex.ConnectionAcquisitionTimeoutError, ConnectionError, OSError) as err:
        retry = f" après {conn.retry_time:g} s de nouvelles tentatives / after retrying for {conn.retry_time:g} s" \
            if conn and retried else ""
        raise Neo4jUnavailable(
            f"Neo4j injoignable à {uri} pendant : {action}{retry} — le serveur est-il démarré, et Bolt "
            f"écoute-t-il sur ce port ? / Neo4j unreachable at {uri} during: {action} — is the server "
            f"running and listening for Bolt on this port? ({type(err).__name__}: {_short(err)})") from err
    except nex.ClientError as err:
        code = getattr(err, "code", "") or ""
        if code.endswith("DatabaseNotFound"):
            raise ConfigError(f"la base Neo4j {conn.database if conn else '?'!r} n'existe pas / the Neo4j "
                              f"database {conn.database if conn else '?'!r} does not exist on {uri} "
                              f"(--database)") from err
        if "TransactionTimedOut" in code or "TransactionTimedOut" in str(err):
            raise QueryError(f"la requête a dépassé la limite de temps et a été annulée par Neo4j / the "
                             f"query exceeded its time limit and Neo4j cancelled it ({code})") from err
        if code.endswith("AccessMode") or "read access mode" in str(err).lower():
            raise QueryError(f"refusé : écriture dans une session en lecture seule / refused: a write in a "
                             f"read-only session ({code}: {_short(err)})") from err
        raise QueryError(f"Neo4j a refusé la requête / Neo4j refused the query during {action}: "
                         f"{code}: {_short(err)}") from err
    except nex.TransientError as err:
        raise Neo4jUnavailable(f"erreur transitoire de Neo4j persistante / persistent transient Neo4j error "
                               f"at {uri} during {action} after retries: {err.code}: {_short(err)}") from err
    except nex.DatabaseError as err:
        raise StoreError(f"erreur interne de Neo4j / Neo4j internal error at {uri} during {action}: "
                         f"{getattr(err, 'code', '')}: {_short(err)}") from err


def _short(err: BaseException, limit: int = 300) -> str:
    text = " ".join(str(getattr(err, "message", None) or err).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["Neo4jConnection", "Neo4jUnavailable", "connect", "connect_from_settings", "password_from_env",
           "translated"]
