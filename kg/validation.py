"""Validation of the store: SHACL shapes (``ontology/shapes.ttl``) and consistency checks.

SHACL runs with pyshacl on the **union of every named graph** (the ontology, the seed, the
territorial reference, imports): each source is validated with the context it refers to — the
concepts of the ontology graph, the territories of the COG graph, the actors of the seed — so a
reference to something described in another graph is never reported as missing. Each problem
names the graph it sits in and where it comes from in that source (file, line or row, sheet or
section, see :func:`locate`). The SPARQL consistency checks below run on every graph too.

Measured on the shipped data (ontology + seed + the full COG, 261 k triples; CPU time of the
process, ``bench/results-validation.md``): loading the union into rdflib 10 s, pyshacl 34 s, the
whole of ``validate_store`` 46 s (2 to 6 minutes of wall time on the shared 2-core machine).
pyrudof 0.3.35's native engine took 20 s CPU on the same union and found the same 0 problems:
not fast enough to be worth a second SHACL engine whose reading of our SPARQL constraints and
message languages would need its own tests. ``SHACL_MAX_TRIPLES`` guards against
unbounded stores (a generated national dataset): above it SHACL is skipped and said so.

>>> from kg.store import Store
>>> report = validate_store(Store.in_memory(), shacl=False)
>>> report.ok, report.violations
(True, [])
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .i18n import pick

#: Above this many triples in the whole store, SHACL is skipped (consistency checks still run).
SHACL_MAX_TRIPLES = 2_000_000

#: (id, message fr, message en, SELECT ?focus ?value)
CONSISTENCY_CHECKS = [
    ("dangling-member",
     "l'adhésion désigne un membre ou une instance qui n'existe pas dans le graphe",
     "the membership points to a member or body that does not exist in the graph",
     "SELECT ?focus ?value WHERE { ?focus a anc:Membership ; org:member|org:organization ?value . FILTER NOT EXISTS { ?value a ?t } }"),
    ("dangling-participant",
     "le partenariat désigne un participant qui n'existe pas dans le graphe",
     "the partnership points to a participant that does not exist in the graph",
     "SELECT ?focus ?value WHERE { ?focus a anc:Partnership ; anc:participant ?value . FILTER NOT EXISTS { ?value a ?t } }"),
    ("end-before-start",
     "la date de fin précède la date de début",
     "the end date is before the start date",
     "SELECT ?focus ?value WHERE { ?focus schema:startDate ?s ; schema:endDate ?value . FILTER(?value < ?s) }"),
    ("territory-without-level",
     "territoire sans niveau territorial",
     "territory without a territorial level",
     "SELECT ?focus (\"\" AS ?value) WHERE { ?focus a anc:Territory . FILTER NOT EXISTS { ?focus anc:level ?l } }"),
    ("located-outside-graph",
     "l'acteur est situé dans un territoire absent du graphe",
     "the actor is located in a territory missing from the graph",
     "SELECT ?focus ?value WHERE { ?focus anc:locatedIn ?value . FILTER NOT EXISTS { ?value a ?t } }"),
    ("unknown-concept",
     "valeur de catégorie, de monde ou d'échelle inconnue du vocabulaire",
     "category, world or scale value unknown to the vocabulary",
     "SELECT ?focus ?value WHERE { ?focus anc:category|anc:world|anc:interventionScale|anc:level ?value . "
     "FILTER NOT EXISTS { ?value a ?t } }"),
    ("dangling-speaker",
     "l'énoncé est attribué à un locuteur qui n'existe pas dans le graphe",
     "the statement is attributed to a speaker that does not exist in the graph",
     "SELECT ?focus ?value WHERE { ?focus prov:wasAttributedTo ?value . FILTER NOT EXISTS { ?value a ?t } }"),
]


@dataclass(frozen=True)
class Violation:
    graph: str
    focus: str
    check: str
    message: str
    value: str = ""
    severity: str = "violation"
    file: str = ""  # the file of the source the focus comes from
    location: str = ""  # where in it: "ligne 42", "feuille acteurs, id caf-65", "INSEE 59350"…

    def where(self) -> str:
        """``file, location`` (what a user opens to fix it), or the graph when nothing finer is known."""
        return ", ".join(x for x in (self.file, self.location) if x) or self.graph


@dataclass
class ValidationReport:
    violations: list[Violation] = field(default_factory=list)
    checked_graphs: list[str] = field(default_factory=list)
    shacl_graphs: list[str] = field(default_factory=list)
    shacl_skipped: list[str] = field(default_factory=list)
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not any(v.severity == "violation" for v in self.violations)

    @property
    def warnings(self) -> int:
        return sum(v.severity != "violation" for v in self.violations)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "violations": [asdict(v) for v in self.violations],
                "warnings": self.warnings, "checked_graphs": self.checked_graphs,
                "shacl_graphs": self.shacl_graphs, "shacl_skipped": self.shacl_skipped, "triples": self.triples}


def validate_store(store, lang: str = "fr", shacl: bool = True, limit_per_check: int = 1000,
                   max_triples: int = SHACL_MAX_TRIPLES) -> ValidationReport:
    """SHACL on the union of every named graph and consistency checks; each problem located."""
    report = ValidationReport()
    graphs = list(store.named_graphs())
    report.checked_graphs = graphs
    report.triples = store.count()
    where = _Locator(store)
    for check_id, fr, en, sparql in CONSISTENCY_CHECKS:
        for focus, value in store.select(f"{sparql} LIMIT {limit_per_check}").rows:
            graph, file, location = where(str(focus))
            report.violations.append(Violation(graph, str(focus), check_id, pick(fr, en, lang),
                                               str(value or ""), file=file, location=location))
    if not shacl or not graphs:
        return report
    if report.triples > max_triples:
        report.shacl_skipped = graphs
        return report
    from .ontology import validate

    report.shacl_graphs = graphs
    for v in validate(store.rdflib_graph(), lang=lang):
        graph, file, location = where(str(v.focus))
        report.violations.append(Violation(graph, str(v.focus), str(v.shape), v.message, str(v.value or ""),
                                           "violation" if v.severity == "violation" else "warning",
                                           file=file, location=location))
    return report


class _Locator:
    """Where a node comes from: its named graph, the file of that source and the place in it.

    * the seed: the YAML file and line of the record (``loaders.seed``), e.g. ``actors.yaml, ligne 14``;
    * a spreadsheet import: its sheet (the ``anc:SourceSection`` it cites) and the id typed in it;
    * the territorial reference: the INSEE code of the territory;
    * the ontology: the Turtle file that declares the term.
    """

    def __init__(self, store):
        self.store = store
        self._datasets: dict[str, dict] | None = None
        self._seed: dict[str, dict[str, tuple[str, int | None]]] = {}
        self._ontology: dict[str, str] | None = None

    def __call__(self, focus: str) -> tuple[str, str, str]:
        graphs = [str(g) for (g,) in self.store.select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{focus}> ?p ?o }} }}").rows] if _is_iri(focus) else []
        if not graphs:
            return "", "", ""
        graph = sorted(graphs, key=lambda g: (g.endswith("/ontology"), g))[0]
        meta = self.datasets().get(graph, {})
        source_id, path = meta.get("id", ""), meta.get("path", "")
        if source_id == "seed":
            file, line = self.seed_records(path).get(focus, ("", None))
            return graph, file or path, f"ligne {line}" if line else ""
        if graph.endswith("/ontology"):
            return graph, self.ontology_file(focus), ""
        code = self._value(focus, "anc:inseeCode")
        if code:
            return graph, path, f"INSEE {code}"
        sheet = self._value(focus, "dct:source/dct:title") or self._value(focus, "dct:source/anc:sectionNumber")
        ident = self._value(focus, "dct:identifier")
        location = ", ".join(x for x in (f"feuille {sheet}" if sheet else "", f"id {ident}" if ident else "") if x)
        return graph, path, location

    def _value(self, focus: str, path: str) -> str:
        rows = self.store.select(f"SELECT ?v WHERE {{ <{focus}> {path} ?v }} LIMIT 1").rows
        return str(rows[0][0]) if rows else ""

    def datasets(self) -> dict[str, dict]:
        if self._datasets is None:
            rows = self.store.select("""SELECT ?g ?id ?path WHERE { GRAPH ?g { ?g anc:sourceId ?id
                OPTIONAL { ?g prov:wasDerivedFrom ?path FILTER(isLiteral(?path)) } } }""").rows
            self._datasets = {str(g): {"id": str(i), "path": str(p or "")} for g, i, p in rows}
        return self._datasets

    def seed_records(self, path: str) -> dict[str, tuple[str, int | None]]:
        if path not in self._seed:
            from loaders import seed

            folder = Path(path) if path and Path(path).is_dir() else seed.DEFAULT_SEED_DIR
            try:
                records = seed.read_records(seed.read_documents(folder), seed.read_source_text(folder))
            except Exception:  # noqa: BLE001 - a seed that no longer loads: locate by graph only
                records = []
            self._seed[path] = {str(r.iri): (r.file, r.line) for r in records if r.iri is not None}
        return self._seed[path]

    def ontology_file(self, focus: str) -> str:
        if self._ontology is None:
            from .ontology import ontology_files

            self._ontology = {}
            for f in ontology_files():
                text = f.read_text(encoding="utf-8")
                for m in re.finditer(r"^(\S+:\S+|<[^>]+>)\s+a\s", text, flags=re.M):
                    self._ontology.setdefault(m.group(1), f.name)
        local = re.split(r"[#/]", focus)[-1]
        for key, name in self._ontology.items():
            if key == f"<{focus}>" or key.split(":", 1)[-1] == local:
                return name
        return ""


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://", "urn:"))
