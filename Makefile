# Two commands for a new user: `make run` and `make test` (both set up .venv first).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(BIN)/briefing run

test: $(VENV)/.test-deps
	$(BIN)/python -m pytest -q

lint: $(VENV)/.test-deps
	$(BIN)/python -m pip install -q ruff mypy
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/mypy briefing
	$(BIN)/pymarkdown --config .pymarkdown.json scan README.md

$(VENV)/.bench-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[bench]'
	touch $@

EVAL ?= ../shared/eval

bench: $(VENV)/.bench-deps
	$(BIN)/python benchmarks/scale.py --data $(EVAL)/duc2004
	$(BIN)/python benchmarks/duc2004.py --data $(EVAL)/duc2004 --out out/duc2004 --table out/duc2004.md
	$(BIN)/python benchmarks/aspectnews.py --data $(EVAL)/aspectnews --table out/aspectnews.md
	$(BIN)/python benchmarks/cleaning.py --data $(EVAL)/pasted-pages --table out/cleaning.md

clean:
	rm -rf out/20* out/*.sqlite* $(VENV)
