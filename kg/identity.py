"""One identity per institution: rows that look like an actor the graph already knows, known
duplicates in the store, and merges written as a source of their own.

An actor is taken for a known one, in this order:

1. **the same official identifier**: SIREN, SIRET (its first 9 digits are the SIREN), FINESS,
   or the INSEE code (SIREN for an EPCI) of the territory a territorial authority governs;
2. **the same name or acronym, on the same or a nested territory, in the same category family**:
   names compare without accents, case, hyphens or a plural ``s`` (:func:`kg.text.name_key`); an acronym
   alone ("CAF") only on the very same territory, since every département has one.

A match is never applied silently: the import reports it (a warning naming the known actor's
id and name) and the user confirms it with the template column ``meme_que`` / ``same_as`` (or
by using the known id). Confirmed identities are ``owl:sameAs`` triples; merges made in the
explorer go to their own named graph (:data:`MERGES_SOURCE_ID`), never into another source.

>>> sorted(official_keys(siret="130 005 481 00010"))
['siren:130005481', 'siret:13000548100010']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .namespaces import ANC, BASE, graph_iri
from .ntriples import is_iri, nt_iri
from .read.labels import pick
from .text import name_key

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
PREF, ALT = "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel"
#: Official identifiers, in the order they are tried (properties of the directory loaders).
ID_PROPERTIES = {"siren": str(ANC.siren), "siret": str(ANC.siret), "finess": str(ANC.finess)}
#: The named graph of the merges confirmed in the explorer.
MERGES_SOURCE_ID = "identites"
UNIT_PATH = "(<http://www.w3.org/ns/org#subOrganizationOf>|<http://www.w3.org/ns/org#unitOf>|" \
            "^<http://www.w3.org/ns/org#hasUnit>)"
_DIGITS = re.compile(r"\D")


def official_keys(siret: str | None = None, finess: str | None = None, siren: str | None = None,
                  rna: str | None = None) -> set[str]:
    """``{"siren:…", "siret:…", "finess:…"}`` for the identifiers given (a SIRET gives its SIREN too)."""
    out = set()
    for value in (siret, siren):
        digits = _DIGITS.sub("", value or "")
        if len(digits) == 14:
            out |= {f"siret:{digits}", f"siren:{digits[:9]}"}
        elif len(digits) == 9:
            out.add(f"siren:{digits}")
    if finess and finess.strip():
        out.add(f"finess:{finess.strip().upper().replace(' ', '')}")
    return out


@dataclass(frozen=True)
class Candidate:
    """What a row says of an actor, for the comparison with the graph."""

    iri: str
    name: str
    acronym: str | None = None
    families: frozenset = frozenset()
    territory: str | None = None
    ids: frozenset = frozenset()


@dataclass(frozen=True)
class Match:
    """A known actor a row looks like, and why (``official-id`` or ``name``)."""

    iri: str  # the row's actor
    known: str  # the known actor's IRI
    known_label: str
    reason: str  # official-id | name | acronym
    detail: str  # the identifier or the name that matched

    @property
    def known_id(self) -> str:
        """The id to write in ``meme_que`` (the last segment of an imported actor's IRI, else the IRI)."""
        prefix = f"{BASE}id/actor/"
        tail = self.known[len(prefix):] if self.known.startswith(prefix) else ""
        return tail if tail and "/" not in tail else self.known


def families_of(categories: Iterable[str]) -> frozenset:
    from .gaps.vocab import family

    return frozenset(family(c) for c in categories)


def _vals(iris: Iterable[str]) -> str:
    return " ".join(nt_iri(i) for i in iris if is_iri(i))


def nested_territories(store, territory: str) -> tuple[set[str], set[str]]:
    """``(same-or-below, above)`` of a territory (``geo:sfWithin`` both ways)."""
    if not territory:
        return set(), set()
    below = {territory} | {r[0] for r in store.select(
        f"SELECT DISTINCT ?t WHERE {{ ?t <http://www.opengis.net/ont/geosparql#sfWithin>+ <{territory}> }}").rows}
    above = {r[0] for r in store.select(
        f"SELECT DISTINCT ?t WHERE {{ <{territory}> <http://www.opengis.net/ont/geosparql#sfWithin>+ ?t }}").rows}
    return below, above


def find_known(store, rows: list[Candidate], skip_graph: str | None = None) -> list[Match]:
    """The known actors each row looks like: by official identifier first; a row with none of
    those is compared by name, per territory, with the actors placed on a nested territory: read
    from the store's read model (:func:`kg.read.lookups.read_model`), by SPARQL for a store
    without one. Both answer the same (``tests/read/test_identity_model.py``)."""
    if store is None or not rows:
        return []
    from .read.lookups import read_model

    skip = f"FILTER(?g != <{skip_graph}>)" if skip_graph else ""
    by_id = _by_official_id(store, rows, skip)
    out = [m for r in rows for m in by_id.get(r.iri, [])]
    by_territory: dict[str, list[Candidate]] = {}
    for r in rows:
        if r.iri not in by_id and r.territory:
            by_territory.setdefault(r.territory, []).append(r)
    if not by_territory:
        return out
    model = read_model(store)
    skipped = _skipped_places(store, skip_graph) if model is not None else set()
    for territory, group in sorted(by_territory.items()):
        if model is None:
            below, above = nested_territories(store, territory)
            known = _known_by_sparql(store, below | above, skip)
        else:
            below, above = model.nesting(territory)
            known = _known_from_model(model, {territory} | below | above, skipped)
        out += _by_name(group, known)
    return out


def _by_official_id(store, rows: list[Candidate], skip: str) -> dict[str, list[Match]]:
    wanted: dict[str, list[Candidate]] = {}
    for r in rows:
        for k in r.ids:
            wanted.setdefault(k, []).append(r)
    found: dict[str, list[Match]] = {}
    for kind, prop in ID_PROPERTIES.items():
        values = sorted(k.split(":", 1)[1] for k in wanted if k.startswith(kind + ":"))
        for i in range(0, len(values), 500):
            literals = " ".join(f'"{v}"' for v in values[i:i + 500] if v.isalnum())
            hits = store.select(
                f"SELECT DISTINCT ?a ?v ?l WHERE {{ VALUES ?v {{ {literals} }} GRAPH ?g {{ ?a <{prop}> ?v }} {skip} "
                f"OPTIONAL {{ ?a <{PREF}> ?l }} }} ORDER BY ?a").rows
            if kind == "siren":  # an EPCI's SIREN is its territory's INSEE code: its council is the actor
                hits += store.select(
                    f"SELECT DISTINCT ?a ?v ?l WHERE {{ VALUES ?v {{ {literals} }} ?t <{ANC.inseeCode}> ?v . "
                    f"?a <{ANC.locatedIn}> ?t ; <{ANC.category}> <{BASE}concept/category/collectivite-epci> . "
                    f"OPTIONAL {{ ?a <{PREF}> ?l }} }} ORDER BY ?a").rows
            for a, v, label in hits:
                for r in wanted.get(f"{kind}:{v}", []):
                    ms = found.setdefault(r.iri, [])
                    if a != r.iri and all(m.known != a for m in ms):
                        ms.append(Match(r.iri, a, str(label or a), "official-id", f"{kind}:{v}"))
    return {k: v for k, v in found.items() if v}


def _known_entry(known: dict, actor: str) -> dict:
    return known.setdefault(actor, {"labels": set(), "cats": set(), "prefs": set()})


def _add_label(entry: dict, prop: str, text: str, lang: str, territory: str, keys: dict | None = None) -> None:
    key = keys.get(text) if keys is not None else None
    if key is None:
        key = name_key(text)
        if keys is not None:
            keys[text] = key
    entry["labels"].add((prop, key, territory))
    if prop == PREF:
        entry["prefs"].add((text, lang or ""))


def _known_by_sparql(store, territories: set[str], skip: str) -> dict[str, dict]:
    """The actors located (outside the skipped graph) on ``territories``, with their name keys
    and categories, by SPARQL."""
    territories = sorted(territories)
    known: dict[str, dict] = {}
    for i in range(0, len(territories), 800):
        for a, p, label, lang, t, c in store.select(
                f"SELECT ?a ?p ?l (LANG(?l) AS ?lang) ?t ?c WHERE {{ VALUES ?t {{ {_vals(territories[i:i + 800])} }} "
                f"GRAPH ?g {{ ?a <{ANC.locatedIn}> ?t }} {skip} FILTER(isIRI(?a)) VALUES ?p {{ <{PREF}> <{ALT}> }} "
                f"?a ?p ?l . OPTIONAL {{ ?a <{ANC.category}> ?c }} }}").rows:
            entry = _known_entry(known, a)
            _add_label(entry, str(p), str(label), lang, t)
            if c:
                entry["cats"].add(str(c))
    return known


def _skipped_places(store, skip_graph: str | None) -> set[tuple[str, str]]:
    """``(actor, territory)`` of the ``anc:locatedIn`` stated in ``skip_graph`` (the file being
    imported again)."""
    if not skip_graph:
        return set()
    return {(a, t) for a, t in store.select(
        f"SELECT ?a ?t WHERE {{ GRAPH {nt_iri(skip_graph)} {{ ?a <{ANC.locatedIn}> ?t }} }}").rows}


def _known_from_model(model, territories: set[str], skipped: set[tuple[str, str]]) -> dict[str, dict]:
    """:func:`_known_by_sparql` answered from the read model: a place stated only in the skipped
    graph does not count."""
    by_territory, _, _ = model.placed()
    places: dict[str, list[str]] = {}
    for t in sorted(territories):
        if not is_iri(t) or t not in by_territory:
            continue
        for a in by_territory[t]:
            if (a, t) in skipped and model.located_count(a, t) <= 1:
                continue
            places.setdefault(a, []).append(t)
    keys = model.memo("identity_name_keys", dict)
    known: dict[str, dict] = {}
    for a, (labels, cats) in model.names_of(sorted(places)).items():
        entry = _known_entry(known, a)
        entry["cats"] |= cats
        for t in places[a]:
            for prop, text, lang in labels:
                _add_label(entry, prop, text, lang, t, keys)
    return known


def _by_name(rows: list[Candidate], known: dict[str, dict]) -> list[Match]:
    """The known actors (:func:`_known_by_sparql`) each row names, or names by its acronym on the
    very same territory, in a category family of the row's."""
    by_key: dict[str, set[str]] = {}
    for a, entry in known.items():
        for _p, k, _t in entry["labels"]:
            by_key.setdefault(k, set()).add(a)
    out = []
    for row in rows:
        wanted = name_key(row.name)
        acronym = name_key(row.acronym) if row.acronym else None
        for a in sorted(by_key.get(wanted, set()) | (by_key.get(acronym, set()) if acronym else set())):
            entry = known[a]
            cats = {c.rsplit("/", 1)[-1] for c in entry["cats"]}
            if a == row.iri or (row.families and cats and not families_of(cats) & row.families):
                continue
            pref = pick(sorted(entry["prefs"]), "fr") or a
            for _p, k, t in sorted(entry["labels"]):
                if k == wanted:
                    out.append(Match(row.iri, a, pref, "name", row.name))
                    break
                if acronym and k == acronym and t == row.territory:
                    out.append(Match(row.iri, a, pref, "acronym", row.acronym))
                    break
    return out


def candidates_of(lines) -> list[Candidate]:
    """The actors an N-Triples source describes, as :class:`Candidate` rows (for a directory load)."""
    props: dict[str, dict[str, list[str]]] = {}
    pat = re.compile(r'^<([^>]+)> <([^>]+)> (?:<([^>]+)>|"((?:[^"\\]|\\.)*)"(?:@[\w-]+|\^\^<[^>]+>)?) \.$')
    wanted = {PREF, ALT, str(ANC.category), str(ANC.locatedIn), *ID_PROPERTIES.values(),
              "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}
    for line in lines:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
        for one in text.splitlines():
            m = pat.match(one.strip())
            if m and m.group(2) in wanted:
                props.setdefault(m.group(1), {}).setdefault(m.group(2), []).append(m.group(3) or m.group(4))
    out = []
    for a, p in sorted(props.items()):
        if PREF not in p or str(ANC.locatedIn) not in p:
            continue
        cats = [c.rsplit("/", 1)[-1] for c in p.get(str(ANC.category), [])]
        ids = set()
        for kind, prop in ID_PROPERTIES.items():
            for v in p.get(prop, []):
                ids |= official_keys(**{kind: v})
        out.append(Candidate(a, p[PREF][0], (p.get(ALT) or [None])[0], families_of(cats),
                             p[str(ANC.locatedIn)][0], frozenset(ids)))
    return out


def known_matches_of(store, source) -> list[Match]:
    """The actors of a source (a directory file) that look like actors already in the store,
    outside the source's own named graph."""
    return find_known(store, candidates_of(source.lines()), str(graph_iri(source.id)))


# ---------------------------------------------------------------------------------------------
# Known duplicates in the store, and merges
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Duplicate:
    """Two actors of the store that look like one institution, not yet declared the same."""

    a: str
    a_label: str
    b: str
    b_label: str
    reason: str  # official-id | name
    detail: str

    def to_dict(self) -> dict:
        return {"a": self.a, "a_label": self.a_label, "b": self.b, "b_label": self.b_label,
                "reason": self.reason, "detail": self.detail}


def same_as_groups(store) -> dict[str, str]:
    """``{actor: representative}`` for every actor in an ``owl:sameAs`` statement (the smallest IRI
    of its connected group represents it)."""
    parent: dict[str, str] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in store.select(f"SELECT ?a ?b WHERE {{ ?a <{OWL_SAME_AS}> ?b }}").rows:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in list(parent)}


def duplicates(store) -> list[Duplicate]:
    """Pairs of actors with the same official identifier, or the same name on the same territory
    in the same category family, that no ``owl:sameAs`` joins yet."""
    groups = same_as_groups(store)
    pairs: dict[tuple[str, str], Duplicate] = {}

    def add(a, la, b, lb, reason, detail):
        a, b, la, lb = (a, b, la, lb) if a < b else (b, a, lb, la)
        if a != b and groups.get(a, a) != groups.get(b, b) and (a, b) not in pairs:
            pairs[(a, b)] = Duplicate(a, str(la or a), b, str(lb or b), reason, detail)

    for kind, prop in ID_PROPERTIES.items():
        rows = store.select(
            f"SELECT ?a ?la ?b ?lb ?v WHERE {{ ?a <{prop}> ?v . ?b <{prop}> ?w . FILTER(STR(?v) = STR(?w) && "
            f"STR(?a) < STR(?b)) OPTIONAL {{ ?a <{PREF}> ?la }} OPTIONAL {{ ?b <{PREF}> ?lb }} }}").rows
        for a, la, b, lb, v in rows:
            add(a, la, b, lb, "official-id", f"{kind}:{v}")
    rows = store.select(
        f"SELECT ?a ?l ?t ?c WHERE {{ ?a <{ANC.locatedIn}> ?t ; <{PREF}> ?l . OPTIONAL {{ ?a <{ANC.category}> ?c }} "
        f"FILTER NOT EXISTS {{ ?a a <{ANC.LocalCommittee}> }} }}").rows
    by_key: dict[tuple[str, str], dict[str, tuple[str, set[str]]]] = {}
    for a, label, t, c in rows:
        entry = by_key.setdefault((name_key(str(label)), t), {}).setdefault(a, (str(label), set()))
        if c:
            entry[1].add(str(c).rsplit("/", 1)[-1])
    for (k, _t), actors in by_key.items():
        items = sorted(actors.items())
        for i, (a, (la, ca)) in enumerate(items):
            for b, (lb, cb) in items[i + 1:]:
                if not ca or not cb or families_of(ca) & families_of(cb):
                    add(a, la, b, lb, "name", la)
    return sorted(pairs.values(), key=lambda d: (d.a_label.lower(), d.a, d.b))


def merge_source(store, pairs: Iterable[tuple[str, str]]):
    """The merges source with ``pairs`` added (``owl:sameAs``, both directions kept as said):
    the merges already in its named graph, plus these. Written over that graph only."""
    from .sources import Source

    graph = str(graph_iri(MERGES_SOURCE_ID))
    known = set()
    if store is not None and graph in {str(g) for g in store.named_graphs()}:
        known = {(a, b) for a, b in store.select(
            f"SELECT ?a ?b WHERE {{ GRAPH <{graph}> {{ ?a <{OWL_SAME_AS}> ?b }} }}").rows}
    known |= {tuple(sorted(p)) for p in pairs}
    lines = [f"{nt_iri(a)} {nt_iri(OWL_SAME_AS)} {nt_iri(b)} ." for a, b in sorted(known)]
    return Source.from_ntriples(MERGES_SOURCE_ID, "Identités confirmées / confirmed identities", lines)


__all__ = ["official_keys", "Candidate", "Match", "find_known", "candidates_of", "known_matches_of", "Duplicate", "duplicates",
           "same_as_groups", "merge_source", "MERGES_SOURCE_ID", "OWL_SAME_AS"]
