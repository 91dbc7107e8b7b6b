"""One definition per concept of the read layer: no reader keeps its own copy (grep-able checks)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kg.read.vocab import ACTOR_CLASSES

ROOT = Path(__file__).resolve().parents[3]
#: Every module but the read layer and kg/namespaces.py (which declares every term of the vocabulary).
READERS = [p for p in sorted((ROOT / "kg").rglob("*.py"))
           if p.relative_to(ROOT / "kg").parts[0] != "read" and p != ROOT / "kg" / "namespaces.py"]
READERS.append(ROOT / "app.py")
_SPARQL_CLASS = re.compile(r"anc:(" + "|".join(ACTOR_CLASSES) + r")\b")


def _strings(node: ast.AST) -> list[str]:
    return [e.value for e in getattr(node, "elts", []) if isinstance(e, ast.Constant) and isinstance(e.value, str)]


def test_readers_are_found():
    assert len(READERS) > 50 and ROOT / "kg" / "gaps" / "facts.py" in READERS


def test_no_reader_lists_the_actor_classes():
    """A tuple, list or set naming three actor classes, or a SPARQL text naming three, is a second
    vocabulary of what an actor is: it belongs in kg/read/vocab.py."""
    found = []
    for path in READERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                named = set(_strings(node)) & set(ACTOR_CLASSES)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                named = set(_SPARQL_CLASS.findall(node.value))
            else:
                continue
            if len(named) >= 3:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {sorted(named)}")
    assert not found, "actor classes listed outside kg/read/vocab.py:\n" + "\n".join(found)


def test_the_check_fails_on_a_copy(tmp_path):
    """The check above finds a copy (it can fail)."""
    tree = ast.parse('KINDS = ("Organisation", "Group", "LocalCommittee")\nQ = "VALUES ?t { anc:Group anc:Actor anc:WorkingGroup }"')
    tuples = [n for n in ast.walk(tree) if isinstance(n, ast.Tuple)]
    texts = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and "VALUES" in str(n.value)]
    assert len(set(_strings(tuples[0])) & set(ACTOR_CLASSES)) == 3
    assert len(set(_SPARQL_CLASS.findall(texts[0].value))) == 3


#: Modules still reading Oxigraph's quad index themselves: the gaps index and the actor network's
#: relation rows, both rebuilt as the per-source read model inside kg/read.
_OXI_PENDING = {Path("kg/gaps/index.py"), Path("kg/projection.py")}


def test_no_reader_reaches_into_the_oxigraph_database():
    """Outside kg/store.py and kg/read/, the store is read through its methods or kg.read."""
    found = []
    for path in READERS:
        rel = path.relative_to(ROOT)
        if rel == Path("kg/store.py") or rel in _OXI_PENDING:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "oxi":
                found.append(f"{rel}:{node.lineno}")
            elif isinstance(node, ast.Constant) and node.value == "oxi":
                found.append(f"{rel}:{node.lineno} (getattr)")
    assert not found, "store.oxi used outside kg/store.py and kg/read/:\n" + "\n".join(found)
