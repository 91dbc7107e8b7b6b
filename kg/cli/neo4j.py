"""``ancrage neo4j push|pull|query``: the property-graph copy of the graph in a Neo4j server.

The password is read from the environment variable named by ``--password-env`` (default: the
setting ``neo4j_password_env``, ``NEO4J_PASSWORD``); it is never an option. Connection problems
(server down, wrong password, server gone during a push) end with a one-line message and exit 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..escape import console_text as esc
from ..mapping import DEFAULT_BATCH, DEFAULT_WORKERS
from .common import (FormatOption, LimitOption, ParamOption, StoreOption, TimeoutOption, check_format, console,
                     handle_errors, out, parse_params, settings)

neo4j_app = typer.Typer(
    name="neo4j", no_args_is_help=True,
    help="Copie Neo4j du graphe : envoyer, relire, interroger / the Neo4j copy of the graph: push, pull, query.")

UriOption = typer.Option(None, "--uri", help="URI Bolt / Bolt URI (défaut/default: réglage/setting neo4j_uri), "
                                             "e.g. bolt://localhost:7687.")
UserOption = typer.Option(None, "--user", help="Utilisateur / user (défaut/default: neo4j).")
PasswordEnvOption = typer.Option(None, "--password-env",
                                 help="Variable d'environnement du mot de passe / environment variable holding "
                                      "the password (défaut/default: NEO4J_PASSWORD).")
DatabaseOption = typer.Option(None, "--database", help="Base Neo4j / Neo4j database (défaut/default: neo4j).")
RetryOption = typer.Option(30.0, "--retry-time",
                           help="Durée des nouvelles tentatives sur erreur transitoire (s) / how long transient "
                                "errors are retried (s).")

PHASES = {"schema": "contraintes / constraints", "plan": "lecture du magasin / reading the store", "delete": "suppression / delete", "nodes": "nœuds / nodes",
          "relationships": "relations / relationships"}


def _connect(uri, user, password_env, database, retry_time=30.0):
    from ..neo4j.connection import connect_from_settings

    cfg = settings()
    return connect_from_settings(cfg, uri=uri, user=user, database=database, password_env=password_env,
                                 retry_time=retry_time)


def _progress_bar():
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")


@neo4j_app.command("push")
@handle_errors
def push_command(
    uri: Optional[str] = UriOption,
    user: Optional[str] = UserOption,
    password_env: Optional[str] = PasswordEnvOption,
    database: Optional[str] = DatabaseOption,
    replace: bool = typer.Option(False, "--replace",
                                 help="Supprimer d'abord les données Ancrage (et seulement elles) / first delete "
                                      "Ancrage's data (and only it)."),
    batch_size: int = typer.Option(DEFAULT_BATCH, "--batch-size", min=1, help="Lignes par transaction / rows per transaction."),
    workers: int = typer.Option(DEFAULT_WORKERS, "--workers", min=1,
                                help="Écritures en parallèle / writers side by side (1: one after the other)."),
    graph: Optional[str] = typer.Option(None, "--graph", help="Un seul graphe nommé / one named graph only."),
    restart: bool = typer.Option(False, "--restart",
                                 help="Ne pas reprendre un envoi interrompu, tout réécrire / do not resume an "
                                      "interrupted push, write everything again."),
    retry_time: float = RetryOption,
    store: StoreOption = None,
):
    """Envoyer le graphe dans Neo4j (idempotent, reprend un envoi interrompu) / push into Neo4j (idempotent, resumes)."""
    from ..neo4j.push import push
    from .core import open_store

    cfg = settings(store=str(store) if store else None)
    source = open_store(cfg)
    with _connect(uri, user, password_env, database, retry_time) as conn:
        with _progress_bar() as bar:
            task = bar.add_task("connexion / connecting", total=None)

            def progress(phase, done, total):
                bar.update(task, description=PHASES.get(phase, phase), completed=done, total=total or None)

            report = push(source, conn, replace=replace, batch_size=batch_size, workers=workers, graph=graph,
                          progress=progress, restart=restart)
    c = report.counts
    console.print(f"[green]Envoyé / pushed[/] → {esc(conn.uri)} ({esc(conn.database)}): {esc(report.summary())}")
    out.print(f"Neo4j: {c['nodes']:,} nœuds Ancrage / Ancrage nodes, {c['relationships']:,} relations / "
              f"relationships ({c['all_nodes']:,} nœuds au total / nodes in all)", highlight=False)


@neo4j_app.command("pull")
@handle_errors
def pull_command(
    output: Path = typer.Option(..., "--output", "-o",
                                help="Fichier RDF (.ttl, .nt, .jsonld ; .trig/.nq gardent les graphes) / RDF file "
                                     "(.trig/.nq keep the named graphs)."),
    uri: Optional[str] = UriOption,
    user: Optional[str] = UserOption,
    password_env: Optional[str] = PasswordEnvOption,
    database: Optional[str] = DatabaseOption,
    retry_time: float = RetryOption,
):
    """Relire les données Ancrage de Neo4j en RDF / pull Ancrage's data from Neo4j back into RDF."""
    from ..neo4j.pull import pull, write
    from ..neo4j.translate import STATUS_COMPLETE

    with _connect(uri, user, password_env, database, retry_time) as conn:
        with console.status("lecture / reading…"):
            result = pull(conn)
    path = write(result, output)
    console.print(f"[green]Relu / pulled[/]: {result.nodes:,} nœuds / nodes, {result.relationships:,} relations / "
                  f"relationships → {result.triples:,} triplets / triples → {esc(path)}")
    if result.status and result.status != STATUS_COMPLETE:
        console.print(f"[yellow]Attention / warning[/]: le dernier envoi n'est pas terminé ({esc(result.status)}) / the "
                      "last push did not finish: run 'ancrage neo4j push' again", highlight=False)
    if result.ignored:
        console.print("ignoré (non écrit par Ancrage) / ignored (not written by Ancrage): "
                      + esc(", ".join(f"{k} ×{v}" for k, v in sorted(result.ignored.items()))), highlight=False)


@neo4j_app.command("query")
@handle_errors
def query_command(
    query_text: str = typer.Argument(..., metavar="QUERY",
                                     help="Cypher, un fichier .cypher ou le nom d'une requête / Cypher, a .cypher "
                                          "file or a named query."),
    param: ParamOption = [],
    fmt: FormatOption = "table",
    limit: LimitOption = None,
    timeout: TimeoutOption = None,
    uri: Optional[str] = UriOption,
    user: Optional[str] = UserOption,
    password_env: Optional[str] = PasswordEnvOption,
    database: Optional[str] = DatabaseOption,
):
    """Interroger Neo4j en lecture seule / query Neo4j, read-only."""
    from ..neo4j import cypher
    from .core import print_rows

    check_format(fmt)
    params = parse_params(param)
    cfg = settings()
    text, named = cypher.resolve(query_text)
    cypher.ensure_read_only(cypher.strip_headers(text))  # refuse before connecting
    if named is not None:
        values = cypher.cypher_params(named, named.values(params))
    else:
        values = params
    with _connect(uri, user, password_env, database) as conn:
        rows = cypher.run(conn, text, values, timeout=timeout or cfg.query_timeout,
                          limit=limit if limit is not None else cfg.row_limit)
    print_rows(rows, fmt)
    sys.stdout.flush()


__all__ = ["register", "neo4j_app"]
