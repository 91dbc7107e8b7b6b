"""The explorer on a remote SPARQL endpoint: a real server (``oxigraph serve``, and Apache Jena
Fuseki with its default graph the union of the named graphs, as we advise to run it) holding the
same sources as the embedded test store gives the same pages; an import writes through the endpoint."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kg.i18n import t

from .conftest import open_page

pytestmark = pytest.mark.server
ROOT = Path(__file__).resolve().parents[3]


def _servers():
    name = "ancrage_remote_servers"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "kg" / "remote" / "conftest.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


#: engine → how its default graph is the union of the named graphs (the way we advise to run it)
UNION = {"oxigraph": "dataset", "fuseki": "server"}


@pytest.fixture(scope="module", params=sorted(UNION))
def endpoint(request, tmp_path_factory, explorer_sources):
    from kg.backend import write_sources
    from kg.settings import Settings

    engine = request.param
    server = _servers().start_server(engine, tmp_path_factory.mktemp(f"explorer-{engine}"),
                                     union=UNION[engine] == "server")
    server.union = UNION[engine]
    try:
        write_sources(Settings.load(env={}, file=None, sparql_endpoint=server.query,
                                    sparql_update_endpoint=server.update, sparql_union=server.union),
                      explorer_sources, fresh=True)
        yield server
    finally:
        server.stop()


@pytest.fixture
def remote_at(monkeypatch, endpoint, tmp_path):
    monkeypatch.setenv("ANCRAGE_SPARQL_ENDPOINT", endpoint.query)
    monkeypatch.setenv("ANCRAGE_SPARQL_UPDATE_ENDPOINT", endpoint.update)
    monkeypatch.setenv("ANCRAGE_SPARQL_UNION", endpoint.union)
    monkeypatch.setenv("ANCRAGE_STORE", str(tmp_path / "no-local-store"))

    def make(page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        if page:
            open_page(at, page)
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        return at

    return make


def test_remote_pages_match_the_embedded_store(remote_at, app_at, monkeypatch):
    remote = remote_at()
    remote_metrics = {m.label: m.value for m in remote.metric}
    assert remote_metrics[t("count_LocalCommittee", "fr")] != "0"
    remote_net = remote_at("reseau")
    remote_caption = next(c.value for c in remote_net.caption if "acteurs et" in c.value)
    remote_com = remote_at("comites")
    remote_directory = next(d.value for d in remote_com.dataframe if t("col_committee", "fr") in d.value.columns)

    monkeypatch.delenv("ANCRAGE_SPARQL_ENDPOINT")
    monkeypatch.delenv("ANCRAGE_SPARQL_UNION")
    local = app_at()
    assert {m.label: m.value for m in local.metric} == remote_metrics
    local_net = app_at(page="reseau")
    assert next(c.value for c in local_net.caption if "acteurs et" in c.value) == remote_caption
    local_com = app_at(page="comites")
    local_directory = next(d.value for d in local_com.dataframe if t("col_committee", "fr") in d.value.columns)
    assert list(local_directory[t("col_committee", "fr")]) == list(remote_directory[t("col_committee", "fr")])


def test_remote_import_writes_through_the_endpoint(remote_at, endpoint):
    from kg.remote import RemoteStore

    store = RemoteStore(endpoint.query, endpoint.update, union=endpoint.union)
    before = store.version
    at = remote_at("import_donnees")
    csv = "id;nom;categorie;territoire\nmsa-test;MSA de test du Nord;protection sociale;59\n".encode("utf-8")
    at.file_uploader(key="imp_files").set_value(("acteurs-remote.csv", csv, "text/csv")).run()
    assert not at.exception and not at.error
    assert store.version == before  # checked, not written
    at.button(key="imp_add").click().run()
    assert not at.exception and at.success
    graph = "https://w3id.org/ancrage/graph/import-acteurs-remote"
    assert graph in RemoteStore(endpoint.query, endpoint.update).named_graphs()
