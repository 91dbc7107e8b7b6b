"""Push the RDF dataset into Neo4j: constraints first, then batched, parameterised ``UNWIND … MERGE``.

* **Only Ancrage's data is touched.** Every node written carries the marker label ``Ancrage``
  (:data:`kg.mapping.MARKER`) and is merged on its ``uri``; relationships are merged between
  two ``Ancrage`` nodes only; the side table lives in one ``(:AncrageMeta {id: "schema"})`` node.
  A user's other nodes and relationships in the same database are never matched, changed or
  deleted — except that ``replace=True`` deletes ``Ancrage`` nodes *with* their relationships,
  including a relationship a user drew to one of them.
* **Idempotent.** Nodes are merged on ``uri``, relationships on (start, type, end); pushing the
  same store twice leaves the same counts. A push *adds and updates*: a property or relationship
  that disappeared from the store stays in Neo4j until a push with ``replace=True``. Blank nodes
  (``uri`` ``"_:…"``) have no stable name across store versions, so each push first removes the
  blank-node ``Ancrage`` nodes it wrote before.
* **Never string-built Cypher.** Values always travel as parameters (``$rows``). Labels and
  relationship types cannot be parameters: rows are grouped by label set (and by type), and each
  label or type is checked against :data:`kg.neo4j.translate.IDENTIFIER` before it is written
  into the statement.
* **Faults.** Every batch is its own managed transaction (``execute_write``): transient errors and
  lost connections are retried by the driver for ``retry_time`` seconds; after that the push
  stops with :class:`kg.neo4j.connection.Neo4jUnavailable`, and running it again completes it.
* **Side by side.** ``workers`` writers (:data:`kg.mapping.DEFAULT_WORKERS`) each send their own
  batches; relationship batches that run at the same time share no node
  (:func:`kg.neo4j.lanes.plan_lanes`), so that they do not wait for each other's locks.

>>> node_statement(("LocalCommittee", "Organisation"), ("prefLabel_fr", "sourceGraph"))
'UNWIND $rows AS row MERGE (n:`Ancrage` {uri: row[0]}) SET n.`prefLabel_fr` = row[1], n.`sourceGraph` = row[2] SET n:`LocalCommittee`:`Organisation`'
>>> rel_statement("LOCATED_IN")
'UNWIND $rows AS row MATCH (a:`Ancrage` {uri: row[0]}) MATCH (b:`Ancrage` {uri: row[1]}) MERGE (a)-[r:`LOCATED_IN`]->(b) SET r.sourceGraph = row[2]'
"""

from __future__ import annotations

import queue
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable

from ..mapping import DEFAULT_BATCH, DEFAULT_WORKERS, MARKER, SOURCE_KEY
from ..read.quads import has_quad_index
from .connection import Neo4jConnection, Neo4jUnavailable
from .lanes import plan_lanes
from .translate import (META_ID, META_LABEL, STATUS_COMPLETE, STATUS_IN_PROGRESS, GraphRows, Schema, check_identifier)

#: ``progress(phase, done, total)``; phases: "schema", "delete", "nodes", "relationships".
Progress = Callable[[str, int, int], None]

SCHEMA_STATEMENTS = [
    f"CREATE CONSTRAINT ancrage_uri IF NOT EXISTS FOR (n:`{MARKER}`) REQUIRE n.uri IS UNIQUE",
    f"CREATE CONSTRAINT ancrage_meta_id IF NOT EXISTS FOR (m:`{META_LABEL}`) REQUIRE m.id IS UNIQUE",
    f"CREATE INDEX ancrage_source_graph IF NOT EXISTS FOR (n:`{MARKER}`) ON (n.{SOURCE_KEY})",
]


