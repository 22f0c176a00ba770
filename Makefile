# Everything runs inside .venv, created on first use from the lock file: exactly the
# versions CI tested, each checked against its hash; then the project itself.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BRIEF ?= examples/brightsmile_dental.json
LOCK := requirements/dev.lock
BASE_LOCK := requirements/base.lock

.PHONY: install lock demo test check fmt lint arch migrations types pytest pytest-postgres bench clean

install: $(VENV)/.installed

# --no-build-isolation: the project builds with the lock's setuptools, not whatever
# the index serves that day.
$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

## Re-pin requirements/*.lock after a change to pyproject.toml's dependencies; pins
## already there are kept. `make lock LOCK_FLAGS=--upgrade` takes the newest versions
## that pyproject.toml allows (LOCK_FLAGS="--upgrade-package django" for one).
## dev.lock (product and dev tools) is what install and CI use; base.lock (product
## only, the same versions) is for deployments.
LOCK_FLAGS ?=
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_FLAGS)

lock: install
	$(PIP_COMPILE) --extra dev --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) --constraint $(LOCK) --output-file $(BASE_LOCK) pyproject.toml

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
