"""A seeded random graph in the Ancrage vocabulary, written as N-Triples lines (fast), for scale tests.

``lines(actors=10_000, relations=100_000)``: one région, 20 départements, 400 communes; actors
spread over communes and départements with categories and worlds; 40 committees; relations are
partnerships (80 % inside one département), memberships in committees, information flows, all dated.
"""

from __future__ import annotations

import random
from typing import Iterator

from kg.namespaces import ANC, ANCC, ANCD, SCHEMES

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
WITHIN = "<http://www.opengis.net/ont/geosparql#sfWithin>"
MEMBER, ORGANIZATION = "<http://www.w3.org/ns/org#member>", "<http://www.w3.org/ns/org#organization>"
START = "<https://schema.org/startDate>"
DATE = "^^<http://www.w3.org/2001/XMLSchema#date>"


def _a(term: str) -> str:
    return f"<{ANC}{term}>"


def _c(scheme: str, code: str) -> str:
    return f"<{ANCC}{scheme}/{code}>"


def lines(actors: int = 10_000, relations: int = 100_000, seed: int = 7, departements: int = 20,
          communes_per_dep: int = 20, committees: int = 40) -> Iterator[str]:
    rnd = random.Random(seed)
    region = f"<{ANCD}territory/region/99>"
    yield f"{region} {RDF_TYPE} {_a('Territory')} ."
    yield f"{region} {_a('level')} {_c('level', 'region')} ."
    deps, communes = [], []
    for d in range(departements):
        dep = f"<{ANCD}territory/departement/9{d:02d}>"
        deps.append(dep)
        yield f"{dep} {RDF_TYPE} {_a('Territory')} ."
        yield f"{dep} {_a('level')} {_c('level', 'departement')} ."
        yield f"{dep} {WITHIN} {region} ."
        for k in range(communes_per_dep):
            com = f"<{ANCD}territory/commune/9{d:02d}{k:02d}>"
            communes.append((d, com))
            yield f"{com} {RDF_TYPE} {_a('Territory')} ."
            yield f"{com} {_a('level')} {_c('level', 'commune')} ."
            yield f"{com} {WITHIN} {dep} ."
    categories = SCHEMES["category"]
    worlds = SCHEMES["world"]
    dep_of: list[int] = []
    for i in range(actors):
        a = f"<{ANCD}actor/a{i}>"
        if rnd.random() < 0.8:
            d, where = communes[rnd.randrange(len(communes))]
        else:
            d = rnd.randrange(departements)
            where = deps[d]
        dep_of.append(d)
        cls = "Group" if rnd.random() < 0.1 else "Organisation"
        yield f"{a} {RDF_TYPE} {_a(cls)} ."
        yield f'{a} {LABEL} "Acteur {i}"@fr .'
        yield f"{a} {_a('category')} {_c('category', rnd.choice(categories))} ."
        yield f"{a} {_a('world')} {_c('world', rnd.choice(worlds))} ."
        yield f"{a} {_a('locatedIn')} {where} ."
    by_dep: dict[int, list[int]] = {}
    for i, d in enumerate(dep_of):
        by_dep.setdefault(d, []).append(i)
    comms = []
    for k in range(committees):
        c = f"<{ANCD}committee/c{k}>"
        comms.append((k % departements, c))
        yield f"{c} {RDF_TYPE} {_a('LocalCommittee')} ."
        yield f'{c} {LABEL} "Comité {k}"@fr .'
        yield f"{c} {_a('territory')} {deps[k % departements]} ."
    for r in range(relations):
        year = 2015 + rnd.randrange(10)
        when = f'"{year}-{1 + rnd.randrange(12):02d}-01"{DATE}'
        kind = rnd.random()
        node = f"<{ANCD}relation/r{r}>"
        if kind < 0.05:
            d, c = comms[rnd.randrange(len(comms))]
            a = rnd.choice(by_dep.get(d) or [0])
            yield f"{node} {RDF_TYPE} {_a('Membership')} ."
            yield f"{node} {MEMBER} <{ANCD}actor/a{a}> ."
            yield f"{node} {ORGANIZATION} {c} ."
        elif kind < 0.08:
            a, b = rnd.randrange(actors), rnd.randrange(actors)
            yield f"{node} {RDF_TYPE} {_a('InformationFlow')} ."
            yield f"{node} {_a('flowFrom')} <{ANCD}actor/a{a}> ."
            yield f"{node} {_a('flowTo')} <{ANCD}actor/a{b}> ."
        else:
            a = rnd.randrange(actors)
            pool = by_dep[dep_of[a]] if rnd.random() < 0.8 else None
            b = rnd.choice(pool) if pool else rnd.randrange(actors)
            if b == a:
                b = (a + 1) % actors
            yield f"{node} {RDF_TYPE} {_a('Partnership')} ."
            yield f"{node} {_a('participant')} <{ANCD}actor/a{a}> ."
            yield f"{node} {_a('participant')} <{ANCD}actor/a{b}> ."
        yield f"{node} {START} {when} ."
