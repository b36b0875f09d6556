# The two commands a newcomer needs: `make run` and `make test` (README.md; every target in docs/operator.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
ANONYMIZER_SOURCES := $(wildcard feedback/anonymizer/*.py)

.PHONY: run test lint format bench clean

$(VENV)/.runtime: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %s)" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[native]"
	touch $@

# The anonymizer's rules compiled to C by mypyc (1.7 times faster; feedback/anonymizer/native.py). Without a
# C compiler the build fails and the Python modules run: the same rules, slower.
.native/stamp: $(ANONYMIZER_SOURCES) | $(VENV)/.runtime
	$(PY) -m feedback.anonymizer.build_native || { echo "The anonymizer could not be compiled (it needs a C compiler and Python's headers): its Python modules will run, the same rules, slower."; mkdir -p .native; touch $@; }

$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) install --quiet -e ".[dev]"
	touch $@

$(VENV)/.bench: $(VENV)/.dev
	$(PIP) install --quiet -e ".[dev,bench]"
	touch $@

## run: install, migrate, load demo data, then serve http://$(HOST):$(PORT) and the background worker
## (links in e-mails and calendars follow HOST and PORT; TECHNICAL_ERROR_PAGES=1 shows Django's debug pages)
run: export HOST := $(HOST)
run: export PORT := $(PORT)
run: $(VENV)/.runtime .native/stamp
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving $$($(PY) manage.py shell -v 0 -c 'from django.conf import settings; print(settings.SITE_URL)') with the background worker. Ctrl-C stops both."
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py run_huey --quiet & \
	  $(PY) manage.py runserver $(HOST):$(PORT); \
	  wait

## test: lint, then the whole suite (PostgreSQL when DATABASE_URL points at one, SQLite otherwise)
test: $(VENV)/.dev lint .native/stamp
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m feedback.anonymizer.build_native --check

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## bench: every benchmark against PostgreSQL (DATABASE_URL), ratios measured in the same run
bench: $(VENV)/.bench .native/stamp
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (Debian's package) for the HTTP benchmark"; \
	  apt-get install -y -qq wrk >/dev/null 2>&1 || sudo apt-get install -y -qq wrk; }
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .native db.sqlite3 huey.sqlite3 staticfiles
