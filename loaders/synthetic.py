"""A deterministic generator of a synthetic national graph, on the real territorial reference.

The national council's picture is big: every département, EPCI and commune, ~100 committees,
up to ~150,000 actors and ~1,000,000 relations. No open dataset holds it, so benchmarks and
scale tests use this generator. Given the same geography, counts and seed it writes the same
bytes. What it makes:

* **actors** in realistic proportions of the partner typology (mostly establishment-managing
  associations, CCAS, charities and social-development actors; one conseil départemental per
  département, one conseil régional per région, one EPCI body per EPCI), each placed on a real
  commune (weighted by population), EPCI, département, région or the national level;
  collectives (people receiving support, front-line workers, elected officials) are
  ``anc:Group``, never persons;
* **committees** (``anc:LocalCommittee``), mostly one per département and some on an EPCI
  (bassin de vie), with members drawn from their territory (``anc:Membership`` with
  ``org:member``, ``org:organization``, ``org:role``, ``schema:startDate``);
* **partnerships** (``anc:Partnership`` with two ``anc:participant``, a nature, a date and
  often an intervention scale), about 85 % inside one département (heavy-tailed activity:
  a few hubs, many small actors);
* **information flows** between committees and the national council, and between committees
  of a région.

Everything is written as N-Triples lines straight from Python strings (the fast path, about
1.3 M triples/s) into one :class:`kg.sources.Source` with id ``synthetic``.

>>> geo = Geography.tiny()
>>> spec = Spec(actors=300, relations=1_500, committees=3, seed=7)
>>> lines = "".join(generate(geo, spec))
>>> lines == "".join(generate(geo, spec))           # deterministic
True
>>> lines.count("<https://w3id.org/ancrage/def#Partnership>") > 1_000
True
>>> source(geo, spec).id
'synthetic'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Iterable, Iterator, NamedTuple

import numpy as np

from kg.errors import LoadError
from kg import namespaces as _ns
from kg.namespaces import ANC, ANCC, ANCD, GEO, SCHEMA, SCHEMES
from kg.ntriples import nt_iri, nt_literal
from kg.sources import Source

SOURCE_ID = "synthetic"

# The national picture (issue 7): actors and relations at scale 1.0.
NATIONAL_ACTORS = 150_000
NATIONAL_RELATIONS = 1_000_000
NATIONAL_COMMITTEES = 100

_RDF_TYPE, _PREF_LABEL = nt_iri(_ns.RDF.type), nt_iri(_ns.SKOS.prefLabel)
_IDENTIFIER, _XSD_DATE, _XSD_INT = nt_iri(_ns.DCTERMS.identifier), nt_iri(_ns.XSD.date), nt_iri(_ns.XSD.integer)


T_ORG, T_GROUP, T_COMMITTEE = nt_iri(ANC.Organisation), nt_iri(ANC.Group), nt_iri(ANC.LocalCommittee)
T_MEMBERSHIP, T_PARTNERSHIP, T_FLOW = nt_iri(ANC.Membership), nt_iri(ANC.Partnership), nt_iri(ANC.InformationFlow)
T_TERRITORY = nt_iri(ANC.Territory)
P_CATEGORY, P_LOCATED, P_WORLD = nt_iri(ANC.category), nt_iri(ANC.locatedIn), nt_iri(ANC.world)
P_TERRITORY, P_LEVEL, P_INSEE, P_POP = nt_iri(ANC.territory), nt_iri(ANC.level), nt_iri(ANC.inseeCode), nt_iri(ANC.population)
P_PARTICIPANT, P_NATURE, P_SCALE = nt_iri(ANC.participant), nt_iri(ANC.nature), nt_iri(ANC.interventionScale)
P_FLOW_FROM, P_FLOW_TO, P_DIRECTION = nt_iri(ANC.flowFrom), nt_iri(ANC.flowTo), nt_iri(ANC.direction)
P_MISSION, P_QUALIF = nt_iri(ANC.mission), nt_iri(ANC.qualificationLevel)
P_MEMBER, P_ORGANIZATION, P_ROLE = nt_iri(_ns.ORG.member), nt_iri(_ns.ORG.organization), nt_iri(_ns.ORG.role)
P_START, P_END = nt_iri(SCHEMA.startDate), nt_iri(SCHEMA.endDate)
P_WITHIN = nt_iri(GEO.sfWithin)


def _concept(scheme: str, code: str) -> str:
    if code not in SCHEMES[scheme]:
        raise KeyError(f"unknown concept {scheme}/{code}")
    return f"<{ANCC}{scheme}/{code}>"


def _lit(text: str) -> str:
    """A French label."""
    return nt_literal(text, lang="fr")


# ---------------------------------------------------------------------------------------------
# The geography the generator places actors on
# ---------------------------------------------------------------------------------------------

class Region(NamedTuple):
    code: str
    name: str


class Departement(NamedTuple):
    code: str
    name: str
    region: str


class Epci(NamedTuple):
    siren: str
    name: str
    departements: tuple[str, ...]


class Commune(NamedTuple):
    code: str
    name: str
    population: int
    departement: str
    epci: str | None


def territory_iri(level: str, code: str) -> str:
    """``<…/id/territory/<level>/<code>>``, the IRIs of the territorial reference.

    >>> territory_iri("departement", "2A")
    '<https://w3id.org/ancrage/id/territory/departement/2A>'
    """
    return f"<{ANCD}territory/{level}/{code}>"


@dataclass(frozen=True)
class Geography:
    """Régions, départements, EPCI and communes, sorted by code (the generator's only input).

    Build it from the real reference with :meth:`from_reference` (``loaders.cog``) or use the
    tiny built-in one (:meth:`tiny`) in tests.
    """

    regions: tuple[Region, ...]
    departements: tuple[Departement, ...]
    epcis: tuple[Epci, ...]
    communes: tuple[Commune, ...]
    name: str = "reference"

    def __post_init__(self):
        deps = {d.code for d in self.departements}
        regions = {r.code for r in self.regions}
        epcis = {e.siren for e in self.epcis}
        for d in self.departements:
            if d.region not in regions:
                raise LoadError("département in an unknown région", file=self.name, field="region",
                                expected="a région code of the reference", found=f"{d.code}: {d.region}")
        for c in self.communes:
            if c.departement not in deps:
                raise LoadError("commune in an unknown département", file=self.name, field="departement",
                                expected="a département code of the reference",
                                found=f"{c.code}: {c.departement}")
            if c.epci is not None and c.epci not in epcis:
                raise LoadError("commune in an unknown EPCI", file=self.name, field="epci",
                                expected="an EPCI SIREN of the reference", found=f"{c.code}: {c.epci}")
        if not self.communes:
            raise LoadError("the reference has no commune", file=self.name, field="communes",
                            expected="at least one commune", found=0)

    @classmethod
    def from_reference(cls, ref) -> "Geography":
        """Adapt the territorial reference of :mod:`loaders.cog` (or plain mappings, in tests).

        Communes of the overseas collectivities (no département) are left out.
        """
        if hasattr(ref, "territories"):
            return cls._from_cog(ref)
        def get(obj, *names, default=None):
            for n in names:
                if isinstance(obj, dict) and n in obj:
                    return obj[n]
                if hasattr(obj, n):
                    return getattr(obj, n)
            return default

        def items(collection):
            return list(collection.values()) if isinstance(collection, dict) else list(collection)

        regions = tuple(sorted(Region(str(get(r, "code")), str(get(r, "name", "nom")))
                               for r in items(get(ref, "regions"))))
        deps = tuple(sorted(Departement(str(get(d, "code")), str(get(d, "name", "nom")),
                                        str(get(d, "region")))
                            for d in items(get(ref, "departements"))))
        epcis, commune_epci = [], {}
        for e in items(get(ref, "epcis", "epci")):
            siren = str(get(e, "siren", "code"))
            members = get(e, "communes", "members", "membres", default=()) or ()
            for m in members:
                commune_epci[str(get(m, "code", default=m))] = siren
            e_deps = get(e, "departements", "departement", default=()) or ()
            e_deps = (e_deps,) if isinstance(e_deps, str) else tuple(str(x) for x in e_deps)
            epcis.append(Epci(siren, str(get(e, "name", "nom")), e_deps))
        communes = []
        for c in items(get(ref, "communes")):
            code = str(get(c, "code"))
            epci = get(c, "epci", default=None) or commune_epci.get(code)
            pop = get(c, "population", default=0) or 0
            communes.append(Commune(code, str(get(c, "name", "nom")), int(pop),
                                    str(get(c, "departement")), str(epci) if epci else None))
        epci_deps: dict[str, set] = {}
        for c in communes:
            if c.epci:
                epci_deps.setdefault(c.epci, set()).add(c.departement)
        epcis = tuple(sorted(e if e.departements else e._replace(departements=tuple(sorted(epci_deps.get(e.siren, ()))))
                             for e in epcis))
        return cls(regions, deps, epcis, tuple(sorted(communes)), name="loaders.cog reference")

    @classmethod
    def _from_cog(cls, ref) -> "Geography":
        by_level: dict[str, list] = {}
        for t in ref.territories:
            by_level.setdefault(t.level, []).append(t)
        regions = tuple(sorted(Region(t.code, t.name) for t in by_level.get("region", ())))
        deps = tuple(sorted(Departement(t.code, t.name, dict(t.parents).get("region", ""))
                            for t in by_level.get("departement", ())))
        dep_codes = {d.code for d in deps}
        epcis = tuple(sorted(Epci(t.code, t.name, tuple(c for lvl, c in t.parents if lvl == "departement"))
                             for t in by_level.get("intercommunalite", ())))
        communes = []
        for t in by_level.get("commune", ()):
            parents = dict(t.parents)
            if parents.get("departement") in dep_codes:
                communes.append(Commune(t.code, t.name, int(t.population or 0), parents["departement"],
                                        parents.get("intercommunalite")))
        return cls(regions, deps, epcis, tuple(sorted(communes)),
                   name=f"COG {getattr(ref, 'version', '') or ''}".strip())

    @classmethod
    def tiny(cls) -> "Geography":
        """Four départements of three régions, enough for tests (real codes, partial coverage)."""
        regions = (Region("04", "La Réunion"), Region("27", "Bourgogne-Franche-Comté"),
                   Region("32", "Hauts-de-France"))
        deps = (Departement("25", "Doubs", "27"), Departement("59", "Nord", "32"),
                Departement("70", "Haute-Saône", "27"), Departement("974", "La Réunion", "04"))
        epcis = (Epci("200093201", "Métropole Européenne de Lille", ("59",)),
                 Epci("242500361", "Grand Besançon Métropole", ("25",)),
                 Epci("247000714", "CA de Vesoul", ("70",)),
                 Epci("249740119", "CA Intercommunale du Nord de la Réunion", ("974",)))
        communes = (
            Commune("25056", "Besançon", 119_198, "25", "242500361"),
            Commune("25388", "Montbéliard", 25_395, "25", None),
            Commune("25462", "Pontarlier", 17_632, "25", None),
            Commune("59350", "Lille", 236_234, "59", "200093201"),
            Commune("59512", "Roubaix", 98_828, "59", "200093201"),
            Commune("59599", "Tourcoing", 98_776, "59", "200093201"),
            Commune("70550", "Vesoul", 14_883, "70", "247000714"),
            Commune("70285", "Gray", 5_383, "70", None),
            Commune("97411", "Saint-Denis", 153_810, "974", "249740119"),
            Commune("97416", "Saint-Pierre", 84_961, "974", None),
        )
        return cls(regions, deps, epcis, communes, name="tiny test reference")

    def ntriples(self) -> Iterator[str]:
        """The geography as territories of the ontology (for tests without ``loaders.cog``).

        >>> any("departement/2A" in line for line in Geography.tiny().ntriples())
        False
        """
        level = {k: _concept("level", v) for k, v in (("national", "national"), ("region", "region"),
                                                    ("departement", "departement"), ("intercommunalite", "intercommunalite"),
                                                    ("commune", "commune"))}
        fr = territory_iri("national", "FR")
        yield f"{fr} {_RDF_TYPE} {T_TERRITORY} .\n{fr} {P_LEVEL} {level['national']} .\n"
        yield f"{fr} {_PREF_LABEL} {_lit('France')} .\n"
        for r in self.regions:
            s = territory_iri("region", r.code)
            yield (f"{s} {_RDF_TYPE} {T_TERRITORY} .\n{s} {P_LEVEL} {level['region']} .\n"
                   f"{s} {_PREF_LABEL} {_lit(r.name)} .\n{s} {P_INSEE} \"{r.code}\" .\n{s} {P_WITHIN} {fr} .\n")
        for d in self.departements:
            s = territory_iri("departement", d.code)
            yield (f"{s} {_RDF_TYPE} {T_TERRITORY} .\n{s} {P_LEVEL} {level['departement']} .\n"
                   f"{s} {_PREF_LABEL} {_lit(d.name)} .\n{s} {P_INSEE} \"{d.code}\" .\n"
                   f"{s} {P_WITHIN} {territory_iri('region', d.region)} .\n")
        for e in self.epcis:
            s = territory_iri("intercommunalite", e.siren)
            yield (f"{s} {_RDF_TYPE} {T_TERRITORY} .\n{s} {P_LEVEL} {level['intercommunalite']} .\n"
                   f"{s} {_PREF_LABEL} {_lit(e.name)} .\n{s} {P_INSEE} \"{e.siren}\" .\n")
            for d in e.departements:
                yield f"{s} {P_WITHIN} {territory_iri('departement', d)} .\n"
        for c in self.communes:
            s = territory_iri("commune", c.code)
            yield (f"{s} {_RDF_TYPE} {T_TERRITORY} .\n{s} {P_LEVEL} {level['commune']} .\n"
                   f"{s} {_PREF_LABEL} {_lit(c.name)} .\n{s} {P_INSEE} \"{c.code}\" .\n"
                   f"{s} {P_POP} \"{c.population}\"^^{_XSD_INT} .\n"
                   f"{s} {P_WITHIN} {territory_iri('departement', c.departement)} .\n")
            if c.epci:
                yield f"{s} {P_WITHIN} {territory_iri('intercommunalite', c.epci)} .\n"

    def source(self) -> Source:
        """The geography as its own :class:`Source` (id ``territories-synthetic``)."""
        return Source(f"territories-{SOURCE_ID}", f"Territoires ({self.name})", lambda: self.ntriples(),
                      description="Territorial reference used by the synthetic generator (tests).",
                      records=len(self.regions) + len(self.departements) + len(self.epcis) + len(self.communes))


def load_geography(departements: Iterable[str] | None = None) -> Geography:
    """The real reference from :mod:`loaders.cog`, optionally restricted to some départements."""
    from loaders import cog

    geo = Geography.from_reference(cog.Reference.get())
    if departements:
        geo = geo.restrict(departements)
    return geo


def _restrict(self: Geography, departements: Iterable[str]) -> Geography:
    keep = set(departements)
    unknown = keep - {d.code for d in self.departements}
    if unknown:
        raise LoadError("unknown département", field="departements", expected="INSEE département codes",
                        found=", ".join(sorted(unknown)))
    deps = tuple(d for d in self.departements if d.code in keep)
    regions = tuple(r for r in self.regions if r.code in {d.region for d in deps})
    communes = tuple(c for c in self.communes if c.departement in keep)
    epci_ids = {c.epci for c in communes if c.epci}
    epcis = tuple(e._replace(departements=tuple(d for d in e.departements if d in keep))
                  for e in self.epcis if e.siren in epci_ids)
    return Geography(regions, deps, epcis, communes, name=f"{self.name} ({len(deps)} départements)")


Geography.restrict = _restrict  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# What to generate
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    """How much to generate. ``relations`` counts memberships, partnerships and flows.

    >>> Spec.at_scale(0.1)
    Spec(actors=15000, relations=100000, committees=100, seed=0, inside_share=0.85)
    """

    actors: int = NATIONAL_ACTORS
    relations: int = NATIONAL_RELATIONS
    committees: int = NATIONAL_COMMITTEES
    seed: int = 0
    inside_share: float = 0.85

    @classmethod
    def at_scale(cls, scale: float, seed: int = 0, committees: int = NATIONAL_COMMITTEES) -> "Spec":
        """The national picture times ``scale`` (1.0 = 150,000 actors and 1,000,000 relations)."""
        return cls(max(50, round(NATIONAL_ACTORS * scale)), max(100, round(NATIONAL_RELATIONS * scale)),
                   committees, seed)

    def check(self) -> "Spec":
        for name, low in (("actors", 10), ("relations", 0), ("committees", 0)):
            value = getattr(self, name)
            if not isinstance(value, int) or value < low:
                raise LoadError("invalid generator setting", field=name, expected=f"an integer ≥ {low}",
                                found=value)
        if not 0.0 <= self.inside_share <= 1.0:
            raise LoadError("invalid generator setting", field="inside_share", expected="a share in [0, 1]",
                            found=self.inside_share)
        return self


# Category -> (share of actors, where it sits, kind, worlds, activity factor, label).
# Shares are those of a national picture built around every social and medico-social
# establishment (FINESS-like: establishment-managing associations dominate), then the communal
# social action centres, charities and the social-development actors around them.
CATEGORIES: list[tuple[str, float, str, str, tuple[str, ...], float, str]] = [
    ("association-gestionnaire", 0.440, "commune", "org", ("social", "sante"), 1.0, "Établissement ou service"),
    ("collectivite-commune", 0.140, "commune", "org", ("social",), 1.2, "CCAS"),
    ("association-caritative", 0.100, "commune", "org", ("social",), 1.0, "Association caritative"),
    ("developpement-social", 0.085, "commune", "org",
     ("logement", "sante", "emploi-insertion", "culture", "economie", "animation", "amenagement",
      "education-formation", "numerique"), 0.9, "Acteur du développement social"),
    ("encadrement-employeurs", 0.030, "commune", "org", ("social",), 1.0, "Employeur du secteur social"),
    ("travailleurs-sociaux", 0.030, "commune", "group", ("social",), 0.8, "Collectif de travailleurs sociaux"),
    ("protection-sociale", 0.025, "departement", "org", ("social", "sante"), 4.0, "Organisme de protection sociale"),
    ("representants-personnes-accompagnees", 0.020, "commune", "org", ("social",), 1.0,
     "Association de représentants des personnes accompagnées"),
    ("personnes-accompagnees", 0.020, "commune", "group", ("social",), 0.7, "Groupe de personnes accompagnées"),
    ("services-deconcentres", 0.020, "departement", "org", ("social",), 4.0, "Service déconcentré de l'État"),
    ("federation", 0.018, "departement", "org", ("social",), 3.0, "Fédération associative"),
    ("formation", 0.012, "departement", "org", ("education-formation",), 3.0, "Établissement de formation en travail social"),
    ("partenaires-sociaux", 0.010, "departement", "org", ("emploi-insertion",), 1.5, "Organisation syndicale ou patronale"),
    ("representants-professionnels", 0.010, "departement", "org", ("social",), 1.5, "Association professionnelle"),
    ("collectivite-epci", 0.0084, "epci", "org", ("social", "amenagement"), 5.0, "Intercommunalité"),
    ("elus", 0.005, "commune", "group", ("social",), 1.0, "Élus"),
    ("universite-recherche", 0.004, "region", "org", ("education-formation",), 3.0, "Laboratoire ou université"),
    ("comites-ethique", 0.003, "departement", "org", ("social",), 1.5, "Comité local d'éthique"),
    ("collectivite-departement", 0.0007, "departement", "org", ("social",), 30.0, "Conseil départemental"),
    ("collectivite-region", 0.0002, "region", "org", ("social", "education-formation"), 15.0, "Conseil régional"),
    ("operateurs-appui", 0.0002, "national", "org", ("social",), 10.0, "Opérateur d'appui"),
    ("instances-nationales", 0.0002, "national", "org", ("social",), 10.0, "Instance nationale"),
]
#: Categories with at most one actor per territory of their level.
ONE_PER_TERRITORY = {"collectivite-departement", "collectivite-region", "collectivite-epci"}
_CAT_INDEX = {c[0]: i for i, c in enumerate(CATEGORIES)}

ROLES_COMMON = ("membre", "membre", "membre", "membre", "comite-pilotage", "groupe-travail")
NATURES = SCHEMES["partnership-nature"]
SCALES = SCHEMES["scale"]
MISSIONS = ("coordination", "reflexion-evolution", "decloisonnement", "ethique", "developpement-social")
#: The generator yields its N-Triples in blocks of about this many strings (a few MB: the store
#: loads chunks of at most 16 MB, made of whole blocks).
_BLOCK_ITEMS = 10_000
_DAY0 = dt.date(2010, 1, 1).toordinal()
_DAYS = dt.date(2025, 12, 31).toordinal() - _DAY0


def _seed_of(geo: Geography, spec: Spec) -> np.random.SeedSequence:
    digest = hashlib.sha256(f"{spec}|{len(geo.communes)}|{geo.communes[0].code}".encode()).digest()
    return np.random.SeedSequence([spec.seed, int.from_bytes(digest[:8], "big")])


@dataclass
class _Actors:
    iri: list[str]
    category: np.ndarray  # index into CATEGORIES
    dep: np.ndarray  # index into geo.departements (home département, for sampling)
    weight: np.ndarray  # activity


def _dates(rng: np.random.Generator, n: int, low: int = 0) -> list[str]:
    days = rng.integers(low, _DAYS, size=n) + _DAY0 - dt.date(1970, 1, 1).toordinal()
    return np.datetime_as_string(days.astype("datetime64[D]")).tolist()


_COUNCIL_LEVEL = {"collectivite-departement": "departement", "collectivite-region": "region",
                  "collectivite-epci": "intercommunalite"}


def _councils(geo: Geography) -> dict[str, list[int]]:
    """For each one-per-territory category, the indexes of the territories whose council is an
    actor of its own in :mod:`loaders.collectivites` (so Corse-du-Sud, whose council is the
    Collectivité de Corse, gets no synthetic council of its own)."""
    from .collectivites import council_key

    places = {"departement": [d.code for d in geo.departements], "region": [r.code for r in geo.regions],
              "intercommunalite": [e.siren for e in geo.epcis]}
    return {cat: [i for i, code in enumerate(places[level]) if council_key(level, code) == f"{level}/{code}"]
            for cat, level in _COUNCIL_LEVEL.items()}


def _council(level: str, code: str, name: str):
    """The :class:`loaders.collectivites.Authority` governing a territory (the one definition)."""
    from . import cog
    from .collectivites import authorities

    return authorities([cog.Territory(level, code, name)])[0]


def _quotas(n: int, geo: Geography) -> list[int]:
    caps = {cat: len(idx) for cat, idx in _councils(geo).items()}
    quotas = [int(share * n) for _, share, *_ in CATEGORIES]
    quotas = [min(q, caps.get(c[0], q)) for q, c in zip(quotas, CATEGORIES)]
    for name in ("collectivite-departement", "collectivite-region"):  # every one exists at any scale
        if n >= 10 * caps[name]:
            quotas[_CAT_INDEX[name]] = caps[name]
    for name in ("personnes-accompagnees", "travailleurs-sociaux"):  # every committee needs a chance
        quotas[_CAT_INDEX[name]] = max(quotas[_CAT_INDEX[name]], min(len(geo.departements), n // 20))
    quotas[0] += n - sum(quotas)
    return quotas


def generate(geo: Geography, spec: Spec = Spec(), progress=None,
             describe_councils: bool | frozenset[str] = True) -> Iterator[str]:
    """N-Triples blocks (``str``, newline-terminated) of the synthetic graph.

    Councils (régions, départements, EPCI) are the actors of :mod:`loaders.collectivites`, same
    IRIs and same description; when that source is loaded too, pass the IRIs it describes as
    ``describe_councils`` (a set; ``False``: all of them) and the generator only adds its own
    facts about those (world, identifier).

    ``progress(step, advance)`` is called as work is done (``step`` in "actors", "committees",
    "relations"; ``advance`` a number of items), for a progress bar.
    """
    spec.check()
    rng = np.random.default_rng(_seed_of(geo, spec))
    tick = progress or (lambda step, n: None)
    from .collectivites import ntriples as council_lines, provenance as council_provenance

    councils = _councils(geo)
    councils_cited = False
    dep_index = {d.code: i for i, d in enumerate(geo.departements)}
    region_deps: dict[str, list[int]] = {}
    for i, d in enumerate(geo.departements):
        region_deps.setdefault(d.region, []).append(i)

    # ---- actors -------------------------------------------------------------------------
    pop = np.array([max(c.population, 1) for c in geo.communes], dtype=float)
    commune_p = pop / pop.sum()
    commune_dep = np.array([dep_index[c.departement] for c in geo.communes])
    iris: list[str] = []
    cats: list[np.ndarray] = []
    deps: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    out: list[str] = []
    a = 0
    for ci, quota in enumerate(_quotas(spec.actors, geo)):
        if quota <= 0:
            continue
        code, _share, level, kind, worlds, factor, label = CATEGORIES[ci]
        cat_iri = _concept("category", code)
        t_class = T_GROUP if kind == "group" else T_ORG
        if level == "commune":
            places = rng.choice(len(geo.communes), size=quota, p=commune_p)
            where = [(territory_iri("commune", geo.communes[p].code), geo.communes[p].name) for p in places]
            home = commune_dep[places]
        elif level == "epci":
            if code in ONE_PER_TERRITORY:
                picks = rng.permutation(np.asarray(councils[code]))[:quota]
            else:
                picks = rng.choice(len(geo.epcis), size=quota, replace=True)
            where = [(territory_iri("intercommunalite", geo.epcis[p].siren), geo.epcis[p].name) for p in picks]
            home = np.array([dep_index.get(geo.epcis[p].departements[0], 0) if geo.epcis[p].departements else 0
                             for p in picks])
        elif level == "departement":
            if code in ONE_PER_TERRITORY:
                picks = rng.permutation(np.asarray(councils[code]))[:quota]
            else:  # départements weighted by population
                dep_pop = np.bincount(commune_dep, weights=pop, minlength=len(geo.departements))
                picks = rng.choice(len(geo.departements), size=quota, p=dep_pop / dep_pop.sum())
            where = [(territory_iri("departement", geo.departements[p].code), geo.departements[p].name)
                     for p in picks]
            home = np.asarray(picks)
        elif level == "region":
            if code in ONE_PER_TERRITORY:
                picks = rng.permutation(np.asarray(councils[code]))[:quota]
            else:
                picks = rng.choice(len(geo.regions), size=quota, replace=True)
            where = [(territory_iri("region", geo.regions[p].code), geo.regions[p].name) for p in picks]
            home = np.array([region_deps.get(geo.regions[p].code, [0])[0] for p in picks])
        else:
            where = [(territory_iri("national", "FR"), "France")] * quota
            home = rng.integers(0, len(geo.departements), size=quota)
        world_pick = rng.integers(0, len(worlds), size=quota)
        qualif = rng.integers(1, 6, size=quota)
        for k in range(quota):
            place_iri, place_name = where[k]
            if code in ONE_PER_TERRITORY:
                level_code = place_iri[len(f"<{ANCD}territory/"):-1].split("/", 1)
                council = _council(level_code[0], level_code[1], place_name)
                s = nt_iri(council.iri)
                if describe_councils is True or (not isinstance(describe_councils, bool)
                                                 and council.iri not in describe_councils):
                    if not councils_cited:  # the section the councils cite, once
                        out.append("".join(line + "\n" for line in council_provenance()))
                        councils_cited = True
                    out.append("".join(line + "\n" for line in council_lines(council)))
            else:
                s = f"<{ANCD}actor/syn-{a:06d}>"
                out.append(f"{s} {_RDF_TYPE} {t_class} .\n{s} {_PREF_LABEL} {_lit(f'{label} {a:06d} — {place_name}')} .\n"
                           f"{s} {P_CATEGORY} {cat_iri} .\n{s} {P_LOCATED} {place_iri} .\n")
            out.append(f"{s} {P_WORLD} {_concept('world', worlds[world_pick[k]])} .\n"
                       f"{s} {_IDENTIFIER} \"SYN-{a:06d}\" .\n")
            if code == "travailleurs-sociaux":
                out.append(f"{s} {P_QUALIF} \"{qualif[k]}\"^^{_XSD_INT} .\n")
            iris.append(s)
            a += 1
            if len(out) >= _BLOCK_ITEMS:
                yield "".join(out)
                out = []
        cats.append(np.full(quota, ci))
        deps.append(np.asarray(home, dtype=int))
        heavy = rng.pareto(1.6, size=quota) + 1.0
        weights.append(np.minimum(heavy, 200.0) * factor)
        tick("actors", quota)
    actors = _Actors(iris, np.concatenate(cats), np.concatenate(deps), np.concatenate(weights))
    yield "".join(out)
    out = []

    # ---- committees and memberships ------------------------------------------------------
    budget = spec.relations
    committees, region_of = _committees(geo, spec, rng, actors, dep_index)
    rel = 0
    for c_iri, label, terr_iri, start, members in committees:
        out.append(f"{c_iri} {_RDF_TYPE} {T_COMMITTEE} .\n{c_iri} {_PREF_LABEL} {_lit(label)} .\n"
                   f"{c_iri} {P_TERRITORY} {terr_iri} .\n{c_iri} {P_START} \"{start}\"^^{_XSD_DATE} .\n")
        for m in sorted(rng.choice(len(MISSIONS), size=2, replace=False)):
            out.append(f"{c_iri} {P_MISSION} {_concept('mission', MISSIONS[m])} .\n")
        starts = _dates(rng, len(members), low=dt.date(2018, 9, 21).toordinal() - _DAY0)
        for (actor, role), mstart in zip(members, starts):
            if rel >= budget:
                break
            s = f"<{ANCD}membership/syn-{rel:07d}>"
            out.append(f"{s} {_RDF_TYPE} {T_MEMBERSHIP} .\n{s} {P_MEMBER} {actors.iri[actor]} .\n"
                       f"{s} {P_ORGANIZATION} {c_iri} .\n{s} {P_ROLE} {_concept('role', role)} .\n"
                       f"{s} {P_START} \"{mstart}\"^^{_XSD_DATE} .\n")
            rel += 1
        if len(out) >= _BLOCK_ITEMS:
            yield "".join(out)
            out = []
        tick("committees", 1)
    yield "".join(out)
    out = []

    # ---- information flows: committees <-> national council, committees of a région --------
    hcts = f"<{ANCD}actor/hcts>"
    flows = []
    for c_iri, _label, _terr, _start, _members in committees:
        flows.append((hcts, c_iri, "descendant"))
        if rng.random() < 0.6:
            flows.append((c_iri, hcts, "ascendant"))
    by_region: dict[str, list[str]] = {}
    for c_iri, *_rest in committees:
        by_region.setdefault(region_of[c_iri], []).append(c_iri)
    for region in sorted(by_region):
        group = by_region[region]
        for i in range(len(group) - 1):
            flows.append((group[i], group[i + 1], "transversal"))
    flows = flows[: max(0, budget - rel) // 2]
    for (src, dst, direction), fdate in zip(flows, _dates(rng, len(flows), low=3_000)):
        s = f"<{ANCD}flow/syn-{rel:07d}>"
        out.append(f"{s} {_RDF_TYPE} {T_FLOW} .\n{s} {P_FLOW_FROM} {src} .\n{s} {P_FLOW_TO} {dst} .\n"
                   f"{s} {P_DIRECTION} {_concept('flow-direction', direction)} .\n"
                   f"{s} {P_START} \"{fdate}\"^^{_XSD_DATE} .\n")
        rel += 1
    yield "".join(out)
    out = []
    tick("relations", rel)

    # ---- partnerships ---------------------------------------------------------------------
    remaining = budget - rel
    block = 50_000
    while remaining > 0:
        n = min(block, remaining)
        left, right = _pairs(rng, actors, n, spec.inside_share)
        nature = rng.integers(0, len(NATURES), size=n)
        scale = rng.integers(0, len(SCALES) * 2, size=n)  # half have no stated scale
        starts = _dates(rng, n)
        for k in range(n):
            s = f"<{ANCD}partnership/syn-{rel:07d}>"
            out.append(f"{s} {_RDF_TYPE} {T_PARTNERSHIP} .\n{s} {P_PARTICIPANT} {actors.iri[left[k]]} .\n"
                       f"{s} {P_PARTICIPANT} {actors.iri[right[k]]} .\n"
                       f"{s} {P_NATURE} <{ANCC}partnership-nature/{NATURES[nature[k]]}> .\n"
                       f"{s} {P_START} \"{starts[k]}\"^^{_XSD_DATE} .\n")
            if scale[k] < len(SCALES):
                out.append(f"{s} {P_SCALE} <{ANCC}scale/{SCALES[scale[k]]}> .\n")
            rel += 1
            if len(out) >= _BLOCK_ITEMS:
                yield "".join(out)
                out = []
        yield "".join(out)
        out = []
        remaining -= n
        tick("relations", n)


def _pairs(rng: np.random.Generator, actors: _Actors, n: int, inside_share: float):
    """Endpoints of ``n`` partnerships: activity-weighted, mostly inside one département."""
    w = actors.weight
    cum = np.cumsum(w)
    left = np.searchsorted(cum, rng.random(n) * cum[-1], side="right")
    right = np.searchsorted(cum, rng.random(n) * cum[-1], side="right")
    inside = rng.random(n) < inside_share
    order = np.argsort(actors.dep, kind="stable")
    sorted_dep = actors.dep[order]
    bounds = np.searchsorted(sorted_dep, np.arange(sorted_dep.max() + 2))
    left_dep = actors.dep[left]
    for d in np.unique(left_dep[inside]):
        members = order[bounds[d]:bounds[d + 1]]
        if len(members) < 2:
            continue
        sel = np.nonzero(inside & (left_dep == d))[0]
        dcum = np.cumsum(w[members])
        right[sel] = members[np.searchsorted(dcum, rng.random(len(sel)) * dcum[-1], side="right")]
    np.minimum(left, len(w) - 1, out=left)
    np.minimum(right, len(w) - 1, out=right)
    same = np.nonzero(left == right)[0]
    right[same] = (right[same] + 1 + rng.integers(0, len(w) - 1, size=len(same))) % len(w)
    return left.tolist(), right.tolist()


def _committees(geo: Geography, spec: Spec, rng, actors: _Actors, dep_index: dict):
    """(iri, label, territory iri, start date, [(actor, role)]) per committee; their régions."""
    n = spec.committees
    n_dep = min(len(geo.departements), n - round(0.15 * n))
    n_epci = min(len(geo.epcis), n - n_dep)
    dep_picks = sorted(rng.permutation(len(geo.departements))[:n_dep].tolist())
    epci_picks = sorted(rng.permutation(len(geo.epcis))[:n_epci].tolist())
    order = np.argsort(actors.dep, kind="stable")
    sorted_dep = actors.dep[order]
    bounds = np.searchsorted(sorted_dep, np.arange(len(geo.departements) + 1))
    national = np.nonzero(np.isin(actors.category, [_CAT_INDEX["instances-nationales"],
                                                    _CAT_INDEX["operateurs-appui"]]))[0]
    starts = _dates(rng, n_dep + n_epci, low=dt.date(2018, 9, 21).toordinal() - _DAY0)
    result, region_of = [], {}
    specs = [("departement", geo.departements[i].code, geo.departements[i].name, i, geo.departements[i].region)
             for i in dep_picks]
    for i in epci_picks:
        e = geo.epcis[i]
        d = dep_index.get(e.departements[0], 0) if e.departements else 0
        specs.append(("intercommunalite", e.siren, e.name, d, geo.departements[d].region))
    for k, (level, code, name, d, region) in enumerate(specs):
        pool = order[bounds[d]:bounds[d + 1]]
        target = int(rng.integers(25, 61)) if level == "departement" else int(rng.integers(12, 31))
        size = min(len(pool), target)
        members = []
        if size:
            p = actors.weight[pool] / actors.weight[pool].sum()
            chosen = rng.choice(pool, size=size, replace=False, p=p)
            chosen = sorted(chosen.tolist(), key=lambda x: (-actors.weight[x], x))
            lead = chosen[0]
            for actor in chosen:
                cat = CATEGORIES[actors.category[actor]][0]
                if actor == lead:
                    role = "porteur"
                elif cat == "personnes-accompagnees":
                    role = "groupe-ressource"
                else:
                    role = ROLES_COMMON[int(rng.integers(0, len(ROLES_COMMON)))]
                members.append((actor, role))
            if len(national) and rng.random() < 0.3:
                members.append((int(national[rng.integers(0, len(national))]), "appui-methodologique"))
        iri = f"<{ANCD}committee/syn-{level}-{code}>"
        label = f"Comité local du travail social et du développement social — {name}"
        result.append((iri, label, territory_iri(level, code), starts[k], members))
        region_of[iri] = region
    return result, region_of


def source(geo: Geography | None = None, spec: Spec = Spec(), progress=None,
           describe_councils: bool | frozenset[str] = True) -> Source:
    """The synthetic graph as a :class:`kg.sources.Source` (id ``synthetic``).

    ``geo`` defaults to the real reference (:func:`load_geography`); ``describe_councils``: see
    :func:`generate` (``False`` when the ``collectivites`` source is in the same store).
    """
    geo = geo if geo is not None else load_geography()
    spec.check()
    return Source(
        SOURCE_ID, "Graphe national synthétique / Synthetic national graph",
        lambda: generate(geo, spec, progress, describe_councils),
        licence="CC0-1.0",
        version=f"actors={spec.actors} relations={spec.relations} committees={spec.committees} seed={spec.seed}",
        publisher="Ancrage (loaders.synthetic)",
        description=("Données fictives générées pour les tests de charge, placées sur le référentiel "
                     f"territorial ({geo.name}); aucune personne réelle. / Fictitious data generated for "
                     "scale tests on the territorial reference; no real person."),
        records=spec.actors + spec.relations + spec.committees,
    )


def write(path, geo: Geography, spec: Spec = Spec(), progress=None) -> int:
    """Write the synthetic graph to an N-Triples file; the number of bytes written."""
    size = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for block in generate(geo, spec, progress):
            fh.write(block)
            size += len(block)
    return size


__all__ = ["Geography", "Spec", "generate", "source", "write", "load_geography", "territory_iri",
           "CATEGORIES", "SOURCE_ID", "NATIONAL_ACTORS", "NATIONAL_RELATIONS", "NATIONAL_COMMITTEES"]
