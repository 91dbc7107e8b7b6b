"""RDF files (Turtle, N-Triples, JSON-LD) as sources, each in its own named graph.

Parsing is Oxigraph's (fast, streaming, and its syntax errors carry the line and column);
named graphs inside a JSON-LD document are flattened into the source's own graph.

:func:`load` keeps two rules of the product:

* **privacy** (:mod:`kg.privacy`, the same checks as the seed and the spreadsheets): personal
  data in a literal (e-mail, phone, NIR, IBAN, address, birth date, a private person's name
  given with a civility), an invisible control character, a ``mailto:``/``tel:``/``sms:`` IRI,
  the name of a person for a group of people receiving support (``anc:category
  personnes-accompagnees``), or a person (``foaf:Person``, ``schema:Person``) not in a public
  role. Personal data in a text or an IRI quarantines that triple (the statement is the record:
  an organisation with a contact e-mail keeps its other statements); a resource that *is* a
  private person (a person not in a public role, a group named after a person) is quarantined
  whole, with the links to it. Each problem is in :attr:`kg.sources.Source.problems` (file, line
  for N-Triples, subject, predicate, expected, masked value, French then English); the rest of
  the file is kept;
* **one node per blank node**: blank nodes become skolem IRIs ``…/id/genid/<source>/…``
  (RDF 1.1 §3.5), the same on every read of the file, so a blank node whose triples fall in two
  chunks of the bulk loader is still one node, and two files never share one.

>>> ttl = '@prefix ex: <https://ex.org/> .\\nex:a ex:p "é" ; ex:q [ ex:r 1 ] .'
>>> len(list(parse(ttl, "turtle")))
3
>>> list(parse("<https://ex.org/a> <https://ex.org/p> .", "nt"))
Traceback (most recent call last):
...
kg.errors.LoadError: line 1: RDF syntax error at column 39: The object of a triple must be an IRI, a blank node or a literal (expected valid N-Triples)
"""

from __future__ import annotations

import io
import itertools
import re
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterable, Iterator
from urllib.parse import quote, unquote

import pyoxigraph as ox

from kg.errors import LoadError, LocatedError, PrivacyError
from kg.i18n import LANGS, localise, t
from kg.namespaces import ANC, ANCC, ANCD, SCHEMA, slug
from kg.privacy import check_group_name, hidden_char, mask, scan_text
from kg.read.candidates import PERSON_CLASSES as CANDIDATE_PERSON_CLASSES
from kg.read.labels import LABEL_PROPS
from kg.read.vocab import RDF_TYPE
from kg.sources import Source

#: format name -> (Oxigraph format, human name); aliases are accepted by :func:`format_of`
FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, "Turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "N-Triples"),
    "json-ld": (ox.RdfFormat.JSON_LD, "JSON-LD"),
}
ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "jsonld": "json-ld", "json": "json-ld"}
#: file extension -> format name
EXTENSIONS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}

BATCH = 50_000


def format_of(path: str | Path | None = None, format: str | None = None) -> str:
    """The format name for an explicit ``format`` or else the file's extension.

    >>> format_of("a/graph.TTL")
    'turtle'
    >>> format_of(format="jsonld")
    'json-ld'
    >>> format_of("notes.txt")
    Traceback (most recent call last):
    ...
    kg.errors.LoadError: notes.txt: unknown RDF file extension (expected .json, .jsonld, .nt, .ttl; found '.txt')
    """
    if format:
        name = ALIASES.get(format.lower(), format.lower())
        if name not in FORMATS:
            raise LoadError("unknown RDF format", file=str(path) if path else None,
                            expected=", ".join(sorted(FORMATS)), found=format)
        return name
    if path is None:
        raise LoadError("no RDF format given", expected=", ".join(sorted(FORMATS)))
    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS:
        raise LoadError("unknown RDF file extension", file=str(path),
                        expected=", ".join(sorted(EXTENSIONS)), found=ext or "(none)")
    return EXTENSIONS[ext]


