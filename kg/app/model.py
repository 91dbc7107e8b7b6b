"""Read-only views of the store for the explorer, as plain Python data (no Streamlit here).

Every function takes a store with the read interface of :class:`kg.store.Store` (``select`` and
``version``): the embedded store or a remote SPARQL backend. Results are small, JSON-friendly
structures the pages render and the tests assert on.

>>> from kg.store import Store
>>> from kg.sources import Source
>>> nt = ['<https://w3id.org/ancrage/id/actor/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "Acteur A"@fr .',
...       '<https://w3id.org/ancrage/id/actor/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "Actor A"@en .']
>>> store = Store.in_memory([Source.from_ntriples("t", "T", nt)])
>>> labels(store, "en")["https://w3id.org/ancrage/id/actor/a"]
'Actor A'
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .. import diskcache
from ..mapping import local_name
from ..namespaces import ANC, ANCC, ANCG, OBSERVED
from ..ntriples import nt_iri
from ..read.labels import pick
from ..read.membership import committee_members as read_committee_members
from ..read.membership import holds_at, members_at
from ..read.membership import relation_dates as read_relation_dates
from ..read.paths import closure
from ..read.vocab import ACTOR_KINDS, RELATION_CLASSES

ONTOLOGY_GRAPH = str(ANCG["ontology"])
LEVEL_PREFIX = str(ANCC) + "level/"
CATEGORY_PREFIX = str(ANCC) + "category/"
#: Levels of the territorial drill-down, top to bottom.
DRILL_LEVELS = ("national", "region", "departement", "intercommunalite")
#: Classes counted on the home page, in display order (local names in the ``anc:`` namespace).
COUNTED_CLASSES = (*ACTOR_KINDS, "Territory", "ProjectTerritory", *RELATION_CLASSES,
                   "Policy", "Scheme", "Production", "Event", "Representation", "Survey",
                   "SourceSection")

_DEMO = """
@prefix anc: <https://w3id.org/ancrage/def#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix t: <https://w3id.org/ancrage/id/territory/> . @prefix lv: <https://w3id.org/ancrage/concept/level/> .
t:region\\/32 anc:level lv:region ; anc:inseeCode "32" ; skos:prefLabel "Hauts-de-France"@fr .
t:departement\\/59 anc:level lv:departement ; anc:inseeCode "59" ; geo:sfWithin t:region\\/32 ;
    skos:prefLabel "Nord"@fr .
<https://w3id.org/ancrage/id/committee/nord> a anc:LocalCommittee ; skos:prefLabel "Comité du Nord"@fr ;
    anc:territory t:departement\\/59 .
<https://w3id.org/ancrage/id/actor/caf59> a anc:Organisation ; skos:prefLabel "CAF du Nord"@fr ;
    anc:locatedIn t:departement\\/59 .
<https://w3id.org/ancrage/id/membership/m1> a anc:Membership ; org:member <https://w3id.org/ancrage/id/actor/caf59> ;
    org:organization <https://w3id.org/ancrage/id/committee/nord> .
"""


def _demo_store():
    """A tiny in-memory store for the examples: a région, a département, a committee, one member."""
    import rdflib

    from ..sources import Source
    from ..store import Store

    return Store.in_memory([Source.from_rdflib("demo", "Demo", rdflib.Graph().parse(data=_DEMO, format="turtle"))])


def code_of(iri: str | None) -> str | None:
    """Local name of a concept or entity IRI (``…/level/departement`` → ``departement``).

    >>> code_of("https://w3id.org/ancrage/concept/level/departement")
    'departement'
    >>> code_of(None) is None
    True
    """
    return local_name(iri) if iri else None


# ---------------------------------------------------------------------------------------------
# labels and definitions
# ---------------------------------------------------------------------------------------------

LABELS_QUERY = """
SELECT ?s ?l (LANG(?l) AS ?lang) WHERE {
  ?s skos:prefLabel|rdfs:label|dct:title ?l FILTER(isIRI(?s) && isLiteral(?l))
}"""


def labels(store, lang: str = "fr") -> dict[str, str]:
    """IRI → label in ``lang`` (``skos:prefLabel``, ``rdfs:label`` or ``dct:title``), falling back
    to an untagged label, then French, then English."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, text, tag in store.select(LABELS_QUERY).rows:
        found[s].append((str(text), tag or ""))
    return {s: pick(values, lang) for s, values in found.items()}


def label_of(iri: str | None, names: dict[str, str]) -> str:
    """Label of ``iri`` from ``names``, or a readable fallback from the IRI itself.

    >>> label_of("https://w3id.org/ancrage/concept/level/region", {})
    'region'
    """
    if not iri:
        return ""
    return names.get(iri) or code_of(iri) or iri


