"""Territorial authorities as actors, derived from the territorial reference (:mod:`loaders.cog`).

Every territory of the reference is a place; the institution that governs it is an actor that
can sit on a committee. This module makes those actors, in their own named graph
(``…/graph/collectivites``): the COG graph keeps what INSEE and the DGCL publish, this one what
*we* derive from it by rule, so the derivation can be read, reloaded or dropped on its own.

===============================  ===================================  =========================
actor                            category (scheme ``category``)       status (scheme ``status``)
===============================  ===================================  =========================
conseil régional (18 régions)    ``collectivite-region``              ``derive``
conseil départemental            ``collectivite-departement``         ``derive``
EPCI à fiscalité propre (SIREN)  ``collectivite-epci``                ``derive``
commune                          ``collectivite-commune``             ``derive``
CCAS of a commune ≥ 1,500 inh.   ``collectivite-commune``             ``presume`` (CASF L123-4)
===============================  ===================================  =========================

Where one institution governs several territories the graph holds one actor, not two:
the Collectivité de Corse (région 94 and départements 2A, 2B), the collectivités territoriales
uniques of Martinique and Guyane (région and département), the Département de Mayotte (which
also exercises the région's powers), the Ville de Paris (commune and département 75), the
Collectivité européenne d'Alsace (départements 67 and 68). The Métropole de Lyon is an EPCI of
the reference that exercises the département's powers on its territory: it carries both
categories, and the Département du Rhône stays for the rest of 69. Overseas collectivities
get one actor each, except the TAAF (administered by a prefect) and Clipperton (uninhabited);
Wallis-et-Futuna's three *circonscriptions* are not communes.

>>> by_key = {a.key: a for a in authorities(cog.build_territories(cog.read_compact()))}
>>> by_key["departement/59"].name, by_key["departement/59"].located
('Département du Nord', (('departement', '59'),))
>>> by_key["ccas/59350"].status, by_key["ccas/59350"].name
('presume', 'CCAS de Lille')
>>> "departement/2A" in by_key, by_key["region/94"].name
(False, 'Collectivité de Corse')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kg import namespaces as _ns
from kg.namespaces import concept, entity
from kg.ntriples import nt_iri, nt_literal
from kg.paths import shown
from kg.sources import Source

from . import cog

SOURCE_ID = "collectivites"
#: CASF art. L123-4: a CCAS is created in every commune of 1,500 inhabitants and more.
CCAS_THRESHOLD = 1_500

#: Communes of these départements or COM get a presumed CCAS (the CASF applies there; it does
#: not in French Polynesia, New Caledonia or Wallis-et-Futuna, and Saint-Barthélemy and
#: Saint-Martin are single collectivities that run social action themselves).
_NO_CCAS = {"977", "978", "984", "986", "987", "988", "989"}
#: COM without a council of their own, and COM whose only "commune" is the collectivity itself.
_NO_COUNCIL = {"984", "989"}
_COMMUNE_IS_COLLECTIVITY = {"977", "978"}
_NOT_COMMUNES = {"986"}  # Wallis-et-Futuna: circonscriptions territoriales

BASIS = {
    "ccas": ("Code de l'action sociale et des familles, art. L123-4 : un centre communal d'action sociale "
             "est créé dans toute commune de 1 500 habitants et plus (population municipale INSEE ; la "
             "population totale, qui fait foi, est au moins égale). Présumé, non attesté par un annuaire : "
             "ses attributions peuvent avoir été transférées à un CIAS (art. L123-4-1).",
             "Social action and families code, art. L123-4: a municipal social action centre (CCAS) is "
             "created in every commune of 1,500 inhabitants and more (INSEE municipal population; the total "
             "population, which is the legal one, is at least as large). Presumed, not attested by a "
             "directory: its powers may have been transferred to an intercommunal centre (CIAS, art. L123-4-1)."),
    "region": ("Région, collectivité territoriale administrée par un conseil régional (CGCT, quatrième partie) ; "
               "dérivé du référentiel territorial.",
               "Région, a territorial authority run by a regional council (CGCT, part four); derived from the "
               "territorial reference."),
    "departement": ("Département, collectivité territoriale administrée par un conseil départemental (CGCT, "
                    "troisième partie) ; dérivé du référentiel territorial.",
                    "Département, a territorial authority run by a county council (CGCT, part three); derived "
                    "from the territorial reference."),
    "epci": ("Établissement public de coopération intercommunale à fiscalité propre de la liste de la DGCL "
             "(CGCT, cinquième partie) ; dérivé du référentiel territorial, SIREN inclus.",
             "Public body for inter-municipal cooperation with its own taxation, from the DGCL list (CGCT, "
             "part five); derived from the territorial reference, SIREN included."),
    "commune": ("Commune, collectivité territoriale administrée par un conseil municipal (CGCT, deuxième "
                "partie) ; dérivé du référentiel territorial.",
                "Commune, a territorial authority run by a municipal council (CGCT, part two); derived from the "
                "territorial reference."),
    "com": ("Collectivité d'outre-mer (Constitution, art. 74 ; titre XIII pour la Nouvelle-Calédonie) ; dérivé "
            "du référentiel territorial.",
            "Overseas collectivity (Constitution, art. 74; title XIII for New Caledonia); derived from the "
            "territorial reference."),
}

#: Institutions that govern more than one territory of the reference (one actor each).
#: key -> (name, categories, territories it governs, basis fr, basis en)
SINGLE_COLLECTIVITIES = {
    "region/94": ("Collectivité de Corse", ("collectivite-region", "collectivite-departement"),
                  (("region", "94"),),
                  "Collectivité à statut particulier qui exerce les compétences de la région et des départements de "
                  "Corse-du-Sud et de Haute-Corse depuis le 1er janvier 2018 (CGCT, art. L4421-1).",
                  "Special-status authority exercising the powers of the région and of the Corse-du-Sud and "
                  "Haute-Corse départements since 1 January 2018 (CGCT, art. L4421-1)."),
    "region/02": ("Collectivité territoriale de Martinique", ("collectivite-region", "collectivite-departement"),
                  (("region", "02"),),
                  "Collectivité unique qui exerce les compétences de la région et du département depuis 2015 "
                  "(CGCT, art. L7211-1).",
                  "Single authority exercising the powers of the région and the département since 2015 "
                  "(CGCT, art. L7211-1)."),
    "region/03": ("Collectivité territoriale de Guyane", ("collectivite-region", "collectivite-departement"),
                  (("region", "03"),),
                  "Collectivité unique qui exerce les compétences de la région et du département depuis 2015 "
                  "(CGCT, art. L7111-1).",
                  "Single authority exercising the powers of the région and the département since 2015 "
                  "(CGCT, art. L7111-1)."),
    "departement/976": ("Département de Mayotte", ("collectivite-departement", "collectivite-region"),
                        (("departement", "976"),),
                        "Le Département de Mayotte exerce aussi les compétences d'une région (CGCT, art. LO3511-1).",
                        "The Département de Mayotte also exercises the powers of a région (CGCT, art. LO3511-1)."),
    "commune/75056": ("Ville de Paris", ("collectivite-commune", "collectivite-departement"),
                      (("commune", "75056"),),
                      "Collectivité à statut particulier qui exerce les compétences de la commune et du département "
                      "depuis le 1er janvier 2019 (CGCT, art. L2512-1).",
                      "Special-status authority exercising the powers of the commune and the département since "
                      "1 January 2019 (CGCT, art. L2512-1)."),
    "departement/67": ("Collectivité européenne d'Alsace", ("collectivite-departement",),
                       (("departement", "67"), ("departement", "68")),
                       "Collectivité qui exerce les compétences des départements du Bas-Rhin et du Haut-Rhin depuis "
                       "le 1er janvier 2021 (CGCT, art. L3431-1).",
                       "Authority exercising the powers of the Bas-Rhin and Haut-Rhin départements since "
                       "1 January 2021 (CGCT, art. L3431-1)."),
}
#: Territories whose council is one of the SINGLE_COLLECTIVITIES (no actor of their own).
_GOVERNED_BY_ANOTHER = {("departement", "2A"), ("departement", "2B"), ("departement", "972"),
                        ("departement", "973"), ("region", "06"), ("departement", "75"), ("departement", "68")}
_METROPOLE_DE_LYON = "200046977"

_FEMININE_DEPARTEMENTS = {
    "Charente", "Charente-Maritime", "Corrèze", "Corse-du-Sud", "Haute-Corse", "Côte-d'Or", "Creuse", "Dordogne",
    "Drôme", "Haute-Garonne", "Gironde", "Loire", "Haute-Loire", "Loire-Atlantique", "Lozère", "Manche", "Marne",
    "Haute-Marne", "Mayenne", "Meurthe-et-Moselle", "Meuse", "Moselle", "Nièvre", "Haute-Saône", "Saône-et-Loire",
    "Sarthe", "Savoie", "Haute-Savoie", "Seine-Maritime", "Seine-et-Marne", "Seine-Saint-Denis", "Somme", "Vendée",
    "Vienne", "Haute-Vienne", "Guadeloupe", "Martinique", "Guyane",
}
_PLURAL_FIRST_WORDS = {"Alpes", "Hautes", "Hauts", "Ardennes", "Bouches", "Côtes", "Deux", "Landes", "Pyrénées",
                       "Vosges", "Yvelines"}
_VOWELS = set("AEIOUYÂÉÈÊÎÏÔÛaeiouyé")


def of_departement(name: str) -> str:
    """``"du Nord"``, ``"de la Somme"``, ``"des Vosges"``, ``"de l'Ain"``, ``"de La Réunion"``.

    >>> [of_departement(n) for n in ("Nord", "Somme", "Alpes-Maritimes", "Ain", "La Réunion", "Paris")]
    ['du Nord', 'de la Somme', 'des Alpes-Maritimes', "de l'Ain", 'de La Réunion', 'de Paris']
    """
    first = name.replace("-", " ").split()[0]
    if name in ("Paris", "Mayotte") or name.startswith(("La ", "Le ", "L'")):
        return "de " + name
    if first in _PLURAL_FIRST_WORDS:
        return "des " + name
    if name in _FEMININE_DEPARTEMENTS:
        return "de la " + name
    if name[0] in _VOWELS:
        return "de l'" + name
    return "du " + name


def of_commune(name: str) -> str:
    """``"de Lille"``, ``"d'Arras"``, ``"du Havre"``, ``"des Lilas"``, ``"de La Rochelle"``.

    >>> [of_commune(n) for n in ("Lille", "Arras", "Le Havre", "Les Lilas", "La Rochelle", "L'Haÿ-les-Roses")]
    ['de Lille', "d'Arras", 'du Havre', 'des Lilas', 'de La Rochelle', "de L'Haÿ-les-Roses"]
    """
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[0] in _VOWELS:
        return "d'" + name
    return "de " + name


@dataclass(frozen=True)
class Authority:
    """One territorial actor: ``key`` is ``<level>/<code>`` (``ccas/<commune>`` for a CCAS)."""

    key: str
    name: str
    categories: tuple[str, ...]
    located: tuple[tuple[str, str], ...]
    status: str  # "derive" | "presume"
    basis: tuple[str, str] | None = None  # (fr, en); None: the status concept says it all
    siren: str | None = None

    @property
    def iri(self) -> str:
        return actor_iri(self.key)


def actor_iri(key: str) -> str:
    """IRI of the territorial actor for ``region/32``, ``departement/59``, ``intercommunalite/<SIREN>``,
    ``commune/59350``, ``collectivite-outre-mer/975`` or ``ccas/59350``.

    >>> actor_iri("departement/59")
    'https://w3id.org/ancrage/id/actor/collectivite/departement/59'
    >>> actor_iri("ccas/2A004")
    'https://w3id.org/ancrage/id/actor/ccas/2A004'
    """
    kind, code = key.split("/", 1)
    if kind == "ccas":
        return str(entity("actor/ccas", code))
    return str(entity(f"actor/collectivite/{kind}", code))


def council_key(level: str, code: str) -> str | None:
    """Key of the actor that governs a territory (``None`` if none does), following the
    single collectivities: ``("departement", "2A")`` -> ``"region/94"``.

    >>> council_key("departement", "68"), council_key("departement", "59"), council_key("collectivite-outre-mer", "984")
    ('departement/67', 'departement/59', None)
    """
    redirect = {("departement", "2A"): "region/94", ("departement", "2B"): "region/94",
                ("departement", "972"): "region/02", ("departement", "973"): "region/03",
                ("region", "06"): "departement/976", ("departement", "75"): "commune/75056",
                ("departement", "68"): "departement/67"}
    if (level, code) in redirect:
        return redirect[(level, code)]
    if level == cog.COM and code in _NO_COUNCIL:
        return None
    if level == cog.COMMUNE and code[:3] in _NOT_COMMUNES:
        return None
    if level in (cog.REGION, cog.DEPARTEMENT, cog.EPCI, cog.COMMUNE, cog.COM):
        return f"{level}/{code}"
    return None


def authorities(territories: Iterable[cog.Territory]) -> list[Authority]:
    """The territorial actors of ``territories`` (pure: no file, no store)."""
    out: list[Authority] = []
    for t in territories:
        key = f"{t.level}/{t.code}"
        if key in SINGLE_COLLECTIVITIES and t.level != cog.COMMUNE:
            name, cats, located, fr, en = SINGLE_COLLECTIVITIES[key]
            out.append(Authority(key, name, cats, located, "derive", (fr, en)))
        elif (t.level, t.code) in _GOVERNED_BY_ANOTHER:
            pass
        elif t.level == cog.REGION:
            out.append(Authority(key, f"Région {t.name.removeprefix('La ')}", ("collectivite-region",), ((t.level, t.code),), "derive"))
        elif t.level == cog.DEPARTEMENT:
            out.append(Authority(key, f"Département {of_departement(t.name)}", ("collectivite-departement",),
                                 ((t.level, t.code),), "derive"))
        elif t.level == cog.COM and t.code not in _NO_COUNCIL:
            name = t.name if t.code in ("987", "988", "986") else f"Collectivité {of_commune(t.name)}"
            out.append(Authority(key, name, ("collectivite-territoriale",), ((t.level, t.code),), "derive",
                                 BASIS["com"]))
        elif t.level == cog.EPCI:
            cats = ("collectivite-epci",)
            basis = None
            if t.code == _METROPOLE_DE_LYON:
                cats += ("collectivite-departement",)
                basis = ("Collectivité à statut particulier qui exerce sur son territoire les compétences d'un "
                         "département (CGCT, art. L3611-1) ; le Département du Rhône les exerce sur le reste.",
                         "Special-status authority that exercises a département's powers on its territory (CGCT, "
                         "art. L3611-1); the Département du Rhône exercises them on the rest.")
            out.append(Authority(key, t.name, cats, ((t.level, t.code),), "derive", basis, siren=t.code))
        elif t.level == cog.COMMUNE:
            dept = t.parents[-1][1]
            if dept in _COMMUNE_IS_COLLECTIVITY or dept in _NOT_COMMUNES:
                continue
            if key in SINGLE_COLLECTIVITIES:
                name, cats, located, fr, en = SINGLE_COLLECTIVITIES[key]
                out.append(Authority(key, name, cats, located, "derive", (fr, en)))
            else:
                out.append(Authority(key, f"Commune {of_commune(t.name)}", ("collectivite-commune",),
                                     ((t.level, t.code),), "derive"))
            if (t.population or 0) >= CCAS_THRESHOLD and dept not in _NO_CCAS:
                name = ("Centre d'action sociale de la Ville de Paris (CASVP)" if t.code == "75056"
                        else f"CCAS {of_commune(t.name)}")
                out.append(Authority(f"ccas/{t.code}", name, ("collectivite-commune",), ((t.level, t.code),),
                                     "presume", BASIS["ccas"]))
    return out


_A, _LABEL, _CATEGORY, _LOCATED, _STATUS, _BASIS, _SIREN = (
    nt_iri(str(_ns.RDF.type)), nt_iri(str(_ns.SKOS.prefLabel)), nt_iri(str(_ns.ANC.category)),
    nt_iri(str(_ns.ANC.locatedIn)), nt_iri(str(_ns.ANC.status)), nt_iri(str(_ns.ANC.statusBasis)),
    nt_iri(str(_ns.ANC.siren)))
_ORGANISATION = nt_iri(str(_ns.ANC.Organisation))
_CITES = nt_iri(str(_ns.DCTERMS.source))


SECTION = str(entity("section", "collectivites-fichier"))


def provenance() -> list[str]:
    """The derivation as an ``anc:SourceDocument`` and the ``anc:SourceSection`` every territorial
    actor cites (``dct:source``), as directory loads and spreadsheet imports do."""
    from .directory import provenance as described

    sec, lines = described("collectivites", "data/territories/cog.json.gz",
                           "Collectivités dérivées du Code officiel géographique (règles d'Ancrage)",
                           "Authorities derived from the Code officiel géographique (Ancrage's rules)")
    assert sec == nt_iri(SECTION)
    return lines


def ntriples(a: Authority) -> Iterator[str]:
    """The N-Triples lines describing one territorial actor (the one definition: the synthetic
    generator uses it too)."""
    s = nt_iri(a.iri)
    yield f"{s} {_A} {_ORGANISATION} ."
    yield f"{s} {_CITES} {nt_iri(SECTION)} ."
    yield f"{s} {_LABEL} {nt_literal(a.name, lang='fr')} ."
    for c in a.categories:
        yield f"{s} {_CATEGORY} {nt_iri(str(concept('category', c)))} ."
    for level, code in a.located:
        yield f"{s} {_LOCATED} {nt_iri(str(entity(f'territory/{level}', code)))} ."
    yield f"{s} {_STATUS} {nt_iri(str(concept('status', a.status)))} ."
    if a.basis:
        yield f"{s} {_BASIS} {nt_literal(a.basis[0], lang='fr')} ."
        yield f"{s} {_BASIS} {nt_literal(a.basis[1], lang='en')} ."
    if a.siren:
        yield f"{s} {_SIREN} {nt_literal(a.siren)} ."


#: Levels with one council per territory: there, an actor of another source with the council's
#: category on the same territory *is* that council (the seed's "Département du Nord").
ONE_COUNCIL = ("region", "departement", "intercommunalite", "collectivite-outre-mer")


def known_councils(lines: Iterable[str | bytes]) -> set[tuple[str, str]]:
    """``(category code, territory IRI)`` of the actors described in N-Triples ``lines`` (another
    source, e.g. the seed), for :func:`load`'s ``known``."""
    import pyoxigraph as ox

    data = b"".join(x if isinstance(x, bytes) else (x if x.endswith("\n") else x + "\n").encode() for x in lines)
    cats: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    prefix = str(_ns.ANCC) + "category/"
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        if t.predicate.value == str(_ns.ANC.category) and t.object.value.startswith(prefix):
            cats.setdefault(t.subject.value, set()).add(t.object.value[len(prefix):])
        elif t.predicate.value == str(_ns.ANC.locatedIn):
            places.setdefault(t.subject.value, set()).add(t.object.value)
    return {(c, p) for s, cs in cats.items() for c in cs for p in places.get(s, ())}


