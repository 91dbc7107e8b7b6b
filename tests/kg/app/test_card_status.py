"""The actor card in the explorer says what the graph knows of an actor: a CCAS presumed by the
law (CASF L123-4), a council derived from the territorial reference (issue 14)."""

from __future__ import annotations

import pytest

from loaders import collectivites as col

from .conftest import open_page

CCAS_TARBES = col.actor_iri("ccas/65440")


@pytest.fixture(scope="module")
def store_with_authorities(tmp_path_factory, explorer_sources):
    from tests.kg.app.conftest import build_store

    return build_store(tmp_path_factory.mktemp("authorities-store"),
                       list(explorer_sources) + [col.load(departements=["65"])])


@pytest.mark.parametrize("lang, status, word", [("fr", "Présumé", "présumé"), ("en", "Presumed", "presumed")])
def test_the_card_of_a_presumed_ccas(monkeypatch, store_with_authorities, lang, status, word):
    from streamlit.testing.v1 import AppTest

    from tests.kg.app.conftest import APP

    monkeypatch.setenv("ANCRAGE_STORE", str(store_with_authorities))
    for name in ("ANCRAGE_SPARQL_ENDPOINT", "ANCRAGE_NEO4J_URI"):
        monkeypatch.delenv(name, raising=False)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["net_actor"] = CCAS_TARBES  # as a click on the network would
    at.run()
    open_page(at, "reseau")
    assert not at.exception, [e.value for e in at.exception]
    assert "CCAS de Tarbes" in [s.value for s in at.subheader]
    card = "\n".join(m.value for m in at.markdown)
    line = next(x for x in card.splitlines() if "L123" in x)
    assert status in line and word in line.lower() and "1 500" in line.replace("1,500", "1 500")
