"""Benchmark of a directory load: a 1,000,000-row Sirene establishment stock, filtered to one
département (target: ≤ 60 s and ≤ 1 GB peak memory, issue 14).

    python bench/directories.py [--rows 1000000] [--departement 59] [--work /tmp/ancrage-bench-dir]

Generates, deterministically (seeded numpy), a ``StockEtablissement`` file in INSEE's layout
(the full header of the published file, one row per establishment, communes weighted by
population, a realistic mix of activity codes and legal units) and the matching
``StockUniteLegale`` file; then, in a fresh process each, measures (1) the load
(``loaders.sirene.load``: stream, filter, join, map) and (2) the load followed by the write of
its named graph into a new on-disk store. Wall time, CPU time and peak RSS of that process, with
the machine's load average, go to ``bench/results/directories.json``; ``bench/report.py`` puts
them in ``bench/results.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

ETAB_HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,"
    "anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,"
    "indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,indiceRepetitionDernierNumeroVoieEtablissement,"
    "typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,codeCommuneEtablissement,"
    "codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,"
    "identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement,"
    "complementAdresse2Etablissement,numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,"
    "libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,"
    "libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,codeCommune2Etablissement,"
    "codeCedex2Etablissement,libelleCedex2Etablissement,codePaysEtranger2Etablissement,"
    "libellePaysEtranger2Etablissement,dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,"
    "enseigne2Etablissement,enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement,activitePrincipaleNAF25Etablissement"
).split(",")
UL_HEADER = (
    "siren,statutDiffusionUniteLegale,unitePurgeeUniteLegale,dateCreationUniteLegale,sigleUniteLegale,sexeUniteLegale,"
    "prenom1UniteLegale,prenom2UniteLegale,prenom3UniteLegale,prenom4UniteLegale,prenomUsuelUniteLegale,"
    "pseudonymeUniteLegale,identifiantAssociationUniteLegale,trancheEffectifsUniteLegale,anneeEffectifsUniteLegale,"
    "dateDernierTraitementUniteLegale,nombrePeriodesUniteLegale,categorieEntreprise,anneeCategorieEntreprise,dateDebut,"
    "etatAdministratifUniteLegale,nomUniteLegale,nomUsageUniteLegale,denominationUniteLegale,"
    "denominationUsuelle1UniteLegale,denominationUsuelle2UniteLegale,denominationUsuelle3UniteLegale,"
    "categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,nomenclatureActivitePrincipaleUniteLegale,"
    "nicSiegeUniteLegale,economieSocialeSolidaireUniteLegale,societeMissionUniteLegale,caractereEmployeurUniteLegale,"
    "activitePrincipaleNAF25UniteLegale"
).split(",")
# (activity code, share): the social sector is a few per cent of all establishments
ACTIVITIES = [("47.11F", 0.12), ("56.10A", 0.10), ("68.20B", 0.14), ("43.21A", 0.10), ("62.01Z", 0.08),
              ("86.21Z", 0.08), ("94.99Z", 0.08), ("93.12Z", 0.06), ("84.11Z", 0.04), ("88.10A", 0.05),
              ("88.99B", 0.04), ("87.10A", 0.02), ("88.91A", 0.03), ("84.30C", 0.01), ("85.59A", 0.05)]
LEGAL = [("1000", 0.55), ("5710", 0.12), ("5499", 0.10), ("9220", 0.12), ("6540", 0.05), ("7210", 0.02),
         ("7361", 0.01), ("8110", 0.01), ("5710", 0.02)]


def generate(work: Path, rows: int, seed: int = 14) -> tuple[Path, Path]:
    """The two stock files (reused when already generated with the same parameters)."""
    import numpy as np

    from loaders import cog

    etab, ul = work / f"StockEtablissement_{rows}.csv", work / f"StockUniteLegale_{rows}.csv"
    stamp = work / f"generated-{rows}-{seed}.ok"
    if stamp.exists() and etab.exists() and ul.exists():
        return etab, ul
    work.mkdir(parents=True, exist_ok=True)
    ref = cog.Reference.get()
    communes = [t for t in ref.territories if t.level == cog.COMMUNE]
    pop = np.array([max(t.population or 0, 1) for t in communes], dtype=float)
    rng = np.random.default_rng(seed)
    units = max(1, int(rows * 0.7))
    place = rng.choice(len(communes), size=rows, p=pop / pop.sum())
    owner = np.concatenate([np.arange(units), rng.integers(0, units, size=rows - units)])
    acts = rng.choice(len(ACTIVITIES), size=rows, p=np.array([s for _, s in ACTIVITIES]) / sum(s for _, s in ACTIVITIES))
    state = rng.random(rows) < 0.85
    diffusion = rng.random(rows) < 0.97
    legal = rng.choice(len(LEGAL), size=units, p=np.array([s for _, s in LEGAL]) / sum(s for _, s in LEGAL))
    width = len(ETAB_HEADER)
    col = {name: i for i, name in enumerate(ETAB_HEADER)}
    with open(etab, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(ETAB_HEADER)
        seen_head: set[int] = set()
        for k in range(rows):
            u = int(owner[k])
            siren = f"{100000000 + u:09d}"
            nic = f"{10 + k % 89999:05d}"
            t = communes[int(place[k])]
            r = [""] * width
            r[col["siren"]], r[col["nic"]], r[col["siret"]] = siren, nic, siren + nic
            r[col["statutDiffusionEtablissement"]] = "O" if diffusion[k] else "P"
            r[col["dateCreationEtablissement"]] = "2010-05-17"
            r[col["dateDernierTraitementEtablissement"]] = "2026-10-28T03:12:45"
            r[col["etablissementSiege"]] = "false" if u in seen_head else "true"
            seen_head.add(u)
            r[col["nombrePeriodesEtablissement"]] = "2"
            r[col["numeroVoieEtablissement"]] = str(1 + k % 120)
            r[col["typeVoieEtablissement"]] = "RUE"
            r[col["libelleVoieEtablissement"]] = "DE LA REPUBLIQUE"
            r[col["codePostalEtablissement"]] = "00000"
            r[col["libelleCommuneEtablissement"]] = t.name.upper()
            r[col["codeCommuneEtablissement"]] = t.code
            r[col["dateDebut"]] = "2020-01-01"
            r[col["etatAdministratifEtablissement"]] = "A" if state[k] else "F"
            r[col["activitePrincipaleEtablissement"]] = ACTIVITIES[int(acts[k])][0]
            r[col["nomenclatureActivitePrincipaleEtablissement"]] = "NAFRev2"
            r[col["caractereEmployeurEtablissement"]] = "N"
            w.writerow(r)
    ucol = {name: i for i, name in enumerate(UL_HEADER)}
    with open(ul, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(UL_HEADER)
        for u in range(units):
            cj = LEGAL[int(legal[u])][0]
            r = [""] * len(UL_HEADER)
            r[ucol["siren"]] = f"{100000000 + u:09d}"
            r[ucol["statutDiffusionUniteLegale"]] = "O"
            r[ucol["dateCreationUniteLegale"]] = "2010-05-17"
            r[ucol["etatAdministratifUniteLegale"]] = "A"
            r[ucol["categorieJuridiqueUniteLegale"]] = cj
            if cj == "1000":
                r[ucol["nomUniteLegale"]], r[ucol["prenom1UniteLegale"]] = "DUPONT", "CAMILLE"
            else:
                r[ucol["denominationUniteLegale"]] = f"UNITE {u:07d}"
            r[ucol["nomenclatureActivitePrincipaleUniteLegale"]] = "NAFRev2"
            w.writerow(r)
    stamp.write_text("ok")
    return etab, ul


def child(etab: str, ul: str, departement: str, store: str | None) -> None:
    """One measured run in this process; prints a JSON line."""
    t0 = time.perf_counter()
    from loaders import sirene

    src = sirene.load(etab, unites_legales=ul, departements=[departement])
    triples = sum(chunk.count(b"\n") for chunk in src.ntriple_chunks())
    t_load = time.perf_counter() - t0
    t_write = None
    if store:
        from kg.store import write_sources

        t1 = time.perf_counter()
        write_sources(store, [src], fresh=True)
        t_write = time.perf_counter() - t1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"actors": src.records, "triples": triples, "quarantined": len(src.problems),
                      "load_s": round(t_load, 2), "write_s": round(t_write, 2) if t_write is not None else None,
                      "wall_s": round(time.perf_counter() - t0, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
                      "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}))


def measure(etab: Path, ul: Path, departement: str, store: Path | None) -> dict:
    load_before = os.getloadavg()
    cmd = [sys.executable, __file__, "--child", str(etab), str(ul), departement, str(store) if store else ""]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_average_before"] = [round(x, 2) for x in load_before]
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] or None)
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--departement", default="59")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ancrage-bench-directories"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    reused = (args.work / f"generated-{args.rows}-14.ok").exists()
    etab, ul = generate(args.work, args.rows)
    gen_s = None if reused else round(time.perf_counter() - t0, 1)
    runs_load = [measure(etab, ul, args.departement, None) for _ in range(args.runs)]
    store = args.work / "store"
    runs_write = []
    for _ in range(args.runs):
        import shutil

        shutil.rmtree(store, ignore_errors=True)
        runs_write.append(measure(etab, ul, args.departement, store))
    import platform
    import subprocess as sp

    commit = sp.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%S"), "commit": commit, "rows": args.rows,
              "departement": args.departement, "file_mb": round(etab.stat().st_size / 1e6, 1),
              "legal_units": sum(1 for _ in open(ul, encoding="utf-8")) - 1,
              "ul_file_mb": round(ul.stat().st_size / 1e6, 1), "generate_s": gen_s,
              "cores": os.cpu_count(), "platform": platform.platform(),
              "load": runs_load, "load_and_write": runs_write, "target": {"wall_s": 60, "peak_rss_mb": 1024}}
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "directories.json").write_text(json.dumps(result, indent=1))
    from report import write_report

    write_report(BENCH / "results", BENCH / "results.md")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
