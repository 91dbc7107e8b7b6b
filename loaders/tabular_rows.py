"""From raw sheets to checked records: every cell read, every problem located.

A row with at least one error is refused (its problems say why); a row with only warnings is
kept. Sheets are read in dependency order across all the files of one import: project
territories, then actors and committees (whose ids other sheets refer to), then memberships
and partnerships. A reference to a refused row is itself an error, so the graph never holds
half a relation.

>>> from loaders.tabular_read import read_bytes
>>> raw = read_bytes("id;nom;catégorie;territoire\\ncaf-65;CAF des Hautes-Pyrénées;CAF;65\\n".encode(), "acteurs.csv")
>>> result = check([raw])
>>> [(r.id, r.categories, r.territory.code) for r in result.records]
[('caf-65', ('protection-sociale',), '65')]
>>> result.problems
[]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from kg.namespaces import ANC, SKOS, entity, slug
from kg.ntriples import is_iri, nt_iri
from kg.privacy import check_actor_name, check_group_name, hidden_char, scan_text, strip_invisible
from kg.text import name_key

from .cog import LEVELS, Reference
from .tabular_messages import Problem
from .tabular_read import Formula, RawFile, RawSheet
from .tabular_vocab import IGNORED_SHEETS, SHEETS_BY_KEY, VOCABS, Column, Sheet, find_sheet, sheet_from_header

MAX_CELL = 5_000
MAX_NAME = 300
MAX_ID = 100
GROUP_CATEGORIES = {"personnes-accompagnees", "travailleurs-sociaux", "elus"}
#: Categories where a named person may hold a public role (public officials, elected officials,
#: researchers and trainers); a person in any other category is refused.
PUBLIC_ROLE_CATEGORIES = {
    "instances-nationales", "administration-centrale", "services-etat", "services-deconcentres",
    "collectivite-territoriale", "collectivite-region", "collectivite-departement", "collectivite-epci",
    "collectivite-commune", "protection-sociale", "elus", "universite-recherche", "formation", "operateurs-appui",
}
#: File-level problems that stop every row of a file from being read (each row counts as refused).
BLOCKING = {"duplicate-source", "source-collision"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPLIT = re.compile(r"\s*[|;,]\s*")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.I)


# -- records --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TerritoryRef:
    """A territory a row points to (administrative, or a project territory of the import)."""

    iri: str
    code: str
    level: str
    name: str


@dataclass(frozen=True)
class _Located:
    file: str
    sheet: str
    row: int


@dataclass(frozen=True)
class ProjectTerritoryRecord(_Located):
    id: str
    iri: str
    name: str
    parts: tuple[TerritoryRef, ...]
    within: tuple[TerritoryRef, ...]
    note: str | None = None
    citation: str | None = None
    rows: tuple[int, ...] = ()


@dataclass(frozen=True)
class ActorRecord(_Located):
    id: str
    iri: str
    name: str
    kind: str  # organisation | groupe | personne
    categories: tuple[str, ...]
    territory: TerritoryRef | None = None
    scales: tuple[str, ...] = ()
    worlds: tuple[str, ...] = ()
    acronym: str | None = None
    url: str | None = None
    note: str | None = None
    citation: str | None = None
    part_of: str | None = None  # IRI of the parent institution (org:subOrganizationOf)
    same_as: str | None = None  # IRI of a known actor that is the same institution (owl:sameAs)
    siret: str | None = None  # SIREN (9 digits) or SIRET (14 digits)
    finess: str | None = None


@dataclass(frozen=True)
class CommitteeRecord(_Located):
    id: str
    iri: str
    name: str
    territory: TerritoryRef
    created: dt.date | None = None
    worlds: tuple[str, ...] = ()
    url: str | None = None
    note: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class MembershipRecord(_Located):
    iri: str
    member: str
    committee: str
    role: str
    id: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    participation: str | None = None
    scales: tuple[str, ...] = ()
    note: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class PartnershipRecord(_Located):
    iri: str
    participants: tuple[str, ...]
    id: str | None = None
    natures: tuple[str, ...] = ()
    scales: tuple[str, ...] = ()
    participation: str | None = None
    worlds: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    note: str | None = None
    citation: str | None = None


Record = ProjectTerritoryRecord | ActorRecord | CommitteeRecord | MembershipRecord | PartnershipRecord


@dataclass
class SheetRead:
    """One sheet of one file, as read: which template sheet, how many rows kept and refused."""

    file: str
    name: str
    kind: str | None
    rows: int = 0
    kept: int = 0
    refused: int = 0


@dataclass
class CheckResult:
    records: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetRead] = field(default_factory=list)


# -- dates ------------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")


def parse_date(value) -> tuple[dt.date | None, tuple[str, str] | None]:
    """``(date, None)`` or ``(None, (hint_fr, hint_en))``.

    >>> parse_date("21/09/2018")[0], parse_date("2018-09-21")[0]
    (datetime.date(2018, 9, 21), datetime.date(2018, 9, 21))
    >>> parse_date("09/21/2018")[1][1]
    ' — day and month swapped?'
    >>> parse_date("31/02/2019")[1][1]
    ' — this day does not exist'
    """
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, (" — nombre de série Excel ? Mettez la cellule au format date",
                      " — an Excel serial number? Format the cell as a date")
    text = str(value).strip()
    m = _DMY.match(text)
    if m:
        d, mth, y = (int(g) for g in m.groups())
        if len(m.group(3)) != 4:
            return None, (" — année sur 4 chiffres", " — 4-digit year")
    else:
        m = _YMD.match(text)
        if not m:
            return None, ("", "")
        y, mth, d = (int(g) for g in m.groups())
    if not 1900 <= y <= 2100:
        return None, (" — année hors de 1900–2100", " — year outside 1900–2100")
    try:
        return dt.date(y, mth, d), None
    except ValueError:
        if mth > 12 and d <= 12:
            return None, (" — jour et mois inversés ?", " — day and month swapped?")
        return None, (" — ce jour n'existe pas", " — this day does not exist")


# -- the checker ------------------------------------------------------------------------------------

@dataclass
class _Def:
    kind: str  # actor | committee
    iri: str
    where: tuple[str, str, int]
    ok: bool = True


def _where(file: str, sheet: str, row: int) -> dict:
    return {"other_fr": f"{file}, feuille « {sheet} », ligne {row}",
            "other_en": f"{file}, sheet '{sheet}', row {row}"}


@dataclass
class _Kept:
    """A kept actor or committee row, until its id is compared with the store's."""

    iri: str
    name: str
    file: str
    sheet: str
    row: int
    header: str
    ident: str
    update: bool
    record: object
    kind: str
    categories: tuple[str, ...]


