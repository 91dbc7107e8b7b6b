"""Build the default graph from the shipped data: the ontology, the seed dataset, the territories
and the territorial authorities derived from them (:mod:`loaders.collectivites`).

>>> [step for step, _ in default_steps(territories=False)]
['ontology', 'seed']
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from .backend import write_sources
from .settings import Settings


def default_steps(territories: bool = True, regions: Iterable[str] | None = None,
                  departements: Iterable[str] | None = None) -> list[tuple[str, Callable]]:
    """(name, factory) of each default source, in load order; each factory returns a Source."""
    from loaders import module

    from .ontology import ontology_source

    steps: list[tuple[str, Callable]] = [
        ("ontology", ontology_source),
        ("seed", lambda: module("seed").load()),
    ]
    if territories:
        regions = list(regions) if regions else None
        departements = list(departements) if departements else None
        steps.append(("cog", lambda: module("cog").load(regions=regions, departements=departements)))
        # the institutions governing those territories, as actors (their own named graph)
        steps.append(("collectivites",
                      lambda: module("collectivites").load(regions=regions, departements=departements)))
        # (default_sources leaves out the councils the seed already names: one actor per council)
    return steps


def default_sources(territories: bool = True, regions=None, departements=None,
                    progress: Callable[[str], None] | None = None) -> list:
    """The default sources, each triple given to one source only (see
    :meth:`kg.sources.Source.without_triples_of`): the seed keeps only what the territorial
    reference does not already state; the territorial actors leave out the councils the seed
    already names (``Département du Nord``: one actor, the seed's)."""
    built = {}
    for name, factory in default_steps(territories, regions, departements):
        if progress:
            progress(name)
        if name == "collectivites":
            from loaders import collectivites

            known = collectivites.known_councils(built["seed"].lines())
            built[name] = collectivites.load(regions=list(regions) if regions else None,
                                             departements=list(departements) if departements else None, known=known)
            continue
        built[name] = factory()
    if "cog" in built:
        built["seed"] = built["seed"].without_triples_of([built["cog"]])
    return list(built.values())


def build(target, *, territories: bool = True, regions=None, departements=None,
          extra: Iterable = (), progress: Callable[[str], None] | None = None) -> str:
    """Rebuild the store from the shipped data (atomic); returns the new version.

    ``target`` is a store folder, or :class:`kg.settings.Settings`, which may point at a remote
    SPARQL endpoint (:func:`kg.backend.write_sources`: the endpoint then holds exactly these
    sources, replaced in one final update).
    """
    sources = default_sources(territories, regions, departements, progress) + list(extra)
    if progress:
        progress("store")
    settings = Settings().replace(store=str(target)) if isinstance(target, (str, Path)) else target
    return write_sources(settings, sources, fresh=True)
