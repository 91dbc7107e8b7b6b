"""The whole-graph named queries give the rows of their plain formulation.

``liens-multi-niveaux``, ``liens-national-local`` and ``accompagnement`` are written for speed
on the national graph, in Oxigraph 0.5 and in Apache Jena ARQ (sub-SELECTs joined by hashing, a
walk down from the national level). These tests pin what they return, whatever their form:

* on a small graph built for the edge cases (a label stated in two sources, an actor in two
  territories, a committee tied to its territory twice, a seminar with participants, a
  three-party partnership, an actor with an English label only), the rows of the plain
  formulation, kept below as it was first written;
* on the seed with two départements of the territorial reference and a synthetic graph, the
  rows computed in Python from the store's statements.

The rows are duplicate-free: a statement made by two sources is seen twice in Oxigraph's union
default graph (oxigraph/oxigraph#1919) and once in Fuseki's, so a query whose rows depended on
it would differ between engines (tests/kg/remote/test_remote.py runs them on both).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import contextmanager

import pyoxigraph as ox
import pytest

from kg import queries
from kg.gaps.index import without_index
from kg.namespaces import ANC, ANCC, ANCD, ORG, RDF, SKOS
from kg.read.answers import ANSWERS
from kg.sources import Source
from kg.store import Store

NAT_LEVELS = {str(ANCC["level/national"]), str(ANCC["level/international"])}

# The reference forms (ontology/queries/reference/*.rq): plain to read, the rows each named query
# must return; duplicate-free, so the same on every engine.
REFERENCE_DIR = queries.QUERY_DIR / "reference"
PLAIN = {p.stem: p.read_text(encoding="utf-8") for p in sorted(REFERENCE_DIR.glob("*.rq"))}
NAMES = sorted(PLAIN)


# -- a small graph with the edge cases -----------------------------------------------------------

def _iri(x) -> str:
    return f"<{x}>"


def _lit(text: str, lang: str = "fr") -> str:
    return f'"{text}"@{lang}'


def territory(level: str, code: str) -> str:
    return str(ANCD[f"territory/{level}/{code}"])


def actor(key: str) -> str:
    return str(ANCD[f"actor/{key}"])


NATIONAL, REGION, DEP, COMMUNE = (territory("national", "fr"), territory("region", "32"),
                                  territory("departement", "59"), territory("commune", "59350"))


def _edge_case_sources() -> list[Source]:
    t = []

    def add(s, p, o):
        t.append(f"{_iri(s)} {_iri(p)} {o} .")

    for iri, level, label in ((NATIONAL, "national", "France"), (REGION, "region", "Hauts-de-France"),
                              (DEP, "departement", "Nord"), (COMMUNE, "commune", "Lille")):
        add(iri, RDF.type, _iri(ANC.Territory))
        add(iri, ANC.level, _iri(ANCC[f"level/{level}"]))
        add(iri, SKOS.prefLabel, _lit(label))
    actors = {  # key: (label, territories)
        "operateur": ("Opérateur national d'appui", [NATIONAL]),
        "instance": ("Instance nationale", [NATIONAL]),
        "region": ("Conseil régional", [REGION]),
        "departementale": ("Association départementale", [DEP, REGION]),
        "centre-a": ("Centre social A", [COMMUNE]),
        "centre-b": ("Centre social B", [COMMUNE]),
        "isolee": ("Association isolée", [COMMUNE]),
        "comite": ("Comité local du Nord", [DEP]),
    }
    for key, (label, places) in actors.items():
        add(actor(key), RDF.type, _iri(ANC.Organisation))
        add(actor(key), SKOS.prefLabel, _lit(label))
        for place in places:
            add(actor(key), ANC.locatedIn, _iri(place))
    add(actor("comite"), RDF.type, _iri(ANC.LocalCommittee))
    add(actor("comite"), ANC.territory, _iri(DEP))  # located in and covering the same territory
    add(actor("departementale"), SKOS.prefLabel, _lit("County association", "en"))
    add(actor("english-only"), RDF.type, _iri(ANC.Organisation))
    add(actor("english-only"), SKOS.prefLabel, _lit("English-only charity", "en"))
    add(actor("english-only"), ANC.locatedIn, _iri(COMMUNE))

    def relation(kind, key, **links):
        node = str(ANCD[f"{kind.lower()}/{key}"])
        add(node, RDF.type, _iri(ANC[kind]))
        for prop, ends in links.items():
            for end in ends:
                add(node, {"member": ORG.member, "organization": ORG.organization}.get(prop, ANC[prop]),
                    _iri(actor(end)))

    relation("Partnership", "p1", participant=["operateur", "departementale"])
    relation("Partnership", "p2", participant=["departementale", "centre-a"])
    relation("Partnership", "p3", participant=["departementale", "centre-b", "centre-a"])
    relation("Partnership", "p4", participant=["isolee", "centre-a"])
    relation("Partnership", "p5", participant=["english-only", "operateur"])
    relation("Partnership", "p6", participant=["comite", "region"])
    relation("Event", "seminaire", participant=["operateur", "isolee", "comite"])  # attending is no partnership
    relation("Membership", "m1", member=["centre-b"], organization=["comite"])
    relation("Membership", "m2", member=["instance"], organization=["comite"])
    relation("InformationFlow", "f1", flowFrom=["comite"], flowTo=["operateur"])
    add(actor("operateur"), ANC.accompanies, _iri(actor("comite")))
    add(actor("operateur"), ANC.accompanies, _iri(REGION))
    # a second source restates a level, a label and a participant (each then counts twice)
    again = [f"{_iri(DEP)} {_iri(ANC.level)} {_iri(ANCC['level/departement'])} .",
             f"{_iri(actor('departementale'))} {_iri(SKOS.prefLabel)} {_lit('Association départementale')} .",
             f"{_iri(ANCD['partnership/p2'])} {_iri(ANC.participant)} {_iri(actor('departementale'))} ."]
    return [Source.from_ntriples("edge-cases", "Edge cases", t), Source.from_ntriples("again", "Again", again)]


@pytest.fixture(scope="module")
def edge_store() -> Store:
    return Store.in_memory(_edge_case_sources())


@pytest.fixture(scope="module")
def synthetic_store(seed_sources) -> Store:
    from loaders import cog, synthetic

    geo = synthetic.load_geography(["25", "59"])
    return Store.in_memory([*seed_sources, cog.load(departements=["25", "59"]),
                            synthetic.source(geo, synthetic.Spec(actors=400, relations=1_500, committees=4, seed=11))])


# -- references computed from the statements ----------------------------------------------------

class Quads:
    """The store's statements by predicate, one entry per named graph holding each."""

    def __init__(self, store: Store):
        self.oxi = store.oxi

    def pairs(self, predicate) -> list[tuple[str, object]]:
        return [(q.subject.value, q.object) for q in
                self.oxi.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, None)]

    def by_subject(self, predicate) -> dict[str, list]:
        out = defaultdict(list)
        for s, o in self.pairs(predicate):
            out[s].append(o.value)
        return out

    def typed(self, cls) -> Counter:
        return Counter(s for s, o in self.pairs(RDF.type) if o.value == str(cls))

    def fr_labels(self) -> dict[str, list[str]]:
        out = defaultdict(list)
        for s, o in self.pairs(SKOS.prefLabel):
            if isinstance(o, ox.Literal) and o.language == "fr":
                out[s].append(o.value)
        return out

    def territories(self) -> dict[str, set[str]]:
        out = defaultdict(set)  # a property path: each (actor, territory) once
        for prop in (ANC.locatedIn, ANC.territory):
            for s, o in self.pairs(prop):
                out[s].add(o.value)
        return out


