"""Issue 14: one identity per institution on import (official id, then name on a nested territory
in the same family), confirmed with ``meme_que``; sub-organisations with ``rattachement``."""

from __future__ import annotations

from kg.namespaces import ANC, entity
from kg.store import Store

from .conftest import import_files

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
ORG_SUB = "http://www.w3.org/ns/org#subOrganizationOf"

KNOWN = ("id;nom;categorie;territoire;sigle;siret\n"
         "cd65;Département des Hautes-Pyrénées;Département (collectivité);65;;22650001100011\n"
         "irts-occ;Institut régional du travail social Occitanie;formation;Occitanie;IRTS;\n"
         "caf65;Caisse d'allocations familiales des Hautes-Pyrénées;CAF;65;CAF;\n")


def _known(store_dir, tmp_path):
    path = tmp_path / "connus-acteurs.csv"
    path.write_text(KNOWN, encoding="utf-8")
    code, report = import_files(store_dir, path)
    assert code == 0, report["problems"]


def _looks_known(report):
    return [p for p in report["problems"] if p["code"] == "looks-known"]


def test_same_name_on_a_nested_territory_is_reported_with_the_known_id(store_dir, tmp_path):
    _known(store_dir, tmp_path)
    path = tmp_path / "fondateur-acteurs.csv"
    path.write_text("id;nom;categorie;territoire\n"
                    "irts;Institut regional du travail social OCCITANIE;formation;65\n"  # inside Occitanie
                    "caf-tarbes;CAF;protection-sociale;65\n"  # the acronym, on the same territory
                    "irts-autre;Institut régional du travail social Occitanie;Élus;65\n"  # another family
                    "udaf65;UDAF des Hautes-Pyrénées;federation;65\n", encoding="utf-8")
    code, report = import_files(store_dir, path)
    found = {p["found"]: p for p in _looks_known(report)}
    assert set(found) == {"irts", "caf-tarbes"}
    assert found["irts"]["severity"] == "warning" and found["irts"]["row"] == 2
    assert "irts-occ" in found["irts"]["message"] and "Institut régional du travail social Occitanie" in \
        found["irts"]["message"]
    assert "meme_que" in found["irts"]["expected"]
    assert "caf65" in found["caf-tarbes"]["message"]
    assert code == 0  # a warning: the rows are kept


def test_same_official_identifier_first(store_dir, tmp_path):
    _known(store_dir, tmp_path)
    path = tmp_path / "sirets-acteurs.csv"
    path.write_text("id;nom;categorie;territoire;siret\n"
                    "conseil;Conseil départemental 65;collectivite-departement;Tarbes;226 500 011\n", encoding="utf-8")
    code, report = import_files(store_dir, path, lang="en")
    (p,) = _looks_known(report)
    assert "cd65" in p["message"] and "same official identifier" in p["message"] and "siren:226500011" in p["message"]


def test_same_as_confirms_and_part_of_names_the_parent(store_dir, tmp_path):
    _known(store_dir, tmp_path)
    path = tmp_path / "confirme-acteurs.csv"
    path.write_text("id;nom;categorie;territoire;meme_que;rattachement\n"
                    "ase65;Département des Hautes-Pyrénées — aide sociale à l'enfance;Département (collectivité);65;;"
                    "cd65-bis\n"
                    "cd65-bis;Département des Hautes-Pyrénées;Département (collectivité);65;cd65;\n", encoding="utf-8")
    code, report = import_files(store_dir, path)
    assert code == 0 and not _looks_known(report), report["problems"]
    s = Store.open(store_dir)
    a = lambda k: str(entity("actor", k))  # noqa: E731
    assert s.ask(f"ASK {{ <{a('cd65-bis')}> <{OWL_SAME_AS}> <{a('cd65')}> }}")
    assert s.ask(f"ASK {{ <{a('ase65')}> <{ORG_SUB}> <{a('cd65-bis')}> }}")


def test_a_dangling_parent_refuses_the_row_and_a_bad_siret_is_an_error(store_dir, tmp_path):
    path = tmp_path / "erreurs-acteurs.csv"
    path.write_text("id;nom;categorie;territoire;rattachement;siret\n"
                    "pmi65;Service de PMI;collectivite-departement;65;inconnu;\n"
                    "udaf;UDAF des Hautes-Pyrénées;federation;65;;12345\n"
                    "ok;Secours populaire des Hautes-Pyrénées;association-caritative;65;;\n", encoding="utf-8")
    code, report = import_files(store_dir, path)
    codes = {(p["code"], p["row"], p["column"]) for p in report["problems"]}
    assert ("dangling-ref", 2, "rattachement") in codes
    assert ("bad-official-id", 3, "siret") in codes
    assert report["files"][0]["kept"] == 1 and report["files"][0]["refused"] == 2
    s = Store.open(store_dir)
    assert s.ask(f"ASK {{ <{entity('actor', 'ok')}> a <{ANC.Organisation}> }}")
    assert not s.ask(f"ASK {{ <{entity('actor', 'pmi65')}> ?p ?o }}")


def test_a_row_part_of_itself_is_refused(store_dir, tmp_path):
    path = tmp_path / "boucle-acteurs.csv"
    path.write_text("id;nom;categorie;territoire;rattachement\n"
                    "cd;Département des Hautes-Pyrénées;collectivite-departement;65;cd\n", encoding="utf-8")
    code, report = import_files(store_dir, path, lang="en")
    (p,) = [p for p in report["problems"] if p["code"] == "self-ref"]
    assert p["row"] == 2 and p["column"] == "rattachement" and "points to itself" in p["message"]
    assert code == 1
