"""The seed dataset: human-editable YAML in ``data/seed/`` translated into the Ancrage model.

The seed holds what the source document (the proceedings of the HCTS seminar of 21 September
2018) names: actors, pioneer committees, relations, policies, events, productions and the
survey's findings. Each file is a YAML list of records; each record has a ``type`` (or the
default type of its file, see :data:`FILE_DEFAULT_TYPES`) and cites the sections of the
document it comes from (``source: [s2, s7-4]``).

The translation is declarative: :data:`MAPPING` (in :mod:`loaders.seed_mapping`) says, for
each record type, which class it becomes, how its IRI is made, and for each field which
property it feeds and what kind of value it holds (:class:`Field`). The mapping is checked
against :mod:`kg.namespaces` when this module is imported. :func:`parse` is pure (documents in, triples out) and refuses the whole seed
when anything is wrong (:class:`SeedError`, a :class:`kg.errors.LoadError` naming the file, the
record, the field, what was expected and what was found); :func:`load` reads the folder and
returns a :class:`kg.sources.Source`.

>>> docs = {"sources.yaml": [{"type": "document", "id": "seminaire-2018", "title": "Actes"},
...                          {"type": "section", "id": "s8", "number": "8", "title": "Conclusion"}],
...         "actors.yaml": [{"type": "organisation", "id": "ansa", "label": "ANSA",
...                          "category": ["operateurs-appui"], "source": ["s8"]}]}
>>> triples = list(parse(docs))
>>> (entity("actor", "ansa"), RDF.type, ANC.Organisation) in triples
True
>>> (entity("actor", "ansa"), DCTERMS.source, section_iri("s8")) in triples
True
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg import namespaces as ns
from kg import privacy
from kg.errors import LoadError
from kg.i18n import t
from kg.namespaces import ANC, entity
from kg.paths import shipped
from kg.sources import Source

from .seed_mapping import (CONTEXT_REFERENCE, DOCUMENT_KEY, FILE_DEFAULT_TYPES, KINDS, MAPPING,  # noqa: F401
                           META_FIELDS, REUSED_PROPERTIES, F, Field, RecordType, check_mapping,
                           membership_key)

DEFAULT_SEED_DIR = shipped("data", "seed")
#: the text of the source document, with the line numbers of the original (e-mail addresses and
#: phone numbers removed); ``lines:`` fields cite it and their passages quote it
SOURCE_TEXT_FILE = "source-document.txt"
#: source id of the territorial reference, cited by territories kept as context (``context:``)
REFERENCE_SOURCE_ID = "cog"
SOURCE_ID = "seed"
TITLE = "Jeu de données initial : séminaire HCTS du 21 septembre 2018 / Seed dataset: HCTS seminar of 21 September 2018"
LICENCE = ("Licence Ouverte / Etalab 2.0 for the data derived here; the source document is a public "
           "publication of the Haut Conseil du travail social (HCTS)")
URL = "http://solidarites-sante.gouv.fr/travail-social"
PUBLISHER = "Ancrage"
DESCRIPTION = ("Acteurs, comités préfigurateurs, relations, politiques, événements, productions et "
               "résultats d'enquête nommés par les actes du séminaire de lancement des comités locaux "
               "du travail social et du développement social (HCTS, 21 septembre 2018). / Actors, "
               "pioneer committees, relations, policies, events, productions and survey findings "
               "named by the proceedings of the HCTS launch seminar of 21 September 2018.")

LANGS = ("fr", "en")


def section_iri(key: str) -> URIRef:
    """IRI of a section of the source document from its key (``s4``, ``s7-2``).

    >>> str(section_iri("s7-2"))
    'https://w3id.org/ancrage/id/section/seminaire-2018-s7-2'
    """
    return entity("section", f"{DOCUMENT_KEY}-{key}")


# =============================================================================================
# The source text: passages by line
# =============================================================================================

_HEADING = re.compile(r"^#+ ► (\d+(?:[.-]\d)?) [-–]")
_MARKUP = re.compile(r"<[^>]+>|\*\*|\*|^#+\s*|^[-•]\s+|[✓→↳►]\s*|\\")


@dataclass(frozen=True)
class Passage:
    """Lines ``start``..``end`` (1-based, inclusive) of the source document, in section ``section``."""

    start: int
    end: int
    section: str | None
    quote: str

    @property
    def iri(self) -> URIRef:
        return passage_iri(self.start, self.end)


def passage_iri(start: int, end: int) -> URIRef:
    """IRI of a passage of the source document.

    >>> str(passage_iri(660, 661))
    'https://w3id.org/ancrage/id/passage/seminaire-2018-l660-661'
    """
    return entity("passage", f"{DOCUMENT_KEY}-l{start}-{end}")


class SourceText:
    """The source document's lines and the section each line belongs to (``s7-4``…; None before s1)."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.sections: list[str | None] = []
        current = None
        for line in self.lines:
            m = _HEADING.match(line)
            if m:
                current = "s" + m.group(1).replace(".", "-")
            self.sections.append(current)

    def passage(self, start: int, end: int) -> Passage:
        """The passage of lines ``start``..``end``; ``ValueError`` saying why it is not one."""
        if not 1 <= start <= end <= len(self.lines):
            raise ValueError(f"lines {start}-{end} outside the document (1-{len(self.lines)})")
        sections = {self.sections[i - 1] for i in range(start, end + 1)}
        if len(sections) > 1:
            raise ValueError(f"lines {start}-{end} run over sections {sorted(map(str, sections))}")
        parts = [_clean(self.lines[i - 1]) for i in range(start, end + 1)]
        quote = " ".join(p for p in parts if p)
        if not quote:
            raise ValueError(f"lines {start}-{end} are blank")
        return Passage(start, end, sections.pop(), quote)


