# DiscountMarket — every target creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: run test test-sqlite test-postgres soak bench lint format install migrate clean translations chromium dovecot screenshots
# Compiled catalogues are build products (not committed): made from the .po files.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed $(MO_FILES) chromium dovecot

# Debian's Chromium for the browser journeys in tests/e2e (Playwright's own download is not
# used); installed when missing, with sudo unless root.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Debian's Dovecot for the IMAP poller's tests (tests/imap.py runs a private instance from a
# temporary directory; the system's own service is not configured or started by them).
dovecot:
	@test -x /usr/sbin/dovecot || { \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd; }

%.mo: %.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -i $< -o $@

# Re-extract the messages and merge them into every catalogue (then translate and commit).
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -k lazy_ngettext:1,2 -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations

migrate: install
	$(FLASK) db upgrade

# The offline demo: the web app, a queue worker and the sample shops (demo_sites) on
# 127.0.0.1, with demo data and the capture mail backend (SQLite unless DATABASE_URL is set).
DEMO_SITES_PORT ?= 5101
# The worker may reach this machine only on the sample shops' ports (one per shop, five).
DEMO_ALLOW_HOSTS = [$(shell seq -s, -f '"127.0.0.1:%.0f"' $(DEMO_SITES_PORT) $$(($(DEMO_SITES_PORT) + 4)))]
run: export DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS = $(DEMO_ALLOW_HOSTS)
run: export DISCOUNTMARKET_DEMO_SITES_PORT = $(DEMO_SITES_PORT)
run: export DISCOUNTMARKET_BASE_URL = http://$(HOST):$(PORT)
run: export DISCOUNTMARKET_OUTREACH_MIN_INTERVAL = 0.5
run: export DISCOUNTMARKET_MESSAGES_PER_STORE_PER_DAY = 100
run: export DISCOUNTMARKET_MESSAGES_PER_RECIPIENT_PER_DAY = 100
# Quiet by default: no line per web request or per task (`make run VERBOSE=1` for them).
run: export DISCOUNTMARKET_QUIET_ACCESS_LOG = $(if $(VERBOSE),false,true)
run: migrate
	$(FLASK) seed-demo
	@echo
	@echo "Starting the web app, a worker and the sample shops (Ctrl-C stops them all)."
	@trap 'kill 0' INT TERM EXIT; \
	  $(FLASK) demo-sites & \
	  $(FLASK) worker $(if $(VERBOSE),,--quiet) & \
	  (sleep 3; $(FLASK) demo-logins --url http://$(HOST):$(PORT)) & \
	  $(FLASK) run --host $(HOST) --port $(PORT)

# The full suite on SQLite and, when it answers, on PostgreSQL.
test: install
	$(MAKE) --no-print-directory test-sqlite
	@if $(PY) scripts/db_ready.py "$(TEST_DATABASE_URL)"; then \
	  DM_TEST_DATABASE_ONLY=1 $(MAKE) --no-print-directory test-postgres; \
	else \
	  echo "PostgreSQL at $(TEST_DATABASE_URL) does not answer: the PostgreSQL run is skipped."; \
	fi

test-sqlite: install
	DM_TEST_BACKEND=sqlite $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	DM_TEST_BACKEND=postgres TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest $(PYTEST_ARGS)

# The README's pictures of the offline demo (docs/screenshots/), taken by its browser walkthrough.
screenshots: install
	E2E_README_SCREENSHOTS=1 DM_TEST_BACKEND=sqlite $(PY) -m pytest tests/e2e/test_demo_walkthrough.py $(PYTEST_ARGS)

# The deployment guide walked end to end (scripts/deployment_trial.py: production mode, two
# gunicorn nodes, two workers, PostgreSQL, Redis), then the fault tests' long variants: more
# dispatches, and the Redis restart under a running worker (waits for the minute sweep).
# Figures are printed. On SQLite, then PostgreSQL.
SOAK_DISPATCHES ?= 5000
soak: install
	$(PY) scripts/deployment_trial.py
	DM_SOAK=1 DM_SOAK_DISPATCHES=$(SOAK_DISPATCHES) DM_TEST_BACKEND=sqlite \
	  $(PY) -m pytest tests/reliability -s $(PYTEST_ARGS)
	@if $(PY) scripts/db_ready.py "$(TEST_DATABASE_URL)"; then \
	  DM_SOAK=1 DM_SOAK_DISPATCHES=$(SOAK_DISPATCHES) DM_TEST_BACKEND=postgres \
	    TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest tests/reliability -s $(PYTEST_ARGS); \
	fi

# The figures of bench/README.md: form detection on the Formasaurus corpus (when present),
# contact facts and form delivery on the local sites, product matching on the catalogues,
# then pages, posting and mail at a real size (wrk against gunicorn; the seeded databases
# are kept between runs). Takes about half an hour the first time.
BENCH_REQUESTS ?= 10000 100000
bench: install
	@if [ -d ../shared/corpus/forms ]; then $(PY) bench/forms_corpus.py; fi
	$(PY) bench/contact_sites.py
	$(PY) bench/product_matching.py
	@command -v wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	for n in $(BENCH_REQUESTS); do $(PY) bench/web_pages.py --requests $$n; done
	for n in $(BENCH_REQUESTS); do $(PY) bench/web_pages.py --requests $$n --render-every-time; done
	$(PY) bench/web_pages.py --requests 100000 --changes-per-second 10
	$(PY) bench/web_pages.py --requests 100000 --database sqlite
	$(PY) bench/posting.py --requests 100000
	$(PY) bench/smtp_throughput.py
	$(PY) bench/smtp_throughput.py --pipelining --threads 2
	$(PY) bench/smtp_throughput.py --tls --pipelining
	$(PY) bench/smtp_throughput.py --pipelining --latency-ms 10 --messages 400

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
