"""The composition check of one committee: facts from the store, rules R1–R12, a profile.

>>> from kg.store import Store
>>> from kg.sources import Source
>>> nt = ['<https://w3id.org/ancrage/id/committee/demo> '
...       '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ancrage/def#LocalCommittee> .']
>>> report = check(Store.in_memory([Source.from_ntriples("t", "t", nt)]), "demo")
>>> report.finding("R1").severity
'unknown'
>>> report.summary["unknown"]
12
"""

from __future__ import annotations

import datetime as dt

from ..namespaces import ANCC, SCHEMES
from .facts import CommitteeFacts, shared_facts
from .grounds import CHECKLIST
from .model import CompositionReport
from .rules import effective_categories, evaluate
from .thresholds import Thresholds
from .vocab import FAMILIES, LINKED_LEVELS, concept_label


def store_labeler(store):
    """``(scheme, code) -> {"fr": label, "en": label}`` from the store's concept labels."""
    cache: dict = {}

    def lab(scheme: str, code: str) -> dict:
        key = (scheme, code)
        if key not in cache:
            iri = str(ANCC[f"{scheme}/{code}"])
            cache[key] = {"fr": concept_label(store, iri, "fr"), "en": concept_label(store, iri, "en")}
        return cache[key]

    return lab


def profile(facts: CommitteeFacts, lab) -> dict:
    """Categories, levels, worlds and intervention scales present and absent among the members."""
    def group(key_fn, scheme):
        order = SCHEMES[scheme]
        found: dict[str, list[str]] = {}
        for m in facts.members:
            for k in key_fn(m):
                found.setdefault(k, []).append(m.iri)
        ordered = [k for k in order if k in found] + sorted(k for k in found if k not in order)
        return ([{"code": k, "label": lab(scheme, k), "members": sorted(found[k])} for k in ordered],
                [k for k in order if k not in found])

    categories, _ = group(lambda m: sorted(effective_categories(m)), "category")
    levels, _ = group(lambda m: m.levels, "level")
    worlds, worlds_absent = group(lambda m: m.worlds, "world")
    scales, scales_absent = group(lambda m: m.scales, "scale")
    roles, _ = group(lambda m: m.roles, "role")
    present_codes = {c["code"] for c in categories}
    present_levels = {lv["code"] for lv in levels}
    return {
        "members_known": len(facts.members),
        "full_members": sum(1 for m in facts.members if m.full),
        "categories": categories,
        "families_absent": [c for c in FAMILIES if c not in present_codes],
        "levels": levels,
        "levels_absent": [lv for lv in LINKED_LEVELS if lv not in present_levels],
        "worlds": worlds,
        "worlds_absent": worlds_absent,
        "scales": scales,
        "scales_absent": scales_absent,
        "roles": roles,
    }


def check(store, committee: str, lang: str = "fr", at: dt.date | None = None,
          thresholds: Thresholds | None = None, settings=None) -> CompositionReport:
    """Check a committee against R1–R12.

    Parameters
    ----------
    store : kg.store.Store
        The store to read (any object with ``select`` and ``version``).
    committee : str
        An IRI, a key (``entity("committee", key)``) or part of a label; unknown →
        :class:`kg.errors.QueryError` listing close matches.
    lang : {"fr", "en"}
        Language of labels in the report (sentences are always in both).
    at : datetime.date, optional
        Members current at this date (default: today).
    thresholds : Thresholds, optional
        The thresholds to apply; by default those of ``settings`` (or the defaults) with the
        committee's own table (``gaps_committees``). The report lists the values used.
    """
    facts = shared_facts(store, committee, at=at, lang=lang)
    lab = store_labeler(store)
    th = thresholds if thresholds is not None else Thresholds.build(settings, facts.iri)
    findings = evaluate(facts, lab, th)
    return CompositionReport(
        committee=facts.iri, label=facts.label, at=facts.at.isoformat(), lang=lang,
        store_version=store.version, territory=facts.territory, territory_label=facts.territory_label,
        territory_level=facts.territory_level, members=[m.to_dict() for m in facts.members],
        former_members=list(facts.former_members), profile=profile(facts, lab), findings=findings,
        thresholds=th.to_dict(), checklist=[item.to_dict() for item in CHECKLIST])