def reference_liens_multi_niveaux(store: Store) -> list[tuple]:
    q = Quads(store)
    rels = set()
    for kind, cls, p_a, p_b in (("membership", ANC.Membership, ORG.member, ORG.organization),
                                ("flow", ANC.InformationFlow, ANC.flowFrom, ANC.flowTo),
                                ("partnership", ANC.Partnership, ANC.participant, ANC.participant)):
        ends_a, ends_b = q.by_subject(p_a), q.by_subject(p_b)
        for rel in q.typed(cls):
            for a in ends_a.get(rel, []):
                for b in ends_b.get(rel, []):
                    if kind != "partnership" or a < b:
                        rels.add((kind, rel, a, b))
    rels |= {("accompaniment", None, s, o.value) for s, o in q.pairs(ANC.accompanies)}
    places, levels, labels = q.territories(), q.by_subject(ANC.level), q.fr_labels()

    def facts(x):
        return {(lv, label) for t in places.get(x, ()) for lv in levels.get(t, []) for label in labels.get(x, [])}

    return sorted({(kind, rel, a_label, la.rsplit("/", 1)[-1], b_label, lb.rsplit("/", 1)[-1])
                   for kind, rel, a, b in rels for la, a_label in facts(a) for lb, b_label in facts(b) if la != lb},
                  key=str)


