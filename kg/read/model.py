"""The read model of a store generation: its sources' parts (:mod:`kg.read.parts`) combined.

The parts are concatenated, their strings given one integer id each across the generation, and
the questions the readers ask are answered from sorted integer arrays (CSR-style adjacency:
one sorted key array, the values in the same order) rather than from millions of Python sets:

* :meth:`ReadModel.gaps_index` — what the composition check and the suggestions look up
  (:class:`kg.gaps.index.GapsIndex`: neighbours, located, within/contains, levels, public
  roles, labels, candidates), every mapping read lazily from the arrays;
* :meth:`ReadModel.actor_network` — the weighted actor–actor network of
  :func:`kg.projection.actor_network`, each edge carrying how many of its relations are
  observed (``observed``) and which are not (``unobserved``).

Only observed relations (no ``anc:statementStatus``, or ``observe``) are links in the gaps index;
the network keeps every relation and says which are observed. A model is kept in memory for the
last generations read. Combining the parts takes seconds on the national store (giving 1.5 M
strings their ids), so the combined columns are kept per generation in
``<store>/parts/<generation>/model.combined`` (a :mod:`kg.diskcache` file: no code runs when it
loads), written by the write that made the generation (:func:`save_combined`) or else by its
first reader. Its manifest names the generation and a digest of the checksums of the parts it was
made from: a tampered file, or one whose parts were derived again, is ignored and rebuilt.

>>> from kg.store import Store
>>> from kg.sources import Source
>>> A = "https://w3id.org/ancrage/id/actor/"
>>> T = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
>>> nt = [f'<{A}a> {T} <https://w3id.org/ancrage/def#Group> .',
...       f'<{A}b> {T} <https://w3id.org/ancrage/def#Organisation> .',
...       f'<{A}a> <https://w3id.org/ancrage/def#accompanies> <{A}b> .']
>>> m = model_for(Store.in_memory([Source.from_ntriples("t", "t", nt)]))
>>> m.gaps_index().neighbours[A + "a"]
('https://w3id.org/ancrage/id/actor/b',)
>>> sorted(m.actor_network().edges(data="kind"))
[('https://w3id.org/ancrage/id/actor/a', 'https://w3id.org/ancrage/id/actor/b', 'accompaniment')]
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import numpy as np

from .. import diskcache
from ..diskcache import _no_gc
from ..i18n import LANGS
from . import parts
from .parts import (
    ANC,
    BLANK,
    GEO,
    IRI,
    LABEL_PROPS,
    ORG,
    RDF_TYPE,
    SCHEMA,
    SKOS,
    P,
    literal_value,
)
from .quads import has_quad_index
from .vocab import ACTOR_CLASSES, ACTOR_KINDS, LINKS, most_specific_kind

OBSERVED = "https://w3id.org/ancrage/concept/statement-status/observe"
ANCC = "https://w3id.org/ancrage/concept/"
#: Properties whose subject holds a public role (with the objects of ``org:member``).
PUBLIC_ROLE_SUBJECT_PROPS = (ORG + "memberOf", ORG + "holds", SCHEMA + "jobTitle", SCHEMA + "affiliation")
#: Kinds of the actor network's edges, in the order their names sort.
EDGE_KINDS = tuple(sorted(link.kind for link in LINKS))

log = logging.getLogger(__name__)
_MEMORY: "OrderedDict[str, ReadModel]" = OrderedDict()
_MEMORY_SIZE = 2
_LOCK = threading.Lock()


def _key(store, graphs) -> str:
    version = str(store.version)
    key = f"{version}@{id(store.oxi)}" if version.startswith("memory-") else version
    if version.startswith("remote-"):
        key += "@" + str(getattr(store, "endpoint", ""))
    return key if graphs is None else key + "|" + "|".join(sorted(graphs))


def model_for(store, graphs=None) -> "ReadModel":
    """The read model of ``store`` (of its named ``graphs`` only, if given), from its parts: the
    parts written with each source, or for a remote endpoint the parts derived on this machine
    (:mod:`kg.read.remote`); kept in memory by store version."""
    if has_quad_index(store):
        def load():
            return load_parts(store, graphs)
    else:
        from .remote import load_remote_parts

        def load():
            return load_remote_parts(store, graphs)
    key = _key(store, graphs)
    with _LOCK:
        model = _MEMORY.get(key)
        if model is None:
            folder = part_folder(store) if has_quad_index(store) else None
            if graphs is None and folder is not None:
                model = combined(store, folder)  # kept on disk with the generation
            else:
                model = ReadModel(str(store.version), load())
            _MEMORY[key] = model
            while len(_MEMORY) > _MEMORY_SIZE:
                _MEMORY.popitem(last=False)
        _MEMORY.move_to_end(key)
        return model


def clear_memory() -> None:
    _MEMORY.clear()


def part_folder(store) -> Path | None:
    """``<store>/parts/<generation>``, or ``None`` for an in-memory store."""
    path = getattr(store, "path", None)
    if not path or str(store.version).startswith("memory-"):
        return None
    return parts.folder_of(Path(path), str(store.version))


def load_parts(store, graphs=None) -> list[parts.Part]:
    """The parts of the store's named graphs (``graphs`` only, if given): read from disk, else
    (missing, tampered, foreign) derived from the graph and written for the next reader."""
    folder = part_folder(store)
    names = [str(g) for g in graphs] if graphs is not None else store.named_graphs()
    out = []
    for graph in names:
        part = parts.load(folder, graph) if folder is not None else None
        if part is None:
            part = parts.derive(store.oxi, graph)
            if folder is not None:
                parts.save(part, folder)
        out.append(part)
    return out


COMBINED = "model.combined"
COMBINED_NAME = "read-model"
#: Bump when the combined columns change meaning: older files are combined again.
COMBINED_FORMAT = 2
_COLUMNS = ("s", "p", "o", "kind", "lang")


def _combined_key(folder: Path, generation: str, graphs: list[str]) -> str | None:
    """The generation and a digest of its parts' checksums (``None`` if a part is missing)."""
    digests = []
    for graph in sorted(graphs):
        found = parts.checksum(folder, graph)
        if found is None:
            return None
        digests.append(f"{graph}\0{found}")
    return generation + "|" + hashlib.sha256("\n".join(digests).encode()).hexdigest()


