"""A small builder of test graphs in the Ancrage vocabulary (rdflib), for tests/kg/gaps and tests/kg/analysis."""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from kg.namespaces import ANC, GEO, SCHEMA, concept, entity
from kg.sources import Source
from kg.store import Store, write_sources

_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER, XSD_DATE, XSD_DECIMAL = (URIRef(_XSD + t) for t in ("integer", "date", "decimal"))


def T(level: str, code: str) -> URIRef:
    return entity(f"territory/{level}", code)


class Builder:
    """Fluent helper: ``b.territory(...)``, ``b.actor(...)``, ``b.committee(...)``, ``b.member(...)``."""

    def __init__(self):
        self.g = Graph()
        self._n = 0

    # -- territories ---------------------------------------------------------------------------
    def territory(self, level: str, code: str, label: str, within=None, cls=ANC.Territory) -> URIRef:
        t = T(level, code)
        self.g.add((t, RDF.type, cls))
        self.g.add((t, ANC.level, concept("level", level)))
        self.g.add((t, SKOS.prefLabel, Literal(label, lang="fr")))
        if level != "national":
            self.g.add((t, ANC.inseeCode, Literal(code)))
        for w in ([within] if isinstance(within, URIRef) else within or []):
            self.g.add((t, GEO.sfWithin, w))
        return t

    def france(self):
        """France > Hauts-de-France (32) > Nord (59) > MEL (EPCI) > Lille, Roubaix; Pas-de-Calais (62);
        Bourgogne-Franche-Comté (27) > Doubs (25)."""
        fr = self.territory("national", "FR", "France")
        hdf = self.territory("region", "32", "Hauts-de-France", fr)
        nord = self.territory("departement", "59", "Nord", hdf)
        pdc = self.territory("departement", "62", "Pas-de-Calais", hdf)
        mel = self.territory("intercommunalite", "200093201", "Métropole Européenne de Lille", nord)
        lille = self.territory("commune", "59350", "Lille", [mel, nord])
        roubaix = self.territory("commune", "59512", "Roubaix", [mel, nord])
        arras = self.territory("commune", "62041", "Arras", pdc)
        bfc = self.territory("region", "27", "Bourgogne-Franche-Comté", fr)
        doubs = self.territory("departement", "25", "Doubs", bfc)
        return dict(fr=fr, hdf=hdf, nord=nord, pdc=pdc, mel=mel, lille=lille, roubaix=roubaix, arras=arras,
                    bfc=bfc, doubs=doubs)

    # -- actors --------------------------------------------------------------------------------
    def actor(self, key: str, label: str, categories=(), territory=None, cls=ANC.Organisation, worlds=(),
              levels=(), member_count=None, part_of=None, scales=()) -> URIRef:
        a = entity("actor", key)
        self.g.add((a, RDF.type, cls))
        self.g.add((a, SKOS.prefLabel, Literal(label, lang="fr")))
        for c in categories:
            self.g.add((a, ANC.category, concept("category", c)))
        if territory is not None:
            self.g.add((a, ANC.locatedIn, territory))
        for w in worlds:
            self.g.add((a, ANC.world, concept("world", w)))
        for q in levels:
            self.g.add((a, ANC.qualificationLevel, Literal(q, datatype=XSD_INTEGER)))
        for s in scales:
            self.g.add((a, ANC.interventionScale, concept("scale", s)))
        if member_count is not None:
            self.g.add((a, ANC.memberCount, Literal(member_count, datatype=XSD_INTEGER)))
        if part_of is not None:
            self.g.add((a, ORG.subOrganizationOf, part_of))
        return a

    def committee(self, key: str, label: str, territory=None) -> URIRef:
        c = entity("committee", key)
        self.g.add((c, RDF.type, ANC.LocalCommittee))
        self.g.add((c, SKOS.prefLabel, Literal(label, lang="fr")))
        if territory is not None:
            self.g.add((c, ANC.territory, territory))
        return c

    # -- relations -----------------------------------------------------------------------------
    def _node(self, kind: str) -> URIRef:
        self._n += 1
        return entity(kind, f"n{self._n}")

    @staticmethod
    def _dates(g, node, start, end):
        if start:
            g.add((node, SCHEMA.startDate, Literal(dt.date.fromisoformat(start), datatype=XSD_DATE)))
        if end:
            g.add((node, SCHEMA.endDate, Literal(dt.date.fromisoformat(end), datatype=XSD_DATE)))

    def _status(self, node, status) -> None:
        if status:
            self.g.add((node, ANC.statementStatus, concept("statement-status", status)))

    def member(self, actor, organisation, role="membre", start=None, end=None, participation=None,
               status=None) -> URIRef:
        m = self._node("membership")
        self.g.add((m, RDF.type, ANC.Membership))
        self.g.add((m, ORG.member, actor))
        self.g.add((m, ORG.organization, organisation))
        if role:
            self.g.add((m, ORG.role, concept("role", role)))
        if participation:
            self.g.add((m, ANC.participationLevel, concept("participation", participation)))
        self._dates(self.g, m, start, end)
        self._status(m, status)
        return m

    def partner(self, *actors, start=None, end=None, nature=(), status=None) -> URIRef:
        p = self._node("partnership")
        self.g.add((p, RDF.type, ANC.Partnership))
        for a in actors:
            self.g.add((p, ANC.participant, a))
        for n in nature:
            self.g.add((p, ANC.nature, concept("partnership-nature", n)))
        self._dates(self.g, p, start, end)
        self._status(p, status)
        return p

    def flow(self, source, target, direction=None, status=None) -> URIRef:
        f = self._node("flow")
        self.g.add((f, RDF.type, ANC.InformationFlow))
        self.g.add((f, ANC.flowFrom, source))
        self.g.add((f, ANC.flowTo, target))
        if direction:
            self.g.add((f, ANC.direction, concept("flow-direction", direction)))
        self._status(f, status)
        return f

    def representation(self, key: str, about: str, share: float, choice=None, legitimacy=True) -> URIRef:
        r = entity("representation", key)
        self.g.add((r, RDF.type, ANC.Representation))
        self.g.add((r, ANC.about, concept("category", about)))
        self.g.add((r, ANC.share, Literal(str(share), datatype=XSD_DECIMAL)))
        text = f"Légitimité à initier : {about}" if legitimacy else f"Répondants : {about}"
        self.g.add((r, SKOS.prefLabel, Literal(text, lang="fr")))
        if choice:
            self.g.add((r, ANC.choice, Literal(choice)))
        self.g.add((r, DCTERMS.source, entity("section", "seminaire-2018-s5")))
        return r

    # -- stores --------------------------------------------------------------------------------
    def source(self, id: str = "test") -> Source:
        return Source.from_rdflib(id, "Graphe de test", self.g)

    def store(self) -> Store:
        return Store.in_memory([self.source()])

    def disk_store(self, folder) -> Store:
        write_sources(folder, [self.source()], fresh=True)
        return Store.open(folder)


