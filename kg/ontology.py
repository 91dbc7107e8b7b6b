"""The ontology in ``ontology/``: loading it, its labels and concepts, and SHACL validation.

Files (the vocabulary contract is :mod:`kg.namespaces`; a test checks both agree):

* ``ontology/ancrage.ttl`` — the OWL ontology: classes and properties, FR/EN labels and
  definitions, alignments to W3C ORG, SKOS, PROV-O, Dublin Core, FOAF, schema.org, GeoSPARQL;
* ``ontology/concepts/<scheme>.ttl`` — one SKOS concept scheme per file;
* ``ontology/rules.ttl`` — the composition rules R1–R12 (``anc:CompositionRule``);
* ``ontology/shapes.ttl`` — SHACL shapes, each with a French and an English message.

:func:`load_ontology` returns the first three together (what the store holds as the
``ontology`` named graph, see :func:`ontology_source`); :func:`load_shapes` the last one.
:func:`validate` runs the shapes with pyshacl and returns :class:`Violation` records whose
message is in the requested language.

>>> labels("fr")["https://w3id.org/ancrage/concept/scale/mise-en-lien"]
'Échelle de la mise en lien'
>>> concept_label("https://w3id.org/ancrage/concept/category/elus", "en")
'Elected officials'
>>> [code for _, code, _ in concepts("flow-direction")]
['descendant', 'ascendant', 'transversal']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .i18n import LANGS
from .errors import ValidationError
from .mapping import prefixed
from .namespaces import ANC, PREFIXES, RULES, SCHEMES, SH, concept, rule, scheme
from .paths import shipped, shown
from .sources import Source

#: Folder of the Turtle files.
ONTOLOGY_DIR = shipped("ontology")
#: IRI of the ontology itself.
ONTOLOGY_IRI = URIRef(str(ANC).rstrip("#"))
#: Project licence, also the licence of the ontology graph in the store.
LICENCE = "MIT"
#: Severity names used by :class:`Violation`, most serious first.
SEVERITIES = ("violation", "warning", "info")
#: Namespace of the shapes (``ontology/shapes.ttl``).
ANCSH = Namespace("https://w3id.org/ancrage/shapes#")
TRUE = Literal(True)


def ontology_files(folder: str | Path | None = None) -> list[Path]:
    """The Turtle files of the ontology (not the shapes), in load order.

    >>> [p.name for p in ontology_files()][:2]
    ['ancrage.ttl', 'category.ttl']
    """
    folder = Path(folder) if folder else ONTOLOGY_DIR
    return [folder / "ancrage.ttl", *sorted((folder / "concepts").glob("*.ttl")), folder / "rules.ttl"]


def _bind(g: Graph) -> Graph:
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True)
    return g


def _parse(paths: list[Path]) -> Graph:
    from rdflib.plugins.parsers.notation3 import BadSyntax

    g = _bind(Graph())
    for path in paths:
        try:
            g.parse(path, format="turtle")
        except BadSyntax as err:
            raise ValidationError("the ontology file is not valid Turtle", file=str(path),
                                  line=getattr(err, "lines", None), found=str(err)) from err
        except OSError as err:
            raise ValidationError("cannot read the ontology file", file=str(path), found=str(err)) from err
    return g


@functools.lru_cache(maxsize=1)
def _ontology() -> Graph:
    return _parse(ontology_files())


@functools.lru_cache(maxsize=1)
def _shapes() -> Graph:
    return _parse([ONTOLOGY_DIR / "shapes.ttl"])


def _copy(g: Graph) -> Graph:
    out = _bind(Graph())
    for triple in g:
        out.add(triple)
    return out


def load_ontology() -> Graph:
    """The ontology, its concept schemes and the rules as one new ``Graph`` (not the shapes).

    >>> g = load_ontology()
    >>> (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    True
    """
    return _copy(_ontology())


def load_shapes() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``) as a new ``Graph``.

    >>> from rdflib.namespace import SH
    >>> len(list(load_shapes().subjects(RDF.type, SH.NodeShape))) > 10
    True
    """
    return _copy(_shapes())


def version() -> str:
    """``owl:versionInfo`` of the ontology.

    >>> version()
    '0.1.0'
    """
    return str(_ontology().value(ONTOLOGY_IRI, OWL.versionInfo))


def ontology_source() -> Source:
    """The ontology (classes, properties, concepts, rules) as the store's ``ontology`` source.

    >>> src = ontology_source()
    >>> src.id, src.licence, str(src.graph)
    ('ontology', 'MIT', 'https://w3id.org/ancrage/graph/ontology')
    """
    g = _ontology()
    terms = {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}
    return Source.from_rdflib(
        "ontology", "Ontologie Ancrage / Ancrage ontology", g,
        path=shown(ONTOLOGY_DIR), licence=LICENCE, version=version(),
        url=str(ONTOLOGY_IRI), publisher="Ancrage",
        description="Classes, propriétés, schémas de concepts et règles de composition / "
                    "classes, properties, concept schemes and composition rules",
        records=len(terms))


# ---------------------------------------------------------------------------------------------
# Labels and concepts
# ---------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=len(LANGS))
def _labels(lang: str) -> dict[str, str]:
    g = _ontology()
    other = [x for x in LANGS if x != lang]
    found: dict[str, dict[str, str]] = {}
    # skos:prefLabel wins over rdfs:label; within a property, the requested language wins
    for prop in (RDFS.label, SKOS.prefLabel):
        for s, label in g.subject_objects(prop):
            if isinstance(s, URIRef) and isinstance(label, Literal):
                found.setdefault(str(s), {})[label.language or ""] = str(label)
    result = {}
    for iri, by_lang in found.items():
        for key in (lang, *other, ""):
            if key in by_lang:
                result[iri] = by_lang[key]
                break
        else:
            result[iri] = next(iter(by_lang.values()))
    return result


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def labels(lang: str = "fr") -> dict[str, str]:
    """IRI → label of every term, concept, scheme and rule, in ``lang`` (else the other language).

    >>> labels("en")["https://w3id.org/ancrage/def#LocalCommittee"]
    'Local committee of social work and social development'
    """
    return dict(_labels(_check_lang(lang)))


def concept_label(iri: str | URIRef, lang: str = "fr") -> str:
    """Label of one concept or term; its code (last IRI segment) when the ontology lacks it.

    >>> concept_label("https://w3id.org/ancrage/concept/rule/R1", "fr")
    'Personnes accompagnées membres à part entière'
    >>> concept_label("https://example.org/unknown/thing")
    'thing'
    """
    text = str(iri)
    return _labels(_check_lang(lang)).get(text) or text.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def scheme_ids() -> list[str]:
    """Ids of every concept scheme: those of :data:`kg.namespaces.SCHEMES`, then ``rule``.

    >>> scheme_ids()[-1]
    'rule'
    """
    return [*SCHEMES, "rule"]


def concepts(scheme_id: str, lang: str = "fr") -> list[tuple[str, str, str]]:
    """``(iri, code, label)`` of each concept of a scheme, in the order of its file.

    The files list concepts in the order of :data:`kg.namespaces.SCHEMES` (a test checks it).
    ``scheme_id`` ``"rule"`` gives the composition rules R1..R10.

    >>> concepts("scale", "en")[0]
    ('https://w3id.org/ancrage/concept/scale/initiale', 'initiale', 'Initial scale')
    """
    if scheme_id == "rule":
        pairs = [(str(rule(r)), r) for r in RULES]
    else:
        scheme(scheme_id)  # KeyError listing the known schemes
        pairs = [(str(concept(scheme_id, code)), code) for code in SCHEMES[scheme_id]]
    return [(iri, code, concept_label(iri, lang)) for iri, code in pairs]


@functools.lru_cache(maxsize=1)
def _level_ranks() -> dict[str, int]:
    g = _ontology()
    ranks = {}
    for code in SCHEMES["level"]:
        for note in g.objects(concept("level", code), SKOS.note):
            if isinstance(note, Literal) and isinstance(note.value, int):
                ranks[code] = note.value
    return ranks


def level_ranks() -> dict[str, int]:
    """Rank of each nested territorial level, 1 = widest (the project territory has none).

    >>> level_ranks()["region"] < level_ranks()["commune"]
    True
    >>> "territoire-projet" in level_ranks()
    False
    """
    return dict(_level_ranks())


def broader(iri: str | URIRef) -> str | None:
    """The broader concept of a concept (``collectivite-region`` → ``collectivite-territoriale``).

    >>> broader(concept("category", "collectivite-region")).rsplit("/", 1)[-1]
    'collectivite-territoriale'
    >>> broader(concept("category", "federation")) is None
    True
    """
    value = _ontology().value(URIRef(str(iri)), SKOS.broader)
    return str(value) if value is not None else None


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the record (``focus``), the property (``path``), the offending
    ``value``, the ``shape`` that reported it, its ``severity`` (violation, warning, info), the
    ``message`` in the requested language and the SHACL ``constraint`` component.
    """

    focus: str
    path: str | None
    value: str | None
    shape: str
    severity: str
    message: str
    constraint: str = ""

    def text(self) -> str:
        """One line for people: record, message, property and value.

        >>> Violation("ex:m1", "org:member", None, "ancsh:X", "violation", "Adhésion invalide.").text()
        'ex:m1: Adhésion invalide. [org:member]'
        """
        detail = ", ".join(x for x in (self.path, self.value and repr(self.value)) if x)
        return f"{prefixed(self.focus)}: {self.message}" + (f" [{detail}]" if detail else "")

    def as_error(self, file: str | None = None) -> ValidationError:
        """The violation as a :class:`kg.errors.ValidationError` (for the CLI and the explorer).

        >>> str(Violation("ex:m1", "org:member", None, "ancsh:X", "violation", "Adhésion invalide.").as_error("a.ttl"))
        "a.ttl, field 'org:member': ex:m1: Adhésion invalide."
        """
        return ValidationError(f"{prefixed(self.focus)}: {self.message}", file=file, field=self.path,
                               found=self.value)


def _term_text(g: Graph, node) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        return str(node)
    return "_:" + str(node)


def _path_text(g: Graph, node) -> str | None:
    """A readable SHACL path: ``skos:prefLabel``, ``^org:member``, ``a|b``, ``a/b``."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return prefixed(str(node))
    alt = g.value(node, SH.alternativePath)
    if alt is not None:
        return "|".join(_path_text(g, item) or "?" for item in g.items(alt))
    inv = g.value(node, SH.inversePath)
    if inv is not None:
        return "^" + (_path_text(g, inv) or "?")
    for key, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(node, key)
        if inner is not None:
            return (_path_text(g, inner) or "?") + mark
    items = list(g.items(node))
    if items:
        return "/".join(_path_text(g, item) or "?" for item in items)
    return "_:" + str(node)


def _pick_message(messages, lang: str) -> str | None:
    by_lang: dict[str, str] = {}
    for m in messages:
        if isinstance(m, Literal):
            by_lang.setdefault(m.language or "", str(m))
    for key in (lang, *[x for x in LANGS if x != lang], ""):
        if key in by_lang:
            return by_lang[key]
    return next(iter(by_lang.values()), None)


def _union(data) -> Graph:
    """A plain ``Graph``: pyshacl would validate each named graph of a dataset on its own."""
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        g = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return data


def validate(data: Graph, lang: str = "fr") -> list[Violation]:
    """Check ``data`` against ``ontology/shapes.ttl``; the results, most serious first.

    pyshacl runs with the ontology as ``ont_graph`` (mixed into a copy of the data, so target
    classes reach subclasses) and no inference. ``data`` is not modified. An empty list means
    the data conforms (no violation and no warning).

    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ...   @prefix anc: <https://w3id.org/ancrage/def#> .
    ...   <https://w3id.org/ancrage/id/membership/m1> a anc:Membership .''')
    >>> [(v.severity, v.path) for v in validate(g) if v.severity == "violation"]
    [('violation', 'org:member'), ('violation', 'org:organization')]
    >>> validate(g, "en")[0].message
    'Invalid membership: a membership has exactly one member (org:member).'
    """
    import pyshacl

    _check_lang(lang)
    _conforms, report, _text = pyshacl.validate(
        _union(data), shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
        abort_on_first=False, allow_warnings=True, allow_infos=True, advanced=False,
        meta_shacl=False, do_owl_imports=False)
    shapes = _shapes()
    found = set()
    details = set(report.objects(None, SH.detail))
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if result in details:  # nested results of sh:node, already summed up by their parent
            continue
        shape = report.value(result, SH.sourceShape)
        # the shape's own messages keep their language tag (pyshacl drops it for SPARQL results)
        declared = [*shapes.objects(shape, SH.message)] + [
            m for c in shapes.objects(shape, SH.sparql) for m in shapes.objects(c, SH.message)]
        message = _pick_message(declared, lang) or _pick_message(
            report.objects(result, SH.resultMessage), lang)
        severity = report.value(result, SH.resultSeverity)
        component = report.value(result, SH.sourceConstraintComponent)
        focus = _term_text(report, report.value(result, SH.focusNode)) or ""
        value_node = report.value(result, SH.value)
        value = _term_text(report, value_node)
        path_node = report.value(result, SH.resultPath)
        path = _path_text(report, path_node)
        if (shape, ANCSH.reportsValueAsFocus, TRUE) in shapes and value_node is not None:
            # one-pass shapes (per-level codes, date order) target a single node and report
            # each faulty record as the value: the record is the focus of the violation
            focus, value = value, None
            if path and path.startswith("^"):
                path = _nested_path(shapes, shape) or path
        found.add(Violation(
            focus=focus,
            path=path,
            value=None if value == focus else value,  # sh:or, sh:not report the focus itself
            shape=_term_text(report, shape) if isinstance(shape, URIRef) else _shape_name(shapes, shape),
            severity=str(severity).rsplit("#", 1)[-1].lower() if severity is not None else "violation",
            message=message or "",
            constraint=str(component).rsplit("#", 1)[-1] if component is not None else "",
        ))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda v: (rank.get(v.severity, 9), v.focus, v.shape, v.path or "",
                                        v.value or "", v.message))


