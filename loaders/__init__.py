"""Loaders: one module per kind of source, each turning it into a :class:`kg.sources.Source`.

Every loader module has a pure ``parse(...)`` (records or triples from already-read data) and a
thin ``load(path, ...)`` that does the I/O and returns a ``Source``. Pick one by file name with
:func:`loader_for`:

>>> loader_for("membres.csv")
'loaders.tabular'
>>> loader_for("graph.ttl")
'loaders.rdf'
"""

from __future__ import annotations

import importlib
from pathlib import Path

from kg.errors import LoadError

#: source kind -> module
LOADERS = {
    "seed": "loaders.seed",  # the seed dataset (data/seed/*.yaml)
    "cog": "loaders.cog",  # the territorial reference (data/territories)
    "collectivites": "loaders.collectivites",  # territorial authorities and presumed CCAS, derived from the COG
    "rdf": "loaders.rdf",  # Turtle, N-Triples, JSON-LD files
    "tabular": "loaders.tabular",  # committee founders' CSV / XLSX spreadsheets
    "synthetic": "loaders.synthetic",  # the deterministic national generator
    # official directories a user downloads (ancrage import-directory KIND FILE)
    "datainclusion": "loaders.datainclusion",  # data·inclusion structures (CSV, JSON)
    "sirene": "loaders.sirene",  # INSEE Sirene stock files (StockEtablissement + StockUniteLegale)
    "finess": "loaders.finess",  # FINESS extraction of establishments (etalab-cs1100507-stock-…)
}
#: the kinds ``ancrage import-directory`` accepts
DIRECTORIES = ("datainclusion", "sirene", "finess")

#: file extension -> module
EXTENSIONS = {
    ".ttl": "loaders.rdf", ".nt": "loaders.rdf", ".jsonld": "loaders.rdf", ".json": "loaders.rdf",
    ".csv": "loaders.tabular", ".xlsx": "loaders.tabular", ".tsv": "loaders.tabular",
}


def loader_for(path: str | Path) -> str:
    """Name of the loader module for a file; :class:`LoadError` listing the known extensions."""
    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS:
        raise LoadError("unknown file type", file=str(path), expected=", ".join(sorted(EXTENSIONS)), found=ext or "(none)")
    return EXTENSIONS[ext]


def module(kind: str):
    if kind not in LOADERS:
        raise LoadError(f"unknown loader {kind!r}", expected=", ".join(sorted(LOADERS)), found=kind)
    return importlib.import_module(LOADERS[kind])