#: IRIs of the project: always shown by their label (other IRIs, e.g. web pages, stay as links).
PROJECT_IRI = "https://w3id.org/ancrage/"


def _is_entity(value, names: dict) -> bool:
    return isinstance(value, str) and (value in names or value.startswith(PROJECT_IRI)) and " " not in value


def code_labels(names: dict) -> dict[str, str]:
    """Concept code → label (``collectivite-region`` → « Région »), for codes one concept only has."""
    found: dict[str, set] = defaultdict(set)
    for iri, label in names.items():
        if iri.startswith(PROJECT_IRI + "concept/"):
            found[iri.rsplit("/", 1)[-1]].add(label)
    return {code: next(iter(labels)) for code, labels in found.items() if len(labels) == 1}


def people_table(variables, rows, names: dict, lang: str = "fr", query=None,
                 kind_labels: dict | None = None) -> tuple[list[str], list[list], list[str]]:
    """Query results as people read them: (column titles, rows, titles of the IRI columns).

    Each column of project IRIs is shown by its labels in ``lang`` and its IRIs are kept in a
    column titled "… (IRI)" (hidden on screen, kept in downloads); a ``xLabel`` column beside an
    ``x`` IRI column takes the label in ``lang``; columns a named query declares (``query``, see
    :mod:`kg.queries`) get their title in ``lang``, codes their concept's label and relation
    kinds their name (``kind_labels``).

    >>> names = {"https://w3id.org/ancrage/id/committee/nord": "Comité du Nord",
    ...          "https://w3id.org/ancrage/concept/level/region": "Région"}
    >>> people_table(["c", "lvl"], [("https://w3id.org/ancrage/id/committee/nord", "region")], names)
    (['c', 'lvl', 'c (IRI)'], [['Comité du Nord', 'region', 'https://w3id.org/ancrage/id/committee/nord']], ['c (IRI)'])
    """
    variables = list(variables)
    rows = [list(r) for r in rows]
    kind_labels = kind_labels or {}
    codes = code_labels(names)
    declared = getattr(query, "columns", {}) or {}

    def title(v: str) -> str:
        return query.column_title(v, lang) if query is not None and v in declared else v

    shown: list[tuple[str, callable]] = []
    hidden: list[tuple[str, callable]] = []
    for i, v in enumerate(variables):
        values = [r[i] for r in rows if r[i] is not None]
        entity = bool(values) and all(_is_entity(x, names) for x in values)
        kind = declared.get(v, ("", "", ""))[2]
        if entity:
            iri_title = title(v) if title(v).endswith("(IRI)") else f"{title(v)} (IRI)"
            hidden.append((iri_title, lambda r, i=i: r[i]))
            if v + "Label" not in variables:
                plain = title(v).removesuffix(" (IRI)")
                shown.append((plain, lambda r, i=i: label_of(r[i], names) if r[i] else None))
            continue
        base = v[:-5] if v.endswith("Label") else None
        if base in variables:
            j = variables.index(base)
            shown.append((title(v), lambda r, i=i, j=j: names.get(r[j]) or r[i] if r[j] else r[i]))
        elif kind == "code":
            shown.append((title(v), lambda r, i=i: codes.get(str(r[i]), r[i]) if r[i] is not None else None))
        elif kind == "kind":
            shown.append((title(v), lambda r, i=i: kind_labels.get(str(r[i]), r[i]) if r[i] is not None else None))
        else:
            shown.append((title(v), lambda r, i=i: r[i]))
    columns = shown + hidden
    return ([t for t, _ in columns], [[f(r) for _, f in columns] for r in rows], [t for t, _ in hidden])


