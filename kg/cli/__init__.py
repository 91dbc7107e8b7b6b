"""The ``ancrage`` command line: one typer app, one module per group of commands.

Each module in :data:`COMMAND_MODULES` defines its commands as module-level functions and
``register(app: typer.Typer)``, which adds them; add yours there. The options several commands
share (``--store``, ``--lang``…) are types in :mod:`kg.cli.common` (``store: StoreOption = None``).
Errors of the library (:class:`kg.errors.AncrageError`) become a one-line message and exit 2
(exit 1 is kept for "ran fine, found problems": validation violations, failed checks).
"""

from __future__ import annotations

import importlib

import typer

from .common import app

COMMAND_MODULES = [
    "kg.cli.core",  # build, stats, validate, query, export, app, settings
    "kg.cli.importing",  # import FILE... (issue 3)
    "kg.cli.directories",  # import-directory KIND FILE (issue 14)
    "kg.cli.rdf",  # import-rdf FILE... (Turtle, N-Triples, JSON-LD; privacy checked)
    "kg.cli.generate",  # generate (synthetic national graph, issue 7)
    "kg.cli.neo4j",  # neo4j push | pull | query (issue 6)
    "kg.cli.gaps",  # gaps COMMITTEE, analyse (issue 4)
    "kg.cli.serve",  # serve: read-only SPARQL endpoint (issue 17)
    "kg.cli.doctor",  # doctor [--repair] (issue 12)
]

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)

__all__ = ["app", "typer"]
