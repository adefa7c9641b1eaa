# The two commands of the README: `make run` and `make test`. Each sets itself up.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup lint bench export

run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

export: $(STAMP)
	$(PY) main.py export

bench: $(STAMP)
	$(PY) benchmarks/run.py

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt scripts/setup.sh
	bash scripts/setup.sh "$(VENV)"
	touch $(STAMP)