def definitions(store, lang: str = "fr") -> dict[str, str]:
    """IRI → ``skos:definition`` (or ``rdfs:comment``) in ``lang``."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    rows = store.select("SELECT ?s ?d (LANG(?d) AS ?lang) WHERE { ?s skos:definition|rdfs:comment ?d "
                        "FILTER(isIRI(?s) && isLiteral(?d)) }").rows
    for s, text, tag in rows:
        found[s].append((str(text), tag or ""))
    return {s: pick(values, lang) for s, values in found.items()}


# ---------------------------------------------------------------------------------------------
# home page: counts and sources
# ---------------------------------------------------------------------------------------------

def cached_on_disk(store, name: str, compute):
    """``compute()`` (a small JSON value), kept in ``<store folder>/cache/`` for this store version
    (:func:`kg.diskcache.json_cache`).

    A cold explorer process then reads the home page's figures instead of scanning every triple
    of a national store again (seconds on disk); a new store generation has a new version, so
    the file cannot go stale. In-memory and remote stores, and read-only folders, simply compute.

    >>> store = _demo_store()
    >>> cached_on_disk(store, "demo", lambda: {"n": 1})
    {'n': 1}
    """
    return diskcache.json_cache(name).get(store, compute)


def counts_by_kind(store) -> dict[str, int]:
    """Local class name → number of distinct instances, outside the ontology graph.

    Only the classes of :data:`COUNTED_CLASSES` that have instances, in that order.

    >>> counts_by_kind(_demo_store())
    {'LocalCommittee': 1, 'Organisation': 1, 'Membership': 1}
    """
    # one count per class: the store answers each from its type index, without decoding every
    # class IRI of the store (4× faster on the national store than one grouped query)
    found = {}
    for name in COUNTED_CLASSES:
        rows = store.select(f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          GRAPH ?g {{ ?s a <{ANC[name]}> }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}""").rows
        found[name] = int(rows[0][0]) if rows and rows[0][0] is not None else 0
    return {name: n for name, n in found.items() if n}


@dataclass(frozen=True)
class SourceInfo:
    """One loaded source (named graph) and its provenance."""

    graph: str
    id: str
    title: str
    loaded_at: str | None = None
    licence: str | None = None
    version: str | None = None
    publisher: str | None = None
    description: str | None = None
    path: str | None = None
    url: str | None = None
    records: int | None = None
    rejected: int | None = None
    triples: int | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


SOURCES_QUERY = """
SELECT ?g ?id ?title ?at ?licence ?version ?publisher ?description ?path ?url ?records ?rejected WHERE {
  GRAPH ?g { ?g a anc:Dataset .
    OPTIONAL { ?g anc:sourceId ?id } OPTIONAL { ?g dct:title ?title }
    OPTIONAL { ?g prov:generatedAtTime ?at } OPTIONAL { ?g dct:license ?licence }
    OPTIONAL { ?g dct:hasVersion ?version } OPTIONAL { ?g dct:publisher ?publisher }
    OPTIONAL { ?g dct:description ?description } OPTIONAL { ?g prov:wasDerivedFrom ?path }
    OPTIONAL { ?g dct:source ?url } OPTIONAL { ?g anc:recordCount ?records }
    OPTIONAL { ?g anc:rejectedCount ?rejected }
  }
} ORDER BY ?id"""


def sources(store, with_sizes: bool = True) -> list[SourceInfo]:
    """Every loaded source with its date, licence, version, file and counts.

    >>> [(s.id, s.title) for s in sources(_demo_store())]
    [('demo', 'Demo')]
    """
    sizes: dict[str, int] = {}
    if with_sizes:
        for g, n in store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows:
            sizes[g] = int(n)
    out: dict[str, SourceInfo] = {}
    for g, sid, title, at, licence, version, publisher, desc, path, url, records, rejected in \
            store.select(SOURCES_QUERY).rows:
        if g in out:
            continue
        out[g] = SourceInfo(graph=g, id=str(sid or local_name(g)), title=str(title or sid or g),
                            loaded_at=str(at) if at else None, licence=licence, version=version,
                            publisher=publisher, description=desc, path=path, url=url,
                            records=int(records) if records is not None else None,
                            rejected=int(rejected) if rejected is not None else None,
                            triples=sizes.get(g))
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# territories
# ---------------------------------------------------------------------------------------------

@dataclass
class TerritoryIndex:
    """Territories of the store and their nesting (``geo:sfWithin``), for drill-down and filters.

    ``level`` holds the level *code* (``region``, ``departement``…), ``code`` the INSEE code.
    """

    level: dict[str, str] = field(default_factory=dict)
    code: dict[str, str] = field(default_factory=dict)
    parents: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    children: dict[str, set] = field(default_factory=lambda: defaultdict(set))

    def ancestors(self, iri: str) -> set[str]:
        """Every territory containing ``iri`` (transitively), not ``iri`` itself (:func:`kg.read.paths.closure`)."""
        return closure([iri], self.parents) - {iri}

    def descendants(self, iri: str) -> set[str]:
        """Every territory inside ``iri`` (transitively), not ``iri`` itself."""
        return closure([iri], self.children) - {iri}

    def at_level(self, level: str, within: str | None = None) -> list[str]:
        """Territories of one level (inside ``within`` if given), sorted by INSEE code."""
        pool = self.descendants(within) if within else self.level.keys()
        return sorted((t for t in pool if self.level.get(t) == level), key=lambda t: (self.code.get(t) or "", t))

    def by_code(self, level: str, code: str) -> str | None:
        for t, c in self.code.items():
            if c == code and self.level.get(t) == level:
                return t
        return None

    def departement_of(self, iri: str) -> list[str]:
        """The département(s) a territory is or lies in (none for a région or France)."""
        if self.level.get(iri) == "departement":
            return [iri]
        return sorted(t for t in self.ancestors(iri) if self.level.get(t) == "departement")

    def covers(self, area: str, iri: str) -> bool:
        """Whether territory ``iri`` is ``area`` or lies inside it."""
        return iri == area or area in self.ancestors(iri)


