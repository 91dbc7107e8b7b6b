"""Missing-partner suggestions: named actors of the graph, each with a score whose parts are shown.

For a committee, :func:`gaps_of` lists what it lacks (categories of the partner typology tied to
a rule, worlds, territorial levels). :func:`suggest` then ranks the actors that would fill a gap:

``score = gap + worlds + level + location + proximity + legitimacy``

* ``gap``: the sum of the weights of the absent categories the actor has (:data:`GAP_WEIGHTS`);
* ``worlds``: :data:`MOINE_WORLD_WEIGHT` per absent world of Moine it brings (social,
  animation, economy, planning), :data:`OTHER_WORLD_WEIGHT` per other absent world;
* ``level``: :data:`LEVEL_WEIGHT` if it sits at a territorial level no member sits at;
* ``location``: where it sits (:data:`LOCATION_WEIGHTS`: on the committee's territory, nested
  in it, at a level above, national);
* ``proximity``: ``0.25 × members it is already linked to + 0.5 × Adamic–Adar`` over the
  partners it shares with the members (each shared partner ``z`` counts ``1 / ln(degree z)``),
  capped at :data:`PROXIMITY_CAP`;
* ``legitimacy``: the highest share of survey respondents (section 5) who see its category as
  legitimate to initiate a committee, read from ``anc:Representation`` in the store.

**Local first.** The list is ordered by where the actor sits before its score: on the
committee's territory or inside it, then at a containing level; national bodies (located at the
national level, of category ``instances-nationales`` or ``administration-centrale``, or units of
one) are never mixed in: :func:`suggestions` lists them apart as *national relays*. A category
gap that no actor of the territory fills is listed as *missing locally*, with the kind of actor
expected (:data:`EXPECTED_KINDS`, e.g. "la caisse d'allocations familiales du département"):
the graph never invents one.

Never suggested: a current member, an actor declared the same (``owl:sameAs``) as a member, the
institution a member belongs to, its parents and every unit of it (``org:subOrganizationOf``,
:func:`member_institutions`), the committee itself, another committee or a working group,
an actor with no location or located outside the committee's territory and the territories
containing it, a person with no public role recorded, a group of people receiving support whose
name looks like an individual's. Ties are broken by IRI: the same graph gives the same ranking.

On a local store the neighbours, the located actors and what is kept of each candidate come from
the store's index (:mod:`kg.gaps.index`, built once per store version and kept on disk); a
remote endpoint is read through SPARQL. Both give the same suggestions.
"""

from __future__ import annotations

import datetime as dt
import math

from ..identity import OWL_SAME_AS
from ..namespaces import SCHEMES, concept
from ..read.labels import label_from
from ..read.lookups import lookups
from ..read.candidates import looks_like_individual
from .composition import store_labeler
from .facts import UNIT_PATH, CommitteeFacts, Member, _chunks, _values, fold, national_bodies, shared_facts, territory_scope
from .model import Gap, MissingLocal, Suggestion, Suggestions
from .rules import effective_categories
from .vocab import LINKED_LEVELS, MOINE_WORLDS, code_of, scheme_of

#: Weight of an absent category, and the rules that ask for it.
GAP_WEIGHTS: dict[str, tuple[float, tuple[str, ...]]] = {
    "personnes-accompagnees": (3.0, ("R1",)),
    "travailleurs-sociaux": (3.0, ("R2", "R7")),
    "encadrement-employeurs": (2.0, ("R2",)),
    "elus": (2.0, ("R10",)),
    "federation": (2.0, ("R4", "R10")),
    "representants-personnes-accompagnees": (2.0, ("R4", "R10")),
    "collectivite-region": (1.0, ("R4",)),
    "collectivite-departement": (1.0, ("R4",)),
    "collectivite-epci": (1.0, ("R4",)),
    "association-gestionnaire": (1.0, ("R4",)),
    "association-caritative": (1.0, ("R4",)),
    "services-etat": (1.0, ("R4",)),
    "protection-sociale": (1.0, ("R4",)),
    "formation": (1.0, ("R4",)),
    "universite-recherche": (1.0, ("R4",)),
    "partenaires-sociaux": (1.0, ("R4",)),
    "representants-professionnels": (1.0, ("R4",)),
    "developpement-social": (0.5, ("R5",)),
}
MOINE_WORLD_WEIGHT = 0.5
OTHER_WORLD_WEIGHT = 0.25
LEVEL_WEIGHT = 0.5
LOCATION_WEIGHTS = {"same": 1.0, "inside": 0.75, "above": 0.5, "national": 0.25}
PROXIMITY_CAP = 1.5


