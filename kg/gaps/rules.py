"""The rules R1–R12 a local committee is checked against (domain.md, sections 4, 6 and 7 of the source).

Each rule reads :class:`kg.gaps.facts.CommitteeFacts` and returns a :class:`kg.gaps.model.Finding`
with a severity (``ok``, ``warning``, ``failure``, ``unknown``), its evidence (members, counts,
shares, Herfindahl index), a sentence in French and English, the section(s) of the source it
rests on, and a small table for the report. What each rule rests on (the verbatim passage, who
said it, its status, the product's operationalisation) is :mod:`kg.gaps.grounds`; thresholds are
settings (:mod:`kg.gaps.thresholds`), the product's choices, printed in every report.

A committee with no member known gets ``unknown`` (never ``failure``) for every rule that
depends on its members. With fewer than :data:`MIN_KNOWN` members known, a verdict that rests on
an *absence* (nobody of this category, too few levels…) is not conclusive either: it becomes
``unknown``, the verdict it would have had being kept in the evidence.

>>> herfindahl([0.5, 0.5])
0.5
>>> herfindahl([])
0.0
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from .facts import CommitteeFacts, Member
from .grounds import RULE_GROUNDS
from .model import Finding
from .thresholds import USED_BY, Thresholds
from .vocab import LINKED_LEVELS, MOINE_WORLDS, family, section_iri

#: The default thresholds (the product's choices; :mod:`kg.gaps.thresholds`, settings ``gaps_*``).
DEFAULTS = Thresholds()
MIN_KNOWN, R4_OK, R4_WARNING = DEFAULTS.min_known, DEFAULTS.r4_ok, DEFAULTS.r4_warning
HHI_WARNING, SHARE_FAILURE, SHARE_WARNING = DEFAULTS.hhi_warning, DEFAULTS.share_failure, DEFAULTS.share_warning
R9_OK, R9_WARNING = DEFAULTS.r9_ok, DEFAULTS.r9_warning

#: R4: the partners section 6 of the source lists ("l'ouverture au partenariat").
R4_EXPECTED = [
    "collectivite-region", "collectivite-departement", "collectivite-epci", "federation",
    "association-gestionnaire", "association-caritative", "services-etat", "protection-sociale",
    "formation", "universite-recherche", "partenaires-sociaux", "representants-professionnels",
    "representants-personnes-accompagnees",
]
#: R10: who must be mobilised (section 7.5).
R10_EXPECTED = ["elus", "federation", "representants-personnes-accompagnees"]

#: Level of a territory -> the narrower "collectivité" category a territorial authority there is.
COLLECTIVITE_BY_LEVEL = {"region": "collectivite-region", "departement": "collectivite-departement",
                         "intercommunalite": "collectivite-epci", "commune": "collectivite-commune"}

#: Title of each rule; what it rests on is in :data:`kg.gaps.grounds.RULE_GROUNDS`.
RULE_TITLES = {
    "R1": {"fr": "Personnes accompagnées membres à part entière", "en": "People receiving support are full members"},
    "R2": {"fr": "Travailleurs sociaux de terrain et encadrement, sans surreprésentation des cadres",
           "en": "Front-line social workers and managers, managers not over-represented"},
    "R3": {"fr": "Distinction entre personnes accompagnées et leurs représentants",
           "en": "People receiving support distinct from their representatives"},
    "R4": {"fr": "Ouverture au-delà des partenaires habituels", "en": "Openness beyond the usual partners"},
    "R5": {"fr": "Pas dédié à un seul segment (métier, secteur, public, thème)",
           "en": "Not dedicated to a single segment (profession, sector, public, theme)"},
    "R6": {"fr": "Pas de corporatisme professionnel ou institutionnel", "en": "No professional or institutional corporatism"},
    "R7": {"fr": "Approche généraliste : tous les métiers, niveaux 5 à 1",
           "en": "Generalist: all social-work professions, levels 5 to 1"},
    "R8": {"fr": "Liens avec le HCTS dans les deux sens et entre comités",
           "en": "Links with the HCTS both ways and between committees"},
    "R9": {"fr": "Plusieurs échelles reliées", "en": "Several scales linked"},
    "R10": {"fr": "Élus, fédérations associatives et associations d'usagers mobilisés",
            "en": "Elected officials, associative federations and user associations involved"},
    "R11": {"fr": "Travailleurs sociaux membres, associés aux orientations et décisions",
            "en": "Social workers as members, part of orientations and decisions"},
    "R12": {"fr": "Au-delà des relations de financeurs à prestataires",
            "en": "Beyond funder–provider relations"},
}


def rule_sources(rule_id: str) -> tuple[str, ...]:
    """IRIs of the sections the rule's quotes come from, in order.

    >>> [s.rsplit("-", 2)[-2:] for s in rule_sources("R9")]
    [['2018', 's4']]
    """
    seen: list[str] = []
    for q in RULE_GROUNDS[rule_id].quotes:
        key = "s" + q.section.replace(".", "-")
        if key not in seen:
            seen.append(key)
    return tuple(section_iri(k) for k in seen)


Labeler = Callable[[str, str], dict]  # (scheme, code) -> {"fr": ..., "en": ...}


def herfindahl(shares) -> float:
    """Herfindahl–Hirschman index: the sum of squared shares (1 = one holder of everything)."""
    return round(float(sum(s * s for s in shares)), 4)


def plain_labeler(scheme: str, code: str) -> dict:
    """A labeler that shows codes (when no store labels are at hand).

    >>> plain_labeler("category", "elus")
    {'fr': 'elus', 'en': 'elus'}
    """
    return {"fr": code, "en": code}


# ---------------------------------------------------------------------------------------------
# Helpers over members
# ---------------------------------------------------------------------------------------------

def effective_categories(m: Member) -> set[str]:
    """A member's categories, their families, and the narrower "collectivité" its level implies.

    >>> m = Member("x", "X", "Organisation", ("collectivite-territoriale",), (), (), ("departement",),
    ...            (), (), (), "x", "X")
    >>> sorted(effective_categories(m))
    ['collectivite-departement', 'collectivite-territoriale']
    """
    cats = set(m.categories) | {family(c) for c in m.categories}
    if "collectivite-territoriale" in cats and not any(c in COLLECTIVITE_BY_LEVEL.values() for c in cats):
        cats |= {COLLECTIVITE_BY_LEVEL[lv] for lv in m.levels if lv in COLLECTIVITE_BY_LEVEL}
    return cats


def with_category(members: list[Member], code: str) -> list[Member]:
    return [m for m in members if code in effective_categories(m)]


def ref(m: Member) -> dict:
    return {"iri": m.iri, "label": m.label}


def names(members: list[Member], limit: int = 4) -> dict:
    """``"A, B et 2 autres"`` in French and English."""
    labels = sorted(m.label for m in members)
    if not labels:
        return {"fr": "aucun", "en": "none"}
    head = ", ".join(labels[:limit])
    rest = len(labels) - limit
    if rest > 0:
        return {"fr": f"{head} et {rest} autre{'s' if rest > 1 else ''}",
                "en": f"{head} and {rest} other{'s' if rest > 1 else ''}"}
    return {"fr": head, "en": head}


def yes_no(flag: bool) -> dict:
    return {"fr": "oui", "en": "yes"} if flag else {"fr": "non", "en": "no"}


def dec(x: float) -> str:
    """A decimal number written the French way.

    >>> dec(0.25)
    '0,25'
    """
    return f"{x:g}".replace(".", ",")


def pct(x: float) -> str:
    return f"{round(100 * x)} %"


def pct_en(x: float) -> str:
    return f"{round(100 * x)}%"


def pcts(x: float) -> dict:
    return {"fr": pct(x), "en": pct_en(x)}


def family_shares(members: list[Member]) -> dict[str, float]:
    """Share of each category family among members (an actor of k families counts 1/k each)."""
    weights: Counter = Counter()
    for m in members:
        fams = sorted({family(c) for c in m.categories}) or ["(sans catégorie)"]
        for f in fams:
            weights[f] += 1 / len(fams)
    total = sum(weights.values())
    return {f: round(w / total, 4) for f, w in sorted(weights.items())} if total else {}


@dataclass
class Verdict:
    severity: str
    fr: str
    en: str
    evidence: dict
    table: dict
    absence: bool = False  # the verdict rests on an absence (inconclusive with few members)


def _table(cols_fr: list[str], cols_en: list[str], rows: list[list]) -> dict:
    return {"columns": {"fr": cols_fr, "en": cols_en}, "rows": rows}


# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------

def r1(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    people = with_category(f.members, "personnes-accompagnees")
    full = [m for m in people if m.full]
    associated = [m for m in people if not m.full]
    ev = {"members_known": len(f.members), "people": [ref(m) for m in people],
          "full_members": [ref(m) for m in full], "associated_only": [ref(m) for m in associated]}
    def roles(m):
        if not m.roles:
            return "—"
        labels = [lab("role", r) for r in m.roles]
        return {"fr": ", ".join(x["fr"] for x in labels), "en": ", ".join(x["en"] for x in labels)}

    rows = [[m.label, roles(m), yes_no(m.full)] for m in sorted(people, key=lambda m: m.label)]
    table = _table(["Acteur", "Rôle(s)", "Membre à part entière"], ["Actor", "Role(s)", "Full member"], rows)
    if full:
        n = names(full)
        return Verdict("ok", f"Des personnes accompagnées sont membres à part entière du comité : {n['fr']}.",
                       f"People receiving support are full members of the committee: {n['en']}.", ev, table)
    if associated:
        n = names(associated)
        return Verdict("warning",
                       f"Des personnes accompagnées participent ({n['fr']}) mais seulement en groupe ressource "
                       f"ou de travail, pas comme membres à part entière (prérequis du HCTS).",
                       f"People receiving support take part ({n['en']}) but only in a resource or working "
                       f"group, not as full members (an HCTS prerequisite).", ev, table, absence=True)
    return Verdict("failure",
                   f"Aucune personne accompagnée parmi les {len(f.members)} membres connus : le HCTS en fait "
                   f"un prérequis (une ou plusieurs, membres à part entière).",
                   f"No person receiving support among the {len(f.members)} known members: the HCTS makes "
                   f"it a prerequisite (one or more, as full members).", ev, table, absence=True)


def r2(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    front = with_category(f.members, "travailleurs-sociaux")
    managers = with_category(f.members, "encadrement-employeurs")

    def persons(ms):
        known = [m.member_count for m in ms if m.member_count is not None]
        return sum(known) if known else None

    ev = {"members_known": len(f.members), "front_line": [ref(m) for m in front],
          "managers": [ref(m) for m in managers], "front_line_count": len(front),
          "managers_count": len(managers), "front_line_persons": persons(front),
          "managers_persons": persons(managers),
          "managers_per_front_line": round(len(managers) / len(front), 3) if front else None}
    table = _table(["Niveau", "Membres", "Personnes (si connu)"], ["Level", "Members", "People (if known)"],
                   [[{"fr": "terrain", "en": "front line"}, len(front), persons(front) or "—"],
                    [{"fr": "encadrement, employeurs", "en": "managers, employers"}, len(managers),
                     persons(managers) or "—"]])
    if not front:
        return Verdict("failure",
                       f"Aucun travailleur social de terrain parmi les {len(f.members)} membres connus.",
                       f"No front-line social worker among the {len(f.members)} known members.", ev, table,
                       absence=True)
    if not managers:
        return Verdict("warning",
                       f"Des travailleurs sociaux de terrain sont membres ({names(front)['fr']}) mais "
                       f"l'encadrement et les employeurs sont absents : chaque niveau doit être représenté.",
                       f"Front-line social workers are members ({names(front)['en']}) but managers and "
                       f"employers are missing: every level should be represented.", ev, table, absence=True)
    if len(managers) > len(front):
        return Verdict("warning",
                       f"L'encadrement est surreprésenté : {len(managers)} membres d'encadrement pour "
                       f"{len(front)} de terrain.",
                       f"Managers are over-represented: {len(managers)} management members for "
                       f"{len(front)} front-line ones.", ev, table)
    return Verdict("ok",
                   f"Terrain ({len(front)}) et encadrement ({len(managers)}) sont représentés, sans "
                   f"surreprésentation des cadres.",
                   f"Front line ({len(front)}) and management ({len(managers)}) are represented, managers "
                   f"not over-represented.", ev, table)


def r3(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    people = with_category(f.members, "personnes-accompagnees")
    reps = with_category(f.members, "representants-personnes-accompagnees")
    both = [m for m in people if m in reps]
    ev = {"members_known": len(f.members), "people": [ref(m) for m in people],
          "representatives": [ref(m) for m in reps], "confused": [ref(m) for m in both]}
    rows = [[m.label, {"fr": "personnes accompagnées", "en": "people receiving support"}] for m in people if m not in both]
    rows += [[m.label, {"fr": "représentants", "en": "representatives"}] for m in reps if m not in both]
    rows += [[m.label, {"fr": "les deux (confusion)", "en": "both (confused)"}] for m in both]
    table = _table(["Acteur", "Catégorie"], ["Actor", "Category"], sorted(rows, key=lambda r: r[0]))
    if both:
        n = names(both)
        return Verdict("failure",
                       f"{n['fr']} : classé(s) à la fois comme personnes accompagnées et comme leurs "
                       f"représentants ; la composition doit les distinguer clairement.",
                       f"{n['en']}: recorded both as people receiving support and as their representatives; "
                       f"the composition must tell them apart.", ev, table)
    if reps and not people:
        return Verdict("failure",
                       f"Les personnes accompagnées ne sont présentes que par leurs représentants "
                       f"({names(reps)['fr']}) : les représentants ne les remplacent pas.",
                       f"People receiving support are present only through their representatives "
                       f"({names(reps)['en']}): representatives do not stand in for them.", ev, table, absence=True)
    if people:
        extra_fr = f" ; leurs représentants siègent à part ({names(reps)['fr']})" if reps else ""
        extra_en = f"; their representatives sit separately ({names(reps)['en']})" if reps else ""
        return Verdict("ok", f"Les personnes accompagnées siègent en propre ({names(people)['fr']}){extra_fr}.",
                       f"People receiving support sit in their own right ({names(people)['en']}){extra_en}.",
                       ev, table)
    return Verdict("warning",
                   "Ni personnes accompagnées ni représentants parmi les membres connus : rien à distinguer "
                   "(voir R1).",
                   "Neither people receiving support nor their representatives among the known members: "
                   "nothing to tell apart (see R1).", ev, table, absence=True)


def r4(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    present = {c: [m for m in with_category(f.members, c)] for c in R4_EXPECTED}
    have = [c for c in R4_EXPECTED if present[c]]
    missing = [c for c in R4_EXPECTED if not present[c]]
    ev = {"members_known": len(f.members), "expected": R4_EXPECTED, "present": have, "absent": missing,
          "present_count": len(have), "expected_count": len(R4_EXPECTED),
          "by_category": {c: [ref(m) for m in present[c]] for c in have}}
    rows = [[lab("category", c), yes_no(bool(present[c])), names(present[c]) if present[c] else "—"]
            for c in R4_EXPECTED]
    table = _table(["Partenaire attendu", "Présent", "Membres"], ["Expected partner", "Present", "Members"], rows)
    miss_fr = ", ".join(lab("category", c)["fr"] for c in missing)
    miss_en = ", ".join(lab("category", c)["en"] for c in missing)
    counts = f"{len(have)}/{len(R4_EXPECTED)}"
    if len(have) >= th.r4_ok:
        sev = "ok"
    elif len(have) >= th.r4_warning:
        sev = "warning"
    else:
        sev = "failure"
    if not missing:
        return Verdict(sev, f"Toutes les familles de partenaires attendues sont présentes ({counts}).",
                       f"Every expected family of partners is present ({counts}).", ev, table)
    return Verdict(sev, f"{counts} familles de partenaires attendues sont présentes ; absentes : {miss_fr}.",
                   f"{counts} expected families of partners are present; absent: {miss_en}.", ev, table,
                   absence=True)


def r5(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    shares = family_shares(f.members)
    hhi = herfindahl(shares.values())
    worlds = sorted({w for m in f.members for w in m.worlds} | set(f.committee_worlds))
    top = min(shares.items(), key=lambda kv: (-kv[1], kv[0]), default=(None, 0.0))
    professions = Counter(p for m in f.members for p in m.professions)
    publics = Counter(p for m in f.members for p in m.publics)
    ev = {"members_known": len(f.members), "families": len(shares), "family_shares": shares,
          "hhi_categories": hhi, "largest_family": top[0], "largest_family_share": top[1],
          "worlds_present": worlds, "moine_worlds_absent": [w for w in MOINE_WORLDS if w not in worlds],
          "professions": dict(sorted(professions.items())), "publics": dict(sorted(publics.items()))}
    rows = [[lab("category", c) if not c.startswith("(") else c, round(s * len(f.members), 2), pcts(s)]
            for c, s in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))]
    table = _table(["Famille de catégories", "Membres", "Part"], ["Category family", "Members", "Share"], rows)
    wl_fr = ", ".join(lab("world", w)["fr"] for w in worlds) or "non renseignés"
    wl_en = ", ".join(lab("world", w)["en"] for w in worlds) or "not recorded"
    if len(shares) <= 1:
        c = lab("category", top[0])["fr"] if top[0] and not top[0].startswith("(") else "?"
        c_en = lab("category", top[0])["en"] if top[0] and not top[0].startswith("(") else "?"
        return Verdict("failure", f"Tous les membres relèvent d'une seule catégorie ({c}) : le comité est "
                                  f"dédié à un segment.",
                       f"Every member falls in a single category ({c_en}): the committee is dedicated to "
                       f"one segment.", ev, table, absence=True)
    for door, counts, scheme in (("profession", professions, "profession"), ("public", publics, "public")):
        recorded = [m for m in f.members if (m.professions if door == "profession" else m.publics)]
        if len(counts) == 1 and len(recorded) >= th.min_known and len(recorded) == len(f.members):
            only = lab(scheme, next(iter(counts)))
            door_fr = "un seul métier" if door == "profession" else "un seul public"
            door_en = "a single profession" if door == "profession" else "a single public"
            return Verdict("failure", f"Tous les membres relèvent de {door_fr} ({only['fr']}) : le comité entre par "
                                      f"une seule porte.",
                           f"Every member belongs to {door_en} ({only['en']}): the committee enters through a "
                           f"single door.", ev, table, absence=True)
    if len(worlds) == 1 and len(f.members) >= th.min_known:
        return Verdict("warning", f"Un seul monde représenté ({wl_fr}) : ouvrir à l'animation, l'économie, "
                                  f"l'aménagement…",
                       f"A single world represented ({wl_en}): open to community life, economy, planning…",
                       ev, table, absence=True)
    if hhi >= th.hhi_warning:
        return Verdict("warning", f"Composition concentrée : indice de Herfindahl {dec(hhi)} sur {len(shares)} "
                                  f"familles de catégories (seuil {dec(th.hhi_warning)}).",
                       f"Concentrated composition: Herfindahl index {hhi} over {len(shares)} category "
                       f"families (threshold {th.hhi_warning:g}).", ev, table, absence=True)
    return Verdict("ok", f"{len(shares)} familles de catégories (Herfindahl {dec(hhi)}) ; mondes : {wl_fr}.",
                   f"{len(shares)} category families (Herfindahl {hhi}); worlds: {wl_en}.", ev, table)


def r6(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    n = len(f.members)
    by_inst = Counter(m.institution for m in f.members)
    inst_labels = {m.institution: m.institution_label for m in f.members}
    inst_shares = {i: round(c / n, 4) for i, c in by_inst.items()} if n else {}
    hhi = herfindahl(inst_shares.values())
    top_inst = min(inst_shares.items(), key=lambda kv: (-kv[1], kv[0]), default=(None, 0.0))
    fam = family_shares(f.members)
    top_fam = min(fam.items(), key=lambda kv: (-kv[1], kv[0]), default=(None, 0.0))
    ev = {"members_known": n, "institutions": len(by_inst), "hhi_institutions": hhi,
          "largest_institution": {"iri": top_inst[0], "label": inst_labels.get(top_inst[0])} if top_inst[0] else None,
          "largest_institution_share": top_inst[1],
          "institution_shares": [{"iri": i, "label": inst_labels[i], "members": by_inst[i], "share": s}
                                 for i, s in sorted(inst_shares.items(), key=lambda kv: (-kv[1], kv[0]))],
          "largest_family": top_fam[0], "largest_family_share": top_fam[1],
          "hhi_categories": herfindahl(fam.values())}
    rows = [[inst_labels[i], by_inst[i], pcts(s)]
            for i, s in sorted(inst_shares.items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
    table = _table(["Institution", "Membres", "Part"], ["Institution", "Members", "Share"], rows)
    inst_l = inst_labels.get(top_inst[0], "?")
    fam_l = lab("category", top_fam[0]) if top_fam[0] and not top_fam[0].startswith("(") else {"fr": "?", "en": "?"}
    if top_inst[1] > th.share_failure:
        return Verdict("failure", f"{inst_l} pèse {pct(top_inst[1])} des membres : risque de corporatisme "
                                  f"institutionnel.",
                       f"{inst_l} holds {pct_en(top_inst[1])} of the members: a risk of institutional corporatism.",
                       ev, table, absence=True)
    if top_fam[1] > th.share_failure:
        return Verdict("failure", f"La catégorie « {fam_l['fr']} » pèse {pct(top_fam[1])} des membres : risque "
                                  f"de corporatisme professionnel.",
                       f"The category \"{fam_l['en']}\" holds {pct_en(top_fam[1])} of the members: a risk of "
                       f"professional corporatism.", ev, table, absence=True)
    if top_inst[1] > th.share_warning or top_fam[1] > th.share_warning or hhi >= th.hhi_warning:
        return Verdict("warning", f"Poids notable : {inst_l} {pct(top_inst[1])}, « {fam_l['fr']} » "
                                  f"{pct(top_fam[1])} ; Herfindahl des institutions {dec(hhi)}.",
                       f"Notable weight: {inst_l} {pct_en(top_inst[1])}, \"{fam_l['en']}\" {pct_en(top_fam[1])}; "
                       f"Herfindahl index of institutions {hhi}.", ev, table, absence=True)
    return Verdict("ok", f"Aucune institution ni catégorie ne domine : {len(by_inst)} institutions, la plus "
                         f"grande {pct(top_inst[1])} (Herfindahl {dec(hhi)}).",
                   f"No institution or category dominates: {len(by_inst)} institutions, the largest "
                   f"{pct_en(top_inst[1])} (Herfindahl {hhi}).", ev, table)


def r7(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    by_level: dict[int, list[Member]] = {}
    for m in f.members:
        for q in m.qualification_levels:
            by_level.setdefault(q, []).append(m)
    levels = sorted(by_level)
    missing = [q for q in (5, 4, 3, 2, 1) if q not in by_level]
    ev = {"members_known": len(f.members), "qualification_levels": levels, "missing_levels": missing,
          "by_level": {str(q): [ref(m) for m in by_level[q]] for q in levels}}
    rows = [[{"fr": f"niveau {q}", "en": f"level {q}"}, yes_no(q in by_level),
             names(by_level[q]) if q in by_level else "—"] for q in (5, 4, 3, 2, 1)]
    table = _table(["Niveau de qualification", "Présent", "Membres"], ["Qualification level", "Present", "Members"], rows)
    if not levels:
        return Verdict("unknown", "Les niveaux de qualification (5 à 1) des membres ne sont pas renseignés.",
                       "The qualification levels (5 to 1) of the members are not recorded.", ev, table)
    listed = ", ".join(str(q) for q in sorted(levels, reverse=True))
    if not missing:
        return Verdict("ok", "Tous les niveaux du travail social, de 5 à 1, sont représentés.",
                       "Every level of social work, 5 to 1, is represented.", ev, table)
    miss = ", ".join(str(q) for q in missing)
    if len(levels) == 1:
        return Verdict("failure", f"Un seul niveau de qualification représenté ({listed}) : le comité doit "
                                  f"concerner tous les métiers, niveaux 5 à 1.",
                       f"A single qualification level represented ({listed}): the committee must concern "
                       f"every profession, levels 5 to 1.", ev, table, absence=True)
    return Verdict("warning", f"Niveaux représentés : {listed} ; manquent : {miss}.",
                   f"Levels represented: {listed}; missing: {miss}.", ev, table, absence=True)


def r8(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    kinds = {k: [l for l in f.links if l.kind == k] for k in ("descendant", "ascendant", "transversal")}
    ev = {"descendant": [l.to_dict() for l in kinds["descendant"]],
          "ascendant": [l.to_dict() for l in kinds["ascendant"]],
          "transversal": [l.to_dict() for l in kinds["transversal"]],
          "counts": {k: len(v) for k, v in kinds.items()}}
    dir_labels = {"descendant": {"fr": "descendant (HCTS → comité)", "en": "top-down (HCTS → committee)"},
                  "ascendant": {"fr": "ascendant (comité → HCTS)", "en": "bottom-up (committee → HCTS)"},
                  "transversal": {"fr": "transversal (entre comités)", "en": "transversal (between committees)"}}
    via_labels = {"flow": {"fr": "flux d'information", "en": "information flow"},
                  "partnership": {"fr": "partenariat", "en": "partnership"},
                  "membership": {"fr": "membre d'un groupe national", "en": "member of a national group"}}
    rows = [[dir_labels[l.kind], via_labels[l.via], l.other_label] for k in kinds for l in kinds[k]]
    table = _table(["Sens", "Par", "Avec"], ["Direction", "Through", "With"], rows)
    present = [k for k, v in kinds.items() if v]
    absent = [k for k, v in kinds.items() if not v]
    if not f.links and not f.members:
        return Verdict("unknown", "Ni membre ni lien connu avec le HCTS ou d'autres comités.",
                       "No member and no link with the HCTS or other committees are known.", ev, table)
    counts_fr = (f"{len(kinds['descendant'])} descendant(s), {len(kinds['ascendant'])} ascendant(s), "
                 f"{len(kinds['transversal'])} transversal(aux)")
    counts_en = (f"{len(kinds['descendant'])} top-down, {len(kinds['ascendant'])} bottom-up, "
                 f"{len(kinds['transversal'])} transversal")
    if not absent:
        return Verdict("ok", f"Liens dans les deux sens avec le HCTS et avec d'autres comités ({counts_fr}).",
                       f"Links both ways with the HCTS and with other committees ({counts_en}).", ev, table)
    miss_fr = ", ".join(dir_labels[k]["fr"] for k in absent)
    miss_en = ", ".join(dir_labels[k]["en"] for k in absent)
    if not present:
        return Verdict("failure", "Aucun lien connu avec le HCTS ni avec d'autres comités.",
                       "No known link with the HCTS or with other committees.", ev, table)
    return Verdict("warning", f"Liens connus : {counts_fr} ; manquent : {miss_fr}.",
                   f"Known links: {counts_en}; missing: {miss_en}.", ev, table)


def r9(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    by_level: dict[str, list[Member]] = {}
    for m in f.members:
        for lv in m.levels:
            by_level.setdefault(lv, []).append(m)
    no_level = [m for m in f.members if not m.levels]
    scales = sorted({s for m in f.members for s in m.scales} | set(f.committee_scales))
    levels = sorted(by_level, key=lambda lv: (LINKED_LEVELS.index(lv) if lv in LINKED_LEVELS else -1, lv))
    ev = {"members_known": len(f.members), "levels": levels,
          "levels_absent": [lv for lv in LINKED_LEVELS if lv not in by_level],
          "by_level": {lv: [ref(m) for m in by_level[lv]] for lv in levels},
          "members_without_level": [ref(m) for m in no_level],
          "intervention_scales": scales,
          "intervention_scales_absent": [s for s in ("initiale", "mise-en-lien", "mise-en-synergie") if s not in scales]}
    rows = [[lab("level", lv), len(by_level.get(lv, [])), names(by_level.get(lv, [])) if lv in by_level else "—"]
            for lv in (levels + [lv for lv in LINKED_LEVELS if lv not in by_level])]
    rows += [[lab("scale", s), sum(1 for m in f.members if s in m.scales) + (1 if s in f.committee_scales else 0), ""]
             for s in scales]
    table = _table(["Niveau ou échelle", "Membres", "Lesquels"], ["Level or scale", "Members", "Which"], rows)
    lv_fr = ", ".join(lab("level", lv)["fr"] for lv in levels) or "aucun"
    lv_en = ", ".join(lab("level", lv)["en"] for lv in levels) or "none"
    sc_fr = ", ".join(lab("scale", s)["fr"] for s in scales) or "non renseignées"
    sc_en = ", ".join(lab("scale", s)["en"] for s in scales) or "not recorded"
    if len(levels) >= th.r9_ok:
        if scales and len(scales) < 3:
            return Verdict("warning", f"{len(levels)} niveaux territoriaux reliés ({lv_fr}) mais seulement "
                                      f"{len(scales)} échelle(s) d'intervention sur 3 ({sc_fr}).",
                           f"{len(levels)} territorial levels linked ({lv_en}) but only {len(scales)} of 3 "
                           f"intervention scales ({sc_en}).", ev, table, absence=True)
        return Verdict("ok", f"{len(levels)} niveaux territoriaux reliés ({lv_fr}) ; échelles d'intervention : {sc_fr}.",
                       f"{len(levels)} territorial levels linked ({lv_en}); intervention scales: {sc_en}.", ev, table)
    if len(levels) >= th.r9_warning:
        return Verdict("warning", f"{len(levels)} niveaux territoriaux seulement ({lv_fr}) : « il n'y a pas une "
                                  f"mais des échelles à lier ».",
                       f"Only {len(levels)} territorial levels ({lv_en}): \"there is not one but several scales to link\".",
                       ev, table, absence=True)
    return Verdict("failure", f"{len(levels)} niveau(x) territorial(aux) parmi les membres ({lv_fr}) : les "
                              f"échelles ne sont pas reliées.",
                   f"{len(levels)} territorial level(s) among the members ({lv_en}): scales are not linked.",
                   ev, table, absence=True)


def r10(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    present = {c: with_category(f.members, c) for c in R10_EXPECTED}
    have = [c for c in R10_EXPECTED if present[c]]
    missing = [c for c in R10_EXPECTED if not present[c]]
    ev = {"members_known": len(f.members), "present": have, "absent": missing,
          "by_category": {c: [ref(m) for m in present[c]] for c in have}}
    rows = [[lab("category", c), yes_no(bool(present[c])), names(present[c]) if present[c] else "—"]
            for c in R10_EXPECTED]
    table = _table(["Catégorie", "Présente", "Membres"], ["Category", "Present", "Members"], rows)
    if not missing:
        return Verdict("ok", "Élus, fédérations associatives et associations d'usagers sont mobilisés.",
                       "Elected officials, associative federations and user associations are involved.", ev, table)
    miss_fr = ", ".join(lab("category", c)["fr"] for c in missing)
    miss_en = ", ".join(lab("category", c)["en"] for c in missing)
    sev = "failure" if not have else "warning"
    return Verdict(sev, f"Absents : {miss_fr}.", f"Missing: {miss_en}.", ev, table, absence=True)


#: Roles that take part in steering (orientations and decisions, l. 646).
STEERING_ROLES = {"porteur", "co-pilote", "comite-pilotage", "president", "vice-president"}
#: Partnership natures that are cooperation rather than funding (l. 654).
COOPERATION_NATURES = {"co-construction", "partage-information", "convention", "formation", "accompagnement"}
#: Participation levels beyond consultation (l. 966).
COPRODUCTION_LEVELS = {"co-construction", "coproduction"}


def r11(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    front = with_category(f.members, "travailleurs-sociaux")
    full = [m for m in front if m.full]
    steering = [m for m in front if STEERING_ROLES & set(m.roles)]
    ev = {"members_known": len(f.members), "front_line": [ref(m) for m in front],
          "full_members": [ref(m) for m in full], "steering": [ref(m) for m in steering]}
    rows = [[m.label, ", ".join(m.roles) or "—", yes_no(m.full), yes_no(m in steering)]
            for m in sorted(front, key=lambda m: m.label)]
    table = _table(["Acteur", "Rôle(s)", "Membre à part entière", "Pilotage"],
                   ["Actor", "Role(s)", "Full member", "Steering"], rows)
    if steering:
        return Verdict("ok", f"Des travailleurs sociaux de terrain participent au pilotage ({names(steering)['fr']}).",
                       f"Front-line social workers take part in steering ({names(steering)['en']}).", ev, table)
    if full:
        return Verdict("ok", f"Des travailleurs sociaux de terrain sont membres à part entière ({names(full)['fr']}), "
                             f"donc associés aux orientations et décisions.",
                       f"Front-line social workers are full members ({names(full)['en']}), hence part of "
                       f"orientations and decisions.", ev, table)
    if front:
        return Verdict("warning", f"Des travailleurs sociaux de terrain participent ({names(front)['fr']}) mais "
                                  f"seulement en groupe de travail, pas comme membres associés aux décisions.",
                       f"Front-line social workers take part ({names(front)['en']}) but only in a working group, "
                       f"not as members who share in decisions.", ev, table, absence=True)
    return Verdict("failure", f"Aucun travailleur social de terrain parmi les {len(f.members)} membres connus : "
                              f"ils doivent participer aux orientations et décisions.",
                   f"No front-line social worker among the {len(f.members)} known members: they must take part "
                   f"in orientations and decisions.", ev, table, absence=True)


def r12(f: CommitteeFacts, lab: Labeler, th: Thresholds = DEFAULTS) -> Verdict:
    natures = sorted({n for p in f.partnerships for n in p["natures"]})
    cooperation = [p for p in f.partnerships if COOPERATION_NATURES & set(p["natures"])]
    funding_only = [p for p in f.partnerships if p["natures"] and set(p["natures"]) <= {"financement"}]
    levels = sorted({lv for lvs in f.participation_levels.values() for lv in lvs})
    coproducing = sorted(a for a, lvs in f.participation_levels.items() if COPRODUCTION_LEVELS & set(lvs))
    ev = {"partnerships": f.partnerships, "natures": natures, "cooperation": [p["relation"] for p in cooperation],
          "funding_only": [p["relation"] for p in funding_only], "participation_levels": levels,
          "members_coproducing": coproducing}
    rows = [[p["other_label"], ", ".join(lab("partnership-nature", n)["fr"] for n in p["natures"]) or "—"]
            for p in f.partnerships]
    table = _table(["Partenaire", "Nature"], ["Partner", "Nature"], rows)
    nat_fr = ", ".join(lab("partnership-nature", n)["fr"] for n in natures)
    nat_en = ", ".join(lab("partnership-nature", n)["en"] for n in natures)
    if cooperation or coproducing:
        return Verdict("ok", f"Des relations de coopération sont observées (natures : {nat_fr or '—'} ; "
                             f"adhésions en co-construction ou coproduction : {len(coproducing)}).",
                       f"Cooperative relations are observed (natures: {nat_en or '—'}; memberships in "
                       f"co-construction or coproduction: {len(coproducing)}).", ev, table)
    if funding_only:
        return Verdict("warning", "Les seuls partenariats observés du comité sont des financements : relations de "
                                  "financeurs à prestataires.",
                       "The committee's only observed partnerships are funding: funder–provider relations.",
                       ev, table)
    return Verdict("unknown", "Le graphe ne consigne ni la nature des partenariats du comité ni le niveau de "
                              "participation de ses membres.",
                   "The graph records neither the nature of the committee's partnerships nor its members' "
                   "participation level.", ev, table)


RULE_FUNCTIONS = {"R1": r1, "R2": r2, "R3": r3, "R4": r4, "R5": r5, "R6": r6, "R7": r7, "R8": r8,
                  "R9": r9, "R10": r10, "R11": r11, "R12": r12}

#: Rules that are about the links of the committee, not its members.
LINK_RULES = {"R8", "R12"}


def evaluate(facts: CommitteeFacts, labeler: Labeler = plain_labeler,
             thresholds: Thresholds = DEFAULTS) -> list[Finding]:
    """Every rule R1–R12 on ``facts``, in order, with ``thresholds`` (the defaults unless given).

    Each finding carries what its rule rests on (:data:`kg.gaps.grounds.RULE_GROUNDS`) and the
    thresholds it used.
    """
    findings = []
    n = len(facts.members)
    th = thresholds
    for rule_id, fn in RULE_FUNCTIONS.items():
        title, sources = RULE_TITLES[rule_id], rule_sources(rule_id)
        ground = RULE_GROUNDS[rule_id]
        extra = {"status": ground.status, "ground": ground.to_dict(),
                 "thresholds": {k: th.values[k] for k in th.values if rule_id in USED_BY[k]}}
        if n == 0 and rule_id not in LINK_RULES:
            findings.append(Finding(
                rule_id, "unknown", title,
                {"fr": "Aucun membre connu : la composition ne peut pas être vérifiée pour cette règle.",
                 "en": "No member known: the composition cannot be checked against this rule."},
                {"members_known": 0}, sources, {}, **extra))
            continue
        v = fn(facts, labeler, th)
        evidence = dict(v.evidence)
        sentence = {"fr": v.fr, "en": v.en}
        severity = v.severity
        if v.absence and severity in ("warning", "failure") and n < th.min_known and rule_id not in LINK_RULES:
            evidence["verdict_if_complete"] = severity
            severity = "unknown"
            sentence = {"fr": f"{v.fr} Seulement {n} membre(s) connu(s) : ce constat n'est pas concluant.",
                        "en": f"{v.en} Only {n} member(s) known: this is not conclusive."}
        if ground.measures_instead:
            evidence["measures_instead"] = ground.measures_instead["en"]
        findings.append(Finding(rule_id, severity, title, sentence, evidence, sources, v.table, **extra))
    return findings
