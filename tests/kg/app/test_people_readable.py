"""What people read, without a browser: the actor card, the import's unreadable workbook, the
sidebar's store date, query results by label, the findings' evidence."""

from __future__ import annotations


from kg import queries
from kg.app import model
from kg.app.data import store_date_text
from kg.gaps.report import evidence_markdown

ID = "https://w3id.org/ancrage/id/"


def test_ansa_card_lists_the_four_committees_it_accompanies(explorer_store):
    card = model.actor_card(explorer_store, ID + "actor/ansa", "fr")
    committees = {d["iri"] for d in card["accompanies"] if "/committee/" in d["iri"]}
    assert committees == {ID + f"committee/{c}" for c in ("auvergne-rhone-alpes", "centre-val-de-loire", "nord",
                                                          "la-reunion")}
    nord = model.actor_card(explorer_store, ID + "committee/nord", "fr")
    assert nord["territories"] == ["Nord"]  # located in and territory of: named once
    assert ID + "actor/ansa" in {d["iri"] for d in nord["accompanied_by"]}


def test_an_unreadable_workbook_is_said_in_words_and_logged(tmp_path, caplog):
    from kg.app import importing

    bad = tmp_path / "classeur.xlsx"
    bad.write_bytes(b"not a zip at all")
    with caplog.at_level("WARNING"):
        problems = importing.check([bad], "fr").problems
    assert [p["message"] for p in problems] == ["classeur XLSX illisible (tronqué, corrompu ou protégé par mot de passe)"]
    assert "BadZipFile" not in str(problems) and "BadZipFile" in caplog.text


def test_the_sidebar_says_the_store_date():
    assert store_date_text("gen-20261206T143000-1a2b3c", "fr") == "Données du 06/12/2026 à 14:30"
    assert "gen-" not in store_date_text("gen-20261206T143000-1a2b3c", "en")


def test_query_results_by_label_with_declared_titles(explorer_store):
    q = queries.library()["flux-information"]
    result = queries.run(explorer_store, "flux-information")
    names = model.labels(explorer_store, "en")
    titles, rows, hidden = model.people_table(result.variables, result.rows, names, "en", q,
                                              {"membership": "membership"})
    assert titles == ["Flow", "Direction", "From", "To", "What it carries", "Status", "Flow (IRI)"]
    assert hidden == ["Flow (IRI)"]
    status = titles.index("Status")  # the statement's status, by its label (issue 15), never its code
    assert {r[status] for r in rows} <= {names[ID.replace("/id/", "/concept/") + f"statement-status/{c}"]
                                        for c in ("observe", "attendu", "perception", "question-ouverte", "demande")}
    direction = titles.index("Direction")
    assert {r[direction] for r in rows} <= {names[ID.replace("/id/", "/concept/") + f"flow-direction/{d}"]
                                           for d in ("descendant", "ascendant", "transversal")}
    assert not any(str(v).startswith("https://") for r in rows for t, v in zip(titles, r) if t not in hidden)


def test_every_named_query_declares_titles_for_its_columns():
    for name, q in queries.library().items():
        result_vars = q.sparql.split("WHERE")[0]
        for var in q.columns:
            assert f"?{var}" in result_vars, (name, var)
        assert q.columns, name


def test_evidence_is_a_sentence_and_a_table_never_key_value(explorer_store):
    from kg import gaps

    from tests.kg.gaps.builder import Builder

    report = gaps.check(explorer_store, ID + "committee/nord", lang="fr").to_dict()
    # the source names no member of the Nord committee: every rule is "unknown", said in a sentence
    for f in report["findings"]:
        text = "\n".join(evidence_markdown(f, "fr"))
        assert " = " not in text and "members_known" not in text
    b = Builder()  # a committee with members: its findings carry their small tables
    t = b.france()
    c = b.committee("nord", "Comité local du Nord", t["nord"])
    for key, cats in (("cd59", ["collectivite-departement"]), ("caf59", ["protection-sociale"]),
                      ("udaf59", ["federation"]), ("irts", ["formation"])):
        b.member(b.actor(key, key.upper(), cats, t["nord"]), c)
    findings = gaps.check(b.store(), "nord", lang="en").to_dict()["findings"]
    assert any("|" in "\n".join(evidence_markdown(f, "en")) for f in findings)
    for f in findings:
        assert " = " not in "\n".join(evidence_markdown(f, "en"))


def test_a_card_entry_opens_that_actors_card(app_at):
    from kg.i18n import t

    at = app_at(page="reseau")
    ansa, nord = ID + "actor/ansa", ID + "committee/nord"
    at.selectbox(key="net_actor").set_value(ansa).run()
    assert not at.exception
    body = "\n".join(m.value for m in at.markdown)
    assert f"**{t('card_accompanies', 'fr')} :**" in body and "Comité local préfigurateur du Nord" in body
    pills = at.get("button_group")
    entry = next(p for p in pills if p.label == t("card_open", "fr"))
    entry.set_value([nord] if isinstance(entry.value, list) else nord).run()
    assert not at.exception
    assert at.selectbox(key="net_actor").value == nord
    assert "Comité local préfigurateur du Nord" in [s.value for s in at.subheader]


def test_the_card_writes_colons_as_each_language_does(monkeypatch):
    from kg.app import data, widgets

    monkeypatch.setattr(data, "lang", lambda: "en")
    assert widgets.colon("Kind") == "Kind:"
    monkeypatch.setattr(data, "lang", lambda: "fr")
    assert widgets.colon("Type") == "Type :"
