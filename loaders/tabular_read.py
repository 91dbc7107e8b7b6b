"""Reading CSV and XLSX files into raw sheets: what French offices really produce.

* CSV: UTF-8 with or without BOM, Windows-1252 (Excel's French default), UTF-16 with BOM;
  separator ``;``, ``,``, tab or ``|`` (detected from the header; Excel's ``sep=;`` first line
  honoured); quoted cells with line breaks.
* XLSX: every worksheet; formulas are never evaluated (read as :class:`Formula` to be
  quarantined), dates come as dates, zip bombs and truncated workbooks are refused.

Nothing here knows the template beyond column names (to pick a separator): checking cells is
:mod:`loaders.tabular_rows`' job. Rows are numbered as the spreadsheet shows them (header = 1).

>>> raw = read_bytes(b"id;nom\\r\\ncaf-65;CAF des Hautes-Pyr\\xe9n\\xe9es\\r\\n", "acteurs.csv")
>>> raw.sheets[0].encoding, raw.sheets[0].separator, raw.sheets[0].rows[0].cells
('windows-1252', ';', ['caf-65', 'CAF des Hautes-Pyrénées'])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kg.text import name_key

from .tabular_messages import Problem
from .tabular_vocab import SHEETS

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 250 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 64
CSV_EXTENSIONS = {".csv", ".tsv", ".txt"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
SEPARATORS = (";", ",", "\t", "|")

csv.field_size_limit(MAX_FILE_BYTES)


class Formula(str):
    """The text of a formula cell: kept only to be reported, never evaluated."""


Cell = str | Formula | dt.date | dt.datetime | int | float | bool | None


@dataclass
class RawRow:
    number: int
    cells: list
    problems: list[Problem] = field(default_factory=list)


@dataclass
class RawSheet:
    name: str
    header: list[str]
    header_row: int
    rows: list[RawRow]
    encoding: str | None = None
    separator: str | None = None
    #: rows past :data:`MAX_ROWS`, not read (each counts as refused)
    skipped: int = 0


@dataclass
class RawFile:
    path: str
    name: str
    sheets: list[RawSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


_KNOWN_HEADERS = {name_key(n) for s in SHEETS for c in s.columns for n in c.names()}
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf©¨ª«®´¢£¤§¹º»¼½¾]|Â[\u00a0-\u00bf]|â€[™œ\u009d¦“”]")



log = logging.getLogger(__name__)


def _bad_xlsx(name: str, detail: str) -> Problem:
    """An unreadable workbook: the reader's message in plain words, the technical cause
    (``BadZipFile: …``, a CRC error) in the log only."""
    log.warning("unreadable XLSX workbook %s: %s", name, detail)
    return Problem.make("bad-xlsx", file=name)

def read_upload(name: str, data: bytes) -> RawFile:
    """Read an uploaded file's bytes (the explorer's import page): same checks as a file.

    >>> read_upload("acteurs.csv", b"id;nom\\nx;y\\n").sheets[0].rows[0].cells
    ['x', 'y']
    """
    raw = RawFile(name, Path(name).name)
    suffix = Path(name).suffix.lower()
    if suffix not in CSV_EXTENSIONS | XLSX_EXTENSIONS:
        raw.problems.append(Problem.make("unsupported-format", file=raw.name, found=suffix or name))
        return raw
    if len(data) > MAX_FILE_BYTES:
        raw.problems.append(Problem.make("file-too-big", file=raw.name, size=f"{len(data):,}",
                                         max=f"{MAX_FILE_BYTES:,}"))
        return raw
    if suffix in XLSX_EXTENSIONS:
        return _read_xlsx(io.BytesIO(data), raw)
    return read_bytes(data, raw.name, raw)


def read_file(path) -> RawFile:
    """Read one CSV or XLSX file; problems that stop the reading are in ``RawFile.problems``.

    ``path`` may also be a ``(name, bytes)`` pair (see :func:`read_upload`).
    """
    if isinstance(path, tuple):
        return read_upload(*path)
    path = Path(path)
    raw = RawFile(str(path), path.name)
    suffix = path.suffix.lower()
    if not path.is_file():
        raw.problems.append(Problem.make("file-not-found", file=path.name, found=str(path)))
        return raw
    if suffix not in CSV_EXTENSIONS | XLSX_EXTENSIONS:
        raw.problems.append(Problem.make("unsupported-format", file=path.name, found=suffix or path.name))
        return raw
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raw.problems.append(Problem.make("file-too-big", file=path.name, size=f"{size:,}", max=f"{MAX_FILE_BYTES:,}"))
        return raw
    if suffix in XLSX_EXTENSIONS:
        return _read_xlsx(path, raw)
    return read_bytes(path.read_bytes(), path.name, raw)


# -- CSV ----------------------------------------------------------------------------------------

def decode(data: bytes, name: str) -> tuple[str | None, str | None, list[Problem]]:
    """(text, encoding, problems): UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    >>> decode("é".encode("utf-8-sig"), "f.csv")[:2]
    ('é', 'utf-8-sig')
    >>> decode(b"caf\\x81", "f.csv")[2][0].code
    'bad-encoding'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            return None, None, [Problem.make("binary-file", file=name, offset=nul)]
        candidates = ["utf-8", "windows-1252"]
    err: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding, []
        except UnicodeDecodeError as e:
            err = e
    assert err is not None
    line = data[: err.start].count(b"\n") + 1
    byte = data[err.start: err.start + 1].hex().upper()
    return None, None, [Problem.make("bad-encoding", file=name, row=line, byte=f"0x{byte}", line=line,
                                     found=data[max(0, err.start - 20): err.start + 1].decode("latin-1"))]