def _clean(line: str) -> str:
    """A line of the document without its Markdown markup.

    >>> _clean("- ✓ Développer des interactions **entre** le national")
    'Développer des interactions entre le national'
    """
    previous = None
    line = line.strip()
    while previous != line:
        previous = line
        line = _MARKUP.sub("", line).strip()
    return re.sub(r"\s+", " ", line)


_default_text: SourceText | None = None


def default_source_text() -> SourceText:
    """The shipped copy of the source document (``data/seed/source-document.txt``)."""
    global _default_text
    if _default_text is None:
        _default_text = SourceText((DEFAULT_SEED_DIR / SOURCE_TEXT_FILE).read_text(encoding="utf-8"))
    return _default_text


# =============================================================================================
# Records and errors
# =============================================================================================

@dataclass(frozen=True)
class SeedRecord:
    """One validated record of the seed: where it is, what it is, and its values."""

    file: str
    index: int  # 1-based position in its file
    line: int | None
    type: str
    id: str | None
    iri: URIRef | None
    values: Mapping = field(default_factory=lambda: MappingProxyType({}))


class SeedError(LoadError):
    """The seed is refused: one or more problems, each a located :class:`LoadError`.

    The location fields (file, row, line, field, expected, found) are those of the first
    problem; ``problems`` lists them all.
    """

    def __init__(self, problems: list[LoadError]):
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(first.message, file=first.file, row=first.row, line=first.line,
                         field=first.field, expected=first.expected, found=first.found)

    def __str__(self) -> str:
        problems = getattr(self, "problems", [])
        if not problems:
            return super().__str__()
        head = f"the seed dataset has {len(problems)} problem(s); nothing was loaded:"
        return head + "\n" + "\n".join(f"- {p}" for p in problems)


class _Collector:
    def __init__(self):
        self.problems: list[LoadError] = []

    def add(self, message, *, file, index=None, line=None, record_id=None, field=None,
            expected=None, found=None, key_lines=None):
        if key_lines and field in key_lines:
            line = key_lines[field]
        label = f"record {record_id!r}" if record_id else (f"record #{index}" if index else "")
        text = f"{label}: {message}" if label else message
        self.problems.append(LoadError(text, file=file, row=index, line=line, field=field,
                                       expected=expected, found=found))


_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER, XSD_DECIMAL, XSD_DATE = URIRef(_XSD + "integer"), URIRef(_XSD + "decimal"), URIRef(_XSD + "date")
XSD_GYEARMONTH, XSD_GYEAR = URIRef(_XSD + "gYearMonth"), URIRef(_XSD + "gYear")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_LINE = "__line__"
_KEY_LINES = "__key_lines__"


# =============================================================================================
# Reading YAML with line numbers
# =============================================================================================

