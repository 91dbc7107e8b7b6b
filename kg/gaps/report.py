"""The committee report: Markdown for a steering meeting (French by default), JSON, CSV of suggestions.

>>> from kg.gaps.model import CompositionReport
>>> r = CompositionReport("https://ex.org/c", "Comité démo", "2019-01-01", "fr", "v1", None, None, None,
...                       [], [], {"members_known": 0}, [])
>>> to_markdown(r, []).splitlines()[0]
'# Comité démo — composition du comité'
>>> suggestions_csv([], "en").strip()
'rank,actor,label,score,gap,worlds,level,location,proximity,legitimacy,where,territory,gaps,linked_members,common_partners,reasons'
"""

from __future__ import annotations

import csv
import io
import json

from ..escape import csv_cell, csv_row, markdown_code, markdown_text
from .model import SEVERITY_LABELS, CompositionReport, Suggestion
from .grounds import SPEAKERS, STATUS_LABELS
from .thresholds import MEANING, Thresholds
from .suggest import LOCATION_WEIGHTS, PROXIMITY_CAP

ICONS = {"ok": "✅", "warning": "⚠️", "failure": "❌", "unknown": "❔"}

T = {
    "title": {"fr": "composition du comité", "en": "committee composition"},
    "territory": {"fr": "Territoire", "en": "Territory"},
    "date": {"fr": "Membres à la date du", "en": "Members as of"},
    "version": {"fr": "Version des données", "en": "Data version"},
    "intro": {"fr": "Rapport produit par Ancrage à partir du graphe de connaissances. Les règles R1 à R12 "
                    "reposent sur des passages des actes du séminaire de lancement du réseau des comités locaux "
                    "(HCTS, 21 septembre 2018), cités mot pour mot avec leurs lignes ; la plupart sont des attentes "
                    "du HCTS, R9 est une question de recherche, R10 une demande des ateliers. Seuls les faits "
                    "observés comptent comme preuves, jamais ce qui n'est qu'attendu. Les seuils sont des choix du "
                    "produit, réglables, et listés plus bas.",
              "en": "Report produced by Ancrage from the knowledge graph. Rules R1 to R12 rest on passages of "
                    "the proceedings of the launch seminar of the network of local committees (HCTS, "
                    "21 September 2018), quoted verbatim with their lines; most are HCTS expectations, R9 is a "
                    "research question, R10 a workshop request. Only observed facts count as evidence, never "
                    "what is merely expected. Thresholds are the product's choices, adjustable, and listed "
                    "below."},
    "status": {"fr": "Statut", "en": "Status"},
    "quote": {"fr": "Ce que dit la source", "en": "What the source says"},
    "operationalisation": {"fr": "Ce que le produit mesure", "en": "What the product measures"},
    "instead": {"fr": "Ce qui est mesuré à la place", "en": "What is measured instead"},
    "line": {"fr": "l.", "en": "l."},
    "thresholds": {"fr": "Seuils utilisés (choix du produit)", "en": "Thresholds used (the product's choices)"},
    "thresholds_text": {"fr": "La source ne fixe aucun seuil. Ceux-ci sont des réglages (`gaps_*` dans "
                              "ancrage.toml, variables ANCRAGE_GAPS_*, table [gaps_committees.<comité>], option "
                              "--threshold) ; la colonne « origine » dit d'où vient chaque valeur.",
                        "en": "The source sets no threshold. These are settings (`gaps_*` in ancrage.toml, "
                              "ANCRAGE_GAPS_* variables, a [gaps_committees.<committee>] table, the --threshold "
                              "option); the “origin” column says where each value comes from."},
    "threshold": {"fr": "Seuil", "en": "Threshold"},
    "value": {"fr": "Valeur", "en": "Value"},
    "origin": {"fr": "Origine", "en": "Origin"},
    "rules": {"fr": "Règles", "en": "Rules"},
    "meaning": {"fr": "Sens", "en": "Meaning"},
    "checklist": {"fr": "À vérifier par le comité (le graphe ne peut pas le dire)",
                  "en": "For the committee to check (the graph cannot tell)"},
    "checklist_text": {"fr": "Attentes de la source que le graphe ne consigne pas : une liste de questions, "
                             "chacune avec son passage.",
                       "en": "Expectations of the source the graph does not record: a list of questions, each "
                             "with its passage."},
    "said_by": {"fr": "dit par", "en": "said by"},
    "summary": {"fr": "Synthèse", "en": "Summary"},
    "rule": {"fr": "Règle", "en": "Rule"},
    "what": {"fr": "Intitulé", "en": "What it asks"},
    "verdict": {"fr": "Verdict", "en": "Verdict"},
    "finding": {"fr": "Constat", "en": "Finding"},
    "members": {"fr": "Membres connus", "en": "Known members"},
    "no_members": {"fr": "Aucun membre n'est encore renseigné dans le graphe : les règles qui portent sur la "
                         "composition sont « inconnues », pas en échec.",
                   "en": "No member is recorded in the graph yet: the rules about the composition are "
                         "\"unknown\", not failed."},
    "former": {"fr": "Anciens membres (adhésion terminée)", "en": "Former members (membership ended)"},
    "member": {"fr": "Membre", "en": "Member"},
    "categories": {"fr": "Catégories", "en": "Categories"},
    "roles": {"fr": "Rôle(s)", "en": "Role(s)"},
    "levels": {"fr": "Niveau(x)", "en": "Level(s)"},
    "details": {"fr": "Détail par règle", "en": "Rule by rule"},
    "source": {"fr": "Source", "en": "Source"},
    "section": {"fr": "section", "en": "section"},
    "suggestions": {"fr": "Partenaires à solliciter", "en": "Partners to approach"},
    "no_suggestions": {"fr": "Aucun acteur du graphe ne comble un manque sur ce territoire.",
                       "en": "No actor of the graph fills a gap on this territory."},
    "score_expl": {
        "fr": "Score = manque (poids des catégories absentes) + mondes nouveaux + niveau nouveau + "
              "localisation ({loc}) + proximité (0,25 × membres déjà liés + 0,5 × Adamic–Adar, plafonnée à "
              "{cap}) + légitimité (part des répondants de l'enquête 2017–2018). Seuls des acteurs nommés du "
              "graphe, situés sur le territoire du comité ou à un niveau qui le contient, sont proposés ; jamais "
              "un membre actuel ni une personne privée.",
        "en": "Score = gap (weight of the absent categories) + new worlds + new level + location ({loc}) + "
              "proximity (0.25 × members already linked + 0.5 × Adamic–Adar, capped at {cap}) + legitimacy "
              "(share of respondents to the 2017–2018 survey). Only named actors of the graph, located on "
              "the committee's territory or at a level containing it, are proposed; never a current member "
              "nor a private person."},
    "local_first": {"fr": "Ordre : d'abord les acteurs situés sur le territoire du comité ou à l'intérieur, puis ceux "
                          "d'un niveau qui le contient ; le score classe au sein de chaque niveau. Les instances "
                          "nationales sont listées à part, comme relais nationaux.",
                    "en": "Order: first the actors located on the committee's territory or inside it, then those at a "
                          "level containing it; the score ranks within each level. National bodies are listed "
                          "apart, as national relays."},
    "national": {"fr": "Relais nationaux", "en": "National relays"},
    "national_intro": {"fr": "Instances et administrations nationales qui peuvent relayer ou appuyer, sans siéger à la "
                                "place d'un acteur local.",
                       "en": "National bodies and administrations that can relay or support, without taking the seat "
                             "of a local actor."},
    "missing": {"fr": "Manques sans candidat local connu", "en": "Gaps with no known local candidate"},
    "missing_intro": {"fr": "Le graphe ne connaît aucun acteur du territoire qui comble ces manques. Acteur attendu "
                               "(à identifier localement, le graphe n'en invente aucun) :",
                      "en": "The graph knows no actor of the territory that fills these gaps. Actor expected (to be "
                            "identified locally; the graph invents none):"},
    "rank": {"fr": "#", "en": "#"},
    "actor": {"fr": "Acteur", "en": "Actor"},
    "score": {"fr": "Score", "en": "Score"},
    "parts": {"fr": "Détail du score", "en": "Score parts"},
    "why": {"fr": "Pourquoi", "en": "Why"},
    "why_not_a_rule": {"fr": "Pourquoi ce n'est pas une règle", "en": "Why this is not a rule"},
    "by_gap": {"fr": "Par manque", "en": "By gap"},
    "none_for_gap": {"fr": "aucun acteur du territoire", "en": "no actor on the territory"},
    "method": {"fr": "Méthode", "en": "Method"},
    "method_text": {
        "fr": "Un constat « inconnu » signifie que le graphe ne permet pas de conclure (aucun membre connu, "
              "ou moins de {k} membres connus pour une règle qui repose sur une absence). La concentration "
              "est mesurée par l'indice de Herfindahl (somme des carrés des parts ; seuil d'alerte {hhi}). "
              "Voir docs/gaps.md.",
        "en": "An \"unknown\" finding means the graph does not allow a conclusion (no member known, or fewer "
              "than {k} members known for a rule that rests on an absence). Concentration is measured by the "
              "Herfindahl index (sum of squared shares; warning threshold {hhi}). See docs/gaps.md."},
}
PART_NAMES = {
    "gap": {"fr": "manque", "en": "gap"}, "worlds": {"fr": "mondes", "en": "worlds"},
    "level": {"fr": "niveau", "en": "level"}, "location": {"fr": "lieu", "en": "location"},
    "proximity": {"fr": "proximité", "en": "proximity"}, "legitimacy": {"fr": "légitimité", "en": "legitimacy"},
}


