"""``ancrage gaps`` (composition check and suggestions of a committee) and ``ancrage analyse``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import ConfigError
from ..escape import console_text as esc
from ..i18n import t
from .common import LangOption, StoreOption, console, handle_errors, out, settings

SEVERITY_STYLE = {"ok": "green", "warning": "yellow", "failure": "bold red", "unknown": "dim"}


def _open(store: Optional[Path], lang: Optional[str]):
    cfg = settings(store=str(store) if store else None, lang=lang)
    from ..backend import open_store

    return cfg, open_store(cfg)


def _date(text: Optional[str]):
    if not text:
        return None
    from ..analysis import parse_date

    try:
        return parse_date(text)
    except ValueError as err:
        raise ConfigError(f"--at: expected a date YYYY-MM-DD or DD/MM/YYYY, found {text!r}") from err


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    console.print(f"écrit / written: {esc(path)}")


@handle_errors
def gaps(
    committee: str = typer.Argument(..., help="Comité : IRI, clé ou partie du nom / committee: IRI, key "
                                              "or part of its name."),
    as_json: bool = typer.Option(False, "--json", help="Sortie JSON (constats, manques, suggestions) / "
                                                       "JSON output."),
    as_md: bool = typer.Option(False, "--md", help="Rapport Markdown pour un comité de pilotage / "
                                                   "Markdown report for a steering meeting."),
    lang: LangOption = None,
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Fichier à écrire (.md, .json, "
                                          ".csv : format déduit si ni --json ni --md) / file to write."),
    csv_file: Optional[Path] = typer.Option(None, "--csv", help="Écrire aussi les suggestions en CSV / "
                                            "also write the suggestions as CSV."),
    limit: int = typer.Option(20, "--limit", help="Nombre de suggestions / number of suggestions."),
    at: Optional[str] = typer.Option(None, "--at", help="Membres à cette date (défaut : aujourd'hui) / "
                                                        "members as of this date (default: today)."),
    threshold: Optional[list[str]] = typer.Option(
        None, "--threshold", "--seuil",
        help="Changer un seuil pour cette exécution, NOM=VALEUR (répétable), p. ex. r4_ok=8 / change a "
             "threshold for this run, NAME=VALUE (repeatable)."),
    findings_csv_file: Optional[Path] = typer.Option(
        None, "--findings-csv", help="Écrire aussi les constats en CSV (statut, lignes citées, seuils) / "
                                     "also write the findings as CSV (status, quoted lines, thresholds)."),
    store: StoreOption = None,
):
    """Vérifier la composition d'un comité (R1–R12) et suggérer des partenaires / check a committee
    against R1–R12 and suggest missing partners. Sortie 1 si une règle échoue / exit 1 on a failed rule."""
    from ..gaps import check, gaps_of, read_facts, resolve_committee
    from ..gaps import suggestions as suggest_all
    from ..gaps.composition import store_labeler
    from ..gaps.report import findings_csv, suggestions_csv, to_json, to_markdown
    from ..gaps.thresholds import Thresholds, parse_overrides

    if as_json and as_md:
        raise ConfigError("choose one of --json or --md / choisir --json ou --md")
    cfg, st = _open(store, lang)
    lang = cfg.lang
    when = _date(at)
    overrides = parse_overrides(threshold)
    with console.status("vérification / checking…"):
        iri = resolve_committee(st, committee)
        report = check(st, iri, lang=lang, at=when, thresholds=Thresholds.build(cfg, iri, overrides))
        found = suggest_all(st, report.committee, limit=limit, at=when, lang=lang)
        suggestions = found.local
        gap_list = gaps_of(read_facts(st, report.committee, at=when, lang=lang), store_labeler(st))
    fmt = "json" if as_json else "md" if as_md else None
    if fmt is None and output is not None:
        fmt = {".json": "json", ".csv": "csv"}.get(output.suffix.lower(), "md")
    if fmt == "json":
        text = to_json(report, suggestions, gap_list, found.national, found.missing)
    elif fmt == "md":
        text = to_markdown(report, suggestions, lang, gap_list, national=found.national, missing=found.missing)
    elif fmt == "csv":
        text = suggestions_csv(suggestions, lang)
    else:
        text = None
    if csv_file is not None:
        _write(csv_file, suggestions_csv(suggestions, lang))
    if findings_csv_file is not None:
        _write(findings_csv_file, findings_csv(report, lang))
    if output is not None:
        _write(output, text)
    elif text is not None:
        typer.echo(text)
    else:
        _print_report(report, suggestions, lang, found)
    if report.has_failures:
        raise typer.Exit(1)


@handle_errors
def analyse_cmd(
    as_json: bool = typer.Option(False, "--json", help="Tout le résultat en JSON / the whole result as JSON."),
    at: Optional[str] = typer.Option(None, "--at", help="État du réseau à cette date (YYYY-MM-DD ou "
                                                        "JJ/MM/AAAA) / state of the network at this date."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Écrire le JSON dans ce fichier / "
                                                                        "write the JSON to this file."),
    top: int = typer.Option(10, "--top", help="Acteurs affichés par mesure / actors shown per measure."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Recalculer sans lire ni écrire le cache / "
                                                            "recompute, bypassing the cache."),
    lang: LangOption = None,
    store: StoreOption = None,
):
    """Analyser le réseau : centralités, communautés, courtage, matrices multi-échelle et des mondes /
    analyse the network: centralities, communities, brokerage, multi-scale and worlds matrices."""
    from ..analysis import STEP_LABELS, STEPS, analyse

    cfg, st = _open(store, lang)
    when = _date(at)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("analyse", total=len(STEPS))
        seen: list[str] = []

        def progress(step: str) -> None:
            if seen:
                bar.advance(task)
            seen.append(step)
            bar.update(task, description=STEP_LABELS[step])

        result = analyse(st, at=when, use_cache=not no_cache, progress=progress)
        bar.update(task, completed=len(STEPS))
    if as_json or output is not None:
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=None if output else 1)
        if output is not None:
            _write(output, text)
        if as_json and output is None:
            typer.echo(text)
        if as_json:
            return
    _print_analysis(result, cfg.lang, top)


def register(app: typer.Typer) -> None:
    app.command("gaps")(gaps)
    app.command("analyse")(analyse_cmd)


# ---------------------------------------------------------------------------------------------
# Console rendering
# ---------------------------------------------------------------------------------------------

def _print_report(report, suggestions, lang: str, found=None) -> None:
    out.print(f"[bold]{esc(report.label)}[/] — {esc(report.territory_label or '—')} "
              f"({t('cli.known_members', lang, n=len(report.members), at=report.at)})")
    table = Table("R", t("cli.col_status", lang), t("cli.col_verdict", lang), t("cli.col_finding", lang),
                  show_lines=False)
    for f in report.findings:
        table.add_row(f.rule, esc(t("gaps.status_" + f.status, lang)) if f.status else "",
                      f"[{SEVERITY_STYLE[f.severity]}]{t('gaps.severity_' + f.severity, lang)}[/]", esc(f.text(lang)))
    out.print(table)
    used = ", ".join(f"{k}={v['value']:g}" + ("*" if v["origin"] != "default" else "")
                     for k, v in report.thresholds.items())
    out.print(t("cli.thresholds_used", lang, used=used))
    out.print(t("cli.to_check", lang, items="; ".join(f"{c['id']} {esc(c['title'][lang])}" for c in report.checklist)))
    if not suggestions:
        out.print(t("cli.no_suggestion", lang))
    else:
        table = Table("#", t("cli.col_actor", lang), "Score", t("cli.col_why", lang))
        for s in suggestions:
            table.add_row(str(s.rank), esc(s.label), f"{s.score:g}", esc(s.reason(lang)))
        out.print(table)
    if found is not None and found.missing:
        out.print(t("cli.missing_locally", lang))
        for m in found.missing:
            out.print(t("cli.missing_line", lang, label=esc(m.label[lang]), expected=esc(m.expected[lang])))
    if found is not None and found.national:
        out.print(t("cli.national_relays", lang, actors="; ".join(esc(s.label) for s in found.national)))


def _print_analysis(result, lang: str, top: int) -> None:
    when = result.at or t("cli.all_dates", lang)
    cached = (" (cache)" if result.from_cache else "")
    out.print(t("cli.network_summary", lang, when=when, cached=cached, nodes=result.nodes, edges=result.edges,
                relations=result.relations, components=result.components, largest=result.largest_component,
                communities=len(result.communities), modularity=result.modularity))
    methods = Table(t("cli.col_measure", lang), t("cli.col_method", lang), t("cli.col_sampled", lang))
    for name, m in sorted(result.methods.items()):
        methods.add_row(name, esc(m[lang]), t("cli.yes" if m.get("sampled") else "cli.no", lang))
    out.print(methods)
    if result.sampled:
        out.print(t("cli.sampled_measures", lang, measures=", ".join(result.sampled)))
    else:
        out.print(t("cli.exact_measures", lang))
    for name, lowest in (("degree", False), ("betweenness", False), ("closeness", False), ("pagerank", False),
                         ("effective_size", False), ("constraint", True)):
        rows = result.top(name, top, lowest=lowest)
        if not rows:
            continue
        measure = t("cli.measure_" + name, lang)
        table = Table("#", t("cli.col_actor", lang), measure, title=measure)
        for i, r in enumerate(rows, 1):
            table.add_row(str(i), esc(r["label"]), f"{r['value']:.4g}")
        out.print(table)
    if result.communities:
        table = Table("#", t("cli.col_size", lang), t("cli.col_main_actors", lang), title=t("cli.communities", lang))
        for c in result.communities[:top]:
            table.add_row(str(c["id"]), str(c["size"]), esc(", ".join(a["label"] for a in c["top"])))
        out.print(table)
    table = Table(t("cli.col_actor", lang), t("cli.col_committees", lang), title=t("cli.shared_actors", lang))
    for s in result.shared_actors[:top]:
        table.add_row(esc(s["label"]), str(s["count"]))
    out.print(table if result.shared_actors else t("cli.no_shared_actor", lang))
    for title, m in ((t("cli.level_matrix", lang), result.level_matrix),
                     (t("cli.world_matrix", lang), result.world_matrix)):
        if not m.get("labels"):
            continue
        table = Table(title=title)
        table.add_column("", no_wrap=True)
        width = max((len(str(v)) for row in m["counts"] for v in row), default=1)
        for label in m["labels"]:
            table.add_column(esc(label[:4]), justify="right", no_wrap=True, min_width=width)
        for label, row in zip(m["labels"], m["counts"]):
            table.add_row(esc(label), *(str(v) for v in row))
        out.print(table)
