# Everything runs inside .venv, created on first use from pyproject.toml.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BRIEF ?= examples/brightsmile_dental.json

.PHONY: install demo test check fmt lint arch migrations types pytest bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

## The main job: a real brief through the whole workflow, on SQLite, no server.
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py run_workflow $(BRIEF)

## Everything CI runs: lint, import contracts, migrations check and the test suite.
test: check
check: install lint arch migrations pytest

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

arch: install
	$(BIN)/lint-imports

migrations: install
	DJANGO_SETTINGS_MODULE=aicmo_site.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

types: install
	$(BIN)/mypy aicmo_site onboarding strategy production qc delivery cam orchestration

pytest: install
	$(BIN)/pytest

bench: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py bench_workflow --runs 50

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm var .pytest_cache .ruff_cache
