"""The result of :func:`kg.analysis.analyse`: JSON-serialisable, columnar per-actor measures.

>>> r = AnalysisResult(store_version="v", at=None, nodes=2, edges=1, relations=1, components=1,
...                    largest_component=2, methods={}, actors={"iri": ["a", "b"], "label": ["A", "B"],
...                    "degree": [1, 1]}, communities=[], modularity=0.0, shared_actors=[],
...                    level_matrix={}, world_matrix={})
>>> r.measure("degree")
{'a': 1, 'b': 1}
>>> AnalysisResult.from_dict(r.to_dict()) == r
True
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "pagerank", "constraint",
            "effective_size", "community")


@dataclass
class AnalysisResult:
    """Measures of the actor network of one store version, at one date (or all dates)."""

    store_version: str
    at: str | None
    nodes: int
    edges: int
    relations: int
    components: int
    largest_component: int
    methods: dict
    actors: dict  # columns: iri, label, kind, categories, levels, worlds, and one per measure
    communities: list
    modularity: float
    shared_actors: list
    level_matrix: dict
    world_matrix: dict
    computed_at: str = ""
    timings: dict = field(default_factory=dict, compare=False)
    from_cache: bool = field(default=False, compare=False)

    @property
    def sampled(self) -> list[str]:
        """Names of the measures that were estimated rather than computed exactly."""
        return sorted(name for name, m in self.methods.items() if m.get("sampled"))

    def measure(self, name: str) -> dict:
        """``{actor IRI: value}`` for one measure (see :data:`MEASURES`)."""
        return dict(zip(self.actors["iri"], self.actors[name]))

    def top(self, name: str, n: int = 10, lowest: bool = False) -> list[dict]:
        """The ``n`` actors with the highest value (lowest for ``lowest=True``), ties by IRI."""
        rows = [(v, i, l) for i, l, v in zip(self.actors["iri"], self.actors["label"], self.actors[name])
                if v is not None]
        rows.sort(key=lambda r: ((r[0] if lowest else -r[0]), r[1]))
        return [{"iri": i, "label": l, "value": v} for v, i, l in rows[:n]]

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d.pop("from_cache")
        d["sampled"] = self.sampled
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "AnalysisResult":
        names = {f.name for f in dataclasses.fields(cls)} - {"from_cache"}
        return cls(**{k: v for k, v in d.items() if k in names})
