# The two commands: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test bench lint clean loadtest scan mutants

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: install
	$(BIN)/wb run

test: install
	$(BIN)/pytest -q

bench: install
	$(BIN)/python -m benchmarks

# 200 reports with files from 20 clients against 4 workers on a throw-away PostgreSQL database.
loadtest: install
	$(BIN)/python -m benchmarks.loadtest

# wapiti and sqlmap (Debian's) against both apps on loopback; reports in build/scan/.
scan: install
	$(BIN)/python -m scan

# Mutation testing of policies/ and crypto/ with their own fast tests (minutes; not in `make test`):
# prints the kill rate per package, writes the survivors to build/mutants.txt.
mutants: install
	test -x $(BIN)/mutmut || $(BIN)/pip install --quiet -e '.[mutants]'
	$(BIN)/python scripts/mutants.py $(ARGS)

lint: install
	$(BIN)/ruff check crypto policies wb_cases wb_portal wb_backoffice tests benchmarks scan scripts
	$(BIN)/ruff format --check crypto policies wb_cases wb_portal wb_backoffice tests benchmarks scan scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build .pytest_cache mutants