def parse(data: bytes | str | IO, format: str, *, file: str | None = None,
          base_iri: str | None = None, rename_blank_nodes: bool = True, first_line: int = 1) -> Iterator[ox.Triple]:
    """Triples of RDF ``data`` in ``format`` (see :data:`FORMATS`); pure, streaming.

    A syntax error raises :class:`kg.errors.LoadError` with the file (if given) and the line
    (``data`` starting at line ``first_line`` of the file). ``rename_blank_nodes=False`` keeps the
    file's own blank node labels (``[ ]`` nodes get fresh ones on each read).

    >>> [str(t.object) for t in parse('{"@id": "https://ex.org/a", "https://ex.org/p": "x"}', "json-ld")]
    ['"x"']
    """
    name = format_of(file, format)
    oxformat, human = FORMATS[name]
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        for quad in ox.parse(data, format=oxformat, base_iri=base_iri, rename_blank_nodes=rename_blank_nodes):
            yield quad.triple if isinstance(quad, ox.Quad) else quad
    except SyntaxError as err:
        line, column = getattr(err, "lineno", None), getattr(err, "offset", None)
        text = re.sub(r"^Parser error at line \d+ column \d+: ", "", str(getattr(err, "msg", err)))
        text = re.sub(r" \(line \d+\)$", "", text)
        if "LoadDocumentCallback" in text:
            text = "a remote JSON-LD @context is never fetched; put the context inline in the file"
        where = f" at column {column}" if column else ""
        if line is not None:
            line += first_line - 1
        raise LoadError(f"RDF syntax error{where}: {text}", file=file, line=line,
                        expected=f"valid {human}") from err
    except ValueError as err:  # e.g. invalid IRIs, bad encoding
        raise LoadError(f"RDF error: {err}", file=file, expected=f"valid {human}") from err



def ntriples(triples: Iterable[ox.Triple], batch: int | None = None) -> Iterator[bytes]:
    """N-Triples chunks of ``batch`` (default :data:`BATCH`) triples each, for :class:`kg.sources.Source`.

    >>> t = ox.Triple(ox.NamedNode("https://ex.org/a"), ox.NamedNode("https://ex.org/p"), ox.Literal("b"))
    >>> b"".join(ntriples([t]))
    b'<https://ex.org/a> <https://ex.org/p> "b" .\\n'
    """
    batch = batch or BATCH
    buf: list[ox.Triple] = []
    for triple in triples:
        buf.append(triple)
        if len(buf) >= batch:
            yield ox.serialize(buf, format=ox.RdfFormat.N_TRIPLES)
            buf = []
    if buf:
        yield ox.serialize(buf, format=ox.RdfFormat.N_TRIPLES)


# -- blank nodes -----------------------------------------------------------------------------------

#: How many later anonymous nodes a ``[ ]`` node is remembered for (see :class:`Skolem`).
ANONYMOUS_WINDOW = 100_000
_PLAIN_LABEL = re.compile(r"[A-Za-z0-9_-]+")


def skolem_prefix(source_id: str) -> str:
    """Where a source's blank nodes become IRIs (RDF 1.1 §3.5, under the project's id namespace).

    >>> skolem_prefix("rdf-extra")
    'https://w3id.org/ancrage/id/genid/rdf-extra/'
    """
    return f"{ANCD}genid/{slug(source_id)}/"


class Skolem:
    """Blank nodes as IRIs, the same on every read of one file (so the same in the store, in
    each chunk of the bulk loader and in the read model).

    A node the file labels (``_:x``) becomes ``<prefix>b-x``. An anonymous one (``[ ]``, a Turtle
    collection, a JSON-LD object without ``@id``) gets a random label from Oxigraph on each read:
    :meth:`triples` reads the file twice side by side, so a label that differs between the two
    reads is an anonymous node's, and it becomes ``<prefix>n<k>``, ``k`` counting anonymous nodes in
    order of first appearance (every read gives the same ``k``). Such a node is only ever named
    inside the statement (Turtle) or object (JSON-LD) that makes it, so memory stays bounded: it is
    remembered for :data:`ANONYMOUS_WINDOW` later anonymous nodes.

    >>> sk = Skolem("urn:g/")
    >>> x, a, b = ox.BlankNode("x"), ox.BlankNode("c5d2"), ox.BlankNode("d0d8")
    >>> [sk(n, twin).value for n, twin in ((x, x), (a, b), (a, ox.BlankNode("e1")), (b, a))]
    ['urn:g/b-x', 'urn:g/n0', 'urn:g/n0', 'urn:g/n1']
    """

    def __init__(self, prefix: str, window: int = ANONYMOUS_WINDOW):
        self.prefix, self.window = prefix, window
        self._recent: dict[str, int] = {}
        self._older: dict[str, int] = {}
        self._next = 0

    def __call__(self, node: ox.BlankNode, twin: ox.BlankNode) -> ox.NamedNode:
        """The IRI of ``node``; ``twin`` is the same node in the other read of the file."""
        label = node.value
        if label == twin.value:
            return ox.NamedNode(self.prefix + "b-" + (label if _PLAIN_LABEL.fullmatch(label) else quote(label, safe="")))
        n = self._recent.get(label)
        if n is None:
            n = self._older.get(label)
            if n is None:
                n, self._next = self._next, self._next + 1
            self._recent[label] = n
            if len(self._recent) >= self.window:
                self._older, self._recent = self._recent, {}
        return ox.NamedNode(f"{self.prefix}n{n}")

    def triples(self, pairs: Iterable[tuple[ox.Triple, ox.Triple]]) -> Iterator[ox.Triple]:
        """The triples of one read with every blank subject and object made an IRI; each comes
        with its twin from another read of the file (the same triple where no ``[ ]`` can be)."""
        for triple, twin in pairs:
            yield self.one(triple, twin)

    def one(self, triple: ox.Triple, twin: ox.Triple) -> ox.Triple:
        """``triple`` with its blank subject and object made IRIs (``twin``: see :meth:`triples`)."""
        s, o, blank = triple.subject, triple.object, ox.BlankNode
        if isinstance(s, blank) or isinstance(o, blank):
            triple = ox.Triple(self(s, twin.subject) if isinstance(s, blank) else s, triple.predicate,
                               self(o, twin.object) if isinstance(o, blank) else o)
        return triple


