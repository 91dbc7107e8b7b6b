"""kg.text: the comparison keys of names, and the modules that use them without the COG loader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kg.text import name_key, normalize

ROOT = Path(__file__).resolve().parents[2]


def test_normalize_is_stable():
    assert normalize("Saint-Étienne-du-Rouvray") == normalize("st etienne du rouvray")
    assert normalize("Œuilly") == "oeuilly"
    assert normalize("Communauté d'agglomération du Grand Dax") == "ca du grand dax"


def test_name_key_drops_plurals_but_not_short_words():
    assert name_key("Fédérations") == name_key("fédération") == "federation"
    assert name_key("Élus") == name_key("élu")
    assert name_key("les bus") == "les bus"
    assert name_key(None) == ""


def test_names_and_terms_are_read_without_the_cog_loader():
    """The template's vocabulary, identities and N-Triples terms do not import the COG loader."""
    code = ("import sys, kg.text, kg.ntriples, kg.identity, loaders.tabular_vocab; "
            "print('loaders.cog' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
