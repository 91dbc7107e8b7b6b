"""``ancrage import-rdf FILE…``: add RDF files (Turtle, N-Triples, JSON-LD) to the store, one
named graph each (``…/graph/rdf-<file stem>``, or ``--id``), through :mod:`loaders.rdf`.

Each file is checked for syntax (an error names the file and line: nothing is written) and for
personal data (:mod:`kg.privacy`: the triples or resources concerned are quarantined and listed,
the rest kept). The write is atomic and keeps every other graph; importing the same file again
replaces its graph. Exit status: 0 no problem, 1 triples quarantined (the others are written) or
nothing to write, 2 failure (nothing written).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from ..escape import console_text
from ..i18n import t
from .common import (LangOption, StoreOption, console, handle_errors, out, print_quarantined, quarantined_json,
                     settings)


@handle_errors
def import_rdf(
    files: List[Path] = typer.Argument(..., help="Fichiers .ttl, .nt, .jsonld / .ttl, .nt, .jsonld files."),
    source_id: Optional[str] = typer.Option(None, "--id", help="Nom de la source (un seul fichier ; défaut "
                                                               "rdf-<nom du fichier>) / source id (one file; "
                                                               "default rdf-<file stem>)."),
    rdf_format: Optional[str] = typer.Option(None, "--format", help="turtle | nt | json-ld (défaut : selon "
                                                                    "l'extension / default: by extension)."),
    licence: Optional[str] = typer.Option(None, "--licence", help="Licence des données / licence of the data."),
    store: StoreOption = None,
    dry_run: bool = typer.Option(False, "--dry-run", help="Vérifier sans écrire / check without writing."),
    as_json: bool = typer.Option(False, "--json", help="Rapport en JSON / JSON report."),
    lang: LangOption = None,
):
    """Importer des fichiers RDF (un graphe nommé par fichier) / import RDF files (one named graph per file)."""
    from loaders import rdf

    from ..backend import write_sources
    from ..errors import ConfigError

    if source_id and len(files) > 1:
        raise ConfigError("--id ne vaut que pour un seul fichier / --id applies to one file only")
    cfg = settings(store=str(store) if store else None, lang=lang)
    sources = []
    with console.status("lecture / reading…") as status:
        for path in files:
            status.update(f"lecture / reading {console_text(path.name)}…")
            sources.append(rdf.load(path, source_id, rdf_format, licence=licence))
    kept = [s for s in sources if s.records]
    version = None
    if kept and not dry_run:
        with console.status("écriture / writing…"):
            version = write_sources(cfg, kept)
    problems = [p for s in sources for p in s.problems]
    lang = cfg.lang
    if as_json:
        out.print_json(json.dumps({
            "sources": [{"graph": s.id, "file": s.path, "triples": s.records, "quarantined": len(s.problems)}
                        for s in sources],
            "quarantined": [quarantined_json(p) for p in problems],
            "written": bool(version), "version": version}, ensure_ascii=False, default=str))
    else:
        table = Table(t("cli.col_file", lang), t("cli.col_graph", lang), t("cli.col_triples", lang),
                      t("cli.col_quarantined", lang))
        for s in sources:
            table.add_row(console_text(Path(s.path or "").name), console_text(s.id), f"{s.records:,}",
                          str(len(s.problems)))
        out.print(table)
        print_quarantined(problems, lang)
        if version:
            console.print(t("cli.imported", lang, what=console_text(
                ", ".join(f"{s.id} ({s.records:,})" for s in kept) + f" → {cfg.sparql_endpoint or cfg.store} "
                f"({version})")))
        elif dry_run:
            console.print(t("cli.check_only", lang))
        else:
            console.print(t("cli.no_triple_kept", lang))
    if not kept and not dry_run:
        raise typer.Exit(1)
    raise typer.Exit(1 if problems else 0)


def register(app: typer.Typer) -> None:
    app.command("import-rdf")(import_rdf)