# -- privacy -----------------------------------------------------------------------------------------

#: Predicates naming a resource (the product's label properties, and schema.org's names that
#: foreign files use): for a group of people receiving support, never a person's name.
LABELS = frozenset(LABEL_PROPS) | {str(SCHEMA.name), str(SCHEMA.alternateName)}
#: Classes of a person (the suggestions' own, and schema.org's that foreign files use).
PERSON_CLASSES = frozenset(CANDIDATE_PERSON_CLASSES) | {str(SCHEMA.Person)}
#: IRI schemes that hold personal data -> the :mod:`kg.messages.privacy` reason.
PERSONAL_SCHEMES = {"mailto": "email", "tel": "phone", "sms": "phone", "callto": "phone"}
_CATEGORY = str(ANC.category)
_SUPPORTED = str(ANCC["category/personnes-accompagnees"])
_PUBLIC_ROLE = str(ANC.PublicRolePerson)


def _public_categories() -> frozenset[str]:
    from .tabular_rows import PUBLIC_ROLE_CATEGORIES  # one list of the categories of a public role

    return frozenset(str(ANCC[f"category/{c}"]) for c in PUBLIC_ROLE_CATEGORIES)


_PERSONAL_IRI = re.compile("(?i)(" + "|".join(PERSONAL_SCHEMES) + "):")


def _personal_scheme(term) -> str | None:
    """``mailto``, ``tel``… when ``term`` is an IRI of a scheme that holds personal data."""
    if isinstance(term, ox.NamedNode):
        m = _PERSONAL_IRI.match(term.value)
        return m.group(1).lower() if m else None
    return None


@lru_cache(maxsize=65_536)
def _scan(text: str) -> tuple[str | None, tuple]:
    """:func:`kg.privacy.hidden_char` and :func:`kg.privacy.scan_text` of a literal (many repeat:
    place names, categories)."""
    return hidden_char(text), tuple(scan_text(text))


