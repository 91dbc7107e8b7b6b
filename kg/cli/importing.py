"""``ancrage import FILE…``: add the founders' spreadsheets to the store, one named graph each.

Each file is checked (together with the others given, so ids may cross files), its good rows
become the named graph ``…/graph/import-<file stem>`` (replacing a previous import of the
very same file name; another file name that maps to the same graph is refused unless
``--replace``), its bad rows are reported. The write is atomic (:func:`kg.store.write_sources`):
every other graph of the store is kept as it was; if no row of any file is good, nothing is
written. Exit status: 0 no error, 1 rows refused (the good ones are imported), 2 failure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..escape import console_text
from ..i18n import t
from .common import LangOption, StoreOption, console, handle_errors, out, settings


def _open_existing(cfg):
    """The store the import checks references against (``None`` for a store not built yet)."""
    from ..backend import is_remote, open_store
    from ..store import Store

    if is_remote(cfg):
        return open_store(cfg)
    return Store.open(cfg.store) if Store.exists(cfg.store) else None


def print_report(report, lang: str) -> None:
    """The report as a table of files then one line per problem (errors red, warnings yellow)."""
    table = Table(t("cli.col_file", lang), t("cli.col_graph", lang), t("cli.col_kept", lang),
                  t("cli.col_refused", lang))
    for f in report.files:
        table.add_row(console_text(f.name), console_text(f.source_id), str(f.kept), str(f.refused))
    out.print(table)
    for p in report.problems:
        colour = "red" if p.is_error else "yellow"
        tag = t("cli.tag_error" if p.is_error else "cli.tag_warning", lang)
        out.print(f"[{colour}]{tag}[/] {console_text(p.render(lang))}", highlight=False)


@handle_errors
def import_(
    files: List[Path] = typer.Argument(..., help="Fichiers CSV/XLSX au modèle Ancrage / CSV/XLSX files "
                                                 "following the Ancrage template (docs/import.md)."),
    store: StoreOption = None,
    lang: LangOption = None,
    report: Optional[Path] = typer.Option(None, "--report", help="Écrire les problèmes dans ce fichier (CSV, "
                                                                 "ou JSON si .json) / write the problems to this "
                                                                 "file (CSV, or JSON if .json)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Vérifier sans écrire / check without writing."),
    licence: Optional[str] = typer.Option(None, "--licence", help="Licence des données importées / licence of "
                                                                  "the imported data."),
    as_json: bool = typer.Option(False, "--json", help="Rapport en JSON / JSON report."),
    replace: bool = typer.Option(False, "--replace", help="Remplacer l'import précédent qui va dans le même graphe "
                                                          "nommé, même sous un autre nom de fichier / replace the "
                                                          "previous import that goes to the same named graph, even "
                                                          "under another file name."),
):
    """Importer des tableurs (un graphe nommé par fichier) / import spreadsheets (one named graph per file)."""
    from loaders import tabular

    from ..backend import write_sources

    cfg = settings(store=str(store) if store else None, lang=lang)
    existing = _open_existing(cfg)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task("lecture / reading", total=None)

        def rows_checked(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description="vérification / checking")

        sources, result = tabular.load_files([str(f) for f in files], cfg.lang, store=existing, licence=licence,
                                             progress=rows_checked, replace=replace)
        version = None
        if sources and not dry_run:
            progress.update(task, description="écriture / writing")
            del existing  # the read handle is not needed for the write (a new generation)
            version = write_sources(cfg, sources)
    if report:
        result.write(report, cfg.lang)
    if as_json:
        data = result.as_dict(cfg.lang)
        data["written"] = [s.id for s in sources] if version else []
        data["version"] = version
        out.print_json(json.dumps(data, ensure_ascii=False, default=str))
    else:
        print_report(result, cfg.lang)
        if version:
            console.print(t("cli.imported", cfg.lang,
                            what=console_text(", ".join(f"{s.id} ({s.records})" for s in sources)
                                              + f" → {cfg.store} ({version})")))
        elif dry_run:
            console.print(t("cli.check_only", cfg.lang))
        else:
            console.print(t("cli.no_valid_row", cfg.lang))
    if not sources and not dry_run:
        raise typer.Exit(1)
    raise typer.Exit(result.exit_code)


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
