"""Named queries answered from the read model (:mod:`kg.read.model`) instead of SPARQL.

Each answer gives exactly the rows, in the order, that its ``.rq`` file gives on the union of the
named graphs (``tests/kg/read/test_answers.py`` compares them row for row); which one is used is
chosen in one place, :func:`kg.read.lookups.model_answer`.

* ``liens-multi-niveaux`` — relations whose two parties sit at different territorial levels:
  numpy joins of the relation ends, the (actor, level) pairs and the French labels, then the
  query's ``DISTINCT`` and ``ORDER BY`` on the values (strings compared by code point, as SPARQL
  does; an unbound relation sorts first).

>>> from kg.store import Store
>>> from kg.sources import Source
>>> from kg.read.model import model_for
>>> A, D = "https://w3id.org/ancrage/id/actor/", "https://w3id.org/ancrage/def#"
>>> T, L = "https://w3id.org/ancrage/id/territory/", "https://w3id.org/ancrage/concept/level/"
>>> nt = [f'<{A}a> <{D}accompanies> <{A}b> .', f'<{A}a> <{D}locatedIn> <{T}fr> .',
...       f'<{A}b> <{D}locatedIn> <{T}69> .', f'<{T}fr> <{D}level> <{L}national> .',
...       f'<{T}69> <{D}level> <{L}departement> .',
...       f'<{A}a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@fr .',
...       f'<{A}b> <http://www.w3.org/2004/02/skos/core#prefLabel> "B"@fr .']
>>> liens_multi_niveaux(model_for(Store.in_memory([Source.from_ntriples("t", "t", nt)]))).rows
[('accompaniment', None, 'A', 'national', 'B', 'departement')]
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from .model import _unique
from .parts import ANC, BLANK, IRI, ORG, SKOS

#: The relation kinds of the query, in the order their names sort (the first key of its ORDER BY).
KINDS = ("accompaniment", "flow", "membership", "partnership")
VARIABLES = ["kind", "relation", "aLabel", "aLevel", "bLabel", "bLevel"]
_NODES = (IRI, BLANK)


def _ends(model, predicate: str, relations: np.ndarray | None = None):
    """Distinct ``(subject, object)`` of ``predicate`` whose object is a node (IRI or blank),
    the subject among ``relations`` (a mask) if given."""
    s, o = model.pairs(predicate, object_kinds=_NODES)
    if relations is not None:
        keep = relations[s]
        s, o = s[keep], o[keep]
    return s, o


def relation_ends(model):
    """``(kind code, relation id or -1, a, b)`` of the query's first sub-SELECT (partnerships in
    both orders, without a participant paired with itself)."""
    def typed(cls):
        return model.mask(model.typed(cls))

    out = []
    r1, a = _ends(model, ORG + "member", typed("Membership"))
    r2, b = _ends(model, ORG + "organization", typed("Membership"))
    out.append(("membership",) + _join(r1, a, r2, b, len(model.strings)))
    r1, a = _ends(model, ANC + "participant", typed("Partnership"))
    a, b, r = _join(r1, a, r1, a, len(model.strings))
    keep = a != b
    out.append(("partnership", a[keep], b[keep], r[keep]))
    r1, a = _ends(model, ANC + "flowFrom", typed("InformationFlow"))
    r2, b = _ends(model, ANC + "flowTo", typed("InformationFlow"))
    out.append(("flow",) + _join(r1, a, r2, b, len(model.strings)))
    a, b = _ends(model, ANC + "accompanies")
    out.append(("accompaniment", a, b, np.full(len(a), -1, dtype=np.int32)))
    kinds = np.concatenate([np.full(len(x[1]), KINDS.index(x[0]), dtype=np.int8) for x in out])
    a, b, r = (np.concatenate([x[i] for x in out]).astype(np.int64) for i in (1, 2, 3))
    return kinds, r, a, b


def actor_levels(model):
    """Distinct ``(actor, level term)`` of ``{ ?a anc:locatedIn ?t } UNION { ?a anc:territory ?t }
    ?t anc:level ?l``; a level term is ``string id * 16 + object kind`` (``sameTerm`` on it)."""
    pairs = [_ends(model, ANC + "locatedIn"), _ends(model, ANC + "territory")]
    a = np.concatenate([p[0] for p in pairs])
    t = np.concatenate([p[1] for p in pairs])
    s, o, k, _ = model.triples(ANC + "level")
    level = o.astype(np.int64) * 16 + k
    ta, lv, _ = _join(t, a, s, level, len(model.strings))
    key = _unique(ta.astype(np.int64) * (len(model.strings) * 16) + lv)
    return key // (len(model.strings) * 16), key % (len(model.strings) * 16)


def french_labels(model):
    """Distinct ``(subject, label id)`` of ``skos:prefLabel`` with ``LANG = "fr"``."""
    s, o, k, lang = model.triples(SKOS + "prefLabel")
    keep = lang == model.id("fr")
    if not keep.any():
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    key = _unique(s[keep].astype(np.int64) * len(model.strings) + o[keep])
    return key // len(model.strings), key % len(model.strings)


def _join(r1, a, r2, b, n: int):
    """``(a[i], b[j], r1[i])`` for every ``r1[i] == r2[j]``, ids below ``n`` (a gather per key:
    the bisection of :func:`kg.read.model._join` costs seconds on millions of unsorted keys)."""
    r1, r2 = np.asarray(r1, dtype=np.int64), np.asarray(r2, dtype=np.int64)
    order = np.argsort(r2, kind="stable")
    bs = np.asarray(b)[order]
    counts = np.bincount(r2, minlength=n)
    starts = np.cumsum(counts) - counts
    cnt, lo = counts[r1], starts[r1]
    total = int(cnt.sum())
    first = np.repeat(lo, cnt)
    within = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    return np.repeat(np.asarray(a), cnt), bs[first + within], np.repeat(r1, cnt)


def _ranks(texts: list[str]) -> np.ndarray:
    """The rank of each text in code-point order (equal texts share a rank)."""
    order = sorted(range(len(texts)), key=texts.__getitem__)
    ranks = np.empty(len(texts), dtype=np.int64)
    rank, previous = -1, None
    for position, i in enumerate(order):
        if position == 0 or texts[i] != previous:
            rank += 1
            previous = texts[i]
        ranks[i] = rank
    return ranks


def _dictionary(values: np.ndarray, text) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``(texts of the distinct values, position of each value among them, rank of each value
    by its text)``."""
    distinct = _unique(values)
    texts = [text(v) for v in distinct.tolist()]
    position = np.searchsorted(distinct, values)
    return texts, position, _ranks(texts)[position] if len(texts) else position