def territory_index(store) -> TerritoryIndex:
    """All territories with their level, INSEE code and nesting (``geo:sfWithin``).

    A project territory's parts (``anc:madeOf``) are listed as its children. Three simple
    queries rather than one with optional parts: on the national graph this is twice as fast.

    >>> idx = territory_index(_demo_store())
    >>> idx.at_level("departement", within="https://w3id.org/ancrage/id/territory/region/32")
    ['https://w3id.org/ancrage/id/territory/departement/59']
    """
    idx = TerritoryIndex()
    for t, level in store.select("SELECT ?t ?level WHERE { ?t anc:level ?level }").rows:
        idx.level[t] = code_of(level)
    for t, code in store.select("SELECT ?t ?code WHERE { ?t anc:inseeCode ?code }").rows:
        idx.code[t] = str(code)
    for (t,) in store.select("SELECT ?t WHERE { ?t a anc:ProjectTerritory }").rows:
        idx.level.setdefault(t, "territoire-projet")
    for t, parent in store.select("SELECT ?t ?p WHERE { ?t geo:sfWithin ?p }").rows:
        if parent != t:
            idx.parents[t].add(parent)
            idx.children[parent].add(t)
    for t, part in store.select("SELECT ?t ?part WHERE { ?t anc:madeOf ?part }").rows:
        idx.children[t].add(part)
    return idx


# ---------------------------------------------------------------------------------------------
# committees
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CommitteeInfo:
    iri: str
    label: str
    territories: tuple[str, ...]
    territory_labels: tuple[str, ...]
    levels: tuple[str, ...]
    members: int
    accompanied_by: tuple[str, ...]
    departements: tuple[str, ...]  # INSEE codes of the départements it covers (empty for a région-wide one)
    regions: tuple[str, ...]

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def committees(store, lang: str = "fr", names: dict | None = None,
               index: TerritoryIndex | None = None, at: dt.date | None = None) -> list[CommitteeInfo]:
    """Every local committee with its territory, member count at ``at`` (today) and who accompanies it, by label.

    >>> c = committees(_demo_store())[0]
    >>> c.label, c.territory_labels, c.members, c.departements, c.regions
    ('Comité du Nord', ('Nord',), 1, ('59',), ('32',))
    """
    names = labels(store, lang) if names is None else names
    index = territory_index(store) if index is None else index
    terr: dict[str, set] = defaultdict(set)
    for c, t in store.select("SELECT ?c ?t WHERE { ?c a anc:LocalCommittee OPTIONAL { ?c anc:territory ?t } }").rows:
        terr[c]
        if t:
            terr[c].add(t)
    members = {c: len(ms) for c, ms in read_committee_members(store, at or dt.date.today()).items()}
    accomp: dict[str, set] = defaultdict(set)
    for a, c in store.select("SELECT ?a ?c WHERE { ?c a anc:LocalCommittee . ?a anc:accompanies ?c }").rows:
        accomp[c].add(a)
    out = []
    for c, ts in terr.items():
        ts_sorted = tuple(sorted(ts))
        deps: set[str] = set()
        regs: set[str] = set()
        for t in ts_sorted:
            level = index.level.get(t)
            if level == "region":
                regs.add(index.code.get(t, ""))
                continue
            for d in index.departement_of(t):
                deps.add(index.code.get(d, ""))
            for d in [t] + sorted(index.ancestors(t)):
                if index.level.get(d) == "region":
                    regs.add(index.code.get(d, ""))
        out.append(CommitteeInfo(
            iri=c, label=label_of(c, names), territories=ts_sorted,
            territory_labels=tuple(label_of(t, names) for t in ts_sorted),
            levels=tuple(index.level.get(t, "") for t in ts_sorted),
            members=int(members.get(c, 0)), accompanied_by=tuple(sorted(accomp.get(c, ()))),
            departements=tuple(sorted(d for d in deps if d)), regions=tuple(sorted(r for r in regs if r))))
    return sorted(out, key=lambda x: (x.label.lower(), x.iri))


