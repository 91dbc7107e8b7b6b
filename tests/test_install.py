"""``pip install .`` (not editable) into a fresh virtualenv works from any folder.

The wheel is built from a copy of the repository (its tracked and new files, no ``build/`` left
over), offline (``--no-build-isolation``, the backend is a dev dependency), and installed with
``--no-deps`` into a new virtualenv that sees the test virtualenv's dependencies through a
``.pth`` file. Then, from an empty folder and without ``PYTHONPATH``, real processes run what a
user runs: ``ancrage build``, a named query, ``ancrage serve`` answering a SPARQL request and
``ancrage app`` serving the explorer, whose home page a real browser opens.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from browser.conftest import free_port, watched  # noqa: F401 - fixtures (chromium: tests/conftest.py)

from kg import processes
from kg.app.data import store_date_text
from kg.i18n import t
from kg.app.pages.accueil import START

ROOT = Path(__file__).resolve().parent.parent
#: What the package reads at run time, as the repository names it (kg/paths.py, [tool.setuptools]).
SHIPPED = ("ontology", "data", "docs/templates", "app.py")
TIMEOUT = 60_000


def repository_files() -> list[str]:
    """Files of the repository: tracked and new ones, ignored ones left out."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    return sorted(f for f in listed if f and (ROOT / f).is_file())


def test_every_package_is_in_the_wheel_list():
    """A new subpackage of kg/ or loaders/ must be added to [tool.setuptools] packages, or pip
    install leaves it out."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    found = {str(p.parent.relative_to(ROOT)).replace("/", ".") for top in ("kg", "loaders")
             for p in (ROOT / top).rglob("__init__.py")}
    assert set(listed) - {"kg._shipped"} == found


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtualenv with the wheel of this repository; (bin folder, env, empty working folder)."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    for name in repository_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(tmp / "dist"),
                    str(source)], check=True, cwd=tmp, capture_output=True)
    wheel = next((tmp / "dist").glob("ancrage-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, capture_output=True)
    # the dependencies: this virtualenv's site-packages, after the new one's own (a .pth line is a path)
    shared = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "_ancrage_test_dependencies.pth").write_text("\n".join(shared) + "\n", encoding="utf-8")
    home, work = tmp / "home", tmp / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith(("ANCRAGE_", "XDG_"))}
    env.update(HOME=str(home), PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    return {"wheel": wheel, "bin": venv / "bin", "env": env, "work": work, "site": Path(site)}


def command(installed, name: str, *args: str) -> list[str]:
    """A program of the new virtualenv (``ancrage``, ``python``) with its arguments."""
    return [str(installed["bin"] / name), *args]


def run(installed, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(command(installed, *args), cwd=installed["work"], env=installed["env"], capture_output=True, text=True,
                          timeout=timeout)


def test_the_wheel_carries_the_code_and_every_file_it_reads(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    files = repository_files()
    code = [f for f in files if f.startswith(("kg/", "loaders/")) and "__pycache__" not in f]
    shipped = [f for f in files if f.startswith(SHIPPED)]
    assert {"ontology/queries/membres-instance.rq", "data/territories/cog.json.gz", "app.py",
            "kg/app/static/network_common.js"} <= set(code) | set(shipped)
    assert [f for f in code if f not in names] == []
    assert [f for f in shipped if f"kg/_shipped/{f}" not in names] == []


def test_the_installed_package_reads_its_own_files(installed):
    """Run from an empty folder, the installed copy is imported and finds its files inside itself."""
    done = run(installed, "python", "-c", "import json, kg, kg.paths as p, kg.queries as q, loaders.cog as c; "
               "print(json.dumps([kg.__file__, p.CHECKOUT, str(p.shipped('app.py')), str(q.QUERY_DIR), "
               "str(c.DEFAULT_PATH), str(p.var_dir())]))")
    assert done.returncode == 0, done.stderr
    module, checkout, app, queries, cog, var = json.loads(done.stdout)
    site = installed["site"]
    assert Path(module).is_relative_to(site) and checkout is None
    assert Path(app) == site / "kg" / "_shipped" / "app.py" and Path(app).is_file()
    assert Path(queries).is_relative_to(site) and Path(cog).is_relative_to(site)
    assert var == str(Path(installed["env"]["HOME"]) / ".local" / "share" / "ancrage")  # not site-packages


@pytest.fixture(scope="module")
def store(installed):
    """``ancrage build --store S`` run from the empty folder: the whole default graph."""
    done = run(installed, "ancrage", "build", "--store", "S")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (installed["work"] / "S" / "current").is_dir()
    return installed["work"] / "S"


@pytest.mark.slow
def test_build_and_a_named_query_from_another_folder(installed, store):
    done = run(installed, "ancrage", "query", "membres-instance", "-p", "body=ancrage territorial", "--store", "S",
               "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = json.loads(done.stdout)
    assert rows and {r["organisation"] for r in rows} == {"https://w3id.org/ancrage/id/actor/gt-ancrage-territorial"}


@pytest.mark.slow
@pytest.mark.server
def test_serve_answers_sparql(installed, store):
    proc = processes.start(command(installed, "ancrage", "serve", "--store", "S", "--port", "0"), cwd=installed["work"],
                           env=installed["env"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("SPARQL: "), line + proc.stderr.read()
        url = line.split(" ", 1)[1].strip()
        query = "PREFIX anc: <https://w3id.org/ancrage/def#> ASK { ?c a anc:LocalCommittee }"
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert json.load(response)["boolean"] is True
    finally:
        processes.stop(proc)


@pytest.mark.slow
@pytest.mark.browser
def test_app_serves_the_explorer(installed, store, watched):  # noqa: F811 - the browser fixture
    """``ancrage app``: Streamlit answers its health check and the home page shows the store."""
    port = free_port()
    log = installed["work"] / "app.log"
    with open(log, "wb") as out:
        proc = processes.start(command(installed, "ancrage", "app", "--store", "S", "--port", str(port)), cwd=installed["work"],
                               env=installed["env"], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    try:
        health = None
        for _ in range(180):
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    health = r.read().decode()
                    break
            except OSError:
                assert proc.poll() is None, log.read_text(errors="replace")
                watched.page.wait_for_timeout(500)
        assert health == "ok", log.read_text(errors="replace")
        watched.page.goto(url + "/")
        watched.page.get_by_role("heading", name=t("home_title", "fr")).wait_for(timeout=TIMEOUT)
        # the sidebar dates the data: the app opened the store built above
        version = (store / "current").resolve().name
        watched.page.get_by_text(store_date_text(version, "fr")).wait_for(timeout=TIMEOUT)
        assert watched.page.locator("[data-testid='stMetric']").count() > 0
        # the page ran to its end: the last of its links to the other pages is drawn
        last = START[-1][2]
        watched.page.get_by_text(t("home_start_" + last, "fr"), exact=True).wait_for(timeout=TIMEOUT)
        assert watched.page.locator("[data-testid='stException']").count() == 0
        assert watched.problems() == []
    finally:
        processes.stop(proc)
    assert "Traceback" not in log.read_text(errors="replace")