class Guard:
    """The privacy checks of one RDF file: problems found, resources quarantined.

    :meth:`check` sees every triple once (bounded memory: the sets hold the subjects that are
    groups, persons or quarantined, and one refused triple per problem, never the file's triples);
    :meth:`check_group` then sees the triples of the groups of people receiving support, once these
    are known.
    """

    def __init__(self, file: str, prefix: str):
        self.file, self.prefix = file, prefix
        self.problems: list[LocatedError] = []
        self.quarantined: set[str] = set()  # resources: their triples and the links to them are left out
        self.dropped: set[ox.Triple] = set()  # single triples left out
        self.groups: set[str] = set()
        self.persons: dict[str, tuple[int | None, str]] = {}  # subject -> (line, class) of its rdf:type
        self.public: set[str] = set()
        self._public_categories = _public_categories()

    def _subject(self, value: str) -> str:
        """The subject as the user wrote it: ``_:x``, an anonymous node, a masked personal IRI."""
        if value.startswith(self.prefix):
            rest = value[len(self.prefix):]
            return "_:" + unquote(rest[2:]) if rest.startswith("b-") else t("rdf.anonymous-node", "fr") + \
                " / " + t("rdf.anonymous-node", "en")
        scheme = value.partition(":")[0].lower()
        return f"<{scheme}:…>" if scheme in PERSONAL_SCHEMES else f"<{value}>"

    def refuse(self, key: str, triple: ox.Triple, line: int | None, found: str | None, *, whole: bool = False,
               **values) -> None:
        """Record a problem (``rdf.<key>``, French / English) and quarantine the triple, or with
        ``whole`` its subject (every triple about it and every link to it)."""
        subject = getattr(triple.subject, "value", None) or str(triple.subject)
        fr, en = (t("rdf." + key, lang, **localise(values, lang)) for lang in LANGS)
        expected = " / ".join(t(f"rdf.{key}.expected", lang, **localise(values, lang)) for lang in LANGS)
        predicate = triple.predicate.value
        if _personal_scheme(triple.predicate):
            predicate = predicate.partition(":")[0] + ":…"
        self.problems.append(PrivacyError(f"{fr} / {en}", file=self.file, line=line, subject=self._subject(subject),
                                          field=predicate, expected=expected, found=found))
        if whole:
            self.quarantined.add(subject)
        else:
            self.dropped.add(triple)

    def check(self, triple: ox.Triple, line: int | None) -> None:
        """Personal data in one triple; note the groups and the persons."""
        s, p, o = triple
        for term in (s, p, o):
            scheme = _personal_scheme(term)
            if scheme:
                reason = PERSONAL_SCHEMES[scheme]
                self.refuse("personal-iri", triple, line, f"{scheme}:…", scheme=scheme,
                            reason_fr=t("privacy." + reason, "fr"), reason_en=t("privacy." + reason, "en"))
        if isinstance(o, ox.Literal):
            text = o.value
            hidden, findings = _scan(text)
            if hidden is not None:
                shown = text.encode("unicode_escape").decode("ascii")
                self.refuse("hidden-char", triple, line, mask(shown) if findings else shown[:40],
                            code=f"{ord(hidden):04X}")
            for finding in findings:
                self.refuse("personal-data", triple, line, finding.masked,
                            reason_fr=finding.reason_fr, reason_en=finding.reason_en)
            return
        if not isinstance(o, ox.NamedNode) or not isinstance(s, ox.NamedNode):
            return
        if p.value == RDF_TYPE and o.value in PERSON_CLASSES:
            self.persons.setdefault(s.value, (line, o.value))
            if o.value == _PUBLIC_ROLE:
                self.public.add(s.value)
        elif p.value == _CATEGORY:
            if o.value == _SUPPORTED:
                self.groups.add(s.value)
            elif o.value in self._public_categories:
                self.public.add(s.value)

    def check_persons(self) -> None:
        """A person is kept only in a public role, and never in the category of people receiving support."""
        categories = ", ".join(sorted(c.rsplit("/", 1)[1] for c in self._public_categories))
        for subject, (line, cls) in self.persons.items():
            triple = ox.Triple(ox.NamedNode(subject), ox.NamedNode(RDF_TYPE), ox.NamedNode(cls))
            if subject in self.groups:
                self.refuse("person-in-group-category", triple, line, f"<{cls}>", whole=True)
            elif subject not in self.public:
                self.refuse("person-not-public", triple, line, f"<{cls}>", whole=True, categories=categories)

    def check_group(self, triple: ox.Triple, line: int | None) -> None:
        """A group of people receiving support names nobody: its labels are group names, its other
        texts hold no "first name + surname" either (what :meth:`check` did not already refuse)."""
        s, p, o = triple
        if getattr(s, "value", None) not in self.groups or not isinstance(o, ox.Literal):
            return
        if p.value in LABELS:
            finding = check_group_name(o.value)
            if finding is not None:
                self.refuse("named-person", triple, line, finding.masked, whole=True,
                            reason_fr=finding.reason_fr, reason_en=finding.reason_en)
            return
        seen = {(f.kind, f.start, f.end) for f in scan_text(o.value)}
        for finding in scan_text(o.value, names=True):
            if (finding.kind, finding.start, finding.end) not in seen:
                self.refuse("personal-data", triple, line, finding.masked,
                            reason_fr=finding.reason_fr, reason_en=finding.reason_en)

    def keeps(self, triple: ox.Triple) -> bool:
        """Whether the triple is kept: not left out itself, not about a quarantined resource nor a
        link to one."""
        q = self.quarantined
        return triple not in self.dropped and getattr(triple.subject, "value", None) not in q and \
            (isinstance(triple.object, ox.Literal) or getattr(triple.object, "value", None) not in q)

    @property
    def leaves_out(self) -> bool:
        return bool(self.quarantined or self.dropped)


