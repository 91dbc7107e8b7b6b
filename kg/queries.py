"""The named query library (``ontology/queries/``) and the read-only SPARQL runner.

Each named query is a ``<name>.rq`` file (and its Cypher twin ``<name>.cypher``) that starts
with comment headers::

    # title_fr: Membres d'un groupe de travail
    # title_en: Members of a working group
    # description_fr: …
    # description_en: …
    # param: group | string | Groupe (extrait du nom) | Group (part of the name) | ancrage
    # column: groupLabel | Groupe | Group
    # column: direction | Sens | Direction | code

A ``column`` header gives a result column its French and English titles and, optionally, what
its values are: ``code`` (the last part of a concept IRI, shown by the concept's label) or
``kind`` (a relation kind such as ``membership``, shown in the user's language).

Parameters are bound by :func:`bind`: each value is typed (``string``, ``integer``, ``date``,
``iri``), serialised as an escaped SPARQL term and put where its variable stands, so the same
text runs on the embedded store and on a remote endpoint, and no value is ever pasted as raw
query text.

>>> q = library()["acteurs-par-categorie"]
>>> q.title("en")
'Actors by category in a territory'
>>> bind("SELECT ?s WHERE { ?s ?p ?x }", {"x": "L'Haÿ"}, {"x": "string"})
'SELECT ?s WHERE { ?s ?p "L\\'Haÿ" }'
>>> bind("SELECT ?x WHERE { ?s ?p ?x }", {"x": 3}, {"x": "integer"})
'SELECT ?x WHERE { VALUES ?x { 3 }  ?s ?p ?x }'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BilingualQueryError, QueryError
from .i18n import LANGS, pick, t
from .ntriples import nt_iri, nt_literal
from .paths import shipped

QUERY_DIR = shipped("ontology", "queries")
PARAM_TYPES = ("string", "integer", "date", "iri")
COLUMN_KINDS = ("code", "kind")
_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    label_fr: str
    label_en: str
    default: str = ""

    def label(self, lang: str = "fr") -> str:
        return pick(self.label_fr, self.label_en, lang)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    sparql: str
    cypher: str | None
    titles: dict = field(default_factory=dict)
    descriptions: dict = field(default_factory=dict)
    params: tuple[Param, ...] = ()
    #: result variable → (French title, English title, value kind: "", "code" or "kind")
    columns: dict = field(default_factory=dict)

    def column_title(self, var: str, lang: str = "fr") -> str:
        """The title of a result column in ``lang`` (the variable's name when undeclared)."""
        col = self.columns.get(var)
        return pick(col[0], col[1], lang) if col else var

    def title(self, lang: str = "fr") -> str:
        return self.titles.get(lang) or self.titles.get("fr") or self.name

    def description(self, lang: str = "fr") -> str:
        return self.descriptions.get(lang) or self.descriptions.get("fr") or ""

    def values(self, given: dict | None = None) -> dict:
        """Parameter values: the given ones over the defaults; unknown names are refused."""
        given = dict(given or {})
        names = {p.name for p in self.params}
        unknown = set(given) - names
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(sorted(unknown))}; "
                             f"parameters: {', '.join(sorted(names)) or 'none'}")
        out = {}
        for p in self.params:
            value = given.get(p.name, p.default)
            if value in (None, ""):
                raise QueryError(f"query {self.name!r}: parameter {p.name!r} ({p.label_en}) is required")
            out[p.name] = value
        return out


_HEADER = re.compile(r"^#\s*([a-z_]+)\s*:\s*(.*)$")


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file (and its ``.cypher`` twin when present)."""
    text = path.read_text(encoding="utf-8")
    titles, descriptions, params, columns = {}, {}, [], {}
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = m.groups()
        if key.startswith("title_"):
            titles[key[6:]] = value.strip()
        elif key.startswith("description_"):
            descriptions[key[12:]] = value.strip()
        elif key == "param":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) < 4 or parts[1] not in PARAM_TYPES:
                raise QueryError(f"{path}, line {lineno}: malformed param header (expected "
                                 f"'name | {'|'.join(PARAM_TYPES)} | label fr | label en | default'; found {value!r})")
            params.append(Param(parts[0], parts[1], parts[2], parts[3], parts[4] if len(parts) > 4 else ""))
        elif key == "column":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) < 3 or (len(parts) > 3 and parts[3] not in COLUMN_KINDS):
                raise QueryError(f"{path}, line {lineno}: malformed column header (expected "
                                 f"'variable | titre fr | title en [| {'|'.join(COLUMN_KINDS)}]'; found {value!r})")
            columns[parts[0]] = (parts[1], parts[2], parts[3] if len(parts) > 3 else "")
    twin = path.with_suffix(".cypher")
    cypher = twin.read_text(encoding="utf-8") if twin.exists() else None
    return NamedQuery(path.stem, text, cypher, titles, descriptions, tuple(params), columns)


_LIBRARIES: dict[Path, tuple[tuple, dict[str, NamedQuery]]] = {}


def library(folder: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query, by name (sorted).

    Parsed again only when a file of the folder changed (name, size or modification time): each
    run of a named query asks for the library, and parsing it costs more than the stat calls.
    """
    folder = Path(folder)
    files = sorted([*folder.glob("*.rq"), *folder.glob("*.cypher")])
    key = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    cached = _LIBRARIES.get(folder)
    if cached is None or cached[0] != key:
        cached = _LIBRARIES[folder] = (key, {p.stem: parse_query_file(p) for p in files if p.suffix == ".rq"})
    return dict(cached[1])


