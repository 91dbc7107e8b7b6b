"""Validation of the store: SHACL shapes (``ontology/shapes.ttl``) and consistency checks.

SHACL runs with pyshacl on the union of the graphs small enough for it (the seed, imports;
``SHACL_MAX_TRIPLES`` each) plus the types of what they point to in larger graphs; every graph, whatever its size, also goes through the SPARQL
consistency checks below, which the embedded store answers in milliseconds.

>>> from kg.store import Store
>>> report = validate_store(Store.in_memory(), shacl=False)
>>> report.ok, report.violations
(True, [])
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SHACL_MAX_TRIPLES = 200_000
SKIP_SHACL = ("https://w3id.org/ancrage/graph/ontology",)

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
]


@dataclass(frozen=True)
class Violation:
    graph: str
    focus: str
    check: str
    message: str
    value: str = ""
    severity: str = "violation"


@dataclass
class ValidationReport:
    violations: list[Violation] = field(default_factory=list)
    checked_graphs: list[str] = field(default_factory=list)
    shacl_skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(v.severity == "violation" for v in self.violations)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "violations": [asdict(v) for v in self.violations],
                "checked_graphs": self.checked_graphs, "shacl_skipped": self.shacl_skipped}


def validate_store(store, lang: str = "fr", shacl: bool = True, limit_per_check: int = 1000) -> ValidationReport:
    """SHACL (where the graph is small enough) and consistency checks over every named graph."""
    report = ValidationReport()
    graphs = [g for g in store.named_graphs()]
    report.checked_graphs = graphs
    for check_id, fr, en, sparql in CONSISTENCY_CHECKS:
        rows = store.select(f"{sparql} LIMIT {limit_per_check}").rows
        for focus, value in rows:
            report.violations.append(Violation("", str(focus), check_id, fr if lang == "fr" else en, str(value or "")))
    if not shacl:
        return report
    from .ontology import validate

    small = []
    for graph in graphs:
        if graph in SKIP_SHACL:
            continue
        if store.count(graph=graph) > SHACL_MAX_TRIPLES:
            report.shacl_skipped.append(graph)
        else:
            small.append(graph)
    if not small:
        return report
    data = store.rdflib_graph(graph=small)
    # Territories and actors of the large graphs that the small ones point to: their types
    # and levels, so shapes that expect a Territory or an Actor see one.
    referenced = store.construct(
        "CONSTRUCT { ?t a ?c . ?t anc:level ?l . ?t skos:prefLabel ?label } WHERE { ?t a ?c . "
        "OPTIONAL { ?t anc:level ?l } OPTIONAL { ?t skos:prefLabel ?label } "
        "FILTER EXISTS { GRAPH ?g { ?x ?p ?t } FILTER(?g IN (%s)) } }" % ", ".join(f"<{g}>" for g in small))
    if referenced:
        data.parse(data=referenced.decode("utf-8"), format="nt")
    graph_of = {}
    for graph in small:
        for (s,) in store.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", graph=graph).rows:
            graph_of.setdefault(str(s), graph)
    for v in validate(data, lang=lang):
        report.violations.append(Violation(graph_of.get(str(v.focus), ""), str(v.focus), str(v.shape), v.message,
                                           str(v.value or ""),
                                           "violation" if "Violation" in str(v.severity) else "warning"))
    return report