def _t(key: str, lang: str) -> str:
    return T[key][lang]


def _in(value, lang: str) -> str:
    """A language dict resolved to its text in ``lang`` (French when missing)."""
    if isinstance(value, dict):
        value = value.get(lang) or value.get("fr", "")
    return "" if value is None else str(value)


class Code(str):
    """A value shown as a Markdown code span (a setting's name, an identifier): exact, never markup."""


def cell(value, lang: str) -> str:
    """Text as Markdown (a table cell, a title…): language dicts resolved, every markup character
    escaped (:func:`kg.escape.markdown_text`), one line; a :class:`Code` value as a code span."""
    if isinstance(value, Code):
        return markdown_code(value)
    return markdown_text(_in(value, lang))


def md_table(columns: list[str], rows: list[list], lang: str) -> list[str]:
    out = ["| " + " | ".join(cell(c, lang) for c in columns) + " |",
           "|" + "|".join(" --- " for _ in columns) + "|"]
    out += ["| " + " | ".join(cell(c, lang) for c in row) + " |" for row in rows]
    return out


def evidence_markdown(finding: dict, lang: str = "fr") -> list[str]:
    """A finding's evidence for people: a sentence with the number of members known, then the
    finding's small table (what was expected, found, by whom), every cell in ``lang`` — never
    the raw ``key = value`` evidence, which stays in the JSON export.

    >>> evidence_markdown({"evidence": {"members_known": 2}, "table": {"columns": {"fr": ["Catégorie", "Présente"],
    ...     "en": ["Category", "Present"]}, "rows": [[{"fr": "Région", "en": "Region"}, {"fr": "oui", "en": "yes"}]]}}, "en")
    ['2 members known to the graph.', '', '| Category | Present |', '| --- | --- |', '| Region | yes |']
    """
    out = []
    known = (finding.get("evidence") or {}).get("members_known")
    if isinstance(known, int):
        out.append(EVIDENCE_KNOWN[lang].format(n=known) if known != 1 else EVIDENCE_KNOWN_ONE[lang])
    table = finding.get("table") or {}
    if table.get("rows"):
        columns = table["columns"].get(lang) or table["columns"].get("fr")
        out += [""] if out else []
        out += md_table(columns, table["rows"], lang)
    return out


