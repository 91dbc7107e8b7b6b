"""The CSV files of ``neo4j-admin database import full``, for graphs too big for a Bolt push.

Same mapping, same side table as :mod:`kg.neo4j.push` (one file per label set, one per
relationship type, plus the ``AncrageMeta`` node), so that ``ancrage neo4j pull`` reads an
imported database exactly as a pushed one. The folder gets an ``import.sh`` with the command
and a ``schema.cypher`` with the constraints to create once the database is started (the import
tool builds data, not constraints).

Columns are typed in the headers (``population:long``, ``installedOn:date``, ``prefLabel_fr``);
a property that holds several values on some node is an array column (``string[]``) whose items
are separated by U+001F (``--array-delimiter=U+001F``), a character that does not occur in text.

>>> import tempfile
>>> from kg.store import Store
>>> from kg.sources import Source
>>> nt = ['<https://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#Territory> .',
...       '<https://ex.org/a> <https://w3id.org/ancrage/def#population> "1200"^^<http://www.w3.org/2001/XMLSchema#integer> .']
>>> dest = export(Store.in_memory([Source.from_ntriples("demo", "Demo", nt)]), tempfile.mkdtemp())
>>> sorted(p.name for p in dest.iterdir())
['README.md', 'import.sh', 'meta.csv', 'nodes-001.csv', 'nodes-002.csv', 'schema.cypher']
>>> (dest / "nodes-002.csv").read_text().splitlines()[0]
'uri:ID(Ancrage),sourceGraph,population:long'
"""

from __future__ import annotations

import csv
import datetime as dt
import shlex
from pathlib import Path

from ..errors import StoreError
from ..mapping import MARKER, SOURCE_KEY
from .push import SCHEMA_STATEMENTS
from .translate import IRI, META_ID, META_LABEL, STATUS_COMPLETE, GraphRows, check_identifier, extract, lexical_of

ARRAY_DELIMITER = "\x1f"
ID_SPACE = MARKER


def _column_type(kinds: set, is_list: bool) -> str:
    if kinds == {bool}:
        base = "boolean"
    elif kinds == {int}:
        base = "long"
    elif kinds <= {int, float} and kinds:
        base = "double"
    elif kinds == {dt.date}:
        base = "date"
    elif kinds == {dt.datetime}:
        base = "datetime"
    else:
        base = "string"
    return base + ("[]" if is_list else "")


def _cell(value, kind: str, datatype: str | None) -> str:
    items = value if isinstance(value, list) else [value]
    if kind.startswith("string"):
        texts = [v if isinstance(v, str) else lexical_of(v, datatype) for v in items]
    else:
        texts = [lexical_of(v, datatype) if not isinstance(v, (int, float)) or isinstance(v, bool)
                 else repr(v) if isinstance(v, float) else str(v) for v in items]
    for text in texts:
        if ARRAY_DELIMITER in text and kind.endswith("[]"):
            raise StoreError(f"a value contains the array delimiter U+001F: {text[:60]!r}")
    return ARRAY_DELIMITER.join(texts)


def write_files(rows: GraphRows, dest: Path) -> dict:
    """Write the CSV files of ``rows`` into ``dest``; the ``neo4j-admin`` arguments by file."""
    dest.mkdir(parents=True, exist_ok=True)
    schema = rows.schema
    node_args, rel_args = [], []
    for n, labels in enumerate(sorted(rows.nodes), 1):
        group = rows.nodes[labels]
        keys = sorted({k for r in group for k in r["props"]} - {SOURCE_KEY})
        kinds = {k: _column_type(rows.column_kinds.get(k, {str}), k in rows.list_columns) for k in keys}
        name = f"nodes-{n:03d}.csv"
        with open(dest / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([f"uri:ID({ID_SPACE})", SOURCE_KEY] + [k if kinds[k] == "string" else f"{k}:{kinds[k]}"
                                                             for k in keys])
            for r in group:
                props = r["props"]
                w.writerow([r["uri"], props.get(SOURCE_KEY, "")] + [
                    "" if k not in props else _cell(props[k], kinds[k], schema.columns[k].datatype
                                                    if schema.columns[k].datatype != IRI else None)
                    for k in keys])
        label_spec = ":".join([MARKER] + [check_identifier(label) for label in labels])
        node_args.append(f"--nodes={label_spec}={name}")
    for n, rtype in enumerate(sorted(rows.rels), 1):
        check_identifier(rtype, "relationship type")
        name = f"relationships-{n:03d}.csv"
        with open(dest / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([f":START_ID({ID_SPACE})", f":END_ID({ID_SPACE})", SOURCE_KEY])
            for r in rows.rels[rtype]:
                w.writerow([r["s"], r["o"], r["props"].get(SOURCE_KEY, "")])
        rel_args.append(f"--relationships={rtype}={name}")
    with open(dest / "meta.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id:ID(AncrageMeta)", "schema", "status", "format:long", "nodes:long", "relationships:long"])
        w.writerow([META_ID, schema.to_json(), STATUS_COMPLETE, 1, rows.node_count, rows.rel_count])
    node_args.append(f"--nodes={META_LABEL}=meta.csv")
    return {"nodes": node_args, "relationships": rel_args}


def import_arguments(args: dict, database: str = "neo4j") -> list[str]:
    """The arguments of ``neo4j-admin`` for the files written by :func:`write_files`."""
    # the database first: --nodes / --relationships take several values and would swallow it
    return (["database", "import", "full", database, "--array-delimiter=U+001F", "--multiline-fields=true",
             "--id-type=string", "--overwrite-destination=true"] + args["nodes"] + args["relationships"])


def export(store, dest, graph=None) -> Path:
    """Write the ``neo4j-admin database import`` files of ``store`` into the folder ``dest``."""
    dest = Path(dest)
    rows = extract(store, graph=graph)
    args = write_files(rows, dest)
    command = "neo4j-admin " + " ".join(shlex.quote(a) for a in import_arguments(args))
    (dest / "import.sh").write_text(
        "#!/bin/sh\n# Import into a STOPPED Neo4j 5 (replaces the database 'neo4j'); run from this folder.\n"
        "# Importer dans un Neo4j 5 ARRÊTÉ (remplace la base 'neo4j') ; lancer depuis ce dossier.\n"
        f'cd "$(dirname "$0")"\n{command} "$@"\n', encoding="utf-8")
    (dest / "import.sh").chmod(0o755)
    (dest / "schema.cypher").write_text(";\n".join(SCHEMA_STATEMENTS) + ";\n", encoding="utf-8")
    (dest / "README.md").write_text(
        "# Import Neo4j / Neo4j import\n\n"
        f"{rows.node_count:,} nœuds / nodes, {rows.rel_count:,} relations / relationships.\n\n"
        "1. Arrêter Neo4j / stop Neo4j; 2. `./import.sh` (neo4j-admin dans le PATH / on the PATH);\n"
        "3. démarrer Neo4j / start Neo4j; 4. `cypher-shell -f schema.cypher` (contraintes / constraints).\n"
        "Ensuite / then: `ancrage neo4j pull` et `ancrage neo4j query` fonctionnent comme après un push / work as "
        "after a push.\n", encoding="utf-8")
    return dest


__all__ = ["export", "write_files", "import_arguments", "ARRAY_DELIMITER"]
