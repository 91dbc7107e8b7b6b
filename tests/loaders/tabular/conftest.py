"""Fixtures of the tabular import tests: a real on-disk store and the real ``ancrage`` CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.namespaces import ANC, RDF, SKOS, entity
from kg.sources import Source
from kg.store import Store, write_sources

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ROOT = HERE.parents[2]
TEMPLATES = ROOT / "docs" / "templates"

#: An actor and a committee the store already holds before any import (as the seed would).
EXISTING_ACTOR = str(entity("actor", "hcts"))
EXISTING_COMMITTEE = str(entity("committee", "clts-existant"))


def base_source() -> Source:
    lines = [
        f'<{EXISTING_ACTOR}> <{RDF.type}> <{ANC.Organisation}> .',
        f'<{EXISTING_ACTOR}> <{SKOS.prefLabel}> "Haut Conseil du travail social"@fr .',
        f'<{EXISTING_COMMITTEE}> <{RDF.type}> <{ANC.LocalCommittee}> .',
        f'<{EXISTING_COMMITTEE}> <{SKOS.prefLabel}> "Comité déjà connu"@fr .',
    ]
    return Source.from_ntriples("base", "Graphe de base des tests", lines, licence="CC0-1.0")


@pytest.fixture(scope="session")
def template_store(tmp_path_factory) -> Path:
    """A store with the territories of Hautes-Pyrénées and Pyrénées-Atlantiques and a base graph."""
    from loaders import cog

    folder = tmp_path_factory.mktemp("template-store") / "store"
    write_sources(folder, [base_source(), cog.load(departements=["65", "64"])], fresh=True)
    return folder


@pytest.fixture
def store_dir(template_store, tmp_path) -> Path:
    """A fresh copy of the template store for one test."""
    target = tmp_path / "store"
    shutil.copytree(template_store, target, symlinks=True)
    return target


@pytest.fixture
def full_store_dir(tmp_path_factory) -> Path:
    """A store with the whole territorial reference (for names from anywhere in France)."""
    from loaders import cog

    folder = tmp_path_factory.mktemp("full-store") / "store"
    write_sources(folder, [base_source(), cog.load()], fresh=True)
    return folder


def run_cli(*args: str):
    from kg.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def import_files(store: Path, *files, lang: str = "fr", extra=()):
    """Run ``ancrage import --json``; (exit code, parsed JSON report)."""
    result = run_cli("import", *files, "--store", store, "--lang", lang, "--json", *extra)
    return result.exit_code, json.loads(result.stdout)


def snapshot(store: Path) -> dict[str, set[str]]:
    """Every named graph of the store as a set of N-Quads lines (to compare before/after)."""
    s = Store.open(store)
    out: dict[str, set[str]] = {}
    for line in s.dump().decode("utf-8").splitlines():
        if line.strip():
            graph = line.rsplit(" ", 2)[-2]
            out.setdefault(graph, set()).add(line)
    return out


def version(store: Path) -> str:
    return Store.current_generation(store).name