def gaps_of(facts: CommitteeFacts, labeler=None) -> list[Gap]:
    """What a committee lacks, heaviest first (ties by key).

    >>> facts = CommitteeFacts("https://ex.org/c", "C", dt.date(2020, 1, 1))
    >>> [g.key for g in gaps_of(facts)][:3]
    ['category:personnes-accompagnees', 'category:travailleurs-sociaux', 'category:elus']
    """
    lab = labeler or (lambda scheme, code: {"fr": code, "en": code})
    present = set()
    for m in facts.members:
        present |= effective_categories(m)
    worlds = {w for m in facts.members for w in m.worlds} | set(facts.committee_worlds)
    levels = {lv for m in facts.members for lv in m.levels}
    gaps = [Gap("category", c, w, rules, lab("category", c)) for c, (w, rules) in GAP_WEIGHTS.items()
            if c not in present]
    gaps += [Gap("world", w, MOINE_WORLD_WEIGHT if w in MOINE_WORLDS else OTHER_WORLD_WEIGHT, ("R5",),
                 lab("world", w)) for w in SCHEMES["world"] if w not in worlds]
    gaps += [Gap("level", lv, LEVEL_WEIGHT, ("R9",), lab("level", lv)) for lv in LINKED_LEVELS if lv not in levels]
    return sorted(gaps, key=lambda g: (-g.weight, g.kind != "category", g.key))


# ---------------------------------------------------------------------------------------------
# Privacy: who may never be suggested
# ---------------------------------------------------------------------------------------------

def _public_role_holders(store, persons: list[str]) -> set[str]:
    """Persons with a public role recorded (a membership, a post, an organisation, a job title)."""
    return lookups(store).public_roles(persons)


# ---------------------------------------------------------------------------------------------
# Network proximity
# ---------------------------------------------------------------------------------------------

def neighbours(store, iris) -> dict[str, set[str]]:
    """Actor neighbours of each IRI in the actor network (memberships, partnerships, flows…)."""
    return lookups(store).neighbours(iris)


def proximity(store, committee: str, members: set[str], among=None):
    """``(direct, common)``: for each actor, the members it is linked to, and the partners it
    shares with the members with their Adamic–Adar terms ``{z: 1 / ln(deg z)}``.

    ``among``: only these actors are wanted in ``common`` (their entries are the same); with
    the store's index, their partners are then looked up from their side, not from every
    partner of the members (hubs have thousands).
    """
    if not members:
        return {}, {}
    n1 = neighbours(store, members)
    direct: dict[str, set[str]] = {}
    for m, ys in n1.items():
        for y in ys:
            direct.setdefault(y, set()).add(m)
    z_set = set().union(*n1.values()) - {committee}
    return direct, lookups(store).common_partners(z_set, among)


# ---------------------------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------------------------

LEGITIMACY_WORD = "legitim"


def legitimacy_figures(store) -> dict[str, list[dict]]:
    """Survey figures on the legitimacy to initiate a committee, by category.

    ``{category code: [{representation, about, share, choice, sources}]}``, highest share first.
    A legitimacy figure is an ``anc:Representation`` about a category concept whose label (or
    IRI) speaks of legitimacy ("Légitimité à initier…"); other survey figures about categories
    (e.g. the share of respondents who are social workers) are not legitimacy and are left out.
    """
    return lookups(store).remember("legitimacy", lambda: _legitimacy_figures(store))


