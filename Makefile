# Everything runs inside .venv, created on first use from pyproject.toml.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BRIEF ?= examples/brightsmile_dental.json

.PHONY: install demo test check fmt lint arch migrations types pytest pytest-postgres bench clean

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

## Everything CI runs: lint, types, import contracts, migrations check and the test
## suite, on SQLite and again on PostgreSQL (with the real-process worker drills).
test: check
check: install lint types arch migrations pytest pytest-postgres

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
	$(BIN)/mypy aicmo_site onboarding strategy production qc delivery cam orchestration bench

# The drills start their own PostgreSQL database, Redis and workers: the PostgreSQL
# pass runs them.
pytest: install
	$(BIN)/pytest -m "not drill"

# Django creates test_aicmo from this URL (and drops it after).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/aicmo

pytest-postgres: install
	@if $(BIN)/python scripts/postgres_ready.py "$(POSTGRES_URL)"; then \
	  DATABASE_URL="$(POSTGRES_URL)" $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL is not reachable at $(POSTGRES_URL): CI must run this pass." >&2; \
	  exit 1; \
	else \
	  echo "PostgreSQL is not reachable at $(POSTGRES_URL): skipping the PostgreSQL pass."; \
	fi

bench: install
	$(BIN)/python manage.py bench_workflow --runs 100 --repeat 3

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm var .pytest_cache .ruff_cache
