"""Read-only queries stay read-only, bounded and local (issue 12): no SERVICE, stoppable, limits
pushed into the query, no traceback. Everything runs on a real on-disk store, real worker
processes and real sockets."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import psutil
import pytest

from kg import queries
from kg.errors import BilingualQueryError, QueryError, QueryLimitError
from kg.query_worker import default_pool

ROOT = Path(__file__).resolve().parents[3]
CROSS3 = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT3 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Materialised (ORDER BY) cross product of the whole graph with itself: gigabytes on the seed store.
SORTED_CROSS = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } ORDER BY ?o ?c"


class Listener:
    """A TCP port that records whether anything connected to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]

    def connected(self) -> bool:
        try:
            conn, _ = self.sock.accept()
        except (socket.timeout, TimeoutError):
            return False
        conn.close()
        return True

    def close(self):
        self.sock.close()


@pytest.fixture
def listener():
    lsn = Listener()
    yield lsn
    lsn.close()


def service_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }} LIMIT 1",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


@pytest.mark.parametrize("index", range(7))
def test_service_is_refused_and_nothing_is_sent(seed_store, listener, index):
    text = service_queries(listener.port)[index]
    with pytest.raises(QueryError):
        queries.run(seed_store, text, timeout=10)
    assert not listener.connected(), f"the query reached the network: {text}"


def test_service_refusal_names_it_in_both_languages(seed_store, listener):
    with pytest.raises(BilingualQueryError) as caught:
        queries.run(seed_store, service_queries(listener.port)[0], timeout=10)
    assert "requête fédérée" in caught.value.text("fr") and "federated query" in caught.value.text("en")


def test_the_word_service_in_strings_and_comments_is_fine(seed_store):
    rows = queries.run(seed_store, 'SELECT ?x WHERE { BIND("SERVICE <http://x>" AS ?x) } # SERVICE <http://y>')
    assert rows.rows == [("SERVICE <http://x>",)]


def test_remote_backend_refuses_service_before_sending(listener):
    from kg.remote import RemoteStore

    store = RemoteStore(f"http://127.0.0.1:{listener.port}/query", timeout=2)
    with pytest.raises(BilingualQueryError):
        queries.run(store, service_queries(listener.port)[0], timeout=2)
    assert not listener.connected()


# -- stoppable ---------------------------------------------------------------------------------

def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.slow
def test_a_runaway_query_is_killed_at_its_time_limit_and_its_worker_is_gone(seed_store):
    pool = default_pool()
    before = len(pool.killed)
    with pytest.raises(QueryLimitError) as caught:
        queries.run(seed_store, COUNT3, timeout=1.5)
    assert caught.value.kind == "time"
    assert len(pool.killed) == before + 1
    assert _gone(pool.killed[-1])
    # the pool still answers afterwards, from a fresh worker
    assert queries.run(seed_store, "ASK { ?s ?p ?o }", timeout=30) is True


@pytest.mark.slow
def test_a_query_that_fills_the_memory_is_killed_at_its_memory_limit(seed_store):
    pool = default_pool()
    with pytest.raises(QueryLimitError) as caught:
        queries.run(seed_store, SORTED_CROSS, timeout=300, memory_mb=300)
    assert caught.value.kind == "memory"
    assert "300 Mo" in caught.value.text("fr") and "300 MB" in caught.value.text("en")
    assert _gone(pool.killed[-1])


def test_no_query_thread_is_left_behind(seed_store):
    queries.run(seed_store, "SELECT * WHERE { ?s ?p ?o } LIMIT 3", timeout=30)
    assert not [t for t in threading.enumerate() if t.name == "ancrage-query"]


# -- limits pushed into the query ----------------------------------------------------------------

def test_limit_is_pushed_into_the_query_text():
    assert queries.prepare(CROSS3, 5).rstrip().endswith("LIMIT 6")
    assert queries.prepare(CROSS3 + " LIMIT 2", 5) == CROSS3 + " LIMIT 2"
    assert "LIMIT 6" in queries.prepare(CROSS3 + " LIMIT 5000 OFFSET 3", 5)
    assert queries.prepare("ASK { ?s ?p ?o }", 5) == "ASK { ?s ?p ?o }"