def reference_liens_national_local(store: Store) -> list[tuple]:
    q = Quads(store)
    pairs = set()
    for cls, p_a, p_b in ((ANC.Membership, ORG.member, ORG.organization),
                          (ANC.InformationFlow, ANC.flowFrom, ANC.flowTo),
                          (ANC.Partnership, ANC.participant, ANC.participant)):
        ends_a, ends_b = q.by_subject(p_a), q.by_subject(p_b)
        for rel in q.typed(cls):
            for a in ends_a.get(rel, []):
                for b in ends_b.get(rel, []):
                    if cls != ANC.Partnership or a != b:
                        pairs |= {(a, b), (b, a)}
    pairs |= {p for s, o in q.pairs(ANC.accompanies) for p in ((s, o.value), (o.value, s))}
    places, levels, labels = q.territories(), q.by_subject(ANC.level), q.fr_labels()
    national, local = defaultdict(set), defaultdict(set)  # distinct related actors
    for a, other in pairs:
        for t in places.get(other, ()):
            for lv in levels.get(t, []):
                (national if lv in NAT_LEVELS else local)[a].add(other)
    return [(a, label, len(national[a]), len(local[a]))
            for a in set(national) & set(local) for label in set(labels.get(a, []))]


def reference_accompagnement(store: Store, by: str) -> list[tuple]:
    q = Quads(store)
    labels = q.fr_labels()
    territories = set(q.typed(ANC.Territory))
    covers = q.by_subject(ANC.territory)
    found = set()
    for s, o in q.pairs(ANC.accompanies):
        if any(by.lower() in label.lower() for label in labels.get(s, [])):
            targets = ([o.value] if o.value in territories else []) + covers.get(o.value, [])
            found |= {(t, label) for t in targets for label in labels.get(t, [])}
    return list(found)


REFERENCES = {"liens-multi-niveaux": lambda store, params: reference_liens_multi_niveaux(store),
              "liens-national-local": lambda store, params: reference_liens_national_local(store),
              "accompagnement": lambda store, params: reference_accompagnement(
                  store, params.get("by", "solidarités actives"))}
#: parameters on the edge-case graph (its accompanist is an "opérateur national d'appui")
EDGE_PARAMS = {"accompagnement": {"by": "APPUI"}}


def order_key(name: str, row: tuple):
    """The order the ``ORDER BY`` of each query promises (an unbound relation first)."""
    if name == "liens-multi-niveaux":
        kind, relation, a_label, a_level, b_label, b_level = row
        return kind, a_label, b_label, a_level, b_level, relation is not None, relation or ""
    if name == "liens-national-local":
        return -(row[2] + row[3]), row[1]
    return row[1]


def assert_same_rows(name: str, rows: list[tuple], expected: list[tuple]) -> None:
    missing, extra = Counter(expected) - Counter(rows), Counter(rows) - Counter(expected)
    assert not missing and not extra, (f"{name}: rows differ\n missing: {sorted(missing.items(), key=str)[:5]}"
                                       f"\n unexpected: {sorted(extra.items(), key=str)[:5]}")
    keys = [order_key(name, row) for row in rows]
    assert keys == sorted(keys), f"{name}: rows are not in the promised order"


