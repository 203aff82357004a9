# The two commands README.md promises: `make run` (demo app on SQLite) and `make test` (the gate).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Let Python keep its compiled modules (__pycache__, git-ignored) even where the environment
# says not to: without them every process compiles coop and rewrites every test module again
# (collection 14 s instead of 5 s, and each `coop` subprocess a few seconds more).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/coop demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Browser tests drive Debian's headless Chromium (never a downloaded browser); install it when
# missing (tests/browser/conftest.py falls back to the chromium package).
browser:
	@command -v chromium-headless-shell >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installerer Chromium (headless) fra Debian (apt) for nettlesertestene ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; \
	  elif command -v chromium >/dev/null 2>&1; then :; \
	  else echo "Chromium mangler: nettlesertestene hoppes over (installer pakken chromium-headless-shell)."; fi; }

test: lint browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache .mypy_cache
