# Entry points on a fresh machine: `make demo`, `make test` (add `-m corpus` tests with ../shared:
# `make test-corpus`) and `make lint`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo test test-corpus lint bench clean

$(BIN)/attrib: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BIN)/attrib

setup: $(BIN)/attrib

demo: setup
	$(BIN)/attrib analyze fixtures/ --out out/
	$(BIN)/python docs/pictures.py out/ docs/

test: setup
	$(BIN)/python -m pytest

test-corpus: setup
	$(BIN)/python -m pytest -m corpus

lint: setup
	$(BIN)/python -m ruff check .

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out/*.csv out/*.parquet out/*.jsonl out/graphs out/network out/report.html out/run.json
