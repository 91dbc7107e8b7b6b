"""Queries that can be stopped: each embedded-store query runs in a worker process.

A query typed by a user (``ancrage query``, the explorer's SPARQL box, ``ancrage serve``) may
run for ever or fill the memory; a thread cannot be stopped, a process can. A worker is a small
Python process (``python -m kg.query_worker``, only ``pyoxigraph`` imported) that opens one
generation of the store **read-only** (and keeps it open while the requests name the same
generation), runs the query and sends the serialised result back. The parent watches the wall clock and the worker's resident memory
while it waits and kills the worker (``SIGKILL``) the moment either limit is passed; the pool
then starts a fresh one.

The exchange is JSON and bytes over the worker's standard input and output, never a code-executing serialisation: one
request line, then one reply line (``{"ok": true, "kind": "solutions" | "boolean" | "graph",
"length": n}``) followed by ``n`` bytes of SPARQL results (JSON, XML, CSV, TSV) or RDF.

>>> pool = QueryPool(keep=0)
>>> pool.run("/nonexistent", "ASK {}", timeout=5, memory_mb=256)
Traceback (most recent call last):
...
kg.query_worker.GenerationGone: the store generation /nonexistent is gone: no store generation at /nonexistent
>>> pool.close()
"""

from __future__ import annotations

import atexit
import errno
import json
import logging
import math
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from .errors import QueryError, QueryLimitError
from .paths import PACKAGE

log = logging.getLogger(__name__)

#: How often the parent looks at the worker's clock and memory, in seconds: at most every 20 ms.
#: A runaway query grows by hundreds of MB between two looks 100 ms apart and meets the worker's
#: own address-space backstop first, which ends it without saying why (seen in CI); at 20 ms the
#: parent sees the resident memory pass the limit and reports it. The time limit stays exact: the
#: parent also wakes at the deadline.
POLL_SECONDS = 0.01
POLL_MAX_SECONDS = 0.02
#: Result formats a worker writes (SPARQL results for SELECT/ASK, RDF for CONSTRUCT/DESCRIBE).
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("nt", "ttl", "rdfxml")
_PROJECT = str(PACKAGE.parent)  # where kg is imported from: the checkout or site-packages


# -- the parent side ----------------------------------------------------------------------------

class GenerationGone(QueryError):
    """The generation asked for was removed (a newer one is current)."""


