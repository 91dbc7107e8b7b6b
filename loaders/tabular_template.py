"""Write the spreadsheet templates and the worked example shipped in ``docs/templates/``.

``python -m loaders.tabular_template [docs/templates]`` regenerates:

* ``modele-ancrage.xlsx``: a ``lisez-moi`` sheet, the five template sheets (French column
  names, help in the cell comments, drop-down lists) and a ``listes`` sheet of accepted values;
* ``acteurs.csv``, ``comites.csv``, ``adhesions.csv``, ``partenariats.csv``,
  ``territoires_projet.csv``: the same headers, ``;``-separated, UTF-8 with BOM (Excel);
* ``exemple/exemple-hautes-pyrenees.xlsx`` and ``exemple/csv/hautes-pyrenees-*.csv``: the
  worked example of ``docs/import.md``, a fictitious committee on real territories.

>>> [s for s in EXAMPLE]
['territoires_projet', 'acteurs', 'comites', 'adhesions', 'partenariats']
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from kg.paths import shipped

from .tabular_vocab import LABELS, SHEETS, SHEETS_BY_KEY

DEFAULT_DIR = shipped("docs", "templates")
XLSX_NAME = "modele-ancrage.xlsx"
EXAMPLE_XLSX = "exemple-hautes-pyrenees.xlsx"
EXAMPLE_PREFIX = "hautes-pyrenees-"

_SRC = "Exemple fictif (docs/import.md), inspiré des actes du séminaire du 21/09/2018, section 7"

#: The worked example: sheet -> rows (dicts keyed by French column names).
EXAMPLE: dict[str, list[dict[str, str]]] = {
    "territoires_projet": [
        {"id": "bv-gaves", "nom": "Bassin de vie des Gaves", "composante": "CC Pyrénées Vallées des Gaves",
         "source": _SRC},
        {"id": "bv-gaves", "nom": "Bassin de vie des Gaves", "composante": "65286",
         "note": "Lourdes, commune de la CA Tarbes-Lourdes-Pyrénées", "source": _SRC},
        {"id": "bv-haute-bigorre", "nom": "Bassin de vie de la Haute-Bigorre", "composante": "246500482",
         "source": _SRC},
    ],
    "acteurs": [
        {"id": "cd65", "nom": "Conseil départemental des Hautes-Pyrénées", "categorie": "Département (collectivité)",
         "territoire": "65", "echelle": "mise en synergie", "monde": "social | aménagement", "source": _SRC},
        {"id": "caf65", "nom": "Caisse d'allocations familiales des Hautes-Pyrénées", "categorie": "CAF",
         "territoire": "Hautes-Pyrénées", "sigle": "CAF", "monde": "social", "source": _SRC},
        {"id": "msa-mps", "nom": "MSA Midi-Pyrénées Sud", "categorie": "protection-sociale", "territoire": "65",
         "sigle": "MSA", "monde": "social | santé", "source": _SRC},
        {"id": "ccas-tarbes", "nom": "CCAS de Tarbes", "categorie": "Commune / CCAS", "territoire": "65440",
         "echelle": "initiale", "source": _SRC},
        {"id": "ca-tlp", "nom": "Communauté d'agglomération Tarbes-Lourdes-Pyrénées", "categorie": "EPCI",
         "territoire": "CA Tarbes-Lourdes-Pyrénées", "monde": "aménagement | économie", "source": _SRC},
        {"id": "ddetspp65", "nom": "DDETSPP des Hautes-Pyrénées", "categorie": "services-deconcentres",
         "territoire": "Département des Hautes-Pyrénées", "monde": "emploi-insertion", "source": _SRC},
        {"id": "irts-exemple", "nom": "Institut régional du travail social (exemple)", "categorie": "formation",
         "territoire": "Occitanie", "monde": "éducation et formation", "source": _SRC},
        {"id": "uppa", "nom": "Université de Pau et des Pays de l'Adour", "categorie": "Université et recherche",
         "territoire": "Pau", "source": _SRC},
        {"id": "groupe-ressource-65", "nom": "Groupe ressource des personnes accompagnées des Hautes-Pyrénées",
         "categorie": "Personnes accompagnées", "type": "groupe", "territoire": "65", "echelle": "initiale",
         "note": "Un groupe, jamais des personnes nommées (règle R1).", "source": _SRC},
        {"id": "ts-haute-bigorre", "nom": "Travailleurs sociaux de terrain de la Haute-Bigorre",
         "categorie": "travailleurs-sociaux", "territoire": "bv-haute-bigorre", "echelle": "initiale | mise en lien",
         "source": _SRC},
        {"id": "secours-populaire-65", "nom": "Fédération du Secours populaire des Hautes-Pyrénées",
         "categorie": "Associations caritatives", "territoire": "Tarbes", "source": _SRC},
        {"id": "udaf65", "nom": "UDAF des Hautes-Pyrénées", "categorie": "federation", "territoire": "65",
         "source": _SRC},
        {"id": "elus-solidarite-65", "nom": "Élus départementaux délégués aux solidarités", "categorie": "Élus",
         "territoire": "65", "source": _SRC},
    ],
    "comites": [
        {"id": "cltsds-65", "nom": "Comité local du travail social et du développement social des Hautes-Pyrénées "
                                   "(exemple)",
         "territoire": "65", "date_creation": "14/03/2019", "monde": "social | animation | économie | aménagement",
         "note": "Bassins de vie à l'échelle des EPCI ; formation-action sur les représentations sociales.",
         "source": _SRC},
    ],
    "adhesions": [
        {"membre": "cd65", "comite": "cltsds-65", "role": "porteur", "date_debut": "14/03/2019",
         "niveau_participation": "coproduction", "source": _SRC},
        {"membre": "caf65", "comite": "cltsds-65", "role": "comité de pilotage", "date_debut": "2019-03-14",
         "source": _SRC},
        {"membre": "msa-mps", "comite": "cltsds-65", "role": "membre", "date_debut": "14/03/2019", "source": _SRC},
        {"membre": "ccas-tarbes", "comite": "cltsds-65", "role": "membre", "date_debut": "14/03/2019",
         "source": _SRC},
        {"membre": "ca-tlp", "comite": "cltsds-65", "role": "membre", "date_debut": "12/09/2019", "source": _SRC},
        {"membre": "ddetspp65", "comite": "cltsds-65", "role": "comité de pilotage", "date_debut": "14/03/2019",
         "source": _SRC},
        {"membre": "irts-exemple", "comite": "cltsds-65", "role": "appui méthodologique",
         "date_debut": "14/03/2019", "source": _SRC},
        {"membre": "uppa", "comite": "cltsds-65", "role": "membre", "date_debut": "12/09/2019", "source": _SRC},
        {"membre": "groupe-ressource-65", "comite": "cltsds-65", "role": "groupe ressource",
         "date_debut": "14/03/2019", "niveau_participation": "co-construction", "source": _SRC},
        {"membre": "ts-haute-bigorre", "comite": "cltsds-65", "role": "groupe de travail",
         "date_debut": "14/03/2019", "source": _SRC},
        {"membre": "secours-populaire-65", "comite": "cltsds-65", "role": "membre", "date_debut": "14/03/2019",
         "source": _SRC},
        {"membre": "udaf65", "comite": "cltsds-65", "role": "membre", "date_debut": "14/03/2019",
         "date_fin": "31/12/2021", "source": _SRC},
        {"membre": "elus-solidarite-65", "comite": "cltsds-65", "role": "comité de pilotage",
         "date_debut": "14/03/2019", "source": _SRC},
    ],
    "partenariats": [
        {"partenaire_1": "cd65", "partenaire_2": "msa-mps", "nature": "partage d'information | co-construction",
         "echelle": "mise en lien", "note": "Diagnostic de territoire partagé.", "date_debut": "01/10/2018",
         "source": _SRC},
        {"partenaire_1": "cd65", "partenaire_2": "irts-exemple", "autres_partenaires": "ts-haute-bigorre",
         "nature": "formation", "echelle": "mise en lien", "niveau_participation": "co-construction",
         "note": "Formation-action sur les représentations sociales.", "date_debut": "2019-01-15",
         "date_fin": "2019-12-31", "source": _SRC},
        {"partenaire_1": "caf65", "partenaire_2": "ccas-tarbes", "nature": "financement | convention",
         "echelle": "initiale", "date_debut": "01/01/2019", "source": _SRC},
    ],
}


def headers(sheet_key: str) -> list[str]:
    return [c.fr for c in SHEETS_BY_KEY[sheet_key].columns]


def csv_text(sheet_key: str, rows: list[dict] = ()) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    cols = headers(sheet_key)
    writer.writerow(cols)
    for row in rows:
        writer.writerow([row.get(c, "") for c in cols])
    return buf.getvalue()


def write_csv(folder: Path, rows_by_sheet: dict | None = None, prefix: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for sheet in SHEETS:
        path = folder / f"{prefix}{sheet.key}.csv"
        path.write_text(csv_text(sheet.key, (rows_by_sheet or {}).get(sheet.key, [])), encoding="utf-8-sig")
        out.append(path)
    return out


README_FR = [
    "Modèle Ancrage : comités locaux du travail social et du développement social",
    "",
    "Une feuille par sujet : acteurs, comites, adhesions (qui est membre de quel comité), partenariats, "
    "territoires_projet (facultative : bassins de vie faits d'EPCI ou de communes).",
    "Ligne 1 : les noms de colonnes (ne pas les changer ; les noms anglais sont aussi acceptés). "
    "Survolez un en-tête pour son aide.",
    "Colonnes obligatoires : acteurs (id, nom, categorie), comites (id, nom, territoire), "
    "adhesions (membre, comite), partenariats (partenaire_1, partenaire_2), territoires_projet (id, nom, composante).",
    "Territoire : code INSEE (commune 5 caractères, département 2-3, région 2, EPCI = SIREN), ou nom officiel.",
    "Dates : 21/09/2018 ou 2018-09-21. Plusieurs valeurs dans une cellule : séparez-les par | ou ;.",
    "Pas de formule, pas de donnée personnelle : les personnes accompagnées n'apparaissent que comme groupes.",
    "Un id déjà dans le graphe (ex. hcts) désigne le même acteur, sous le même nom ; pour le modifier, mettez « oui » "
    "dans la colonne mise_a_jour, sinon la ligne est refusée.",
    "Un service d'une institution (le service ASE du Département) : l'id de l'institution dans la colonne "
    "rattachement ; ses sièges comptent pour elle (règle R6).",
    "Un acteur qui ressemble à un acteur déjà connu (même SIREN/SIRET ou FINESS, ou même nom sur un territoire "
    "emboîté) est signalé avec l'id connu : s'il s'agit du même, écrivez cet id dans la colonne meme_que.",
    "Vérifier : ancrage validate FICHIER — importer : ancrage import FICHIER (voir docs/import.md).",
    "",
    "Ancrage template — English: one sheet per subject; English column names are accepted; see docs/import.md.",
]


def write_xlsx(path: Path, rows_by_sheet: dict | None = None) -> Path:
    """The XLSX template (``rows_by_sheet`` fills it, e.g. with :data:`EXAMPLE`)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "lisez-moi"
    for i, line in enumerate(README_FR, start=1):
        ws.cell(row=i, column=1, value=line)
    ws.column_dimensions["A"].width = 120
    ws["A1"].font = Font(bold=True, size=13)

    lists = wb.create_sheet("listes")
    list_ranges: dict[str, str] = {}
    col = 1
    for scheme in ("category", "kind", "level", "scale", "world", "participation", "role", "partnership-nature",
                   "update"):
        letter = lists.cell(row=1, column=col).column_letter
        lists.cell(row=1, column=col, value=f"{scheme} (code)").font = Font(bold=True)
        lists.cell(row=1, column=col + 1, value="libellé / label").font = Font(bold=True)
        for r, (code, names) in enumerate(LABELS[scheme].items(), start=2):
            lists.cell(row=r, column=col, value=code)
            lists.cell(row=r, column=col + 1, value=f"{names[0]} / {names[1]}")
        list_ranges[scheme] = f"listes!${letter}$2:${letter}${len(LABELS[scheme]) + 1}"
        lists.column_dimensions[letter].width = 34
        lists.column_dimensions[lists.cell(row=1, column=col + 1).column_letter].width = 60
        col += 3

    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.key, index=len(wb.sheetnames) - 1)
        for c, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=c, value=column.fr)
            cell.font = Font(bold=column.required)
            cell.fill = header_fill
            cell.comment = Comment(f"{column.help_fr}\n— {column.en}: {column.help_en}"
                                   + ("\n(obligatoire / required)" if column.required else ""), "Ancrage")
            ws.column_dimensions[cell.column_letter].width = max(14, min(40, len(column.fr) + 8))
            scheme = column.kind.split(":", 1)[1] if ":" in column.kind else None
            if scheme in list_ranges and column.kind.startswith("vocab:"):
                dv = DataValidation(type="list", formula1=list_ranges[scheme], allow_blank=True, showErrorMessage=False)
                ws.add_data_validation(dv)
                dv.add(f"{cell.column_letter}2:{cell.column_letter}1000")
        ws.freeze_panes = "A2"
        for r, row in enumerate((rows_by_sheet or {}).get(sheet.key, []), start=2):
            for c, column in enumerate(sheet.columns, start=1):
                value = row.get(column.fr)
                if value:
                    ws.cell(row=r, column=c, value=value).number_format = "@"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_all(folder: Path = DEFAULT_DIR) -> list[Path]:
    """Regenerate every template and the worked example under ``folder``."""
    folder = Path(folder)
    out = write_csv(folder)
    out.append(write_xlsx(folder / XLSX_NAME))
    out.append(write_xlsx(folder / "exemple" / EXAMPLE_XLSX, EXAMPLE))
    out += write_csv(folder / "exemple" / "csv", EXAMPLE, prefix=EXAMPLE_PREFIX)
    return out


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR):
        print(p)