@dataclass
class PushReport:
    """What a push did, and the counts in Neo4j afterwards."""

    nodes: int = 0
    relationships: int = 0
    batches: int = 0
    deleted: int = 0
    labels: dict = field(default_factory=dict)  # label set -> rows
    types: dict = field(default_factory=dict)  # relationship type -> rows
    counts: dict = field(default_factory=dict)  # conn.counts() after the push
    seconds: float = 0.0
    chunks: int = 0  # chunks written by this run
    skipped_chunks: int = 0  # chunks an interrupted push had written already
    resumed_from: tuple | None = None  # (phase, chunks done) when this run resumed one

    def summary(self) -> str:
        return (f"{self.nodes:,} nœuds / nodes, {self.relationships:,} relations / relationships "
                f"en / in {self.batches} lots / batches, {self.seconds:.1f} s"
                + (f"; {self.deleted:,} anciens nœuds supprimés / old nodes deleted" if self.deleted else "")
                + (f"; reprise d'un envoi interrompu, {self.skipped_chunks} tranches déjà écrites / resumed an "
                   f"interrupted push, {self.skipped_chunks} chunks already written" if self.resumed_from else ""))


def node_statement(labels: tuple, keys: tuple) -> str:
    """The MERGE statement of one label set and one set of property keys (both checked, never
    taken from values); rows are ``[uri, value of keys[0], value of keys[1], …]``.

    Naming each property (not ``SET n += row.props``) keeps the plan free of an ``Eager`` step,
    which would hold every row of the batch before writing any.
    """
    extra = "".join(f":`{check_identifier(label)}`" for label in labels)
    sets = ", ".join(f"n.{quote_key(key)} = row[{i}]" for i, key in enumerate(keys, 1))
    text = f"UNWIND $rows AS row MERGE (n:`{MARKER}` {{uri: row[0]}})" + (f" SET {sets}" if sets else "")
    return text + (f" SET n{extra}" if extra else "")


def quote_key(key: str) -> str:
    """A property key as a Cypher name: in backticks, a backtick inside doubled (Cypher's escape).

    >>> quote_key("note_fr-CA"), quote_key("a`b")
    ('`note_fr-CA`', '`a``b`')
    """
    return "`" + key.replace("`", "``") + "`"


def node_groups(group: list[dict]) -> dict[tuple, list[list]]:
    """Rows of one label set split by their property keys, as lists for :func:`node_statement`.

    >>> node_groups([{"uri": "a", "props": {"x": 1}}, {"uri": "b", "props": {"x": 2}}, {"uri": "c", "props": {}}])
    {('x',): [['a', 1], ['b', 2]], (): [['c']]}
    """
    groups: dict[tuple, list[list]] = {}
    for row in group:
        keys = tuple(sorted(row["props"]))
        groups.setdefault(keys, []).append([row["uri"], *(row["props"][k] for k in keys)])
    return groups


def rel_statement(rtype: str) -> str:
    """The MERGE statement of one relationship type (checked); rows are ``[start, end, graph]``.

    Setting the one known property (not ``r += map``) keeps the plan free of an Eager step.
    """
    check_identifier(rtype, "relationship type")
    return (f"UNWIND $rows AS row MATCH (a:`{MARKER}` {{uri: row[0]}}) MATCH (b:`{MARKER}` {{uri: row[1]}}) "
            f"MERGE (a)-[r:`{rtype}`]->(b) SET r.{SOURCE_KEY} = row[2]")


def rel_params(batch: list[dict]) -> list[list]:
    """Relationship rows as compact lists for :func:`rel_statement` (cheaper to send than maps)."""
    return [[r["s"], r["o"], r["props"].get(SOURCE_KEY)] for r in batch]


def _run(tx, statement: str, params: dict):
    return tx.run(statement, params).consume()


def _run_count(tx, statement: str, params: dict) -> int:
    record = tx.run(statement, params).single()
    return record[0] if record else 0


def ensure_schema(conn: Neo4jConnection) -> None:
    """Create the uniqueness constraints and the index Ancrage relies on (if missing)."""
    for statement in SCHEMA_STATEMENTS:
        conn.write(_run, statement, {})


def read_schema(conn: Neo4jConnection) -> Schema:
    """The side table already in Neo4j (empty when nothing was pushed yet)."""
    def work(tx):
        record = tx.run(f"MATCH (m:`{META_LABEL}` {{id: $id}}) RETURN m.schema AS schema", id=META_ID).single()
        return record["schema"] if record else None

    return Schema.from_json(conn.read(work))


