# Two entry points on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo test bench clean

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

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out/*.csv out/*.parquet out/*.jsonl out/graphs out/network out/report.html out/run.json
