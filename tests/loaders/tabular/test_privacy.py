"""kg.privacy: personal data in free text, named individuals where a group belongs."""

from __future__ import annotations

import pytest

from kg.privacy import check_group_name, nir_key_ok, scan_text


def _nir(body: str) -> str:
    """A NIR with the right key, so tests do not hard-code one."""
    n = int(body.replace("2A", "19").replace("2B", "18"))
    return f"{body}{97 - n % 97:02d}"


@pytest.mark.parametrize("text,kind", [
    ("écrire à jean.dupont@exemple.fr", "email"),
    ("Contact: Marie.Martin+comite@mairie-lille.fr.", "email"),
    ("jean (at) exemple (dot) fr", "email"),
    ("Tél. 06 12 34 56 78", "phone"),
    ("tel:0612345678", "phone"),
    ("+33 6 12 34 56 78", "phone"),
    ("+33 (0)1 23 45 67 89", "phone"),
    ("0033 1.23.45.67.89", "phone"),
    ("01-23-45-67-89", "phone"),
])
def test_scan_text_finds_personal_data(text, kind):
    found = scan_text(text)
    assert [f.kind for f in found] == [kind]
    f = found[0]
    assert text[f.start:f.end] not in f.masked or len(text[f.start:f.end]) <= 3
    assert f.reason("fr") and f.reason("en") and f.reason("fr") != f.reason("en")


@pytest.mark.parametrize("body", ["2550814168025", "1841275123456", "184122A123456", "269052B012345",
                                  "1990399123456"])
def test_nir_with_valid_key_found_invalid_key_ignored(body):
    nir = _nir(body)
    assert nir_key_ok(nir)
    assert [f.kind for f in scan_text(f"NIR : {nir}")] == ["nir"]
    spaced = f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
    assert [f.kind for f in scan_text(spaced)] == ["nir"]
    wrong = nir[:13] + f"{(int(nir[13:]) % 97) + 1:02d}"
    assert not nir_key_ok(wrong)
    assert [f.kind for f in scan_text(wrong)] == []


@pytest.mark.parametrize("text", [
    "SIREN 200054781", "SIRET 21590350100017", "commune 75056, département 2A, région 84",
    "installé le 21/09/2018", "2018-09-21", "58 membres, 42 % en premier choix", "https://www.caf.fr/allocataires",
    "Comité local du travail social", "année 2019-2020", "CS 10001 - 59000 Lille", "",
])
def test_scan_text_leaves_ordinary_text_alone(text):
    assert scan_text(text) == []


@pytest.mark.parametrize("name", ["Marie DUPONT", "DUPONT Marie", "M. Dupont", "Mme Martin", "Madame Leila Benali",
                                  "Jean-Pierre Martin", "Dr Lefèvre", "Sophie Durand", "Jean-Pierre DE LA FONTAINE"])
def test_named_individuals_refused(name):
    finding = check_group_name(name)
    assert finding is not None and finding.kind == "named-person"
    assert name not in finding.masked


@pytest.mark.parametrize("name", ["Groupe ressource RSA de Loire-Atlantique", "Personnes accompagnées du CCAS de Lille",
                                  "Usagers des centres sociaux", "Collectif des habitants du quartier Nord",
                                  "Conseil de la vie sociale", "CRPA Hauts-de-France", "Les Ateliers du Sud",
                                  "Parents du Val d'Arros", "Jeunes de la Mission locale", "Allocataires du RSA",
                                  "Travailleurs pairs"])
def test_group_names_accepted(name):
    assert check_group_name(name) is None
