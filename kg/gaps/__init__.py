"""Composition check of a local committee (R1–R12) and explained missing-partner suggestions.

Public API (see docs/gaps.md):

* :func:`check` ``(store, committee, lang="fr", at=None) -> CompositionReport``
* :func:`suggest` ``(store, committee, limit=20, at=None, lang="fr") -> list[Suggestion]`` (local first)
* :func:`suggestions` ``(…) -> Suggestions`` (``local``, ``national`` relays, ``missing`` locally)
* :func:`resolve_committee` ``(store, text) -> str`` and :func:`committees` ``(store) -> {iri: label}``
* :mod:`kg.gaps.report`: ``to_markdown``, ``to_json``, ``suggestions_csv``

Every result has ``to_dict()`` (JSON-serialisable).
"""

from .composition import check, profile
from .facts import committees, read_facts, resolve_committee
from .model import CompositionReport, Finding, Gap, MissingLocal, Suggestion, Suggestions
from .report import suggestions_csv, to_json, to_markdown
from .suggest import gaps_of, suggest, suggestions

__all__ = ["check", "suggest", "suggestions", "Suggestions", "MissingLocal", "gaps_of", "profile", "committees", "read_facts", "resolve_committee",
           "CompositionReport", "Finding", "Gap", "Suggestion", "to_markdown", "to_json", "suggestions_csv"]