EVIDENCE_KNOWN = {"fr": "{n} membres connus du graphe.", "en": "{n} members known to the graph."}
EVIDENCE_KNOWN_ONE = {"fr": "1 membre connu du graphe.", "en": "1 member known to the graph."}


def section_number(iri: str) -> str:
    """``…/seminaire-2018-s7-1`` → ``7.1``.

    >>> section_number("https://w3id.org/ancrage/id/section/seminaire-2018-s7-1")
    '7.1'
    """
    tail = iri.rsplit("/", 1)[-1]
    return tail.rsplit("-s", 1)[-1].replace("-", ".") if "-s" in tail else tail


def severity_text(severity: str, lang: str) -> str:
    return f"{ICONS[severity]} {SEVERITY_LABELS[severity][lang]}"


def to_markdown(report: CompositionReport, suggestions: list[Suggestion], lang: str = "fr",
                gaps: list | None = None, per_gap: int = 3, national: list[Suggestion] | None = None,
                missing: list | None = None) -> str:
    """The committee report in Markdown, in ``lang`` (``fr`` by default); ``national``: the national
    relays, listed apart; ``missing``: the gaps with no local candidate and the actor expected."""
    lines = [f"# {cell(report.label, lang)} — {_t('title', lang)}", ""]
    where = cell(report.territory_label, lang) or "—"
    lines += [f"- {_t('territory', lang)} : {where}" if lang == "fr" else f"- {_t('territory', lang)}: {where}",
              f"- {_t('date', lang)} {report.at}",
              f"- {_t('version', lang)} : `{report.store_version}`" if lang == "fr"
              else f"- {_t('version', lang)}: `{report.store_version}`",
              f"- IRI : <{report.committee}>" if lang == "fr" else f"- IRI: <{report.committee}>", "",
              _t("intro", lang), ""]
    counts = report.summary
    lines += [f"## {_t('summary', lang)}", "",
              " · ".join(f"{severity_text(s, lang)} {counts[s]}" for s in ("ok", "warning", "failure", "unknown")), ""]
    lines += md_table([_t("rule", lang), _t("what", lang), _t("verdict", lang), _t("finding", lang)],
                      [[f.rule, f.title, severity_text(f.severity, lang), f.text(lang)] for f in report.findings],
                      lang)
    lines += ["", f"## {_t('members', lang)} ({len(report.members)})", ""]
    if report.members:
        names = {(kind, c["code"]): _in(c["label"], lang) for kind in ("categories", "levels", "roles")
                 for c in report.profile.get(kind, [])}
        lines += md_table([_t("member", lang), _t("categories", lang), _t("roles", lang), _t("levels", lang)],
                          [[m["label"], ", ".join(names.get(("categories", c), c) for c in m["categories"]),
                            ", ".join(names.get(("roles", r), r) for r in m["roles"]) or "—",
                            ", ".join(names.get(("levels", lv), lv) for lv in m["levels"])]
                           for m in report.members], lang)
    else:
        lines.append(_t("no_members", lang))
    if report.former_members:
        lines += ["", f"{_t('former', lang)} : " + ", ".join(f"<{m}>" for m in report.former_members)]
    lines += ["", f"## {_t('details', lang)}", ""]
    for f in report.findings:
        lines += [f"### {f.rule} — {cell(f.title, lang)} — {severity_text(f.severity, lang)}", "",
                  cell(f.text(lang), lang), ""]
        if f.table and f.table.get("rows"):
            lines += md_table(f.table["columns"][lang], f.table["rows"], lang) + [""]
        lines += ground_lines(f.ground, lang)
        refs = ", ".join(f"[{_t('section', lang)} {section_number(s)}]({s})" for s in f.sources)
        lines += [f"{_t('source', lang)} : {refs}" if lang == "fr" else f"{_t('source', lang)}: {refs}", ""]
    lines += threshold_lines(report.thresholds, lang) + checklist_lines(report.checklist, lang)
    lines += [f"## {_t('suggestions', lang)}", "",
              _t("score_expl", lang).format(
                  loc=", ".join(f"{k} {v:g}" for k, v in LOCATION_WEIGHTS.items()), cap=f"{PROXIMITY_CAP:g}"), ""]
    if suggestions:
        lines += md_table(
            [_t("rank", lang), _t("actor", lang), _t("score", lang), _t("parts", lang), _t("why", lang)],
            [[s.rank, f"{s.label}", f"{s.score:g}",
              ", ".join(f"{PART_NAMES[k][lang]} {v:g}" for k, v in s.parts.items() if v),
              s.reason(lang)] for s in suggestions], lang)
        if gaps:
            lines += ["", f"### {_t('by_gap', lang)}", ""]
            for g in gaps:
                found = [s for s in suggestions if g.key in s.gaps][:per_gap]
                who = ", ".join(f"{cell(s.label, lang)} ({s.score:g})" for s in found) or _t("none_for_gap", lang)
                lines.append(f"- {cell(g.label, lang)} [{g.kind}; {', '.join(g.rules)}] : {who}" if lang == "fr"
                             else f"- {cell(g.label, lang)} [{g.kind}; {', '.join(g.rules)}]: {who}")
    else:
        lines.append(_t("no_suggestions", lang))
    lines += ["", _t("local_first", lang)]
    if missing:
        lines += ["", f"### {_t('missing', lang)}", "", _t("missing_intro", lang), ""]
        lines += [f"- {cell(m.label, lang)} ({', '.join(m.rules)}) : {cell(m.expected, lang)}" if lang == "fr"
                  else f"- {cell(m.label, lang)} ({', '.join(m.rules)}): {cell(m.expected, lang)}" for m in missing]
    if national:
        lines += ["", f"### {_t('national', lang)}", "", _t("national_intro", lang), ""]
        lines += md_table([_t("rank", lang), _t("actor", lang), _t("score", lang), _t("why", lang)],
                          [[s.rank, s.label, f"{s.score:g}", s.reason(lang)] for s in national], lang)
    th = Thresholds({n: v["value"] for n, v in report.thresholds.items()}) if report.thresholds else Thresholds()
    lines += ["", f"## {_t('method', lang)}", "",
              _t("method_text", lang).format(k=th.min_known, hhi=number(th.hhi_warning, lang)), ""]
    return "\n".join(lines)


