"""The canonical RDF dataset: an embedded on-disk Oxigraph store, one named graph per source.

Layout of a store folder::

    var/store/
      current -> gen-20261129T123000.000001-1a2b3c   (symlink, replaced atomically)
      gen-20261129T123000.000001-1a2b3c/              (an Oxigraph database)
      locks/write                     (held by the one writer; says who it is)
      locks/gen-…                     (held, shared, by every reader of that generation)
      cache/                          (derived data, :mod:`kg.diskcache`, :mod:`kg.analysis.cache`)

Every write (a build, the reload of one source, an import) happens in a *new generation*, with
the store's write lock held (one writer at a time, between processes: the CLI, the explorer): a
copy of the current one (Oxigraph's hard-link backup, cheap) or an empty one, written as
``.partial-gen-…``, flushed, closed, renamed ``gen-…``, and only then made current by swapping the
``current`` link with ``os.replace``. A crash or an error at any point leaves ``current`` as it
was. A write whose ``current`` cannot be resolved (dangling, looping, not a link, missing while
generations exist) is refused: it never starts from empty. Pruning removes only generations that
are not current and that no reader holds. The generation name is the store's *version*, the key of
every cache computed from the store.

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
import errno
import gc
import itertools
import logging
import os
import shutil
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from . import locks
from .errors import QueryError, StoreError, is_disk_full
from .i18n import LANGS, localise, t
from .namespaces import PREFIXES
from .read import parts

log = logging.getLogger(__name__)

CURRENT = "current"
LOCKS = "locks"
CACHE = "cache"
WRITE_LOCK = "write"
PARTIAL = ".partial-"
TRASH = ".trash-"
#: Seconds a write waits for another write on the same store (the ``write_wait`` setting's default).
WRITE_WAIT = 60.0
#: Seconds a reader waits for a prune to finish on the generation it opens.
READ_WAIT = 10.0

def store_error(code: str, **values) -> StoreError:
    """The :class:`StoreError` ``code`` (message ``store.<code>`` of :mod:`kg.messages.store`), in
    French and English; ``x_fr`` / ``x_en`` values fill ``{x}`` in each language."""
    fr, en = (t("store." + code, lang, repair=t("store.repair", lang, folder=values.get("folder", "")),
                **localise(values, lang)) for lang in LANGS)
    return StoreError(en, fr=fr, code=code)


def generations(folder: str | Path) -> list[str]:
    """Names of the complete generations in ``folder``, oldest first."""
    try:
        return sorted(p.name for p in Path(folder).iterdir()
                      if p.name.startswith("gen-") and p.is_dir() and not p.is_symlink())
    except OSError:
        return []


def resolve_current(folder: str | Path) -> Path | None:
    """The generation ``current`` points to; ``None`` for a store not built yet (no generation).

    Raises :class:`StoreError` when the link cannot be trusted: ``--store`` is a file, ``current``
    is missing while generations exist, dangling, a loop, not a symbolic link, or points outside
    the store's generations. A write must never take such a store for an empty one.
    """
    folder = Path(folder)
    if not folder.exists():
        if os.path.lexists(folder) or _under_a_file(folder):
            raise store_error("not-a-folder", folder=folder)
        return None
    if not folder.is_dir():
        raise store_error("not-a-folder", folder=folder)
    link = folder / CURRENT
    if not os.path.lexists(link):
        found = generations(folder)
        if found:
            raise store_error("link-missing", folder=folder, n=len(found))
        return None
    if not link.is_symlink():
        directory = link.is_dir()
        raise store_error("link-not-symlink", folder=folder, kind_fr="dossier" if directory else "fichier",
                          kind_en="folder" if directory else "file")
    target = os.readlink(link)
    try:
        os.stat(link)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise store_error("link-loop", folder=folder) from None
        raise store_error("link-dangling", folder=folder, target=target) from None
    real = Path(os.path.realpath(link))
    if real.parent != folder.resolve() or not real.name.startswith("gen-") or not real.is_dir():
        raise store_error("link-outside", folder=folder, target=target)
    return real


def _under_a_file(path: Path) -> bool:
    return any(parent.is_file() for parent in path.parents)
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
    #: How the rows were found: ``"sparql"``, or ``"read-model"`` (:mod:`kg.read.answers`).
    method: str = field(default="sparql", compare=False)

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

    def __init__(self, oxi: ox.Store, version: str, path: Path | None = None, reader_lock=None):
        self.oxi, self.version, self.path = oxi, version, path
        self._reader_lock = reader_lock

    # -- opening ---------------------------------------------------------------------------
    @staticmethod
    def current_generation(folder: str | Path) -> Path | None:
        """The current generation, ``None`` if none was written; :class:`StoreError` if broken."""
        return resolve_current(folder)

    @classmethod
    def exists(cls, folder: str | Path) -> bool:
        return cls.current_generation(folder) is not None

    @classmethod
    def open(cls, folder: str | Path, generation: str | None = None) -> "Store":
        """Open the current generation (or ``generation``) read-only; :class:`StoreError` if there is none.

        The handle holds a shared lock on its generation until :meth:`close` or until it is collected:
        no write prunes a generation that a reader, in any process, still has open.
        """
        folder = Path(folder)
        for _attempt in range(5):
            gen = folder / generation if generation else cls.current_generation(folder)
            if gen is None:
                raise store_error("no-store", folder=folder)
            held = _reader_lock(folder, gen.name)
            if not gen.is_dir():  # pruned between reading the link and locking: read the link again
                if held:
                    held.release()
                if generation:
                    raise store_error("generation-gone", folder=folder, generation=generation)
                continue
            try:
                return cls(ox.Store.read_only(str(gen)), gen.name, folder, reader_lock=held)
            except OSError as err:
                if held:
                    held.release()
                raise store_error("cannot-open", folder=folder, generation=gen.name, detail=err) from err
        raise store_error("generation-gone", folder=folder, generation=CURRENT)

    def close(self) -> None:
        """Let go of the generation (its lock); the handle is unusable afterwards."""
        self.oxi = None
        if self._reader_lock is not None:
            self._reader_lock.release()
            self._reader_lock = None

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

def _load_source(oxi: ox.Store, source, part: "parts.Builder | None" = None) -> None:
    """Load ``source`` into its named graph (replacing it); ``part`` collects its read-model part
    from the same chunks, as they are loaded.

    The part reads each chunk in a second thread while Oxigraph loads it (its bulk loader lets
    go of the GIL): the parsing for the part and the loading overlap instead of adding up.
    """
    graph = _iri(source.graph)
    oxi.remove_graph(graph) if oxi.contains_named_graph(graph) else None
    chunks = itertools.chain(source.ntriple_chunks(), _later(source.metadata_ntriples))
    if part is None:
        for chunk in chunks:
            if chunk:
                oxi.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ancrage-part") as feeder:
        pending = None
        for chunk in chunks:
            if not chunk:
                continue
            if pending is not None:
                pending.result()  # one chunk read at a time: memory stays two chunks
            pending = feeder.submit(part.feed, chunk)
            oxi.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        if pending is not None:
            pending.result()


def _later(make):
    """One item, ``make()``, made when asked for (a source's metadata counts the records and
    problems met while its triples were made)."""
    yield make()


def _load_source_and_part(oxi: ox.Store, source) -> "parts.Part":
    """Load ``source`` and return its read-model part (the builder and its index of strings, a
    national graph's largest transient, are freed on return)."""
    builder = parts.Builder(str(source.graph))
    _load_source(oxi, source, builder)
    return builder.part()


def _new_generation_name() -> str:
    """``gen-<time to the microsecond>-<random>``: names sort in the order of the writes."""
    return "gen-" + dt.datetime.now().strftime("%Y%m%dT%H%M%S.%f") + "-" + uuid.uuid4().hex[:6]


def _reader_lock(folder: Path, name: str):
    """A shared lock on generation ``name`` (``None`` where locks cannot be made: a read-only folder)."""
    try:
        (folder / LOCKS).mkdir(exist_ok=True)
        return locks.acquire(folder / LOCKS / name, shared=True, wait=READ_WAIT)
    except OSError:
        return None


def writer_lock(folder: str | Path, wait: float = WRITE_WAIT) -> locks.Lock:
    """The store's write lock, waiting at most ``wait`` s; :class:`StoreError` if refused."""
    folder = Path(folder)
    if _under_a_file(folder) or (os.path.lexists(folder) and not folder.is_dir()):
        raise store_error("not-a-folder", folder=folder)
    try:
        (folder / LOCKS).mkdir(parents=True, exist_ok=True)
        held = locks.acquire(folder / LOCKS / WRITE_LOCK, wait=wait)
    except OSError as err:
        if is_disk_full(err):
            raise store_error("disk-full", folder=folder, version=_version_or_empty(folder)) from err
        raise store_error("lock-failed", folder=folder, detail=err) from err
    if held is None:
        holder = locks.note(folder / LOCKS / WRITE_LOCK) or "?"
        raise store_error("write-busy", folder=folder, wait=wait, holder=holder)
    try:
        held.write_note(f"pid {os.getpid()}, {dt.datetime.now():%Y-%m-%d %H:%M:%S}, {_command()}")
    except OSError:
        pass  # the note is only informative (a full disk may refuse it)
    return held


def _command() -> str:
    """This process's command line, short (``ancrage import x.csv``, ``streamlit run app.py``…)."""
    argv = list(sys.argv) or ["?"]
    program = os.path.basename(argv[0])
    if program == "__main__.py" or "kg/cli" in argv[0]:
        program = "ancrage"
    return " ".join([program, *argv[1:]])[:160]


def _version_or_empty(folder: Path) -> str:
    try:
        current = resolve_current(folder)
    except StoreError:
        current = None
    return current.name if current else "(vide / empty)"


class _Writer:
    """The writable Oxigraph store of a new generation, closed for good when the block ends.

    RocksDB keeps compacting while a handle is open, so the handle must be released *before*
    the generation becomes current and read-only readers open it; callers only ever hold this
    proxy, never the store itself. ``generation`` is the name the generation will have.
    """

    def __init__(self, oxi: ox.Store, generation: str, folder: Path | None = None, previous: str | None = None):
        self._oxi, self.generation = oxi, generation
        self.folder, self.previous = folder, previous  # the store folder; the generation this one copies

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
def writing(folder: str | Path, *, fresh: bool = False, wait: float = WRITE_WAIT) -> Iterator[ox.Store]:
    """A writable new generation; made current only if the block ends without error.

    ``fresh=True`` starts empty (a rebuild), otherwise from a copy of the current generation. The
    store's write lock is held from before ``current`` is read until the old generations are
    pruned; a second writer waits at most ``wait`` seconds. An ``OSError`` (disk full…) becomes a
    :class:`StoreError`; any error leaves the store as it was.
    """
    folder = Path(folder)
    held = writer_lock(folder, wait)
    try:
        current = resolve_current(folder)
        name = _new_generation_name()
        partial, gen = folder / (PARTIAL + name), folder / name
        try:
            if current is not None and not fresh:
                ox.Store.read_only(str(current)).backup(str(partial))
            writer = _Writer(ox.Store(str(partial)), name, folder,
                             current.name if current is not None and not fresh else None)
        except OSError as err:
            gc.collect()
            shutil.rmtree(partial, ignore_errors=True)
            raise _write_error(err, folder, current) from err
        try:
            yield writer
            writer.close()
            os.rename(partial, gen)
            swap_current(folder, name)
        except BaseException as err:
            writer._oxi = None
            gc.collect()
            shutil.rmtree(partial, ignore_errors=True)
            if _link_target(folder) != name:
                shutil.rmtree(gen, ignore_errors=True)
                parts.remove(folder, name)
                if isinstance(err, OSError):
                    raise _write_error(err, folder, current) from err
                raise
        _prune(folder, keep={name})
    finally:
        held.release()


def _write_error(err: OSError, folder: Path, current: Path | None) -> StoreError:
    version = current.name if current else "(vide / empty)"
    if is_disk_full(err):
        return store_error("disk-full", folder=folder, version=version)
    return store_error("write-failed", folder=folder, version=version, detail=err)


def _link_target(folder: Path) -> str | None:
    try:
        return os.readlink(folder / CURRENT)
    except OSError:
        return None


def swap_current(folder: Path, name: str) -> None:
    """Point ``current`` at ``name`` in one step (a new link renamed over the old one)."""
    tmp_link = folder / f".{CURRENT}.{uuid.uuid4().hex[:6]}"
    try:
        os.symlink(name, tmp_link)
        os.replace(tmp_link, folder / CURRENT)
    finally:
        if os.path.lexists(tmp_link):
            tmp_link.unlink()
    try:  # make the new link survive a power cut, not just a crash
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _prune(folder: Path, keep: set[str]) -> list[str]:
    """Remove what no one needs any more; the generations removed. Call with the write lock held.

    A generation goes only if it is not current, not in ``keep`` and no reader holds its lock
    (it is renamed out of the way under an exclusive lock, so a reader that comes late sees it
    gone and reads ``current`` again). Leftovers of interrupted writes and prunes go too.
    """
    current = _link_target(folder)
    removed = []
    for name in generations(folder):
        if name in keep or name == current:
            continue
        if remove_generation(folder, name):
            removed.append(name)
    clean_leftovers(folder)
    return removed


def remove_generation(folder: Path, name: str) -> bool:
    """Remove generation ``name`` unless a reader holds it; whether it was removed."""
    lock_path = folder / LOCKS / name
    try:
        (folder / LOCKS).mkdir(exist_ok=True)
        held = locks.acquire(lock_path)
    except OSError:
        return False
    if held is None:
        return False
    try:
        trash = folder / (TRASH + name)
        os.rename(folder / name, trash)
        lock_path.unlink(missing_ok=True)
    except OSError:
        return False
    finally:
        held.release()
    shutil.rmtree(trash, ignore_errors=True)
    parts.remove(folder, name)
    _drop_caches(folder, [name])
    return True


def leftovers(folder: Path) -> list[Path]:
    """Partial generations, half-removed ones, temporary links, lock files of removed generations."""
    folder = Path(folder)
    found = [p for p in folder.iterdir() if p.name.startswith((PARTIAL, TRASH, f".{CURRENT}."))]
    lock_dir = folder / LOCKS
    if lock_dir.is_dir():
        found += [p for p in lock_dir.iterdir()
                  if p.name != WRITE_LOCK and not (folder / p.name).is_dir() and not locks.is_locked(p)]
    found += parts.orphans(folder)
    return sorted(found)


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove :func:`leftovers` (with the write lock held: no write is under way); what went."""
    gone = []
    for path in leftovers(folder):
        try:
            if path.is_symlink() or path.is_file():
                path.unlink()
            else:
                shutil.rmtree(path)
            gone.append(path)
        except OSError:
            pass
    return gone


def _drop_caches(folder: Path, names: list[str]) -> None:
    cache = folder / CACHE
    if not cache.is_dir():
        return
    for path in cache.iterdir():
        if any(f"--{name}" in path.name for name in names):
            path.unlink(missing_ok=True)


def write_sources(folder: str | Path, sources: Iterable, *, fresh: bool = False,
                  drop_graphs: Iterable[str] = (), wait: float = WRITE_WAIT) -> str:
    """Replace each source's named graph (and drop others) in one atomic step; the new version.

    With ``fresh=True`` the store holds exactly ``sources`` afterwards (``ancrage build``).
    Otherwise each new graph of at most ``DEDUPE_MAX_TRIPLES`` triples gives up the triples that
    other graphs already state (see :meth:`kg.sources.Source.without_triples_of` for why).
    """
    sources = list(sources)
    with writing(folder, fresh=fresh, wait=wait) as oxi:
        for graph in drop_graphs:
            if oxi.contains_named_graph(_iri(graph)):
                oxi.remove_graph(_iri(graph))
        built: dict[str, parts.Part] = {}
        for source in sources:
            built[str(source.graph)] = _load_source_and_part(oxi, source)
        if not fresh:
            for source in sources:
                if _drop_restated(oxi, _iri(source.graph)):  # triples went: its part is read back
                    built[str(source.graph)] = parts.derive(oxi, str(source.graph))
        write_parts(oxi, built)
    return oxi.generation


def write_parts(writer: "_Writer", built: dict[str, "parts.Part"]) -> None:
    """The read model's parts of the new generation (:mod:`kg.read.parts`): those ``built`` from
    the graphs just written, the others linked from the previous generation."""
    folder = parts.folder_of(writer.folder, writer.generation)
    for part in built.values():
        parts.save(part, folder)
    others = [g.value for g in writer.named_graphs() if g.value not in built]
    previous = parts.folder_of(writer.folder, writer.previous) if writer.previous else None
    parts.link_unchanged(previous, folder, others)
    from .read.model import write_combined

    try:  # the combined model is a cache: a failure here costs its first reader time, never the write
        write_combined(writer.folder, writer.generation, sorted([*built, *others]), built)
    except Exception as exc:  # noqa: BLE001
        log.warning("modèle combiné non écrit / combined model not written: %s (%s: %s)",
                    folder, type(exc).__name__, exc)


DEDUPE_MAX_TRIPLES = 200_000


def _drop_restated(oxi, graph: ox.NamedNode) -> bool:
    """Remove from ``graph`` the triples another named graph already holds (small graphs only);
    whether any went (a larger graph is left as it is)."""
    def size() -> int:
        return int(next(iter(oxi.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")))["n"].value)

    before = size()
    if before > DEDUPE_MAX_TRIPLES:
        return False
    oxi.update(f"DELETE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} "
               f"FILTER(!(?s = <{graph.value}>)) "
               f"FILTER EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph.value}>) }} }}")
    return size() != before