def committee_members(store, committee: str, lang: str = "fr", names: dict | None = None,
                      at: dt.date | None = None) -> list[dict]:
    """The members of a committee at ``at`` (today): member, categories, role(s), start and end
    dates. Who is a member at a date is :func:`kg.read.membership.members_at`'s rule, the one the
    composition check counts.

    >>> [m["label"] for m in committee_members(_demo_store(), "https://w3id.org/ancrage/id/committee/nord")]
    ['CAF du Nord']
    """
    names = labels(store, lang) if names is None else names
    current, _former = members_at(store, committee, at or dt.date.today())
    categories: dict[str, set] = defaultdict(set)
    if current:
        values = " ".join(nt_iri(m) for m in sorted(current))
        for m, cat in store.select(f"SELECT ?m ?cat WHERE {{ VALUES ?m {{ {values} }} ?m anc:category ?cat }}").rows:
            categories[m].add(cat)
    merged: dict[str, dict] = {}
    for m, rows in current.items():
        d = merged.setdefault(m, {"iri": m, "label": label_of(m, names), "roles": set(),
                                  "categories": {label_of(c, names) for c in categories.get(m, ())},
                                  "start": None, "end": None})
        for row in rows:
            if row.role:
                d["roles"].add(label_of(row.role, names))
            d["start"] = _min_date(d["start"], row.start)
            d["end"] = _max_date(d["end"], row.end)
    from ..gaps.facts import institutions_of

    tops = institutions_of(store, sorted(merged)) if merged else {}
    out = []
    for d in merged.values():
        inst = tops.get(d["iri"], d["iri"])
        out.append({**d, "roles": ", ".join(sorted(d["roles"])), "categories": ", ".join(sorted(d["categories"])),
                    "institution": inst, "institution_label": label_of(inst, names)})
    # grouped by institution (the top of the org:subOrganizationOf chain), as rule R6 counts seats
    return sorted(out, key=lambda d: (d["institution_label"].lower(), d["institution"], d["iri"] != d["institution"],
                                      d["label"].lower(), d["iri"]))


def _min_date(a, b):
    return b if a is None else a if b is None else min(a, b, key=str)


def _max_date(a, b):
    return b if a is None else a if b is None else max(a, b, key=str)


# ---------------------------------------------------------------------------------------------
# relations: dates and information flows
# ---------------------------------------------------------------------------------------------

def relation_dates(store) -> dict[str, tuple]:
    """Relation node IRI → (start, end) dates (``datetime.date`` or ``None``), by the one rule of
    :func:`kg.read.membership.relation_dates`; undated relations are absent."""
    return {r: (d.start, d.end) for r, d in read_relation_dates(store).items() if d.start or d.end}


def relation_details(store) -> dict[str, dict]:
    """Relation node IRI → ``{"start", "end", "graphs", "status"}``: its dates (as
    :func:`relation_dates`), the named graphs (sources) stating it, its ``anc:statementStatus``
    (``None``: observed). Only relation nodes of the actor network (memberships, partnerships,
    flows) are listed."""
    out: dict[str, dict] = {}
    for r, (start, end) in relation_dates(store).items():
        out.setdefault(r, {})
        out[r].update(start=start, end=end)
    rows = store.select("SELECT DISTINCT ?r ?g WHERE { GRAPH ?g { ?r a ?t . "
                        "VALUES ?t { anc:Membership anc:Partnership anc:InformationFlow } } }").rows
    for r, g in rows:
        out.setdefault(r, {}).setdefault("graphs", []).append(g)
    for r, status in store.select("SELECT ?r ?s WHERE { ?r anc:statementStatus ?s }").rows:
        out.setdefault(r, {})["status"] = str(status)
    for d in out.values():
        d["graphs"] = sorted(d.get("graphs", []))
    return out


def active_at(dates: tuple | None, at: dt.date) -> bool:
    """Whether a relation with ``(start, end)`` dates holds on ``at`` (no dates: it holds), by
    :func:`kg.read.membership.holds_at`.

    >>> active_at((dt.date(2018, 9, 21), None), dt.date(2018, 1, 1))
    False
    >>> active_at(None, dt.date(2018, 1, 1))
    True
    """
    return not dates or holds_at(dates[0], dates[1], at)