class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line (1-based) of each mapping under ``__line__``."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping[_LINE] = node.start_mark.line + 1
    mapping[_KEY_LINES] = {k.value: k.start_mark.line + 1 for k, _v in node.value
                           if isinstance(k, yaml.ScalarNode)}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_documents(folder: str | Path = DEFAULT_SEED_DIR) -> dict[str, list[dict]]:
    """The YAML files of a seed folder, by file name, each a list of records (with lines).

    Raises :class:`LoadError` for a missing folder, a YAML syntax error (with its line) or a
    file that is not a list of mappings.

    >>> docs = read_documents()
    >>> sorted(docs)[:3]
    ['actors.yaml', 'committees.yaml', 'events.yaml']
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise LoadError("seed folder not found", file=str(folder), expected="a folder of *.yaml files")
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise LoadError("no seed file", file=str(folder), expected="one or more *.yaml files", found="none")
    documents: dict[str, list[dict]] = {}
    for path in files:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (safe loader)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            raise LoadError(f"YAML syntax error: {err.problem or err}", file=path.name,
                            line=mark.line + 1 if mark else None) from err
        except UnicodeDecodeError as err:
            raise LoadError("not UTF-8 text", file=path.name, expected="UTF-8") from err
        if data is None:
            data = []
        if not isinstance(data, list):
            raise LoadError("a seed file must be a YAML list of records", file=path.name, line=1,
                            expected="a list (lines starting with '- ')", found=type(data).__name__)
        documents[path.name] = data
    return documents


# =============================================================================================
# Validation: documents -> records
# =============================================================================================

def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in (_LINE, _KEY_LINES)}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _stem(file: str) -> str:
    return Path(file).name.split(".")[0]


def read_records(documents: Mapping[str, list], text: SourceText | None = None) -> list[SeedRecord]:
    """Validate the documents and return their records; :class:`SeedError` on any problem.

    Checks: known record type and fields, required fields, ids (slugs, unique), value kinds
    (dates, numbers, URLs, language maps), concept codes, references (existing id of an
    allowed type), section keys, end not before start, no e-mail address or phone number, and
    that cited lines (``lines:``) exist in ``text`` (default: the shipped source document) and lie
    in a section the record cites.

    >>> docs = {"sources.yaml": [{"type": "section", "id": "s2", "number": "2", "title": "Contexte"}],
    ...         "x.yaml": [{"type": "organisation", "id": "a", "label": "A", "category": ["nope"],
    ...                     "source": ["s2"]}]}
    >>> read_records(docs)
    Traceback (most recent call last):
    ...
    loaders.seed.SeedError: the seed dataset has 1 problem(s); nothing was loaded:
    - x.yaml, row 1, field 'category': record 'a': unknown concept code of scheme 'category' (expected one of collectivite-territoriale, ...; found 'nope')
    """
    col = _Collector()
    raw: list[tuple[str, int, int | None, str, dict, dict]] = []
    for file in sorted(documents):
        records = documents[file]
        if not isinstance(records, list):
            col.add("a seed file must be a list of records", file=file, expected="a list",
                    found=type(records).__name__)
            continue
        default = FILE_DEFAULT_TYPES.get(_stem(file))
        for index, rec in enumerate(records, start=1):
            if not isinstance(rec, dict):
                col.add("a record must be a mapping of fields", file=file, index=index,
                        expected="field: value lines", found=rec)
                continue
            line = rec.get(_LINE)
            key_lines = rec.get(_KEY_LINES) or {}
            rec = _strip_lines(rec)
            rtype = rec.get("type", default)
            if rtype not in MAPPING:
                col.add("unknown record type", file=file, index=index, line=line,
                        record_id=rec.get("id"), field="type", key_lines=key_lines,
                        expected=", ".join(sorted(MAPPING)), found=rtype)
                continue
            raw.append((file, index, line, rtype, rec, key_lines))

    # ids and IRIs
    by_id: dict[str, tuple[str, URIRef, str, int]] = {}
    staged: list[tuple] = []
    for file, index, line, rtype, rec, key_lines in raw:
        rt = MAPPING[rtype]
        rid, iri = None, None
        loc = dict(file=file, index=index, line=line, key_lines=key_lines)
        if rtype == "territory":
            level, code = rec.get("level"), rec.get("code")
            if isinstance(code, int):
                code = str(code)
                rec["code"] = code
            if level in ns.SCHEMES["level"] and isinstance(code, str) and code:
                rid = f"{level}/{code}"
                iri = entity(f"territory/{level}", code)
        elif rtype == "membership":
            if all(isinstance(rec.get(k), str) for k in ("member", "organisation", "role")):
                rid = membership_key(rec)
                iri = entity("membership", rid)
        elif rt.direct is None:
            rid = rec.get("id")
            if not isinstance(rid, str) or not _SLUG.match(rid):
                col.add("missing or malformed id", **loc, record_id=rid if isinstance(rid, str) else None,
                        field="id", expected="a slug: lower-case letters, digits and hyphens", found=rid)
                rid = None
            else:
                iri = entity(rt.kind, rt.key(rec) if rt.key else rid)
        if "id" in rec and rtype in ("territory", "membership"):
            col.add("this record type computes its id; remove the field", **loc, record_id=rid,
                    field="id", expected=f"no id (computed: {rid})", found=rec["id"])
        if rid is not None:
            if rid in by_id:
                other = by_id[rid]
                col.add("duplicate id", **loc, record_id=rid, field="id",
                        expected=f"an id not already used (used in {other[2]}, row {other[3]})", found=rid)
            else:
                by_id[rid] = (rtype, iri, file, index)
        staged.append((file, index, line, rtype, rec, key_lines, rid, iri))

    sections = {rid for rid, (rtype, *_rest) in by_id.items() if rtype == "section"}
    out: list[SeedRecord] = []
    for file, index, line, rtype, rec, key_lines, rid, iri in staged:
        rt = MAPPING[rtype]
        loc = dict(file=file, index=index, line=line, record_id=rid, key_lines=key_lines)
        values: dict = {}
        for key in rec:
            if key not in rt.fields and key not in META_FIELDS:
                col.add("unknown field", **loc, field=key,
                        expected="one of " + ", ".join(sorted(set(rt.fields) | META_FIELDS)), found=key)
        for fname, f in rt.fields.items():
            if fname not in rec or rec[fname] is None or rec[fname] == []:
                if f.required:
                    col.add("missing required field", **loc, field=fname, expected=KINDS[f.kind])
                continue
            value = _check_value(col, loc, fname, f, rec[fname], by_id)
            if value is not None:
                values[fname] = value
        # sources
        context = rec.get("context")
        if context is not None and (rtype != "territory" or context != CONTEXT_REFERENCE):
            col.add("only a territory may be context from the territorial reference", **loc, field="context",
                    expected=f"context: {CONTEXT_REFERENCE} on a territory the document never names",
                    found=f"{context} on a {rtype}")
        elif context is not None:
            values["context"] = context
            if rec.get("source"):
                col.add("a territory kept as context cites no section of the document", **loc,
                        field="source", expected="no source (the document never names it)", found=rec["source"])
            if rec.get("lines"):
                col.add("a territory kept as context cites no line of the document", **loc,
                        field="lines", expected="no lines", found=rec["lines"])
        if rt.needs_source and context is None:
            src = rec.get("source")
            if not src:
                col.add("every record cites the section(s) it comes from", **loc, field="source",
                        expected="a list of section ids, e.g. [s2, s7-4]", found=src)
            else:
                keys = src if isinstance(src, list) else [src]
                good = []
                for key in keys:
                    if key not in sections:
                        col.add("unknown section", **loc, field="source",
                                expected=("one of " + ", ".join(sorted(sections))) if sections
                                else "a section id of sources.yaml", found=key)
                    else:
                        good.append(key)
                values["source"] = tuple(good)
        elif "source" in rec:
            col.add("this record type does not cite sections", **loc, field="source",
                    expected="no source field", found=rec["source"])
        if "lines" in values and context is None:
            values["lines"] = _passages(col, loc, values["lines"], values.get("source", ()),
                                        text or default_source_text())
            if values["lines"] is None:
                del values["lines"]
        # record-level checks
        start, end = values.get("start"), values.get("end")
        if isinstance(start, Literal) and isinstance(end, Literal) and str(end) < str(start):
            col.add("end before start", **loc, field="end", expected=f"a date on or after {start}", found=str(end))
        if rtype == "person" and "personnes-accompagnees" in (rec.get("category") or []):
            col.add("people receiving support are never persons, only groups", **loc, field="category",
                    expected="type: group for personnes-accompagnees", found="person")
        if rtype == "territory" and isinstance(rec.get("code"), str):
            level, code = rec.get("level"), rec["code"]
            if level in ("region", "departement", "commune", "intercommunalite") and not re.match(r"^[0-9][0-9AB][0-9]*$", code):
                col.add("not an INSEE code", **loc, field="code",
                        expected="an official COG code (région 2 digits, département 2-3 characters, EPCI 9 digits, commune 5)",
                        found=code)
        if rtype == "partnership" and len(values.get("participants", ())) < 2 and "participants" in values:
            col.add("a partnership needs at least two participants", **loc, field="participants",
                    expected="two or more actor ids", found=rec.get("participants"))
        _scan_privacy(col, loc, rtype, rec)
        out.append(SeedRecord(file, index, line, rtype, rid, iri, MappingProxyType(values)))
    if col.problems:
        raise SeedError(sorted(col.problems, key=lambda p: (p.file or "", p.row or 0, p.line or 0)))
    return out


def _lang_map(col, loc, fname, value) -> dict | None:
    if isinstance(value, str):
        return {"fr": value} if value.strip() else None
    if isinstance(value, dict):
        bad = [k for k in value if k not in LANGS]
        if bad or not all(isinstance(v, str) and v.strip() for v in value.values()) or "fr" not in value:
            col.add("bad language map", **loc, field=fname,
                    expected="{fr: …, en: …} with a non-empty French text", found=value)
            return None
        return dict(value)
    col.add("bad text", **loc, field=fname, expected=KINDS["lang"], found=value)
    return None


def _check_value(col, loc, fname, f: Field, value, by_id):
    """The checked value of one field (a tuple when ``many``), or None after recording a problem."""
    if f.kind == "lang":
        return _lang_map(col, loc, fname, value)
    items = value if isinstance(value, list) else [value]
    if isinstance(value, list) and not f.many:
        col.add("one value expected", **loc, field=fname, expected=KINDS[f.kind], found=value)
        return None
    checked = []
    for item in items:
        result = _check_item(col, loc, fname, f, item, by_id)
        if result is not None:
            checked.append(result)
    if len(checked) != len(items):
        return None
    return tuple(checked) if f.many else checked[0]


def _check_item(col, loc, fname, f: Field, item, by_id):
    kind = f.kind
    if kind == "text" or kind == "labels":
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            col.add("bad text", **loc, field=fname, expected="a non-empty string", found=item)
            return None
        return item
    if kind in ("date", "partial-date"):
        return _check_date(col, loc, fname, item, partial=kind == "partial-date")
    if kind == "lines":
        return _check_lines(col, loc, fname, item)
    if kind == "integer":
        if isinstance(item, bool) or not isinstance(item, int):
            col.add("bad integer", **loc, field=fname, expected=KINDS[kind], found=item)
            return None
        return Literal(item, datatype=XSD_INTEGER)
    if kind == "share":
        if isinstance(item, bool) or not isinstance(item, (int, float)) or not 0 <= item <= 1:
            col.add("bad share", **loc, field=fname, expected=KINDS[kind] + " (0.42 for 42 %)", found=item)
            return None
        return Literal(f"{item:.4f}".rstrip("0").rstrip(".") if item not in (0, 1) else str(int(item)),
                       datatype=XSD_DECIMAL)
    if kind == "url":
        if not isinstance(item, str) or not _URL.match(item):
            col.add("bad URL", **loc, field=fname, expected=KINDS[kind], found=item)
            return None
        return URIRef(item)
    if kind == "concept":
        return _check_concept(col, loc, fname, f.scheme, item)
    if kind == "ref":
        return _check_ref(col, loc, fname, f.targets, item, by_id)
    if kind == "concept-or-ref":
        if isinstance(item, str) and item in ns.SCHEMES[f.scheme]:
            return ns.concept(f.scheme, item)
        if isinstance(item, str) and item in by_id:
            return _check_ref(col, loc, fname, f.targets, item, by_id)
        col.add(f"neither a concept of scheme {f.scheme!r} nor a known id", **loc, field=fname,
                expected=f"a {f.scheme} code or the id of a {'/'.join(sorted(f.targets))}", found=item)
        return None
    if kind == "about":
        if isinstance(item, str) and ":" in item:
            scheme_id, code = item.split(":", 1)
            if scheme_id not in ns.SCHEMES:
                col.add("unknown concept scheme", **loc, field=fname,
                        expected="one of " + ", ".join(ns.SCHEMES), found=scheme_id)
                return None
            return _check_concept(col, loc, fname, scheme_id, code)
        return _check_ref(col, loc, fname, f.targets, item, by_id)
    raise AssertionError(kind)


def _check_date(col, loc, fname, item, partial):
    if isinstance(item, dt.datetime):
        item = item.date()
    if isinstance(item, dt.date):
        return Literal(item.isoformat(), datatype=XSD_DATE)
    if isinstance(item, int) and partial:
        item = str(item)
    text = item if isinstance(item, str) else None
    try:
        if text and _DATE.match(text):
            dt.date.fromisoformat(text)
            return Literal(text, datatype=XSD_DATE)
        if partial and text and _YEAR_MONTH.match(text) and 1 <= int(text[5:]) <= 12:
            return Literal(text, datatype=XSD_GYEARMONTH)
        if partial and text and _YEAR.match(text):
            return Literal(text, datatype=XSD_GYEAR)
    except ValueError:
        pass
    col.add("bad date", **loc, field=fname, expected=KINDS["partial-date" if partial else "date"], found=item)
    return None


_RANGE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")


def _check_lines(col, loc, fname, item):
    if isinstance(item, int) and not isinstance(item, bool):
        return (item, item)
    m = _RANGE.match(item) if isinstance(item, str) else None
    if m and int(m.group(1)) <= int(m.group(2)):
        return (int(m.group(1)), int(m.group(2)))
    col.add("bad line reference", **loc, field=fname, expected=KINDS["lines"], found=item)
    return None


def _cited(section: str | None, cited) -> bool:
    """Whether a line of ``section`` is covered by the record's sections (a section covers its parts)."""
    return section is not None and any(section == c or section.startswith(c + "-") for c in cited)