def _legitimacy_figures(store) -> dict[str, list[dict]]:
    rows = store.select(
        "SELECT ?r ?about ?share ?choice ?src ?label WHERE { ?r a anc:Representation ; anc:about ?about ; "
        "anc:share ?share . OPTIONAL { ?r anc:choice ?choice } OPTIONAL { ?r dct:source ?src } "
        "OPTIONAL { ?r skos:prefLabel|rdfs:label ?label } }").rows
    legit = {r for r, _, _, _, _, label in rows
             if LEGITIMACY_WORD in fold(str(r)) or (label and LEGITIMACY_WORD in fold(str(label)))}
    figures: dict[str, dict[str, dict]] = {}
    for r, about, share, choice, src, _label in rows:
        if scheme_of(str(about)) != "category" or r not in legit:
            continue
        entry = figures.setdefault(code_of(about), {}).setdefault(
            r, {"representation": r, "about": code_of(about), "share": float(share),
                "choice": str(choice) if choice else None, "sources": []})
        if src and str(src) not in entry["sources"]:
            entry["sources"].append(str(src))
    return {c: sorted(v.values(), key=lambda e: (-e["share"], e["representation"])) for c, v in figures.items()}


def _candidates(store, scope, exclude: set[str], lang: str) -> list[Member]:
    territories = scope.own | scope.inside | scope.above
    look = lookups(store)
    located = {a: ts for a, ts in look.located(territories).items() if a not in exclude}
    if not located:
        return []
    bases = look.candidate_bases(located, lang)
    out = []
    for a in sorted(located):
        if bases[a] is None:
            continue
        label, kind, categories, worlds = bases[a]
        terrs = tuple(sorted(located[a], key=lambda t: (_LOC_ORDER[scope.where(t)], t)))
        out.append(Member(
            iri=a, label=label, kind=kind, categories=categories, roles=(), territories=terrs,
            levels=tuple(sorted({scope.levels[t] for t in terrs if t in scope.levels})),
            worlds=worlds, scales=(), qualification_levels=(), institution=a, institution_label=label))
    return out


_LOC_ORDER = {"same": 0, "inside": 1, "above": 2, "national": 3, None: 4}


#: Categories of national bodies: listed apart as national relays, wherever they are located.
NATIONAL_CATEGORIES = {"instances-nationales", "administration-centrale"}
#: Where an actor sits, in the order the list shows them (local first).
TIERS = {"same": 0, "inside": 0, "above": 1, "national": 2}

#: The kind of actor expected for a category gap that no actor of the territory fills.
EXPECTED_KINDS: dict[str, tuple[str, str]] = {
    "personnes-accompagnees": ("un groupe de personnes accompagnées du territoire (groupe ressource, CRPA local)",
                               "a group of people receiving support on the territory (resource group, local CRPA)"),
    "travailleurs-sociaux": ("des travailleurs sociaux de terrain des services du territoire",
                             "front-line social workers of the territory's services"),
    "encadrement-employeurs": ("l'encadrement d'un employeur du territoire (service départemental, CCAS, association)",
                               "managers of an employer on the territory (département service, CCAS, association)"),
    "elus": ("les élus délégués aux solidarités du conseil départemental ou de la ville principale",
             "the councillors for social affairs of the county council or the main town"),
    "federation": ("l'union départementale des associations familiales (UDAF) ou une fédération du territoire",
                   "the departmental union of family associations (UDAF) or a federation of the territory"),
    "representants-personnes-accompagnees": ("une association de représentants des personnes accompagnées du "
                                             "territoire", "an association representing people receiving support "
                                                           "on the territory"),
    "collectivite-region": ("le conseil régional", "the regional council"),
    "collectivite-departement": ("le conseil départemental", "the county council (département)"),
    "collectivite-epci": ("l'intercommunalité (EPCI) de la ville principale ou son CIAS",
                          "the intercommunality (EPCI) of the main town or its CIAS"),
    "collectivite-commune": ("le CCAS de la ville principale", "the CCAS of the main town"),
    "association-gestionnaire": ("une association gestionnaire d'établissements et services du département",
                                 "an association running establishments and services in the département"),
    "association-caritative": ("une association caritative du département (antenne départementale)",
                               "a charity of the département (its departmental branch)"),
    "services-etat": ("les services de l'État du département (préfecture, DDETS)",
                      "the State services of the département (prefecture, DDETS)"),
    "protection-sociale": ("la caisse d'allocations familiales du département (CAF), la MSA ou la CPAM",
                           "the family-allowance fund of the département (CAF), the MSA or the CPAM"),
    "formation": ("l'institut régional du travail social (IRTS) ou une école de travail social de la région",
                  "the regional social-work institute (IRTS) or a social-work school of the région"),
    "universite-recherche": ("l'université ou un laboratoire de la région", "the university or a laboratory of the région"),
    "partenaires-sociaux": ("les unions départementales des syndicats de salariés et d'employeurs",
                            "the departmental unions of employees' and employers' organisations"),
    "representants-professionnels": ("une association professionnelle de travailleurs sociaux du territoire",
                                     "a professional association of social workers on the territory"),
    "developpement-social": ("un acteur du développement social local (centre social, régie de quartier)",
                             "a local social-development actor (social centre, neighbourhood agency)"),
}


