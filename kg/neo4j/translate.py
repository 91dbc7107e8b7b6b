"""RDF quads ↔ property-graph rows, following :mod:`kg.mapping`, faithfully enough to come back.

What becomes what (the mapping of :mod:`kg.mapping`, extended so that nothing is lost):

* every subject, and every IRI or blank node that is the object of a property other than
  ``rdf:type`` (and the web-address properties of :data:`kg.mapping.IRI_AS_PROPERTY`), becomes
  a node with the marker label ``Ancrage`` and the key ``uri`` (blank nodes: ``"_:id"``);
* ``rdf:type`` becomes labels (class local names, ``CamelCase``); a class whose local name is not
  a usable label, or clashes with another class's, is kept in the list property ``type``;
* literals become node properties named by :func:`kg.mapping.property_key` (``prefLabel_fr``);
  a key is one *column*: (predicate, datatype, language). When two columns would share a key the
  later one (in a fixed order: the Ancrage namespace first, then by IRI) gets a longer key
  (``population_decimal``, ``skos_note``);
* an IRI-valued property between two nodes becomes a relationship typed by
  :func:`kg.mapping.rel_type` (``LOCATED_IN``), with the property ``sourceGraph``;
* each node carries ``sourceGraph``: the smallest named graph (IRI order) where it is a subject,
  or, for a node that is only ever an object, where it is referenced.

Values: integers → Neo4j Integer, decimals and doubles → Float, booleans → Boolean,
``xsd:date`` → Date, ``xsd:dateTime`` → DateTime (LocalDateTime without a time zone), anything else
→ String; a property with several values is a list (sorted). The :class:`Schema` (column → predicate,
datatype, language; label → class; relationship type → predicate) is what a pull needs to
rebuild the literals exactly; the push stores it in the ``(:AncrageMeta {id: "schema"})`` node.

>>> import pyoxigraph as ox
>>> from kg.store import Store
>>> from kg.sources import Source
>>> nt = ['<https://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#LocalCommittee> .',
...       '<https://ex.org/a> <https://w3id.org/ancrage/def#installedOn> "2016-07-07"^^<http://www.w3.org/2001/XMLSchema#date> .',
...       '<https://ex.org/a> <https://w3id.org/ancrage/def#locatedIn> <https://ex.org/t> .']
>>> rows = extract(Store.in_memory([Source.from_ntriples("demo", "Demo", nt)]))
>>> sorted(rows.nodes)           # the source's own description is a Dataset (prov:Entity)
[(), ('Dataset', 'Entity'), ('LocalCommittee',)]
>>> rows.nodes[("LocalCommittee",)][0]["props"]["installedOn"]
datetime.date(2016, 7, 7)
>>> [(r["s"], r["o"]) for r in rows.rels["LOCATED_IN"]]
[('https://ex.org/a', 'https://ex.org/t')]
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterable, Iterator

import pyoxigraph as ox

from ..errors import StoreError
from ..mapping import IRI_AS_PROPERTY, MARKER, SOURCE_KEY, URI_KEY, local_name, node_label, prefixed, \
    property_key, rel_type
from ..namespaces import ANC
from ..read.quads import quads

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = XSD + "string"
#: Column "datatype" of IRI values kept as node properties (web addresses, unusable classes).
IRI = "@iri"
META_LABEL = "AncrageMeta"
META_ID = "schema"
#: The side table's ``status`` while a push runs, and once it has written everything.
STATUS_IN_PROGRESS = "en cours / in progress"
STATUS_COMPLETE = "complet / complete"

#: What a label or relationship type may look like before it is pasted into Cypher.
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                               "positiveInteger", "nonPositiveInteger", "negativeInteger",
                               "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}
_INT64 = (-(2 ** 63), 2 ** 63 - 1)


@dataclass(frozen=True)
class Column:
    """One node property key: the predicate, datatype (or :data:`IRI`) and language it holds."""

    key: str
    predicate: str
    datatype: str | None = None
    lang: str | None = None

    @property
    def ident(self) -> tuple:
        return (self.predicate, self.datatype, self.lang)


def check_identifier(name: str, what: str = "label") -> str:
    """``name`` if it is safe to paste into Cypher as a label or type, else :class:`StoreError`.

    >>> check_identifier("LocalCommittee")
    'LocalCommittee'
    >>> check_identifier("x`) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: refused label 'x`) DETACH DELETE (n': expected letters, digits and _ starting with a letter
    """
    if not IDENTIFIER.match(name or ""):
        raise StoreError(f"refused {what} {name!r}: expected letters, digits and _ starting with a letter")
    return name


def _ident_part(text: str) -> str:
    text = re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")
    return text if text and text[0].isalpha() else "x" + text


def _order(iri: str) -> tuple:
    """Ancrage terms first, then by IRI: who gets the short key when two would share it."""
    return (0 if iri.startswith(str(ANC)) else 1, iri)


@dataclass
class Schema:
    """The side table of a pushed graph: column keys, labels and relationship types.

    >>> s = Schema()
    >>> s.column_key("http://www.w3.org/2004/02/skos/core#prefLabel", None, "fr")
    'prefLabel_fr'
    >>> s.column_key("https://w3id.org/ancrage/def#note", None, "fr")
    'note_fr'
    >>> s.column_key("http://www.w3.org/2004/02/skos/core#note", None, "fr")
    'skos_note_fr'
    >>> Schema.from_json(s.to_json()).columns == s.columns
    True
    """

    columns: dict[str, Column] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # label -> class IRI
    types: dict[str, str] = field(default_factory=dict)  # relationship type -> predicate IRI

    def __post_init__(self) -> None:
        self._by_column = {c.ident: c.key for c in self.columns.values()}
        self._by_class = {iri: label for label, iri in self.labels.items()}
        self._by_predicate = {iri: t for t, iri in self.types.items()}

    # -- assignment (stable: an existing table keeps its keys) --------------------------------
    def column_key(self, predicate: str, datatype: str | None, lang: str | None) -> str:
        ident = (predicate, datatype, lang)
        if ident in self._by_column:
            return self._by_column[ident]
        taken = set(self.columns) | {URI_KEY, SOURCE_KEY}
        base = _ident_part(property_key(predicate, lang)) if predicate != RDF_TYPE else "type"
        suffix = ""
        if any(c.predicate == predicate and c.lang == lang for c in self.columns.values()):
            suffix = "_" + ("iri" if datatype == IRI else _ident_part(local_name(datatype or "string")))
        candidates = [base + suffix]
        prefix = prefixed(predicate)
        if ":" in prefix and prefix != predicate:
            name = _ident_part(prefix.replace(":", "_"))
            candidates.append(f"{name}_{lang}{suffix}" if lang else name + suffix)
        key = next((c for c in candidates if c not in taken), None)
        n = 2
        while key is None:
            key = f"{candidates[-1]}_{n}" if f"{candidates[-1]}_{n}" not in taken else None
            n += 1
        column = Column(key, predicate, datatype, lang)
        self.columns[key] = column
        self._by_column[ident] = key
        return key

    def label_for(self, class_iri: str) -> str | None:
        """The node label of a class, or ``None`` when it cannot be one (kept in ``type``)."""
        if class_iri in self._by_class:
            return self._by_class[class_iri]
        label = node_label(class_iri)
        if not IDENTIFIER.match(label) or label in (MARKER, META_LABEL) or label in self.labels:
            return None
        self.labels[label] = class_iri
        self._by_class[class_iri] = label
        return label

    def rel_type_for(self, predicate: str) -> str:
        if predicate in self._by_predicate:
            return self._by_predicate[predicate]
        base = _ident_part(rel_type(predicate)).upper()
        candidates = [base]
        prefix = prefixed(predicate)
        if ":" in prefix and prefix != predicate:
            candidates.append(_ident_part(rel_type(prefix.replace(":", "_"))).upper())
        name = next((c for c in candidates if c not in self.types), None)
        n = 2
        while name is None:
            name = f"{candidates[-1]}_{n}" if f"{candidates[-1]}_{n}" not in self.types else None
            n += 1
        self.types[name] = predicate
        self._by_predicate[predicate] = name
        return name

    # -- storage ----------------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps({
            "columns": {k: [c.predicate, c.datatype, c.lang] for k, c in sorted(self.columns.items())},
            "labels": dict(sorted(self.labels.items())),
            "types": dict(sorted(self.types.items())),
        }, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> "Schema":
        if not text:
            return cls()
        data = json.loads(text)
        columns = {k: Column(k, *v) for k, v in data.get("columns", {}).items()}
        return cls(columns, dict(data.get("labels", {})), dict(data.get("types", {})))


# -- values -----------------------------------------------------------------------------------

def to_neo4j(lexical: str, datatype: str | None):
    """The Neo4j value of a literal (see the module docstring); the text when it does not parse.

    >>> to_neo4j("42", XSD + "integer"), to_neo4j("0.42", XSD + "decimal"), to_neo4j("true", XSD + "boolean")
    (42, 0.42, True)
    >>> to_neo4j("2018-09-21", XSD + "date")
    datetime.date(2018, 9, 21)
    >>> to_neo4j("2018", XSD + "gYear")
    '2018'
    """
    try:
        if datatype in _INTEGERS:
            value = int(lexical)
            return value if _INT64[0] <= value <= _INT64[1] else lexical
        if datatype in _FLOATS:
            return float(lexical)
        if datatype == XSD + "boolean":
            if lexical in ("true", "1"):
                return True
            if lexical in ("false", "0"):
                return False
            return lexical
        if datatype == XSD + "date":
            return dt.date.fromisoformat(lexical)
        if datatype == XSD + "dateTime":
            return dt.datetime.fromisoformat(lexical.replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        return lexical
    return lexical


def lexical_of(value, datatype: str | None) -> str:
    """The lexical form of a value read back from Neo4j, for a literal of ``datatype``.

    >>> lexical_of(0.42, XSD + "decimal"), lexical_of(True, XSD + "boolean"), lexical_of(7, XSD + "integer")
    ('0.42', 'true', '7')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if datatype == XSD + "decimal":
            try:
                text = format(Decimal(repr(value)), "f")
            except InvalidOperation:
                return repr(value)
            return text if "." in text else text + ".0"
        return repr(value).replace("inf", "INF").replace("nan", "NaN")
    if hasattr(value, "iso_format"):  # neo4j.time.Date / DateTime / Time
        text = value.iso_format()
        if datatype == XSD + "dateTime" and "." in text:
            head, frac = text.split(".", 1)
            digits = re.match(r"\d*", frac).group(0)
            rest = frac[len(digits):]
            digits = digits.rstrip("0")
            text = head + ("." + digits if digits else "") + rest
        return text
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


# -- extraction -------------------------------------------------------------------------------

@dataclass
class GraphRows:
    """What a push writes: node rows grouped by label set, relationship rows by type."""

    schema: Schema
    nodes: dict[tuple, list[dict]]
    rels: dict[str, list[dict]]
    column_kinds: dict[str, set] = field(default_factory=dict)  # key -> Python types seen
    list_columns: set = field(default_factory=set)

    @property
    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    @property
    def rel_count(self) -> int:
        return sum(len(rows) for rows in self.rels.values())


def _term_key(term) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    raise TypeError(term)


def iter_quads(store, graph=None) -> Iterator:
    """Every quad of the store (or of one named graph): :func:`kg.read.quads.quads`."""
    return quads(store, graph)


def assign_schema(schema: Schema, idents: Iterable[tuple], classes: Iterable[str], predicates: Iterable[str]) -> Schema:
    """Give every column, class and link predicate its key, label and type, in the one stable order
    (Ancrage terms first, then IRI order; columns, then labels, then types), so that a key never
    depends on the order the store was read in."""
    for p, datatype, lang in sorted(idents, key=lambda i: (_order(i[0]), i[1] or "", i[2] or "")):
        schema.column_key(p, datatype, lang)
    for cls in sorted(classes, key=_order):
        schema.label_for(cls)
    for predicate in sorted(predicates, key=_order):
        schema.rel_type_for(predicate)
    if any(schema.label_for(cls) is None for cls in classes):  # kept in the list property ``type``
        schema.column_key(RDF_TYPE, IRI, None)
    return schema


def extract(store, schema: Schema | None = None, graph=None) -> GraphRows:
    """Node and relationship rows of the whole store (or one named graph); see the module doc.

    ``schema`` is the side table already in Neo4j (its keys are kept); it is extended in place.
    """
    schema = schema if schema is not None else Schema()
    iri_props = set(IRI_AS_PROPERTY)
    subj_graph: dict[str, str | None] = {}
    obj_graph: dict[str, str | None] = {}
    classes: dict[str, set] = defaultdict(set)
    literals: dict[str, list] = defaultdict(list)  # node -> [(predicate, dt, lang, lexical)]
    links: dict[tuple, str | None] = {}  # (s, p, o) -> graph
    idents: set = set()

    def graph_of(quad) -> str | None:
        gn = quad.graph_name
        return None if isinstance(gn, ox.DefaultGraph) else _term_key(gn)

    def keep_min(table: dict, key: str, g: str | None) -> None:
        if key not in table:
            table[key] = g
        else:
            cur = table[key]
            if cur is None or (g is not None and g < cur):
                table[key] = g

    for quad in iter_quads(store, graph):
        s, p, o = quad.subject, quad.predicate.value, quad.object
        if isinstance(s, ox.Triple) or isinstance(o, ox.Triple):
            continue  # RDF-star quoted triples are not part of the model
        sk = _term_key(s)
        g = graph_of(quad)
        keep_min(subj_graph, sk, g)
        if isinstance(o, ox.Literal):
            lang = o.language or None
            datatype = None if lang else o.datatype.value
            literals[sk].append((p, datatype, lang, o.value))
            idents.add((p, datatype, lang))
        elif p == RDF_TYPE:
            classes[sk].add(_term_key(o))
        elif p in iri_props:
            literals[sk].append((p, IRI, None, _term_key(o)))
            idents.add((p, IRI, None))
        else:
            ok = _term_key(o)
            keep_min(obj_graph, ok, g)
            triple = (sk, p, ok)
            if triple not in links or (g is not None and (links[triple] is None or g < links[triple])):
                links[triple] = g

    assign_schema(schema, idents, {c for cs in classes.values() for c in cs}, {p for _, p, _ in links})

    rows = GraphRows(schema, defaultdict(list), defaultdict(list))
    node_ids = set(subj_graph) | set(obj_graph)
    for node in sorted(node_ids):
        g = subj_graph[node] if node in subj_graph else obj_graph.get(node)
        labels, row, kinds = node_row(schema, node, g, classes.get(node, ()), literals.get(node, []))
        for key, kind in kinds.items():
            rows.column_kinds.setdefault(key, set()).update(kind)
            if isinstance(row["props"][key], list):
                rows.list_columns.add(key)
        rows.nodes[labels].append(row)
    for (s, p, o), g in sorted(links.items(), key=lambda item: item[0]):
        rtype = schema.rel_type_for(p)
        rows.rels[rtype].append({"s": s, "o": o, "props": {SOURCE_KEY: g} if g is not None else {}})
    rows.nodes = dict(rows.nodes)
    rows.rels = dict(rows.rels)
    return rows


def node_row(schema: Schema, node: str, graph: str | None, classes: Iterable[str],
             literals: list) -> tuple[tuple, dict, dict]:
    """One node's row: ``(label set, {"uri", "props"}, {key: Python types of its values})``.

    ``literals`` are ``(predicate, datatype, lang, lexical)`` (datatype :data:`IRI` for an IRI kept
    as a property); ``graph`` is the node's ``sourceGraph``. One definition for the whole-store
    :func:`extract` and the streaming push (:mod:`kg.neo4j.stream`).
    """
    props: dict = {}
    if graph is not None:
        props[SOURCE_KEY] = graph
    labels = []
    odd_types = []
    for cls in sorted(classes):
        label = schema.label_for(cls)
        if label is None:
            odd_types.append((RDF_TYPE, IRI, None, cls))
        else:
            labels.append(label)
    values: dict[str, list] = defaultdict(list)
    for p, datatype, lang, lexical in list(literals) + odd_types:
        key = schema.column_key(p, datatype, lang)
        values[key].append(lexical if datatype == IRI else to_neo4j(lexical, datatype))
    kinds_of: dict[str, set] = {}
    for key, vals in values.items():
        vals = sorted(set(vals), key=_sort_key)
        kinds = {type(v) for v in vals}
        if len(kinds) > 1:  # a list holds one type only: keep the text of every value
            column = schema.columns[key]
            vals = sorted({lexical_of(v, column.datatype) for v in vals})
            kinds = {str}
        kinds_of[key] = kinds
        props[key] = vals[0] if len(vals) == 1 else vals
    return tuple(sorted(labels)), {"uri": node, "props": props}, kinds_of


def _sort_key(value):
    return (type(value).__name__, str(value))


# -- back to RDF ------------------------------------------------------------------------------

def rdf_node(uri: str):
    """The rdflib term of a node's ``uri`` (blank nodes are stored as ``_:id``)."""
    from rdflib import BNode, URIRef

    return BNode(uri[2:]) if uri.startswith("_:") else URIRef(uri)


def rdf_values(value, column: Column) -> Iterable:
    """The rdflib terms of one node property (a scalar or a list)."""
    from rdflib import Literal

    for item in value if isinstance(value, list) else [value]:
        if column.datatype == IRI:
            yield rdf_node(str(item))
        elif column.lang:
            yield Literal(str(item), lang=column.lang)
        elif column.datatype in (None, XSD_STRING):
            yield Literal(str(item))
        else:
            from rdflib import URIRef

            yield Literal(lexical_of(item, column.datatype), datatype=URIRef(column.datatype))


__all__ = ["Column", "Schema", "GraphRows", "extract", "node_row", "assign_schema", "iter_quads", "to_neo4j", "lexical_of", "rdf_node",
           "rdf_values", "check_identifier", "IRI", "META_LABEL", "META_ID", "IDENTIFIER"]
