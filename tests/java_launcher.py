"""Build a test-only Java launcher (a small Maven project under tools/) once, offline first.

Shared by the real servers the tests start: Neo4j (``tools/neo4j-server``, see
``tests/kg/neo4j/server.py``) and Apache Jena Fuseki (``tools/fuseki-server``, see
``tests/kg/remote/fuseki.py``). :func:`build` runs ``mvn -q -o package`` (offline, when the local
Maven repository already holds the artifacts) and falls back to ``mvn -q package`` (Maven
Central); the jar is cached in ``<project>/target`` (git-ignored) and rebuilt only when
``pom.xml`` or the Java sources changed (a hash of them is kept next to the jar). A file lock
makes it safe when several processes (pytest workers, the bench) build at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class LauncherError(RuntimeError):
    """The launcher could not be built or the server did not start."""


def _sources(project: Path) -> list[Path]:
    return [project / "pom.xml", *sorted((project / "src").rglob("*.java")),
            *sorted((project / "src").rglob("*.properties"))]


def sources_hash(project: Path) -> str:
    digest = hashlib.sha256()
    for path in _sources(project):
        digest.update(path.relative_to(project).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def up_to_date(project: Path, jar: Path) -> bool:
    """The jar was built here from exactly the current pom.xml and sources."""
    stamp = project / "target" / ".sources.sha256"
    if not jar.exists() or not (project / "target" / "lib").is_dir() or not stamp.exists():
        return False
    return stamp.read_text().strip() == sources_hash(project)


def build(project: Path, jar: Path, what: str, *, quiet: bool = True) -> Path:
    """Build ``jar`` from the Maven ``project`` if needed (offline first); its path."""
    if shutil.which("java") is None or shutil.which("mvn") is None:
        raise LauncherError(f"Java 17+ and Maven are needed to start the test {what} (java, mvn on the PATH)")
    (project / "target").mkdir(exist_ok=True)
    with open(project / "target" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if up_to_date(project, jar):
                return jar
            base = ["mvn", "-B"] + (["-q"] if quiet else []) + ["-f", str(project / "pom.xml"), "package"]
            offline = subprocess.run(base[:2] + ["-o"] + base[2:], capture_output=True, text=True)
            if offline.returncode != 0:
                online = subprocess.run(base, capture_output=True, text=True)
                if online.returncode != 0:
                    raise LauncherError(f"mvn package failed for {project.relative_to(ROOT)}:\n"
                                        + (online.stdout + online.stderr)[-4000:])
            if not jar.exists():
                raise LauncherError(f"mvn package ran but {jar} is missing")
            (project / "target" / ".sources.sha256").write_text(sources_hash(project) + "\n")
            return jar
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def load_module(name: str, path: Path):
    """A file under tests/ as module ``name`` (tests/ is not a package), loaded once."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


__all__ = ["LauncherError", "build", "up_to_date", "load_module", "ROOT"]
