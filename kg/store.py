"""The canonical RDF dataset: an embedded on-disk Oxigraph store, one named graph per source.

Layout of a store folder::

    var/store/
      current -> gen-20261129T123000-1a2b3c   (symlink, replaced atomically)
      gen-20261129T123000-1a2b3c/              (an Oxigraph database)

Every write (a build, the reload of one source, an import) happens in a *new generation*: a
copy of the current one (Oxigraph's hard-link backup, cheap) or an empty one, changed, flushed,
closed, and only then made current by swapping the ``current`` link with ``os.replace``. A crash
or an error at any point leaves ``current`` as it was; readers that opened the previous
generation keep reading it. The generation name is the store's *version*, the key of every
cache computed from the store.

Queries see the union of all named graphs unless a graph is named.

>>> import tempfile
>>> from kg.sources import Source
>>> folder = tempfile.mkdtemp()
>>> src = Source.from_ntriples("demo", "Demo", ['<https://ex.org/a> <https://ex.org/p> "b" .'])
>>> write_sources(folder, [src])                       # doctest: +ELLIPSIS
'gen-...'
>>> store = Store.open(folder)
>>> store.select("SELECT ?o WHERE { ?s <https://ex.org/p> ?o }").rows
[('b',)]
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .namespaces import PREFIXES

CURRENT = "current"
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Rows:
    """The result of a SELECT: variable names and rows of plain Python values.

    IRIs become ``str``, literals their Python value (``int``, ``float``, ``Decimal``,
    ``datetime.date``, ``bool`` or ``str``), unbound values ``None``. ``truncated``: more rows
    exist than the limit the query ran with.
    """

    variables: list[str]
    rows: list[tuple]
    truncated: bool = False

    def dicts(self) -> list[dict]:
        return [dict(zip(self.variables, row)) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def to_python(term):
    """Plain Python value of an Oxigraph term (see :class:`Rows`)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value
        value = term.value
        try:
            if dtype in (_XSD + "integer", _XSD + "int", _XSD + "long", _XSD + "nonNegativeInteger",
                         _XSD + "positiveInteger", _XSD + "short"):
                return int(value)
            if dtype == _XSD + "decimal":
                return Decimal(value)
            if dtype in (_XSD + "double", _XSD + "float"):
                return float(value)
            if dtype == _XSD + "boolean":
                return value in ("true", "1")
            if dtype == _XSD + "date":
                return dt.date.fromisoformat(value)
        except ValueError:
            return value
        return value
    return str(term)


def _iri(graph) -> ox.NamedNode:
    return graph if isinstance(graph, ox.NamedNode) else ox.NamedNode(str(graph))


class Store:
    """A read handle on one generation of an on-disk store (or an in-memory one for tests)."""

    def __init__(self, oxi: ox.Store, version: str, path: Path | None = None):
        self.oxi, self.version, self.path = oxi, version, path

    # -- opening ---------------------------------------------------------------------------
    @staticmethod
    def current_generation(folder: str | Path) -> Path | None:
        link = Path(folder) / CURRENT
        if not link.is_symlink() and not link.exists():
            return None
        target = link.resolve()
        return target if target.is_dir() else None

    @classmethod
    def exists(cls, folder: str | Path) -> bool:
        return cls.current_generation(folder) is not None

    @classmethod
    def open(cls, folder: str | Path) -> "Store":
        """Open the current generation read-only; :class:`StoreError` if there is none."""
        gen = cls.current_generation(folder)
        if gen is None:
            raise StoreError(f"no store at {folder}: run 'ancrage build' first "
                             f"(or set ANCRAGE_STORE / --store to an existing store)")
        try:
            return cls(ox.Store.read_only(str(gen)), gen.name, Path(folder))
        except OSError as err:
            raise StoreError(f"cannot open the store at {gen}: {err}") from err

    @classmethod
    def in_memory(cls, sources: Iterable["Source"] = ()) -> "Store":  # noqa: F821
        """A throw-away store holding ``sources`` (tests, previews of an import)."""
        oxi = ox.Store()
        for source in sources:
            _load_source(oxi, source)
        return cls(oxi, "memory-" + uuid.uuid4().hex[:8])

    # -- reading ---------------------------------------------------------------------------
    def _run(self, sparql: str, graph=None, substitutions=None):
        kwargs = {"prefixes": PREFIXES}
        if graph is None:
            kwargs["use_default_graph_as_union"] = True
        else:
            kwargs["default_graph"] = [_iri(g) for g in (graph if isinstance(graph, list) else [graph])]
        if substitutions:
            kwargs["substitutions"] = {ox.Variable(k): _term(v) for k, v in substitutions.items()}
        try:
            return self.oxi.query(sparql, **kwargs)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}. Only read queries (SELECT, ASK, "
                             f"CONSTRUCT, DESCRIBE) are accepted; updates are refused.") from err
        except (OSError, ValueError, RuntimeError) as err:
            raise QueryError(f"the query failed: {err}") from err

    def select(self, sparql: str, graph=None, substitutions: dict | None = None) -> Rows:
        """Run a SELECT and return :class:`Rows` (``graph`` restricts to named graphs)."""
        result = self._run(sparql, graph, substitutions)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        variables = [v.value for v in result.variables]
        rows = [tuple(to_python(sol[v]) for v in variables) for sol in result]
        return Rows(variables, rows)

    def ask(self, sparql: str, graph=None, substitutions: dict | None = None) -> bool:
        result = self._run(sparql, graph, substitutions)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, sparql: str, graph=None, substitutions: dict | None = None) -> bytes:
        """Run a CONSTRUCT or DESCRIBE; the triples as N-Triples bytes."""
        result = self._run(sparql, graph, substitutions)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b""

    def query(self, sparql: str, graph=None, substitutions: dict | None = None):
        """Run any read query: :class:`Rows`, ``bool`` or N-Triples ``bytes``."""
        result = self._run(sparql, graph, substitutions)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            return Rows(variables, [tuple(to_python(s[v]) for v in variables) for s in result])
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b""

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.oxi.named_graphs())

    def count(self, graph=None) -> int:
        """Number of triples (in one graph, or in all named graphs)."""
        return self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph=graph).rows[0][0]

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS, graph=None) -> bytes:
        """Serialise the whole dataset (N-Quads, TriG) or one graph (any triple format)."""
        if graph is None:
            return self.oxi.dump(format=fmt)
        return self.oxi.dump(format=fmt, from_graph=_iri(graph))

    def rdflib_graph(self, graph=None):
        """The union of the named graphs (or one graph) as an rdflib ``Graph`` (small data only)."""
        import rdflib

        g = rdflib.Graph()
        for prefix, iri in PREFIXES.items():
            g.bind(prefix, iri)
        data = self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph=graph)
        g.parse(data=data.decode("utf-8"), format="nt")
        return g