def without_known(items: Iterable[Authority], known: set[tuple[str, str]]) -> list[Authority]:
    """``items`` less the councils another source already describes (same category, same
    territory, at a level with one council per territory); communes and CCAS are left to the
    identity step, a commune's actor being possibly its CCAS.

    >>> nord = authorities([cog.Territory("departement", "59", "Nord")])
    >>> without_known(nord, {("collectivite-departement", "https://w3id.org/ancrage/id/territory/departement/59")})
    []
    """
    out = []
    for a in items:
        level = a.key.split("/", 1)[0]
        places = {str(entity(f"territory/{lvl}", code)) for lvl, code in a.located}
        if level in ONE_COUNCIL and any((c, p) in known for c in a.categories for p in places):
            continue
        out.append(a)
    return out


def described(lines: Iterable[str | bytes]) -> frozenset[str]:
    """IRIs of the territorial actors a ``collectivites`` source (its N-Triples) describes."""
    prefixes = ("<" + actor_iri("x/x")[:-3], "<" + actor_iri("ccas/x")[:-1])
    typed = " " + _A + " "
    out = set()
    for chunk in lines:
        text = chunk.decode() if isinstance(chunk, bytes) else chunk
        for line in text.splitlines():
            if line.startswith(prefixes) and typed in line:
                out.add(line[1:line.index(">")])
    return frozenset(out)


