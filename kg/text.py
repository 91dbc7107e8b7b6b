"""Comparison keys of names: the one rule for "the same name" once accents, case, hyphens,
apostrophes, ligatures and abbreviations are ignored (territories, vocabulary, actors).

>>> normalize("L'Haÿ-les-Roses")
'l hay les roses'
>>> name_key("Élus") == name_key("élu")
True
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s'’‘`´\-–—_/.,;:()\[\]«»\"]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_TOKEN_EXPANSIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_PHRASES = [  # long forms of EPCI kinds -> the territorial reference's abbreviations
    (re.compile(r"\bcommunaute de communes\b"), "cc"),
    (re.compile(r"\bcommunaute d agglomeration\b"), "ca"),
    (re.compile(r"\bcommunaute urbaine\b"), "cu"),
]


def normalize(text: str) -> str:
    """Key for name comparisons: no accents, case, hyphens, apostrophes or extra spaces.

    >>> normalize("  ST-ÉTIENNE ") == normalize("Saint-Étienne")
    True
    >>> normalize("Communauté de communes Faucigny - Glières")
    'cc faucigny glieres'
    """
    text = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    tokens = [_TOKEN_EXPANSIONS.get(tok, tok) for tok in _SEPARATORS.split(text) if tok]
    key = " ".join(tokens)
    for pattern, short in _PHRASES:
        key = pattern.sub(short, key)
    return key


def name_key(text: str) -> str:
    """:func:`normalize` with a trailing plural ``s``/``x`` dropped from each word of four
    letters or more (values of the template, actors' names).

    >>> name_key("Département de la Creuse") == name_key("departement de la  creuse")
    True
    """
    words = normalize(text or "").split()
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in words)


__all__ = ["normalize", "name_key"]
