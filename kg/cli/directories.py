"""``ancrage import-directory KIND FILE``: load an official directory file (data·inclusion, Sirene,
FINESS) for some départements, as its own named graph (docs/directories.md).

The file is streamed and filtered to the départements given; its rows become attested actors
with their official identifiers; bad rows are listed (file, line, field, expected, found) and the
good ones kept. The write is atomic; loading the same kind for the same départements again
replaces the graph. Exit status: 0 no problem, 1 rows quarantined (the good ones are loaded),
2 failure (nothing written).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from ..i18n import t
from .common import (LangOption, StoreOption, console, handle_errors, out, print_quarantined,
                     quarantined_json, settings)


@handle_errors
def import_directory(
    kind: str = typer.Argument(..., help="datainclusion | sirene | finess"),
    file: Path = typer.Argument(..., help="Le fichier tel que publié / the file as published "
                                          "(Sirene: StockEtablissement)."),
    departement: List[str] = typer.Option([], "--departement", "-d",
                                          help="Ne garder que ce département (code INSEE), répétable / keep "
                                               "only this département, repeatable (défaut/default: France)."),
    unites_legales: Optional[Path] = typer.Option(None, "--unites-legales",
                                                  help="Sirene : le fichier StockUniteLegale (obligatoire) / "
                                                       "Sirene: the StockUniteLegale file (required)."),
    extract_date: Optional[str] = typer.Option(None, "--date", help="Date d'extraction du fichier (AAAA-MM-JJ), "
                                                                   "si son nom ne la donne pas / extract date "
                                                                   "of the file, if its name does not give it."),
    store: StoreOption = None,
    dry_run: bool = typer.Option(False, "--dry-run", help="Lire sans écrire / read without writing."),
    as_json: bool = typer.Option(False, "--json", help="Rapport en JSON / JSON report."),
    lang: LangOption = None,
):
    """Charger un annuaire officiel (data·inclusion, Sirene, FINESS) / load an official directory."""
    from loaders import DIRECTORIES, module

    from ..backend import open_store, write_sources
    from ..errors import AncrageError, ConfigError

    if kind not in DIRECTORIES:
        raise ConfigError(f"annuaire inconnu / unknown directory {kind!r}: {', '.join(DIRECTORIES)}")
    cfg = settings(store=str(store) if store else None, lang=lang)
    options = {"departements": departement or None, "extract_date": extract_date}
    if kind == "sirene":
        options["unites_legales"] = unites_legales
    elif unites_legales is not None:
        raise ConfigError("--unites-legales ne vaut que pour sirene / only applies to sirene")
    with console.status("lecture / reading…"):
        src = module(kind).load(file, **options)
    from ..identity import known_matches_of

    try:  # one identity per institution: actors the graph already knows under another id
        matches = known_matches_of(open_store(cfg), src) if src.records else []
    except AncrageError:  # no store yet: nothing is known
        matches = []
    version = None
    if src.records and not dry_run:
        with console.status("écriture / writing…"):
            version = write_sources(cfg, [src])
    lang = cfg.lang
    if as_json:
        out.print_json(json.dumps({
            "graph": src.id, "title": src.title, "extract_date": src.version, "actors": src.records,
            "quarantined": [quarantined_json(p) for p in src.problems],
            "looks_known": [{"actor": m.iri, "known": m.known, "known_label": m.known_label, "reason": m.reason,
                             "detail": m.detail} for m in matches],
            "written": bool(version), "version": version}, ensure_ascii=False, default=str))
    else:
        table = Table(t("cli.col_graph", lang), t("cli.col_actors", lang), t("cli.col_quarantined", lang))
        table.add_row(src.id, str(src.records), str(len(src.problems)))
        out.print(table)
        out.print(src.description or "", highlight=False, markup=False)
        print_quarantined(src.problems, lang)
        for m in matches[:200]:
            out.print(f"[yellow]{t('cli.tag_looks_known', lang)}[/] ", end="")
            out.print(f"{m.iri} ≈ {m.known} « {m.known_label} » ({m.reason}: {m.detail})", highlight=False,
                      markup=False)
        if matches:
            out.print(t("cli.how_to_merge", lang), highlight=False, markup=False)
        if version:
            console.print(t("cli.loaded", lang, what=f"{src.id} → {cfg.store} ({version})"))
        elif dry_run:
            console.print(t("cli.read_only", lang))
        else:
            console.print(t("cli.no_actor_kept", lang))
    if not src.records and not dry_run:
        raise typer.Exit(1)
    raise typer.Exit(1 if src.problems else 0)


def register(app: typer.Typer) -> None:
    app.command("import-directory")(import_directory)