def _nested_path(shapes: Graph, shape) -> str | None:
    """Path of the first property of the shape an ``sh:node`` constraint points to."""
    for node in shapes.objects(shape, SH.node):
        for prop in shapes.objects(node, SH.property):
            return _path_text(shapes, shapes.value(prop, SH.path))
    return None


def _shape_name(shapes: Graph, shape) -> str:
    """Name of an anonymous shape: the named shape that holds it, or its blank-node id."""
    if shape is None:
        return ""
    for parent in shapes.subjects(SH.property, shape):
        if isinstance(parent, URIRef):
            return str(parent)
    return "_:" + str(shape) if isinstance(shape, BNode) else str(shape)


def validate_store(store, graph=None, lang: str = "fr") -> list[Violation]:
    """:func:`validate` on the union of a store's named graphs, or on one of them.

    For small stores (the seed, an import): the graph is copied into memory.

    >>> from kg.store import Store
    >>> validate_store(Store.in_memory([ontology_source()]))
    []
    """
    return validate(store.rdflib_graph(graph), lang)


__all__ = ["ONTOLOGY_DIR", "ONTOLOGY_IRI", "Violation", "load_ontology", "load_shapes",
           "ontology_source", "labels", "concept_label", "concepts", "scheme_ids", "level_ranks",
           "broader", "validate", "validate_store", "version", "ontology_files", "LANGS", "SEVERITIES"]
