"""The corpus of malformed and hostile inputs (``corpus/``, rebuilt by ``corpus/make_corpus.py``).

Each case imports real files into a real on-disk store with ``ancrage import`` and asserts:

* the exact errors: (code, file, sheet, row, column), nothing more, nothing less;
* the store afterwards: unchanged when no row is good (same generation, same quads), else the
  other graphs untouched and the import graphs holding exactly the good rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.namespaces import graph_iri
from kg.store import Store

from .conftest import CORPUS, import_files, snapshot, version

LINKS = ("lien-acteurs.csv", "lien-comites.csv")
BASE_IDS = {"actors": {"caf59", "ccas-lille"}, "committees": {"clts59"}}


def E(code, file, sheet=None, row=None, column=None):  # noqa: N802 - reads like a table
    return (code, file, sheet, row, column)


# name: (files, expected errors, kept) -- kept: None = store unchanged; else a dict of
# {"actors": ids, "committees": ids, "memberships": n, "partnerships": n, "projects": ids}
CASES: dict[str, tuple[tuple[str, ...], set, dict | None]] = {
    # -- encodings, bytes, empty files ------------------------------------------------------
    "undefined-cp1252-byte": (("encodage-inconnu-acteurs.csv",),
                              {E("bad-encoding", "encodage-inconnu-acteurs.csv", row=4)}, None),
    "utf16-without-bom": (("utf16-sans-bom-acteurs.csv",), {E("binary-file", "utf16-sans-bom-acteurs.csv")}, None),
    "png-named-csv": (("image-png-acteurs.csv",), {E("binary-file", "image-png-acteurs.csv")}, None),
    "empty-file": (("vide-acteurs.csv",), {E("empty-file", "vide-acteurs.csv")}, None),
    "header-only": (("entete-seul-acteurs.csv",), {E("empty-sheet", "entete-seul-acteurs.csv", "acteurs")}, None),
    "double-encoded-utf8": (("double-encodage-acteurs.csv",),
                            {E("unknown-value", "double-encodage-acteurs.csv", "acteurs", 4, "categorie")},
                            {"actors": {"caf59", "ccas-lille"}}),
    # -- structure: quotes, separators, columns, sheets -------------------------------------------
    "truncated-unclosed-quote": (("guillemet-non-ferme-acteurs.csv",),
                                 {E("unclosed-quote", "guillemet-non-ferme-acteurs.csv", "acteurs", 4)},
                                 {"actors": {"caf59", "ccas-lille"}}),
    "misplaced-quote": (("guillemet-mal-place-acteurs.csv",),
                        {E("bad-quote", "guillemet-mal-place-acteurs.csv", "acteurs", 2)},
                        {"actors": {"caf59", "ccas-lille"}}),
    "comma-in-unquoted-value": (("virgule-sans-guillemets-acteurs.csv",),
                                {E("too-many-cells", "virgule-sans-guillemets-acteurs.csv", "acteurs", 3)},
                                {"actors": {"caf59"}}),
    "row-with-other-separator": (("separateurs-melanges-acteurs.csv",),
                                 {E("row-separator", "separateurs-melanges-acteurs.csv", "acteurs", 4)},
                                 {"actors": {"caf59", "ccas-lille"}}),
    "missing-required-column": (("colonne-manquante-acteurs.csv",),
                                {E("missing-column", "colonne-manquante-acteurs.csv", "acteurs", 1, "categorie")},
                                None),
    "duplicate-column": (("colonne-en-double-acteurs.csv",),
                         {E("duplicate-column", "colonne-en-double-acteurs.csv", "acteurs", 1, "nom")}, None),
    "unknown-csv": (("feuille-inconnue.csv",), {E("no-sheet", "feuille-inconnue.csv")}, None),
    "unknown-xlsx-sheet": (("feuille-inconnue.xlsx",), {E("no-sheet", "feuille-inconnue.xlsx")}, None),
    "empty-workbook": (("classeur-vide.xlsx",), {E("empty-sheet", "classeur-vide.xlsx", "acteurs"),
                                                  E("empty-sheet", "classeur-vide.xlsx", "comites")}, None),
    "truncated-xlsx": (("tronque.xlsx",), {E("bad-xlsx", "tronque.xlsx")}, None),
    "zip-bomb-xlsx": (("bombe.xlsx",), {E("xlsx-bomb", "bombe.xlsx")}, None),
    "old-xls": (("ancien-format.xls",), {E("unsupported-format", "ancien-format.xls")}, None),
    # -- formulas and injection-looking text -------------------------------------------------------
    "csv-formula-cmd": (("formule-cmd-acteurs.csv",), {E("formula", "formule-cmd-acteurs.csv", "acteurs", 4, "nom")},
                        {"actors": {"caf59", "ccas-lille"}}),
    "csv-formula-plus": (("formule-plus-acteurs.csv",),
                         {E("formula", "formule-plus-acteurs.csv", "acteurs", 2, "note")},
                         {"actors": {"caf59", "ccas-lille"}}),
    "csv-formula-at": (("formule-arobase-acteurs.csv",),
                       {E("formula", "formule-arobase-acteurs.csv", "acteurs", 4, "nom")},
                       {"actors": {"caf59", "ccas-lille"}}),
    "xlsx-formula-cell": (("formule.xlsx",), {E("formula", "formule.xlsx", "acteurs", 4, "nom")},
                          {"actors": {"caf59", "ccas-lille"}}),
    "sparql-fragment-in-name": (("injection-sparql-acteurs.csv",), set(), {"actors": {"sparql"}}),
    "cypher-fragment-in-name": (("injection-cypher-acteurs.csv",), set(), {"actors": {"cypher"}}),
    "control-character": (("caractere-controle-acteurs.csv",),
                          {E("control-char", "caractere-controle-acteurs.csv", "acteurs", 4, "nom")},
                          {"actors": {"caf59", "ccas-lille"}}),
    # -- huge cells -------------------------------------------------------------------------------
    "huge-note": (("cellule-enorme-acteurs.csv",), {E("huge-cell", "cellule-enorme-acteurs.csv", "acteurs", 4, "note")},
                  {"actors": {"caf59", "ccas-lille"}}),
    "huge-name": (("nom-trop-long-acteurs.csv",), {E("huge-cell", "nom-trop-long-acteurs.csv", "acteurs", 2, "nom")},
                  {"actors": {"caf59", "ccas-lille"}}),
    # -- ids, codes, values ---------------------------------------------------------------------------
    "duplicate-id": (("id-en-double-acteurs.csv",), {E("duplicate-id", "id-en-double-acteurs.csv", "acteurs", 4, "id")},
                     {"actors": {"caf59", "ccas-lille"}}),
    "invalid-id": (("id-invalide-acteurs.csv",), {E("bad-id", "id-invalide-acteurs.csv", "acteurs", 4, "id")},
                   {"actors": {"caf59", "ccas-lille"}}),
    "unknown-insee-code": (("code-insee-inconnu-acteurs.csv",),
                           {E("unknown-insee-code", "code-insee-inconnu-acteurs.csv", "acteurs", 4, "territoire")},
                           {"actors": {"caf59", "ccas-lille"}}),
    "misspelt-territory": (("territoire-mal-ecrit-acteurs.csv",),
                           {E("unknown-territory", "territoire-mal-ecrit-acteurs.csv", "acteurs", 4, "territoire")},
                           {"actors": {"caf59", "ccas-lille"}}),
    "ambiguous-territory": (("territoire-ambigu-acteurs.csv",),
                            {E("ambiguous-territory", "territoire-ambigu-acteurs.csv", "acteurs", 4, "territoire")},
                            {"actors": {"caf59", "ccas-lille"}}),
    "unknown-category": (("categorie-inconnue-acteurs.csv",),
                         {E("unknown-value", "categorie-inconnue-acteurs.csv", "acteurs", 4, "categorie")},
                         {"actors": {"caf59", "ccas-lille"}}),
    "bad-url": (("url-invalide-acteurs.csv",), {E("bad-url", "url-invalide-acteurs.csv", "acteurs", 3, "site_web")},
                {"actors": {"caf59"}}),
    "project-territory-two-names": (("territoire-projet-incoherent.xlsx",),
                                    {E("inconsistent-name", "territoire-projet-incoherent.xlsx", "territoires_projet",
                                       3, "nom")},
                                    {"actors": {"asso"}, "projects": {"bv1"}}),
    # -- personal data ---------------------------------------------------------------------------------
    "email-in-note": (("courriel-acteurs.csv",), {E("personal-data", "courriel-acteurs.csv", "acteurs", 4, "note")},
                      {"actors": {"caf59", "ccas-lille"}}),
    "phone-in-note": (("telephone-acteurs.csv",), {E("personal-data", "telephone-acteurs.csv", "acteurs", 4, "note")},
                      {"actors": {"caf59", "ccas-lille"}}),
    "nir-in-note": (("nir-acteurs.csv",), {E("personal-data", "nir-acteurs.csv", "acteurs", 4, "note")},
                    {"actors": {"caf59", "ccas-lille"}}),
    "named-person-as-group": (("personne-nommee-acteurs.csv",),
                              {E("named-person", "personne-nommee-acteurs.csv", "acteurs", 3, "nom")},
                              {"actors": {"gr"}}),
    "civility-as-group": (("civilite-acteurs.csv",), {E("named-person", "civilite-acteurs.csv", "acteurs", 4, "nom")},
                          {"actors": {"caf59", "ccas-lille"}}),
    "person-kind-for-people-supported": (("type-personne-acteurs.csv",),
                                         {E("person-in-group-category", "type-personne-acteurs.csv", "acteurs", 3,
                                            "type")},
                                         {"actors": {"gr"}}),
    # -- relations: dangling, duplicates, dates -----------------------------------------------------------
    "dangling-membership": (("lien-pendant-adhesions.csv", *LINKS),
                            {E("dangling-ref", "lien-pendant-adhesions.csv", "adhesions", 3, "membre")},
                            {**BASE_IDS, "memberships": 1}),
    "impossible-date": (("dates-invalides-adhesions.csv", *LINKS),
                        {E("bad-date", "dates-invalides-adhesions.csv", "adhesions", 3, "date_debut")},
                        {**BASE_IDS, "memberships": 1}),
    "end-before-start": (("date-inversee-adhesions.csv", *LINKS),
                         {E("end-before-start", "date-inversee-adhesions.csv", "adhesions", 2, "date_fin")},
                         {**BASE_IDS, "memberships": 1}),
    "member-of-an-actor": (("mauvais-comite-adhesions.csv", *LINKS),
                           {E("wrong-ref-kind", "mauvais-comite-adhesions.csv", "adhesions", 3, "comite")},
                           {**BASE_IDS, "memberships": 1}),
    "duplicate-membership": (("adhesion-en-double-adhesions.csv", *LINKS),
                             {E("duplicate-relation", "adhesion-en-double-adhesions.csv", "adhesions", 4, "membre")},
                             {**BASE_IDS, "memberships": 2}),
    "dangling-partner": (("partenaire-pendant-partenariats.csv", *LINKS),
                         {E("dangling-ref", "partenaire-pendant-partenariats.csv", "partenariats", 3, "partenaire_2")},
                         {**BASE_IDS, "partnerships": 1}),
    "partner-with-itself": (("partenaire-seul-partenariats.csv", *LINKS),
                            {E("self-partnership", "partenaire-seul-partenariats.csv", "partenariats", 3,
                               "partenaire_2")},
                            {**BASE_IDS, "partnerships": 1}),
    "excel-serial-date": (("date-numero-serie.xlsx",),
                          {E("bad-date", "date-numero-serie.xlsx", "adhesions", 2, "date_debut")},
                          {**BASE_IDS, "memberships": 1}),
}


def test_corpus_is_large_and_every_file_is_used():
    files = {p.name for p in CORPUS.iterdir() if p.suffix != ".py" and p.name != "__pycache__"
             and not p.name.startswith("pd-")}  # pd-*: the personal-data corpus, test_privacy_corpus.py
    used = {f for files_, _e, _k in CASES.values() for f in files_}
    assert len(CASES) >= 30
    assert files == used, f"unused corpus files: {sorted(files - used)}; missing: {sorted(used - files)}"


def _import_graph_facts(store: Path, files: tuple[str, ...]) -> dict:
    s = Store.open(store)
    from loaders.tabular_rows import import_source_id

    graphs = [graph_iri(import_source_id(f)) for f in files]
    facts = {"actors": set(), "committees": set(), "memberships": 0, "partnerships": 0, "projects": set()}
    present = set(s.named_graphs())
    for g in graphs:
        if str(g) not in present:
            continue
        rows = s.select("""SELECT ?cls ?id WHERE { ?x a ?cls . OPTIONAL { ?x dct:identifier ?id } }""", graph=g).rows
        for cls, ident in rows:
            name = cls.rsplit("#", 1)[-1]
            if name in ("Organisation", "Group", "PublicRolePerson"):
                facts["actors"].add(ident)
            elif name == "LocalCommittee":
                facts["committees"].add(ident)
            elif name == "Membership":
                facts["memberships"] += 1
            elif name == "Partnership":
                facts["partnerships"] += 1
            elif name == "ProjectTerritory":
                facts["projects"].add(ident)
    return facts


@pytest.mark.parametrize("case", sorted(CASES))
def test_corpus_case(case, store_dir):
    files, expected_errors, kept = CASES[case]
    paths = [CORPUS / f for f in files]
    before_version, before = version(store_dir), snapshot(store_dir)

    code, report = import_files(store_dir, *paths)

    errors = {(p["code"], p["file"], p["sheet"], p["row"], p["column"])
              for p in report["problems"] if p["severity"] == "error"}
    assert errors == expected_errors
    for p in report["problems"]:  # every problem is located and worded
        assert p["file"] in files and p["message"]
    assert code == (1 if expected_errors or kept is None else 0)

    after = snapshot(store_dir)
    if kept is None:
        assert version(store_dir) == before_version
        assert after == before
        assert report["written"] == []
        return
    for graph, quads in before.items():  # nothing already in the store is lost or changed
        assert after[graph] == quads
    facts = _import_graph_facts(store_dir, files)
    expected = {"actors": set(), "committees": set(), "memberships": 0, "partnerships": 0, "projects": set()}
    expected.update(kept)
    assert facts == expected


def test_injection_text_is_stored_verbatim_and_changes_nothing_else(store_dir):
    before = snapshot(store_dir)
    code, _ = import_files(store_dir, CORPUS / "injection-sparql-acteurs.csv", CORPUS / "injection-cypher-acteurs.csv")
    assert code == 0
    s = Store.open(store_dir)
    names = {r[0] for r in s.select("SELECT ?n WHERE { ?a dct:identifier ?id ; skos:prefLabel ?n }").rows}
    assert 'Asso" } ; DROP ALL ; INSERT DATA { <a> <b> <c> } #' in names
    assert "Asso') MATCH (n) DETACH DELETE n //" in names
    notes = {r[0] for r in s.select("SELECT ?n WHERE { ?a dct:identifier 'cypher' ; anc:note ?n }").rows}
    assert notes == {"'; CALL db.clearQueryCaches() //"}
    after = snapshot(store_dir)
    assert {g: q for g, q in after.items() if g in before} == before
    # no triple with the injected IRIs <a> <b> <c> was created
    assert not s.ask("ASK { GRAPH ?g { ?s ?p ?o } FILTER(STR(?s) = 'a' || STR(?p) = 'b') }")


def test_bad_rows_messages_name_file_row_column_expected_and_found(store_dir):
    _, report = import_files(store_dir, CORPUS / "code-insee-inconnu-acteurs.csv", lang="en")
    (p,) = [p for p in report["problems"] if p["severity"] == "error"]
    assert p["found"] == "99999"
    assert "commune" in p["expected"] and "SIREN" in p["expected"]
    assert p["message"].startswith("unknown INSEE code")
    _, report = import_files(store_dir, CORPUS / "territoire-mal-ecrit-acteurs.csv")
    (p,) = [p for p in report["problems"] if p["severity"] == "error"]
    assert "vouliez-vous dire" in p["message"] and "Marseille (commune, 13055)" in p["message"]


def test_personal_data_is_never_echoed_in_full(store_dir):
    for name, secret in (("courriel-acteurs.csv", "jean.dupont@exemple.fr"), ("telephone-acteurs.csv", "06 12 34 56 78"),
                         ("nir-acteurs.csv", "2 55 08 14 168 025 38"), ("personne-nommee-acteurs.csv", "Marie DUPONT")):
        _, report = import_files(store_dir, CORPUS / name)
        text = str(report)
        assert secret not in text
        s = Store.open(store_dir)
        assert secret not in s.dump().decode("utf-8")