# -- reading -----------------------------------------------------------------------------------------

#: Lines of N-Triples parsed together while checking (each triple's line is known).
LINE_BATCH = 20_000


def _twins(path: Path, name: str, base: str) -> Iterator[tuple[tuple[ox.Triple, ox.Triple], int | None]]:
    """Each triple of the file with its twin and its line, blank node labels as the file gives
    them. N-Triples has no anonymous node (the twin is the triple) and one triple per line, read in
    batches of :data:`LINE_BATCH` lines; other formats are read twice side by side (see
    :class:`Skolem`) and have no line (``None``)."""
    if name != "nt":
        with open(path, "rb") as fh, open(path, "rb") as fh2:
            one, two = (parse(io.BufferedReader(f), name, file=str(path), base_iri=base, rename_blank_nodes=False)
                        for f in (fh, fh2))
            for pair in zip(one, two):
                yield pair, None
        return
    with open(path, "rb") as fh:
        first = 1
        while True:
            lines = list(itertools.islice(fh, LINE_BATCH))
            if not lines:
                return
            triples = list(parse(b"".join(lines), name, file=str(path), base_iri=base, rename_blank_nodes=False,
                                 first_line=first))
            numbers = [first + i for i, text in enumerate(lines) if text.strip() and not text.lstrip().startswith(b"#")]
            if len(numbers) != len(triples):  # not one triple per line: no line numbers for this batch
                numbers = [None] * len(triples)
            for triple, number in zip(triples, numbers):
                yield (triple, triple), number
            first += len(lines)


def load(path: str | Path, source_id: str | None = None, format: str | None = None, *,
         title: str | None = None, licence: str | None = None, url: str | None = None) -> Source:
    """An RDF file as a :class:`kg.sources.Source` (id: ``source_id`` or ``rdf-<file stem>``).

    The file is read here to check its syntax and its privacy and to count its triples (a
    :class:`LoadError` names the file and line; personal data quarantines the resource it is
    about, see :attr:`kg.sources.Source.problems`), and again, streaming, each time the store asks
    for the triples. A file with groups of people receiving support, or with problems, is read
    once or twice more here (the groups' names; the triples kept). ``records`` counts the triples
    kept.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "extra.nt")
    >>> _ = open(path, "w").write('<https://ex.org/a> <https://ex.org/p> "b" .\\n'
    ...                           '<https://ex.org/c> <https://ex.org/p> "c@exemple.fr" .\\n')
    >>> src = load(path)
    >>> src.id, src.records, [(p.line, p.field, p.found) for p in src.problems]
    ('rdf-extra', 1, [(2, 'https://ex.org/p', 'c…@exemple.fr')])
    """
    path = Path(path)
    name = format_of(path, format)
    if not path.is_file():
        raise LoadError("file not found", file=str(path), expected="an existing RDF file")
    base = path.resolve().as_uri()
    source_id = slug(source_id) if source_id else f"rdf-{slug(path.stem)}"  # the id its graph IRI has
    prefix = skolem_prefix(source_id)

    def located() -> Iterator[tuple[ox.Triple, int | None]]:
        one = Skolem(prefix).one
        for (triple, twin), line in _twins(path, name, base):
            yield one(triple, twin), line

    def stream() -> Iterator[ox.Triple]:
        if name == "nt":  # one fast read (no anonymous node, no twin)
            with open(path, "rb") as fh:
                read = parse(io.BufferedReader(fh), name, file=str(path), base_iri=base, rename_blank_nodes=False)
                triples = Skolem(prefix).triples((t, t) for t in read)
                yield from (filter(guard.keeps, triples) if guard.leaves_out else triples)
        else:
            triples = (triple for triple, _line in located())
            yield from (filter(guard.keeps, triples) if guard.leaves_out else triples)

    guard = Guard(str(path), prefix)
    count = 0
    for triple, line in located():
        guard.check(triple, line)
        count += 1
    guard.check_persons()
    if guard.groups:
        for triple, line in located():
            guard.check_group(triple, line)
    if guard.leaves_out:
        count = sum(1 for _ in stream())
    guard.problems.sort(key=lambda p: (p.line or 0, p.subject or "", p.field or ""))
    return Source(source_id, title or path.name, lambda: ntriples(stream()), path=str(path), licence=licence,
                  url=url, description=f"{FORMATS[name][1]} file {path.name}", records=count,
                  problems=guard.problems)


__all__ = ["FORMATS", "EXTENSIONS", "format_of", "parse", "ntriples", "skolem_prefix", "Skolem", "Guard", "load"]
