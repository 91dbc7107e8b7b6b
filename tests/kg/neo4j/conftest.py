"""A real Neo4j for the tests under tests/kg/neo4j (session-scoped), and a clean database per test.

The server comes from tools/neo4j-server (see tests/kg/neo4j/server.py and docs/neo4j.md). If it
cannot start (no Java or Maven, no network for the first build) the tests *fail* with the
reason; they are never skipped.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def load_server_module():
    """tests/kg/neo4j/server.py as the module ``ancrage_neo4j_server`` (tests/ is not a package)."""
    name = "ancrage_neo4j_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("server.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_server = load_server_module()
Neo4jServer, wipe = _server.Neo4jServer, _server.wipe


#: Test files of this folder that need no Neo4j (the push's lanes are planned in Python).
WITHOUT_SERVER = {"test_neo4j_lanes.py"}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        path = Path(str(item.fspath))
        if here in path.parents and path.name not in WITHOUT_SERVER:
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_server():
    """(uri, user, password) of a Neo4j 5.26 started for this test session."""
    server = Neo4jServer()
    server.start()
    try:
        yield server.uri, server.user, server.password
    finally:
        server.cleanup()


@pytest.fixture
def neo4j_conn(neo4j_server):
    """A connection to an emptied database."""
    from kg.neo4j import connect

    uri, user, password = neo4j_server
    conn = connect(uri, user, password, retry_time=10)
    wipe(conn)
    try:
        yield conn
    finally:
        conn.close()