#: Categories whose expected actor sits at the région: a candidate at a containing level is local enough.
REGIONAL_KINDS = {"collectivite-region", "formation", "universite-recherche"}


def member_institutions(store, members: set[str]) -> set[str]:
    """Every actor that is a member under another name or the same institution as a member: the
    members, the actors declared the same (``owl:sameAs``, either way), the top of each one's
    ``org:subOrganizationOf`` chain, its parents, and every unit below those tops."""
    if not members:
        return set()
    same = set(members)
    for chunk in _chunks(sorted(members)):
        for a, b in store.select(
                f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {_values(chunk)} }} "
                f"{{ ?a <{OWL_SAME_AS}> ?b }} UNION {{ ?b <{OWL_SAME_AS}> ?a }} }}").rows:
            same.add(b)
    tops = set(same)
    for chunk in _chunks(sorted(same)):
        tops |= {r[0] for r in store.select(
            f"SELECT DISTINCT ?top WHERE {{ VALUES ?a {{ {_values(chunk)} }} ?a {UNIT_PATH}+ ?top }}").rows}
    related = set(tops)
    for chunk in _chunks(sorted(tops)):
        related |= {r[0] for r in store.select(
            f"SELECT DISTINCT ?u WHERE {{ VALUES ?top {{ {_values(chunk)} }} ?u {UNIT_PATH}+ ?top }}").rows}
    return related


def suggest(store, committee: str, limit: int | None = 20, at: dt.date | None = None,
            lang: str = "fr") -> list[Suggestion]:
    """Rank the local actors that would fill the committee's gaps (national relays left out:
    see :func:`suggestions`); the module docstring explains the order and the score.

    >>> from kg.store import Store
    >>> from kg.sources import Source
    >>> nt = ['<https://w3id.org/ancrage/id/committee/demo> '
    ...       '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#LocalCommittee> .']
    >>> suggest(Store.in_memory([Source.from_ntriples("t", "t", nt)]), "demo")
    []
    """
    return suggestions(store, committee, limit=limit, at=at, lang=lang).local


