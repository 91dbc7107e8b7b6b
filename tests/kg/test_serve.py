"""``ancrage serve`` (issue 17): the real command in its own process, queried with SPARQLWrapper and
with plain HTTP in the protocol's media types, on a real on-disk store that a write changes while
the server runs."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import psutil
import pytest
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper, TURTLE

from kg import queries
from kg.sources import Source
from kg.store import Store, write_sources

ROOT = Path(__file__).resolve().parents[2]
COMMITTEES = "SELECT ?c WHERE { ?c a anc:LocalCommittee } ORDER BY ?c"
PREFIXED = ("PREFIX anc: <https://w3id.org/ancrage/def#>\n"
            "SELECT ?c WHERE { ?c a anc:LocalCommittee } ORDER BY ?c")


class Server:
    """``ancrage serve --port 0`` in its own process group, stopped with its whole group."""

    def __init__(self, store: Path, *args: str, env: dict | None = None):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
        line = self.proc.stdout.readline()
        assert line.startswith("SPARQL: "), line + self.proc.stderr.read()
        self.url = line.split(" ", 1)[1].strip()

    def children(self) -> list[int]:
        return [c.pid for c in psutil.Process(self.proc.pid).children(recursive=True)]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, seed_sources):
    folder = tmp_path_factory.mktemp("serve-store")
    write_sources(folder, seed_sources, fresh=True)
    return folder


@pytest.fixture(scope="module")
def server(store_dir):
    srv = Server(store_dir)
    yield srv
    srv.stop()


def expected_committees(store_dir) -> list[str]:
    return [r[0] for r in queries.run(Store.open(store_dir), COMMITTEES).rows]


def http(url: str, *, data: bytes | None = None, headers: dict | None = None):
    """(status, content type, body) of one request."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


# -- a real client --------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json_gets_the_same_rows_as_the_library(server, store_dir, method):
    client = SPARQLWrapper(server.url)
    client.setMethod(method)
    client.setQuery(PREFIXED)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert [b["c"]["value"] for b in data["results"]["bindings"]] == expected_committees(store_dir)


@pytest.mark.parametrize("fmt", [CSV, TSV, XML])
def test_sparqlwrapper_csv_tsv_xml(server, store_dir, fmt):
    client = SPARQLWrapper(server.url)
    client.setQuery(PREFIXED)
    client.setReturnFormat(fmt)
    result = client.query()
    body = result.convert()
    expected = expected_committees(store_dir)
    if fmt == XML:
        assert [u.firstChild.data for u in body.getElementsByTagName("uri")] == expected
    else:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == CSV else "\t"))
        values = [r[0] for r in rows[1:]]
        assert values == (expected if fmt == CSV else [f"<{c}>" for c in expected])


