"""Core commands: build, stats, validate, query, export, app, settings (being written by the lead)."""

from __future__ import annotations


def register(app) -> None:
    pass
