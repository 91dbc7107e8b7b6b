"""The tests are laid out like the code they test (tests/README.md): the tests of ``kg/x/y.py`` are
under ``tests/kg/x/``, those of ``kg/z.py`` in ``tests/kg/test_z*.py`` or ``tests/kg/z/``, and the
same for ``loaders/`` under ``tests/loaders/``."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

#: Folders at the top of tests/ besides the mirrored packages (kg, loaders), and why they are there.
OTHER_FOLDERS = {
    "browser": "end to end: the explorer served by `streamlit run`, driven in a real Chromium",
    "data": "fixtures shared by tests and doctests",
}
#: Test files at the top of tests/: they span the whole product.
CROSS_CUTTING = {"test_dependencies.py", "test_docs.py", "test_hostile_outputs.py", "test_install.py",
                 "test_layout.py"}
#: Folders of tests/loaders/ that group several loader modules.
LOADER_GROUPS = {"directories": ("directory", "sirene", "finess", "datainclusion"),
                 "territory": ("cog", "collectivites")}
PACKAGES = ("kg", "loaders")


def _is_code(path: Path) -> bool:
    """``path`` (without suffix) is a module or a package of the repository."""
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _misplaced(package: str) -> list[str]:
    found = []
    for test in sorted((TESTS / package).rglob("test_*.py")):
        where = test.relative_to(TESTS / package)
        if where.parent == Path("."):
            stem = where.stem.removeprefix("test_")
            parts = stem.split("_")
            ok = any(_is_code(ROOT / package / "_".join(parts[:n])) for n in range(1, len(parts) + 1))
        else:
            ok = _is_code(ROOT / package / where.parent) or (
                package == "loaders" and where.parent.as_posix() in LOADER_GROUPS)
        if not ok:
            found.append(test.relative_to(ROOT).as_posix())
    return found


def test_every_test_file_names_the_module_or_package_it_tests():
    for package in PACKAGES:
        misplaced = _misplaced(package)
        assert not misplaced, (
            f"{misplaced}: under tests/{package}/, a folder names a module or package of {package}/ and a file "
            f"directly below is test_<module>[_topic].py (tests/README.md)")


def test_the_loader_groups_name_existing_loaders():
    for group, modules in LOADER_GROUPS.items():
        assert all(_is_code(ROOT / "loaders" / m) for m in modules), group


def test_the_top_of_tests_holds_only_the_mirrors_and_the_cross_cutting_suites():
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(PACKAGES) | set(OTHER_FOLDERS), "a new folder: under tests/kg/ or tests/loaders/?"
    tests = {p.name for p in TESTS.glob("test_*.py")}
    assert tests <= CROSS_CUTTING, (
        f"{sorted(tests - CROSS_CUTTING)}: put the tests of kg/x.py in tests/kg/ (tests/README.md)")


def test_no_test_folder_is_a_package():
    """Test modules are named after their path (importlib mode), so two folders may hold files of
    the same name; an ``__init__.py`` would rename the modules below it, and import a helper twice
    under two names (``tests.kg.gaps.builder`` is how the tests import it)."""
    assert not sorted(p.relative_to(ROOT).as_posix() for p in TESTS.rglob("__init__.py"))
