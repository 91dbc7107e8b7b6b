"""Moine and Sorita's eight questions (section 4 of the source, l. 451–475) and how the graph
answers each: its named queries (SPARQL and Cypher twins in ``ontology/queries/``), a figure, a
view of the explorer, and what the graph cannot answer. The page is ``kg/app/pages/questions.py``;
the texts are in the catalogue (``q8_<n>_answer``, ``q8_<n>_limits``).

>>> [q.number for q in QUESTIONS]
[1, 2, 3, 4, 5, 6, 7, 8]
>>> QUESTIONS[0].quote.lines
(455, 456)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..gaps.grounds import Quote


@dataclass(frozen=True)
class Figure:
    """A bar chart over a query's rows: ``x`` the column counted by (or labelled by), ``y`` a
    column holding the value (the largest per ``x``; ``None``: count rows, each distinct
    ``distinct`` once).

    >>> Figure("q", "kind").bars(["kind"], [["a"], ["a"], ["b"]])
    {'a': 2, 'b': 1}
    """

    query: str
    x: str
    y: str | None = None
    distinct: str | None = None

    def bars(self, variables: list[str], rows: list[list]) -> dict:
        """``{x value: number}`` for the chart, in the order of the rows."""
        ix = variables.index(self.x)
        if self.y:
            iy = variables.index(self.y)
            out: dict = {}
            for r in rows:
                out[str(r[ix])] = max(out.get(str(r[ix]), 0.0), float(r[iy] or 0))
            return out
        if self.distinct:
            idist = variables.index(self.distinct)
            seen = {(str(r[ix]), r[idist]) for r in rows}
            return dict(Counter(x for x, _ in sorted(seen, key=str)))
        return dict(Counter(str(r[ix]) for r in rows))


@dataclass(frozen=True)
class Question:
    number: int
    quote: Quote  # the theme and the question, as the source writes them
    queries: tuple[str, ...]  # named queries that answer it
    figure: Figure | None
    page: str | None  # the explorer page that shows it best (kg/app/pages/<page>.py)


def _q(text: str, first: int, last: int) -> Quote:
    return Quote(text, (first, last), "4", "moine-sorita", "question-ouverte")


QUESTIONS: tuple[Question, ...] = (
    Question(1, _q("Les échelles auxquelles placer les CL → Il n'y a pas une mais des échelles à lier, lesquelles ?",
                   455, 456),
             ("echelles-d-intervention", "liens-multi-niveaux"),
             Figure("echelles-d-intervention", "scale", distinct="relation"), "reseau"),
    Question(2, _q("La rencontre entre dispositifs et situations → De la compréhension du besoin à l'évaluation, "
                   "comment faire ?", 457, 458),
             ("dispositifs-et-ce-qu-ils-concernent",), Figure("dispositifs-et-ce-qu-ils-concernent", "kind"), None),
    Question(3, _q("La dimension générale du système → Quels moyens pour embrasser l'ampleur des acteurs et "
                   "interrelations ?", 459, 460),
             ("acteurs-et-relations-par-type",), Figure("acteurs-et-relations-par-type", "kind", "count"), "reseau"),
    Question(4, _q("Les données et informations à mettre en lien → Lesquelles, sous quelle forme, comment, pour qui, "
                   "quand ?", 461, 462),
             ("flux-information", "productions-par-theme"), Figure("flux-information", "status", distinct="flow"),
             "sources"),
    Question(5, _q("Le lien entre terrain et formation → Par quelles structures se fait le lien ?", 468, 469),
             ("terrain-et-formation",), Figure("terrain-et-formation", "structureLabel", distinct="relation"),
             "reseau"),
    Question(6, _q("La gouvernance à mettre en place/les lieux à inventer → Qui pilote avec quels moyens "
                   "(ingénierie) en quels lieux ?", 470, 471),
             ("comites-et-porteurs", "accompagnement", "attendus-et-observes"), None, "comites"),
    Question(7, _q("La forme de l'aide à la décision → Des études, des séminaires, des recherche-action ?", 472, 473),
             ("formes-d-aide-a-la-decision",), Figure("formes-d-aide-a-la-decision", "kind"), None),
    Question(8, _q("Le portage des projets de CL → Comment prendre en compte les comportements collectifs et "
                   "individuels ?", 474, 475),
             ("representations-enquete",), Figure("representations-enquete", "label", "share"), None),
)
