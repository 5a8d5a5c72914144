# Two commands a newcomer needs: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run test setup assets db lint test-sqlite test-postgres test-browser clean

run: setup db
	$(BIN)/msp serve $(HOST_PORT)

setup: $(VENV)/.installed build/static/.built

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

build/static/.built: node_modules/.package-lock.json scripts/build-assets.sh
	sh scripts/build-assets.sh

db: setup
	$(BIN)/msp migrate
	$(BIN)/msp demo --if-empty
	$(BIN)/msp demo-users

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# The whole suite: lint, then every test on SQLite (with the browser journeys) and every
# database test again on a throwaway PostgreSQL server the run starts itself. The two runs share
# nothing, so they run side by side (one per core); each prints its results when it finishes.
test: lint
	@echo "Running the SQLite and PostgreSQL suites side by side; each reports when it finishes."
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: setup
	$(BIN)/pytest

test-postgres: setup
	$(PY) -m tests.support.postgres $(BIN)/pytest -m "not browser"

clean:
	rm -rf $(VENV) node_modules build var
