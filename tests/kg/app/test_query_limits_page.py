"""The explorer's SPARQL box under the read-only rules (issue 12): no SERVICE, stoppable queries, a
translated message and never a traceback; AppTest on a real on-disk store."""

from __future__ import annotations

import logging
import socket

import psutil
import pytest

from kg.i18n import t
from kg.query_worker import default_pool

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def run_free(at, text: str, lang: str = "fr"):
    at.text_area(key="q_free_text").input(text)
    submit = [b for b in at.get("form_submit_button") if b.label == t("q_run", lang)][1]
    submit.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return [e.value for e in at.error]


def test_service_in_the_free_box_is_refused_and_sends_nothing(app_at):
    lsn = socket.socket()
    lsn.bind(("127.0.0.1", 0))
    lsn.listen(4)
    lsn.settimeout(0.5)
    port = lsn.getsockname()[1]
    try:
        at = app_at(page="requetes")
        errors = run_free(at, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
        assert any("requête fédérée" in e and "SERVICE" in e for e in errors), errors
        assert not at.dataframe
        with pytest.raises((socket.timeout, TimeoutError)):
            lsn.accept()
    finally:
        lsn.close()


def test_service_to_a_closed_port_shows_no_traceback_in_english(app_at):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    at = app_at(page="requetes", lang="en")
    errors = run_free(at, f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}", "en")
    assert any("federated query" in e for e in errors), errors
    assert not any("Traceback" in e or ".py" in e for e in errors)


@pytest.mark.slow
def test_a_runaway_query_is_stopped_with_a_translated_message_and_its_worker_killed(app_at, monkeypatch, caplog):
    monkeypatch.setenv("ANCRAGE_QUERY_TIMEOUT", "1.5")
    pool = default_pool()
    before = len(pool.killed)
    at = app_at(page="requetes")
    with caplog.at_level(logging.INFO, logger="kg.query_worker"):
        errors = run_free(at, CROSS)
    assert any("limite de temps (1.5 s)" in e for e in errors), errors
    assert len(pool.killed) == before + 1
    pid = pool.killed[-1]
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert f"query worker {pid} killed" in caplog.text
    # the page keeps working for the next visitor
    errors = run_free(at, "SELECT ?c WHERE { ?c a anc:LocalCommittee }")
    assert not errors and at.dataframe


def test_an_unexpected_failure_is_logged_not_shown(app_at, monkeypatch, caplog):
    from kg import queries

    def broken(*args, **kwargs):
        raise RuntimeError("/secret/path/module.py line 3")

    monkeypatch.setattr(queries, "execute", broken)
    at = app_at(page="requetes")
    with caplog.at_level(logging.ERROR):
        errors = run_free(at, "SELECT * WHERE { ?s ?p ?o }")
    assert errors == [t("q_error_unexpected", "fr")]
    assert "/secret/path/module.py" in caplog.text
