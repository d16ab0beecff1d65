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