_KIND_CLASSES = {"organisation": {"Organisation", "WorkingGroup"}, "groupe": {"Group"},
                 "personne": {"PublicRolePerson"}, "comite": {"LocalCommittee"}}
_CLASS_FR = {"Organisation": "organisation", "Group": "groupe", "PublicRolePerson": "personne (rôle public)",
             "LocalCommittee": "comité local", "WorkingGroup": "groupe de travail"}
_CLASS_EN = {"Organisation": "organisation", "Group": "group", "PublicRolePerson": "person (public role)",
             "LocalCommittee": "local committee", "WorkingGroup": "working group"}


def _text(value) -> str:
    """A cell as text (numbers without a useless ``.0``, dates in ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    return str(value)


class _Silent(dict):
    """Headers of a row already refused for its structure: missing values are not reported."""


class Checker:
    """Checks the sheets of one import (all its files together)."""

    def __init__(self, reference: Reference | None = None, store=None, progress=None):
        self.ref = reference or Reference.get()
        self.store = store
        self.progress = progress  # called with (rows done, rows in all) every few hundred rows
        self.done = self.total = 0
        self.result = CheckResult()
        self.defs: dict[str, _Def] = {}
        self.projects: dict[str, ProjectTerritoryRecord | None] = {}
        self.relations: dict[str, tuple[str, str, int]] = {}
        self._store_cache: dict[tuple[str, str], object] = {}

    # -- entry point ----------------------------------------------------------------------------
    def run(self, files: list[RawFile]) -> CheckResult:
        plan: dict[str, list[tuple[RawFile, RawSheet, Sheet, dict[int, Column], str]]] = {k: [] for k in SHEETS_BY_KEY}
        for raw in files:
            recognised = 0
            is_xlsx = raw.name.lower().endswith((".xlsx", ".xlsm"))
            start = len(self.result.problems)
            classified = [(sheet, self._classify(raw, sheet)) for sheet in raw.sheets]
            csv_spec = next((spec for _s, spec in classified if spec is not None), None)
            if not is_xlsx and csv_spec is not None:  # a CSV file's located problems belong to its one sheet
                raw.problems = [dataclasses.replace(p, sheet=csv_spec.key) if p.row is not None and p.sheet is None
                                else p for p in raw.problems]
            self.result.problems[start:start] = raw.problems
            # an empty sheet of a workbook is fine when another sheet has rows (a template
            # filled in part); an empty CSV file, or a workbook without any row, is an error
            any_rows = any(sheet.rows for sheet, spec in classified if spec is not None)
            blocked = any(p.code in BLOCKING for p in raw.problems)
            for sheet, spec in classified:
                if spec is None:
                    continue
                recognised += 1
                display = sheet.name if is_xlsx else spec.key
                read = SheetRead(raw.name, display, spec.key, rows=len(sheet.rows) + sheet.skipped,
                                 refused=sheet.skipped)
                self.result.sheets.append(read)
                if blocked:
                    read.refused = read.rows
                    continue
                if not sheet.rows:
                    if not (is_xlsx and any_rows):
                        self._add(Problem.make("empty-sheet", file=raw.name, sheet=display))
                    continue
                columns = self._columns(raw, sheet, spec, display)
                if columns is None:
                    read.refused = read.rows
                    continue
                plan[spec.key].append((raw, sheet, spec, columns, display))
            fatal = any(p.is_error and p.row is None for p in raw.problems)
            if not recognised and not fatal and not any(p.code in ("bad-encoding", "binary-file", "unclosed-quote")
                                                        for p in raw.problems):
                self._add(Problem.make("no-sheet", file=raw.name, found=", ".join(s.name for s in raw.sheets) or None))
        self.total = sum(len(item[1].rows) for items in plan.values() for item in items)
        for kind in ("territoires_projet", "acteurs", "comites", "adhesions", "partenariats"):
            for raw, sheet, spec, columns, display in plan[kind]:
                getattr(self, f"_sheet_{kind}")(raw, sheet, columns, display)
        return self.result

    def _add(self, problem: Problem) -> None:
        self.result.problems.append(problem)

    def _read_of(self, file: str, display: str) -> SheetRead:
        for s in self.result.sheets:
            if s.file == file and s.name == display:
                return s
        raise KeyError((file, display))

    # -- sheets and columns ---------------------------------------------------------------------
    def _classify(self, raw: RawFile, sheet: RawSheet) -> Sheet | None:
        is_csv = not raw.name.lower().endswith((".xlsx", ".xlsm"))
        name = raw.name.rsplit(".", 1)[0] if is_csv else sheet.name
        if not is_csv and name_key(name) in IGNORED_SHEETS:
            return None
        spec = find_sheet(name) or sheet_from_header(sheet.header)
        if spec is None:
            if is_csv or sheet.header:
                self._add(Problem.make("unknown-sheet", file=raw.name, sheet=None if is_csv else sheet.name,
                                       found=" | ".join(h for h in sheet.header if h)[:200] or None))
            return None
        return spec

    def _columns(self, raw: RawFile, sheet: RawSheet, spec: Sheet, display: str) -> dict[int, Column] | None:
        mapping: dict[int, Column] = {}
        seen: dict[str, int] = {}
        ok = True
        for i, header in enumerate(sheet.header):
            if not header:
                continue
            col = spec.column(header)
            if col is None:
                self._add(Problem.make("unknown-column", file=raw.name, sheet=display, row=sheet.header_row,
                                       column=header, found=header,
                                       columns_fr=", ".join(c.fr for c in spec.columns),
                                       columns_en=", ".join(c.en for c in spec.columns)))
                continue
            if col.fr in seen:
                self._add(Problem.make("duplicate-column", file=raw.name, sheet=display, row=sheet.header_row,
                                       column=header, found=header, other=seen[col.fr] + 1))
                ok = False
                continue
            seen[col.fr] = i
            mapping[i] = col
        for col in spec.columns:
            if col.required and col.fr not in seen:
                self._add(Problem.make("missing-column", file=raw.name, sheet=display, row=sheet.header_row,
                                       column=col.fr, column_en=col.en,
                                       found=" | ".join(h for h in sheet.header if h)[:200]))
                ok = False
        return mapping if ok else None

    # -- one row ----------------------------------------------------------------------------------
    def _row(self, raw: RawFile, sheet: RawSheet, row, columns: dict[int, Column], display: str):
        """Generic checks of every cell; (values by column fr name, header by name, problems)."""
        problems: list[Problem] = [dataclasses.replace(p, sheet=display) for p in row.problems]
        values: dict[str, object] = {}
        headers: dict[str, str] = {col.fr: sheet.header[i] for i, col in columns.items()}
        loc = dict(file=raw.name, sheet=display, row=row.number)
        if problems:  # the cells of a row that could not be split are not worth checking one by one
            return values, _Silent(headers), problems, loc
        for i, col in columns.items():
            header = sheet.header[i]
            headers[col.fr] = header
            value = row.cells[i] if i < len(row.cells) else None
            if isinstance(value, str) and not isinstance(value, Formula):
                if _is_formula_text(value):
                    value = Formula(value)
                else:
                    value = value.strip()
            if isinstance(value, Formula):
                problems.append(Problem.make("formula", column=header, found=str(value), **loc))
                continue
            if value is None or value == "":
                continue
            if isinstance(value, str):
                hidden = hidden_char(value)
                if hidden is not None:
                    problems.append(Problem.make("bidi-control", column=header, found=value.encode(
                        "unicode_escape").decode("ascii"), char=f"U+{ord(hidden):04X}", **loc))
                    continue
                visible = strip_invisible(value).strip()
                if visible != value:
                    if not visible:
                        if col.kind in ("name", "id"):
                            problems.append(Problem.make("invisible-name", column=header, found=value.encode(
                                "unicode_escape").decode("ascii"), **loc))
                        continue
                    value = visible
                limit = MAX_NAME if col.kind == "name" else MAX_ID if col.kind in ("id", "ref") else MAX_CELL
                if len(value) > limit:
                    code = "bad-id" if col.kind in ("id", "ref") and len(value) <= MAX_CELL else "huge-cell"
                    problems.append(Problem.make(code, column=header, found=value, n=len(value), max=limit, **loc))
                    continue
                m = _CONTROL.search(value)
                if m:
                    problems.append(Problem.make("control-char", column=header, found=value,
                                                 char=f"U+{ord(m.group()):04X}", **loc))
                    continue
                # closed lists, territories and dates refuse anything else; every other cell is read
                free = not col.kind.startswith(("vocab", "territory", "date", "official"))
                for finding in scan_text(value) if free else ():
                    if col.kind == "name" and finding.kind == "person-in-text":
                        continue  # names are checked by what the row is (group, organisation, person)
                    problems.append(Problem.make("personal-data", column=header, found=finding.masked,
                                                 reason_fr=finding.reason_fr, reason_en=finding.reason_en, **loc))
                    break
                if col.kind == "name":
                    value = " ".join(value.split())
            values[col.fr] = value
        return values, headers, problems, loc

    def _required(self, values, headers, columns, name: str, problems, loc, what_fr: str, what_en: str):
        if isinstance(headers, _Silent):
            return False
        if values.get(name) in (None, ""):
            header = headers.get(name) or name
            if not any(p.column == header for p in problems):  # a formula or huge cell already said why
                problems.append(Problem.make("required", column=header, what_fr=what_fr, what_en=what_en, **loc))
            return False
        return True

    def _vocab(self, scheme: str, value, header: str, problems, loc, many: bool) -> tuple[str, ...]:
        if value in (None, ""):
            return ()
        parts = [p for p in _SPLIT.split(_text(value)) if p] if many else [_text(value)]
        vocab = VOCABS[scheme]
        out: list[str] = []
        for part in parts:
            code = vocab.match(part)
            if code is None:
                sugg = vocab.suggest(part)
                hint_fr = f" — vouliez-vous dire : {', '.join(sugg)} ?" if sugg else ""
                hint_en = f" — did you mean: {', '.join(sugg)}?" if sugg else ""
                problems.append(Problem.make("unknown-value", column=header, found=part, hint_fr=hint_fr,
                                             hint_en=hint_en, choices_fr=vocab.choices("fr"),
                                             choices_en=vocab.choices("en"), **loc))
            elif code not in out:
                out.append(code)
        return tuple(out)

    def _date(self, value, header: str, problems, loc) -> dt.date | None:
        if value in (None, ""):
            return None
        date, hint = parse_date(value)
        if date is None:
            problems.append(Problem.make("bad-date", column=header, found=_text(value), hint_fr=hint[0],
                                         hint_en=hint[1], **loc))
        return date

    def _url(self, value, header, problems, loc) -> str | None:
        if value in (None, ""):
            return None
        text = _text(value)
        if not _URL.match(text) or not is_iri(text):
            problems.append(Problem.make("bad-url", column=header, found=text, **loc))
            return None
        return text

    def _territory(self, value, level_value, header, level_header, problems, loc) -> TerritoryRef | None:
        if value in (None, ""):
            return None
        text = _text(value).strip()
        level = None
        if level_value not in (None, ""):
            codes = self._vocab("level", level_value, level_header, problems, loc, many=False)
            level = codes[0] if codes else None
            if codes and level not in LEVELS and level != "territoire-projet":
                problems.append(Problem.make("unknown-value", column=level_header, found=_text(level_value),
                                             choices_fr=", ".join(LEVELS) + ", territoire-projet",
                                             choices_en=", ".join(LEVELS) + ", territoire-projet", **loc))
                return None
        pkey = slug(text)
        if pkey in self.projects and level in (None, "territoire-projet"):
            project = self.projects[pkey]
            if project is None:
                problems.append(Problem.make("ref-rejected", column=header, found=text,
                                             other_fr=f"territoire de projet « {text} »",
                                             other_en=f"project territory '{text}'", **loc))
                return None
            return TerritoryRef(project.iri, project.id, "territoire-projet", project.name)
        if level == "territoire-projet":
            problems.append(Problem.make("unknown-territory", column=header, found=text, **loc))
            return None
        res = self.ref.resolve(text, level)
        t = res.territory
        if t is None:
            if res.reason == "ambiguous":
                problems.append(Problem.make(
                    "ambiguous-territory", column=header, found=text,
                    candidates_fr=", ".join(c.label("fr") for c in res.candidates[:6]),
                    candidates_en=", ".join(c.label("en") for c in res.candidates[:6]), **loc))
            else:
                code = "unknown-insee-code" if res.reason == "unknown-code" else "unknown-territory"
                sugg = res.candidates
                hint_fr = (" — vouliez-vous dire : " + ", ".join(c.label("fr") for c in sugg) + " ?") if sugg else ""
                hint_en = (" — did you mean: " + ", ".join(c.label("en") for c in sugg) + "?") if sugg else ""
                problems.append(Problem.make(code, column=header, found=text, hint_fr=hint_fr, hint_en=hint_en, **loc))
            return None
        if res.note == "zero-padded":
            problems.append(Problem.make("zero-padded", column=header, found=text, insee=t.code, name=t.name, **loc))
        elif res.note == "former-commune" and res.former is not None:
            kind_fr = {"deleguee": "déléguée", "associee": "associée"}.get(res.former.kind, res.former.kind)
            kind_en = {"deleguee": "delegated", "associee": "associated"}.get(res.former.kind, res.former.kind)
            problems.append(Problem.make("former-commune", column=header, found=text, kind=kind_fr, kind_en=kind_en,
                                         name=t.name, insee=t.code, **loc))
        elif res.note == "other-levels" and res.candidates:
            problems.append(Problem.make(
                "other-levels", column=header, found=text, chosen_fr=t.label("fr"), chosen_en=t.label("en"),
                others_fr=", ".join(c.label("fr") for c in res.candidates[:4]),
                others_en=", ".join(c.label("en") for c in res.candidates[:4]), **loc))
        return TerritoryRef(t.iri, t.code, t.level, t.name)

    def _define(self, kind: str, ident: str, header: str, problems, loc) -> tuple[str, str] | None:
        """Register an id; (key, iri) or None when invalid or already used."""
        k = slug(ident)
        if not re.search(r"[^\W_]", ident):  # no letter or digit at all ("???", "---")
            problems.append(Problem.make("bad-id", column=header, found=ident, **loc))
            return None
        iri = str(entity("committee" if kind == "committee" else "actor", ident))
        if k in self.defs:
            d = self.defs[k]
            problems.append(Problem.make("duplicate-id", column=header, found=ident, **_where(*d.where), **loc))
            return None
        self.defs[k] = _Def(kind, iri, (loc["file"], loc["sheet"], loc["row"]))
        return k, iri

    def _ref(self, value, header: str, problems, loc, want: str) -> str | None:
        """The IRI an id cell refers to (``want``: "actor-or-committee" or "committee")."""
        text = _text(value).strip()
        if text.startswith(("http://", "https://")):
            if self._store_has(text, want):
                return text
            problems.append(self._dangling(text, header, want, loc))
            return None
        d = self.defs.get(slug(text))
        if d is not None:
            if not d.ok:
                problems.append(Problem.make("ref-rejected", column=header, found=text, **_where(*d.where), **loc))
                return None
            if want == "committee" and d.kind != "committee":
                problems.append(Problem.make("wrong-ref-kind", column=header, found=text, **loc))
                return None
            return d.iri
        kinds = ("committee",) if want == "committee" else ("actor", "committee")
        for kind in kinds:
            iri = str(entity(kind, text))
            if self._store_has(iri, want):
                return iri
        problems.append(self._dangling(text, header, want, loc))
        return None

    def _dangling(self, text, header, want, loc) -> Problem:
        if want == "committee":
            return Problem.make("dangling-ref", column=header, found=text, kind="comité", kind_en="committee",
                                target="comites", target_en="committees", **loc)
        return Problem.make("dangling-ref", column=header, found=text, kind="acteur", kind_en="actor",
                            target="acteurs (ou comites)", target_en="actors (or committees)", **loc)

    def _store_has(self, iri: str, want: str) -> bool:
        if self.store is None:
            return False
        ck = (iri, want)
        if ck not in self._store_cache:
            try:
                if not is_iri(iri):
                    self._store_cache[ck] = False
                else:
                    q = f"ASK {{ {nt_iri(iri)} a <{ANC.LocalCommittee}> }}" if want == "committee" \
                        else f"ASK {{ {nt_iri(iri)} ?p ?o }}"
                    self._store_cache[ck] = bool(self.store.ask(q))
            except Exception:  # noqa: BLE001 - an unreadable store means "not known"
                self._store_cache[ck] = False
        return bool(self._store_cache[ck])

    def _finish(self, read: SheetRead, problems: list[Problem]) -> bool:
        self.done += 1
        if self.progress is not None and (self.done % 500 == 0 or self.done == self.total):
            self.progress(self.done, self.total)
        self.result.problems += problems
        if any(p.is_error for p in problems):
            read.refused += 1
            return False
        read.kept += 1
        return True

    # -- the sheets -------------------------------------------------------------------------------
    def _sheet_territoires_projet(self, raw, sheet, columns, display):
        read = self._read_of(raw.name, display)
        groups: dict[str, dict] = {}
        for row in sheet.rows:
            values, headers, problems, loc = self._row(raw, sheet, row, columns, display)
            ok = self._required(values, headers, columns, "id", problems, loc, "l'id du territoire de projet",
                                "the id of the project territory")
            ok &= self._required(values, headers, columns, "nom", problems, loc, "son nom", "its name")
            ok &= self._required(values, headers, columns, "composante", problems, loc,
                                 "un EPCI ou une commune (code ou nom)", "an EPCI or a commune (code or name)")
            part = None
            if ok:
                part = self._territory(values.get("composante"), values.get("niveau_composante"),
                                       headers["composante"], headers.get("niveau_composante", "niveau_composante"),
                                       problems, loc)
            ident = _text(values.get("id", ""))
            k = slug(ident) if ident else ""
            if ok and k:
                g = groups.setdefault(k, {"id": ident, "name": values["nom"], "parts": [], "rows": [],
                                          "first": loc, "note": None, "citation": None, "ok": False})
                if name_key(values["nom"]) != name_key(g["name"]):
                    problems.append(Problem.make("inconsistent-name", column=headers["nom"], found=values["nom"],
                                                 **_where(g["first"]["file"], g["first"]["sheet"], g["first"]["row"]),
                                                 **loc))
            if self._finish(read, problems) and part is not None:
                g = groups[k]
                if part not in g["parts"]:
                    g["parts"].append(part)
                g["rows"].append(row.number)
                g["ok"] = True
                g["note"] = g["note"] or values.get("note")
                g["citation"] = g["citation"] or values.get("source")
            elif k and k not in groups:
                self.projects.setdefault(k, None)
        for k, g in groups.items():
            if not g["ok"]:
                self.projects[k] = None
                continue
            first = g["first"]
            record = ProjectTerritoryRecord(
                first["file"], first["sheet"], g["rows"][0], id=g["id"],
                iri=str(entity("territory/territoire-projet", g["id"])), name=g["name"], parts=tuple(g["parts"]),
                within=self._common_parents(g["parts"]), note=g["note"], citation=g["citation"], rows=tuple(g["rows"]))
            self.projects[k] = record
            self.result.records.append(record)

    def _common_parents(self, parts: list[TerritoryRef]) -> tuple[TerritoryRef, ...]:
        """The nearest territories containing every part (for ``geo:sfWithin``)."""
        chains = []
        for p in parts:
            if p.level == "territoire-projet":
                return ()
            chains.append({(t.level, t.code): t for t in self.ref.parents(p.code, p.level)})
        common = set(chains[0])
        for c in chains[1:]:
            common &= set(c)
        terr = {k: chains[0][k] for k in common}
        covered = set()
        for k in terr:
            covered |= {(t.level, t.code) for t in self.ref.parents(k[1], k[0])}
        nearest = [terr[k] for k in terr if k not in covered]
        return tuple(TerritoryRef(t.iri, t.code, t.level, t.name) for t in nearest)

    def _sheet_acteurs(self, raw, sheet, columns, display):
        read = self._read_of(raw.name, display)
        kept: list[tuple] = []
        pending: list[tuple] = []
        for row in sheet.rows:
            values, headers, problems, loc = self._row(raw, sheet, row, columns, display)
            has_id = self._required(values, headers, columns, "id", problems, loc, "un identifiant (ex. caf-65)",
                                    "an id (e.g. caf-65)")
            self._required(values, headers, columns, "nom", problems, loc, "le nom de l'acteur", "the actor's name")
            has_cat = self._required(values, headers, columns, "categorie", problems, loc,
                                     "une catégorie (code ou libellé)", "a category (code or label)")
            cats = self._vocab("category", values.get("categorie"), headers.get("categorie", ""), problems, loc, True)
            kinds = self._vocab("kind", values.get("type"), headers.get("type", ""), problems, loc, False)
            kind = kinds[0] if kinds else ("groupe" if set(cats) & GROUP_CATEGORIES else "organisation")
            name = values.get("nom")
            if "personnes-accompagnees" in cats:
                if kind == "personne":
                    problems.append(Problem.make("person-in-group-category", column=headers.get("type", "type"),
                                                 found=_text(values.get("type")), **loc))
                kind = "groupe"
            self._check_privacy(values, headers, problems, loc, kind, cats)
            territory = self._territory(values.get("territoire"), values.get("niveau_territoire"),
                                        headers.get("territoire", ""), headers.get("niveau_territoire", ""),
                                        problems, loc)
            scales = self._vocab("scale", values.get("echelle"), headers.get("echelle", ""), problems, loc, True)
            worlds = self._vocab("world", values.get("monde"), headers.get("monde", ""), problems, loc, True)
            url = self._url(values.get("site_web"), headers.get("site_web", ""), problems, loc)
            siret = self._official("siret", values.get("siret"), headers.get("siret", ""), problems, loc)
            finess = self._official("finess", values.get("finess"), headers.get("finess", ""), problems, loc)
            defined = None
            if has_id:
                defined = self._define("actor", _text(values["id"]), headers["id"], problems, loc)
            if self._finish(read, problems) and defined and has_cat:
                k, iri = defined
                self.result.records.append(ActorRecord(
                    raw.name, display, row.number, id=_text(values["id"]), iri=iri, name=name, kind=kind,
                    categories=cats, territory=territory, scales=scales, worlds=worlds,
                    acronym=values.get("sigle") and _text(values.get("sigle")), url=url,
                    note=values.get("note") and _text(values.get("note")),
                    citation=values.get("source") and _text(values.get("source")), siret=siret, finess=finess))
                kept.append(_Kept(iri, name, raw.name, display, row.number, headers["id"], _text(values["id"]),
                                   self._update(values, headers, problems, loc), self.result.records[-1], kind,
                                   cats))
                links = {c: (values[c], headers[c]) for c in ("rattachement", "meme_que") if values.get(c)}
                if links:
                    pending.append((kept[-1], links, loc))
            elif defined:
                self.defs[defined[0]].ok = False
        self._check_store_clashes(kept, read)
        self._resolve_links(pending, read)
        self._check_known(kept)

    def _official(self, kind: str, value, header: str, problems, loc) -> str | None:
        """A SIREN/SIRET (9 or 14 digits, spaces allowed) or a FINESS number (9 characters)."""
        if value in (None, ""):
            return None
        text = _text(value).replace(" ", "").replace("\u00a0", "").upper()
        ok = re.fullmatch(r"\d{9}|\d{14}", text) if kind == "siret" else re.fullmatch(r"[0-9]{2}[0-9AB][0-9]{6}", text)
        if ok:
            return text
        expected = ({"expected_fr": "un SIREN (9 chiffres) ou un SIRET (14 chiffres)",
                     "expected_en": "a SIREN (9 digits) or a SIRET (14 digits)"} if kind == "siret" else
                    {"expected_fr": "un numéro FINESS (9 caractères, ex. 650780018)",
                     "expected_en": "a FINESS number (9 characters, e.g. 650780018)"})
        problems.append(Problem.make("bad-official-id", column=header, found=_text(value), **expected, **loc))
        return None

    def _resolve_links(self, pending, read: SheetRead) -> None:
        """The parent (``rattachement``) and the known twin (``meme_que``) of kept rows, resolved once
        the whole sheet is read (a parent may come after its units); a dangling id refuses the row."""
        for k, links, loc in pending:
            if k.record not in self.result.records:
                continue
            problems: list[Problem] = []
            resolved = {c: self._ref(value, header, problems, loc, "actor-or-committee")
                        for c, (value, header) in links.items()}
            for c, iri in resolved.items():
                if iri == k.iri:
                    problems.append(Problem.make("self-ref", column=links[c][1], found=k.ident, **loc))
            if problems:
                self.result.problems += problems
                self.result.records.remove(k.record)
                self.defs[slug(k.ident)].ok = False
                read.kept -= 1
                read.refused += 1
                continue
            rec = dataclasses.replace(k.record, part_of=resolved.get("rattachement"), same_as=resolved.get("meme_que"))
            self.result.records[self.result.records.index(k.record)] = rec
            k.record = rec

    def _check_known(self, kept: list["_Kept"]) -> None:
        """Warn about rows that look like an actor the graph already knows (:mod:`kg.identity`)."""
        if self.store is None or not kept:
            return
        from kg.identity import Candidate, families_of, find_known, official_keys
        from kg.namespaces import graph_iri

        rows = {}
        for k in kept:
            rec = k.record
            if rec not in self.result.records or not isinstance(rec, ActorRecord) or rec.same_as or k.update:
                continue
            rows[rec.iri] = (k, Candidate(rec.iri, rec.name, rec.acronym, families_of(rec.categories),
                                          rec.territory.iri if rec.territory else None,
                                          frozenset(official_keys(siret=rec.siret, finess=rec.finess))))
        try:
            matches = find_known(self.store, [c for _, c in rows.values()],
                                 str(graph_iri(import_source_id(kept[0].file))))
        except Exception:  # noqa: BLE001 - an unreadable store means "nothing known"
            return
        why = {"official-id": ("même identifiant officiel", "same official identifier"),
               "name": ("même nom, territoire emboîté, même famille", "same name, nested territory, same family"),
               "acronym": ("même sigle, même territoire", "same acronym, same territory")}
        for m in matches:
            k = rows[m.iri][0]
            if m.known == k.iri:
                continue
            self._add(Problem.make("looks-known", file=k.file, sheet=k.sheet, row=k.row, column=k.header,
                                   found=k.ident, name=m.known_label, known=m.known_id,
                                   why=f"{why[m.reason][0]} : {m.detail}", why_en=f"{why[m.reason][1]}: {m.detail}"))

    def _sheet_comites(self, raw, sheet, columns, display):
        read = self._read_of(raw.name, display)
        kept: list[tuple] = []
        for row in sheet.rows:
            values, headers, problems, loc = self._row(raw, sheet, row, columns, display)
            has_id = self._required(values, headers, columns, "id", problems, loc, "un identifiant", "an id")
            self._required(values, headers, columns, "nom", problems, loc, "le nom du comité", "the committee's name")
            has_t = self._required(values, headers, columns, "territoire", problems, loc,
                                   "le territoire couvert (code INSEE ou nom)", "the territory covered (INSEE code or name)")
            territory = self._territory(values.get("territoire"), values.get("niveau_territoire"),
                                        headers.get("territoire", ""), headers.get("niveau_territoire", ""),
                                        problems, loc) if has_t else None
            self._check_privacy(values, headers, problems, loc, "comite", ())
            created = self._date(values.get("date_creation"), headers.get("date_creation", ""), problems, loc)
            worlds = self._vocab("world", values.get("monde"), headers.get("monde", ""), problems, loc, True)
            url = self._url(values.get("site_web"), headers.get("site_web", ""), problems, loc)
            defined = None
            if has_id:
                defined = self._define("committee", _text(values["id"]), headers["id"], problems, loc)
            if self._finish(read, problems) and defined and territory is not None:
                k, iri = defined
                self.result.records.append(CommitteeRecord(
                    raw.name, display, row.number, id=_text(values["id"]), iri=iri, name=values["nom"],
                    territory=territory, created=created, worlds=worlds, url=url,
                    note=values.get("note") and _text(values.get("note")),
                    citation=values.get("source") and _text(values.get("source"))))
                kept.append(_Kept(iri, values["nom"], raw.name, display, row.number, headers["id"],
                                   _text(values["id"]), self._update(values, headers, problems, loc),
                                   self.result.records[-1], "comite", ()))
            elif defined:
                self.defs[defined[0]].ok = False
        self._check_store_clashes(kept, read)

    def _check_privacy(self, values, headers, problems, loc, kind: str, cats: tuple[str, ...]) -> None:
        """Who a row may name: a group of people receiving support is never a person (its name
        and its free text name nobody); a person only in a public role and category; an
        organisation's name is not a private person's."""
        name = values.get("nom")
        named = {p.column for p in problems}
        if kind == "personne":
            if not set(cats) & PUBLIC_ROLE_CATEGORIES:
                problems.append(Problem.make(
                    "person-not-public", column=headers.get("type", "type"), found=_text(values.get("type")),
                    category=", ".join(cats), categories=", ".join(sorted(PUBLIC_ROLE_CATEGORIES)), **loc))
            return
        if isinstance(name, str) and name and headers.get("nom") not in named:
            finding = check_group_name(name) if kind == "groupe" else check_actor_name(name)
            if finding is not None:
                code = "named-person" if kind == "groupe" else "private-person"
                problems.append(Problem.make(code, column=headers["nom"], found=finding.masked,
                                             reason_fr=finding.reason_fr, reason_en=finding.reason_en, **loc))
        if kind != "groupe":
            return
        for column, value in values.items():  # the free text about a group names no one either
            header = headers.get(column)
            if column == "nom" or header in named or not isinstance(value, str) or \
                    SHEETS_BY_KEY["acteurs"].column(column).kind != "text":
                continue
            for finding in scan_text(value, names=True):
                problems.append(Problem.make("personal-data", column=header, found=finding.masked,
                                             reason_fr=finding.reason_fr, reason_en=finding.reason_en, **loc))
                break

    def _update(self, values, headers, problems, loc) -> bool:
        """Whether the row says it updates an entity already in the graph (column mise_a_jour)."""
        codes = self._vocab("update", values.get("mise_a_jour"), headers.get("mise_a_jour", ""), problems, loc, False)
        return codes == ("oui",)

    def _check_store_clashes(self, kept: list["_Kept"], read: SheetRead) -> None:
        """An id the graph already gives to another entity (another name or class) keeps its
        identity: the row is refused unless it says it is an update (mise_a_jour = oui)."""
        if not kept:
            return
        from kg.namespaces import graph_iri

        known = self._store_entities([k.iri for k in kept], str(graph_iri(import_source_id(kept[0].file))))
        for k in kept:
            where = dict(file=k.file, sheet=k.sheet, row=k.row, column=k.header, found=k.ident)
            entity = known.get(k.iri)
            if entity is None:
                if k.update:
                    self._add(Problem.make("update-unknown", **where))
                continue
            labels, classes = entity
            label = labels[0]
            same_class = bool(classes & _KIND_CLASSES[k.kind]) if classes else True
            if k.update:
                self._add(Problem.make("id-updated", name=label, **where))
            elif name_key(k.name) in {name_key(x) for x in labels} and same_class:
                self._add(Problem.make("id-same-in-store", name=label, **where))
            else:
                what_fr = ", ".join(_CLASS_FR.get(c, c) for c in sorted(classes)) or "entité"
                what_en = ", ".join(_CLASS_EN.get(c, c) for c in sorted(classes)) or "entity"
                self._add(Problem.make("id-in-store", name=label, what=what_fr, what_en=what_en, **where))
                self.result.records.remove(k.record)
                self.defs[slug(k.ident)].ok = False
                read.kept -= 1
                read.refused += 1

    def _store_entities(self, iris: list[str], graph_to_skip: str) -> dict[str, tuple[list[str], set[str]]]:
        """(labels, French first; classes) the store already gives these IRIs outside ``graph_to_skip``."""
        out: dict[str, tuple[list[str], set[str]]] = {}
        if self.store is None:
            return out
        for i in range(0, len(iris), 200):
            values = " ".join(nt_iri(iri) for iri in iris[i:i + 200] if is_iri(iri))
            try:
                rows = self.store.select(f"SELECT ?x ?l ?c WHERE {{ VALUES ?x {{ {values} }} "
                                         f"GRAPH ?g {{ ?x <{SKOS.prefLabel}> ?l }} FILTER(?g != <{graph_to_skip}>) "
                                         f"OPTIONAL {{ GRAPH ?h {{ ?x a ?c }} FILTER(?h != <{graph_to_skip}>) }} }} "
                                         f"ORDER BY ?x DESC(LANGMATCHES(LANG(?l), 'fr')) ?l").rows
            except Exception:  # noqa: BLE001 - an unreadable store means "nothing known"
                return out
            for x, label, cls in rows:
                labels, classes = out.setdefault(x, ([], set()))
                if label not in labels:
                    labels.append(label)
                if cls:
                    classes.add(str(cls).rsplit("#", 1)[-1])
        return out

    def _sheet_adhesions(self, raw, sheet, columns, display):
        read = self._read_of(raw.name, display)
        for row in sheet.rows:
            values, headers, problems, loc = self._row(raw, sheet, row, columns, display)
            has_m = self._required(values, headers, columns, "membre", problems, loc, "l'id d'un acteur",
                                   "the id of an actor")
            has_c = self._required(values, headers, columns, "comite", problems, loc, "l'id d'un comité",
                                   "the id of a committee")
            member = self._ref(values["membre"], headers["membre"], problems, loc, "actor") if has_m else None
            committee = self._ref(values["comite"], headers["comite"], problems, loc, "committee") if has_c else None
            roles = self._vocab("role", values.get("role"), headers.get("role", ""), problems, loc, False)
            role = roles[0] if roles else "membre"
            start = self._date(values.get("date_debut"), headers.get("date_debut", ""), problems, loc)
            end = self._date(values.get("date_fin"), headers.get("date_fin", ""), problems, loc)
            if start and end and end < start:
                problems.append(Problem.make("end-before-start", column=headers.get("date_fin"), found=_text(
                    values.get("date_fin")), start=start.strftime("%d/%m/%Y"), **loc))
            part = self._vocab("participation", values.get("niveau_participation"),
                               headers.get("niveau_participation", ""), problems, loc, False)
            scales = self._vocab("scale", values.get("echelle"), headers.get("echelle", ""), problems, loc, True)
            ident = _text(values.get("id")) or None
            iri = None
            if member and committee:
                mk, ck = member.rsplit("/", 1)[-1], committee.rsplit("/", 1)[-1]
                iri = str(entity("membership", ident if ident else f"{mk}-{ck}-{role}"))
                rkey = iri if ident else f"{member}|{committee}|{role}|{start}"
                if rkey in self.relations:
                    problems.append(Problem.make("duplicate-relation", found=f"{values['membre']} → {values['comite']}",
                                                 column=headers.get("membre"), **_where(*self.relations[rkey]), **loc))
                else:
                    self.relations[rkey] = (raw.name, display, row.number)
            if self._finish(read, problems) and iri:
                self.result.records.append(MembershipRecord(
                    raw.name, display, row.number, iri=iri, member=member, committee=committee, role=role, id=ident,
                    start=start, end=end, participation=part[0] if part else None, scales=scales,
                    note=values.get("note") and _text(values.get("note")),
                    citation=values.get("source") and _text(values.get("source"))))

    def _sheet_partenariats(self, raw, sheet, columns, display):
        read = self._read_of(raw.name, display)
        for row in sheet.rows:
            values, headers, problems, loc = self._row(raw, sheet, row, columns, display)
            refs: list[tuple[str, str]] = []
            for name in ("partenaire_1", "partenaire_2"):
                if self._required(values, headers, columns, name, problems, loc, "l'id d'un acteur ou d'un comité",
                                  "the id of an actor or committee"):
                    refs.append((_text(values[name]), headers[name]))
            if values.get("autres_partenaires"):
                for part in _SPLIT.split(_text(values["autres_partenaires"])):
                    if part:
                        refs.append((part, headers["autres_partenaires"]))
            participants: list[str] = []
            for text, header in refs:
                iri = self._ref(text, header, problems, loc, "actor")
                if iri is None:
                    continue
                if iri in participants:
                    problems.append(Problem.make("self-partnership", column=header, found=text, **loc))
                participants.append(iri)
            natures = self._vocab("partnership-nature", values.get("nature"), headers.get("nature", ""), problems,
                                  loc, True)
            scales = self._vocab("scale", values.get("echelle"), headers.get("echelle", ""), problems, loc, True)
            part = self._vocab("participation", values.get("niveau_participation"),
                               headers.get("niveau_participation", ""), problems, loc, False)
            worlds = self._vocab("world", values.get("monde"), headers.get("monde", ""), problems, loc, True)
            start = self._date(values.get("date_debut"), headers.get("date_debut", ""), problems, loc)
            end = self._date(values.get("date_fin"), headers.get("date_fin", ""), problems, loc)
            if start and end and end < start:
                problems.append(Problem.make("end-before-start", column=headers.get("date_fin"),
                                             found=_text(values.get("date_fin")), start=start.strftime("%d/%m/%Y"),
                                             **loc))
            ident = _text(values.get("id")) or None
            iri = None
            if len(set(participants)) >= 2 and not any(p.is_error for p in problems):
                keys = sorted(p.rsplit("/", 1)[-1] for p in set(participants))
                iri = str(entity("partnership", ident if ident else "-".join(keys + list(natures[:1]))))
                rkey = iri
                if rkey in self.relations:
                    problems.append(Problem.make("duplicate-relation", column=headers.get("partenaire_1"),
                                                 found=" ↔ ".join(t for t, _ in refs), **_where(*self.relations[rkey]),
                                                 **loc))
                else:
                    self.relations[rkey] = (raw.name, display, row.number)
            if self._finish(read, problems) and iri:
                self.result.records.append(PartnershipRecord(
                    raw.name, display, row.number, iri=iri, participants=tuple(participants), id=ident,
                    natures=natures, scales=scales, participation=part[0] if part else None, worlds=worlds,
                    start=start, end=end, note=values.get("note") and _text(values.get("note")),
                    citation=values.get("source") and _text(values.get("source"))))


def _is_formula_text(text: str) -> bool:
    """Text a spreadsheet would run as a formula (CSV injection): ``=…``, ``@…``, ``+cmd|…``.

    >>> _is_formula_text("=cmd|' /C calc'!A0"), _is_formula_text("+33 6 12 34 56 78"), _is_formula_text("-2+3+cmd|x")
    (True, False, True)
    """
    t = text.lstrip(" \t\r\n")
    if not t:
        return False
    if t[0] in "=@":
        return True
    if t[0] in "+-" and len(t) > 1:
        return bool(re.search(r"[|!(=]", t)) and not re.fullmatch(r"[+\-]?[\d\s.]+", t)
    return False


def import_source_id(file_name: str) -> str:
    """Source id of an imported file: ``import-<file stem>``.

    >>> import_source_id("Membres du comité (v2).xlsx")
    'import-membres-du-comite-v2'
    """
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    return "import-" + slug(stem)


def check(files: list[RawFile], reference: Reference | None = None, store=None, progress=None) -> CheckResult:
    """Check raw files together (their ids see each other); records kept and problems.

    ``progress``: called with (rows checked, rows in all) as the check goes.
    """
    return Checker(reference, store, progress).run(files)


__all__ = ["ActorRecord", "CommitteeRecord", "MembershipRecord", "PartnershipRecord", "ProjectTerritoryRecord",
           "TerritoryRef", "Record", "CheckResult", "SheetRead", "check", "parse_date", "import_source_id"]
