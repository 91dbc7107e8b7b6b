"""`ancrage export --format neo4j-csv`, imported by the real `neo4j-admin database import`, then pulled."""

from __future__ import annotations

import csv

import pytest
from rdflib.compare import isomorphic

from kg.exports import export
from kg.neo4j import connect
from kg.neo4j.csv_export import ARRAY_DELIMITER, import_arguments, write_files
from kg.neo4j.pull import pull
from kg.neo4j.push import SCHEMA_STATEMENTS, push
from kg.neo4j.translate import extract

from ancrage_neo4j_server import Neo4jServer  # registered by tests/kg/neo4j/conftest.py

pytestmark = pytest.mark.neo4j


def test_export_writes_typed_headers_and_the_import_script(seed_store, tmp_path):
    dest = export(seed_store, "neo4j-csv", tmp_path / "csv")
    script = (dest / "import.sh").read_text()
    assert "neo4j-admin database import full" in script and "--array-delimiter=U+001F" in script
    assert "--nodes=Ancrage:Organisation=" in script and "--relationships=LOCATED_IN=" in script
    headers = {}
    for path in sorted(dest.glob("nodes-*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            for column in next(csv.reader(fh)):
                headers[column.split(":")[0]] = column
    assert headers["uri"] == "uri:ID(Ancrage)"
    assert headers["installedOn"] == "installedOn:date"
    assert headers["memberCount"] == "memberCount:long"
    assert headers["altLabel_fr"] == "altLabel_fr:string[]"
    rows = extract(seed_store)
    written = sum(sum(1 for _ in open(p, encoding="utf-8")) - 1 for p in dest.glob("nodes-*.csv"))
    assert written >= rows.node_count  # multi-line texts may span lines


def test_neo4j_admin_import_gives_what_a_push_gives(seed_store, tmp_path, neo4j_conn):
    rows = extract(seed_store)
    dest = tmp_path / "csv"
    args = write_files(rows, dest)
    for path in dest.glob("*.csv"):
        assert ARRAY_DELIMITER not in path.read_text(encoding="utf-8").split("\n", 1)[0]
    server = Neo4jServer(data=tmp_path / "imported")
    result = server.admin(import_arguments(args), cwd=dest)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    server.start()
    try:
        with connect(server.uri, server.user, server.password) as conn:
            for statement in SCHEMA_STATEMENTS:
                conn.write(lambda tx, s=statement: tx.run(s).consume())
            imported = conn.counts()
            pulled = pull(conn)
        pushed = push(seed_store, neo4j_conn).counts
        assert imported == pushed
        assert not pulled.ignored
        assert isomorphic(seed_store.rdflib_graph(), pulled.graph())
    finally:
        server.cleanup()