# -- the tests ------------------------------------------------------------------------------------

@contextmanager
def answered(how: str):
    """Named queries answered as they are by default (``liens-multi-niveaux`` from the read model,
    :mod:`kg.read.answers`), or all by their SPARQL text."""
    if how == "sparql":
        with without_index():
            yield
    else:
        yield


@pytest.mark.parametrize("how", ["default", "sparql"])
@pytest.mark.parametrize("name", NAMES)
def test_the_named_query_gives_the_rows_of_its_plain_form(edge_store, name, how):
    named, params = queries.library()[name], EDGE_PARAMS.get(name, {})
    plain = queries.bind(PLAIN[name], named.values(params), {p.name: p.type for p in named.params})
    expected = edge_store.select(plain)
    with answered(how):
        result = queries.run(edge_store, name, params)
    assert result.method == ("read-model" if how == "default" and name in ANSWERS else "sparql")
    assert result.variables == expected.variables
    assert_same_rows(name, result.rows, expected.rows)
    assert_same_rows(name, result.rows, REFERENCES[name](edge_store, params))
    assert result.rows, f"{name}: the edge-case graph gives no row, the comparison would prove nothing"


def test_national_local_links_count_distinct_partners(edge_store):
    rows = {r[0]: r[1:] for r in queries.run(edge_store, "liens-national-local").rows}
    # the committee: the national instance (member) and operator (flow and accompaniment: one
    # partner), the regional council (partnership) and a social centre (member)
    assert rows[actor("comite")] == ("Comité local du Nord", 2, 2)
    # the departmental association: the national operator (p1), two social centres (p2 and p3
    # name centre A twice: still one partner)
    label, national, local = rows[actor("departementale")]
    assert label == "Association départementale" and local == 2 * national > 0
    # the isolated association only met the operator (and the committee) at a seminar; the
    # English-only charity has no French label; the others have no national partner
    assert not {actor(k) for k in ("isolee", "english-only", "operateur", "instance", "region",
                                   "centre-a", "centre-b")} & set(rows)


def test_multi_level_relations_pair_parties_at_different_levels(edge_store):
    rows = queries.run(edge_store, "liens-multi-niveaux").rows
    by_relation = defaultdict(list)
    for row in rows:
        by_relation[row[1]].append(row)
    p1 = by_relation[str(ANCD["partnership/p1"])]  # the association (two territories) and the operator
    assert {r[3] for r in p1} == {"departement", "region"} and {r[5] for r in p1} == {"national"}
    assert {r[2] for r in p1} == {"Association départementale"}  # IRI order: departementale < operateur
    p3 = by_relation[str(ANCD["partnership/p3"])]  # the two centres sit in the same commune
    assert p3 and not any({r[2], r[4]} == {"Centre social A", "Centre social B"} for r in p3)
    assert not by_relation[str(ANCD["partnership/p4"])]  # both parties in the commune
    assert not by_relation[str(ANCD["event/seminaire"])]  # attending a seminar is no relation
    # the operator accompanies the committee (national / département) and a région, which is a
    # territory, located nowhere: no level to compare
    assert {(r[1], r[2], r[3], r[4], r[5]) for r in rows if r[0] == "accompaniment"} == {
        (None, "Opérateur national d'appui", "national", "Comité local du Nord", "departement")}


@pytest.mark.parametrize("how", ["default", "sparql"])
@pytest.mark.parametrize("name", NAMES)
def test_the_named_query_matches_the_statements_of_a_synthetic_graph(synthetic_store, name, how):
    with answered(how):
        result = queries.run(synthetic_store, name)
    assert_same_rows(name, result.rows, REFERENCES[name](synthetic_store, {}))
    assert result.rows, f"{name}: no row on the synthetic graph, the comparison would prove nothing"


def test_accompagnement_finds_nothing_for_an_unknown_accompanist(synthetic_store):
    assert queries.run(synthetic_store, "accompagnement", {"by": "zz-aucune-correspondance"}).rows == []
