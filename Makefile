# Country Pages: `make run` serves the demo site, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist). The suite waits on servers and sleeps as much as it computes,
# so more processes than the 2 cores we plan for still pay.
TEST_WORKERS ?= 3
# --dist loadgroup keeps each module's server tests, and all the browser tests, on one worker
# (conftest.py groups them). The bytecode cache stays on even where the environment turns it
# off (PYTHONDONTWRITEBYTECODE): each test process would compile every module again.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

.PHONY: run test test-fast lint install check-python messages soak bench bench-import bench-refresh

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
		echo "Country Pages needs Python 3.12 or newer (Django 6.1 does);"; \
		echo "'$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
		echo "Install Python 3.12+ (pyenv reads .python-version), or run: make run PYTHON=python3.13"; \
		exit 1; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: check-python $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_demo_users
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(PYTEST) $(PYTEST_ARGS)

# The inner loop: everything but the browser tests and those that start servers of their own
# (gunicorn, redis-server, PostgreSQL clusters); conftest.py marks both kinds.
test-fast: lint
	$(PYTEST) -m "not browser and not servers" $(PYTEST_ARGS)

# After changing interface text: refresh the catalogs, translate, then run it again to compile.
messages: install
	$(BIN)/python manage.py makemessages -l fr -l es --ignore=.venv --ignore=artifacts --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Two minutes of load on gunicorn and a PostgreSQL of its own; reports errors and memory growth.
soak: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python -m tests.soak

# wrk against each page and a static file of the same size, on the large data set (a few
# minutes): prints the table and the ratios line, writes artifacts/bench.md.
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python scripts/bench.py

# Times the statistics import with 10,000 rows (set DATABASE_URL for PostgreSQL); rolls back.
bench-import: install
	$(BIN)/python scripts/bench_import.py

# Times a refresh from a publisher's file, 200 economies x 35 years x one indicator, checked
# and written (set DATABASE_URL for PostgreSQL; the target is under 10 s); rolls back.
bench-refresh: install
	$(BIN)/python scripts/bench_refresh.py