def _colon(lang: str) -> str:
    return " :" if lang == "fr" else ":"


def quote_line(q: dict, lang: str) -> str:
    """``> « … » (l. 456, section 4, dit par …, question de recherche)`` as one Markdown line."""
    first, last = q["lines"]
    where = f"{_t('line', lang)} {first}" if first == last else f"{_t('line', lang)} {first}–{last}"
    text = " ".join(q["text"].split()).replace("|", "\\|")
    quoted = f"« {text} »" if lang == "fr" else f"“{text}”"
    return (f"> {quoted} ({where}, {_t('section', lang)} {q['section']}, {_t('said_by', lang)} "
            f"{SPEAKERS[q['speaker']][lang]} ; {STATUS_LABELS[q['status']][lang]})" if lang == "fr" else
            f"> {quoted} ({where}, {_t('section', lang)} {q['section']}, {_t('said_by', lang)} "
            f"{SPEAKERS[q['speaker']][lang]}; {STATUS_LABELS[q['status']][lang]})")


def ground_lines(ground: dict, lang: str) -> list[str]:
    """What a rule rests on: its status, its quotes, what the product measures (and instead of what)."""
    if not ground:
        return []
    out = [f"**{_t('status', lang)}{_colon(lang)}** {STATUS_LABELS[ground['status']][lang]}", "",
           f"**{_t('quote', lang)}{_colon(lang)}**", ""]
    for q in ground["quotes"]:
        out += [quote_line(q, lang), ""]
    out += [f"**{_t('operationalisation', lang)}{_colon(lang)}** {ground['operationalisation'][lang]}", ""]
    if ground.get("measures_instead"):
        out += [f"**{_t('instead', lang)}{_colon(lang)}** {ground['measures_instead'][lang]}", ""]
    return out


