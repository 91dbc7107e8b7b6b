"""The exceptions Ancrage raises; turned into user messages only at the edges (CLI, explorer).

Messages name the file, the row or line, the field, what was expected and what was found.

>>> err = LoadError("unknown INSEE code", file="membres.csv", row=4, field="territoire",
...                 expected="a commune, EPCI, département or région code", found="99999")
>>> str(err)
"membres.csv, row 4, field 'territoire': unknown INSEE code (expected a commune, EPCI, département or région code; found '99999')"
"""

from __future__ import annotations

import errno

from .i18n import LANGS, localise, pick, t


class AncrageError(Exception):
    """Base class of every error Ancrage raises on purpose."""


class LocatedError(AncrageError):
    """An error about a place in an input: file, sheet, row or line, subject (the resource an RDF
    triple describes), field."""

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None,
                 row: int | None = None, line: int | None = None, field: str | None = None,
                 expected: str | None = None, found: object = None, subject: str | None = None):
        self.message, self.file, self.sheet, self.row, self.line = message, file, sheet, row, line
        self.field, self.expected, self.found, self.subject = field, expected, found, subject
        super().__init__(str(self))

    def where(self) -> str:
        parts = [p for p in (self.file, self.sheet and f"sheet {self.sheet!r}",
                             self.row is not None and f"row {self.row}",
                             self.line is not None and f"line {self.line}",
                             self.subject and f"subject {self.subject}",
                             self.field and f"field {self.field!r}") if p]
        return ", ".join(parts)

    def __str__(self) -> str:
        detail = []
        if self.expected:
            detail.append(f"expected {self.expected}")
        if self.found is not None:
            detail.append(f"found {self.found!r}")
        text = self.message + (f" ({'; '.join(detail)})" if detail else "")
        where = self.where()
        return f"{where}: {text}" if where else text


class LoadError(LocatedError):
    """A source could not be read or translated into the ontology."""


class ValidationError(LocatedError):
    """Data breaks a shape of the ontology or a consistency rule."""


class PrivacyError(LocatedError):
    """Personal data where it does not belong (a named private person, e-mail, phone, NIR)."""


class StoreError(AncrageError):
    """The store is missing, locked, or a write could not complete (nothing was changed).

    ``code`` names the case (``no-store``, ``write-busy``, ``link-dangling``…: see
    :mod:`kg.messages.store`); ``fr`` is the French message when there is one, shown first.

    >>> err = StoreError("the store is busy", fr="le magasin est occupé", code="write-busy")
    >>> err.render("en"), str(err).splitlines()
    ('the store is busy', ['le magasin est occupé', 'the store is busy'])
    """

    def __init__(self, message: str, *, fr: str | None = None, code: str = ""):
        self.en, self.fr, self.code = message, fr, code
        super().__init__(message if fr is None else f"{fr}\n{message}")

    def render(self, lang: str = "fr") -> str:
        """The message in ``lang`` (English when there is no French one)."""
        return pick(self.fr or self.en, self.en, lang)


def is_disk_full(err: BaseException) -> bool:
    """Whether an ``OSError`` means the disk is full (RocksDB only says so in its message).

    >>> is_disk_full(OSError("IO error: No space left on device: While appending to file"))
    True
    """
    return getattr(err, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "No space left" in str(err)


class QueryError(AncrageError):
    """A query is unknown, malformed, lacks a parameter, or tries to write."""


class ConfigError(AncrageError):
    """A setting has an invalid value."""


class BilingualQueryError(QueryError):
    """A query refused or stopped: the message ``key`` of :mod:`kg.messages.queries` with its values.

    ``str()`` gives both languages (``français / English``, as the CLI prints); :meth:`text` one of
    them (the explorer shows the visitor's language).

    >>> err = BilingualQueryError("query.federated-refused", target="<http://x>")
    >>> err.text("en")
    'refused: federated query (SERVICE <http://x>); queries here read the local graph only'
    """

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        self.fr, self.en = (self.text(lang) for lang in LANGS)
        super().__init__(f"{self.fr} / {self.en}")

    def text(self, lang: str = "fr") -> str:
        return t(self.key, lang, **localise(self.values, lang))


class QueryLimitError(BilingualQueryError):
    """A query passed its time or memory limit (``kind`` "time", "memory"), or could not start
    ("busy"), and was stopped (its worker process killed).

    >>> print(QueryLimitError("time", 30).text("en"))
    the query went over its time limit (30 s) and was stopped; narrow it (a territory, a LIMIT) or raise the limit (setting query_timeout, --timeout)
    """

    def __init__(self, kind: str, limit: float):
        self.kind, self.limit = kind, limit
        super().__init__("query.limit-" + (kind if kind in ("time", "memory") else "busy"), limit=limit)