def combined(store, folder: Path) -> "ReadModel":
    """The read model of every graph of ``store``: its combined columns read from ``folder``
    when they were kept for these parts, else combined from the parts and kept."""
    version = str(store.version)
    graphs = store.named_graphs()
    key = _combined_key(folder, version, graphs)
    if key is not None:
        path = folder / COMBINED
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        if data is not None:
            try:
                with _no_gc():
                    cols = diskcache.read_columns(data, COMBINED_NAME, key, COMBINED_FORMAT)
                    return ReadModel.from_columns(version, cols)
            except Exception as exc:  # noqa: BLE001 - whatever is wrong in the file, it is combined again
                log.warning("modèle combiné ignoré, recalculé / combined model ignored, rebuilt: %s (%s: %s)",
                            path, type(exc).__name__, exc)
    model = ReadModel(version, load_parts(store))
    save_combined(model, folder, _combined_key(folder, version, graphs))
    return model


def save_combined(model: "ReadModel", folder: Path, key: str | None) -> None:
    """Keep ``model``'s combined columns in ``folder`` (atomically; a refusing folder only logs)."""
    if key is None:
        return
    diskcache.write_aside(
        folder / COMBINED,
        lambda fh: diskcache.write_columns_to(fh, model.columns(), COMBINED_NAME, key, COMBINED_FORMAT),
        "model", stream=True)


def write_combined(store_folder: Path, generation: str, graphs: list[str], in_hand=None) -> None:
    """Combine and keep the read model of a generation being written (:func:`kg.store.write_sources`;
    ``in_hand``: the parts just built, by graph), so that its first reader only loads arrays."""
    folder = parts.folder_of(Path(store_folder), generation)
    key = _combined_key(folder, generation, graphs)
    if key is None:
        return
    in_hand = in_hand or {}
    loaded = [in_hand.get(g) or parts.load(folder, g) for g in graphs]
    if any(p is None for p in loaded):
        return
    with _no_gc():
        save_combined(ReadModel(generation, loaded), folder, key)


