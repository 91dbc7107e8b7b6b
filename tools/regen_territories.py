"""Regenerate ``data/territories/`` from the npm package ``@etalab/decoupage-administratif``.

Usage::

    .venv/bin/python tools/regen_territories.py                 # npm pack 6.0.0 in a temp dir
    .venv/bin/python tools/regen_territories.py --version 6.0.0
    .venv/bin/python tools/regen_territories.py --from-dir /tmp/package   # an extracted package

It runs ``npm pack @etalab/decoupage-administratif@<version>`` in a temporary folder, reads
``data/{regions,departements,epci,communes}.json`` and writes a compact, deterministic copy
(``cog.json.gz``, gzip with a fixed timestamp, so the same package gives the same bytes) and
``SOURCE.md`` (package, version, licence, tarball integrity, date, counts).

What the compact copy keeps (see ``docs/import.md`` and ``SOURCE.md``):

* ``regions``: the 18 régions (13 metropolitan + 5 DROM): ``[code, nom, zone, chef-lieu]``;
* ``departements``: the 101 départements: ``[code, nom, région, zone]``;
* ``com``: the overseas collectivities the package files as both région and département
  (975, 977, 978, 984, 986, 987, 988, 989): ``[code, nom]``;
* ``epci``: the EPCI à fiscalité propre (métropoles included): ``[siren, nom, type, population]``;
* ``communes``: the current communes (``commune-actuelle``):
  ``[code, nom, département or COM, EPCI siren or "", population or null]``;
* ``arrondissements_municipaux``: Paris, Lyon and Marseille: ``[code, nom, commune, population]``;
* ``anciennes_communes``: delegated and associated communes, for name look-ups only:
  ``[code, nom, "deleguee" | "associee", current commune code]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
DEFAULT_VERSION = "6.0.0"
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "territories"
DATA_FILE = "cog.json.gz"
FORMAT = 1


def derive(package_dir: Path, version: str, integrity: str = "") -> dict:
    """The compact copy from an extracted package folder (the one holding ``data/``)."""
    data = Path(package_dir) / "data"

    def read(name):
        return json.loads((data / f"{name}.json").read_text(encoding="utf-8"))

    regions, departements = read("regions"), read("departements")
    epcis, communes = read("epci"), read("communes")
    com_codes = {r["code"] for r in regions if r.get("zone") == "com"}
    epci_of = {}
    for e in epcis:
        for m in e["membres"]:
            if m["code"] in epci_of:
                raise ValueError(f"commune {m['code']} is in two EPCI: {epci_of[m['code']]} and {e['code']}")
            epci_of[m["code"]] = e["code"]
    current = [c for c in communes if c["type"] == "commune-actuelle"]
    current_codes = {c["code"] for c in current}
    missing = sorted(set(epci_of) - current_codes)
    if missing:
        raise ValueError(f"EPCI members that are not current communes: {missing[:10]}")
    out = {
        "format": FORMAT,
        "package": PACKAGE,
        "version": version,
        "licence": "MIT",
        "integrity": integrity,
        "regions": sorted([r["code"], r["nom"], r["zone"], r.get("chefLieu", "")]
                          for r in regions if r["code"] not in com_codes),
        "departements": sorted([d["code"], d["nom"], d["region"], d["zone"]]
                               for d in departements if d["code"] not in com_codes),
        "com": sorted([r["code"], r["nom"]] for r in regions if r["code"] in com_codes),
        "epci": sorted([e["code"], e["nom"], e["type"], e.get("populationMunicipale")] for e in epcis),
        "communes": sorted([c["code"], c["nom"], c["departement"], epci_of.get(c["code"], ""),
                            c.get("population")] for c in current),
        "arrondissements_municipaux": sorted(
            [c["code"], c["nom"], c["commune"], c.get("population")]
            for c in communes if c["type"] == "arrondissement-municipal"),
        "anciennes_communes": sorted(
            [c["code"], c["nom"], c["type"].removeprefix("commune-"), c["chefLieu"]]
            for c in communes if c["type"] in ("commune-deleguee", "commune-associee")),
    }
    return out


def counts(compact: dict) -> dict[str, int]:
    return {k: len(v) for k, v in compact.items() if isinstance(v, list)}


def write(compact: dict, out_dir: Path = OUT_DIR, today: dt.date | None = None) -> Path:
    """Write ``cog.json.gz`` (deterministic bytes) and ``SOURCE.md``; the data file's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(compact, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target = out_dir / DATA_FILE
    with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                  mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    sha = hashlib.sha256(target.read_bytes()).hexdigest()
    n = counts(compact)
    today = today or dt.date.today()
    (out_dir / "SOURCE.md").write_text(SOURCE_MD.format(
        package=compact["package"], version=compact["version"], integrity=compact["integrity"] or "—",
        date=today.isoformat(), sha=sha, data_file=DATA_FILE, **n), encoding="utf-8")
    return target