def flows(store) -> list[dict]:
    """Information flows: from, to, direction code, what they carry (IRIs)."""
    rows = store.select("""SELECT ?f ?a ?b ?dir ?what WHERE {
        ?f a anc:InformationFlow ; anc:flowFrom ?a ; anc:flowTo ?b .
        OPTIONAL { ?f anc:direction ?dir } OPTIONAL { ?f anc:carries ?what } }""").rows
    merged: dict[str, dict] = {}
    for f, a, b, direction, what in rows:
        d = merged.setdefault(f, {"iri": f, "from": a, "to": b, "direction": code_of(direction), "carries": set()})
        if what:
            d["carries"].add(what)
    return [{**d, "carries": sorted(d["carries"])} for d in sorted(merged.values(), key=lambda d: d["iri"])]


# ---------------------------------------------------------------------------------------------
# the actor card
# ---------------------------------------------------------------------------------------------

def actor_card(store, iri: str, lang: str = "fr", names: dict | None = None) -> dict:
    """What the explorer shows about one actor: kind, categories, territories, worlds,
    memberships (both ways), partners, flows, and the sources it comes from.

    Values are labels (strings) except ``iri`` keys; lists are sorted.

    >>> card = actor_card(_demo_store(), "https://w3id.org/ancrage/id/actor/caf59")
    >>> card["label"], card["territories"], [m["label"] for m in card["memberships"]]
    ('CAF du Nord', ['Nord'], ['Comité du Nord'])
    """
    names = labels(store, lang) if names is None else names
    ref = nt_iri(iri)
    props: dict[str, list] = defaultdict(list)
    for p, o, tag in store.select(f"SELECT ?p ?o (LANG(?o) AS ?lang) WHERE {{ {ref} ?p ?o }}").rows:
        props[p].append((o, tag or ""))

    def iris(prop) -> list[str]:
        return sorted({str(o) for o, _ in props.get(str(prop), [])})

    kinds = [local_name(t) for t in iris("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")]
    text = lambda prop: pick([(str(o), t) for o, t in props.get(prop, [])], lang)  # noqa: E731
    def status_label(value) -> str:  # a relation without status states an observed fact
        return label_of(str(value or OBSERVED), names)

    memberships = []
    for ms, member, org, role, start, end, st in store.select(f"""
        SELECT ?ms ?member ?org ?role ?start ?end ?st WHERE {{
          ?ms a anc:Membership ; org:member ?member ; org:organization ?org .
          FILTER(?member = {ref} || ?org = {ref})
          OPTIONAL {{ ?ms org:role ?role }} OPTIONAL {{ ?ms schema:startDate ?start }}
          OPTIONAL {{ ?ms schema:endDate ?end }} OPTIONAL {{ ?ms anc:statementStatus ?st }} }}""").rows:
        other = org if member == iri else member
        memberships.append({"relation": ms, "iri": other, "label": label_of(other, names),
                            "direction": "member-of" if member == iri else "has-member",
                            "role": label_of(role, names) if role else "",
                            "start": start, "end": end, "status": status_label(st)})
    partners: dict[str, dict] = {}
    for p, other, nature, st in store.select(f"""
        SELECT ?p ?other ?nature ?st WHERE {{
          ?p a anc:Partnership ; anc:participant {ref}, ?other . FILTER(?other != {ref})
          OPTIONAL {{ ?p anc:nature ?nature }} OPTIONAL {{ ?p anc:statementStatus ?st }} }}""").rows:
        d = partners.setdefault(other, {"iri": other, "label": label_of(other, names), "natures": set(),
                                        "statuses": set()})
        if nature:
            d["natures"].add(label_of(nature, names))
        d["statuses"].add(status_label(st))
    flow_rows = []
    for f, a, b, direction, st in store.select(f"""
        SELECT ?f ?a ?b ?dir ?st WHERE {{ ?f a anc:InformationFlow ; anc:flowFrom ?a ; anc:flowTo ?b .
          FILTER(?a = {ref} || ?b = {ref}) OPTIONAL {{ ?f anc:direction ?dir }}
          OPTIONAL {{ ?f anc:statementStatus ?st }} }}""").rows:
        flow_rows.append({"relation": f, "from": label_of(a, names), "to": label_of(b, names),
                          "direction": label_of(direction, names) if direction else "", "status": status_label(st)})
    found: dict[str, dict] = {}
    for s, num, title, tag in store.select(f"""
        SELECT DISTINCT ?s ?num ?title (LANG(?title) AS ?lang) WHERE {{ {ref} dct:source ?s .
          OPTIONAL {{ ?s anc:sectionNumber ?num }} OPTIONAL {{ ?s dct:title ?title }} }}""").rows:
        d = found.setdefault(s, {"iri": s, "number": str(num) if num is not None else "", "titles": []})
        if title:
            d["titles"].append((str(title), tag or ""))
    sections = [{"iri": d["iri"], "number": d["number"], "title": pick(d["titles"], lang) or label_of(d["iri"], names)}
                for d in found.values()]
    graphs = [g for (g,) in store.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {ref} ?p ?o }} }}").rows]
    status = (iris(ANC.statementStatus) or [str(OBSERVED)])[0]
    accompanies = [{"iri": x, "label": label_of(x, names)} for x in iris(ANC.accompanies)]
    accompanied_by = [{"iri": str(x), "label": label_of(str(x), names)} for (x,) in store.select(
        f"SELECT DISTINCT ?x WHERE {{ ?x anc:accompanies {ref} }}").rows]
    return {
        "iri": iri,
        "label": label_of(iri, names),
        "alt_labels": sorted({str(o) for o, _ in props.get("http://www.w3.org/2004/02/skos/core#altLabel", [])}),
        "kinds": kinds,
        "categories": sorted(label_of(c, names) for c in iris(ANC.category)),
        "territories": sorted({label_of(t, names) for t in iris(ANC.locatedIn) + iris(ANC.territory)}),
        "worlds": sorted(label_of(w, names) for w in iris(ANC.world)),
        "scales": sorted(label_of(w, names) for w in iris(ANC.interventionScale)),
        "note": text(str(ANC.note)),
        # what the graph knows of the actor's existence: attested, derived or presumed, and why
        "status": next((label_of(c, names) for c in iris(ANC.status)), ""),
        "status_code": next((c.rsplit("/", 1)[-1] for c in iris(ANC.status)), ""),
        "status_basis": text(str(ANC.statusBasis)) or "",
        "identifiers": [(name, value) for name in ("siren", "siret", "finess", "rna")
                        for value in sorted({str(o) for o, _ in props.get(str(ANC[name]), [])})],
        "description": text("http://purl.org/dc/terms/description"),
        "url": (iris("https://schema.org/url") + iris("http://xmlns.com/foaf/0.1/homepage") or [None])[0],
        "memberships": sorted(memberships, key=lambda d: (d["direction"], d["label"].lower(), d["relation"])),
        "partners": [{**d, "natures": ", ".join(sorted(d["natures"])), "statuses": ", ".join(sorted(d["statuses"]))}
                     for d in sorted(partners.values(), key=lambda d: (d["label"].lower(), d["iri"]))],
        "flows": sorted(flow_rows, key=lambda d: d["relation"]),
        "sections": sorted(sections, key=lambda d: (_section_key(d["number"]), d["iri"])),
        "passages": statement_passages(store, iri),
        "statement_status": label_of(status, names),
        "observed": status == str(OBSERVED),
        "said_by": sorted(label_of(w, names) for w in iris(PROV_ATTRIBUTED)),
        "graphs": sorted(graphs),
        "accompanies": sorted(accompanies, key=lambda d: (d["label"].lower(), d["iri"])),
        "accompanied_by": sorted(accompanied_by, key=lambda d: (d["label"].lower(), d["iri"])),
    }


