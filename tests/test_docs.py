"""The docs stay complete: the generated reference is up to date, the README names every command."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_reference", ROOT / "tools" / "gen_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_is_up_to_date():
    expected = _generator().render()
    actual = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/reference.md is stale: run .venv/bin/python tools/gen_reference.py"


def test_readme_tours_every_top_level_command():
    import typer.main

    from kg.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in typer.main.get_command(app).commands:
        assert f"ancrage {name}" in readme, f"README does not show `ancrage {name}`"


def test_architecture_names_every_kg_module():
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "kg").iterdir()):
        if path.name.startswith("_") or path.name == "__pycache__":
            continue
        name = path.stem if path.suffix == ".py" else path.name
        if path.suffix not in (".py", "") :
            continue
        assert f"kg/{name}" in text or f"kg.{name}" in text, f"docs/ARCHITECTURE.md does not mention kg/{name}"