def delete_ancrage(conn: Neo4jConnection, *, batch_size: int = 5_000, progress: Progress | None = None,
                   blank_nodes_only: bool = False) -> int:
    """Delete Ancrage nodes (with their relationships) and the side table, in batches; how many.

    ``blank_nodes_only=True`` deletes only the blank-node nodes (``uri`` starting with ``_:``).
    """
    where = " WHERE n.uri STARTS WITH '_:'" if blank_nodes_only else ""
    statement = (f"MATCH (n:`{MARKER}`){where} WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted")
    total = 0
    while True:
        deleted = conn.write(_run_count, statement, {"limit": batch_size})
        total += deleted
        if progress:
            progress("delete", total, total)
        if deleted < batch_size:
            break
    if not blank_nodes_only:
        conn.write(_run, f"MATCH (m:`{META_LABEL}`) DETACH DELETE m", {})
    return total


def write_meta(conn: Neo4jConnection, schema: Schema, *, status: str, store_version: str | None = None,
               nodes: int | None = None, relationships: int | None = None, push: dict | None = None) -> None:
    """The side table: schema, status, store version, counts; ``push`` (graph, replace, chunkRows)
    starts a new push's progress record, a complete push clears it."""
    push = push or {}
    conn.write(_run, (f"MERGE (m:`{META_LABEL}` {{id: $id}}) SET m.schema = $schema, m.status = $status, "
                      "m.storeVersion = $version, m.nodes = $nodes, m.relationships = $rels, "
                      "m.updatedAt = datetime(), m.format = 1, m.pushGraph = $graph, m.pushReplace = $replace, "
                      "m.pushChunkRows = $chunk_rows, m.pushPhase = null, m.pushChunk = null"),
               {"id": META_ID, "schema": schema.to_json(), "status": status, "version": store_version,
                "nodes": nodes, "rels": relationships, "graph": push.get("graph"), "replace": push.get("replace"),
                "chunk_rows": push.get("chunkRows")})


def _batches(rows: list, size: int):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def write_rows(conn: Neo4jConnection, rows: GraphRows, *, batch_size: int = DEFAULT_BATCH,
               workers: int = DEFAULT_WORKERS, progress: Progress | None = None,
               report: PushReport | None = None, totals: tuple | None = None) -> PushReport:
    """Write extracted rows: every node group, then every relationship type, in batches.

    ``totals`` (nodes, relationships) are what progress counts to when ``rows`` is one chunk of a
    larger push; ``report`` then adds up over the chunks.

    ``workers`` writers run side by side, each batch in its own managed transaction: node batches
    freely (each node is written once), relationship batches by the lanes of
    :func:`kg.neo4j.lanes.plan_lanes`, so that no two running batches share a node.
    """
    report = report or PushReport()
    total_nodes, total_rels = totals or (rows.node_count, rows.rel_count)
    groups = {labels: node_groups(group) for labels, group in rows.nodes.items()}
    # every label, key and type is checked before anything is written
    statements = {(labels, keys): node_statement(labels, keys) for labels in groups for keys in groups[labels]}
    rel_statements = {rtype: rel_statement(rtype) for rtype in rows.rels}

    def counted(phase: str, total: int) -> Callable[[int], None]:
        """After each batch: add its rows to ``report.<phase>`` ("nodes", "relationships"), report progress."""
        def on_batch(n: int) -> None:
            setattr(report, phase, getattr(report, phase) + n)
            report.batches += 1
            if progress:
                progress(phase, getattr(report, phase), total)
        return on_batch

    with ThreadPoolExecutor(1, thread_name_prefix="ancrage-plan") as planner:
        # the lanes are planned while the nodes are written
        plans = planner.submit(lambda: {rtype: plan_lanes(rows.rels[rtype], workers) for rtype in rows.rels})
        if progress and rows.nodes:
            progress("nodes", report.nodes, total_nodes)
        node_jobs = [[(statements[(labels, keys)], batch)]
                     for labels in sorted(groups) for keys in sorted(groups[labels])
                     for batch in _batches(groups[labels][keys], batch_size)]
        run_lanes(conn, node_jobs, workers, counted("nodes", total_nodes))
        for labels, group in rows.nodes.items():
            name = ":".join(labels) or "(aucune / none)"
            report.labels[name] = report.labels.get(name, 0) + len(group)
        if progress and rows.rels:
            progress("relationships", report.relationships, total_rels)
        on_batch = counted("relationships", total_rels)
        for rtype, layers in sorted(plans.result().items()):
            for layer in layers:
                run_lanes(conn, [[(rel_statements[rtype], batch) for batch in _batches(lane, batch_size)]
                                 for lane in layer], workers, on_batch, convert=rel_params)
            report.types[rtype] = report.types.get(rtype, 0) + len(rows.rels[rtype])
    return report


