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
from ..i18n import t
from .model import CompositionReport, Suggestion
from .thresholds import MEANING, Thresholds
from .suggest import LOCATION_WEIGHTS, PROXIMITY_CAP

ICONS = {"ok": "✅", "warning": "⚠️", "failure": "❌", "unknown": "❔"}

def _t(key: str, lang: str, **values) -> str:
    return t("report." + key, lang, **values)


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
        out.append(_t("evidence_known_one" if known == 1 else "evidence_known", lang, n=known))
    table = finding.get("table") or {}
    if table.get("rows"):
        columns = table["columns"].get(lang) or table["columns"].get("fr")
        out += [""] if out else []
        out += md_table(columns, table["rows"], lang)
    return out


def section_number(iri: str) -> str:
    """``…/seminaire-2018-s7-1`` → ``7.1``.

    >>> section_number("https://w3id.org/ancrage/id/section/seminaire-2018-s7-1")
    '7.1'
    """
    tail = iri.rsplit("/", 1)[-1]
    return tail.rsplit("-s", 1)[-1].replace("-", ".") if "-s" in tail else tail


def severity_text(severity: str, lang: str) -> str:
    return f"{ICONS[severity]} {t('gaps.severity_' + severity, lang)}"


def to_markdown(report: CompositionReport, suggestions: list[Suggestion], lang: str = "fr",
                gaps: list | None = None, per_gap: int = 3, national: list[Suggestion] | None = None,
                missing: list | None = None) -> str:
    """The committee report in Markdown, in ``lang`` (``fr`` by default); ``national``: the national
    relays, listed apart; ``missing``: the gaps with no local candidate and the actor expected."""
    lines = [f"# {cell(report.label, lang)} — {_t('title', lang)}", ""]
    where = cell(report.territory_label, lang) or "—"
    lines += [_t("line_territory", lang, where=where), _t("line_date", lang, at=report.at),
              _t("line_version", lang, version=report.store_version), _t("line_iri", lang, iri=report.committee), "",
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
        lines += ["", _t("line_former", lang, members=", ".join(f"<{m}>" for m in report.former_members))]
    lines += ["", f"## {_t('details', lang)}", ""]
    for f in report.findings:
        lines += [f"### {f.rule} — {cell(f.title, lang)} — {severity_text(f.severity, lang)}", "",
                  cell(f.text(lang), lang), ""]
        if f.table and f.table.get("rows"):
            lines += md_table(f.table["columns"][lang], f.table["rows"], lang) + [""]
        lines += ground_lines(f.ground, lang)
        refs = ", ".join(f"[{_t('section', lang)} {section_number(s)}]({s})" for s in f.sources)
        lines += [_t("line_source", lang, refs=refs), ""]
    lines += threshold_lines(report.thresholds, lang) + checklist_lines(report.checklist, lang)
    lines += [f"## {_t('suggestions', lang)}", "",
              _t("score_expl", lang,
                 loc=", ".join(f"{k} {v:g}" for k, v in LOCATION_WEIGHTS.items()), cap=f"{PROXIMITY_CAP:g}"), ""]
    if suggestions:
        lines += md_table(
            [_t("rank", lang), _t("actor", lang), _t("score", lang), _t("parts", lang), _t("why", lang)],
            [[s.rank, f"{s.label}", f"{s.score:g}",
              ", ".join(f"{_t('part_' + k, lang)} {v:g}" for k, v in s.parts.items() if v),
              s.reason(lang)] for s in suggestions], lang)
        if gaps:
            lines += ["", f"### {_t('by_gap', lang)}", ""]
            for g in gaps:
                found = [s for s in suggestions if g.key in s.gaps][:per_gap]
                who = ", ".join(f"{cell(s.label, lang)} ({s.score:g})" for s in found) or _t("none_for_gap", lang)
                lines.append(_t("line_gap", lang, label=cell(g.label, lang), kind=g.kind, rules=", ".join(g.rules),
                                who=who))
    else:
        lines.append(_t("no_suggestions", lang))
    lines += ["", _t("local_first", lang)]
    if missing:
        lines += ["", f"### {_t('missing', lang)}", "", _t("missing_intro", lang), ""]
        lines += [_t("line_missing", lang, label=cell(m.label, lang), rules=", ".join(m.rules),
                     expected=cell(m.expected, lang)) for m in missing]
    if national:
        lines += ["", f"### {_t('national', lang)}", "", _t("national_intro", lang), ""]
        lines += md_table([_t("rank", lang), _t("actor", lang), _t("score", lang), _t("why", lang)],
                          [[s.rank, s.label, f"{s.score:g}", s.reason(lang)] for s in national], lang)
    th = Thresholds({n: v["value"] for n, v in report.thresholds.items()}) if report.thresholds else Thresholds()
    lines += ["", f"## {_t('method', lang)}", "",
              _t("method_text", lang, k=th.min_known, hhi=number(th.hhi_warning, lang)), ""]
    return "\n".join(lines)


def _colon(lang: str) -> str:
    return _t("colon", lang)


def quote_line(q: dict, lang: str) -> str:
    """``> « … » (l. 456, section 4, dit par …, question de recherche)`` as one Markdown line."""
    first, last = q["lines"]
    where = f"{_t('line', lang)} {first}" if first == last else f"{_t('line', lang)} {first}–{last}"
    text = " ".join(q["text"].split()).replace("|", "\\|")
    return _t("quote_line", lang, quoted=_t("quoted", lang, text=text), where=where, section=q["section"],
              speaker=t("gaps.speaker_" + q["speaker"], lang), status=t("gaps.status_" + q["status"], lang))


def ground_lines(ground: dict, lang: str) -> list[str]:
    """What a rule rests on: its status, its quotes, what the product measures (and instead of what)."""
    if not ground:
        return []
    out = [f"**{_t('status', lang)}{_colon(lang)}** {t('gaps.status_' + ground['status'], lang)}", "",
           f"**{_t('quote', lang)}{_colon(lang)}**", ""]
    for q in ground["quotes"]:
        out += [quote_line(q, lang), ""]
    out += [f"**{_t('operationalisation', lang)}{_colon(lang)}** {ground['operationalisation'][lang]}", ""]
    if ground.get("measures_instead"):
        out += [f"**{_t('instead', lang)}{_colon(lang)}** {ground['measures_instead'][lang]}", ""]
    return out


def number(value, lang: str) -> str:
    """``0.5`` in English, ``0,5`` in French.

    >>> number(0.3333, "fr"), number(10, "en")
    ('0,3333', '10')
    """
    text = f"{value:g}"
    return text.replace(".", _t("decimal_point", lang))


def threshold_lines(thresholds: dict, lang: str) -> list[str]:
    """The thresholds used, with their origin and the rules that use them."""
    if not thresholds:
        return []
    rows = [[Code(name), number(th["value"], lang), _t("origin_" + th["origin"], lang), ", ".join(th["rules"]),
             MEANING[name]] for name, th in thresholds.items()]
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


FINDINGS_COLUMNS = ["rule", "status", "severity", "finding", "quote_lines", "thresholds"]


def findings_csv(report: CompositionReport, lang: str = "fr") -> str:
    """The findings as CSV, one row per rule: status, verdict, sentence, lines quoted, thresholds used."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([_t("findings_col_" + c, lang) for c in FINDINGS_COLUMNS])
    for f in report.findings:
        lines = " ".join(f"{q['lines'][0]}-{q['lines'][1]}" for q in (f.ground or {}).get("quotes", []))
        writer.writerow(csv_row([f.rule, t("gaps.status_" + f.status, lang) if f.status else "",
                                 t("gaps.severity_" + f.severity, lang), f.text(lang), lines,
                                 "; ".join(f"{k}={v:g}" for k, v in f.thresholds.items())]))
    return buf.getvalue()


def to_json(report: CompositionReport, suggestions: list[Suggestion], gaps: list | None = None,
            national: list[Suggestion] | None = None, missing: list | None = None) -> str:
    """Report, gaps, suggestions, national relays and gaps with no local candidate as one JSON document."""
    return json.dumps({"report": report.to_dict(), "gaps": [g.to_dict() for g in gaps or []],
                       "suggestions": [s.to_dict() for s in suggestions],
                       "national_relays": [s.to_dict() for s in national or []],
                       "missing_locally": [m.to_dict() for m in missing or []]}, ensure_ascii=False, indent=2)


CSV_COLUMNS = ["rank", "actor", "label", "score", "gap", "worlds", "level", "location", "proximity", "legitimacy",
               "where", "territory", "gaps", "linked_members", "common_partners", "reasons"]


def suggestions_csv(suggestions: list[Suggestion], lang: str = "fr") -> str:
    """The suggestions as CSV (one row each; the score's parts in their own columns)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([_t("csv_col_" + c, lang) for c in CSV_COLUMNS])
    for s in suggestions:
        writer.writerow([s.rank, s.actor, csv_cell(s.label), s.score] +
                        [s.parts.get(k, 0.0) for k in ("gap", "worlds", "level", "location", "proximity", "legitimacy")] +
                        [s.location, csv_cell(s.territory_label), " ".join(s.gaps), len(s.direct_links),
                         len(s.common_partners), csv_cell(s.reason(lang))])
    return buf.getvalue()
