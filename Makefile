# Two commands on a fresh machine: `make site` builds the guide, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint check serve bench check-site clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/guide build $(GUIDE_FLAGS)

check: $(STAMP)
	$(BIN)/guide check --strict

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/guide check --strict
	$(BIN)/pytest -q

clean:
	rm -rf site .site-build-* $(VENV) .pytest_cache .mypy_cache .ruff_cache
