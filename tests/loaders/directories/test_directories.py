"""The directory loaders on fixtures in the published layouts (tests/loaders/directories/fixtures/README.md):
what is kept, with which category, territory and identifiers; what is left out and why; what
is quarantined, with file, line, field, expected and found."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import LoadError
from kg.namespaces import SCHEMES
from kg.store import Store
from loaders import datainclusion, directory, finess, sirene

FIX = Path(__file__).parent / "fixtures"
ETAB, UL = FIX / "StockEtablissement_utf8.csv", FIX / "StockUniteLegale_utf8.csv"
FINESS = FIX / "etalab-cs1100507-stock-20261105-0336.csv"
DI_V0, DI_V1 = FIX / "structures-inclusion-20261101.csv", FIX / "structures-inclusion-v1.json"
NORD = ["59"]


def by_key(src_or_outcome):
    return {a.key: a for a in src_or_outcome.actors}


def problems(src):
    return {(p.line, p.field) for p in src.problems}


# -- mappings --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, key", [("datainclusion.csv", "field|code"), ("sirene-categories-juridiques.csv", "code"),
                                       ("sirene-naf.csv", "code"), ("finess.csv", "kind|code")])
def test_every_mapping_row_names_a_known_category_and_world(name, key):
    rows = directory.mapping(name, key)
    assert len(rows) >= 10
    for row in rows.values():
        assert row["category"] in SCHEMES["category"]
        assert not row.get("world") or row["world"] in SCHEMES["world"]
        assert row["label"]
    text = (directory.DATA / name).read_text(encoding="utf-8")
    assert text.startswith("#") and "Nomenclature" in text  # each file cites its nomenclature


def test_sirene_legal_categories_follow_the_insee_nomenclature():
    legal = directory.mapping("sirene-categories-juridiques.csv")
    assert legal["7361"]["category"] == "collectivite-commune"  # CCAS
    assert legal["7367"]["category"] == "collectivite-epci"  # CIAS
    assert "7362" not in legal  # 7362 is the caisse des écoles, not the CIAS
    assert legal["7220"]["category"] == "collectivite-departement"
    assert {legal[c]["category"] for c in ("8110", "8120", "8140")} == {"protection-sociale"}
    assert all(legal[c]["needs_activity"] == "1" for c in legal if c.startswith("92"))
    assert "1000" not in legal  # sole traders are people
    naf = directory.mapping("sirene-naf.csv")
    assert naf["88.99B"]["category"] == "association-caritative"
    assert naf["87.10A"]["category"] == "association-gestionnaire"
    assert "94.99Z" not in naf  # every association of every kind has it: not a social-sector marker


def test_data_inclusion_typology_codes_come_from_the_schema():
    table = directory.mapping("datainclusion.csv", "field|code")
    assert table["typologie|CCAS"]["category"] == "collectivite-commune"
    assert table["typologie|CAF"]["category"] == "protection-sociale"
    assert table["typologie|CD"]["category"] == "collectivite-departement"
    assert table["typologie|EPCI"]["category"] == "collectivite-epci"
    assert table["reseaux_porteurs|ccas-cias"]["category"] == "collectivite-commune"
    assert "typologie|BIB" not in table


def test_a_mapping_with_an_unknown_category_names_file_line_and_value(tmp_path, monkeypatch):
    (tmp_path / "bad.csv").write_text("# Nomenclature: test\ncode,category,label\n1,collectivite-commune,ok\n"
                                      "2,collectivite-comune,typo\n", encoding="utf-8")
    monkeypatch.setattr(directory, "DATA", tmp_path)
    directory.mapping.cache_clear()
    try:
        with pytest.raises(LoadError) as err:
            directory.mapping("bad.csv")
        assert err.value.line == 4 and err.value.field == "category" and err.value.found == "collectivite-comune"
    finally:
        directory.mapping.cache_clear()


def test_finess_codes_rebuild_the_insee_commune_code():
    assert finess.insee_code("59", "350") == "59350"
    assert finess.insee_code("2B", "033") == "2B033"
    assert finess.insee_code("9A", "101") == "97101"
    assert finess.insee_code("9F", "611") == "97611"
    assert finess.insee_code("9J", "613") == "98613"
    assert finess.insee_code("9A", "127") == "97801"  # Saint-Martin, still filed under Guadeloupe
    assert finess.insee_code("59", "35") is None


# -- Sirene ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sirene_nord():
    return sirene.load(ETAB, unites_legales=UL, departements=NORD)


def test_sirene_keeps_the_social_sector_of_the_territory(sirene_nord):
    src = sirene_nord
    assert src.id == "sirene-59" and src.records == 9
    actors = {a.siret: a for a in _actors(src)}
    assert actors["20000000100011"].categories == ("collectivite-commune",)  # CCAS, 7361
    assert actors["20000000100011"].code == "sirene:cj:7361"
    assert actors["20000000200012"].categories == ("collectivite-epci",)  # CIAS, 7367
    assert actors["20000000400014"].categories == ("protection-sociale",)  # CAF head office, 8110
    assert actors["20000000400022"].name == "CAISSE D'ALLOCATIONS FAMILIALES DU NORD — ANTENNE DE TOURCOING"
    assert actors["20000000400022"].commune == "59599"
    ehpad = actors["30000000600016"]  # an association's EHPAD: category from its activity
    assert (ehpad.categories, ehpad.worlds, ehpad.rna) == (("association-gestionnaire",), ("sante",), "W595000001")
    assert actors["22590001800014"].categories == ("collectivite-departement",)
    assert actors["22590001800014"].siren == "225900018"
    assert "21590350100108" not in actors  # the commune's secondary office outside the social sector
    assert actors["21590350100116"].categories == ("collectivite-commune",)  # its crèche
    assert actors["50000002000020"].categories == ("association-gestionnaire",)  # a company running an EHPAD
    assert "20000000300013" not in actors  # caisse des écoles (7362): neither CIAS nor social activity


def test_sirene_privacy_guard_and_left_out_rows(sirene_nord):
    text = "".join(line + "\n" for line in sirene_nord.lines())
    assert "MARTIN" not in text and "SOPHIE" not in text and "40000000800018" not in text  # sole trader (1000)
    assert "30000000900019" not in text and "30000001000010" not in text  # statutDiffusion P
    assert "30000001100011" not in text  # closed
    assert "62041" not in text and "75115" not in text  # outside Nord
    assert "not for publication (statutDiffusion P): 2" in sirene_nord.description
    assert "natural person (categorieJuridique 1000): 1" in sirene_nord.description


def test_sirene_quarantines_bad_rows_with_their_place(sirene_nord):
    assert problems(sirene_nord) == {(14, "(row)"), (15, "siret"), (16, "codeCommuneEtablissement"), (17, "siren")}
    bad_siret = next(p for p in sirene_nord.problems if p.field == "siret")
    assert bad_siret.file == str(ETAB) and bad_siret.found == "3000000140001" and "14 digits" in bad_siret.expected


def test_sirene_graph_in_a_store(sirene_nord, tmp_path):
    store = Store.in_memory([sirene_nord])
    rows = store.select("""PREFIX anc: <https://w3id.org/ancrage/def#>
        SELECT ?siret ?siren ?commune ?status WHERE { GRAPH <https://w3id.org/ancrage/graph/sirene-59> {
          ?a anc:siret ?siret ; anc:siren ?siren ; anc:locatedIn ?commune ; anc:status ?status } }""").rows
    assert len(rows) == 9
    assert all(str(s).endswith("/status/atteste") and str(c).startswith("https://w3id.org/ancrage/id/territory/commune/")
               for _t, _n, c, s in rows)
    version = store.select("""PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?v WHERE { GRAPH ?g { ?g dct:hasVersion ?v } }""").rows
    assert version == [("2026-10-30",)]  # the latest treatment date, the file name having none
    cited = store.select("""PREFIX dct: <http://purl.org/dc/terms/> PREFIX anc: <https://w3id.org/ancrage/def#>
        SELECT DISTINCT ?file WHERE { ?a anc:siret ?s ; dct:source ?sec . ?sec a anc:SourceSection ;
          dct:isPartOf ?doc . ?doc dct:title ?file }""").rows
    assert cited == [("StockEtablissement_utf8.csv",)]  # every actor cites the file, as imports do


def test_sirene_needs_the_legal_unit_file():
    with pytest.raises(LoadError) as err:
        sirene.load(ETAB, departements=NORD)
    assert err.value.field == "--unites-legales"


def test_sirene_refuses_a_file_of_another_layout(tmp_path):
    other = tmp_path / "StockEtablissement.csv"
    other.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(LoadError) as err:
        sirene.load(other, unites_legales=UL, departements=NORD)
    assert err.value.line == 1 and err.value.field == "siren"


def test_sirene_parquet_gives_the_same_actors(sirene_nord, tmp_path):
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    good_rows = [r for r in csv.reader(ETAB.open(encoding="utf-8")) if len(r) > 40]
    clean = tmp_path / "etab.csv"
    with clean.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(good_rows)
    opts = pacsv.ConvertOptions(column_types={c: pa.string() for c in good_rows[0]})
    pq.write_table(pacsv.read_csv(clean, convert_options=opts), tmp_path / "StockEtablissement.parquet")
    opts = pacsv.ConvertOptions(column_types={c: pa.string() for c in next(csv.reader(UL.open(encoding="utf-8")))})
    pq.write_table(pacsv.read_csv(UL, convert_options=opts), tmp_path / "StockUniteLegale.parquet")
    src = sirene.load(tmp_path / "StockEtablissement.parquet", unites_legales=tmp_path / "StockUniteLegale.parquet",
                      departements=NORD)
    assert {a.key for a in _actors(src)} == {a.key for a in _actors(sirene_nord)}


def _actors(src):
    """The actors of a directory source, read back from its N-Triples."""
    import pyoxigraph as ox

    text = b"".join(src.ntriple_chunks())
    found: dict[str, dict] = {}
    for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
        if "/id/actor/" not in t.subject.value:
            continue  # the file as a source document and its section
        d = found.setdefault(t.subject.value, {"categories": [], "worlds": []})
        p, o = t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], t.object.value
        if p == "category":
            d["categories"].append(o.rsplit("/", 1)[1])
        elif p == "world":
            d["worlds"].append(o.rsplit("/", 1)[1])
        elif p == "locatedIn":
            d["commune"] = o.rsplit("/", 1)[1]
        elif p in ("siren", "siret", "rna", "identifier", "prefLabel"):
            d[p] = o
        elif p == "note" and t.object.language == "en":
            d["code"] = o.rsplit(" ", 1)[1]
    return [directory.Actor(d.get("identifier", iri.rsplit("/", 1)[1]), d.get("prefLabel", ""), tuple(d["categories"]),
                            d["commune"], tuple(d["worlds"]), siren=d.get("siren"), siret=d.get("siret"),
                            rna=d.get("rna"), code=d.get("code", "")) for iri, d in found.items()]


# -- FINESS ----------------------------------------------------------------------------------

def test_finess_keeps_social_and_medico_social_establishments_of_the_territory():
    src = finess.load(FINESS, departements=NORD)
    assert (src.id, src.version, src.records) == ("finess-59", "2026-11-05", 4)
    actors = {a.key: a for a in finess_actors(src)}
    assert actors["590000011"].categories == ("association-gestionnaire",)  # EHPAD, aggregate 4401
    assert actors["590000011"].name == "EHPAD LES GLYCINES - LILLE"
    assert actors["590000045"].categories == ("collectivite-departement",)  # PMI, a département service
    assert actors["590000060"].code == "finess:categetab:183"  # IME, by its category
    assert actors["590000086"].worlds == ("logement",)
    assert actors["590000086"].name == "CENTRE D'HÉBERGEMENT ET DE RÉINSERTION SOCIALE L'ESCALE"  # Latin-1 read
    assert "590000029" not in actors and "590000102" not in actors  # hospital, pharmacy
    assert problems(src) == {(11, "commune"), (12, "nofinesset"), (13, "rslongue"), (14, "(structureet)"), (15, "siret")}
    text = "".join(src.lines())
    assert "0320000000" not in text  # phone numbers are not kept
    assert '"590000003"' in text  # the legal entity's FINESS number is
    assert '"30000000600017"' in text and '"300000006"' in text  # SIRET and SIREN


def finess_actors(src):
    return _actors(src)


def test_finess_overseas_codes():
    src = finess.load(FINESS, departements=["971", "977"])
    communes = {a.key: a.commune for a in finess_actors(src)}
    assert communes == {"970100012": "97101", "970102018": "97701"}


def test_finess_refuses_a_file_without_its_first_line(tmp_path):
    bad = tmp_path / "finess.csv"
    bad.write_text("structureet;590000011;590000003;EHPAD\n", encoding="latin-1")
    with pytest.raises(LoadError) as err:
        finess.load(bad, departements=NORD)
    assert err.value.line == 1 and "finess;etalab" in err.value.expected


# -- data·inclusion ----------------------------------------------------------------------------

def test_data_inclusion_schema_0_typology():
    src = datainclusion.load(DI_V0, departements=NORD)
    assert (src.id, src.version, src.records) == ("datainclusion-59", "2026-11-01", 4)
    actors = {a.key: a for a in _actors(src)}
    assert actors["data-inclusion:dora:a1"].categories == ("collectivite-commune",)
    assert actors["data-inclusion:dora:a1"].siret == "20000000200012" and actors["data-inclusion:dora:a1"].siren == "200000002"
    assert actors["data-inclusion:dora:a2"].categories == ("protection-sociale",)
    assert actors["data-inclusion:dora:a3"].worlds == ("emploi-insertion",)
    assert actors["data-inclusion:dora:a4"].rna == "W595000002"
    assert problems(src) == {(9, "code_insee"), (10, "siret"), (11, "nom"), (12, "id")}
    text = "".join(src.lines())
    assert "+33320000000" not in text and "accueil@caf.example" not in text


def test_data_inclusion_schema_1_networks():
    src = datainclusion.load(DI_V1, departements=NORD)
    actors = {a.key: a for a in _actors(src)}
    assert actors["data-inclusion:soliguide:s1"].categories == ("collectivite-departement",)
    assert actors["data-inclusion:soliguide:s2"].categories == ("association-caritative",)
    assert "data-inclusion:soliguide:s3" not in actors  # French Tech: outside the mapping
    assert src.version == "2026-10-22"


def test_an_unknown_departement_is_refused():
    with pytest.raises(LoadError) as err:
        datainclusion.load(DI_V0, departements=["99"])
    assert err.value.field == "--departement" and err.value.found == "99"


# -- the command ---------------------------------------------------------------------------------

def test_import_directory_writes_one_graph_and_reports_the_quarantine(tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    result = runner.invoke(app, ["import-directory", "finess", str(FINESS), "--departement", "59", "--store", str(store),
                                 "--json"])
    assert result.exit_code == 1, result.output  # rows quarantined, the good ones loaded
    report = json.loads(result.stdout)
    assert report["graph"] == "finess-59" and report["actors"] == 4 and report["written"]
    assert {(q["line"], q["field"]) for q in report["quarantined"]} == {(11, "commune"), (12, "nofinesset"),
                                                                      (13, "rslongue"), (14, "(structureet)"),
                                                                      (15, "siret")}
    result = runner.invoke(app, ["import-directory", "sirene", str(ETAB), "--unites-legales", str(UL), "-d", "59",
                                 "--store", str(store)])
    assert result.exit_code == 1, result.output
    graphs = set(Store.open(store).named_graphs())
    assert {"https://w3id.org/ancrage/graph/finess-59", "https://w3id.org/ancrage/graph/sirene-59"} <= {str(g) for g in graphs}


def test_import_directory_refuses_an_unknown_kind_and_sirene_without_legal_units(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["import-directory", "rna", str(FINESS), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "datainclusion, sirene, finess" in result.output
    result = runner.invoke(app, ["import-directory", "sirene", str(ETAB), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "StockUniteLegale" in result.output
    assert not (tmp_path / "s").exists()
