"""The results of the composition check and of the suggestions: plain, JSON-serialisable records.

>>> f = Finding("R1", "ok", {"fr": "t", "en": "t"}, {"fr": "Oui.", "en": "Yes."}, {"n": 1},
...             ("https://w3id.org/ancrage/id/section/seminaire-2018-s7-1",))
>>> f.text("en")
'Yes.'
>>> f.to_dict()["rule_iri"]
'https://w3id.org/ancrage/concept/rule/R1'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..namespaces import rule as rule_iri

#: Verdicts, said to users as the messages ``gaps.severity_<verdict>``.
SEVERITIES = ("ok", "warning", "failure", "unknown")


@dataclass(frozen=True)
class Finding:
    """The verdict on one rule R1–R12, with its evidence, its source section(s) and what it rests on.

    ``table`` is a small table for the report: ``{"columns": {"fr": [...], "en": [...]},
    "rows": [[cell, ...], ...]}`` where a cell is text or ``{"fr": ..., "en": ...}``.
    """

    rule: str
    severity: str
    title: dict
    sentence: dict
    evidence: dict
    sources: tuple[str, ...]
    table: dict = field(default_factory=dict)
    status: str = ""  # the rule's status: attendu (HCTS), question-ouverte (research), demande (workshops)
    ground: dict = field(default_factory=dict)  # kg.gaps.grounds.Ground.to_dict(): quotes, operationalisation
    thresholds: dict = field(default_factory=dict)  # the thresholds this verdict used

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, found {self.severity!r}")

    @property
    def rule_iri(self) -> str:
        return str(rule_iri(self.rule))

    def text(self, lang: str = "fr") -> str:
        return self.sentence.get(lang) or self.sentence.get("fr", "")

    def to_dict(self) -> dict:
        return {"rule": self.rule, "rule_iri": self.rule_iri, "severity": self.severity,
                "title": dict(self.title), "sentence": dict(self.sentence), "evidence": self.evidence,
                "sources": list(self.sources), "table": self.table, "status": self.status,
                "ground": self.ground, "thresholds": self.thresholds}

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        return cls(d["rule"], d["severity"], d["title"], d["sentence"], d["evidence"],
                   tuple(d["sources"]), d.get("table") or {}, d.get("status", ""), d.get("ground") or {},
                   d.get("thresholds") or {})


@dataclass(frozen=True)
class CompositionReport:
    """The composition check of one committee (what :func:`kg.gaps.check` returns)."""

    committee: str
    label: str
    at: str
    lang: str
    store_version: str
    territory: str | None
    territory_label: str | None
    territory_level: str | None
    members: list
    former_members: list
    profile: dict
    findings: list
    thresholds: dict = field(default_factory=dict)  # kg.gaps.thresholds.Thresholds.to_dict(): values used
    checklist: list = field(default_factory=list)  # kg.gaps.grounds.CHECKLIST, as dicts

    @property
    def summary(self) -> dict:
        """Number of findings per severity."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def finding(self, rule: str) -> Finding:
        """The finding of one rule (``"R1"``…)."""
        for f in self.findings:
            if f.rule == rule:
                return f
        raise KeyError(rule)

    @property
    def has_failures(self) -> bool:
        return any(f.severity == "failure" for f in self.findings)

    def to_dict(self) -> dict:
        return {"committee": self.committee, "label": self.label, "at": self.at, "lang": self.lang,
                "store_version": self.store_version, "territory": self.territory,
                "territory_label": self.territory_label, "territory_level": self.territory_level,
                "members": [m if isinstance(m, dict) else m.to_dict() for m in self.members],
                "former_members": list(self.former_members), "profile": self.profile,
                "summary": self.summary, "findings": [f.to_dict() for f in self.findings],
                "thresholds": self.thresholds, "checklist": self.checklist}

    @classmethod
    def from_dict(cls, d: dict) -> "CompositionReport":
        return cls(d["committee"], d["label"], d["at"], d["lang"], d["store_version"], d["territory"],
                   d["territory_label"], d["territory_level"], d["members"], d["former_members"],
                   d["profile"], [Finding.from_dict(f) for f in d["findings"]], d.get("thresholds") or {},
                   d.get("checklist") or [])


@dataclass(frozen=True)
class Gap:
    """Something a committee lacks: a category, a world or a territorial level."""

    kind: str  # category | world | level
    code: str
    weight: float
    rules: tuple[str, ...]
    label: dict  # {"fr": ..., "en": ...}

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"

    def to_dict(self) -> dict:
        return {"key": self.key, "kind": self.kind, "code": self.code, "weight": self.weight,
                "rules": list(self.rules), "label": dict(self.label)}


@dataclass(frozen=True)
class Suggestion:
    """A named actor of the graph that would fill one or more gaps, with its score explained.

    ``parts`` holds the score's terms (they add up to ``score``); ``reasons`` the explanation
    in French and English.
    """

    rank: int
    actor: str
    label: str
    kind: str
    categories: tuple[str, ...]
    territory: str
    territory_label: str
    location: str  # same | inside | above | national
    gaps: tuple[str, ...]  # Gap keys
    parts: dict
    score: float
    direct_links: tuple[str, ...]
    common_partners: tuple[str, ...]
    adamic_adar: float
    legitimacy: dict | None
    reasons: dict

    def reason(self, lang: str = "fr") -> str:
        return self.reasons.get(lang) or self.reasons["fr"]

    def to_dict(self) -> dict:
        return {"rank": self.rank, "actor": self.actor, "label": self.label, "kind": self.kind,
                "categories": list(self.categories), "territory": self.territory,
                "territory_label": self.territory_label, "location": self.location,
                "gaps": list(self.gaps), "parts": dict(self.parts), "score": self.score,
                "direct_links": list(self.direct_links), "common_partners": list(self.common_partners),
                "adamic_adar": self.adamic_adar, "legitimacy": self.legitimacy,
                "reasons": dict(self.reasons)}

    @classmethod
    def from_dict(cls, d: dict) -> "Suggestion":
        return cls(d["rank"], d["actor"], d["label"], d["kind"], tuple(d["categories"]), d["territory"],
                   d["territory_label"], d["location"], tuple(d["gaps"]), d["parts"], d["score"],
                   tuple(d["direct_links"]), tuple(d["common_partners"]), d["adamic_adar"],
                   d["legitimacy"], d["reasons"])


@dataclass(frozen=True)
class MissingLocal:
    """A category gap that no actor on the committee's territory fills: the kind of actor expected
    is named, never an invented one."""

    gap: str  # Gap key
    label: dict
    expected: dict  # {"fr": ..., "en": ...}
    rules: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"gap": self.gap, "label": dict(self.label), "expected": dict(self.expected),
                "rules": list(self.rules)}

    @classmethod
    def from_dict(cls, d: dict) -> "MissingLocal":
        return cls(d["gap"], d["label"], d["expected"], tuple(d.get("rules") or ()))


@dataclass(frozen=True)
class Suggestions:
    """The suggestions of a committee: local ones (local first), national relays apart, and the
    category gaps with no local candidate."""

    local: list
    national: list
    missing: list

    def to_dict(self) -> dict:
        return {"local": [s.to_dict() for s in self.local], "national": [s.to_dict() for s in self.national],
                "missing": [m.to_dict() for m in self.missing]}