def suggestions(store, committee: str, limit: int | None = 20, at: dt.date | None = None,
                lang: str = "fr", national_limit: int | None = 10) -> Suggestions:
    """Local suggestions (local first), national relays apart, and the gaps with no local candidate."""
    facts = shared_facts(store, committee, at=at, lang=lang)
    lab = store_labeler(store)
    gaps = gaps_of(facts, lab)
    by_key = {g.key: g for g in gaps}
    scope = territory_scope(store, facts.territory, facts.territory_parts)
    members = facts.member_iris
    excluded = member_institutions(store, members) | members | {facts.iri}
    cands = _candidates(store, scope, excluded, lang)
    direct, common = proximity(store, facts.iri, members, among={c.iri for c in cands}) if cands else ({}, {})
    figures = legitimacy_figures(store) if cands else {}
    national = national_bodies(store) if cands else set()
    member_labels = {m.iri: m.label for m in facts.members}
    tprops = lookups(store).territory_labels({c.territories[0] for c in cands})  # only their labels are read
    scored = []
    for c in cands:
        cats = effective_categories(c)
        filled = [by_key[f"category:{k}"] for k in sorted(cats) if f"category:{k}" in by_key]
        worlds = [by_key[f"world:{w}"] for w in c.worlds if f"world:{w}" in by_key]
        levels = [by_key[f"level:{lv}"] for lv in c.levels if f"level:{lv}" in by_key][:1]
        if not (filled or worlds or levels):
            continue
        territory = c.territories[0]
        where = scope.where(territory)
        if c.iri in national or set(c.categories) & NATIONAL_CATEGORIES:
            where = "national"
        links = sorted(direct.get(c.iri, set()))
        shared = common.get(c.iri, {})
        aa = round(math.fsum(shared.values()), 4)  # exact sum: the same whatever the order
        legit = None
        for k in sorted(cats):
            for fig in figures.get(k, []):
                if legit is None or (fig["share"], legit["representation"]) > (legit["share"], fig["representation"]):
                    legit = fig
        parts = {
            "gap": round(sum(g.weight for g in filled), 4),
            "worlds": round(sum(g.weight for g in worlds), 4),
            "level": round(sum(g.weight for g in levels), 4),
            "location": LOCATION_WEIGHTS[where],
            "proximity": round(min(PROXIMITY_CAP, 0.25 * len(links) + 0.5 * aa), 4),
            "legitimacy": round(legit["share"], 4) if legit else 0.0,
        }
        score = round(sum(parts.values()), 4)
        tlabel = label_from(tprops.get(territory, {}), territory, lang)
        reasons = _reasons(filled, worlds, levels, where, tlabel, facts, links, member_labels, shared, legit, lab)
        scored.append([score, c, territory, tlabel, where, filled + worlds + levels, parts, links, shared, aa,
                       legit, reasons])
    scored.sort(key=lambda s: (TIERS[s[4]], -s[0], s[1].iri))
    local = [s for s in scored if s[4] != "national"]
    relays = [s for s in scored if s[4] == "national"]

    shown = [s[1].iri for s in (local[:limit] if limit else local) + (relays[:national_limit] if national_limit else relays)]
    presumed = presumed_actors(store, shown)
    for row in local + relays:
        if row[1].iri in presumed:
            row[11] = _with_presumed(row[11], presumed[row[1].iri])

    def made(rows, cap):
        return [Suggestion(
            rank=rank, actor=c.iri, label=c.label, kind=c.kind, categories=c.categories, territory=territory,
            territory_label=tlabel, location=where, gaps=tuple(g.key for g in filled), parts=parts, score=score,
            direct_links=tuple(links), common_partners=tuple(sorted(shared)), adamic_adar=aa,
            legitimacy=legit, reasons=reasons)
            for rank, (score, c, territory, tlabel, where, filled, parts, links, shared, aa, legit, reasons)
            in enumerate(rows[:cap] if cap else rows, start=1)]

    filled_by = {}
    for s in local:
        for g in s[5]:
            filled_by[g.key] = min(filled_by.get(g.key, 9), TIERS[s[4]])
    missing = [MissingLocal(g.key, g.label, {"fr": EXPECTED_KINDS[g.code][0], "en": EXPECTED_KINDS[g.code][1]},
                            g.rules)
               for g in gaps if g.kind == "category" and g.code in EXPECTED_KINDS
               and filled_by.get(g.key, 9) > (1 if g.code in REGIONAL_KINDS else 0)]
    return Suggestions(made(local, limit), made(relays, national_limit), missing)