def test_sparqlwrapper_construct_and_ask(server):
    client = SPARQLWrapper(server.url)
    client.setQuery("CONSTRUCT WHERE { ?c a anc:LocalCommittee }")
    client.setReturnFormat(TURTLE)
    graph = client.query().convert()
    assert b"https://w3id.org/ancrage/id/committee/nord" in graph
    client.setQuery("ASK { <https://w3id.org/ancrage/id/committee/nord> ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_sparqlwrapper_update_is_refused_and_nothing_changes(server, store_dir):
    before = Store.open(store_dir).count()
    client = SPARQLWrapper(server.url)
    client.setMethod("POST")
    client.setQuery("INSERT DATA { <urn:x> <urn:p> <urn:o> }")
    with pytest.raises(urllib.error.HTTPError) as refused:  # SPARQLWrapper hands a 403 on as it is
        client.query()
    assert refused.value.code == 403
    assert Store.open(store_dir).count() == before


# -- the protocol in plain HTTP -------------------------------------------------------------------

def test_the_three_ways_of_sending_a_query(server, store_dir):
    expected = expected_committees(store_dir)
    accept = {"Accept": "application/sparql-results+json"}
    ways = [
        http(server.url + "?" + urllib.parse.urlencode({"query": PREFIXED}), headers=accept),
        http(server.url, data=urllib.parse.urlencode({"query": PREFIXED}).encode(),
             headers={**accept, "Content-Type": "application/x-www-form-urlencoded"}),
        http(server.url, data=PREFIXED.encode(), headers={**accept, "Content-Type": "application/sparql-query"}),
    ]
    for status, ctype, body in ways:
        assert status == 200 and ctype.startswith("application/sparql-results+json")
        assert [b["c"]["value"] for b in json.loads(body)["results"]["bindings"]] == expected


@pytest.mark.parametrize("accept, media", [
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"), (None, "application/sparql-results+json"),
])
def test_content_negotiation_of_results(server, accept, media):
    status, ctype, body = http(server.url + "?" + urllib.parse.urlencode({"query": COMMITTEES}),
                               headers={"Accept": accept} if accept else {})
    assert status == 200 and ctype.split(";")[0] == media
    if media == "application/sparql-results+xml":
        ET.fromstring(body)


@pytest.mark.parametrize("accept, media", [("application/n-triples", "application/n-triples"),
                                           ("text/turtle", "text/turtle"), ("application/rdf+xml", "application/rdf+xml")])
def test_content_negotiation_of_graphs(server, accept, media):
    status, ctype, body = http(server.url + "?" + urllib.parse.urlencode(
        {"query": "CONSTRUCT WHERE { ?c a anc:LocalCommittee }"}), headers={"Accept": accept})
    assert status == 200 and ctype.split(";")[0] == media
    assert b"committee/nord" in body


def test_an_unavailable_media_type_is_406(server):
    status, _ctype, body = http(server.url + "?" + urllib.parse.urlencode({"query": COMMITTEES}),
                                headers={"Accept": "image/png"})
    assert status == 406 and "text/csv" in body.decode()


@pytest.mark.parametrize("request_kind", ["form-update", "sparql-update", "update-as-query"])
def test_updates_are_refused(server, store_dir, request_kind):
    update = "DELETE WHERE { ?s ?p ?o }"
    before = Store.open(store_dir).count()
    if request_kind == "form-update":
        answer = http(server.url, data=urllib.parse.urlencode({"update": update}).encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif request_kind == "sparql-update":
        answer = http(server.url, data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    else:
        answer = http(server.url + "?" + urllib.parse.urlencode({"query": update}))
    assert answer[0] == 403 and "lecture seule" in answer[2].decode() and "read-only" in answer[2].decode()
    assert Store.open(store_dir).count() == before


def test_service_is_refused_and_nothing_is_sent(server):
    lsn = socket.socket()
    lsn.bind(("127.0.0.1", 0))
    lsn.listen(4)
    lsn.settimeout(0.5)
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{lsn.getsockname()[1]}/> {{ ?s ?p ?o }} }}"
        status, _ctype, body = http(server.url + "?" + urllib.parse.urlencode({"query": query}))
        assert status == 403 and "federated query" in body.decode()
        with pytest.raises((socket.timeout, TimeoutError)):
            lsn.accept()
    finally:
        lsn.close()


def test_a_syntax_error_is_400_without_traceback(server):
    status, ctype, body = http(server.url + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s"}))
    assert status == 400 and ctype.startswith("text/plain")
    assert "Traceback" not in body.decode() and "syntax" in body.decode()


# -- limits --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_time_memory_and_row_limits(store_dir):
    srv = Server(store_dir, "--timeout", "1.5", env={"ANCRAGE_QUERY_MEMORY_MB": "300", "ANCRAGE_ROW_LIMIT": "7"})
    try:
        cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        status, _ctype, body = http(srv.url + "?" + urllib.parse.urlencode({"query": cross}))
        assert status == 503 and "time limit (1.5 s)" in body.decode()
        sorted_cross = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } ORDER BY ?o ?c"
        status, _ctype, body = http(srv.url + "?" + urllib.parse.urlencode({"query": sorted_cross}))
        assert status in (503,) and ("memory limit (300 MB)" in body.decode() or "time limit" in body.decode())
        status, _ctype, body = http(srv.url + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}),
                                    headers={"Accept": "application/sparql-results+json"})
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 7
        # the killed workers are gone: only the warm ones remain, and they are idle
        for pid in srv.children():
            assert psutil.Process(pid).cpu_percent(interval=0.2) < 50
    finally:
        srv.stop()
    assert srv.proc.returncode == 0


def test_stopping_the_server_stops_its_workers(store_dir):
    srv = Server(store_dir)
    http(srv.url + "?" + urllib.parse.urlencode({"query": "ASK {}"}))
    workers = srv.children()
    assert workers
    srv.stop()
    for pid in workers:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


# -- a write while serving -------------------------------------------------------------------------

def test_a_write_while_serving_is_seen_by_the_next_query_and_nothing_fails(tmp_path, seed_sources):
    folder = tmp_path / "store"
    write_sources(folder, seed_sources, fresh=True)
    srv = Server(folder)
    ask = srv.url + "?" + urllib.parse.urlencode({"query": "ASK { <urn:ancrage:test:new> ?p ?o }"})
    statuses: list[int] = []
    stop = threading.Event()

    def hammer():
        while not stop.is_set():
            statuses.append(http(srv.url + "?" + urllib.parse.urlencode({"query": COMMITTEES}))[0])

    try:
        assert json.loads(http(ask)[2])["boolean"] is False
        readers = [threading.Thread(target=hammer) for _ in range(2)]
        for r in readers:
            r.start()
        for i in range(3):  # three swaps of `current` (each prunes older generations)
            write_sources(folder, [Source.from_ntriples(f"t{i}", f"T{i}",
                                                        [f'<urn:ancrage:test:new> <urn:p> "{i}" .'])])
        version = Store.current_generation(folder).name
        assert json.loads(http(ask)[2])["boolean"] is True
        stop.set()
        for r in readers:
            r.join()
        assert statuses and set(statuses) == {200}, statuses
        assert version == Store.current_generation(folder).name
    finally:
        stop.set()
        srv.stop()
