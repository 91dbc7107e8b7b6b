"""``ancrage generate``: write a synthetic national graph to N-Triples or into the store."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..escape import console_text
from .common import console, handle_errors, out, settings


@handle_errors
def generate(
    actors: int = typer.Option(None, "--actors", help="Nombre d'acteurs / number of actors "
                               "(défaut/default: 150 000 × --scale)."),
    relations: int = typer.Option(None, "--relations", help="Nombre de relations (adhésions, "
                                  "partenariats, flux) / number of relations (default 1 000 000 × --scale)."),
    seed: int = typer.Option(0, "--seed", help="Graine / random seed (même graine, même graphe / "
                             "same seed, same graph)."),
    committees: int = typer.Option(100, "--committees", help="Nombre de comités / number of committees."),
    scale: float = typer.Option(1.0, "--scale", help="Part du tableau national (0.01, 0.1, 1) / "
                                "share of the national picture."),
    departements: str = typer.Option("", "--departements", help="Codes INSEE séparés par des virgules "
                                     "(défaut : toute la France) / comma-separated codes (default: all)."),
    reference: str = typer.Option("cog", "--reference", help="cog (référentiel réel / real reference) | "
                                  "tiny (4 départements, pour les essais / for trials)."),
    output: Path = typer.Option(None, "-o", "--output", help="Fichier N-Triples à écrire / "
                                "N-Triples file to write."),
    to_store: bool = typer.Option(False, "--store", help="Charger dans le magasin (remplace le graphe "
                                  "'synthetic') / load into the store (replaces the 'synthetic' graph)."),
    store_path: str = typer.Option(None, "--store-path", envvar="ANCRAGE_STORE",
                                   help="Dossier du magasin / store folder."),
    sparql_endpoint: str = typer.Option(None, "--sparql-endpoint", envvar="ANCRAGE_SPARQL_ENDPOINT",
                                        help="Point d'accès SPARQL distant où écrire / remote SPARQL "
                                             "endpoint to write to (…/query; updates go to …/update)."),
) -> None:
    """Générer un graphe national synthétique / generate a synthetic national graph."""
    from loaders import synthetic as syn
    from kg.errors import ConfigError

    if (output is None) == (not to_store):
        raise ConfigError("choose exactly one of -o FILE.nt or --store / "
                          "choisir exactement une sortie : -o FICHIER.nt ou --store")
    if reference not in ("cog", "tiny"):
        raise ConfigError(f"--reference: expected cog or tiny, found {reference!r}")
    base = syn.Spec.at_scale(scale, seed=seed, committees=committees)
    spec = syn.Spec(actors if actors is not None else base.actors,
                    relations if relations is not None else base.relations, committees, seed).check()
    codes = [c.strip() for c in departements.split(",") if c.strip()]
    if reference == "tiny":
        geo = syn.Geography.tiny()
        geo = geo.restrict(codes) if codes else geo
    else:
        geo = syn.load_geography(codes or None)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("génération / generating", total=spec.actors + spec.committees + spec.relations)
        progress = lambda _step, n: bar.advance(task, n)  # noqa: E731
        if output is not None:
            size = syn.write(output, geo, spec, progress)
            out.print(f"{console_text(output)}: {size / 1e6:.1f} Mo/MB, {spec.actors} acteurs/actors, "
                      f"{spec.relations} relations, graine/seed {spec.seed}")
            return
        from kg import backend

        cfg = settings(store=store_path, sparql_endpoint=sparql_endpoint)
        sources = [syn.source(geo, spec, progress, describe_councils=_described_councils(cfg) or True)]
        if reference == "tiny":
            sources.append(geo.source())
        version = backend.write_sources(cfg, sources)
    where = cfg.sparql_endpoint or cfg.store
    out.print(f"{console_text(where)}: graphe 'synthetic' chargé / loaded ({spec.actors} acteurs/actors, "
              f"{spec.relations} relations), version {version}")


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)


def _described_councils(cfg) -> frozenset[str]:
    """The territorial actors the store already describes (``ancrage build``'s ``collectivites``
    graph): the generator then adds only its own facts about them."""
    from kg import backend
    from kg.namespaces import graph_iri
    from kg.store import Store

    if not backend.is_remote(cfg) and not Store.exists(cfg.store):
        return frozenset()
    try:
        rows = backend.open_store(cfg).select(
            f"SELECT ?s WHERE {{ GRAPH <{graph_iri('collectivites')}> {{ ?s a <https://w3id.org/ancrage/def#Organisation> }} }}").rows
    except Exception:  # noqa: BLE001 - an unreadable store: describe them all, the write will report it
        return frozenset()
    return frozenset(str(s) for (s,) in rows)
