"""The read model of a remote SPARQL store: not derived yet, so its readers ask SPARQL directly."""

from __future__ import annotations


def remote_model(store, graphs=None):
    """``None``: a remote store's readers use their SPARQL path."""
    return None