PROV_ATTRIBUTED = "http://www.w3.org/ns/prov#wasAttributedTo"


def statement_passages(store, iri: str) -> list[dict]:
    """The passages a statement cites (``anc:passage``): lines, section number and exact text,
    in document order."""
    rows = store.select(f"""SELECT DISTINCT ?p ?start ?end ?quote ?num WHERE {{ {nt_iri(iri)} anc:passage ?p .
        ?p anc:startLine ?start ; anc:endLine ?end ; anc:quote ?quote .
        OPTIONAL {{ ?p dct:isPartOf ?sec . ?sec anc:sectionNumber ?num }} }}""").rows
    out = [{"iri": p, "start": int(a), "end": int(b), "lines": line_span(a, b), "number": str(num or ""),
            "quote": str(q)} for p, a, b, q, num in rows]
    return sorted(out, key=lambda d: (d["start"], d["end"]))


def line_span(start, end) -> str:
    """``"660"`` or ``"881-906"``: the lines of a passage as the explorer shows them.

    >>> line_span(881, 906), line_span(660, 660)
    ('881-906', '660')
    """
    return str(int(start)) if int(start) == int(end) else f"{int(start)}-{int(end)}"


def passages(store, lang: str = "fr", names: dict | None = None) -> list[dict]:
    """Every passage of the source document the graph cites: its lines, section, exact text, the
    statements that cite it and their status (observed fact, expectation…)."""
    names = labels(store, lang) if names is None else names
    rows = store.select("""SELECT ?p ?start ?end ?quote ?num ?st ?status WHERE {
        ?p a anc:SourcePassage ; anc:startLine ?start ; anc:endLine ?end ; anc:quote ?quote .
        OPTIONAL { ?p dct:isPartOf ?sec . ?sec anc:sectionNumber ?num }
        OPTIONAL { ?st anc:passage ?p OPTIONAL { ?st anc:statementStatus ?status } } }""").rows
    merged: dict[str, dict] = {}
    for p, a, b, quote, num, statement, status in rows:
        d = merged.setdefault(p, {"iri": p, "start": int(a), "end": int(b), "lines": line_span(a, b),
                                  "section": str(num or ""), "quote": str(quote), "cited_by": set(),
                                  "statuses": set()})
        if statement:
            d["cited_by"].add(label_of(statement, names))
            d["statuses"].add(label_of(status or str(OBSERVED), names))
    return [{**d, "cited_by": ", ".join(sorted(d["cited_by"])), "statuses": ", ".join(sorted(d["statuses"]))}
            for d in sorted(merged.values(), key=lambda d: (d["start"], d["end"]))]