SOURCE_MD = """# Référentiel territorial / Territorial reference

| | |
| --- | --- |
| paquet / package | [`{package}`](https://www.npmjs.com/package/{package}) |
| version | {version} (millésime / vintage 2026 of the Code officiel géographique) |
| licence | MIT (paquet / package, `package.json`); données INSEE (COG, populations légales) et DGCL (EPCI) sous Licence Ouverte / Etalab 2.0 (README du paquet / package README) |
| intégrité de l'archive / tarball integrity | `{integrity}` |
| fichier dérivé / derived file | `{data_file}` (sha256 `{sha}`) |
| généré le / generated on | {date} |
| script | `tools/regen_territories.py` (`npm pack {package}@{version}`) |

## Contenu / Contents

| clé / key | nombre / count | ce qui est compté / what is counted |
| --- | ---: | --- |
| `regions` | {regions} | régions (13 métropolitaines + 5 DROM) / régions (13 metropolitan + 5 overseas) |
| `departements` | {departements} | départements (96 métropolitains + 5 DROM) |
| `com` | {com} | collectivités d'outre-mer (975, 977, 978, 984, 986, 987, 988, 989), que le paquet range à la fois parmi les régions et les départements / overseas collectivities, filed by the package both as régions and départements |
| `epci` | {epci} | EPCI à fiscalité propre (CC, CA, CU, métropoles, Métropole de Lyon) |
| `communes` | {communes} | communes actuelles (`type: commune-actuelle`), outre-mer compris / current communes, overseas included |
| `arrondissements_municipaux` | {arrondissements_municipaux} | arrondissements municipaux de Paris, Lyon, Marseille |
| `anciennes_communes` | {anciennes_communes} | communes déléguées et associées (recherche par nom seulement) / delegated and associated communes (name look-up only) |

Regénérer / regenerate: `.venv/bin/python tools/regen_territories.py --version {version}`.
"""


def npm_pack(version: str, workdir: Path) -> tuple[Path, str]:
    """Download and extract the package with ``npm pack``; (package folder, integrity)."""
    proc = subprocess.run(["npm", "pack", f"{PACKAGE}@{version}", "--json"], cwd=workdir,
                          capture_output=True, text=True, check=True)
    info = json.loads(proc.stdout)[0]
    tarball = workdir / info["filename"]
    with tarfile.open(tarball) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package", info.get("integrity", "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=DEFAULT_VERSION)
    parser.add_argument("--from-dir", type=Path, help="an already extracted package folder")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    if args.from_dir:
        compact = derive(args.from_dir, args.version)
        target = write(compact, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            pkg, integrity = npm_pack(args.version, Path(tmp))
            meta = json.loads((pkg / "package.json").read_text(encoding="utf-8"))
            if meta["version"] != args.version:
                raise SystemExit(f"npm gave version {meta['version']}, expected {args.version}")
            compact = derive(pkg, args.version, integrity)
            target = write(compact, args.out)
    print(f"{target}: {target.stat().st_size:,} bytes; " +
          ", ".join(f"{k} {v:,}" for k, v in counts(compact).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
