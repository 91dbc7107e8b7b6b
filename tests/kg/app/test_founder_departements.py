"""Issue 14, "done when": a founder on a département with no committee (rural, metropolitan,
overseas) types six members in the app, then reads the check and the suggestions.

The store is the default graph of those départements (ontology, seed, territorial reference and
the territorial authorities derived from it), built by :func:`kg.build.default_sources`.
"""

from __future__ import annotations

import pytest

from kg.gaps import check, suggestions
from kg.gaps.facts import national_bodies, territory_scope
from kg.gaps.suggest import NATIONAL_CATEGORIES, member_institutions
from kg.store import Store

from .test_new_committee import _add_typed, _button, add_found

DEPARTEMENTS = {
    # code: (kind, text searched, the council found in the graph)
    "23": ("rural", "Département de la Creuse", "collectivite/departement/23"),
    "69": ("metropolitan", "Département du Rhône", "collectivite/departement/69"),
    "973": ("overseas", "Collectivité territoriale de Guyane", "collectivite/region/03"),
}


@pytest.fixture(scope="module")
def founder_store_dir(tmp_path_factory):
    from kg.build import default_sources
    from kg.store import write_sources

    folder = tmp_path_factory.mktemp("founder-store") / "store"
    write_sources(folder, default_sources(territories=True, departements=list(DEPARTEMENTS)), fresh=True)
    return folder


@pytest.mark.parametrize("code", list(DEPARTEMENTS))
def test_a_founder_on_a_departement_with_no_committee(code, app_at, founder_store_dir):
    kind, text, council_key = DEPARTEMENTS[code]
    council = f"https://w3id.org/ancrage/id/actor/{council_key}"
    store = Store.open(founder_store_dir)
    assert not store.ask(f"ASK {{ ?c a anc:LocalCommittee ; anc:territory "
                         f"<https://w3id.org/ancrage/id/territory/departement/{code}> }}")

    at = app_at(founder_store_dir, page="nouveau_comite")
    at.text_input(key="nc_territory").set_value(code).run()
    at.text_input(key="nc_name").set_value(f"Comité local {code} ({kind})").run()
    add_found(at, text, council)  # picked from the graph by name
    _add_typed(at, "Service de l'aide sociale à l'enfance", "collectivite-departement", council)
    _add_typed(at, "Service de protection maternelle et infantile", "collectivite-departement", council)
    _add_typed(at, f"Groupe ressource des personnes accompagnées {code}", "personnes-accompagnees")
    _add_typed(at, f"Antenne du Secours populaire {code}", "association-caritative")
    _add_typed(at, f"Union départementale des associations familiales {code}", "federation")
    assert len(at.session_state["nc_members"]) == 6
    _button(at, "nc_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = at.session_state["nc_saved"]
    assert saved["ok"], saved["problems"]

    # what the page shows: the local list first, its "where" column, and the national list apart
    local_table = next(df.value for df in at.dataframe if "Situation" in df.value.columns)
    assert len(local_table) == 15
    shown_local = local_table["Situation"].isin(["sur le territoire", "dans le territoire"]).sum()
    assert shown_local >= 10, local_table[["Acteur", "Situation"]].to_string()

    store = Store.open(founder_store_dir)
    found = suggestions(store, saved["iri"], limit=15, lang="fr")
    assert [s.label for s in found.local] == list(local_table["Acteur"])
    scope = territory_scope(store, f"https://w3id.org/ancrage/id/territory/departement/{code}")
    located_here = [s for s in found.local if s.territory in scope.own | scope.inside]
    assert len(located_here) >= 10  # in the département or inside it

    members = {r[0] for r in store.select(
        f"SELECT ?m WHERE {{ ?ms org:organization <{saved['iri']}> ; org:member ?m }}").rows}
    assert len(members) == 6 and council in members
    related = member_institutions(store, members)
    offered = {s.actor for s in found.local} | {s.actor for s in found.national}
    assert not offered & related  # never a member, the same institution, its parent or a unit

    national = national_bodies(store)
    for s in found.local:
        assert s.location != "national" and s.actor not in national and not set(s.categories) & NATIONAL_CATEGORIES
    assert all(s.location == "national" for s in found.national)

    r6 = check(store, saved["iri"]).finding("R6")
    assert r6.severity in ("warning", "failure")
    assert r6.evidence["largest_institution"]["iri"] == council
    assert r6.evidence["largest_institution_share"] == 0.5
