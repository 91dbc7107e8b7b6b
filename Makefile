# Ancrage — the two commands: `make run` and `make test`. Everything installs into .venv.
# Ancrage — les deux commandes : `make run` et `make test`. Tout s'installe dans .venv.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STORE  ?= var/store
PORT   ?= 8501
PYTEST_ARGS ?= --durations=25

.PHONY: run test lint install install-dev system-deps build bench bench-full bench-directories bench-read-model clean help

help:
	@echo "make run    — installe, construit le graphe si besoin, ouvre l'explorateur (http://localhost:$(PORT))"
	@echo "make test   — installe tout, ruff check, puis toute la suite (Neo4j réel, Chromium réel, serveur SPARQL réel)"
	@echo "make lint   — ruff check (règles : [tool.ruff] de pyproject.toml)"
	@echo "make bench  — bancs d'essai 1 % et 10 % (bench/results.md)"
	@echo "make bench-read-model — le modèle de lecture sur le graphe national (bench/results.md)"
	@echo "make bench-directories — chargement d'un stock Sirene d'un million de lignes (bench/results.md)"

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's Chromium for the browser tests (no browser download is possible or needed).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (browser tests)…"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; fi; }
	@command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || { echo "Java 17 and Maven are needed for the Neo4j and Fuseki tests"; exit 1; }

$(STORE)/current: | $(VENV)/.installed
	$(VENV)/bin/ancrage build --store $(STORE)

build: $(VENV)/.installed
	$(VENV)/bin/ancrage build --store $(STORE)

run: $(VENV)/.installed $(STORE)/current
	$(VENV)/bin/ancrage app --store $(STORE) --port $(PORT)

# The linter ([tool.ruff] in pyproject.toml); a finding fails the target.
lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .

# Lint, then the whole suite; a required test (Neo4j, browser, SPARQL server) that skips fails the run.
test: $(VENV)/.installed-dev system-deps
	$(PY) -m ruff check .
	ANCRAGE_REQUIRE_ALL=1 $(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev system-deps
	$(PY) bench/run.py --scales 1,10

bench-full: $(VENV)/.installed-dev system-deps
	$(PY) bench/run.py --scales 1,10,100

# The read model on the national graph (issue 13): build with parts vs the bulk-load floor, first
# check after the build and after an import, analysis after a write; then the parts' formats and
# liens-multi-niveaux answered from the model against its SPARQL text.
bench-read-model: $(VENV)/.installed-dev
	$(PY) bench/bench_read_model.py --scale 100
	$(PY) bench/part_formats.py /tmp/ancrage-bench-read-model/store
	$(PY) bench/liens_from_model.py --store /tmp/ancrage-bench-read-model/store --sparql --json bench/results/liens-from-model-100.json

# A 1,000,000-row Sirene establishment stock filtered to one département (issue 14).
bench-directories: $(VENV)/.installed
	$(PY) bench/directories.py --rows 1000000 --departement 59

clean:
	rm -rf var .pytest_cache
