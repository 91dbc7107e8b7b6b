"""The personal-data corpus (``corpus/pd-*``, written by ``corpus/make_corpus.py``).

Each file holds one row that must never reach the graph: personal data in any free-text
column (written with other separators, full-width, zero-width characters, spelled out), a group
of people receiving support named as an individual, a person outside a public role, a name
that hides what it is. Each is imported with ``ancrage import`` into a real store and must be
refused with its row, column and reason, without repeating the data, and nothing written.
"""

from __future__ import annotations

import re

import pytest

from .conftest import CORPUS, import_files, snapshot, version

PHONE, NIR, IBAN, EMAIL = "téléphone", "sécurité sociale", "IBAN", "adresse électronique"
BIRTH, ADDRESS, PERSON = "date de naissance", "adresse postale", "nom d'une personne privée"
GROUP, PUBLIC, PRIVATE = "n'apparaissent que comme groupes", "rôle public", "personne privée"
BIDI, INVISIBLE = "direction d'écriture", "caractères invisibles"

# file: (code, column, words of the French message)
PRIVACY_CASES: dict[str, tuple[str, str, str]] = {
    "pd-tel-barres-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-points-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-tirets-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-plus33-points-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-0033-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-pleine-chasse-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-chasse-nulle-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-en-lettres-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-chiffre-a-chiffre-acteurs.csv": ("personal-data", "note", PHONE),
    "pd-tel-dans-le-nom-comites.csv": ("personal-data", "nom", PHONE),
    "pd-nir-tirets-acteurs.csv": ("personal-data", "note", NIR),
    "pd-nir-points-acteurs.csv": ("personal-data", "note", NIR),
    "pd-nir-corse-acteurs.csv": ("personal-data", "note", NIR),
    "pd-nir-dans-la-source-acteurs.csv": ("personal-data", "source", NIR),
    "pd-iban-espaces-acteurs.csv": ("personal-data", "note", IBAN),
    "pd-iban-colle-acteurs.csv": ("personal-data", "note", IBAN),
    "pd-iban-minuscules-acteurs.csv": ("personal-data", "note", IBAN),
    "pd-iban-etranger-acteurs.csv": ("personal-data", "note", IBAN),
    "pd-courriel-arobase-pleine-chasse-acteurs.csv": ("personal-data", "note", EMAIL),
    "pd-courriel-arobase-petite-acteurs.csv": ("personal-data", "note", EMAIL),
    "pd-courriel-en-mots-acteurs.csv": ("personal-data", "note", EMAIL),
    "pd-courriel-at-dot-acteurs.csv": ("personal-data", "note", EMAIL),
    "pd-courriel-crochets-acteurs.csv": ("personal-data", "note", EMAIL),
    "pd-courriel-chasse-nulle-acteurs.csv": ("personal-data", "note", EMAIL),
    "pd-courriel-dans-le-sigle-acteurs.csv": ("personal-data", "sigle", EMAIL),
    "pd-naissance-nee-le-acteurs.csv": ("personal-data", "note", BIRTH),
    "pd-naissance-en-lettres-acteurs.csv": ("personal-data", "note", BIRTH),
    "pd-naissance-ddn-acteurs.csv": ("personal-data", "note", BIRTH),
    "pd-naissance-date-de-naissance-acteurs.csv": ("personal-data", "note", BIRTH),
    "pd-naissance-et-iban-acteurs.csv": ("personal-data", "note", BIRTH),
    "pd-adresse-rue-acteurs.csv": ("personal-data", "note", ADDRESS),
    "pd-adresse-bis-avenue-acteurs.csv": ("personal-data", "note", ADDRESS),
    "pd-adresse-place-acteurs.csv": ("personal-data", "note", ADDRESS),
    "pd-adresse-allee-acteurs.csv": ("personal-data", "note", ADDRESS),
    "pd-groupe-prenom-nom-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-groupe-majuscules-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-groupe-famille-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-groupe-personne-accompagnee-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-groupe-deux-personnes-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-groupe-monsieur-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-groupe-chasse-nulle-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-groupe-pleine-chasse-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-groupe-travailleurs-acteurs.csv": ("named-person", "nom", GROUP),
    "pd-note-groupe-nom-acteurs.csv": ("personal-data", "note", PERSON),
    "pd-note-groupe-nom-naissance-adresse-acteurs.csv": ("personal-data", "note", BIRTH),
    "pd-note-civilite-acteurs.csv": ("personal-data", "note", PERSON),
    "pd-note-famille-acteurs.csv": ("personal-data", "note", PERSON),
    "pd-personne-caritative-acteurs.csv": ("person-not-public", "type", PUBLIC),
    "pd-personne-federation-acteurs.csv": ("person-not-public", "type", PUBLIC),
    "pd-organisation-nom-de-personne-acteurs.csv": ("private-person", "nom", PRIVATE),
    "pd-nom-chasse-nulle-seule-acteurs.csv": ("invisible-name", "nom", INVISIBLE),
    "pd-nom-inversion-droite-gauche-acteurs.csv": ("bidi-control", "nom", BIDI),
    "pd-note-isolat-bidi-acteurs.csv": ("bidi-control", "note", BIDI),
    "pd-nom-etiquettes-invisibles-acteurs.csv": ("bidi-control", "nom", BIDI),
}

#: Personal data as written in the files: no report may repeat it (an e-mail's domain may show).
_SECRETS = re.compile(r"\d{2}[\s./-]?\d{2}[\s./-]?\d{2}[\s./-]?\d{2}|marie|jean\.|arobase|Benali|Dupont|Martin|Durand|"
                      r"Lilas|Tilleuls|1985|\u202e|\u2066|\U000e0041")


def test_the_privacy_corpus_is_large():
    assert len(PRIVACY_CASES) >= 40
    assert {p.name for p in CORPUS.glob("pd-*")} == set(PRIVACY_CASES)


@pytest.mark.parametrize("name", sorted(PRIVACY_CASES))
def test_personal_data_is_refused_with_row_column_and_reason(name, store_dir):
    code_, column, reason = PRIVACY_CASES[name]
    before_version, before = version(store_dir), snapshot(store_dir)

    code, report = import_files(store_dir, CORPUS / name)

    errors = [p for p in report["problems"] if p["severity"] == "error"]
    sheet = "comites" if name.endswith("-comites.csv") else "acteurs"
    assert [(p["code"], p["file"], p["sheet"], p["row"], p["column"]) for p in errors] == [
        (code_, name, sheet, 2, column)]
    assert reason in errors[0]["message"] + errors[0]["expected"]
    for p in report["problems"]:  # the report never repeats the data
        assert not _SECRETS.search(p["found"] or ""), p["found"]
    assert code == 1 and report["written"] == []
    assert report["files"][0]["refused"] == 1 and report["files"][0]["kept"] == 0
    assert version(store_dir) == before_version and snapshot(store_dir) == before


def test_reasons_are_translated(store_dir):
    _, report = import_files(store_dir, CORPUS / "pd-iban-espaces-acteurs.csv", lang="en")
    (p,) = report["problems"]
    assert p["message"].startswith("bank details (IBAN, valid checksum)")
    _, report = import_files(store_dir, CORPUS / "pd-personne-caritative-acteurs.csv", lang="en")
    assert "public role" in report["problems"][0]["message"]