def _unique(x: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort and a mask: ``np.unique``'s hash path is many times slower
    on millions of integers here)."""
    if len(x) < 2:
        return x.copy()
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]]


def _join(r1, a, r2, b):
    """``(a[i], b[j], r1[i])`` for every ``r1[i] == r2[j]`` (a relational join on sorted arrays)."""
    order = np.argsort(r2, kind="stable")
    r2s, bs = r2[order], b[order]
    lo, hi = np.searchsorted(r2s, r1, "left"), np.searchsorted(r2s, r1, "right")
    cnt = hi - lo
    total = int(cnt.sum())
    starts = np.repeat(lo, cnt)
    within = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    return np.repeat(a, cnt), bs[starts + within], np.repeat(r1, cnt)


class SortedIds:
    """``{string: id}`` over a sorted list of strings (the id is the position), by bisection."""

    def __init__(self, strings: list[str]):
        self._strings = strings

    def get(self, key, default=None):
        if not isinstance(key, str):
            return default
        i = bisect_left(self._strings, key)
        return i if i < len(self._strings) and self._strings[i] == key else default

    def __getitem__(self, key) -> int:
        i = self.get(key)
        if i is None:
            raise KeyError(key)
        return i

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return len(self._strings)


class Adjacency(Mapping):
    """``{IRI: tuple of IRIs, sorted}`` read from integer pairs (keys sorted, values alongside)."""

    def __init__(self, model: "ReadModel", keys: np.ndarray, values: np.ndarray, state=None):
        self._m = model
        if state is None:
            order = np.lexsort((values, keys))
            k, v = keys[order], values[order]
            u, start = np.unique(k, return_index=True)
            state = (v, u, start.astype(np.int64))
        self._v, self._u, self._start = state
        self._end = np.append(self._start[1:], len(self._v))

    def state(self) -> tuple:
        """What rebuilds this mapping without sorting again (kept in the combined file)."""
        return self._v, self._u, self._start

    def ids(self, key_id: int) -> np.ndarray:
        i = np.searchsorted(self._u, self._u.dtype.type(key_id))  # same dtype: no copy of the keys
        if i >= len(self._u) or self._u[i] != key_id:
            return self._v[:0]
        return self._v[self._start[i]:self._end[i]]

    def __getitem__(self, key: str) -> tuple[str, ...]:
        i = self._m.ids.get(key)
        found = self.ids(i) if i is not None else self._v[:0]
        if not len(found):
            raise KeyError(key)
        return tuple(sorted(self._m.strings[found].tolist()))

    def __contains__(self, key) -> bool:
        i = self._m.ids.get(key)
        return i is not None and len(self.ids(i)) > 0

    def count(self, key: str) -> int:
        """``len(self.get(key, ()))`` without making the tuple."""
        i = self._m.ids.get(key)
        return 0 if i is None else len(self.ids(i))

    def __iter__(self):
        return iter(self._m.strings[self._u].tolist())

    def __len__(self) -> int:
        return len(self._u)


class _Lazy(Mapping):
    """A mapping over ``keys`` whose values are computed on first access, then kept."""

    def __init__(self, keys, compute):
        self._keys, self._compute, self._done = keys, compute, {}

    def __getitem__(self, key):
        if key not in self._keys:
            raise KeyError(key)
        if key not in self._done:
            self._done[key] = self._compute(key)
        return self._done[key]

    def __contains__(self, key) -> bool:
        return key in self._keys

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class ReadModel:
    """The combined parts of one generation (see the module docstring)."""

    def __init__(self, version: str, part_list: list[parts.Part]):
        import pyarrow as pa
        import pyarrow.compute as pc

        self.version = version
        self.graphs = [p.graph for p in part_list]
        # one id per distinct string across the parts, in sorted order: ids compare as their
        # strings do, and a string's id is found by bisection in the sorted list. The distinct
        # strings are the parts' own str objects (a set of references), sorted by Arrow (code
        # point order); hashing all of them in Arrow cost 4x the memory of a national graph's
        # strings (bench/results.md, "Read model")
        distinct = list(set(itertools.chain.from_iterable(p.strings for p in part_list)))
        order = pc.sort_indices(pa.array(distinct, type=pa.large_string())).to_numpy()
        strings = [distinct[i] for i in order.tolist()]
        del distinct, order
        self._set_strings(strings)
        position = dict(zip(strings, range(len(strings))))
        remaps = [np.fromiter(map(position.__getitem__, p.strings), dtype=np.int32, count=len(p.strings))
                  for p in part_list]
        del position
        cols: dict[str, list] = {k: [] for k in ("s", "p", "o", "kind", "lang")}
        for part, remap in zip(part_list, remaps):
            cols["s"].append(remap[part.s])
            cols["o"].append(remap[part.o])
            cols["lang"].append(remap[part.lang])
            cols["p"].append(part.p)
            cols["kind"].append(part.kind)
        del remaps
        cat = {}
        for k in _COLUMNS:
            cat[k] = np.concatenate(cols.pop(k)) if part_list else np.empty(0, dtype=np.int32)
        by_predicate = np.argsort(cat["p"], kind="stable")
        self._set_columns(*(cat.pop(k)[by_predicate] for k in _COLUMNS))
        pa.default_memory_pool().release_unused()  # Arrow's allocator keeps freed pages otherwise

    def _set_strings(self, strings: list[str]) -> None:
        self.ids = SortedIds(strings)
        self.strings = np.empty(len(strings), dtype=object)
        self.strings[:] = strings

    def _set_columns(self, s, p, o, kind, lang) -> None:
        self.s, self.p, self.o, self.kind, self.lang = s, p, o, kind, lang
        bounds = np.searchsorted(self.p, np.arange(len(parts.PREDICATES) + 1))
        self._slices = {name: slice(int(bounds[i]), int(bounds[i + 1])) for name, i in P.items()}
        self._memo: dict = {}
        self._kept: dict[str, tuple] = {}

    def columns(self) -> diskcache.Columns:
        """What :func:`save_combined` keeps: the graphs, the sorted strings, the columns by predicate,
        and the arrays of :meth:`kept` (those of the gaps index computed first)."""
        self.gaps_index()
        kept = {f"kept/{key}/{i}": np.asarray(a) for key, arrays in self._kept.items() for i, a in enumerate(arrays)}
        return {"graphs": self.graphs, "strings": self.strings.tolist(),
                **{k: getattr(self, k) for k in _COLUMNS}, **kept}

    @classmethod
    def from_columns(cls, version: str, cols: diskcache.Columns) -> "ReadModel":
        """A model from :meth:`columns` (checked: sorted distinct strings, ids and codes in range)."""
        strings = cols["strings"]
        s, p, o, kind, lang = (cols[k] for k in _COLUMNS)
        n = len(s)
        if not (len(p) == len(o) == len(kind) == len(lang) == n):
            raise diskcache.InvalidFile("columns of different lengths")
        if p.dtype != np.int8 or kind.dtype != np.int8 or s.dtype != np.int32:
            raise diskcache.InvalidFile("unexpected column types")
        if n:
            for col in (s, o, lang):
                if int(col.min()) < 0 or int(col.max()) >= len(strings):
                    raise diskcache.InvalidFile("string position out of range")
            if int(p.min()) < 0 or int(p.max()) >= len(parts.PREDICATES) or int(kind.min()) < 0 \
                    or int(kind.max()) > parts.OTHER or np.any(p[1:] < p[:-1]):
                raise diskcache.InvalidFile("predicate or kind out of range, or rows not by predicate")
        texts = np.array(strings, dtype=object)
        if len(texts) > 1 and not np.all(texts[1:] > texts[:-1]):
            raise diskcache.InvalidFile("strings not sorted and distinct")
        model = cls.__new__(cls)
        model.version = version
        model.graphs = list(cols["graphs"])
        model.ids = SortedIds(strings)
        model.strings = texts
        model._set_columns(s, p, o, kind, lang)
        bound = max(len(strings), n)
        kept: dict[str, dict[int, np.ndarray]] = {}
        for name, col in cols.items():
            if not name.startswith("kept/"):
                continue
            _, key, i = name.rsplit("/", 2) if name.count("/") >= 2 else (None, None, None)
            if key is None or not i.isdigit() or not isinstance(col, np.ndarray):
                raise diskcache.InvalidFile(f"column {name!r}")
            if len(col) and col.dtype != np.bool_ and (int(col.min()) < -1 or int(col.max()) >= bound):
                raise diskcache.InvalidFile(f"column {name!r}: value out of range")
            kept.setdefault(key, {})[int(i)] = col
        model._kept = {key: tuple(arrays[i] for i in range(len(arrays))) for key, arrays in kept.items()}
        return model

    # -- building blocks -------------------------------------------------------------------
    def id(self, text: str) -> int:
        return self.ids.get(text, -1)

    def triples(self, predicate: str):
        """``(s, o, kind, lang)`` arrays of ``predicate`` (every graph, duplicates kept)."""
        sl = self._slices[predicate]
        return self.s[sl], self.o[sl], self.kind[sl], self.lang[sl]

    def pairs(self, predicate: str, subject_iri: bool = False, object_kinds=(IRI,)) -> tuple[np.ndarray, np.ndarray]:
        """Distinct ``(s, o)`` of ``predicate`` with an object of ``object_kinds`` (a subject that
        is an IRI if ``subject_iri``), as in the union of the named graphs."""
        s, o, k, _ = self.triples(predicate)
        keep = np.isin(k, object_kinds)
        if subject_iri:
            keep &= ~self.blank_mask(s)
        s, o = s[keep], o[keep]
        if not len(s):
            return s, o
        key = _unique(s.astype(np.int64) * len(self.strings) + o)
        return (key // len(self.strings)).astype(np.int32), (key % len(self.strings)).astype(np.int32)

    def blank_mask(self, ids: np.ndarray) -> np.ndarray:
        strings = self.strings
        return np.fromiter((strings[i].startswith("_:") for i in ids.tolist()), dtype=bool, count=len(ids))

    def mask(self, ids) -> np.ndarray:
        m = np.zeros(len(self.strings), dtype=bool)
        m[np.asarray(ids, dtype=np.int64)] = True
        return m

    def typed(self, cls: str) -> np.ndarray:
        """Subjects typed ``anc:<cls>``."""
        s, o, k, _ = self.triples(RDF_TYPE)
        return _unique(s[(o == self.id(ANC + cls)) & (k == IRI)])

    def value(self, o: int, kind: int):
        """The Python value of an object (as :func:`kg.store.to_python`)."""
        text = self.strings[o]
        return text if kind in (IRI, BLANK) else literal_value(text, kind)

    def by_subject(self, predicates) -> Adjacency:
        """Row numbers of the triples of ``predicates`` grouped by subject (for per-actor reads)."""
        def pairs():
            rows = np.concatenate([np.arange(self._slices[p].start, self._slices[p].stop) for p in predicates])
            return self.s[rows], rows
        return self.adjacency("by-subject:" + ",".join(str(P[p]) for p in predicates), pairs)

    def memo(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def kept(self, key: str, compute) -> tuple:
        """A tuple of arrays computed once per generation: kept in the combined file
        (:meth:`columns`), so that a cold process reads it instead of computing it."""
        if key not in self._kept:
            self._kept[key] = tuple(compute())
        return self._kept[key]

    def adjacency(self, key: str, pairs) -> Adjacency:
        """The :class:`Adjacency` of the ``(keys, values)`` that ``pairs()`` gives, sorted once per
        generation (:meth:`kept`)."""
        state = self.kept(key, lambda: Adjacency(self, *pairs()).state())
        return Adjacency(self, None, None, state)

    # -- the actors and their links ----------------------------------------------------------
    def actor_mask(self, classes=ACTOR_CLASSES) -> np.ndarray:
        return self.mask(np.concatenate([self.typed(c) for c in classes]) if classes else [])

    def unobserved_mask(self) -> np.ndarray:
        """Statement nodes with an ``anc:statementStatus`` other than observed."""
        s, o, k, _ = self.triples(ANC + "statementStatus")
        return self.mask(s[~((o == self.id(OBSERVED)) & (k == IRI))])

    def relation_rows(self, observed_only: bool):
        """``(a, b, kind code, relation or -1, observed)`` arrays of every actor–actor relation
        (the rows of :data:`kg.projection.ACTOR_NETWORK_QUERY`)."""
        def memo():
            unobserved = self.unobserved_mask()
            out = []

            def nodes(cls):
                return self.mask(self.typed(cls))

            def ends(pred, rel_mask):
                s, o = self.pairs(pred)
                keep = rel_mask[s]
                return s[keep], o[keep]

            for link in LINKS:  # the one definition of the actor network's links
                code = EDGE_KINDS.index(link.kind)
                if link.relation is None:
                    a, b = self.pairs(link.tail, subject_iri=True)
                    out.append((a, b, np.full(len(a), code, np.int8), np.full(len(a), -1, np.int32)))
                    continue
                relations = nodes(link.relation)
                r1, a = ends(link.tail, relations)
                if link.symmetric:
                    a, b, r = _join(r1, a, r1, a)
                    keep = a < b
                    a, b, r = a[keep], b[keep], r[keep]
                else:
                    r2, b = ends(link.head, relations)
                    a, b, r = _join(r1, a, r2, b)
                out.append((a, b, np.full(len(a), code, np.int8), r))
            a, b, kinds, rels = (np.concatenate([x[i] for x in out]) for i in range(4))
            observed = np.ones(len(a), dtype=bool)
            with_node = rels >= 0
            observed[with_node] = ~unobserved[rels[with_node]]
            return a, b, kinds, rels, observed
        a, b, kinds, rels, observed = self.kept("relation-rows", memo)
        if observed_only:
            return a[observed], b[observed], kinds[observed], rels[observed], observed[observed]
        return a, b, kinds, rels, observed

    # -- what the gaps check reads -------------------------------------------------------------
    def gaps_index(self):
        """The :class:`kg.gaps.index.GapsIndex` of this generation (lookups read from the arrays)."""
        return self.memo("gaps_index", self._gaps_index)

    def _gaps_index(self):
        from ..gaps.index import GapsIndex
        from .candidates import candidate_base

        actors = self.actor_mask()

        def neighbour_pairs():
            a, b, _, _, _ = self.relation_rows(observed_only=True)
            x, y = np.concatenate([a, b]), np.concatenate([b, a])
            keep = (x != y) & actors[y]
            if len(x):
                key = _unique(x[keep].astype(np.int64) * len(self.strings) + y[keep])
                x, y = (key // len(self.strings)).astype(np.int32), (key % len(self.strings)).astype(np.int32)
            return x, y
        neighbours = self.adjacency("neighbours", neighbour_pairs)
        la, lt = self.kept("located-pairs", lambda: self.pairs(ANC + "locatedIn", subject_iri=True))
        located = self.adjacency("located", lambda: (lt, la))
        ws, wo = self.kept("within-pairs", lambda: self.pairs(GEO + "sfWithin", object_kinds=(IRI, BLANK)))
        within, contains = self.adjacency("within", lambda: (ws, wo)), self.adjacency("contains", lambda: (wo, ws))
        s, o, k, _ = self.triples(ANC + "level")
        levels = {self.strings[i]: self.value(j, kk) for i, j, kk in zip(s.tolist(), o.tolist(), k.tolist())}
        def public_ids():
            found = [self.pairs(ORG + "member", object_kinds=(IRI,))[1]]
            found += [self.pairs(p, subject_iri=True, object_kinds=tuple(range(9)))[0]
                      for p in PUBLIC_ROLE_SUBJECT_PROPS]
            return (_unique(np.concatenate(found)),)
        public = frozenset(self.strings[self.kept("public-roles", public_ids)[0]].tolist())
        labels = self.by_subject(LABEL_PROPS)
        concept_labels = {}
        s, o, k, lang = self.triples(SKOS + "prefLabel")
        for i, j, kk, li in zip(s.tolist(), o.tolist(), k.tolist(), lang.tolist()):
            iri = self.strings[i]
            if iri.startswith(ANCC):
                concept_labels[(iri, self.strings[li])] = str(self.value(j, kk))

        def label_values(node_id: int) -> dict[str, list]:
            out: dict[str, list] = {}
            for row in labels.ids(node_id).tolist():
                prop = parts.PREDICATES[self.p[row]]
                out.setdefault(prop, []).append((self.strings[self.lang[row]],
                                                 str(self.value(self.o[row], self.kind[row]))))
            return out

        territory_labels = _Lazy(located, lambda t: label_values(self.ids[t]))
        described = self.by_subject((RDF_TYPE, ANC + "category", ANC + "world"))

        def props(actor: str) -> dict[str, list]:
            i = self.ids[actor]
            out = label_values(i)
            for row in described.ids(i).tolist():
                prop = parts.PREDICATES[self.p[row]]
                out.setdefault(prop, []).append(self.value(self.o[row], self.kind[row]))
            return out

        placed = frozenset(self.strings[_unique(la)].tolist())
        candidates = {lang: _Lazy(placed, lambda a, lang=lang: candidate_base(a, props(a), public, lang))
                      for lang in LANGS}
        return GapsIndex(version=self.version, neighbours=neighbours, located=located, within=within,
                         contains=contains, levels=levels, public_roles=public,
                         actors=frozenset(self.strings[actors].tolist()), territory_labels=territory_labels,
                         concept_labels=concept_labels, candidates=candidates)

    # -- the actor network ---------------------------------------------------------------------
    def actor_network(self, observed_only: bool = False) -> nx.Graph:
        """The undirected weighted actor network (:func:`kg.projection.actor_network`); with
        ``observed_only``, of the observed relations only (as :func:`observed_network`)."""
        with _no_gc():  # millions of acyclic dicts and lists: the cycle collector would rescan them all
            return self._actor_network(observed_only)

    def _actor_network(self, observed_only: bool) -> nx.Graph:
        nodes_mask = self.actor_mask(ACTOR_KINDS)
        node_ids = np.flatnonzero(nodes_mask)
        names = self.strings[node_ids].tolist()
        order = sorted(range(len(names)), key=names.__getitem__)
        rank = np.full(len(self.strings), -1, dtype=np.int64)
        rank[node_ids[order]] = np.arange(len(order))
        g = nx.Graph()
        attrs = self._node_attributes(node_ids)
        for i in order:
            g.add_node(names[i], **attrs[i])
        a, b, kinds, rels, observed = self.relation_rows(observed_only=observed_only)
        keep = (a != b) & nodes_mask[a] & nodes_mask[b]
        a, b, kinds, rels, observed = a[keep], b[keep], kinds[keep], rels[keep], observed[keep]
        ra, rb = rank[a], rank[b]
        lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
        undirected = kinds == EDGE_KINDS.index("partnership")  # a partnership row goes from its lower end
        ra, rb = np.where(undirected, lo, ra), np.where(undirected, hi, rb)
        flipped = ra > rb  # rows sort by (a, b, kind) as strings: a row from the lower end comes first
        row_order = np.lexsort((kinds, flipped, hi, lo))
        lo, hi, kinds, rels, observed, tails = (lo[row_order], hi[row_order], kinds[row_order], rels[row_order],
                                                observed[row_order], ra[row_order])
        pair = lo * max(len(order), 1) + hi
        starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.empty(0, dtype=np.int64)
        ends = np.r_[starts[1:], len(pair)]
        ordered = [names[i] for i in order]
        strings = self.strings
        partnership = EDGE_KINDS.index("partnership")
        # the order the SPARQL path gives (rows sorted as strings, an edge added at its first row,
        # then listed from its lower end): by lower end, then by the edge's first row
        n = max(len(order), 1)
        first_row = np.minimum.reduceat(tails * n + np.where(flipped[row_order], lo, hi), starts) if len(starts) \
            else np.empty(0, dtype=np.int64)
        edge_order = np.lexsort((first_row, lo[starts])) if len(starts) else starts
        texts = strings[np.where(rels >= 0, rels, 0)].tolist()  # the relation IRI of each row
        lo_l, hi_l, kinds_l, rels_l, obs_l, tails_l = (x.tolist() for x in (lo, hi, kinds, rels, observed, tails))
        starts_l, ends_l = starts.tolist(), ends.tolist()
        adj = g._adj  # filled directly, as add_edges_from does (a million edges: twice faster)
        for e in edge_order.tolist():
            st, en = starts_l[e], ends_l[e]
            if en - st == 1:  # most pairs have one relation
                k, ok = kinds_l[st], obs_l[st]
                rel = texts[st] if rels_l[st] >= 0 else None
                d = {"weight": 1, "kind": EDGE_KINDS[k], "kinds": [EDGE_KINDS[k]],
                     "relations": [rel] if rel is not None else [], "observed": 1 if ok else 0,
                     "unobserved": [] if ok else [rel]}
                if k != partnership:
                    d["tail"] = ordered[tails_l[st]]
            else:
                rows = range(st, en)
                d = {"weight": en - st, "kind": EDGE_KINDS[kinds_l[st]],
                     "kinds": [EDGE_KINDS[k] for k in sorted({kinds_l[j] for j in rows})],
                     "relations": sorted({texts[j] for j in rows if rels_l[j] >= 0}),
                     "observed": sum(obs_l[st:en]), "unobserved": sorted({texts[j] for j in rows if not obs_l[j]})}
                tail = next((tails_l[j] for j in rows if kinds_l[j] != partnership), None)
                if tail is not None:
                    d["tail"] = ordered[tail]
            u, v = ordered[lo_l[st]], ordered[hi_l[st]]
            adj[u][v] = d
            adj[v][u] = d
        return g

    def actor_edges(self, observed_only: bool = True) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """``(node names, lo, hi, weight)`` of the actor network without networkx: the names sorted,
        one row per linked pair (``lo < hi``, positions in the names, sorted), ``weight`` its number
        of relations (int64)."""
        nodes_mask = self.actor_mask(ACTOR_KINDS)
        node_ids = np.flatnonzero(nodes_mask)  # ids sort as their strings: the names come sorted
        n = max(len(node_ids), 1)
        rank = np.full(len(self.strings), -1, dtype=np.int64)
        rank[node_ids] = np.arange(len(node_ids))
        a, b, _, _, _ = self.relation_rows(observed_only=observed_only)
        keep = (a != b) & nodes_mask[a] & nodes_mask[b]
        ra, rb = rank[a[keep]], rank[b[keep]]
        pairs, counts = np.unique(np.minimum(ra, rb) * n + np.maximum(ra, rb), return_counts=True)
        return self.strings[node_ids].tolist(), pairs // n, pairs % n, counts.astype(np.int64)

    def actor_igraph(self, observed_only: bool = True):
        """``(igraph graph, node names)`` equal to :func:`kg.analysis.centrality.to_igraph` of
        :meth:`actor_network` (vertices: sorted names; edges: sorted pairs, ``weight`` their number
        of relations), made from the arrays without the networkx graph."""
        from ..analysis.centrality import igraph_from_edges

        names, lo, hi, weight = self.actor_edges(observed_only)
        return igraph_from_edges(names, lo, hi, weight), names

    def actor_attributes(self) -> list[dict]:
        """The node attributes of :meth:`actor_network` (``label``, ``kind``, ``categories``,
        ``territories``, ``levels``, ``worlds``), in the order of :meth:`actor_edges`' names."""
        with _no_gc():  # a dict and five sets per actor: the cycle collector would rescan them all
            return self._node_attributes(np.flatnonzero(self.actor_mask(ACTOR_KINDS)))

    def _node_attributes(self, node_ids: np.ndarray) -> list[dict]:
        """``label``, ``kind`` and the sorted ``categories``, ``territories``, ``levels``, ``worlds``."""
        position = np.full(len(self.strings), -1, dtype=np.int64)
        position[node_ids] = np.arange(len(node_ids))
        out = [{"label": None, "categories": set(), "territories": set(), "levels": set(), "worlds": set(),
                "kind": set()} for _ in range(len(node_ids))]

        def of_nodes(predicate):  # the triples whose subject is a node: (node position, object, kind, lang)
            s, o, k, lang = self.triples(predicate)
            at = position[s]
            keep = at >= 0
            return at[keep].tolist(), o[keep].tolist(), k[keep].tolist(), lang[keep].tolist()

        fr, none = self.id("fr"), self.id("")
        best: dict[int, tuple[int, int, int]] = {}
        for n, j, kk, li in zip(*of_nodes(SKOS + "prefLabel")):
            if li in (fr, none):
                rank = 0 if li == fr else 1
                if n not in best or rank < best[n][0]:
                    best[n] = (rank, j, kk)
        for n, (_, j, kk) in best.items():
            out[n]["label"] = str(self.value(j, kk))
        levels_of: dict[int, list] = {}
        s, o, k, _ = self.triples(ANC + "level")
        for i, j, kk in zip(s.tolist(), o.tolist(), k.tolist()):
            levels_of.setdefault(i, []).append(self.value(j, kk))
        strings = self.strings.tolist()
        for pred, key in ((ANC + "category", "categories"), (ANC + "locatedIn", "territories"),
                          (ANC + "territory", "territories"), (ANC + "world", "worlds"), (RDF_TYPE, "kind")):
            for n, j, kk, _ in zip(*of_nodes(pred)):
                out[n][key].add(strings[j] if kk in (IRI, BLANK) else literal_value(strings[j], kk))
                if key == "territories" and j in levels_of:
                    out[n]["levels"].update(levels_of[j])
        for d, i in zip(out, node_ids.tolist()):
            d["kind"] = most_specific_kind(t for t in d["kind"] if isinstance(t, str))
            d["label"] = d["label"] or strings[i].rsplit("/", 1)[-1]
            for key in ("categories", "territories", "levels", "worlds"):
                d[key] = sorted(d[key], key=str) if len(d[key]) > 1 else list(d[key])
        return out

    # -- identity: the actors placed on territories, their names (kg.identity) ---------------------
    def placed(self):
        """``(actors by territory, pair keys, graph counts)`` of ``anc:locatedIn`` (IRI subject and
        object): an :class:`Adjacency` territory → actors, and for each distinct pair (key
        ``actor * n + territory``, sorted) the number of named graphs that state it."""
        def compute():
            s, o, k, _ = self.triples(ANC + "locatedIn")
            keep = k == IRI
            s, o = s[keep], o[keep]
            keep = ~self.blank_mask(s)
            n = len(self.strings)
            keys, counts = np.unique(s[keep].astype(np.int64) * n + o[keep], return_counts=True)
            a, t = (keys // n).astype(np.int32), (keys % n).astype(np.int32)
            return Adjacency(self, t, a), keys, counts
        return self.memo("identity_placed", compute)

    def located_count(self, actor: str, territory: str) -> int:
        """In how many named graphs ``actor anc:locatedIn territory`` is stated."""
        _, keys, counts = self.placed()
        a, t = self.id(actor), self.id(territory)
        if a < 0 or t < 0:
            return 0
        key = a * len(self.strings) + t
        i = int(np.searchsorted(keys, key))
        return int(counts[i]) if i < len(keys) and keys[i] == key else 0

    def nesting(self, territory: str) -> tuple[set[str], set[str]]:
        """``(territories within it, territories containing it)``: ``geo:sfWithin+`` both ways."""
        def compute():
            ws, wo = self.pairs(GEO + "sfWithin", object_kinds=(IRI, BLANK))
            return Adjacency(self, wo, ws), Adjacency(self, ws, wo)
        contains, within = self.memo("identity_nesting", compute)

        def closure(adjacency) -> set[str]:
            start = self.id(territory)
            seen: set[int] = set()
            todo = [start] if start >= 0 else []
            while todo:
                step = np.concatenate([adjacency.ids(i) for i in todo]).tolist()
                todo = [i for i in step if i not in seen]
                seen.update(todo)
            return set(self.strings[np.array(sorted(seen), dtype=np.int64)].tolist()) if seen else set()
        return closure(contains), closure(within)

    def names_of(self, actors: list[str]) -> dict[str, tuple[list, set[str]]]:
        """``{actor: ([(label property, text, lang)], {category IRIs or values})}`` of the actors
        that have a ``skos:prefLabel`` or ``skos:altLabel``."""
        labels, categories = self.memo("identity_names", lambda: (
            self.by_subject((SKOS + "prefLabel", SKOS + "altLabel")), self.by_subject((ANC + "category",))))
        out = {}
        for actor in actors:
            i = self.id(actor)
            rows = labels.ids(i).tolist() if i >= 0 else []
            if not rows:
                continue
            found = [(parts.PREDICATES[self.p[r]], str(self.value(self.o[r], self.kind[r])), self.strings[self.lang[r]])
                     for r in rows]
            cats = {str(self.value(self.o[r], self.kind[r])) for r in categories.ids(i).tolist()}
            out[actor] = (found, cats)
        return out


def observed_network(g: nx.Graph) -> nx.Graph:
    """The actor network with its observed relations only (what the analysis counts): an edge's
    ``weight`` is its number of observed relations; edges with none are left out."""
    h = nx.Graph()
    h.add_nodes_from(g.nodes(data=True))
    for a, b, e in g.edges(data=True):
        observed = e.get("observed", e["weight"])
        if observed <= 0:
            continue
        if observed == e["weight"]:
            h.add_edge(a, b, **e)
            continue
        gone = set(e.get("unobserved", ()))
        h.add_edge(a, b, **{**e, "weight": observed, "relations": [r for r in e["relations"] if r not in gone],
                            "unobserved": []})
    return h


__all__ = ["ReadModel", "model_for", "load_parts", "observed_network", "Adjacency", "clear_memory"]
