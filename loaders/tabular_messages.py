"""Problems found in a spreadsheet, worded for the person who filled it (French, English).

Every :class:`Problem` names the file, the sheet, the row (as the spreadsheet numbers it: the
header is row 1), the column (as written in the file), what was expected and what was found.

>>> p = Problem("unknown-insee-code", file="acteurs.csv", sheet="acteurs", row=4,
...             column="territoire", found="99999")
>>> p.render("fr")
"acteurs.csv, feuille « acteurs », ligne 4, colonne « territoire » : code INSEE inconnu (attendu : un code de commune (5 caractères), d'EPCI (SIREN, 9 chiffres), de département (2 ou 3) ou de région (2) ; trouvé : « 99999 »)"
>>> p.render("en")
"acteurs.csv, sheet 'acteurs', row 4, column 'territoire': unknown INSEE code (expected a commune (5 characters), EPCI (SIREN, 9 digits), département (2 or 3) or région (2) code; found '99999')"
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import LoadError, LocatedError, PrivacyError, ValidationError

ERROR, WARNING = "error", "warning"
_DATE_FR = "une date JJ/MM/AAAA (21/09/2018) ou AAAA-MM-JJ (2018-09-21)"
_DATE_EN = "a date DD/MM/YYYY (21/09/2018) or YYYY-MM-DD (2018-09-21)"
_CODE_FR = ("un code de commune (5 caractères), d'EPCI (SIREN, 9 chiffres), de département (2 ou 3) "
            "ou de région (2)")
_CODE_EN = "a commune (5 characters), EPCI (SIREN, 9 digits), département (2 or 3) or région (2) code"

# code -> (severity, kind of error, message fr, message en, expected fr, expected en)
MESSAGES: dict[str, tuple[str, str, str, str, str, str]] = {
    # files
    "file-not-found": (ERROR, "load", "fichier introuvable", "file not found", "", ""),
    "unsupported-format": (ERROR, "load", "format de fichier non pris en charge", "unsupported file format",
                           "un fichier .csv, .tsv, .txt ou .xlsx", "a .csv, .tsv, .txt or .xlsx file"),
    "empty-file": (ERROR, "load", "fichier vide", "empty file", "une ligne d'en-tête puis des lignes de données",
                   "a header row then data rows"),
    "binary-file": (ERROR, "load", "ce n'est pas un fichier texte CSV (octets nuls à l'octet {offset})",
                    "not a CSV text file (null bytes at byte {offset})",
                    "du texte CSV en UTF-8 ou Windows-1252, ou un classeur .xlsx",
                    "CSV text in UTF-8 or Windows-1252, or an .xlsx workbook"),
    "bad-encoding": (ERROR, "load", "encodage non reconnu (octet {byte} ligne {line})",
                     "unrecognised encoding (byte {byte} on line {line})",
                     "UTF-8 (avec ou sans BOM) ou Windows-1252", "UTF-8 (with or without BOM) or Windows-1252"),
    "file-too-big": (ERROR, "load", "fichier trop gros ({size} octets)", "file too big ({size} bytes)",
                     "au plus {max} octets", "at most {max} bytes"),
    "bad-xlsx": (ERROR, "load", "classeur XLSX illisible (tronqué, corrompu ou protégé par mot de passe)",
                 "unreadable XLSX workbook (truncated, corrupt or password-protected)",
                 "un classeur .xlsx enregistré par Excel ou LibreOffice",
                 "an .xlsx workbook saved by Excel or LibreOffice"),
    "xlsx-bomb": (ERROR, "load", "classeur suspect : {size} octets une fois décompressé",
                  "suspicious workbook: {size} bytes once decompressed",
                  "au plus {max} octets décompressés", "at most {max} decompressed bytes"),
    "double-encoded": (WARNING, "load", "caractères suspects (« {sample} ») : le fichier a-t-il été converti deux "
                                         "fois d'encodage ?",
                       "suspicious characters ('{sample}'): was the file converted between encodings twice?",
                       "des accents lisibles (é, è, à…)", "readable accents (é, è, à…)"),
    "duplicate-source": (ERROR, "load", "un autre fichier importé porte le même nom ({other}) : il remplacerait "
                                        "celui-ci dans le graphe",
                         "another imported file has the same name ({other}): it would replace this one in the graph",
                         "des noms de fichiers différents", "different file names"),
    "unknown-sheet": (WARNING, "load", "feuille ignorée : ni son nom ni ses colonnes ne correspondent au modèle",
                      "sheet ignored: neither its name nor its columns match the template",
                      "une feuille {sheets}", "a sheet {sheets}"),
    "no-sheet": (ERROR, "load", "aucune feuille du modèle dans ce fichier", "no sheet of the template in this file",
                 "au moins une feuille ou un fichier {sheets}", "at least one sheet or file {sheets}"),
    "empty-sheet": (ERROR, "load", "feuille vide (aucune ligne de données)", "empty sheet (no data row)",
                    "une ligne d'en-tête puis des lignes de données", "a header row then data rows"),
    "too-many-rows": (ERROR, "load", "trop de lignes : les {extra} ligne(s) après la {max}e sont refusées (coupez le "
                                     "fichier en plusieurs)",
                      "too many rows: the {extra} row(s) after row {max} are refused (split the file)",
                      "au plus {max} lignes", "at most {max} rows"),
    "source-collision": (ERROR, "load", "ce fichier irait dans le même graphe nommé ({graph}) que « {other} », déjà "
                                        "importé : il le remplacerait, aucune ligne n'est lue",
                         "this file would go to the same named graph ({graph}) as '{other}', already imported: it "
                         "would replace it; no row is read",
                         "un nom de fichier distinct, le même nom que « {other} » pour le remplacer, ou --replace",
                         "a distinct file name, the very name '{other}' to replace it, or --replace"),
    "source-replaced": (WARNING, "load", "remplace l'import précédent « {other} » (graphe {graph})",
                        "replaces the previous import '{other}' (graph {graph})", "", ""),
    "hidden-sheet": (WARNING, "load", "feuille masquée dans le classeur : ses lignes sont lues comme les autres",
                     "hidden sheet in the workbook: its rows are read like the others",
                     "des feuilles visibles (affichez-la pour la relire)", "visible sheets (show it to review it)"),
    "hidden-row": (WARNING, "load", "ligne masquée dans le classeur : elle est lue comme les autres",
                   "hidden row in the workbook: it is read like the others",
                   "des lignes visibles (affichez-la pour la relire)", "visible rows (show it to review it)"),
    # header
    "missing-column": (ERROR, "load", "colonne obligatoire absente : aucune ligne de la feuille n'est lue",
                       "required column missing: no row of the sheet is read",
                       "une colonne « {column} » (ou « {column_en} »)", "a column '{column}' (or '{column_en}')"),
    "duplicate-column": (ERROR, "load", "colonne en double (déjà en position {other}) : aucune ligne de la "
                                        "feuille n'est lue",
                         "duplicate column (already at position {other}): no row of the sheet is read", "chaque colonne une seule fois",
                         "each column once"),
    "unknown-column": (WARNING, "load", "colonne non reconnue, ignorée", "unrecognised column, ignored",
                       "une colonne parmi : {columns}", "one of the columns: {columns}"),
    # CSV structure
    "unclosed-quote": (ERROR, "load", "guillemet ouvert jamais fermé (fichier tronqué ?) : la fin du fichier "
                                      "depuis cette ligne ({lines} ligne(s)) est refusée",
                       "quote opened and never closed (truncated file?): the end of the file from this row "
                       "({lines} line(s)) is refused",
                       "des guillemets appariés", "matching quotes"),
    "bad-quote": (ERROR, "load", "guillemet mal placé dans une cellule", "misplaced quote in a cell",
                  "une cellule entièrement entre guillemets, les guillemets internes doublés (\"\")",
                  "a cell wholly in quotes, inner quotes doubled (\"\")"),
    "row-separator": (ERROR, "validation", "cette ligne semble séparée par « {sep} » alors que l'en-tête l'est "
                                           "par « {header_sep} »",
                      "this row seems separated by '{sep}' while the header is separated by '{header_sep}'",
                      "le même séparateur sur toutes les lignes", "the same separator on every row"),
    "too-many-cells": (ERROR, "validation", "{n} cellules au lieu de {m} : le séparateur « {sep} » apparaît-il "
                                            "dans une valeur sans guillemets ?",
                       "{n} cells instead of {m}: does the separator '{sep}' appear in an unquoted value?",
                       "{m} cellules, comme l'en-tête", "{m} cells, like the header"),
    # cells
    "required": (ERROR, "validation", "valeur obligatoire manquante", "required value missing", "{what}", "{what}"),
    "formula": (ERROR, "validation", "formule mise en quarantaine, jamais évaluée : la ligne est refusée",
                "formula quarantined, never evaluated: the row is refused",
                "la valeur elle-même, sans formule (pas de « = », « + », « - » ou « @ » en tête)",
                "the value itself, no formula (no leading '=', '+', '-' or '@')"),
    "huge-cell": (ERROR, "validation", "cellule trop longue ({n} caractères)", "cell too long ({n} characters)",
                  "au plus {max} caractères", "at most {max} characters"),
    "control-char": (ERROR, "validation", "caractère de contrôle interdit ({char})",
                     "forbidden control character ({char})", "du texte imprimable", "printable text"),
    "bidi-control": (ERROR, "validation", "caractère invisible de direction d'écriture ou de mise en forme ({char}) : "
                                          "il peut maquiller le texte affiché",
                     "invisible text-direction or formatting character ({char}): it can disguise the text shown",
                     "du texte sans caractère de contrôle invisible", "text without invisible control characters"),
    "invisible-name": (ERROR, "validation", "nom fait uniquement de caractères invisibles",
                       "name made only of invisible characters", "un nom lisible", "a readable name"),
    "bad-id": (ERROR, "validation", "identifiant invalide", "invalid id",
               "des lettres, chiffres et tirets (ex. caf-65), au plus 100 caractères",
               "letters, digits and hyphens (e.g. caf-65), at most 100 characters"),
    "duplicate-id": (ERROR, "validation", "identifiant déjà utilisé ({other})", "id already used ({other})",
                     "un identifiant unique dans les feuilles acteurs et comites",
                     "an id unique across the actors and committees sheets"),
    "unknown-value": (ERROR, "validation", "valeur inconnue{hint}", "unknown value{hint}", "{choices}", "{choices}"),
    "unknown-insee-code": (ERROR, "validation", "code INSEE inconnu{hint}", "unknown INSEE code{hint}",
                           _CODE_FR, _CODE_EN),
    "unknown-territory": (ERROR, "validation", "territoire inconnu{hint}", "unknown territory{hint}",
                          "un code INSEE, un nom officiel (ex. Côte-d'Or) ou l'id d'un territoire de projet",
                          "an INSEE code, an official name (e.g. Côte-d'Or) or the id of a project territory"),
    "ambiguous-territory": (ERROR, "validation", "plusieurs territoires portent ce nom : {candidates}",
                            "several territories have this name: {candidates}",
                            "le code INSEE du territoire voulu", "the INSEE code of the intended territory"),
    "zero-padded": (WARNING, "validation", "code lu comme {insee} ({name}) : le tableur a supprimé le zéro initial",
                    "code read as {insee} ({name}): the spreadsheet dropped the leading zero", "", ""),
    "former-commune": (WARNING, "validation", "ancienne commune ({kind}) : rattachée à {name} ({insee}), retenue",
                       "former commune ({kind_en}): part of {name} ({insee}), used instead", "", ""),
    "other-levels": (WARNING, "validation", "compris comme {chosen} ; désigne aussi {others} (précisez le niveau "
                                            "ou le code si besoin)",
                     "read as {chosen}; also names {others} (give the level or the code if needed)", "", ""),
    "bad-date": (ERROR, "validation", "date invalide{hint}", "invalid date{hint}", _DATE_FR, _DATE_EN),
    "end-before-start": (ERROR, "validation", "la date de fin précède la date de début ({start})",
                         "the end date is before the start date ({start})",
                         "une date de fin postérieure ou égale au {start}", "an end date on or after {start}"),
    "bad-url": (ERROR, "validation", "adresse web invalide", "invalid web address", "https://… ou http://…",
                "https://… or http://…"),
    "dangling-ref": (ERROR, "validation", "aucun {kind} ne porte cet id (ni dans les fichiers importés, ni dans "
                                          "le graphe)",
                     "no {kind_en} has this id (neither in the imported files nor in the graph)",
                     "l'id d'une ligne de la feuille {target}", "the id of a row of the {target_en} sheet"),
    "self-ref": (ERROR, "validation", "la ligne se désigne elle-même", "the row points to itself",
                 "l'id d'un autre acteur", "the id of another actor"),
    "ref-rejected": (ERROR, "validation", "renvoie à une ligne refusée ({other})", "refers to a refused row ({other})",
                     "l'id d'une ligne acceptée", "the id of an accepted row"),
    "wrong-ref-kind": (ERROR, "validation", "cet id désigne un acteur, pas un comité",
                       "this id names an actor, not a committee", "l'id d'un comité (feuille comites)",
                       "the id of a committee (committees sheet)"),
    "self-partnership": (ERROR, "validation", "un partenaire apparaît deux fois dans le même partenariat",
                         "a partner appears twice in the same partnership", "des partenaires différents",
                         "different partners"),
    "duplicate-relation": (ERROR, "validation", "en double avec {other}", "duplicate of {other}",
                           "une seule ligne par relation", "one row per relation"),
    "inconsistent-name": (ERROR, "validation", "nom différent de celui donné {other} pour le même id",
                          "name differs from the one given {other} for the same id",
                          "le même nom sur chaque ligne du territoire de projet",
                          "the same name on every row of the project territory"),
    "id-in-store": (ERROR, "validation", "cet id désigne déjà « {name} » ({what}) dans le graphe : la ligne est "
                                         "refusée, l'acteur existant garde son identité",
                    "this id already names '{name}' ({what_en}) in the graph: the row is refused, the existing actor "
                    "keeps its identity",
                    "un id nouveau, ou « oui » dans la colonne mise_a_jour pour mettre à jour « {name} »",
                    "a new id, or 'yes' in the update column to update '{name}'"),
    "id-same-in-store": (WARNING, "validation", "cet id existe déjà dans le graphe (« {name} ») : la ligne complète "
                                                "cet acteur",
                         "this id already exists in the graph ('{name}'): the row adds to that actor", "", ""),
    "id-updated": (WARNING, "validation", "mise à jour demandée : la ligne complète « {name} », déjà dans le graphe",
                   "update asked for: the row adds to '{name}', already in the graph", "", ""),
    "looks-known": (WARNING, "validation", "ressemble à un acteur déjà connu : « {name} » (id {known}, {why}) ; la ligne "
                                           "crée un nouvel acteur",
                    "looks like an actor already known: '{name}' (id {known}, {why_en}); the row creates a new actor",
                    "si c'est la même institution : {known} dans la colonne meme_que (ou cet id dans la colonne id)",
                    "if it is the same institution: {known} in the same_as column (or that id in the id column)"),
    "bad-official-id": (ERROR, "validation", "identifiant officiel mal formé", "malformed official identifier",
                        "{expected_fr}", "{expected_en}"),
    "update-unknown": (WARNING, "validation", "mise à jour demandée mais aucun acteur du graphe ne porte cet id : la "
                                              "ligne crée un nouvel acteur",
                       "update asked for but no actor of the graph has this id: the row creates a new actor", "", ""),
    "personal-data": (ERROR, "privacy", "{reason_fr} ; la ligne est refusée", "{reason_en}; the row is refused",
                      "aucune donnée personnelle", "no personal data"),
    "named-person": (ERROR, "privacy", "{reason_fr} ; la ligne est refusée", "{reason_en}; the row is refused",
                     "un nom de groupe", "a group name"),
    "person-in-group-category": (ERROR, "privacy", "les personnes accompagnées n'apparaissent que comme groupes : "
                                                   "type « personne » refusé",
                                 "people receiving support appear only as groups: kind 'person' refused",
                                 "type « groupe » (ou vide)", "kind 'group' (or empty)"),
    "private-person": (ERROR, "privacy", "{reason_fr} ; la ligne est refusée", "{reason_en}; the row is refused",
                       "le nom d'une structure ou d'un groupe", "the name of an organisation or group"),
    "person-not-public": (ERROR, "privacy", "une personne n'est importée que dans un rôle public : la catégorie "
                                            "« {category} » n'en est pas un, la ligne est refusée",
                          "a person is imported only in a public role: the category '{category}' is not one; the "
                          "row is refused",
                          "type « personne » avec une catégorie publique ({categories}), sinon le nom de la structure",
                          "kind 'person' with a public category ({categories}); otherwise the organisation's name"),
}

SHEET_LIST_FR = "acteurs, comites, adhesions, partenariats, territoires_projet"
SHEET_LIST_EN = "actors, committees, memberships, partnerships, project_territories"


class _Defaults(dict):
    def __missing__(self, key):
        return "" if key == "hint" else "{" + key + "}"


def shorten(value: object, limit: int = 80) -> str:
    """A cell value as shown in a message (long values cut).

    >>> shorten("x" * 100)[-2:]
    'x…'
    """
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One problem in an imported file; ``severity`` "error" refuses the row, "warning" keeps it."""

    code: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    found: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        if self.code not in MESSAGES:
            raise KeyError(f"unknown problem code {self.code!r}")

    @classmethod
    def make(cls, code: str, *, file=None, sheet=None, row=None, column=None, found=None, **params) -> "Problem":
        return cls(code, file, sheet, row, column, None if found is None else shorten(found),
                   tuple(sorted((k, str(v)) for k, v in params.items())))

    @property
    def severity(self) -> str:
        return MESSAGES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def _fmt(self, text: str, lang: str = "fr") -> str:
        values = _Defaults(self.params)
        for name, value in self.params:  # "hint_fr" / "hint_en" give "hint" in that language
            if name.endswith("_" + lang):
                values[name[: -len(lang) - 1]] = value
        values.setdefault("sheets", SHEET_LIST_FR if lang == "fr" else SHEET_LIST_EN)
        return text.format_map(values)

    def message(self, lang: str = "fr") -> str:
        """What is wrong, in ``lang``."""
        return self._fmt(MESSAGES[self.code][2 if lang == "fr" else 3], lang)

    def expected(self, lang: str = "fr") -> str:
        """What was expected, in ``lang`` ("" when nothing specific)."""
        return self._fmt(MESSAGES[self.code][4 if lang == "fr" else 5], lang)

    def where(self, lang: str = "fr") -> str:
        fr = lang == "fr"
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f"feuille « {self.sheet} »" if fr else f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"ligne {self.row}" if fr else f"row {self.row}")
        if self.column:
            parts.append(f"colonne « {self.column} »" if fr else f"column '{self.column}'")
        return ", ".join(parts)

    def render(self, lang: str = "fr") -> str:
        """One line: where, what, expected, found."""
        fr = lang == "fr"
        detail = []
        expected = self.expected(lang)
        if expected:
            detail.append(("attendu : " if fr else "expected ") + expected)
        if self.found is not None:
            detail.append(f"trouvé : « {self.found} »" if fr else f"found '{self.found}'")
        text = self.message(lang)
        if detail:
            text += " (" + ("; " if not fr else " ; ").join(detail) + ")"
        where = self.where(lang)
        return f"{where}{' : ' if fr else ': '}{text}" if where else text

    def to_error(self, lang: str = "fr") -> LocatedError:
        """The problem as an exception of :mod:`kg.errors` (for :attr:`kg.sources.Source.problems`)."""
        kind = MESSAGES[self.code][1]
        cls = {"load": LoadError, "privacy": PrivacyError}.get(kind, ValidationError)
        return cls(self.message(lang), file=self.file, sheet=self.sheet, row=self.row, field=self.column,
                   expected=self.expected(lang) or None, found=self.found)

    def as_dict(self, lang: str = "fr") -> dict:
        """Plain fields for CSV and JSON reports."""
        return {"severity": self.severity, "code": self.code, "file": self.file, "sheet": self.sheet,
                "row": self.row, "column": self.column, "message": self.message(lang),
                "expected": self.expected(lang), "found": self.found}