def _passages(col, loc, ranges, cited, text: SourceText):
    out = []
    for start, end in ranges:
        try:
            p = text.passage(start, end)
        except ValueError as err:
            col.add(f"bad line reference: {err}", **loc, field="lines",
                    expected="lines of the source document, within one section", found=f"{start}-{end}")
            continue
        if not _cited(p.section, cited):
            col.add("the lines are in a section the record does not cite", **loc, field="lines",
                    expected=f"lines of {', '.join(cited) or 'a cited section'} (or add {p.section} to source)",
                    found=f"{start}-{end} in {p.section or 'the front matter'}")
            continue
        out.append(p)
    return tuple(out) if len(out) == len(ranges) else None


def _did_you_mean(value, candidates) -> str:
    """`` — did you mean 'x'?`` for a close candidate, else an empty string."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def _check_concept(col, loc, fname, scheme_id, code):
    if not isinstance(code, str) or code not in ns.SCHEMES[scheme_id]:
        col.add(f"unknown concept code of scheme {scheme_id!r}{_did_you_mean(code, ns.SCHEMES[scheme_id])}",
                **loc, field=fname, expected="one of " + ", ".join(ns.SCHEMES[scheme_id]), found=code)
        return None
    return ns.concept(scheme_id, code)


def _check_ref(col, loc, fname, targets, item, by_id):
    if not isinstance(item, str) or item not in by_id:
        candidates = [k for k, v in by_id.items() if not targets or v[0] in targets]
        col.add("unknown id" + _did_you_mean(item, candidates), **loc, field=fname,
                expected=f"the id of a {' / '.join(sorted(targets))} record", found=item)
        return None
    rtype, iri, *_ = by_id[item]
    if targets and rtype not in targets:
        col.add("reference to a record of the wrong type", **loc, field=fname,
                expected=f"the id of a {' / '.join(sorted(targets))} record", found=f"{item} ({rtype})")
        return None
    return iri


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _scan_privacy(col, loc, rtype: str, rec: dict) -> None:
    """Refuse personal data (:mod:`kg.privacy`): e-mail, phone, NIR anywhere; a person's name
    for a group of people receiving support."""
    for fname, value in rec.items():
        for text in _strings(value):
            hidden = privacy.hidden_char(text)
            if hidden is not None:
                col.add(f"invisible text-direction or formatting character U+{ord(hidden):04X}", **loc, field=fname,
                        expected="text without invisible control characters",
                        found=text.encode("unicode_escape").decode("ascii")[:80])
            for finding in privacy.scan_text(text):
                col.add(f"personal data: {finding.reason('en')}", **loc, field=fname,
                        expected="no e-mail address, phone number or social-security number in the seed",
                        found=finding.masked)
    if rtype == "group" and "personnes-accompagnees" in (rec.get("category") or []):
        for text in _strings(rec.get("label")):
            finding = privacy.check_group_name(text)
            if finding is not None:
                col.add(f"personal data: {finding.reason('en')}", **loc, field="label",
                        expected="the name of a group", found=finding.masked)


# =============================================================================================
# Translation: records -> triples
# =============================================================================================

def _literals(f: Field, value) -> Iterator:
    if f.kind == "lang":
        for lang in LANGS:
            if lang in value:
                yield Literal(value[lang].strip(), lang=lang)
        return
    for item in (value if f.many else (value,)):
        if f.kind == "labels":
            yield Literal(item.strip(), lang="fr")
        elif f.kind == "text":
            yield Literal(item.strip())
        else:
            yield item


def triples(records: Iterable[SeedRecord]) -> Iterator[tuple]:
    """The triples of validated records (see :func:`read_records`)."""
    records = list(records)
    by_id = {r.id: r for r in records if r.id}
    document = next((r.iri for r in records if r.type == "document"), None)
    for rec in records:
        rt = MAPPING[rec.type]
        sources = [section_iri(key) for key in rec.values.get("source", ())]
        if rt.direct:
            subj_field, prop, obj_field = rt.direct
            subj, obj = rec.values[subj_field], rec.values[obj_field]
            yield (subj, prop, obj)
            for s in sources:
                yield (subj, DCTERMS.source, s)
            continue
        s = rec.iri
        cls = rt.cls
        if rec.type == "territory" and rec.values["level"] == ns.concept("level", "territoire-projet"):
            cls = ANC.ProjectTerritory
        yield (s, RDF.type, cls)
        for src in sources:
            yield (s, DCTERMS.source, src)
        for fname, value in rec.values.items():
            if fname in ("source", "context"):
                continue
            if fname == "lines":
                for p in value:
                    yield (s, ANC.passage, p.iri)
                    yield from _passage_triples(p, document)
                continue
            f = rt.fields[fname]
            for prop in f.props:
                for obj in _literals(f, value):
                    yield (s, prop, obj)
        if rec.type == "territory" and rec.values["level"] not in (
                ns.concept("level", "national"), ns.concept("level", "territoire-projet")):
            yield (s, ANC.inseeCode, Literal(rec.values["code"]))
        if rec.type == "section" and document is not None:
            yield (s, DCTERMS.isPartOf, document)
        if rec.values.get("context") == CONTEXT_REFERENCE:
            yield (s, DCTERMS.source, ns.graph_iri(REFERENCE_SOURCE_ID))
        if rec.type in ("partnership", "flow") and "label" not in rec.values:
            yield from _relation_labels(rec, by_id)
        if rt.needs_source and "said_by" not in rec.values:
            yield from _default_speakers(rec, by_id)


def _default_speakers(rec: SeedRecord, by_id: dict) -> Iterator[tuple]:
    """Who said a statement that names no speaker: the speakers of the sections it cites
    (``said_by`` of each section in sources.yaml; a sub-section inherits its section's)."""
    for key in rec.values.get("source", ()):
        section = by_id.get(key)
        while section is not None and "said_by" not in section.values:
            parent = section.values.get("part_of")
            section = next((r for r in by_id.values() if r.iri == parent), None) if parent else None
        for speaker in (section.values.get("said_by", ()) if section is not None else ()):
            yield (rec.iri, PROV_ATTRIBUTED, speaker)


PROV_ATTRIBUTED = URIRef("http://www.w3.org/ns/prov#wasAttributedTo")


def _passage_triples(p: Passage, document: URIRef | None) -> Iterator[tuple]:
    s = p.iri
    span = f"{p.start}" if p.start == p.end else f"{p.start}-{p.end}"
    yield (s, RDF.type, ANC.SourcePassage)
    yield (s, ANC.startLine, Literal(p.start, datatype=XSD_INTEGER))
    yield (s, ANC.endLine, Literal(p.end, datatype=XSD_INTEGER))
    yield (s, ANC.quote, Literal(p.quote, lang="fr"))
    yield (s, SKOS.prefLabel, Literal(f"l. {span}", lang="fr"))
    yield (s, SKOS.prefLabel, Literal(f"l. {span}", lang="en"))
    if p.section is not None:
        yield (s, DCTERMS.isPartOf, section_iri(p.section))
    elif document is not None:
        yield (s, DCTERMS.isPartOf, document)


def _label_of(iri: URIRef, records_by_iri: dict, lang: str) -> str:
    rec = records_by_iri.get(iri)
    if rec is None:
        return str(iri).rsplit("/", 1)[-1]
    label = rec.values.get("label") or rec.values.get("title") or {}
    alt = rec.values.get("alt") or ()
    short = alt[0] if alt and len(alt[0]) <= 12 else None
    return short or label.get(lang) or label.get("fr") or rec.id


def _relation_labels(rec: SeedRecord, by_id: dict) -> Iterator[tuple]:
    by_iri = {r.iri: r for r in by_id.values() if r.iri is not None}
    for lang in LANGS:
        if rec.type == "flow":
            direction = str(rec.values["direction"]).rsplit("/", 1)[-1]
            text = t("graph.flow", lang, head=t("graph.flow-" + direction, lang),
                     source=_label_of(rec.values["from"], by_iri, lang), target=_label_of(rec.values["to"], by_iri, lang))
        else:
            names = " – ".join(_label_of(p, by_iri, lang) for p in rec.values["participants"])
            text = t("graph.partnership", lang, names=names)
        yield (rec.iri, SKOS.prefLabel, Literal(text, lang=lang))


def parse(documents: Mapping[str, list], text: SourceText | None = None) -> Iterator[tuple]:
    """Triples of the seed documents (file name -> list of records); pure, no I/O.

    Raises :class:`SeedError` (a :class:`kg.errors.LoadError`) before yielding anything if a
    record is wrong.

    >>> list(parse({"a.yaml": [{"type": "organisation", "id": "x", "label": "X", "source": ["s9"]}]}))
    Traceback (most recent call last):
    ...
    loaders.seed.SeedError: the seed dataset has 1 problem(s); nothing was loaded:
    - a.yaml, row 1, field 'source': record 'x': unknown section (expected a section id of sources.yaml; found 's9')
    """
    records = read_records(documents, text)
    return triples(records)


def graph(documents: Mapping[str, list]) -> Graph:
    """The seed as an rdflib ``Graph`` with the project's prefixes bound."""
    g = Graph()
    for prefix, iri in ns.PREFIXES.items():
        g.bind(prefix, iri)
    for triple in parse(documents):
        g.add(triple)
    return g


def check(folder: str | Path = DEFAULT_SEED_DIR) -> list[LoadError]:
    """Every problem of a seed folder, without loading it (an empty list when it is clean).

    >>> check()
    []
    >>> from kg.paths import CHECKOUT  # the test data stays in the repository
    >>> [p.field for p in check(CHECKOUT / "tests" / "data" / "seed_broken")][:3]
    ['category', 'located_in', 'installed_on']
    """
    try:
        read_records(read_documents(folder), read_source_text(folder))
    except SeedError as err:
        return list(err.problems)
    except LoadError as err:
        return [err]
    return []


def read_source_text(folder: str | Path = DEFAULT_SEED_DIR) -> SourceText | None:
    """The source document of a seed folder (``source-document.txt``), or None (the shipped one is used)."""
    path = Path(folder) / SOURCE_TEXT_FILE
    try:
        return SourceText(path.read_text(encoding="utf-8")) if path.is_file() else None
    except UnicodeDecodeError as err:
        raise LoadError("not UTF-8 text", file=path.name, expected="UTF-8") from err


def load(folder: str | Path = DEFAULT_SEED_DIR) -> Source:
    """Read and translate the seed folder; a :class:`kg.sources.Source` with id ``seed``.

    >>> src = load()
    >>> src.id, src.records > 100
    ('seed', True)
    """
    folder = Path(folder)
    documents = read_documents(folder)
    records = read_records(documents, read_source_text(folder))
    g = Graph()
    for triple in triples(records):
        g.add(triple)
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.yaml"), *folder.glob(SOURCE_TEXT_FILE)]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return Source.from_rdflib(SOURCE_ID, TITLE, g, path=str(folder), licence=LICENCE,
                              version=digest.hexdigest()[:12], url=URL, publisher=PUBLISHER,
                              description=DESCRIPTION, records=len(records))


__all__ = ["DEFAULT_SEED_DIR", "MAPPING", "Field", "RecordType", "SeedRecord", "SeedError",
           "check_mapping", "read_documents", "read_records", "triples", "parse", "graph", "check", "load",
           "section_iri", "passage_iri", "Passage", "SourceText", "read_source_text", "default_source_text"]