def read_bytes(data: bytes, name: str, raw: RawFile | None = None) -> RawFile:
    """Read CSV bytes (see :func:`decode`) into a :class:`RawFile` with one sheet."""
    raw = raw or RawFile(name, name)
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raw.problems.append(Problem.make("empty-file", file=name))
        return raw
    text, encoding, problems = decode(data, name)
    raw.problems += problems
    if text is None:
        return raw
    sheet = read_csv_text(text, name, raw)
    if sheet is not None:
        sheet.encoding = encoding
        raw.sheets.append(sheet)
        if encoding in ("utf-8", "utf-8-sig"):
            m = _MOJIBAKE.search(text)
            if m:
                row = _record_of_offset(text, m.start())
                raw.problems.append(Problem.make("double-encoded", file=name, row=row,
                                                 sample=m.group(), found=text[max(0, m.start() - 10): m.end() + 10]))
    return raw


def _record_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def choose_separator(header_line: str) -> str:
    """The separator that splits the header into the most template column names.

    >>> choose_separator("id,nom,catégorie")
    ','
    >>> choose_separator("id;nom;catégorie (ex. CAF, CCAS)")
    ';'
    """
    best, best_score = ";", (-1, -1)
    for sep in SEPARATORS:
        cells = next(csv.reader([header_line], delimiter=sep))
        known = sum(1 for c in cells if name_key(c) in _KNOWN_HEADERS)
        score = (known, len(cells) if len(cells) > 1 else 0)
        if score > best_score:
            best, best_score = sep, score
    return best


def read_csv_text(text: str, name: str, raw: RawFile) -> RawSheet | None:
    """Split decoded CSV text into a header and numbered rows."""
    lines = text.splitlines(keepends=True)
    start = 0
    forced = None
    if lines and re.match(r"^sep=(.)\s*$", lines[0]):
        forced = lines[0][4]
        start = 1
    body = "".join(lines[start:])
    first = next((ln for ln in lines[start:] if ln.strip()), "")
    sep = forced or choose_separator(first.rstrip("\r\n"))
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=sep, strict=True)
    header: list[str] | None = None
    header_row = 0
    rows: list[RawRow] = []
    number = skipped = 0
    while True:
        line_before = reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            number += 1
            text_err = str(err)
            if "unexpected end of data" in text_err or "EOF" in text_err:
                lost = sum(1 for line in body.splitlines()[line_before:] if line.strip())
                raw.problems.append(Problem.make("unclosed-quote", file=name, sheet=None, row=number, lines=lost))
                if header is not None:  # the lines from the quote on are refused, and counted
                    skipped = lost
                break
            problem = Problem.make("bad-quote", file=name, row=number, found=_line_at(body, reader.line_num))
            if header is None:
                raw.problems.append(problem)
                continue
            rows.append(RawRow(number, [], [problem]))
            continue
        number += 1
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
            header_row = number
            continue
        if len(rows) >= MAX_ROWS:
            skipped = 1 + _count_rest(reader)
            raw.problems.append(Problem.make("too-many-rows", file=name, row=number, max=MAX_ROWS, extra=skipped))
            break
        rows.append(RawRow(number, list(cells)))
    if header is None:
        if not raw.problems:
            raw.problems.append(Problem.make("empty-file", file=name))
        return None
    for row in rows:
        filled = [c for c in row.cells if c.strip()]
        if len(header) > 2 and len(filled) == 1 and row.cells[0].strip() and not row.problems:
            other = max((s for s in SEPARATORS if s != sep), key=lambda s: row.cells[0].count(s))
            if row.cells[0].count(other) >= len(header) // 2:
                row.problems.append(Problem.make("row-separator", file=name, row=row.number, sep=_sep_name(other),
                                                 header_sep=_sep_name(sep), found=row.cells[0]))
                continue
        extra = row.cells[len(header):]
        if any(c.strip() for c in extra if isinstance(c, str)):
            row.problems.append(Problem.make("too-many-cells", file=name, row=row.number,
                                             n=len(row.cells), m=len(header), sep=_sep_name(sep),
                                             found=sep.join(row.cells)))
        row.cells = row.cells[: len(header)]
    return RawSheet(name, header, header_row, rows, separator=sep, skipped=skipped)


