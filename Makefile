# The two commands a newcomer needs: `make build` (the main job, end to end on the bundled corpus)
# and `make test`. Everything is installed from this repository's own files into .venv/.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
VERSION ?= $(shell $(PYTHON) -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")

.PHONY: install build test lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# seeds -> corpus -> pre-labels -> validation -> DATASHEET.md -> dist/<version>/ (Parquet + card + datasheet)
build: install
	$(BIN)/newsevents ingest seeds --corpus corpus
	$(BIN)/newsevents prelabel --corpus corpus
	$(BIN)/newsevents validate corpus
	$(BIN)/newsevents datasheet
	$(BIN)/newsevents build --version $(VERSION) --out dist

# A failed Label Studio install does not stop the run: its tests then skip and print why.
test: install
	-scripts/labelstudio install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests scripts

clean:
	rm -rf dist .pytest_cache
