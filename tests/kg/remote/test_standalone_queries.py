"""Each ``.rq`` file of the query library runs as it is in any SPARQL tool: it declares its own
``PREFIX`` lines, so a researcher can paste it into YASGUI or send it to any endpoint.

Parsed alone, with no prologue added, by rdflib's SPARQL parser and by the servers themselves
(Apache Jena ARQ in Fuseki, Oxigraph server), sent over plain HTTP with the protocol's media type.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg import queries

pytestmark = pytest.mark.server

FILES = sorted(queries.QUERY_DIR.glob("*.rq")) + sorted((queries.QUERY_DIR / "reference").glob("*.rq"))


def _id(path) -> str:
    return ("reference/" if path.parent.name == "reference" else "") + path.stem


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_rdflib_parses_the_file_alone(path):
    text = path.read_text(encoding="utf-8")
    prepareQuery(text)  # raises on an undeclared prefix ("Unknown namespace prefix")


def test_rdflib_refuses_a_query_without_its_prefixes():
    """The check above can fail: the same parser refuses a prefixed name never declared."""
    text = queries.QUERY_DIR.joinpath("comites-et-porteurs.rq").read_text(encoding="utf-8")
    bare = "\n".join(line for line in text.splitlines() if not line.startswith("PREFIX"))
    with pytest.raises(Exception, match="(?i)prefix"):
        prepareQuery(bare)


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_the_server_runs_the_file_alone(sparql_server, path):
    body = urllib.parse.urlencode({"query": path.read_text(encoding="utf-8")}).encode("utf-8")
    request = urllib.request.Request(sparql_server.query, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
        answer = json.loads(response.read())
    assert "vars" in answer["head"]


def test_the_server_refuses_a_query_without_its_prefixes(sparql_server):
    text = queries.QUERY_DIR.joinpath("comites-et-porteurs.rq").read_text(encoding="utf-8")
    bare = "\n".join(line for line in text.splitlines() if not line.startswith("PREFIX"))
    body = urllib.parse.urlencode({"query": bare}).encode("utf-8")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(urllib.request.Request(sparql_server.query, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded"}), timeout=60)
    assert err.value.code == 400
