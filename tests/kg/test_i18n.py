"""One translation mechanism: every message in French and English, the same placeholders in both,
every key the code asks for in the catalogue, and no language chosen by an inline branch."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import kg.messages
from kg import i18n
from kg.i18n import MESSAGES, localise, t, template

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "kg").rglob("*.py")), *sorted((ROOT / "loaders").rglob("*.py"))]

#: Inline language branches that stay, each with its reason. Keep it short.
ALLOWED_BRANCHES = {
    # the one place a language is chosen
    "kg/i18n.py": "the mechanism itself (pick)",
}


def placeholders(text: str) -> set[str]:
    """The names of the ``{placeholders}`` of a format string (``{n:g}`` → ``n``)."""
    return {re.split(r"[.\[]", name)[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_has_french_then_english():
    assert len(MESSAGES) > 700
    for key, pair in MESSAGES.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        fr, en = pair
        assert isinstance(fr, str) and isinstance(en, str) and fr.strip() and en.strip(), key


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_carry_the_same_placeholders(key):
    fr, en = MESSAGES[key]
    assert placeholders(fr) == placeholders(en), (key, fr, en)


def test_every_catalogue_module_is_merged_once():
    modules = {p.stem for p in Path(kg.messages.__file__).parent.glob("*.py") if p.stem != "__init__"}
    merged = [domain.__name__.rsplit(".", 1)[-1] for domain in i18n.DOMAINS]
    assert sorted(merged) == sorted(modules)
    assert sum(len(domain.MESSAGES) for domain in i18n.DOMAINS) == len(MESSAGES)  # no key shadowed


def test_catalogues_hold_plain_data():
    """A catalogue imports nothing: it can be read (and translated) without running the product."""
    for path in Path(kg.messages.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))], path.name


def test_lookup_fills_values_and_falls_back_to_french():
    assert t("net_counts", "fr", nodes=3, edges=2).startswith("3 acteurs et 2 liens")
    assert t("net_counts", "en", nodes=3, edges=2).startswith("3 actors and 2 links")
    assert t("page_home", "xx") == t("page_home", "fr") == "Accueil"
    assert template("net_counts", "en") == MESSAGES["net_counts"][1]
    with pytest.raises(KeyError):
        t("no-such-message", "fr")
    assert "symbolic link but a folder:" in t("store.link-not-symlink", "en", folder="s", repair="",
                                              **localise({"kind_fr": "dossier", "kind_en": "folder"}, "en"))


_LOOKUP = re.compile(r"""\b(t|t_n|tr|tr_md|template|_t)\(\s*["']([a-z][\w.=-]*)["']\s*[,)]""")


def test_every_literal_key_the_code_asks_for_exists():
    asked = set()
    for path in SOURCES:
        for fn, key in _LOOKUP.findall(path.read_text(encoding="utf-8")):
            if fn == "_t" and path.name == "report.py":
                key = "report." + key
            elif fn == "_t":
                continue
            asked.add((path.relative_to(ROOT).as_posix(), key))
    assert len(asked) > 300
    missing = sorted((p, k) for p, k in asked if k not in MESSAGES)
    assert not missing, missing


def test_every_coded_message_has_its_text():
    from kg import doctor, privacy
    from loaders.tabular_messages import CODES

    assert all("problem." + code in MESSAGES for code in CODES)
    assert not [k for k in MESSAGES if k.startswith("problem.") and k.count(".") == 1 and "-" in k[8:]
                and k[8:] not in CODES and not k.startswith(("problem.where-", "problem.tag-", "problem.col-",
                                                             "problem.detail-", "problem.no-row"))]
    for code in ("healthy", "orphan", "relinked", *doctor.LINK_CODES, *doctor.NOT_REPAIRABLE):
        assert "doctor." + code in MESSAGES, code
    assert privacy.scan_text("a@b.fr")[0].reason("fr").startswith("adresse électronique")


def _is_lang(node: ast.AST) -> bool:
    """``lang``, ``language``, ``cfg.lang``, ``self.lang``…"""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name in ("lang", "language") or name.endswith("_lang")


def _is_lang_code(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in ("fr", "en")


def language_branches(source: str) -> list[int]:
    """Lines that choose a text by comparing a language with "fr" / "en", or by a ``fr`` flag."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            sides = [node.left, *node.comparators]
            if any(_is_lang(s) for s in sides) and any(_is_lang_code(s) for s in sides):
                lines.append(node.lineno)
        elif isinstance(node, (ast.IfExp, ast.If)) and isinstance(node.test, ast.Name) and node.test.id in ("fr", "en"):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_the_branch_finder_finds_branches():
    assert language_branches('x = "a" if lang == "fr" else "b"') == [1]
    assert language_branches('fr = cfg.lang != "en"\ny = "a" if fr else "b"') == [1, 2]
    assert language_branches('if language == "en":\n    pass') == [1]
    assert language_branches('x = t("a", lang)\ny = lang in LANGS') == []


def test_no_inline_language_branch_remains():
    found = {}
    for path in SOURCES:
        rel = path.relative_to(ROOT).as_posix()
        lines = language_branches(path.read_text(encoding="utf-8"))
        if lines and rel not in ALLOWED_BRANCHES:
            found[rel] = lines
    assert not found, f"choose the language through kg.i18n (t, pick, localise): {found}"
    stale = [rel for rel in ALLOWED_BRANCHES if not language_branches((ROOT / rel).read_text(encoding="utf-8"))]
    assert not stale, f"allowed but no longer branching, drop from ALLOWED_BRANCHES: {stale}"