def full_committee(b: Builder, t: dict, members: bool = True):
    """A committee of the Nord that passes every rule; returns (committee, {key: actor})."""
    c = b.committee("nord", "Comité local du travail social du Nord", t["nord"])
    hcts = b.actor("hcts", "Haut Conseil du travail social", ["instances-nationales"], t["fr"])
    other = b.committee("reunion", "Comité local de La Réunion")
    b.flow(hcts, c, "descendant")
    b.flow(c, hcts, "ascendant")
    b.flow(c, other, "transversal")
    specs = [
        ("cd59", "Conseil départemental du Nord", ["collectivite-departement"], t["nord"], ["social"], ()),
        ("region-hdf", "Région Hauts-de-France", ["collectivite-region"], t["hdf"], ["education-formation"], ()),
        ("mel", "Métropole Européenne de Lille", ["collectivite-epci"], t["mel"], ["amenagement"], ()),
        ("ccas-lille", "CCAS de Lille", ["collectivite-commune"], t["lille"], ["social"], ()),
        ("uriopss", "URIOPSS Hauts-de-France", ["federation"], t["hdf"], ["social"], ()),
        ("apf", "Association gestionnaire APF", ["association-gestionnaire"], t["lille"], ["social"], ()),
        ("secours", "Secours populaire du Nord", ["association-caritative"], t["nord"], ["animation"], ()),
        ("ddcs", "Direction départementale de la cohésion sociale", ["services-deconcentres"], t["nord"], ["social"], ()),
        ("caf59", "CAF du Nord", ["protection-sociale"], t["nord"], ["social"], ()),
        ("irts", "IRTS Hauts-de-France", ["formation"], t["lille"], ["education-formation"], ()),
        ("univ-lille", "Université de Lille", ["universite-recherche"], t["lille"], ["education-formation"], ()),
        ("cfdt", "Union départementale CFDT", ["partenaires-sociaux"], t["nord"], ["economie"], ()),
        ("anas", "ANAS délégation Nord", ["representants-professionnels"], t["nord"], ["social"], ()),
        ("crpa", "CRPA Hauts-de-France", ["representants-personnes-accompagnees"], t["hdf"], ["social"], ()),
        ("elus59", "Élus départementaux du Nord", ["elus"], t["nord"], ["social"], ()),
        ("ts-terrain", "Travailleurs sociaux de terrain du Nord", ["travailleurs-sociaux"], t["roubaix"], ["social"], (5, 4, 3)),
        ("ts-cadres", "Travailleurs sociaux diplômés de niveau 2 et 1", ["travailleurs-sociaux"], t["lille"], ["social"], (2, 1)),
        ("cadres", "Cadres et employeurs du secteur", ["encadrement-employeurs"], t["nord"], ["social"], ()),
        ("quartier", "Centre social de Fives", ["developpement-social"], t["lille"], ["animation"], ()),
    ]
    actors = {}
    for key, label, cats, terr, worlds, levels in specs:
        cls = ANC.Group if key in ("ts-terrain", "ts-cadres", "cadres", "elus59") else ANC.Organisation
        actors[key] = b.actor(key, label, cats, terr, cls=cls, worlds=worlds, levels=levels)
    actors["people"] = b.actor("groupe-ressource", "Groupe ressource des personnes accompagnées du Nord",
                               ["personnes-accompagnees"], t["nord"], cls=ANC.Group, worlds=["social"])
    if members:
        for key, a in actors.items():
            b.member(a, c, role="porteur" if key == "cd59" else "membre", start="2018-09-21",
                     participation="co-construction" if key == "cd59" else None)
    actors["hcts"] = hcts
    return c, actors
