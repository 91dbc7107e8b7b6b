"""The import page: errors shown with row and column before anything is written; then only the
good rows are added, as a new source, in a new store version."""

from __future__ import annotations

from pathlib import Path

from kg.app.data import store_date_text
from kg.i18n import t, t_n
from kg.store import Store

from .conftest import open_page

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "templates" / "exemple" / "csv"

MIXED = ("id;nom;categorie;territoire\n"
         "cd65;Conseil départemental des Hautes-Pyrénées;département;65\n"
         "x1;Association imaginaire;fédération;99999\n").encode("utf-8")


def frame_with(at, column: str):
    for d in at.dataframe:
        if column in d.value.columns:
            return d.value
    raise AssertionError(f"no table with a column {column!r}: {[x.value for x in at.info]} {[x.value for x in at.markdown]} {[x.value for x in at.warning]}")


def test_errors_are_shown_and_nothing_is_written(app_at, writable_store_dir, tmp_path, monkeypatch):
    import tempfile

    # uploads are staged in the temporary folder: see that none lingers after check and import
    staging = tmp_path / "tmp"
    staging.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(staging))
    before = Store.current_generation(writable_store_dir).name
    at = app_at(writable_store_dir, page="import_donnees")
    at.file_uploader(key="imp_files").set_value(("acteurs.csv", MIXED, "text/csv")).run()
    assert not at.exception
    assert any(t_n("imp_errors", 1, "fr") == e.value for e in at.error), [e.value for e in at.error]
    assert [e.value for e in at.error][0].startswith("1 problème trouvé.")  # not "1 problèmes"
    problems = frame_with(at, t("col_row", "fr"))
    row = problems.iloc[0]
    assert row[t("col_file", "fr")] == "acteurs.csv"
    assert int(row[t("col_row", "fr")]) == 3
    assert row[t("col_column", "fr")] == "territoire"
    assert row[t("col_found", "fr")] == "99999"
    # checking wrote nothing
    assert Store.current_generation(writable_store_dir).name == before
    assert not at.success
    # on request, only the good row is added, as its own source
    at.button(key="imp_add").click().run()
    assert not at.exception
    after = Store.current_generation(writable_store_dir).name
    assert after != before
    store = Store.open(writable_store_dir)
    graph = "https://w3id.org/ancrage/graph/import-acteurs"
    assert graph in store.named_graphs()
    labels = {r[0] for r in store.select("SELECT ?l WHERE { ?a a anc:Organisation ; skos:prefLabel ?l }",
                                         graph=graph).rows}
    assert labels == {"Conseil départemental des Hautes-Pyrénées"}
    assert any(after in s.value for s in at.success)
    # the uploaded file (it may hold personal data) was not left behind
    assert not list(staging.glob("ancrage-import-*"))


def test_a_file_with_only_errors_offers_nothing_to_add(app_at, writable_store_dir):
    before = Store.current_generation(writable_store_dir).name
    at = app_at(writable_store_dir, page="import_donnees", lang="en")
    bad = "id;nom;categorie;territoire\nx1;Association imaginaire;catégorie inventée;99999\n".encode("utf-8")
    at.file_uploader(key="imp_files").set_value(("acteurs.csv", bad, "text/csv")).run()
    problems = frame_with(at, t("col_column", "en"))
    assert {"territoire", "categorie"} <= set(problems[t("col_column", "en")])
    assert t("imp_nothing", "en") in [i.value for i in at.info]
    assert not [b for b in at.button if b.key == "imp_add"]
    assert Store.current_generation(writable_store_dir).name == before