def _term(value):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    text = str(value)
    if text.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(text)
    return ox.Literal(text)


# -- writing -----------------------------------------------------------------------------------

def _load_source(oxi: ox.Store, source) -> None:
    graph = _iri(source.graph)
    oxi.remove_graph(graph) if oxi.contains_named_graph(graph) else None
    for chunk in source.ntriple_chunks():
        if chunk:
            oxi.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    meta = source.metadata_ntriples()
    if meta:
        oxi.bulk_load(meta, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)


def _new_generation_name() -> str:
    return "gen-" + dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


class _Writer:
    """The writable Oxigraph store of a new generation, closed for good when the block ends.

    RocksDB keeps compacting while a handle is open, so the handle must be released *before*
    the generation becomes current and read-only readers open it; callers only ever hold this
    proxy, never the store itself.
    """

    def __init__(self, oxi: ox.Store):
        self._oxi = oxi

    def __getattr__(self, name):
        if self._oxi is None:
            raise StoreError("this store generation is closed")
        return getattr(self._oxi, name)

    def close(self) -> None:
        if self._oxi is not None:
            self._oxi.flush()
            self._oxi = None
            gc.collect()


@contextmanager
def writing(folder: str | Path, *, fresh: bool = False) -> Iterator[ox.Store]:
    """A writable new generation; made current only if the block ends without error.

    ``fresh=True`` starts empty (a rebuild), otherwise from a copy of the current generation.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    current = Store.current_generation(folder)
    gen = folder / _new_generation_name()
    tmp_link = folder / f".{CURRENT}.{uuid.uuid4().hex[:6]}"
    try:
        if current is not None and not fresh:
            ox.Store.read_only(str(current)).backup(str(gen))
        writer = _Writer(ox.Store(str(gen)))
    except OSError as err:
        shutil.rmtree(gen, ignore_errors=True)
        raise StoreError(f"cannot create a new store generation in {folder}: {err}") from err
    try:
        yield writer
        writer.close()
        os.symlink(gen.name, tmp_link)
        os.replace(tmp_link, folder / CURRENT)
    except BaseException:
        writer._oxi = None
        gc.collect()
        shutil.rmtree(gen, ignore_errors=True)
        if tmp_link.is_symlink():
            tmp_link.unlink()
        raise
    _prune(folder, keep={gen.name, current.name if current else ""})


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove generations other than the current and the previous one (readers may hold it)."""
    for child in folder.iterdir():
        if child.name.startswith("gen-") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)


def write_sources(folder: str | Path, sources: Iterable, *, fresh: bool = False,
                  drop_graphs: Iterable[str] = ()) -> str:
    """Replace each source's named graph (and drop others) in one atomic step; the new version.

    With ``fresh=True`` the store holds exactly ``sources`` afterwards (``ancrage build``).
    Otherwise each new graph of at most ``DEDUPE_MAX_TRIPLES`` triples gives up the triples that
    other graphs already state (see :meth:`kg.sources.Source.without_triples_of` for why).
    """
    sources = list(sources)
    with writing(folder, fresh=fresh) as oxi:
        for graph in drop_graphs:
            if oxi.contains_named_graph(_iri(graph)):
                oxi.remove_graph(_iri(graph))
        for source in sources:
            _load_source(oxi, source)
        if not fresh:
            for source in sources:
                _drop_restated(oxi, _iri(source.graph))
    return Store.current_generation(folder).name


DEDUPE_MAX_TRIPLES = 200_000


def _drop_restated(oxi, graph: ox.NamedNode) -> None:
    """Remove from ``graph`` the triples another named graph already holds (small graphs only)."""
    size = next(iter(oxi.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")))["n"]
    if int(size.value) > DEDUPE_MAX_TRIPLES:
        return
    oxi.update(f"DELETE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} "
               f"FILTER(!(?s = <{graph.value}>)) "
               f"FILTER EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph.value}>) }} }}")
