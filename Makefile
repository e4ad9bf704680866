# Two commands on a fresh machine: `make run` and `make test` (and `make lint` before a commit).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint demo bench

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run serve.py

test: $(STAMP)
	$(PY) -m pytest -q -n 2 --dist loadfile

# ruff and mypy as configured in pyproject.toml, over the engine, the ui/ package once it exists
# (a path given to mypy that does not exist stops it) and the tests.
LINTED := $(wildcard funnel ui)
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy $(LINTED)

demo: $(STAMP)
	$(PY) -m funnel demo