def test_limit_five_on_a_huge_result_builds_six_rows_not_all(seed_store):
    # 10^11 rows if built: without the pushed LIMIT this runs into its time limit
    result = queries.run(seed_store, CROSS3, limit=5, timeout=60)
    assert len(result.rows) == 5 and result.truncated


def test_a_result_that_fits_is_not_marked_truncated(seed_store):
    result = queries.run(seed_store, "SELECT ?c WHERE { ?c a anc:LocalCommittee }", limit=10_000, timeout=60)
    assert 0 < len(result.rows) < 10_000 and not result.truncated


class _Capture(http.server.BaseHTTPRequestHandler):
    sent: list[str] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        _Capture.sent.append(urllib.parse.parse_qs(body).get("query", [""])[0])
        answer = json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": []}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def test_remote_backend_sends_the_limit_with_named_and_free_queries():
    from kg.remote import RemoteStore

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        store = RemoteStore(f"http://127.0.0.1:{server.server_port}/query", union="server", timeout=10)
        _Capture.sent.clear()
        queries.run(store, CROSS3, limit=5, timeout=10)
        queries.run(store, "acteurs-par-categorie", {"level": "departement", "code": "59"}, limit=7, timeout=10)
        assert _Capture.sent[0].rstrip().endswith("LIMIT 6")
        assert _Capture.sent[1].rstrip().endswith("LIMIT 8")
    finally:
        server.shutdown()


# -- no traceback reaches a user ---------------------------------------------------------------

def _cli(store_dir, *args, env=None):
    return subprocess.run([sys.executable, "-m", "kg.cli", "query", *args, "--store", str(store_dir)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.mark.parametrize("case", ["service-closed-port", "syntax", "timeout", "memory"])
def test_cli_errors_are_one_message_and_exit_2(seed_store_dir, listener, case):
    port = listener.port
    listener.close()  # a closed port
    args, env, expected = {
        "service-closed-port": ([f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"], {},
                                "federated query"),
        "syntax": (["SELECT * WHERE { ?s ?p"], {}, "syntax error"),
        "timeout": ([COUNT3, "--timeout", "1.5"], {}, "time limit (1.5 s)"),
        "memory": ([SORTED_CROSS, "--format", "csv"], {"ANCRAGE_QUERY_MEMORY_MB": "300"}, "memory limit (300 MB)"),
    }[case]
    done = _cli(seed_store_dir, *args, env=env)
    assert done.returncode == 2, done.stderr
    assert expected in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_cli_says_when_limit_cut_the_result(seed_store_dir):
    done = _cli(seed_store_dir, CROSS3, "--limit", "5", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 1 + 5
    assert "--limit" in done.stderr


# -- the sibling: Cypher never reaches the network either -------------------------------------------

@pytest.mark.parametrize("statement", [
    "load /* c */ csv with headers from 'http://127.0.0.1:9/x.csv' AS row RETURN row",
    "CALL apoc.load.json('http://127.0.0.1:9/x') YIELD value RETURN value",
    "CALL apoc.load.jdbc('jdbc:x', 'SELECT 1') YIELD row RETURN row",
    "CALL dbms.procedures() YIELD name RETURN name",
    "MATCH (n) CALL { CALL apoc.import.csv([], [], {}) } RETURN n",
])
def test_cypher_statements_that_reach_out_are_refused_before_sending(statement):
    from kg.neo4j import cypher

    with pytest.raises(QueryError, match="refused"):
        cypher.ensure_read_only(statement)


def test_a_remote_query_past_its_time_limit_gets_the_same_message(listener):
    from kg.remote import RemoteStore

    store = RemoteStore(f"http://127.0.0.1:{listener.port}/query", union="server", timeout=30)
    with pytest.raises(QueryLimitError) as caught:  # the port accepts but never answers
        queries.run(store, "SELECT * WHERE { ?s ?p ?o }", timeout=1, limit=5)
    assert caught.value.kind == "time" and "limite de temps (1 s)" in str(caught.value)