def run_lanes(conn: Neo4jConnection, lanes: list[list[tuple[str, list]]], workers: int,
              on_batch: Callable[[int], None], convert: Callable[[list], list] = list) -> None:
    """Run ``lanes`` (lists of ``(statement, rows)`` batches), at most ``workers`` at a time, the
    batches of one lane in order; ``on_batch(rows)`` is called in this thread after each batch.

    The first error stops the lanes not yet started and the batches not yet begun, and is raised
    once the running batches have ended (each is a transaction: it commits or rolls back whole).
    """
    if workers < 2 or len(lanes) < 2:
        for lane in lanes:
            for statement, batch in lane:
                conn.write(_run, statement, {"rows": convert(batch)}, idempotent=True)
                on_batch(len(batch))
        return
    finished: queue.SimpleQueue = queue.SimpleQueue()
    stop = threading.Event()

    def run(lane):
        for statement, batch in lane:
            if stop.is_set():
                return
            conn.write(_run, statement, {"rows": convert(batch)}, idempotent=True)
            finished.put(len(batch))

    with ThreadPoolExecutor(min(workers, len(lanes)), thread_name_prefix="ancrage-push") as pool:
        futures = [pool.submit(run, lane) for lane in lanes]
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_EXCEPTION)
                if any(future.exception() for future in done):
                    stop.set()
                while not finished.empty():
                    on_batch(finished.get())
        finally:
            stop.set()
    for future in futures:
        future.result()  # the first error, if any


def chunk_rows_for(batch_size: int, workers: int) -> int:
    """A chunk keeps every writer busy with one batch: ``batch_size × workers`` rows."""
    return batch_size * max(1, workers)


def read_progress(conn: Neo4jConnection) -> dict:
    """The side table's record of the last push: status, store version, phase and chunks done."""
    def work(tx):
        record = tx.run(f"MATCH (m:`{META_LABEL}` {{id: $id}}) RETURN m {{.status, .storeVersion, .schema, "
                        ".pushPhase, .pushChunk, .pushChunkRows, .pushGraph, .pushReplace, .pushBatches} AS m",
                        id=META_ID).single()
        return dict(record["m"]) if record else {}

    return conn.read(work)


def save_progress(conn: Neo4jConnection, phase: str, chunk: int, batches: int) -> None:
    """Record that the first ``chunk`` chunks of ``phase`` are written (one small transaction)."""
    conn.write(_run, f"MATCH (m:`{META_LABEL}` {{id: $id}}) SET m.pushPhase = $phase, m.pushChunk = $chunk, "
                     "m.pushBatches = $batches, m.updatedAt = datetime()",
               {"id": META_ID, "phase": phase, "chunk": chunk, "batches": batches})


def _resumable(record: dict, version, graph, replace: bool) -> bool:
    return bool(version) and record.get("status") == STATUS_IN_PROGRESS and record.get("storeVersion") == version \
        and record.get("pushGraph") == (str(graph) if graph is not None else None) \
        and bool(record.get("pushReplace")) == replace and bool(record.get("pushChunkRows")) \
        and record.get("pushPhase") in PHASES


#: The two streamed passes, in order.
PHASES = ("nodes", "relationships")