class _Worker:
    def __init__(self):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (_PROJECT, os.environ.get("PYTHONPATH")) if p))
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.query_worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                     start_new_session=True, close_fds=True)
        self.pid = self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class QueryPool:
    """Worker processes kept warm (``keep`` idle ones), at most ``max_workers`` running.

    :meth:`run` is thread-safe: the explorer and ``ancrage serve`` call it from many threads.
    """

    def __init__(self, keep: int = 1, max_workers: int = 4):
        self.keep, self.max_workers = keep, max_workers
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_workers)
        #: Pids of the workers killed for passing a limit (newest last), for the log and the tests.
        self.killed: list[int] = []
        if keep:
            self._warm()

    def _warm(self) -> None:
        with self._lock:
            while len(self._idle) < self.keep:
                worker = _Worker()
                self._all.add(worker)
                self._idle.append(worker)

    def _start(self) -> _Worker:
        worker = _Worker()
        with self._lock:
            self._all.add(worker)
        return worker

    def _take(self) -> _Worker:
        dead = []
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    break
                dead.append(worker)
            else:
                worker = None
        for gone in dead:
            self._discard(gone)
        return worker or self._start()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if worker.alive() and worker in self._all and len(self._idle) < max(self.keep, 1):
                self._idle.append(worker)
                return
        self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def close(self) -> None:
        """Stop every worker, idle or busy (a busy call then fails with a :class:`QueryError`)."""
        with self._lock:
            workers, self._idle, self._all = list(self._all), [], set()
            self.keep = 0
        for worker in workers:
            worker.kill()

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return [w.pid for w in self._all if w.alive()]

    def run(self, generation: str | Path, sparql: str, *, timeout: float, memory_mb: int,
            union: bool = True, graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            prefixes: dict | None = None, result_format: str = "json",
            graph_format: str = "nt", answer: str | None = None, cap: int | None = None) -> tuple[str, bytes]:
        """Run ``sparql`` on one generation folder; ``(kind, serialised bytes)``.

        With ``answer`` (a name of :data:`kg.read.answers.ANSWERS`), the worker answers that named
        query from the generation's read model instead (at most ``cap`` rows): kind ``"rows"``,
        a :class:`kg.read.answers.Table` (:meth:`~kg.read.answers.Table.to_bytes`).

        Raises :class:`kg.errors.QueryError` (syntax, failure) or
        :class:`kg.errors.QueryLimitError` (time or memory limit passed; the worker is killed).
        """
        request = json.dumps({"store": str(generation), "query": sparql, "union": union, "graphs": graphs,
                              "named_graphs": named_graphs, "prefixes": prefixes or {},
                              "result_format": result_format, "graph_format": graph_format,
                              "timeout": timeout if math.isfinite(timeout) else None, "memory_mb": memory_mb,
                              "answer": answer, "cap": cap}).encode("utf-8")
        if not self._slots.acquire(timeout=timeout if math.isfinite(timeout) else -1):
            raise QueryLimitError("busy", timeout)
        worker = None
        try:
            worker = self._take()
            started = time.monotonic()
            try:
                worker.proc.stdin.write(request + b"\n")
                worker.proc.stdin.flush()
            except OSError as err:
                worker.kill()
                raise QueryError(f"the query worker could not be reached: {err}") from err
            header = self._wait(worker, started, timeout, memory_mb)
            reply = json.loads(header)
            body = worker.proc.stdout.read(reply.get("length", 0)) if reply.get("ok") else b""
            if reply.get("kind") == "memory":  # its own backstop came before our look at its memory
                self._stop(worker, f"memory limit {memory_mb} MB ({reply.get('message')})")
                worker = None
                raise QueryLimitError("memory", memory_mb)
            self._give_back(worker)
            worker = None
            if not reply.get("ok"):
                if reply.get("kind") == "gone":
                    raise GenerationGone(f"the store generation {generation} is gone: {reply.get('message')}")
                if reply.get("kind") == "syntax":
                    raise QueryError(f"SPARQL syntax error: {reply.get('message')}. Only read queries (SELECT, ASK, "
                                     f"CONSTRUCT, DESCRIBE) are accepted; updates are refused.")
                raise QueryError(f"the query failed: {reply.get('message')}")
            return reply["kind"], body
        finally:
            if worker is not None:
                self._discard(worker)
            self._slots.release()
            if self._short():  # a thread only when a worker must be started (not after every query)
                threading.Thread(target=self._warm, daemon=True, name="ancrage-query-warm").start()

    def _short(self) -> bool:
        with self._lock:
            return len(self._idle) < self.keep

    def _wait(self, worker: _Worker, started: float, timeout: float, memory_mb: int) -> bytes:
        """The worker's reply line; kill it when the clock or its memory passes the limit."""
        import psutil

        fd = worker.proc.stdout.fileno()
        try:
            watched = psutil.Process(worker.pid)
        except psutil.Error:
            watched = None
        interval = POLL_SECONDS
        while True:
            left = timeout - (time.monotonic() - started)
            ready, _, _ = select.select([fd], [], [], max(0.0, min(interval, left + 0.001)))
            interval = min(interval * 2, POLL_MAX_SECONDS)
            if ready:
                line = worker.proc.stdout.readline()
                if line:
                    return line
                worker.kill()
                raise QueryError("the query worker stopped without an answer (the query failed)")
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                self._stop(worker, f"time limit {timeout:g} s")
                raise QueryLimitError("time", timeout)
            try:
                rss_mb = watched.memory_info().rss / 2**20 if watched else 0
            except psutil.Error:
                rss_mb = 0
            if rss_mb > memory_mb:
                self._stop(worker, f"memory limit {memory_mb} MB (resident {rss_mb:.0f} MB)")
                raise QueryLimitError("memory", memory_mb)

    def _stop(self, worker: _Worker, why: str) -> None:
        self._discard(worker)
        self.killed.append(worker.pid)
        log.info("query worker %s killed: %s", worker.pid, why)


def run_on_current(pool: QueryPool, folder: str | Path, sparql: str, *, generation: str | Path | None = None,
                   **options) -> tuple[str, bytes]:
    """:meth:`QueryPool.run` on ``generation`` (by default the one ``current`` points to now).

    Should that generation be removed before the worker opens it (writes swapped ``current`` and
    pruned it meanwhile), the query runs again on the new current one.
    """
    from .errors import StoreError
    from .store import Store

    for _attempt in range(3):
        if generation is None:
            generation = Store.current_generation(folder)
            if generation is None:
                raise StoreError(f"no store at {folder}: run 'ancrage build' first")
        try:
            return pool.run(generation, sparql, **options)
        except GenerationGone:
            generation = None
    return pool.run(Store.current_generation(folder), sparql, **options)


_default: QueryPool | None = None
_default_lock = threading.Lock()


def default_pool() -> QueryPool:
    """The process-wide pool (one warm worker), stopped when the interpreter exits."""
    global _default
    with _default_lock:
        if _default is None:
            _default = QueryPool(keep=1)
            atexit.register(_default.close)
        return _default


def close_default_pool() -> None:
    """Stop the process-wide pool's workers now (it starts again on the next query)."""
    global _default
    with _default_lock:
        pool, _default = _default, None
    if pool is not None:
        pool.close()


# -- the worker side -----------------------------------------------------------------------------