def _count_rest(rows) -> int:
    """How many non-empty rows are left in ``rows`` (a CSV reader or worksheet rows); broken
    rows count too."""
    n = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return n
        except csv.Error:
            n += 1
            continue
        if any(c is not None and str(c).strip() for c in cells):
            n += 1


def _sep_name(sep: str) -> str:
    return {"\t": "tabulation", " ": "espace"}.get(sep, sep)


def _line_at(text: str, line_num: int) -> str:
    lines = text.splitlines()
    return lines[line_num - 1] if 0 < line_num <= len(lines) else ""


# -- XLSX ---------------------------------------------------------------------------------------

def _read_xlsx(path, raw: RawFile) -> RawFile:
    name = raw.name
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if total > MAX_XLSX_UNCOMPRESSED:
                raw.problems.append(Problem.make("xlsx-bomb", file=name, size=f"{total:,}",
                                                 max=f"{MAX_XLSX_UNCOMPRESSED:,}"))
                return raw
            bad = zf.testzip()
            if hasattr(path, "seek"):
                path.seek(0)
            if bad is not None:
                raw.problems.append(_bad_xlsx(name, f"CRC error in {bad}"))
                return raw
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raw.problems.append(_bad_xlsx(name, type(err).__name__ + ": " + str(err)[:120]))
        return raw
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds on broken files
        raw.problems.append(_bad_xlsx(name, type(err).__name__ + ": " + str(err)[:120]))
        return raw
    try:
        for ws in wb.worksheets:
            sheet = _read_worksheet(ws, name, raw)
            if sheet is not None:
                raw.sheets.append(sheet)
                _warn_hidden(ws, sheet, name, raw)
    except Exception as err:  # noqa: BLE001
        raw.problems.append(_bad_xlsx(name, type(err).__name__ + ": " + str(err)[:120]))
        raw.sheets.clear()
    finally:
        wb.close()
    return raw


def _cell_value(cell):
    value = cell.value
    if value is None:
        return None
    if getattr(cell, "data_type", None) == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        text = getattr(value, "text", value)
        return Formula(str(text))
    return value


def _hidden_rows(ws) -> set[int]:
    """Numbers of the rows a worksheet hides (``<row hidden="1">``), read from its XML."""
    from xml.etree.ElementTree import iterparse

    hidden: set[int] = set()
    counter = 0
    with ws._get_source() as src:  # openpyxl's read-only sheets do not keep row attributes
        for _event, el in iterparse(src):
            if el.tag.endswith("}row"):
                counter = int(el.get("r") or counter + 1)
                if el.get("hidden") in ("1", "true"):
                    hidden.add(counter)
                el.clear()
    return hidden


def _warn_hidden(ws, sheet: RawSheet, name: str, raw: RawFile) -> None:
    """A warning for a hidden sheet and for each hidden data row: what is hidden is still imported."""
    if not sheet.rows:
        return
    if getattr(ws, "sheet_state", "visible") != "visible":
        raw.problems.append(Problem.make("hidden-sheet", file=name, sheet=ws.title, found=ws.sheet_state))
    hidden = _hidden_rows(ws)
    for row in sheet.rows:
        if row.number in hidden:
            raw.problems.append(Problem.make("hidden-row", file=name, sheet=ws.title, row=row.number))


def _read_worksheet(ws, name: str, raw: RawFile) -> RawSheet | None:
    header: list[str] | None = None
    header_row = 0
    rows: list[RawRow] = []
    skipped = 0
    numbered = enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1)
    for number, cells in numbered:
        values = [_cell_value(c) for c in cells]
        if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
            continue
        if header is None:
            header = ["" if v is None else str(v).strip() for v in values]
            while header and not header[-1]:
                header.pop()
            header_row = number
            continue
        if len(rows) >= MAX_ROWS:
            skipped = 1 + _count_rest(tuple(getattr(c, "value", None) for c in cells) for _n, cells in numbered)
            raw.problems.append(Problem.make("too-many-rows", file=name, sheet=ws.title, row=number, max=MAX_ROWS,
                                             extra=skipped))
            break
        row = RawRow(number, values[: len(header)])
        extra = [v for v in values[len(header):] if v is not None and str(v).strip()]
        if extra:
            row.problems.append(Problem.make("too-many-cells", file=name, sheet=ws.title, row=number,
                                             n=len(header) + len(extra), m=len(header), sep="—",
                                             found=" | ".join(str(v) for v in extra)))
        rows.append(row)
    if header is None:
        return RawSheet(ws.title, [], 0, [])
    return RawSheet(ws.title, header, header_row, rows, skipped=skipped)