def push(store, conn: Neo4jConnection, *, replace: bool = False, batch_size: int = DEFAULT_BATCH,
         workers: int = DEFAULT_WORKERS, graph=None, progress: Progress | None = None,
         restart: bool = False) -> PushReport:
    """Write ``store`` (or one named graph of it) into Neo4j as Ancrage's property graph.

    The store is read in chunks (:mod:`kg.neo4j.stream`): every node, then every relationship,
    ``batch_size × workers`` rows at a time, so the client's memory does not grow with the store.
    After each chunk the side table records how far the push got; a push of the same store version
    (same ``graph`` and ``replace``) that finds an interrupted one there resumes after its last
    written chunk, unless ``restart=True``. ``replace=True`` first deletes every ``Ancrage`` node
    (and the side table), so Neo4j then mirrors the store exactly. Raises
    :class:`kg.neo4j.connection.Neo4jUnavailable` when the server cannot be reached or goes away
    for longer than the retry time.
    """
    from .stream import WholeStore, make_plan, node_chunks, rel_chunks

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, found {batch_size}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, found {workers}")
    started = time.perf_counter()
    report = PushReport()
    version = getattr(store, "version", None)
    version = version() if callable(version) else version
    if progress:
        progress("schema", 0, len(SCHEMA_STATEMENTS))
    ensure_schema(conn)
    record = read_progress(conn)
    resume = not restart and _resumable(record, version, graph, replace)
    if resume:
        schema = Schema.from_json(record.get("schema"))
        chunk_rows = int(record["pushChunkRows"])
        done = {"nodes": int(record["pushChunk"]) if record["pushPhase"] == "nodes" else None,
                "relationships": int(record["pushChunk"]) if record["pushPhase"] == "relationships" else 0}
        report.resumed_from = (record["pushPhase"], int(record["pushChunk"]))
    else:
        chunk_rows = chunk_rows_for(batch_size, workers)
        done = {"nodes": 0, "relationships": 0}
        if replace:
            report.deleted = delete_ancrage(conn, progress=progress)
            schema = Schema()
        else:
            schema = read_schema(conn)
    if has_quad_index(store):
        plan = make_plan(store, schema, graph=graph,
                         progress=(lambda n, _t: progress("plan", n, 0)) if progress else None)
        chunks = {"nodes": lambda: node_chunks(store, plan, chunk_rows),
                  "relationships": lambda: rel_chunks(store, plan, chunk_rows)}
    else:
        whole = WholeStore(store, schema, graph=graph)
        plan = whole.plan
        chunks = {"nodes": lambda: whole.node_chunks(chunk_rows), "relationships": lambda: whole.rel_chunks(chunk_rows)}
    totals = (plan.nodes, plan.relationships)
    if not resume:
        write_meta(conn, plan.schema, status=STATUS_IN_PROGRESS, store_version=version,
                   nodes=plan.nodes, relationships=plan.relationships,
                   push={"graph": str(graph) if graph is not None else None, "replace": replace,
                         "chunkRows": chunk_rows})
        if not replace:
            delete_ancrage(conn, blank_nodes_only=True)
        save_progress(conn, "nodes", 0, 0)
    try:
        for phase in PHASES:
            skip = done[phase]
            if skip is None:  # the nodes were all written before the interruption
                continue
            for index, chunk in enumerate(chunks[phase]()):
                if index < skip:
                    report.skipped_chunks += 1
                    continue
                write_rows(conn, chunk.as_rows(plan.schema), batch_size=batch_size, workers=workers,
                           progress=progress, report=report, totals=totals)
                save_progress(conn, phase, index + 1, report.batches)
                report.chunks += 1
            if phase == "nodes":
                save_progress(conn, "relationships", 0, report.batches)
    except Neo4jUnavailable as err:
        raise Neo4jUnavailable(
            f"{err} — envoi interrompu / push interrupted after {report.batches} batches; ce qui est écrit reste "
            f"cohérent : relancez-le quand le serveur répond, il reprendra après la dernière tranche enregistrée / what "
            f"was written is consistent: run it again once the server answers, it resumes after the last recorded "
            f"chunk") from err
    write_meta(conn, plan.schema, status=STATUS_COMPLETE, store_version=version,
               nodes=plan.nodes, relationships=plan.relationships)
    report.counts = conn.counts()
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["push", "PushReport", "read_progress", "save_progress", "chunk_rows_for", "ensure_schema", "read_schema", "delete_ancrage", "write_rows", "run_lanes",
           "node_statement", "node_groups", "rel_statement", "SCHEMA_STATEMENTS", "DEFAULT_BATCH", "DEFAULT_WORKERS"]