def test_the_worked_example_adds_a_committee(app_at, writable_store_dir):
    files = [(p.name, p.read_bytes(), "text/csv") for p in sorted(EXAMPLE.glob("*.csv"))]
    assert files
    at = app_at(writable_store_dir, page="import_donnees")
    at.file_uploader(key="imp_files").set_value(files).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    before = Store.current_generation(writable_store_dir).name
    at.button(key="imp_add").click().run()
    assert not at.exception and at.success
    # the sidebar already shows the new version, and the page links to the new committee
    after = Store.current_generation(writable_store_dir).name
    assert after != before
    sidebar = [c.value for c in at.sidebar.caption]
    assert store_date_text(after, "fr") in sidebar, sidebar
    links = [link.proto for link in at.get("page_link")]
    committee_links = [link for link in links if link.label.startswith("Voir le comité")]
    assert committee_links and "Hautes-Pyrénées" in committee_links[0].label
    assert "committee=" in committee_links[0].page or committee_links[0].query_string
    open_page(at, "comites")
    assert not at.exception, [e.value for e in at.exception]
    directory = frame_with(at, t("col_committee", "fr"))
    assert any("Hautes-Pyrénées" in name for name in directory[t("col_committee", "fr")])


def test_network_state_at_a_date_on_imported_memberships(app_at, writable_store_dir):
    """The worked example's memberships start in 2019: before that year the committee stands
    alone on the map; once they have all started (before any has ended), with every member."""
    import datetime as dt

    from kg.app import importing
    from kg.settings import Settings

    settings = Settings.load(env={"ANCRAGE_STORE": str(writable_store_dir)}, file=None)
    version, done = importing.add(sorted(EXAMPLE.glob("*.csv")), settings, "fr")
    assert version and done
    store = Store.open(writable_store_dir)
    committee = store.select("""SELECT ?c WHERE { ?c a anc:LocalCommittee ; skos:prefLabel ?l
                                FILTER(CONTAINS(?l, "Hautes-Pyrénées (exemple)")) }""").rows[0][0]
    starts = {r[0] for r in store.select(f"""SELECT ?d WHERE {{ ?m org:organization <{committee}> ;
                                            schema:startDate ?d }}""").rows}
    ends = store.select(f"SELECT ?d WHERE {{ ?m org:organization <{committee}> ; schema:endDate ?d }}").rows
    assert min(starts) == dt.date(2019, 3, 14) and all(e > max(starts) for (e,) in ends)

    def drawn(at):
        import re

        return next(int(m.group(1)) for c in at.caption if (m := re.match(r"(\d+) acteurs et", c.value)))

    at = app_at(writable_store_dir, page="reseau")
    at.selectbox(key="net_committee").set_value(committee).run()
    everyone = drawn(at)
    assert everyone > 1
    at.checkbox(key="net_dated").check().run()
    at.date_input(key="net_date").set_value(dt.date(2019, 1, 1)).run()
    assert not at.exception
    assert drawn(at) < everyone
    at.date_input(key="net_date").set_value(max(starts)).run()
    assert drawn(at) == everyone


def test_import_while_another_write_holds_the_store_says_so_and_writes_nothing(app_at, writable_store_dir, monkeypatch):
    """Two people importing at once: the second waits (write_wait), then is told, in French, why."""
    import os
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", "import sys; from kg.store import writer_lock; "
                               "held = writer_lock(sys.argv[1]); print('locked', flush=True); sys.stdin.readline()",
                               str(writable_store_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = Store.current_generation(writable_store_dir).name
        monkeypatch.setenv("ANCRAGE_WRITE_WAIT", "0.5")
        at = app_at(writable_store_dir, page="import_donnees")
        at.file_uploader(key="imp_files").set_value(("acteurs.csv", MIXED, "text/csv")).run()
        at.button(key="imp_add").click().run()
        assert not at.exception
        errors = [e.value for e in at.error]
        assert any("une autre écriture est en cours" in e and "write_wait" in e.replace("\\_", "_") for e in errors), errors
        assert not any("another write" in e for e in errors)  # French only on a French page
        assert Store.current_generation(writable_store_dir).name == before
    finally:
        holder.stdin.close()
        holder.wait(30)
