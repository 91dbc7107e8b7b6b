"""``ancrage doctor``: check the on-disk store, and with ``--repair`` fix what is safe to fix."""

from __future__ import annotations

import json

import typer

from .common import JsonOption, LangOption, StoreOption, handle_errors, out, settings


@handle_errors
def doctor(
    store: StoreOption = None,
    repair: bool = typer.Option(False, "--repair", help="Réparer ce qui peut l'être sans perte (lien « current », "
                                                        "générations orphelines, restes d'écritures "
                                                        "interrompues) / repair what is safe to repair."),
    as_json: JsonOption = False,
    lang: LangOption = None,
):
    """Vérifier (et réparer) le magasin sur disque / check (and repair) the on-disk store; exit 1 on problems."""
    from .. import doctor as store_doctor

    cfg = settings(store=str(store) if store else None, lang=lang)
    report = (store_doctor.repair(cfg.store, wait=cfg.write_wait) if repair
              else store_doctor.check(cfg.store))
    if as_json:
        out.print_json(json.dumps(report.to_dict(cfg.lang), ensure_ascii=False))
    else:
        for line in report.lines(cfg.lang):
            out.print(line, markup=False, highlight=False)
        if not repair and any(f.code not in store_doctor.NOT_REPAIRABLE for f in report.problems):
            out.print("→ ancrage doctor --repair" + (f" --store {cfg.store}"), markup=False, highlight=False)
    raise typer.Exit(0 if report.ok else 1)


def register(app: typer.Typer) -> None:
    app.command()(doctor)
