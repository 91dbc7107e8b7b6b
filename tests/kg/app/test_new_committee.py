"""The founder's path in the explorer (AppTest of app.py on a real store): a new committee typed
in the app, the template downloads, the fictional example added and removed."""

from __future__ import annotations

import io
import zipfile

from kg.app import founder
from kg.store import Store

from .conftest import open_page


def _button(at, key):
    return next(b for b in at.button if b.key == key)


def _add_typed(at, name, category, parent=None):
    """Type a member: name, category code, and the draft member (``#i``) or actor IRI it belongs to."""
    at.text_input(key="nc_new_name").set_value(name).run()
    at.selectbox(key="nc_new_category").set_value(f"https://w3id.org/ancrage/concept/category/{category}").run()
    at.selectbox(key="nc_new_parent").set_value(parent or "").run()
    _button(at, "nc_add_new").click().run()


def add_found(at, text, iri):
    """Search the graph by name and add the actor ``iri`` from the results."""
    at.text_input(key="nc_search").set_value(text).run()
    at.selectbox(key="nc_found").set_value(iri).run()
    _button(at, "nc_add_found").click().run()


def test_typed_members_with_a_parent_give_check_and_suggestions_then_the_draft_is_removed(app_at,
                                                                                           writable_store_dir):
    at = app_at(writable_store_dir, page="nouveau_comite")
    at.text_input(key="nc_territory").set_value("65").run()
    at.text_input(key="nc_name").set_value("Comité local des Hautes-Pyrénées (essai)").run()
    _add_typed(at, "Conseil départemental des Hautes-Pyrénées (essai)", "collectivite-departement")
    _add_typed(at, "Service de l'aide sociale à l'enfance (essai)", "collectivite-departement", "#0")
    _add_typed(at, "Service de PMI (essai)", "collectivite-departement", "#0")
    _add_typed(at, "Groupe ressource des personnes accompagnées (essai)", "personnes-accompagnees")
    _add_typed(at, "Travailleurs sociaux de Tarbes (essai)", "travailleurs-sociaux")
    _add_typed(at, "Secours populaire de Tarbes (essai)", "association-caritative")
    assert len(at.session_state["nc_members"]) == 6
    _button(at, "nc_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    saved = at.session_state["nc_saved"]
    assert saved["ok"]
    store = Store.open(writable_store_dir)
    # R6 counts the three seats of the Département's services for one institution
    from kg.gaps import check

    r6 = check(store, saved["iri"]).finding("R6")
    assert r6.severity in ("warning", "failure") and r6.evidence["largest_institution_share"] == 0.5
    heads = [h.value for h in at.subheader]
    assert any(h.startswith("Partenaires à solliciter") for h in heads)  # with the check, at once
    assert "Relais nationaux (listés à part)" in heads
    # the committee page groups the members by institution, as R6 counts the seats
    at.session_state["com_pick"] = saved["iri"]
    open_page(at, "comites")
    assert not at.exception, [e.value for e in at.exception]
    assert any("Conseil départemental des Hautes-Pyrénées (essai) (3)" in m.value for m in at.markdown)
    members = next(df.value for df in at.dataframe if "Institution" in df.value.columns)
    assert list(members["Institution"][:3]) == ["Conseil départemental des Hautes-Pyrénées (essai)"] * 3
    open_page(at, "nouveau_comite")
    _button(at, "nc_remove").click().run()
    store = Store.open(writable_store_dir)
    assert not store.ask(f"ASK {{ <{saved['iri']}> ?p ?o }}")


def test_the_template_downloads_and_the_fictional_example(app_at, writable_store_dir):
    with zipfile.ZipFile(io.BytesIO(founder.template_zip())) as z:
        assert sorted(z.namelist()) == sorted(f"{s}.csv" for s in
                                              ("acteurs", "comites", "adhesions", "partenariats",
                                               "territoires_projet"))
        assert "rattachement" in z.read("acteurs.csv").decode("utf-8-sig").splitlines()[0]
    assert founder.template_xlsx()[:2] == b"PK"
    at = app_at(writable_store_dir, page="nouveau_comite")
    assert any("FICTIF" in w.value for w in at.warning)
    _button(at, "nc_example_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert founder.example_loaded(Store.open(writable_store_dir))
    _button(at, "nc_example_remove").click().run()
    assert not founder.example_loaded(Store.open(writable_store_dir))


def test_known_duplicates_are_shown_and_merged_as_a_source_of_their_own(app_at, writable_store_dir):
    from kg.identity import MERGES_SOURCE_ID, OWL_SAME_AS
    from kg.namespaces import graph_iri
    from kg.sources import Source
    from kg.store import write_sources

    lille = "https://w3id.org/ancrage/id/territory/commune/59350"
    lines = []
    for key in ("doublon-a", "doublon-b"):
        a = f"https://w3id.org/ancrage/id/actor/{key}"
        lines += [f"<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#Organisation> .",
                  f'<{a}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Épicerie solidaire de Lille"@fr .',
                  f"<{a}> <https://w3id.org/ancrage/def#category> "
                  f"<https://w3id.org/ancrage/concept/category/association-caritative> .",
                  f"<{a}> <https://w3id.org/ancrage/def#locatedIn> <{lille}> ."]
    write_sources(writable_store_dir, [Source.from_ntriples("doublons", "doublons", lines)])
    at = app_at(writable_store_dir, page="comites")
    at.toggle(key="com_dup_show").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    box = at.selectbox(key="com_dup_pick")
    i = next(i for i, label in enumerate(box.options) if "Épicerie solidaire de Lille" in label)
    box.set_value(i).run()
    _button(at, "com_dup_merge").click().run()
    store = Store.open(writable_store_dir)
    assert store.ask(f"ASK {{ GRAPH <{graph_iri(MERGES_SOURCE_ID)}> {{ "
                     f"<https://w3id.org/ancrage/id/actor/doublon-a> <{OWL_SAME_AS}> "
                     f"<https://w3id.org/ancrage/id/actor/doublon-b> }} }}")