def _backstop(timeout: float | None, memory_mb: int | None) -> None:
    """Kernel limits for this query, should the parent die and never kill us.

    CPU time (``SIGXCPU`` past the wall-clock limit plus a margin) and address space (well above
    the resident limit the parent watches, so the parent's clean kill normally comes first).
    """
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    if timeout:
        used = int(usage.ru_utime + usage.ru_stime)
        soft = used + int(timeout) + 5
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    if memory_mb:
        try:
            with open("/proc/self/statm") as statm:
                virtual = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            return
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = virtual + 4 * memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _out_of_memory(err: BaseException) -> bool:
    """Whether ``err`` is an allocation refused by the address-space backstop (:func:`_backstop`),
    which a fast-growing query can meet between two looks of the parent at its memory.

    >>> _out_of_memory(MemoryError()), _out_of_memory(OSError(12, "Cannot allocate memory"))
    (True, True)
    >>> _out_of_memory(ValueError("bad IRI"))
    False
    """
    if isinstance(err, MemoryError) or (isinstance(err, OSError) and err.errno == errno.ENOMEM):
        return True
    text = str(err).lower()
    return any(k in text for k in ("cannot allocate memory", "memory allocation", "out of memory"))


def _answer(out, reply: dict, body: bytes = b"") -> None:
    reply["length"] = len(body)
    out.write(json.dumps(reply).encode("utf-8") + b"\n" + body)
    out.flush()


_opened: dict = {}


def _open(path: str):
    """The read-only handle of a generation, kept while the requests name the same one.

    Opening costs about 10 ms; a generation never changes once current, and the worker holds the
    generation's shared reader lock (:mod:`kg.locks`) while it keeps it open, so pruning spares it.
    """
    import gc

    import pyoxigraph as ox

    from pathlib import Path

    from kg.store import _reader_lock

    if _opened.get("path") != path:
        _opened.clear()
        gc.collect()  # release the previous generation (and its reader lock) before the next one
        # the shared reader lock first: pruning never removes a generation a worker holds open
        held = _reader_lock(Path(path).parent, Path(path).name)
        if not os.path.isdir(path):
            raise FileNotFoundError(f"no store generation at {path}")
        _opened.update(path=path, lock=held, store=ox.Store.read_only(path))
    return _opened["store"]


def _forget_models() -> None:
    """Free the read models a previous answer kept (hundreds of MB nationally): a SPARQL query's
    memory limit counts the worker's whole resident memory."""
    model = sys.modules.get("kg.read.model")
    if model is not None and model._MEMORY:
        import gc

        model.clear_memory()
        gc.collect()


def _answer_from_model(request: dict) -> tuple[str, bytes]:
    """A named query answered from the generation's read model (numpy and the model imported
    only now: a worker that only runs SPARQL stays small)."""
    from kg.read.answers import ANSWERS
    from kg.read.model import model_for
    from kg.store import Store

    path = Path(request["store"])
    answer = ANSWERS.get(request["answer"])
    if answer is None:
        raise ValueError(f"no read-model answer named {request['answer']!r}")
    table = answer(model_for(Store(_open(str(path)), path.name, path.parent)), limit=request.get("cap"))
    return "rows", table.to_bytes()


def _execute(request: dict) -> tuple[str, bytes]:
    import pyoxigraph as ox

    if request.get("answer"):
        return _answer_from_model(request)
    _forget_models()

    results = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    rdf = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "rdfxml": ox.RdfFormat.RDF_XML}
    store = _open(request["store"])
    kwargs = {"prefixes": request.get("prefixes") or None}
    if request.get("graphs"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request["graphs"]]
    elif request.get("union", True):
        kwargs["use_default_graph_as_union"] = True
    if request.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    result = store.query(request["query"], **kwargs)
    if isinstance(result, ox.QueryBoolean):
        return "boolean", result.serialize(format=results[request.get("result_format", "json")])
    if isinstance(result, ox.QuerySolutions):
        return "solutions", result.serialize(format=results[request.get("result_format", "json")])
    return "graph", result.serialize(format=rdf[request.get("graph_format", "nt")]) or b""


def main() -> None:
    """Serve requests from standard input until it closes."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # nothing but replies on the reply channel
    for line in sys.stdin.buffer:
        try:
            request = json.loads(line)
        except ValueError as err:
            _answer(out, {"ok": False, "kind": "failed", "message": f"bad request: {err}"})
            continue
        try:
            _backstop(request.get("timeout"), request.get("memory_mb"))
            kind, body = _execute(request)
        except SyntaxError as err:
            _answer(out, {"ok": False, "kind": "syntax", "message": str(err)})
        except FileNotFoundError as err:
            _answer(out, {"ok": False, "kind": "gone", "message": str(err)})
        except Exception as err:  # noqa: BLE001 - every failure becomes an answer, never a traceback
            if _out_of_memory(err):
                _answer(out, {"ok": False, "kind": "memory", "message": str(err) or type(err).__name__})
                continue
            _answer(out, {"ok": False, "kind": "failed", "message": str(err) or type(err).__name__})
        else:
            _answer(out, {"ok": True, "kind": kind}, body)


if __name__ == "__main__":
    main()
