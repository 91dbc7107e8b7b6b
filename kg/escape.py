"""Data is never code: one escaping rule per kind of output Ancrage writes.

Every name, note or value that comes from the data (or from a user's file, query or error)
goes through the function of the output it is written to, and only there:

* :func:`csv_cell`: a cell of a CSV meant for a spreadsheet (OWASP "CSV injection");
* :func:`markdown_text`: text inside Markdown (the explorer's ``st.markdown``/titles/captions,
  the downloaded gaps report); :func:`markdown_code` for an IRI or a URL (a code span);
* :func:`html_text`: text or an attribute value inside HTML we build (legend, SVG map,
  standalone network page); :func:`script_json` for data inside a ``<script>`` element;
* :func:`xml_chars`: the characters XML 1.0 cannot hold replaced (GraphML, GEXF; the SVG map
  through :func:`html_text`), whose serialisers escape the rest;
* :func:`console_text`: text inside a Rich console string (our own markup stays, data's does not).

>>> for v in ("=cmd|' /C calc'!A0", '  "=1+1', "-1+1", "-12.5", 3):
...     print(csv_cell(v))
'=cmd|' /C calc'!A0
'  "=1+1
'-1+1
-12.5
3
>>> print(markdown_text("![x](h/p.png) <b>*a*</b> | b"))
!\\[x\\](h/p.png) \\<b\\>\\*a\\*\\</b\\> \\| b
>>> html_text('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> console_text("[/] [bold]x")
'\\\\[/] \\\\[bold]x'
"""

from __future__ import annotations

import html
import json
import re
from numbers import Number

from rich.markup import escape as _rich_escape

# --- CSV ----------------------------------------------------------------------------------------

#: First characters that make a spreadsheet read a cell as a formula (OWASP: = + - @ tab CR;
#: ASVS 5 adds NUL; LF for safety; full-width forms that some Excel input methods convert).
FORMULA_START = frozenset("=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20")
#: What a spreadsheet may skip before it looks for the formula sign.
_LEADING = " \t\r\n\u00a0\"'"
#: A plain number ("-12.5", "+3", "1e-4"): a spreadsheet reads it as a number, never runs it.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def csv_cell(value):
    """A value as a spreadsheet-safe CSV cell: text that could start a formula gets a leading ``'``.

    Numbers (and text that is only a number) are kept; ``None`` becomes ``""``. The sign is
    looked for after leading spaces and quotes too (``  "=1+1``), since spreadsheets skip them.
    """
    if value is None:
        return ""
    if isinstance(value, Number) and not isinstance(value, bool):
        return value
    text = str(value)
    if not text or _NUMBER.fullmatch(text):
        return text
    if text[0] in FORMULA_START or text.lstrip(_LEADING)[:1] in FORMULA_START:
        return "'" + text
    return text


def csv_row(values) -> list:
    """Every cell of a row through :func:`csv_cell`."""
    return [csv_cell(v) for v in values]


# --- Markdown -----------------------------------------------------------------------------------

#: Characters that start inline markup anywhere in CommonMark/GFM or in Streamlit's Markdown:
#: emphasis, code, links and images ([ ]), raw HTML and autolinks (< >), entities, tables,
#: strikethrough, math ($); a colon touching a non-space (Streamlit's :emoji: and :icon:, "http:").
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$&]|(?<=\S):|:(?=\S))")
#: Where GFM turns bare text into a link (``http://``, ``www.``, ``a@b.c``): a word joiner
#: (U+2060, invisible) goes in between, so the text stays text.
_MD_AUTOLINK = re.compile(r"(?i)(https?|ftp|www|mailto|xmpp)(?=://|\.|:)|(?=@)")
WORD_JOINER = "\u2060"
#: Block markers that matter only at the start of the text (headings, lists, quotes, setext).
_MD_BLOCK_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def markdown_text(value) -> str:
    """Data as literal Markdown text on one line: no link, image, HTML, emphasis, table break.

    Every character that could start markup is backslash-escaped; bare URLs and e-mail
    addresses get an invisible word joiner so that GFM does not make them links.
    """
    text = " ".join(("" if value is None else str(value)).split())
    text = _MD_AUTOLINK.sub(lambda m: (m.group(1) or "") + WORD_JOINER, text)
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]), text)


def markdown_code(value) -> str:
    """Data as a Markdown code span (an IRI, a URL): shown exactly, in monospace, never a link.

    >>> print(markdown_code("https://w3id.org/x"), markdown_code("a``b"))
    `https://w3id.org/x` ```a``b```
    """
    text = " ".join(("" if value is None else str(value)).split())
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- XML and HTML -------------------------------------------------------------------------------

#: What XML 1.0 cannot hold, not even as a character reference: C0 controls other than tab, LF
#: and CR, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_chars(value) -> str:
    """Data as text an XML file can hold: each character XML 1.0 forbids becomes U+FFFD.

    >>> xml_chars("nom\\x01 avec\\x0b contrôles\\tet tab") == "nom\\ufffd avec\\ufffd contrôles\\tet tab"
    True
    """
    text = "" if value is None else str(value)
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def html_text(value) -> str:
    """Data as HTML (or SVG) text or a quoted attribute value: ``& < > " '`` escaped, and the
    characters XML cannot hold replaced (:func:`xml_chars`), so a downloaded SVG stays well-formed."""
    return html.escape(xml_chars(value), quote=True)


def script_safe(text: str) -> str:
    """Text safe inside an HTML ``<script>`` element: only ``</script`` and ``<!--`` need care."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def script_json(value) -> str:
    """A JSON value to put inside a ``<script>`` element (``<``, ``>``, ``&`` as ``\\u`` escapes).

    >>> script_json({"a": "</script><b>"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# --- console (Rich) -----------------------------------------------------------------------------

def console_text(value) -> str:
    """Data inside a Rich markup string: printed as it is (``[/]``, ``[bold]`` shown, not run)."""
    return _rich_escape("" if value is None else str(value))
