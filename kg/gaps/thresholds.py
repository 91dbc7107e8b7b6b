"""The thresholds of the composition check: the product's choices, read from the settings.

The source sets no number for any rule (docs/gaps.md). Each threshold is a setting
``gaps_<name>`` of :class:`kg.settings.Settings` (defaults, ``ancrage.toml``, ``ANCRAGE_GAPS_*``),
a committee may have its own (``[gaps_committees.<key>]`` in ``ancrage.toml``), and
``ancrage gaps --threshold name=value`` changes one for a run. Every report prints the values used.

>>> th = Thresholds()
>>> th.r4_ok, th.hhi_warning
(10, 0.25)
>>> Thresholds.build(overrides={"r4_ok": "8"}).r4_ok
8
>>> Thresholds.build(overrides={"r4_ok": "8"}).origin["r4_ok"]
'override'
"""

from __future__ import annotations

import dataclasses

from ..errors import ConfigError
from ..settings import Settings

PREFIX = "gaps_"
#: Threshold name -> the rules that use it.
USED_BY = {"min_known": ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R9", "R10", "R11"),
           "r4_ok": ("R4",), "r4_warning": ("R4",), "share_failure": ("R6",), "share_warning": ("R6",),
           "hhi_warning": ("R5", "R6"), "r9_ok": ("R9",), "r9_warning": ("R9",)}
#: What each threshold means, in French and English.
MEANING = {
    "min_known": {"fr": "membres connus en dessous desquels une absence n'est pas concluante",
                  "en": "known members below which an absence is not conclusive"},
    "r4_ok": {"fr": "familles de partenaires attendues présentes (sur 13) pour « conforme »",
              "en": "expected partner families present (of 13) for “met”"},
    "r4_warning": {"fr": "familles présentes pour « à surveiller » (moins : « non conforme »)",
                   "en": "families present for “to watch” (fewer: “not met”)"},
    "share_failure": {"fr": "part de la plus grande institution ou catégorie au-delà de laquelle « non conforme »",
                      "en": "share of the largest institution or category above which “not met”"},
    "share_warning": {"fr": "part de la plus grande institution ou catégorie au-delà de laquelle « à surveiller »",
                      "en": "share of the largest institution or category above which “to watch”"},
    "hhi_warning": {"fr": "indice de Herfindahl à partir duquel « à surveiller »",
                    "en": "Herfindahl index from which “to watch”"},
    "r9_ok": {"fr": "niveaux territoriaux parmi les membres pour « conforme »",
              "en": "territorial levels among the members for “met”"},
    "r9_warning": {"fr": "niveaux territoriaux pour « à surveiller » (moins : « non conforme »)",
                   "en": "territorial levels for “to watch” (fewer: “not met”)"},
}
NAMES = tuple(USED_BY)
_DEFAULTS = {f.name[len(PREFIX):]: f.default for f in dataclasses.fields(Settings)
             if f.name[len(PREFIX):] in USED_BY}


class Thresholds:
    """The thresholds of one check: ``th.r4_ok``…, ``values`` and where each comes from (``origin``:
    ``default``, ``settings``, ``committee`` or ``override``)."""

    def __init__(self, values: dict | None = None, origin: dict | None = None):
        self.values = {**_DEFAULTS, **(values or {})}
        self.origin = {n: (origin or {}).get(n, "default") for n in NAMES}

    def __getattr__(self, name: str):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    def __eq__(self, other) -> bool:
        return isinstance(other, Thresholds) and self.values == other.values

    def __repr__(self) -> str:
        return f"Thresholds({self.values})"

    @classmethod
    def build(cls, settings: Settings | None = None, committee: str | None = None,
              overrides: dict | None = None) -> "Thresholds":
        """Defaults, then the settings, then the committee's own table, then ``overrides``.

        ``committee`` is the committee's IRI or key (its last path segment is looked up in
        ``gaps_committees``). A name or value that does not fit raises :class:`ConfigError`.
        """
        settings = settings or Settings()
        values, origin = dict(_DEFAULTS), {}
        for name in NAMES:
            value = getattr(settings, PREFIX + name)
            if value != _DEFAULTS[name]:
                values[name], origin[name] = value, "settings"
        key = committee.rstrip("/").rsplit("/", 1)[-1] if committee else None
        table = settings.gaps_committees.get(key, {}) if key else {}
        if table and not isinstance(table, dict):
            raise ConfigError(f"setting gaps_committees.{key}: expected a table of thresholds, found {table!r}")
        for layer, given in (("committee", table), ("override", overrides or {})):
            for name, value in given.items():
                name = name[len(PREFIX):] if name.startswith(PREFIX) else name
                values[name] = _convert(name, value, layer, key)
                origin[name] = layer
        th = cls(values, origin)
        th.check()
        return th

    def check(self) -> None:
        """Refuse thresholds that contradict each other (``r4_warning > r4_ok``…)."""
        v = self.values
        for low, high in (("r4_warning", "r4_ok"), ("r9_warning", "r9_ok"), ("share_warning", "share_failure")):
            if v[low] > v[high]:
                raise ConfigError(f"threshold {low} = {v[low]} is above {high} = {v[high]}; expected {low} ≤ {high}")

    def to_dict(self) -> dict:
        return {n: {"value": self.values[n], "origin": self.origin[n], "rules": list(USED_BY[n]),
                    "meaning": dict(MEANING[n])} for n in NAMES}

    def text(self, rule: str | None = None) -> str:
        """``r4_ok=10, r4_warning=5`` (those of ``rule``, or all)."""
        return ", ".join(f"{n}={self.values[n]:g}" for n in NAMES if rule is None or rule in USED_BY[n])


def _convert(name: str, value, layer: str, key: str | None):
    where = f"gaps_committees.{key}" if layer == "committee" else "--threshold"
    if name not in _DEFAULTS:
        raise ConfigError(f"{where}: unknown threshold {name!r}; known: {', '.join(NAMES)}")
    kind = type(_DEFAULTS[name])
    try:
        converted = kind(value)
    except (TypeError, ValueError) as err:
        raise ConfigError(f"{where}: threshold {name!r}: expected {kind.__name__}, found {value!r}") from err
    if converted < 0:
        raise ConfigError(f"{where}: threshold {name!r}: expected a number ≥ 0, found {value!r}")
    return converted


def parse_overrides(items: list[str] | None) -> dict:
    """``["r4_ok=8", "hhi_warning=0.3"]`` → ``{"r4_ok": "8", "hhi_warning": "0.3"}``.

    >>> parse_overrides(["r4_ok=8"])
    {'r4_ok': '8'}
    """
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ConfigError(f"--threshold: expected name=value (e.g. r4_ok=8), found {item!r}; "
                              f"names: {', '.join(NAMES)}")
        out[name.strip()] = value.strip()
    return out
