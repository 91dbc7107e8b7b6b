"""Core commands: build, stats, validate, query, queries, export, app, settings."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import QueryError
from ..escape import console_text, csv_row
from ..paths import shipped
from .common import (FormatOption, JsonOption, LangOption, LimitOption, ParamOption, StoreOption, TimeoutOption,
                     check_format, console, handle_errors, out, parse_params, settings)


def open_store(cfg):
    """The store the settings point to (a remote SPARQL endpoint, or the embedded store)."""
    from ..backend import open_store as backend_open

    return backend_open(cfg)


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


#: Rows drawn in a terminal table (drawing is slow and unreadable beyond); CSV and JSON give all.
TABLE_MAX_ROWS = 1_000


def print_rows(rows, fmt: str) -> None:
    """Print :class:`kg.store.Rows` as a table, CSV or JSON on standard output."""
    if fmt == "json":
        out.print_json(json.dumps(rows.dicts(), default=_json_default, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(rows.variables)
        for row in rows.rows:
            writer.writerow(csv_row(v if v is None or isinstance(v, (str, int, float)) else _json_default(v)
                                    for v in row))
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(*map(console_text, rows.variables), show_lines=False)
        for row in rows.rows[:TABLE_MAX_ROWS]:
            table.add_row(*(console_text(v) for v in row))
        out.print(table)
        console.print(f"{len(rows.rows)} ligne(s) / row(s)")
        if len(rows.rows) > TABLE_MAX_ROWS:
            console.print(f"[yellow]Tableau limité aux {TABLE_MAX_ROWS:,} premières lignes / table shows the first "
                          f"{TABLE_MAX_ROWS:,} rows[/]: --format csv ou/or json pour toutes / for all of them.")


@handle_errors
def build(
    store: StoreOption = None,
    territories: bool = typer.Option(True, "--territories/--no-territories",
                                     help="Charger le référentiel territorial (COG) / load the territorial reference."),
    region: List[str] = typer.Option([], "--region", help="Ne charger que cette région (code INSEE), répétable / only this région."),
    departement: List[str] = typer.Option([], "--departement", help="Ne charger que ce département, répétable / only this département."),
    sparql_endpoint: Optional[str] = typer.Option(
        None, "--sparql-endpoint", envvar="ANCRAGE_SPARQL_ENDPOINT",
        help="Construire dans ce serveur SPARQL (remplace tout son contenu) / build into this SPARQL "
             "server (replaces all it holds)."),
):
    """Construire le graphe par défaut / build the default graph from the shipped data."""
    from ..build import build as run_build

    cfg = settings(store=str(store) if store else None, sparql_endpoint=sparql_endpoint)
    started = time.perf_counter()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("préparation / preparing", total=None)
        version = run_build(cfg, territories=territories, regions=region or None,
                            departements=departement or None,
                            progress=lambda step: progress.update(task, description=f"{step}…"))
    s = open_store(cfg)
    console.print(f"[green]Graphe construit / graph built[/]: {s.count():,} triplets/triples, "
                  f"{len(s.named_graphs())} graphes/graphs, version {version}, "
                  f"{time.perf_counter() - started:.1f} s → {console_text(cfg.sparql_endpoint or cfg.store)}")


@handle_errors
def stats(
    as_json: JsonOption = False,
    store: StoreOption = None,
):
    """Triplets, graphes nommés et nombre d'instances par classe / triples, named graphs, counts per class."""
    from ..stats import compute_stats

    cfg = settings(store=str(store) if store else None)
    result = compute_stats(open_store(cfg))
    if as_json:
        out.print_json(json.dumps(result, default=_json_default, ensure_ascii=False))
        return
    out.print(f"Triplets / triples: {result['triples']:,}  —  version {console_text(result['version'])}")
    t = Table("graphe / graph", "titre / title", "triplets / triples", "licence", "chargé / loaded")
    for g in result["graphs"]:
        t.add_row(console_text(g["graph"]), console_text(g.get("title")), f"{g['triples']:,}",
                  console_text(g.get("licence")), console_text(g.get("loaded")))
    out.print(t)
    t = Table("classe / class", "instances")
    for cls, n in result["classes"].items():
        t.add_row(console_text(cls), f"{n:,}")
    out.print(t)


