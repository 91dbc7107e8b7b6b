"""Settings as data: one object, a default and a help text per field.

Layers, later wins: defaults -> settings file (``ancrage.toml`` in the working directory, or the
file named by ``ANCRAGE_SETTINGS``) -> ``ANCRAGE_<NAME>`` environment variables -> explicit
overrides (CLI options, explorer inputs). Reading settings has no side effect.

>>> s = Settings.load(env={"ANCRAGE_QUERY_TIMEOUT": "5"}, file=None)
>>> s.query_timeout
5.0
>>> s.replace(lang="en").lang
'en'
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _setting(default, help: str):
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    store: str = _setting(str(PROJECT_ROOT / "var" / "store"),
                          "Folder of the embedded on-disk store (Oxigraph).")
    sparql_endpoint: str = _setting("", "URL of a remote SPARQL 1.1 query endpoint; when set, "
                                    "queries go there instead of the embedded store.")
    sparql_update_endpoint: str = _setting("", "URL of the remote SPARQL 1.1 update endpoint "
                                           "(defaults to the query endpoint).")
    sparql_graph_store: str = _setting("", "URL of the remote Graph Store Protocol endpoint (…/store on "
                                       "Oxigraph server, …/<dataset>/data on Fuseki); when set, writes "
                                       "replace each source's named graph with one HTTP PUT (faster; a "
                                       "write of several sources is then not all-or-nothing).")
    sparql_union: str = _setting("dataset", "How a remote query sees the union of the named graphs: "
                                 "dataset (each request names every graph; any server) or server (the "
                                 "server's default graph is that union: oxigraph serve "
                                 "--union-default-graph, Fuseki/TDB2 unionDefaultGraph; much faster on Fuseki).")
    neo4j_uri: str = _setting("", "Bolt URI of a Neo4j server, e.g. bolt://localhost:7687.")
    neo4j_user: str = _setting("neo4j", "Neo4j user name.")
    neo4j_password_env: str = _setting("NEO4J_PASSWORD",
                                       "Name of the environment variable holding the Neo4j password.")
    neo4j_database: str = _setting("neo4j", "Neo4j database name.")
    lang: str = _setting("fr", "Language of messages and labels: fr or en.")
    query_timeout: float = _setting(30.0, "Time limit of a query, in seconds.")
    row_limit: int = _setting(10_000, "Most rows a query returns in the explorer.")
    view_node_limit: int = _setting(1_500, "Most nodes the network view draws.")

    @classmethod
    def load(cls, env: dict | None = None, file: str | Path | None | bool = True,
             **overrides) -> "Settings":
        """Settings from every layer; ``file=True`` looks for the default file."""
        env = os.environ if env is None else env
        values: dict = {}
        if file is True:
            file = env.get("ANCRAGE_SETTINGS") or (Path.cwd() / "ancrage.toml")
        if file and Path(file).exists():
            try:
                values.update(tomllib.loads(Path(file).read_text(encoding="utf-8")))
            except tomllib.TOMLDecodeError as err:
                raise ConfigError(f"{file}: not valid TOML: {err}") from err
        for f in fields(cls):
            key = "ANCRAGE_" + f.name.upper()
            if key in env and env[key] != "":
                values[f.name] = env[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls()._with(values)

    def replace(self, **changes) -> "Settings":
        return self._with({k: v for k, v in changes.items() if v is not None})

    def _with(self, values: dict) -> "Settings":
        known = {f.name: f for f in fields(self)}
        converted = {}
        for name, value in values.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}; known: {', '.join(known)}")
            kind = type(getattr(self, name))
            try:
                converted[name] = kind(value)
            except (TypeError, ValueError) as err:
                raise ConfigError(f"setting {name!r}: expected {kind.__name__}, found {value!r}") from err
        if converted.get("lang", self.lang) not in ("fr", "en"):
            raise ConfigError(f"setting 'lang': expected fr or en, found {converted['lang']!r}")
        if converted.get("sparql_union", self.sparql_union) not in ("dataset", "server"):
            raise ConfigError(f"setting 'sparql_union': expected dataset or server, found {converted['sparql_union']!r}")
        return dataclasses.replace(self, **converted)

    @staticmethod
    def describe() -> list[tuple[str, str, str]]:
        """(name, default, help) of every setting, for the docs and ``ancrage settings``."""
        return [(f.name, str(f.default), f.metadata["help"]) for f in fields(Settings)]
