# Two commands for a new user: `make run` and `make test` (both set up .venv first).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench timeline17 lock clean

# Pinned, hashed dependency sets (requirements/*.txt, from `make lock`): every install gets
# the versions the tests passed with. The second pip call installs the project itself (and
# anything added to pyproject.toml since the last `make lock`: a test then asks for it).
LOCK_RUN := requirements/run.txt
LOCK_TEST := requirements/test.txt
# Timeline17's evaluator. Without its declared spacy/textacy/numba (not needed to score):
# numpy, scipy and nltk come from the sets above; ROUGE-1.5.5 needs libxml-parser-perl.
TILSE := tilse==0.2.1

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml $(LOCK_RUN) | $(BIN)/python
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK_RUN)
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml $(LOCK_TEST) | $(BIN)/python
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK_TEST)
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pip install -q --no-deps $(TILSE)
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
	$(BIN)/python -m pip install -q --no-deps $(TILSE)
	touch $@

EVAL ?= ../shared/eval

bench: $(VENV)/.bench-deps
	$(BIN)/python benchmarks/scale.py --data $(EVAL)/duc2004
	$(BIN)/python benchmarks/duc2004.py --data $(EVAL)/duc2004 --out out/duc2004 --table out/duc2004.md
	$(BIN)/python benchmarks/aspectnews.py --data $(EVAL)/aspectnews --table out/aspectnews.md
	$(BIN)/python benchmarks/cleaning.py --data $(EVAL)/pasted-pages --table out/cleaning.md
	$(BIN)/python benchmarks/newsquant.py --data $(EVAL)/newsquant --table out/newsquant.md
	$(BIN)/python benchmarks/figures.py --eval $(EVAL)
	$(BIN)/python benchmarks/event_dates.py --data $(EVAL)/timeline17
	$(BIN)/python benchmarks/timeline17.py --data $(EVAL)/timeline17 \
		--peers $(EVAL)/timeline17-peers --table out/timeline17.md
	$(BIN)/python benchmarks/duc2007_update.py --data $(EVAL)/duc2007-update --table out/duc2007_update.md

# The timeline benchmark alone (about 15 minutes: ROUGE-1.5.5 scores three systems).
timeline17: $(VENV)/.bench-deps
	$(BIN)/python benchmarks/timeline17.py --data $(EVAL)/timeline17 \
		--peers $(EVAL)/timeline17-peers --table out/timeline17.md

# After changing dependencies in pyproject.toml: re-pin both sets (any platform, Python 3.11+).
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --index-url https://pypi.org/simple --custom-compile-command "make lock" -q
lock: | $(BIN)/python
	$(BIN)/python -m pip install -q uv
	$(UV_COMPILE) -o $(LOCK_RUN)
	$(UV_COMPILE) --extra test -o $(LOCK_TEST)

clean:
	rm -rf out/20* out/*.sqlite* $(VENV)