ORIGIN_LABELS = {"default": {"fr": "défaut", "en": "default"}, "settings": {"fr": "réglages", "en": "settings"},
                 "committee": {"fr": "propre au comité", "en": "the committee's own"},
                 "override": {"fr": "option --threshold", "en": "--threshold option"}}


def number(value, lang: str) -> str:
    """``0.5`` in English, ``0,5`` in French.

    >>> number(0.3333, "fr"), number(10, "en")
    ('0,3333', '10')
    """
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "fr" else text


def threshold_lines(thresholds: dict, lang: str) -> list[str]:
    """The thresholds used, with their origin and the rules that use them."""
    if not thresholds:
        return []
    rows = [[Code(name), number(t["value"], lang), ORIGIN_LABELS[t["origin"]], ", ".join(t["rules"]),
             MEANING[name]] for name, t in thresholds.items()]
    return [f"## {_t('thresholds', lang)}", "", _t("thresholds_text", lang), ""] + md_table(
        [_t("threshold", lang), _t("value", lang), _t("origin", lang), _t("rules", lang), _t("meaning", lang)],
        rows, lang) + [""]


def checklist_lines(checklist: list, lang: str) -> list[str]:
    """The checklist of expectations the graph cannot check, each with its quote."""
    if not checklist:
        return []
    out = [f"## {_t('checklist', lang)}", "", _t("checklist_text", lang), ""]
    for item in checklist:
        out += [f"- [ ] **{item['id']} — {item['title'][lang]}** {item['ask'][lang]}", ""]
        out += ["  " + quote_line(q, lang) for q in item["quotes"]]
        out += ["", f"  **{_t('why_not_a_rule', lang)}{_colon(lang)}** {item['why_not_a_rule'][lang]}", ""]
    return out


