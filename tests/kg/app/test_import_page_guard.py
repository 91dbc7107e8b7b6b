"""The import page refuses what ``ancrage import`` refuses, with the same messages: personal
data, hostile names, a file that would silently replace another import."""

from __future__ import annotations

from pathlib import Path

from kg.i18n import t, t_n
from kg.store import Store

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "loaders" / "tabular" / "corpus"
ACTORS = "id;nom;categorie;territoire\ncaf59;CAF du Nord;CAF;59\n".encode("utf-8")


def _problems(at):
    for d in at.dataframe:
        if t("col_message", "fr") in d.value.columns:
            return d.value
    raise AssertionError("no problems table")


def test_personal_data_and_hostile_names_give_the_cli_messages(app_at, writable_store_dir):
    from loaders import tabular

    names = ["pd-groupe-famille-acteurs.csv", "pd-naissance-et-iban-acteurs.csv",
             "pd-nom-inversion-droite-gauche-acteurs.csv", "pd-personne-caritative-acteurs.csv"]
    before = Store.current_generation(writable_store_dir).name
    at = app_at(writable_store_dir, page="import_donnees")
    at.file_uploader(key="imp_files").set_value([(n, (CORPUS / n).read_bytes(), "text/csv") for n in names]).run()
    assert not at.exception
    shown = _problems(at)
    cli = tabular.check_files([CORPUS / n for n in names], store=Store.open(writable_store_dir))
    assert list(shown[t("col_message", "fr")]) == [p.message("fr") for p in cli.problems]
    assert list(shown[t("col_column", "fr")]) == [p.column for p in cli.problems]
    assert [(p.file, p.code) for p in cli.problems if p.code != "duplicate-id"] == [  # every file has id "x"
        (names[0], "named-person"), (names[1], "personal-data"), (names[2], "bidi-control"),
        (names[3], "person-not-public")]
    assert not [b for b in at.button if b.key == "imp_add"]
    assert Store.current_generation(writable_store_dir).name == before


def test_a_file_for_another_import_s_graph_is_refused_unless_replace_is_ticked(app_at, writable_store_dir):
    at = app_at(writable_store_dir, page="import_donnees")
    at.file_uploader(key="imp_files").set_value(("Nord (v2)-acteurs.csv", ACTORS, "text/csv")).run()
    at.button(key="imp_add").click().run()
    assert not at.exception and at.success
    first = Store.current_generation(writable_store_dir).name

    at = app_at(writable_store_dir, page="import_donnees")
    other = "id;nom;categorie;territoire\nudaf59;UDAF du Nord;federation;59\n".encode("utf-8")
    at.file_uploader(key="imp_files").set_value(("nord-v2-acteurs.csv", other, "text/csv")).run()
    shown = _problems(at)
    (message,) = list(shown[t("col_message", "fr")])
    assert "Nord_v2_-acteurs.csv" in message and "même graphe nommé" in message
    assert not [b for b in at.button if b.key == "imp_add"]
    assert Store.current_generation(writable_store_dir).name == first

    at.checkbox(key="imp_replace").check().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert [w.value for w in at.warning] == [t_n("imp_warnings", 1, "fr")]
    assert "remplace" in list(_problems(at)[t("col_message", "fr")])[0]
    at.button(key="imp_add").click().run()
    assert not at.exception and at.success
    store = Store.open(writable_store_dir)
    labels = {r[0] for r in store.select("SELECT ?l WHERE { ?a skos:prefLabel ?l }",
                                         graph="https://w3id.org/ancrage/graph/import-nord-v2-acteurs").rows}
    assert labels == {"UDAF du Nord"}
