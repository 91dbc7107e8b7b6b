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
from kg.i18n import MESSAGES, localise, t, template

ERROR, WARNING = "error", "warning"

#: code -> (severity, kind of error); the words are ``problem.<code>`` in :mod:`kg.messages.problems`.
CODES: dict[str, tuple[str, str]] = {
    "file-not-found": (ERROR, "load"),
    "unsupported-format": (ERROR, "load"),
    "empty-file": (ERROR, "load"),
    "binary-file": (ERROR, "load"),
    "bad-encoding": (ERROR, "load"),
    "file-too-big": (ERROR, "load"),
    "bad-xlsx": (ERROR, "load"),
    "xlsx-bomb": (ERROR, "load"),
    "double-encoded": (WARNING, "load"),
    "duplicate-source": (ERROR, "load"),
    "unknown-sheet": (WARNING, "load"),
    "no-sheet": (ERROR, "load"),
    "empty-sheet": (ERROR, "load"),
    "too-many-rows": (ERROR, "load"),
    "source-collision": (ERROR, "load"),
    "source-replaced": (WARNING, "load"),
    "hidden-sheet": (WARNING, "load"),
    "hidden-row": (WARNING, "load"),
    "missing-column": (ERROR, "load"),
    "duplicate-column": (ERROR, "load"),
    "unknown-column": (WARNING, "load"),
    "unclosed-quote": (ERROR, "load"),
    "bad-quote": (ERROR, "load"),
    "row-separator": (ERROR, "validation"),
    "too-many-cells": (ERROR, "validation"),
    "required": (ERROR, "validation"),
    "formula": (ERROR, "validation"),
    "huge-cell": (ERROR, "validation"),
    "control-char": (ERROR, "validation"),
    "bidi-control": (ERROR, "validation"),
    "invisible-name": (ERROR, "validation"),
    "bad-id": (ERROR, "validation"),
    "duplicate-id": (ERROR, "validation"),
    "unknown-value": (ERROR, "validation"),
    "unknown-insee-code": (ERROR, "validation"),
    "unknown-territory": (ERROR, "validation"),
    "ambiguous-territory": (ERROR, "validation"),
    "zero-padded": (WARNING, "validation"),
    "former-commune": (WARNING, "validation"),
    "other-levels": (WARNING, "validation"),
    "bad-date": (ERROR, "validation"),
    "end-before-start": (ERROR, "validation"),
    "bad-url": (ERROR, "validation"),
    "dangling-ref": (ERROR, "validation"),
    "self-ref": (ERROR, "validation"),
    "ref-rejected": (ERROR, "validation"),
    "wrong-ref-kind": (ERROR, "validation"),
    "self-partnership": (ERROR, "validation"),
    "duplicate-relation": (ERROR, "validation"),
    "inconsistent-name": (ERROR, "validation"),
    "id-in-store": (ERROR, "validation"),
    "id-same-in-store": (WARNING, "validation"),
    "id-updated": (WARNING, "validation"),
    "looks-known": (WARNING, "validation"),
    "bad-official-id": (ERROR, "validation"),
    "update-unknown": (WARNING, "validation"),
    "personal-data": (ERROR, "privacy"),
    "named-person": (ERROR, "privacy"),
    "person-in-group-category": (ERROR, "privacy"),
    "private-person": (ERROR, "privacy"),
    "person-not-public": (ERROR, "privacy"),
}


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
        if self.code not in CODES:
            raise KeyError(f"unknown problem code {self.code!r}")

    @classmethod
    def make(cls, code: str, *, file=None, sheet=None, row=None, column=None, found=None, **params) -> "Problem":
        return cls(code, file, sheet, row, column, None if found is None else shorten(found),
                   tuple(sorted((k, str(v)) for k, v in params.items())))

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def _fmt(self, key: str, lang: str = "fr") -> str:
        values = _Defaults(localise(dict(self.params), lang))
        values.setdefault("sheets", t("problem.sheets", lang))
        return template(key, lang).format_map(values)

    def message(self, lang: str = "fr") -> str:
        """What is wrong, in ``lang``."""
        return self._fmt("problem." + self.code, lang)

    def expected(self, lang: str = "fr") -> str:
        """What was expected, in ``lang`` ("" when nothing specific)."""
        key = f"problem.{self.code}.expected"
        return self._fmt(key, lang) if key in MESSAGES else ""

    def where(self, lang: str = "fr") -> str:
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(t("problem.where-sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("problem.where-row", lang, row=self.row))
        if self.column:
            parts.append(t("problem.where-column", lang, column=self.column))
        return ", ".join(parts)

    def render(self, lang: str = "fr") -> str:
        """One line: where, what, expected, found."""
        detail = []
        expected = self.expected(lang)
        if expected:
            detail.append(t("problem.expected", lang, expected=expected))
        if self.found is not None:
            detail.append(t("problem.found", lang, found=self.found))
        text = self.message(lang)
        if detail:
            text += " (" + t("problem.detail-separator", lang).join(detail) + ")"
        where = self.where(lang)
        return t("problem.located", lang, where=where, text=text) if where else text

    def to_error(self, lang: str = "fr") -> LocatedError:
        """The problem as an exception of :mod:`kg.errors` (for :attr:`kg.sources.Source.problems`)."""
        kind = CODES[self.code][1]
        cls = {"load": LoadError, "privacy": PrivacyError}.get(kind, ValidationError)
        return cls(self.message(lang), file=self.file, sheet=self.sheet, row=self.row, field=self.column,
                   expected=self.expected(lang) or None, found=self.found)

    def as_dict(self, lang: str = "fr") -> dict:
        """Plain fields for CSV and JSON reports."""
        return {"severity": self.severity, "code": self.code, "file": self.file, "sheet": self.sheet,
                "row": self.row, "column": self.column, "message": self.message(lang),
                "expected": self.expected(lang), "found": self.found}