def get(name: str, folder: Path = QUERY_DIR) -> NamedQuery:
    lib = library(folder)
    if name not in lib:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(lib)}")
    return lib[name]


# -- binding -----------------------------------------------------------------------------------

def sparql_term(value, type_: str) -> str:
    """The SPARQL syntax of a typed parameter value.

    >>> sparql_term("2018-09-21", "date")
    '"2018-09-21"^^<http://www.w3.org/2001/XMLSchema#date>'
    >>> sparql_term('a"b', "string")
    '"a\\\\"b"'
    """
    if type_ == "integer":
        try:
            return str(int(value))
        except (TypeError, ValueError) as err:
            raise QueryError(f"expected an integer, found {value!r}") from err
    if type_ == "date":
        try:
            iso = value.isoformat() if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)).isoformat()
        except ValueError as err:
            raise QueryError(f"expected a date (YYYY-MM-DD), found {value!r}") from err
        return nt_literal(iso, datatype=_XSD_DATE)
    if type_ == "iri":
        try:
            return nt_iri(value)
        except ValueError as err:
            raise QueryError(f"expected an IRI, found {value!r}") from err
    return nt_literal(value)


def bind(sparql: str, values: dict, types: dict) -> str:
    """Put each parameter's value, as an escaped SPARQL term, where its variable stands.

    A parameter variable is replaced by its term wherever it occurs outside strings, IRIs and
    comments (``FILTER(CONTAINS(?l, ?body))`` becomes ``FILTER(CONTAINS(?l, "…"))``), so the
    store plans the query with the constant, exactly as if it had been written in; a ``VALUES``
    join would make Oxigraph 0.5 evaluate a ``UNION`` for every row first. A parameter the query
    also projects is bound with ``VALUES`` at the start of the first ``WHERE`` group instead.
    """
    if not values:
        return sparql
    projected = _projection(sparql)
    inline = {k: v for k, v in values.items() if k not in projected}
    text = sparql
    if inline:
        masked = _mask(text)
        pattern = re.compile(r"[?$](%s)\b" % "|".join(re.escape(k) for k in inline))
        pieces, last = [], 0
        for m in pattern.finditer(masked):
            pieces.append(text[last:m.start()])
            pieces.append(sparql_term(inline[m.group(1)], types[m.group(1)]))
            last = m.end()
        pieces.append(text[last:])
        text = "".join(pieces)
    rest = {k: v for k, v in values.items() if k in projected}
    if not rest:
        return text
    block = " ".join(f"VALUES ?{name} {{ {sparql_term(v, types[name])} }}" for name, v in rest.items())
    m = re.search(r"\bWHERE\s*\{", _mask(text), re.I)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return text[: m.end()] + " " + block + " " + text[m.end():]


def _projection(sparql: str) -> set[str]:
    """Variables named between ``SELECT`` and the first ``WHERE`` (``SELECT *`` projects all)."""
    masked = _mask(sparql)
    m = re.search(r"\bSELECT\b(.*?)\bWHERE\b", masked, re.I | re.S)
    if not m:
        return set()
    if "*" in m.group(1):
        return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", masked))
    return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", m.group(1)))


def _mask(sparql: str) -> str:
    """The query with comments, strings and IRIs blanked out (same length), for keyword search."""
    def blank(m):
        return " " * len(m.group(0))
    masked = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', blank, sparql)
    masked = re.sub(r"<[^<>\s]*>", blank, masked)
    return re.sub(r"#[^\n]*", blank, masked)


_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b(?=\s*(DATA|WHERE|\{|GRAPH|SILENT|DEFAULT|NAMED|ALL|<|\?|$))",
                     re.I)