def presumed_actors(store, actors: list[str]) -> dict[str, dict]:
    """Among ``actors``, those the graph only presumes (``anc:status`` presumed, e.g. the CCAS of a
    commune of 1,500 inhabitants and more): actor → its basis in French and English."""
    if not actors:
        return {}
    values = _values(sorted(set(actors)))
    rows = store.select(f"""SELECT ?a ?basis ?lang WHERE {{ VALUES ?a {{ {values} }}
        ?a anc:status <{concept("status", "presume")}> .
        OPTIONAL {{ ?a anc:statusBasis ?basis BIND(LANG(?basis) AS ?lang) }} }}""").rows
    out: dict[str, dict] = {}
    for a, basis, lang in rows:
        d = out.setdefault(str(a), {})
        if basis is not None:
            d[str(lang or "fr")] = str(basis)
    return out


def _with_presumed(reasons: dict, basis: dict) -> dict:
    """The reasons, saying first that the actor is presumed, not known (issue 14)."""
    fr = "acteur présumé, pas attesté" + (f" ({basis['fr']})" if basis.get("fr") else "") + " : à vérifier"
    en = "presumed actor, not attested" + (f" ({basis['en']})" if basis.get("en") else "") + ": to be checked"
    return {"fr": fr + "; " + reasons["fr"], "en": en + "; " + reasons["en"]}


def _reasons(filled, worlds, levels, where, tlabel, facts, links, member_labels, shared, legit, lab) -> dict:
    fr, en = [], []
    for g in filled:
        if g.kind == "category":
            fr.append(f"catégorie absente : {g.label['fr']} ({', '.join(g.rules)})")
            en.append(f"absent category: {g.label['en']} ({', '.join(g.rules)})")
    if worlds:
        fr.append("monde nouveau : " + ", ".join(g.label["fr"] for g in worlds))
        en.append("new world: " + ", ".join(g.label["en"] for g in worlds))
    if levels:
        fr.append("niveau nouveau : " + ", ".join(g.label["fr"] for g in levels))
        en.append("new level: " + ", ".join(g.label["en"] for g in levels))
    where_fr = {"same": f"situé sur le territoire du comité ({tlabel})",
                "inside": f"situé dans {tlabel}, sur le territoire du comité",
                "above": f"situé au niveau supérieur ({tlabel})",
                "national": f"niveau national ({tlabel})"}[where]
    where_en = {"same": f"located on the committee's territory ({tlabel})",
                "inside": f"located in {tlabel}, within the committee's territory",
                "above": f"located at a level above ({tlabel})",
                "national": f"national level ({tlabel})"}[where]
    fr.append(where_fr)
    en.append(where_en)
    if links:
        n = len(links)
        fr.append(f"déjà lié à {n} membre{'s' if n > 1 else ''} ({', '.join(sorted(member_labels[m] for m in links)[:3])})")
        en.append(f"already linked to {n} member{'s' if n > 1 else ''} "
                  f"({', '.join(sorted(member_labels[m] for m in links)[:3])})")
    if shared:
        n = len(shared)
        fr.append(f"{n} partenaire{'s' if n > 1 else ''} en commun avec les membres")
        en.append(f"{n} partner{'s' if n > 1 else ''} in common with members")
    if legit:
        share = f"{round(100 * legit['share'], 1):g}"
        choice = f" ({legit['choice']})" if legit.get("choice") else ""
        choice_en = f" ({SURVEY_CHOICES_EN.get(legit['choice'], legit['choice'])})" if legit.get("choice") else ""
        fr.append(f"légitimité à initier selon l'enquête : {share.replace('.', ',')} %{choice}")
        en.append(f"legitimacy to initiate in the survey: {share}%{choice_en}")
    return {"fr": "; ".join(fr), "en": "; ".join(en)}


#: The survey's answer kinds (``anc:choice``, French in the source) in English.
SURVEY_CHOICES_EN = {"1er choix": "first choice", "1er et 2e choix": "first and second choices",
                     "2e choix": "second choice"}


__all__ = ["suggest", "suggestions", "member_institutions", "EXPECTED_KINDS", "gaps_of", "looks_like_individual", "neighbours", "proximity", "legitimacy_figures",
           "GAP_WEIGHTS", "LOCATION_WEIGHTS", "PROXIMITY_CAP"]