@handle_errors
def validate(
    files: List[Path] = typer.Argument(None, help="Fichiers CSV/XLSX à vérifier sans rien charger / "
                                                  "CSV/XLSX files to check without loading them."),
    as_json: JsonOption = False,
    lang: LangOption = None,
    report: Optional[Path] = typer.Option(None, "--report", help="Écrire les problèmes en CSV / write problems as CSV."),
    store: StoreOption = None,
):
    """Valider le graphe (SHACL + cohérence) ou des fichiers / validate the graph or files; exit 1 on problems."""
    cfg = settings(store=str(store) if store else None, lang=lang)
    if files:
        from loaders import tabular

        result = tabular.check_files([str(f) for f in files], lang=cfg.lang)
        if report:
            result.write_csv(report)
        if as_json:
            out.print_json(json.dumps(result.to_dict(), default=_json_default, ensure_ascii=False))
        else:
            out.print(console_text(result.render(cfg.lang)), highlight=False)
        raise typer.Exit(0 if result.ok else 1)
    from ..validation import validate_store

    with console.status("validation SHACL…"):
        result = validate_store(open_store(cfg), lang=cfg.lang)
    if as_json:
        out.print_json(json.dumps(result.to_dict(), default=_json_default, ensure_ascii=False))
    else:
        for v in result.violations:
            out.print(f"[{'red' if v.severity == 'violation' else 'yellow'}]{v.severity}[/] "
                      + console_text(f"[{v.where()}] {v.focus}: {v.message}" + (f" ({v.value})" if v.value else "")),
                      highlight=False)
        if result.shacl_skipped:
            out.print(f"SHACL non appliqué : {result.triples:,} triplets, plus que la limite / SHACL not applied: "
                      f"{result.triples:,} triples, over the limit — contrôles de cohérence faits / "
                      f"consistency checks done")
        n = sum(v.severity == "violation" for v in result.violations)
        shacl = (f"SHACL sur {len(result.shacl_graphs)} graphe(s) ensemble / on {len(result.shacl_graphs)} "
                 f"graph(s) together" if result.shacl_graphs else "")
        out.print(("[green]Graphe valide / graph is valid[/]" if result.ok else
                   f"[red]{n} violation(s)[/]") + f", {result.warnings} avertissement(s)/warning(s) — "
                  f"{len(result.checked_graphs)} graphe(s)/graph(s), {result.triples:,} triplets/triples"
                  + (f" ; {shacl}" if shacl else ""))
    if not result.ok:
        raise typer.Exit(1)


@handle_errors
def query(
    query_text: str = typer.Argument(..., metavar="QUERY",
                                     help="SPARQL, un fichier .rq ou le nom d'une requête / SPARQL, a .rq file or a named query."),
    param: ParamOption = [],
    fmt: FormatOption = "table",
    limit: LimitOption = None,
    timeout: TimeoutOption = None,
    store: StoreOption = None,
):
    """Interroger le graphe en lecture seule / query the graph (read-only)."""
    from .. import queries

    check_format(fmt)
    params = parse_params(param)
    cfg = settings(store=str(store) if store else None)
    result = queries.run(open_store(cfg), query_text, params, timeout=timeout or cfg.query_timeout, limit=limit,
                         memory_mb=cfg.query_memory_mb)
    if isinstance(result, bool):
        out.print("true" if result else "false")
    elif isinstance(result, bytes):
        sys.stdout.write(result.decode("utf-8"))
    else:
        print_rows(result, fmt)
        if result.truncated:
            console.print(f"Résultat limité aux {limit:,} premières lignes (--limit) / result limited to the "
                          f"first {limit:,} rows (--limit)", highlight=False)


@handle_errors
def list_queries(lang: LangOption = "fr"):
    """Lister les requêtes nommées / list the named queries."""
    from .. import queries

    t = Table("nom / name", "titre / title", "paramètres / parameters", "Cypher")
    for name, q in queries.library().items():
        t.add_row(console_text(name), console_text(q.title(lang)),
                  console_text(", ".join(f"{p.name}={p.default}" for p in q.params)),
                  "✓" if q.cypher else "")
    out.print(t)


@handle_errors
def export(
    fmt: str = typer.Option(..., "--format", "-f", help="ttl | jsonld | nt | trig | nq | graphml | gexf | neo4j-csv"),
    output: Path = typer.Option(..., "--output", "-o", help="Fichier (ou dossier pour neo4j-csv) / file (folder for neo4j-csv)."),
    graph: Optional[str] = typer.Option(None, "--graph", help="Un seul graphe nommé / one named graph only."),
    store: StoreOption = None,
):
    """Exporter le graphe / export the graph (RDF, Gephi, Neo4j import)."""
    from ..exports import export as run_export

    cfg = settings(store=str(store) if store else None)
    with console.status(f"export {fmt}…"):
        path = run_export(open_store(cfg), fmt, output, graph=graph)
    console.print(f"[green]Exporté / exported[/] → {console_text(path)}")


@handle_errors
def run_app(
    port: int = typer.Option(8501, "--port"),
    store: StoreOption = None,
    headless: bool = typer.Option(True, "--headless/--open-browser"),
):
    """Lancer l'explorateur / start the explorer (Streamlit)."""
    cfg = settings(store=str(store) if store else None)
    env = dict(os.environ, ANCRAGE_STORE=cfg.store)
    cmd = [sys.executable, "-m", "streamlit", "run", str(shipped("app.py")),
           "--server.port", str(port), "--server.address", "localhost",
           "--server.headless", "true" if headless else "false", "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "minimal"]
    console.print(f"Explorateur / explorer: http://localhost:{port}")
    from ..processes import serve

    code = serve(cmd, env=env)  # its own process group; SIGTERM/SIGINT/SIGHUP stop it (and all it started)
    raise typer.Exit(code if code >= 0 else 128 - code)


@handle_errors
def show_settings():
    """Afficher les réglages et leur valeur / show the settings and their values."""
    from ..settings import Settings

    cfg = settings()
    for name, _default, help_text in Settings.describe():
        out.print(f"[bold]{name}[/] = {console_text(getattr(cfg, name))}   (ANCRAGE_{name.upper()})\n    "
                  f"{console_text(help_text)}",
                  highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(stats)
    app.command()(validate)
    app.command()(query)
    app.command("queries")(list_queries)
    app.command()(export)
    app.command("app")(run_app)
    app.command("settings")(show_settings)


__all__ = ["register", "open_store", "print_rows", "QueryError"]
