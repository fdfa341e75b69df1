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

.PHONY: install setup run serve nginx test test-fast test-sqlite test-postgres bench bench-import bench-serve score story load wrk e2e check clean

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

# The task worker (admin uploads, commitments/tasks.py) runs beside the server and stops with it.
run: setup
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/), with a task worker"
	@$(BIN)/python manage.py send_notifications --where
	@$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# nginx (Debian's package, installed here when missing) in front of gunicorn: deploy/serve.py
# renders deploy/nginx.conf and runs both. gunicorn listens on 127.0.0.1:APP_PORT only.
serve: setup nginx
	$(BIN)/python tools/redis_check.py
	DEBUG=$${DEBUG:-0} $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=$${DEBUG:-0} HOST=$(HOST) PORT=$(PORT) $(BIN)/python deploy/serve.py

nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
		echo "Installing nginx (Debian package)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx; }

test: setup
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python tools/postgres_reachable.py "$(PG_TEST_URL)"; then \
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

# How long import_transcript takes for synthetic transcripts of 1k to 16k turns, beside a linear fit.
bench-import: install
	$(BIN)/python bench/imports.py $(BENCH_ARGS)

# Extraction measured against the hand labels in ../shared/labels (see its README): the candidates
# of every labelled transcript, then recall (firm, all), precision, due and condition accuracy.
SHARED ?= ../shared
SCORE_DIR ?= .score
score: install
	@test -d $(SHARED)/labels || { echo "$(SHARED)/labels not found: the labelled transcripts live beside the repository"; exit 1; }
	@rm -rf $(SCORE_DIR) && $(BIN)/python bench/candidates.py --labelled --out $(SCORE_DIR) >/dev/null
	$(BIN)/python $(SHARED)/tools/score_extraction.py $(SHARED)/labels/ $(SCORE_DIR)/*.json

# Suggestions measured against ../shared/labels/stratos-story.json: the seed, the later corpus
# imported in air-date order, then delivered, restated, postponed and false-status figures.
story: install
	$(BIN)/python bench/story.py $(STORY_ARGS)

bench-serve: install nginx wrk
	$(BIN)/python bench/serve.py $(BENCH_ARGS)

load: install nginx wrk
	$(BIN)/python bench/load.py $(LOAD_ARGS)

wrk:
	@command -v wrk >/dev/null 2>&1 || { echo "== Installing Debian's wrk"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .run