FINDINGS_COLUMNS = {
    "en": ["rule", "status", "severity", "finding", "quote_lines", "thresholds"],
    "fr": ["regle", "statut", "verdict", "constat", "lignes_citees", "seuils"],
}


def findings_csv(report: CompositionReport, lang: str = "fr") -> str:
    """The findings as CSV, one row per rule: status, verdict, sentence, lines quoted, thresholds used."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FINDINGS_COLUMNS[lang])
    for f in report.findings:
        lines = " ".join(f"{q['lines'][0]}-{q['lines'][1]}" for q in (f.ground or {}).get("quotes", []))
        writer.writerow(csv_row([f.rule, STATUS_LABELS[f.status][lang] if f.status else "",
                                 SEVERITY_LABELS[f.severity][lang], f.text(lang), lines,
                                 "; ".join(f"{k}={v:g}" for k, v in f.thresholds.items())]))
    return buf.getvalue()


def to_json(report: CompositionReport, suggestions: list[Suggestion], gaps: list | None = None,
            national: list[Suggestion] | None = None, missing: list | None = None) -> str:
    """Report, gaps, suggestions, national relays and gaps with no local candidate as one JSON document."""
    return json.dumps({"report": report.to_dict(), "gaps": [g.to_dict() for g in gaps or []],
                       "suggestions": [s.to_dict() for s in suggestions],
                       "national_relays": [s.to_dict() for s in national or []],
                       "missing_locally": [m.to_dict() for m in missing or []]}, ensure_ascii=False, indent=2)


CSV_COLUMNS = {
    "en": ["rank", "actor", "label", "score", "gap", "worlds", "level", "location", "proximity", "legitimacy",
           "where", "territory", "gaps", "linked_members", "common_partners", "reasons"],
    "fr": ["rang", "acteur", "libelle", "score", "manque", "mondes", "niveau", "lieu", "proximite", "legitimite",
           "situation", "territoire", "manques", "membres_lies", "partenaires_communs", "raisons"],
}


def suggestions_csv(suggestions: list[Suggestion], lang: str = "fr") -> str:
    """The suggestions as CSV (one row each; the score's parts in their own columns)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS[lang])
    for s in suggestions:
        writer.writerow([s.rank, s.actor, csv_cell(s.label), s.score] +
                        [s.parts.get(k, 0.0) for k in ("gap", "worlds", "level", "location", "proximity", "legitimacy")] +
                        [s.location, csv_cell(s.territory_label), " ".join(s.gaps), len(s.direct_links),
                         len(s.common_partners), csv_cell(s.reason(lang))])
    return buf.getvalue()
