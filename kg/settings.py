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
import json
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError
from .paths import var_dir


def _setting(default, help: str):
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    store: str = _setting(str(var_dir() / "store"),
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
    query_memory_mb: int = _setting(1024, "Memory limit of a query on the embedded store, in MB "
                                    "(its worker process is stopped beyond).")
    write_wait: float = _setting(60.0, "Most seconds a write to the embedded store (import, build) waits for "
                                 "another write to the same store to finish; then it is refused (exit 2).")
    row_limit: int = _setting(10_000, "Most rows a query returns in the explorer.")
    view_node_limit: int = _setting(1_500, "Most nodes the network view draws.")
    # Thresholds of the composition check (kg.gaps): the product's choices, not the source's
    # (docs/gaps.md). A committee may change them (gaps_committees, or ancrage gaps --threshold).
    gaps_min_known: int = _setting(3, "Composition check: below this number of known members, a verdict "
                                   "resting on an absence is 'unknown' (every rule).")
    gaps_r4_ok: int = _setting(10, "R4: expected partner families present (of 13) for 'ok'.")
    gaps_r4_warning: int = _setting(5, "R4: expected partner families present for 'warning' (fewer: 'failure').")
    gaps_share_failure: float = _setting(0.5, "R6: share of the largest institution or category above "
                                         "which the verdict is 'failure'.")
    gaps_share_warning: float = _setting(0.3333, "R6: share of the largest institution or category above "
                                         "which the verdict is 'warning'.")
    gaps_hhi_warning: float = _setting(0.25, "R5, R6: Herfindahl index from which the verdict is 'warning'.")
    gaps_r9_ok: int = _setting(3, "R9: territorial levels among the members for 'ok'.")
    gaps_r9_warning: int = _setting(2, "R9: territorial levels among the members for 'warning' "
                                    "(fewer: 'failure').")
    gaps_committees: dict = field(default_factory=dict, metadata={"help": (
        "Per-committee thresholds: a table per committee key, e.g. [gaps_committees.nord] r4_ok = 8 "
        "(names without 'gaps_'); in ANCRAGE_GAPS_COMMITTEES as JSON.")})

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
                if kind is dict and isinstance(value, str):  # an environment variable: JSON
                    value = json.loads(value or "{}")
                converted[name] = kind(value)
            except (TypeError, ValueError) as err:  # json.JSONDecodeError is a ValueError
                raise ConfigError(f"setting {name!r}: expected {kind.__name__}, found {value!r}") from err
        if converted.get("lang", self.lang) not in ("fr", "en"):
            raise ConfigError(f"setting 'lang': expected fr or en, found {converted['lang']!r}")
        if converted.get("sparql_union", self.sparql_union) not in ("dataset", "server"):
            raise ConfigError(f"setting 'sparql_union': expected dataset or server, found {converted['sparql_union']!r}")
        return dataclasses.replace(self, **converted)

    @staticmethod
    def describe() -> list[tuple[str, str, str]]:
        """(name, default, help) of every setting, for the docs and ``ancrage settings``."""
        return [(f.name, str(f.default if f.default is not dataclasses.MISSING else f.default_factory()),
                 f.metadata["help"]) for f in fields(Settings)]