def _section_key(number: str):
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.-]", number or "0"))


# ---------------------------------------------------------------------------------------------
# the ontology: classes, concept schemes, rules
# ---------------------------------------------------------------------------------------------

def ontology_terms(store, lang: str = "fr") -> list[dict]:
    """Classes and properties of the ``anc:`` ontology with label, kind and definition."""
    names, defs = labels(store, lang), definitions(store, lang)
    rows = store.select(f"""SELECT DISTINCT ?t ?k WHERE {{
        ?t a ?k . VALUES ?k {{ owl:Class owl:ObjectProperty owl:DatatypeProperty rdfs:Class rdf:Property }}
        FILTER(STRSTARTS(STR(?t), "{ANC}")) }}""").rows
    kinds: dict[str, str] = {}
    for t, k in rows:
        kind = "class" if local_name(k) in ("Class",) else "property"
        kinds[t] = kinds.get(t) if kinds.get(t) == "class" else kind
    return sorted(({"iri": t, "term": "anc:" + local_name(t), "kind": k, "label": label_of(t, names),
                    "definition": defs.get(t, "")} for t, k in kinds.items()),
                  key=lambda d: (d["kind"], d["term"].lower()))


def concept_schemes(store, lang: str = "fr") -> list[dict]:
    """SKOS concept schemes with their concepts (code, label, definition, broader), in code order
    of :data:`kg.namespaces.SCHEMES` where known."""
    from ..namespaces import SCHEMES

    names, defs = labels(store, lang), definitions(store, lang)
    rows = store.select("""SELECT ?s ?c ?notation ?broader WHERE {
        ?c skos:inScheme ?s . OPTIONAL { ?c skos:notation ?notation } OPTIONAL { ?c skos:broader ?broader } }""").rows
    schemes: dict[str, dict] = {}
    for s, c, notation, broader in rows:
        d = schemes.setdefault(s, {"iri": s, "id": local_name(s), "label": label_of(s, names),
                                   "definition": defs.get(s, ""), "concepts": {}})
        d["concepts"].setdefault(c, {"iri": c, "code": str(notation or local_name(c)), "label": label_of(c, names),
                                     "definition": defs.get(c, ""),
                                     "broader": label_of(broader, names) if broader else ""})
    order = list(SCHEMES)
    out = []
    for s in sorted(schemes.values(), key=lambda d: (order.index(d["id"]) if d["id"] in order else 99, d["id"])):
        codes = SCHEMES.get(s["id"], [])
        concepts = sorted(s["concepts"].values(),
                          key=lambda c: (codes.index(c["code"]) if c["code"] in codes else 999, _natural(c["code"])))
        out.append({**s, "concepts": concepts})
    return out


def _natural(code: str):
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", code) if p)


def rules(store, lang: str = "fr") -> list[dict]:
    """The composition rules R1–R12 with label, definition and source section(s)."""
    names, defs = labels(store, lang), definitions(store, lang)
    rows = store.select("""SELECT ?r ?n ?sec ?num WHERE { ?r a anc:CompositionRule .
        OPTIONAL { ?r skos:notation ?n } OPTIONAL { ?r dct:source ?sec OPTIONAL { ?sec anc:sectionNumber ?num } } }""").rows
    merged: dict[str, dict] = {}
    for r, n, sec, num in rows:
        d = merged.setdefault(r, {"iri": r, "id": str(n or local_name(r)), "label": label_of(r, names),
                                  "definition": defs.get(r, ""), "sections": set()})
        if sec:
            d["sections"].add(str(num) if num is not None else code_of(sec))
    return [{**d, "sections": ", ".join(sorted(d["sections"], key=_section_key))}
            for d in sorted(merged.values(), key=lambda d: _natural(d["id"]))]