def parse(items: Iterable[Authority]) -> Iterator[str]:
    """N-Triples lines of the territorial actors and of their provenance (pure)."""
    yield from provenance()
    for a in items:
        yield from ntriples(a)


def load(path: str | Path = cog.DEFAULT_PATH, regions: Iterable[str] | None = None,
         departements: Iterable[str] | None = None, known: set[tuple[str, str]] = frozenset()) -> Source:
    """The territorial actors as a :class:`kg.sources.Source` (id ``"collectivites"``), for the
    same régions / départements as :func:`loaders.cog.load`; ``known``: councils another source
    already describes (:func:`known_councils`), not minted twice.

    >>> src = load(departements=["2A"])
    >>> src.id, src.records
    ('collectivites', 151)
    """
    path = Path(path)
    data = cog.read_compact(path)
    kept = cog.select(cog.build_territories(data), regions, departements, file=str(path))
    items = without_known(authorities(kept), set(known))
    presumed = sum(1 for a in items if a.status == "presume")
    version = data.get("version", "")
    return Source(
        id=SOURCE_ID,
        title=f"Collectivités territoriales et CCAS présumés, dérivés du COG {version}",
        lines=lambda: parse(items),
        path=shown(path),
        licence="Licence Ouverte / Etalab 2.0 (données INSEE/DGCL) ; dérivation Ancrage",
        version=version,
        url=cog.PACKAGE_URL,
        publisher="Ancrage (dérivé de INSEE, DGCL, Etalab)",
        description=(f"Conseils régionaux et départementaux, EPCI (avec SIREN), communes, dérivés du référentiel "
                     f"territorial (statut « dérivé ») ; {presumed} CCAS présumés dans les communes de 1 500 habitants "
                     f"et plus (CASF art. L123-4, statut « présumé »). / Regional and county councils, EPCI (with "
                     f"SIREN), communes derived from the territorial reference (status \"derived\"); {presumed} "
                     f"presumed CCAS in communes of 1,500 inhabitants and more (status \"presumed\")."),
        records=len(items),
    )
