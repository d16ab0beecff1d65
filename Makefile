# Developer shortcuts; each target is one command you could also type.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: help install check test test-all bench evals

help:  ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

install:  ## create the venv and install with dev extras
	python3 -m venv $(VENV) && $(VENV)/bin/pip install -e '.[dev]'

check:  ## ruff + mypy --strict
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/mypy

test:  ## fast tests
	$(PY) -m pytest -m "not slow"

test-all:  ## every test, slow ones included
	$(PY) -m pytest

bench:  ## benchmarks; results land in benchmarks/results/
	$(PY) benchmarks/pipeline.py && $(PY) benchmarks/pii.py && $(PY) benchmarks/guardrails.py && $(PY) benchmarks/injection.py

evals:  ## the starter eval suites on the offline model, with the CI gates
	$(VENV)/bin/replydraft eval run evals/suites/core_en.yaml evals/suites/core_ja.yaml --model offline --out eval-results --no-progress --fail-on "coverage<0.95,pii_leaks>0,flag_recall<0.9"
