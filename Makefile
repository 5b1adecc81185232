# Pantau: two commands for people (make demo, make test); the rest are their parts.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PANTAU := $(BIN)/pantau
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
APT_PACKAGES := chromium poppler-utils
# The slowest tests are printed after each half: where the suite's time goes (issue 22).
PYTEST_ARGS ?= --durations=30 --durations-min=5

.PHONY: demo test test-both install system lint format test-sqlite test-postgres test-spark postgres-in-ci mutants messages bench clean

## make demo: install, migrate, load the real regions, demo data, serve on 127.0.0.1:8000
demo: install
	$(PANTAU) demo

## make test: lint, then the whole suite on SQLite and on PostgreSQL
test: system install postgres-in-ci lint test-both

# The two halves at once, one per core, and beside them the Spark tests: each has its own
# data directory and database. One pytest process keeps about one core busy; the Spark
# tests are mostly JVMs starting and waiting on each other, and in the PostgreSQL half they
# kept it a minute and a half behind the other (docs/benchmarks.md, "Test suite"). Each
# stream's output is printed whole when it ends.
test-both: install
	$(MAKE) --no-print-directory -j3 --output-sync=target test-sqlite test-postgres test-spark

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Pantau needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,spark]'
	touch $@

# System packages for browser and PDF tests and WeasyPrint's PDFs (Pango, a font), installed
# only when missing and only as root.
system:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	ldconfig -p | grep -q 'libpangoft2-1.0' || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "apt-get install:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Missing system packages:$$missing (run as root, or: sudo apt-get install$$missing)"; exit 1; \
	fi

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

# Two kinds of test do not depend on the database, and each runs once: the browser tests
# (pages driven in chromium; every view they open is tested on both databases with Django's
# client too) in the SQLite half, on the embedded default that `make demo` serves; the
# Spark comparisons (Spark against DuckDB over the same lake; the rows they store go the way
# DuckDB's do, tested on both) on PostgreSQL, beside which Spark runs in production, in a
# stream of their own (`test-spark`). A fifth of a half's time (docs/benchmarks.md, "Test
# suite"). Without a PostgreSQL (a developer's machine) the SQLite half runs them all.
test-sqlite: install
	@echo "=== Test suite on SQLite ==="
	@if $(POSTGRES_ANSWERS); then marks="not spark"; else marks=""; fi; \
	echo "pytest -m \"$$marks\""; \
	env -u DATABASE_URL PANTAU_DATA_DIR=$(CURDIR)/var/test-sqlite $(BIN)/pytest $(PYTEST_ARGS) -m "$$marks"

POSTGRES_ANSWERS = $(BIN)/python -c 'import psycopg; psycopg.connect("$(POSTGRES_URL)", connect_timeout=3).close()' 2>/dev/null
POSTGRES_MISSING_IN_CI = "ERROR: CI=$$CI and no PostgreSQL answers at $(POSTGRES_URL): the suite must run on PostgreSQL too, so it fails. Start one (trust auth, database 'test') or set POSTGRES_URL."

# In CI (CI=true) a PostgreSQL that cannot be reached fails the suite, before the SQLite
# half runs; on a developer's machine the PostgreSQL half is skipped with a banner.
postgres-in-ci: install
	@if [ "$$CI" = true ] || [ "$$CI" = 1 ]; then \
		$(POSTGRES_ANSWERS) || { echo $(POSTGRES_MISSING_IN_CI) >&2; exit 1; }; \
	fi

test-postgres: install
	@if $(POSTGRES_ANSWERS); then \
		echo "=== Test suite on PostgreSQL ($(POSTGRES_URL)) ==="; \
		DATABASE_URL=$(POSTGRES_URL) PANTAU_DATA_DIR=$(CURDIR)/var/test-postgres $(BIN)/pytest $(PYTEST_ARGS) -m "not browser and not spark"; \
	elif [ "$$CI" = true ] || [ "$$CI" = 1 ]; then \
		echo $(POSTGRES_MISSING_IN_CI) >&2; exit 1; \
	else \
		echo ""; \
		echo "################################################################"; \
		echo "##  SKIPPED: the PostgreSQL half of the suite.                ##"; \
		echo "##  No PostgreSQL answers at $(POSTGRES_URL)"; \
		echo "##  Start one (trust auth, database 'test') and run make test. ##"; \
		echo "################################################################"; \
		echo ""; \
	fi

# The Spark tests on PostgreSQL, in a database of their own beside the half's (its name with
# `_spark`, made when missing: the tests that make databases of their own connect to it).
# Nothing to do without a PostgreSQL: the SQLite half runs them then.
POSTGRES_SPARK_URL = $(POSTGRES_URL)_spark
test-spark: install
	@if $(POSTGRES_ANSWERS); then \
		echo "=== Spark tests on PostgreSQL ($(POSTGRES_SPARK_URL)) ==="; \
		$(BIN)/python scripts/postgres_database.py "$(POSTGRES_URL)" "$$(basename $(POSTGRES_SPARK_URL))" && \
		DATABASE_URL=$(POSTGRES_SPARK_URL) PANTAU_DATA_DIR=$(CURDIR)/var/test-spark $(BIN)/pytest $(PYTEST_ARGS) -m spark; \
	fi

## make messages: refresh and compile the English catalogue (needs GNU gettext)
messages: install
	cd src/pantau && ../../$(PANTAU) makemessages -l en --ignore 'locale/*' && ../../$(PANTAU) compilemessages

## make mutants: mutation testing of the access and number code (slow, not in CI; one child,
## the machine is shared). MUTANTS narrows it, e.g. MUTANTS='pantau.accounts.scope*'.
## PYTHONPATH: tests that start `pantau` processes run the mutated copy, not the tree.
## Scores and settings: docs/mutation-testing.md.
MUTANTS ?=
mutants: install
	@# mutants/src exists before Python starts, or PYTHONPATH's entry would be cached as missing.
	@mkdir -p var/mutants mutants/src
	env -u DATABASE_URL PANTAU_DATA_DIR=$(CURDIR)/var/mutants \
		PANTAU_TEST_DB_NAME=$(CURDIR)/var/mutants/test.sqlite3 \
		PYTHONPATH=$(CURDIR)/mutants/src \
		$(BIN)/mutmut run --max-children 1 $(MUTANTS)
	$(BIN)/mutmut results

bench: install
	$(BIN)/python benchmarks/setup_regions.py
	$(BIN)/python benchmarks/engine.py

clean:
	rm -rf $(VENV) var/test-sqlite var/test-postgres var/mutants mutants
