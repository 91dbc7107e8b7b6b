"""Importing the founders' spreadsheets: the worked example, tolerance, re-import, reports, round trips."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.namespaces import entity, graph_iri
from kg.store import Store
from loaders import tabular

from .conftest import TEMPLATES, import_files, run_cli, snapshot, version

EXAMPLE_XLSX = TEMPLATES / "exemple" / "exemple-hautes-pyrenees.xlsx"
EXAMPLE_CSV = sorted((TEMPLATES / "exemple" / "csv").glob("*.csv"))
T = "https://w3id.org/ancrage/id/territory/"


# -- the worked example -------------------------------------------------------------------------

def test_validate_on_the_worked_example_exits_0():
    result = run_cli("validate", EXAMPLE_XLSX)
    assert result.exit_code == 0, result.output
    result = run_cli("validate", *EXAMPLE_CSV, "--lang", "en")
    assert result.exit_code == 0, result.output


def test_worked_example_gives_a_committee_with_members_on_their_territories(store_dir):
    code, report = import_files(store_dir, EXAMPLE_XLSX)
    assert code == 0 and report["problems"] == []
    assert report["written"] == ["import-exemple-hautes-pyrenees"]
    s = Store.open(store_dir)
    committee = str(entity("committee", "cltsds-65"))
    assert s.select(f"SELECT ?t WHERE {{ <{committee}> anc:territory ?t }}").rows == [(T + "departement/65",)]
    members = dict(s.select(f"""SELECT ?id ?where WHERE {{
        ?m a anc:Membership ; org:organization <{committee}> ; org:member ?a .
        ?a dct:identifier ?id . OPTIONAL {{ ?a anc:locatedIn ?where }} }}""").rows)
    assert len(members) == 13
    assert members["ccas-tarbes"] == T + "commune/65440"
    assert members["ca-tlp"] == T + "intercommunalite/200069300"
    assert members["irts-exemple"] == T + "region/76"
    assert members["uppa"] == T + "commune/64445"
    assert members["ts-haute-bigorre"] == str(entity("territory/territoire-projet", "bv-haute-bigorre"))
    # the territories are the COG's: Tarbes is in its EPCI, its département, its région
    chain = {r[0] for r in s.select(f"SELECT ?p WHERE {{ <{T}commune/65440> geo:sfWithin+ ?p }}").rows}
    assert {T + "intercommunalite/200069300", T + "departement/65", T + "region/76"} <= chain
    lead = s.select(f"""SELECT ?id WHERE {{ ?m org:organization <{committee}> ; org:member ?a ;
                         org:role <https://w3id.org/ancrage/concept/role/porteur> . ?a dct:identifier ?id }}""").rows
    assert lead == [("cd65",)]
    # the project territory is made of its parts and sits in the département they share
    bigorre = str(entity("territory/territoire-projet", "bv-haute-bigorre"))
    assert s.select(f"SELECT ?p WHERE {{ <{bigorre}> anc:madeOf ?p }}").rows == [(T + "intercommunalite/246500482",)]
    assert s.select(f"SELECT ?p WHERE {{ <{bigorre}> geo:sfWithin ?p }}").rows == [(T + "departement/65",)]
    # the group of people receiving support is a group
    group = str(entity("actor", "groupe-ressource-65"))
    assert s.ask(f"ASK {{ <{group}> a anc:Group }}")
    # dates and roles as the sheet gave them
    rows = s.select(f"""SELECT ?start ?end WHERE {{ ?m org:member <{entity('actor', 'udaf65')}> ;
                         schema:startDate ?start ; schema:endDate ?end }}""").rows
    assert [(str(a), str(b)) for a, b in rows] == [("2019-03-14", "2021-12-31")]


def test_every_imported_fact_cites_its_sheet(store_dir):
    import_files(store_dir, EXAMPLE_XLSX)
    s = Store.open(store_dir)
    g = graph_iri("import-exemple-hautes-pyrenees")
    uncited = s.select("""SELECT ?x WHERE { ?x a ?c FILTER(?c NOT IN (anc:SourceDocument, anc:SourceSection, anc:Dataset,
                          prov:Entity)) FILTER NOT EXISTS { ?x dct:source ?sec . ?sec a anc:SourceSection ;
                          dct:isPartOf ?doc . ?doc a anc:SourceDocument } }""", graph=g).rows
    assert uncited == []
    meta = s.select("SELECT ?n ?r WHERE { ?d anc:sourceId 'import-exemple-hautes-pyrenees' ; anc:recordCount ?n ; "
                    "anc:rejectedCount ?r }", graph=g).rows
    assert meta == [(33, 0)]


def test_uploaded_bytes_read_like_files():
    from_file = tabular.check_files([EXAMPLE_XLSX])
    uploaded = tabular.check_files([(EXAMPLE_XLSX.name, EXAMPLE_XLSX.read_bytes())])
    assert uploaded.records == from_file.records and uploaded.problems == []
    csv_path = EXAMPLE_CSV[0]
    assert tabular.check_files([(csv_path.name, csv_path.read_bytes())]).records == tabular.check_files(
        [csv_path]).records
    source, _ = tabular.load((EXAMPLE_XLSX.name, EXAMPLE_XLSX.read_bytes()))
    assert source.id == "import-exemple-hautes-pyrenees" and source.records == 33


def test_csv_and_xlsx_versions_of_the_example_say_the_same(store_dir, tmp_path):
    import shutil

    # two copies of the same store: a triple stated by two imports is kept by the first only
    other = tmp_path / "other"
    shutil.copytree(store_dir, other, symlinks=True)
    _, rep_x = import_files(store_dir, EXAMPLE_XLSX)
    s = Store.open(store_dir)
    xlsx_facts = _facts(s, [graph_iri("import-exemple-hautes-pyrenees")])
    code, _ = import_files(other, *EXAMPLE_CSV)
    assert code == 0
    s2 = Store.open(other)
    csv_facts = _facts(s2, [graph_iri(tabular.import_source_id(p.name)) for p in EXAMPLE_CSV])
    assert xlsx_facts == csv_facts and len(xlsx_facts) > 150


def _facts(store, graphs) -> set:
    """Triples about the data, leaving out provenance (which names the file and sheet)."""
    out = set()
    for g in graphs:
        for s_, p, o in (tuple(r) for r in store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", graph=g).rows):
            if p.startswith(("http://purl.org/dc/terms/source", "http://www.w3.org/ns/prov#")) or "/id/section/" in s_ \
                    or "/id/document/" in s_ or "/graph/" in s_:
                continue
            out.add((s_, p, str(o)))
    return out


# -- what offices really produce -------------------------------------------------------------

ROWS = [["id", "nom", "categorie", "territoire", "note"],
        ["cd21", "Conseil départemental de la Côte-d'Or", "Département", "Côte-d'Or", "« Solidarités » ; accès aux droits"],
        ["ccas-hay", "CCAS de L'Haÿ-les-Roses", "Commune / CCAS", "L'Haÿ-les-Roses", ""],
        ["cd974", "Département de La Réunion", "collectivite-departement", "974", "Océan Indien, œuvres"]]


def _csv_bytes(encoding: str, sep: str, bom: bool = False) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(ROWS)
    text = buf.getvalue()
    if encoding == "windows-1252":
        text = text.replace("œ", "oe")  # cp1252 has œ, but keep the check on accents simple
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


@pytest.mark.parametrize("encoding,sep,bom", [("utf-8", ";", False), ("utf-8", ";", True), ("utf-8", ",", False),
                                               ("windows-1252", ";", False), ("windows-1252", "\t", False),
                                               ("utf-16", ";", False), ("utf-8", "|", True)])
def test_encodings_and_separators(tmp_path, encoding, sep, bom):
    path = tmp_path / "acteurs.csv"
    path.write_bytes(_csv_bytes(encoding, sep, bom))
    report = tabular.check_files([path])
    assert report.problems == []
    names = [r.name for r in report.records]
    assert names == ["Conseil départemental de la Côte-d'Or", "CCAS de L'Haÿ-les-Roses", "Département de La Réunion"]
    assert [r.territory.iri for r in report.records] == [T + "departement/21", T + "commune/94038",
                                                          T + "departement/974"]


def test_excel_sep_line_is_honoured(tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text("sep=,\nid,nom,categorie\ncaf59,CAF du Nord; Lille,CAF\n", encoding="utf-8")
    report = tabular.check_files([path])
    assert report.problems == [] and report.records[0].name == "CAF du Nord; Lille"


def test_english_headers_labels_and_messages(tmp_path):
    path = tmp_path / "north-actors.csv"
    path.write_text("id,name,category,territory,territory_level,scale\n"
                    "food-bank,Food bank of Lille,Charities,Lille,municipality,synergy\n"
                    "x,Somewhere,Charities,Lile,,\n", encoding="utf-8")
    report = tabular.check_files([path], lang="en")
    (rec,) = report.records
    assert rec.categories == ("association-caritative",) and rec.scales == ("mise-en-synergie",)
    assert rec.territory.iri == T + "commune/59350"
    (problem,) = report.errors
    assert problem.render("en").startswith("north-actors.csv, sheet 'acteurs', row 3, column 'territory': "
                                           "unknown territory — did you mean: Lille (municipality, 59350)")


def test_dates_iso_french_and_excel_cells(tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "comites"
    ws.append(["id", "nom", "territoire", "date_creation"])
    ws.append(["c1", "Comité 1", "59", dt.datetime(2018, 9, 21)])
    ws.append(["c2", "Comité 2", "59", "21/09/2018"])
    ws.append(["c3", "Comité 3", "59", "2018-09-21"])
    ws.append(["c4", "Comité 4", "59", "21.09.2018"])
    path = tmp_path / "comites.xlsx"
    wb.save(path)
    report = tabular.check_files([path])
    assert report.problems == []
    assert {r.created for r in report.records} == {dt.date(2018, 9, 21)}


def test_warnings_keep_the_row(tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text("id;nom;categorie;territoire;colonne_perso\n"
                    "a1;Association A;federation;1053;x\n"
                    "a2;Association B;federation;Bellegarde-sur-Valserine;\n"
                    "a3;Association C;federation;Mayenne;\n", encoding="utf-8")
    report = tabular.check_files([path])
    assert report.ok and len(report.records) == 3
    assert [(p.code, p.row, p.column) for p in report.warnings] == [
        ("unknown-column", 1, "colonne_perso"), ("zero-padded", 2, "territoire"), ("former-commune", 3, "territoire"),
        ("other-levels", 4, "territoire")]
    assert [r.territory.code for r in report.records] == ["01053", "01033", "53"]


# -- the store: re-import, other graphs, references to what it holds ----------------------------

def test_reimport_replaces_only_its_graph(store_dir, tmp_path):
    path = tmp_path / "nord-acteurs.csv"
    path.write_text("id;nom;categorie;territoire\ncaf59;CAF du Nord;CAF;59\n", encoding="utf-8")
    assert import_files(store_dir, path)[0] == 0
    other = tmp_path / "sud-acteurs.csv"
    other.write_text("id;nom;categorie;territoire\ncaf65;CAF des Hautes-Pyrénées;CAF;65\n", encoding="utf-8")
    assert import_files(store_dir, other)[0] == 0
    before = snapshot(store_dir)
    path.write_text("id;nom;categorie;territoire\ncaf59;Caisse d'allocations familiales du Nord;CAF;59\n",
                    encoding="utf-8")
    assert import_files(store_dir, path)[0] == 0
    after = snapshot(store_dir)
    changed = {g for g in set(before) | set(after) if before.get(g) != after.get(g)}
    assert changed == {f"<{graph_iri('import-nord-acteurs')}>"}
    s = Store.open(store_dir)
    labels = s.select(f"SELECT ?l WHERE {{ <{entity('actor', 'caf59')}> skos:prefLabel ?l }}").rows
    assert labels == [("Caisse d'allocations familiales du Nord",)]


def test_rows_may_refer_to_what_the_store_holds(store_dir, tmp_path):
    path = tmp_path / "suite-adhesions.csv"
    path.write_text("membre;comite;role\nhcts;clts-existant;membre\ninconnu;clts-existant;membre\n", encoding="utf-8")
    code, report = import_files(store_dir, path)
    assert code == 1
    assert [(p["code"], p["row"], p["column"]) for p in report["problems"]] == [("dangling-ref", 3, "membre")]
    s = Store.open(store_dir)
    assert s.ask(f"ASK {{ ?m org:member <{entity('actor', 'hcts')}> ; "
                 f"org:organization <{entity('committee', 'clts-existant')}> }}")
    # without the store, nothing the file refers to is known
    assert [(p.row, p.column) for p in tabular.check_files([path]).errors] == [
        (2, "membre"), (2, "comite"), (3, "membre"), (3, "comite")]


def test_reused_id_with_another_name_is_refused_unless_an_update(store_dir, tmp_path):
    """An existing id keeps its identity: "hcts" under another name is refused, naming the actor."""
    path = tmp_path / "x-acteurs.csv"
    path.write_text("id;nom;categorie\nhcts;Haut comité du tourisme;federation\n", encoding="utf-8")
    before = version(store_dir)
    code, report = import_files(store_dir, path)
    assert code == 1 and version(store_dir) == before and report["written"] == []
    (p,) = report["problems"]
    assert (p["code"], p["severity"], p["row"], p["column"], p["found"]) == ("id-in-store", "error", 2, "id", "hcts")
    assert "Haut Conseil du travail social" in p["message"] and "mise_a_jour" in p["expected"]
    assert report["files"][0]["refused"] == 1 and report["files"][0]["kept"] == 0
    # the same name and kind is the same actor: kept, with a warning
    path.write_text("id;nom;categorie\nhcts;Haut Conseil du travail social;instances nationales\n", encoding="utf-8")
    code, report = import_files(store_dir, path)
    assert code == 0 and [p["code"] for p in report["problems"]] == ["id-same-in-store"]
    # an explicit update is accepted
    path.write_text("id;nom;categorie;mise_a_jour\nhcts;Haut comité du tourisme;federation;oui\n", encoding="utf-8")
    code, report = import_files(store_dir, path)
    assert code == 0 and [(p["code"], p["severity"]) for p in report["problems"]] == [
        ("source-replaced", "warning"), ("id-updated", "warning")]  # the same file name replaces its import


def test_reused_committee_id_and_kind_change_are_refused(store_dir, tmp_path):
    committees = tmp_path / "c-comites.csv"
    committees.write_text("id;nom;territoire\nclts-existant;Autre comité;65\n", encoding="utf-8")
    code, report = import_files(store_dir, committees)
    assert code == 1 and [(p["code"], p["row"]) for p in report["problems"]] == [("id-in-store", 2)]
    # the same name but another kind (a group where an organisation is) changes its identity too
    actors = tmp_path / "k-acteurs.csv"
    actors.write_text("id;nom;categorie;type\nhcts;Haut Conseil du travail social;instances nationales;groupe\n",
                      encoding="utf-8")
    code, report = import_files(store_dir, actors)
    assert code == 1 and [p["code"] for p in report["problems"]] == ["id-in-store"]
    assert "organisation" in report["problems"][0]["message"]


def test_nothing_written_when_no_row_is_good(store_dir, tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text("id;nom;categorie\n;Sans id;federation\n", encoding="utf-8")
    before = version(store_dir)
    result = run_cli("import", path, "--store", store_dir)
    assert result.exit_code == 1
    assert "rien n'a été écrit" in result.output
    assert version(store_dir) == before


def test_dry_run_and_report_files(store_dir, tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text("id;nom;categorie;territoire\ncaf59;CAF du Nord;CAF;59\nx;Y;federation;99999\n", encoding="utf-8")
    before = version(store_dir)
    report_csv = tmp_path / "problemes.csv"
    result = run_cli("import", path, "--store", store_dir, "--dry-run", "--report", report_csv)
    assert result.exit_code == 1 and version(store_dir) == before
    rows = list(csv.reader(io.StringIO(report_csv.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0] == ["gravité", "code", "fichier", "feuille", "ligne", "colonne", "problème", "attendu", "trouvé"]
    assert rows[1][:6] == ["error", "unknown-insee-code", "acteurs.csv", "acteurs", "3", "territoire"]
    assert rows[1][8] == "99999"
    report_json = tmp_path / "problems.json"
    result = run_cli("import", path, "--store", store_dir, "--report", report_json, "--lang", "en")
    assert result.exit_code == 1 and version(store_dir) != before
    data = json.loads(report_json.read_text(encoding="utf-8"))
    assert data["files"][0]["kept"] == 1 and data["files"][0]["refused"] == 1
    assert data["problems"][0]["message"] == "unknown INSEE code"


def test_load_raises_a_located_error_when_nothing_is_kept(tmp_path):
    from kg.errors import LoadError

    path = tmp_path / "acteurs.csv"
    path.write_text("id;nom\na;b\n", encoding="utf-8")
    with pytest.raises(LoadError) as err:
        tabular.load(path)
    assert err.value.file == "acteurs.csv" and err.value.field == "categorie"


# -- names with apostrophes, accents, hyphens through every path --------------------------------

def test_names_survive_import_store_query_and_export(full_store_dir, tmp_path):
    path = tmp_path / "noms-acteurs.csv"
    path.write_bytes(_csv_bytes("windows-1252", ";"))
    code, _ = import_files(full_store_dir, path)
    assert code == 0
    s = Store.open(full_store_dir)
    from kg.ntriples import nt_literal

    for name, territory in (("Conseil départemental de la Côte-d'Or", "Côte-d'Or"),
                            ("CCAS de L'Haÿ-les-Roses", "L'Haÿ-les-Roses"),
                            ("Département de La Réunion", "La Réunion")):
        rows = s.select(f"""SELECT ?tname WHERE {{ ?a skos:prefLabel {nt_literal(name, lang='fr')} ;
                            anc:locatedIn ?t . ?t skos:prefLabel ?tname }}""").rows
        assert rows == [(territory,)], name
    g = graph_iri("import-noms-acteurs")
    original = s.rdflib_graph(graph=g)
    for fmt, rdflib_fmt in (("TURTLE", "turtle"), ("N_TRIPLES", "nt"), ("RDF_XML", "xml")):
        import pyoxigraph as ox

        data = s.dump(getattr(ox.RdfFormat, fmt), graph=g)
        back = rdflib.Graph().parse(data=data.decode("utf-8"), format=rdflib_fmt)
        assert isomorphic(original, back), fmt
        labels = {str(o) for o in back.objects(None, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
        assert {"Conseil départemental de la Côte-d'Or", "CCAS de L'Haÿ-les-Roses", "Département de La Réunion"} <= labels
    notes = {str(o) for o in original.objects(None, rdflib.URIRef("https://w3id.org/ancrage/def#note"))}
    assert "« Solidarités » ; accès aux droits" in notes


def test_progress_is_reported_row_by_row(tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text("id;nom;categorie\n" + "".join(f"a{i};Association {i};federation\n" for i in range(1200)),
                    encoding="utf-8")
    calls = []
    report = tabular.check_files([path], progress=lambda done, total: calls.append((done, total)))
    assert len(report.records) == 1200
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_shipped_templates_match_the_template_spec():
    from openpyxl import load_workbook

    from loaders import tabular_template as tt
    from loaders.tabular_vocab import SHEETS

    for sheet in SHEETS:
        shipped = (TEMPLATES / f"{sheet.key}.csv").read_bytes()
        assert shipped == tt.csv_text(sheet.key).encode("utf-8-sig"), sheet.key
        example = (TEMPLATES / "exemple" / "csv" / f"{tt.EXAMPLE_PREFIX}{sheet.key}.csv").read_bytes()
        assert example == tt.csv_text(sheet.key, tt.EXAMPLE[sheet.key]).encode("utf-8-sig"), sheet.key
    wb = load_workbook(TEMPLATES / tt.XLSX_NAME, read_only=True)
    assert wb.sheetnames == ["lisez-moi", *(s.key for s in SHEETS), "listes"]
    for sheet in SHEETS:
        header = next(wb[sheet.key].iter_rows(max_row=1, values_only=True))
        assert list(header) == [c.fr for c in sheet.columns]
    assert tabular.check_files([TEMPLATES / tt.XLSX_NAME]).records == []


# -- web sites that are not IRIs ---------------------------------------------------------------

def test_a_web_site_that_is_not_an_iri_is_refused_and_the_other_rows_written(store_dir, tmp_path):
    """A percent sign without two hex digits or a port that is not a number is no IRI: reported on
    its row (``bad-url``), never written into a line the store cannot read."""
    path = tmp_path / "sites-acteurs.csv"
    path.write_text("id;nom;categorie;territoire;site_web\n"
                    "bon;Association A;federation;59;https://exemple.org/a%20b\n"
                    "pourcent;Association B;federation;59;https://exemple.org/100%zz\n"
                    "port;Association C;federation;59;https://exemple.org:quatre/\n", encoding="utf-8")
    code, report = import_files(store_dir, path)
    assert code == 1
    assert sorted((p["code"], p["row"], p["column"]) for p in report["problems"]) == \
        [("bad-url", 3, "site_web"), ("bad-url", 4, "site_web")]
    rows = Store.open(store_dir).select("SELECT ?a ?u WHERE { ?a schema:url ?u }").rows
    assert [(a.rsplit("/", 1)[-1], u) for a, u in rows if "/actor/" in a and u.startswith("https://exemple")] \
        == [("bon", "https://exemple.org/a%20b")]