def liens_multi_niveaux(model, limit: int | None = None):
    """The rows of ``ontology/queries/liens-multi-niveaux.rq`` (at most ``limit``), as
    :class:`kg.store.Rows` with ``method="read-model"``."""
    return liens_multi_niveaux_table(model, limit).to_rows()


def liens_multi_niveaux_table(model, limit: int | None = None) -> "Table":
    """:func:`liens_multi_niveaux` as a :class:`Table`."""
    n = len(model.strings)
    kinds, rels, a, b = relation_ends(model)
    actors, levels = actor_levels(model)
    # the relations with the levels of each end, different levels only
    row, la, _ = _join(a, np.arange(len(a)), actors, levels, n)
    at, lb, _ = _join(b[row], np.arange(len(row)), actors, levels, n)
    row, la = row[at], la[at]
    keep = la != lb
    row, la, lb = row[keep], la[keep], lb[keep]
    ka, ra, ea, eb = kinds[row], rels[row], a[row], b[row]
    # a partnership once: STR(?a) < STR(?b) (ids sort as their strings; STR of a blank node is an
    # error, which drops the row)
    partnership = ka == KINDS.index("partnership")
    ends = _unique(np.concatenate([ea[partnership], eb[partnership]]))
    blanks = ends[model.blank_mask(ends)] if len(ends) else ends
    keep = ~partnership | ((ea < eb) & ~np.isin(ea, blanks) & ~np.isin(eb, blanks))
    ka, ra, ea, eb, la, lb = ka[keep], ra[keep], ea[keep], eb[keep], la[keep], lb[keep]
    # the French labels of each end
    subjects, labels = french_labels(model)
    at, lab_a, _ = _join(ea, np.arange(len(ea)), subjects, labels, n)
    at_b, lab_b, _ = _join(eb[at], np.arange(len(at)), subjects, labels, n)
    at, lab_a = at[at_b], lab_a[at_b]
    ka, ra, la, lb = ka[at], ra[at], la[at], lb[at]
    # DISTINCT and ORDER BY on the values: label + " ", REPLACE(STR(level), "^.*/", ""), the
    # relation (ids sort as their strings; unbound, -1, first)
    strings = model.strings
    levels_a, pos_la, rank_la = _dictionary(la, lambda v: strings[v // 16].rsplit("/", 1)[-1])
    levels_b, pos_lb, rank_lb = _dictionary(lb, lambda v: strings[v // 16].rsplit("/", 1)[-1])
    _, _, rank_a = _dictionary(lab_a, lambda v: strings[v] + " ")
    _, _, rank_b = _dictionary(lab_b, lambda v: strings[v] + " ")
    order = np.lexsort((ra, rank_lb, rank_la, rank_b, rank_a, ka))
    keys = np.stack([ka.astype(np.int64), rank_a, rank_b, rank_la, rank_lb, ra])[:, order]
    first = np.r_[True, np.any(keys[:, 1:] != keys[:, :-1], axis=0)] if len(order) else np.empty(0, dtype=bool)
    order = order[first]
    truncated = limit is not None and len(order) > limit
    if limit is not None:
        order = order[:limit]
    # one table of texts: the model's strings used, the kinds, the level codes
    ra, lab_a, lab_b = ra[order], lab_a[order], lab_b[order]
    used = _unique(np.concatenate([ra[ra >= 0], lab_a, lab_b]))
    at_kind = len(used)
    at_la = at_kind + len(KINDS)
    at_lb = at_la + len(levels_a)
    texts = [*strings[used].tolist(), *KINDS, *levels_a, *levels_b]
    relation = np.where(ra >= 0, np.searchsorted(used, ra), -1)
    columns = np.stack([at_kind + ka[order].astype(np.int64), relation, np.searchsorted(used, lab_a),
                        at_la + pos_la[order], np.searchsorted(used, lab_b), at_lb + pos_lb[order]])
    return Table(list(VARIABLES), texts, columns.astype(np.int32), truncated)


@dataclass
class Table:
    """Rows as texts and, per column, the position of each value in ``texts`` (``-1``: unbound):
    what a query worker sends back (:meth:`to_bytes`, no code-executing serialisation)."""

    variables: list[str]
    texts: list[str]
    columns: np.ndarray  # int32, one line per variable
    truncated: bool

    def to_rows(self):
        from ..store import Rows

        values = np.empty(len(self.texts) + 1, dtype=object)
        values[:-1] = self.texts  # and None last: position -1
        cols = [values[c].tolist() for c in self.columns]
        return Rows(list(self.variables), list(zip(*cols)) if len(self.columns) else [],
                    truncated=self.truncated, method="read-model")

    def to_bytes(self) -> bytes:
        head = json.dumps({"variables": self.variables, "texts": self.texts, "truncated": self.truncated,
                           "count": int(self.columns.shape[1])}, ensure_ascii=False, separators=(",", ":"))
        return head.encode("utf-8") + b"\n" + self.columns.astype("<i4").tobytes()

    @classmethod
    def from_bytes(cls, body: bytes) -> "Table":
        head, _, data = body.partition(b"\n")
        meta = json.loads(head)
        columns = np.frombuffer(data, dtype="<i4").reshape(len(meta["variables"]), meta["count"])
        if len(columns) and columns.size and (int(columns.min()) < -1 or int(columns.max()) >= len(meta["texts"])):
            raise ValueError("a value position out of range")
        return cls(meta["variables"], meta["texts"], columns, bool(meta["truncated"]))


#: The named queries answered from the read model, by name: ``answer(model, limit=None) -> Table``.
ANSWERS = {"liens-multi-niveaux": liens_multi_niveaux_table}

__all__ = ["ANSWERS", "Table", "liens_multi_niveaux", "liens_multi_niveaux_table", "relation_ends", "actor_levels", "french_labels"]
