# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run   - set up (venv, install, migrate, seed, admin login) and serve http://127.0.0.1:8000/
#   make test  - the same set-up, then the whole test suite (SQLite, then PostgreSQL when reachable)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install setup run serve test test-fast test-sqlite test-postgres bench bench-serve load e2e check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed
	$(BIN)/python manage.py ensure_admin

run: setup
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: setup
	DEBUG=$${DEBUG:-0} $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=$${DEBUG:-0} $(BIN)/gunicorn tracker.wsgi --bind $(HOST):$(PORT) --workers $${WORKERS:-3} --access-logfile -

test: setup
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -m commitments.dbcheck "$(PG_TEST_URL)"; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required (REQUIRE_POSTGRES is set) but $(PG_TEST_URL) is not reachable."; exit 1; \
	else \
		echo "PostgreSQL not reachable at $(PG_TEST_URL): ran the suite on SQLite only."; \
	fi

test-fast: install
	env -u DATABASE_URL $(BIN)/pytest -m "not slow and not browser" $(PYTEST_ARGS)

test-sqlite: install
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	@echo "== Test suite on PostgreSQL ($(PG_TEST_URL))"
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/reading.py
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-serve: install
	@command -v wrk >/dev/null 2>&1 || { echo "== Installing Debian's wrk"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/serve.py $(BENCH_ARGS)

load: install
	$(BIN)/python bench/load.py

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