def ensure_read_only(sparql: str) -> None:
    """Refuse SPARQL updates (the store is read-only from the CLI and the explorer).

    >>> ensure_read_only("SELECT * WHERE { ?s ?p 'DELETE DATA' }")
    >>> ensure_read_only("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    kg.errors.BilingualQueryError: refusé : c'est une mise à jour SPARQL (DELETE) ; ici les requêtes ne font que lire — utilisez 'ancrage build' ou 'ancrage import' pour changer le graphe / refused: this is a SPARQL update (DELETE); queries here are read-only — use 'ancrage build' or 'ancrage import' to change the graph
    """
    m = _UPDATE.search(_mask(sparql))
    if m:
        raise BilingualQueryError("query.update-refused", keyword=m.group(1).upper())


# -- what a read-only query may not do --------------------------------------------------------

def _parse_tree(sparql: str):
    """rdflib's parse tree of a query (Unicode escapes expanded, as SPARQL prescribes)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(sparql)
    except (ParseException, ValueError) as err:
        where = ({f"where_{lang}": t("query.syntax-where", lang, line=err.lineno, column=err.col) for lang in LANGS}
                 if isinstance(err, ParseException) else {"where": ""})
        raise BilingualQueryError("query.syntax-error", error=err, **where) from err


def _walk(node):
    from rdflib.plugins.sparql.parserutils import CompValue

    yield node
    if isinstance(node, CompValue):
        children = node.values()
    elif isinstance(node, dict):
        children = node.values()
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        children = list(node)
    else:
        return
    for child in children:
        yield from _walk(child)


def ensure_local(sparql: str) -> None:
    """Refuse a federated query: a ``SERVICE`` anywhere in the parsed query (sub-queries, ``EXISTS``…).

    The decision comes from the parse tree, not the text: ``SERVICE`` in a string or a comment is
    fine, ``\\u0053ERVICE`` (a Unicode escape, expanded before parsing) is refused. A query that
    does not hold the letters ``service`` nor an escape at all cannot hold the keyword and is not
    parsed (the fast path).

    >>> ensure_local("SELECT * WHERE { ?s ?p 'SERVICE <http://x>' } # SERVICE")
    >>> ensure_local("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.errors.BilingualQueryError: refusé : requête fédérée (SERVICE <http://127.0.0.1:9/sparql>) ; ici les requêtes ne lisent que le graphe local / refused: federated query (SERVICE <http://127.0.0.1:9/sparql>); queries here read the local graph only
    """
    if "service" not in sparql.lower() and "\\u" not in sparql.lower():
        return
    from rdflib import Variable
    from rdflib.plugins.sparql.parserutils import CompValue

    for node in _walk(_parse_tree(sparql)):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            term = node.get("term")
            target = f"?{term}" if isinstance(term, Variable) else f"<{term}>"
            raise BilingualQueryError("query.federated-refused", target=target)


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(sparql: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (the first keyword outside strings)."""
    m = _FORM.search(_mask(sparql))
    return m.group(1).upper() if m else None


def with_row_cap(sparql: str, cap: int) -> str:
    """A SELECT that returns at most ``cap`` rows: its own top-level ``LIMIT`` lowered, or one added.

    The top level is brace depth 0 (a sub-query's ``LIMIT`` stays as it is); a trailing ``VALUES``
    block keeps its place after the ``LIMIT``. Other query forms are returned unchanged.

    >>> with_row_cap("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 } } # end", 6)
    'SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 } } # end\\nLIMIT 6\\n'
    >>> with_row_cap("SELECT * WHERE { ?s ?p ?o } LIMIT 3", 6)
    'SELECT * WHERE { ?s ?p ?o } LIMIT 3'
    >>> with_row_cap("SELECT * WHERE { ?s ?p ?o } LIMIT 30 OFFSET 2", 6)
    'SELECT * WHERE { ?s ?p ?o } LIMIT 6 OFFSET 2'
    >>> with_row_cap("SELECT * WHERE { ?s ?p ?o } VALUES ?s { <x:a> }", 6)
    'SELECT * WHERE { ?s ?p ?o } LIMIT 6 VALUES ?s { <x:a> }'
    """
    if query_form(sparql) != "SELECT":
        return sparql
    top = list(_mask(sparql))
    depth = 0
    for i, ch in enumerate(top):
        depth += (ch == "{") - (ch == "}")
        if depth or ch == "}":
            top[i] = " "
    top_text = "".join(top)
    limit = None
    for m in re.finditer(r"\bLIMIT\s+(\d+)", top_text, re.I):
        limit = m
    if limit is not None:
        if int(limit.group(1)) <= cap:
            return sparql
        return sparql[: limit.start(1)] + str(cap) + sparql[limit.end(1):]
    values = None
    for m in re.finditer(r"\bVALUES\b", top_text, re.I):
        values = m
    if values is not None:
        return sparql[: values.start()] + f"LIMIT {cap} " + sparql[values.start():]
    return sparql + f"\nLIMIT {cap}\n"


# -- running -----------------------------------------------------------------------------------

def resolve(query: str, folder: Path = QUERY_DIR) -> tuple[str, NamedQuery | None]:
    """SPARQL text for ``query``: a library name, a ``.rq`` path, or SPARQL text itself."""
    lib = library(folder)
    if query in lib:
        return lib[query].sparql, lib[query]
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 300 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise QueryError(f"no query file {query}")
        named = parse_query_file(path)
        return named.sparql, named
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.I) and not _UPDATE.search(_mask(query)):
        raise QueryError(f"{query!r} is neither a named query ({', '.join(lib)}), a .rq file, nor SPARQL")
    return query, None


