# DiscountMarket — every target creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: run test test-sqlite test-postgres lint format install migrate clean translations
# Compiled catalogues are build products (not committed): made from the .po files.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed $(MO_FILES)

%.mo: %.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -i $< -o $@

# Re-extract the messages and merge them into every catalogue (then translate and commit).
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations

migrate: install
	$(FLASK) db upgrade

# The web app and a queue worker on the embedded defaults (SQLite, outbox mail), with demo data.
run: migrate
	$(FLASK) seed-demo
	@echo "Starting the web app on http://$(HOST):$(PORT) and a worker (Ctrl-C stops both)."
	@trap 'kill 0' INT TERM EXIT; \
	  $(FLASK) worker & \
	  $(FLASK) run --host $(HOST) --port $(PORT)

# The full suite on SQLite and, when it answers, on PostgreSQL.
test: install
	$(MAKE) --no-print-directory test-sqlite
	@if $(PY) scripts/db_ready.py "$(TEST_DATABASE_URL)"; then \
	  $(MAKE) --no-print-directory test-postgres; \
	else \
	  echo "PostgreSQL at $(TEST_DATABASE_URL) does not answer: the PostgreSQL run is skipped."; \
	fi

test-sqlite: install
	DM_TEST_BACKEND=sqlite $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	DM_TEST_BACKEND=postgres TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