def prepare(sparql: str, limit: int | None = None) -> str:
    """The text a read-only runner may send: no update, no ``SERVICE``, at most ``limit + 1`` rows.

    The extra row tells a result cut at ``limit`` from one that ends there.
    """
    ensure_read_only(sparql)
    ensure_local(sparql)
    return with_row_cap(sparql, limit + 1) if limit is not None else sparql


def run(store, query: str, params: dict | None = None, *, timeout: float | None = None,
        limit: int | None = None, memory_mb: int | None = None):
    """Run a named query, a ``.rq`` file or SPARQL text, read-only, local, with limits.

    Returns :class:`kg.store.Rows` for SELECT (``truncated`` when more than ``limit`` rows
    exist), ``bool`` for ASK, N-Triples bytes otherwise. On the on-disk store the query runs in a
    worker process killed past ``timeout`` seconds or ``memory_mb`` MB
    (:class:`kg.errors.QueryLimitError`); on a remote endpoint ``timeout`` bounds the request.
    """
    text, named = resolve(query)
    ensure_read_only(text)
    if named is not None:
        values = named.values(params)
        text = bind(text, values, {p.name: p.type for p in named.params})
    elif params:
        raise QueryError("parameters are only accepted with a named query or a .rq file with param headers")
    text = prepare(text, limit)
    answer = _model_answer(store, query, named)
    if answer is not None:
        result = _from_model(store, query, answer, limit, timeout, memory_mb)
    else:
        result = execute(store, text, timeout=timeout, memory_mb=memory_mb)
    if limit is not None and hasattr(result, "rows") and len(result.rows) > limit:
        from .store import Rows

        result = Rows(result.variables, result.rows[:limit], truncated=True, method=result.method)
    return result


def _model_answer(store, query: str, named: NamedQuery | None):
    """The read-model answer of a library query (not of a ``.rq`` file of the same name), if any
    (:func:`kg.read.lookups.model_answer`, the one choice)."""
    if named is None or query != named.name or library().get(query) is not named:
        return None
    from .read.lookups import model_answer

    return model_answer(store, query)


def _from_model(store, name: str, answer, limit: int | None, timeout: float | None, memory_mb: int | None):
    """The rows of the named query ``name`` from the store's read model (at most ``limit + 1``):
    in a query worker for the on-disk store (stopped past ``timeout`` or ``memory_mb`` as any
    query), in this process otherwise."""
    from .store import Store

    cap = limit + 1 if limit is not None else None
    if isinstance(store, Store) and store.path is not None:
        return _in_worker(store, "", timeout, memory_mb, answer=name, cap=cap)
    from .read.model import model_for

    return answer(model_for(store), limit=cap).to_rows()


def execute(store, sparql: str, *, timeout: float | None = None, memory_mb: int | None = None):
    """Run prepared read-only text where the store lives (see :func:`run`)."""
    from .store import Store

    if isinstance(store, Store) and store.path is not None:
        return _in_worker(store, sparql, timeout, memory_mb)
    if isinstance(store, Store):  # in memory (tests, import previews): nothing to open elsewhere
        return store.query(sparql)
    from .remote import RemoteStore

    if isinstance(store, RemoteStore):
        return store.query(sparql, timeout=timeout)
    return store.query(sparql)


def _in_worker(store, sparql: str, timeout: float | None, memory_mb: int | None, *,
               answer: str | None = None, cap: int | None = None):
    import pyoxigraph as ox

    from .namespaces import PREFIXES
    from .query_worker import default_pool, run_on_current
    from .settings import Settings
    from .store import Rows, to_python

    generation = Path(store.path) / store.version
    kind, body = run_on_current(default_pool(), store.path, sparql, generation=generation if generation.is_dir() else None,
                                timeout=timeout or float("inf"), memory_mb=memory_mb or Settings.query_memory_mb,
                                prefixes=PREFIXES, answer=answer, cap=cap)
    if kind == "graph":
        return body
    if kind == "rows":  # a named query answered from the read model (kg.read.answers)
        from .read.answers import Table

        return Table.from_bytes(body).to_rows()
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    variables = [v.value for v in parsed.variables]
    return Rows(variables, [tuple(to_python(s[v]) for v in variables) for s in parsed])
