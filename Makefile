# The front door. `make run` serves the site; `make test` passes the tests.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
HOST ?= 127.0.0.1
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev
# `make run` is production on one machine: config.settings.local is production over plain
# HTTP on loopback, with a secret generated once into var/.
SECRET := var/secret_key
LOCAL := DJANGO_SETTINGS_MODULE=config.settings.local SECRET_KEY_FILE=$(CURDIR)/$(SECRET) \
	ALLOWED_HOSTS=$(HOST),localhost WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT)

.PHONY: help venv install install-dev run dev serve migrate demo test test-browser fuzz lint format bench bench-release-minute mutation messages clean browser vendor stack stack-stop

help:
	@echo "make run    - install, migrate, load demo content and serve on http://$(HOST):$(PORT) (gunicorn, DEBUG off)"
	@echo "make dev    - the same with Django's auto-reloading debug server"
	@echo "make stack  - the production stack: nginx (https://127.0.0.1:8080) + 2 gunicorn + PostgreSQL + Redis + worker + scheduler"
	@echo "make stack-stop - stop what make stack started"
	@echo "make vendor - refresh the vendored front-end files from npm (frontend/package.json)"
	@echo "make test   - install test tools and run the whole suite (DATABASE_URL selects PostgreSQL)"
	@echo "make lint   - ruff lint and format check"
	@echo "make bench  - benchmarks (figures printed, never pass/fail)"
	@echo "make mutation - mutation run (mutmut) over embargo, import write path, disclosure, national ID, download limit (~20 min)"

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

venv: $(PY)

# Re-install only when the pinned requirements change.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

messages: install
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv -v0

migrate: install messages
	@mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput -v0

demo: migrate
	$(DEV) $(PY) manage.py load_demo

$(SECRET): | $(PY)
	@mkdir -p var
	@umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

# gunicorn (2 workers, production settings), the background worker and the release
# scheduler together; Ctrl-C stops all three. STOP_ALL: on a signal (or when one of
# them ends), the shell stops listening to signals, signals its group once and waits
# for the three to finish. (A bare `kill 0` in the trap signalled the shell itself
# again: dash re-entered the trap until it crashed with a segmentation fault.)
STOP_ALL = trap 'trap "" INT TERM; trap - EXIT; kill 0; wait' INT TERM EXIT
run: demo $(SECRET)
	$(LOCAL) $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: /admin/, see README)"
	@$(STOP_ALL); \
	$(LOCAL) $(PY) manage.py db_worker & \
	$(LOCAL) $(PY) manage.py run_scheduler & \
	$(LOCAL) GUNICORN_BIND=$(HOST):$(PORT) GUNICORN_WORKERS=2 $(BIN)/gunicorn config.wsgi -c deploy/gunicorn.conf.py & \
	wait

# Development: Django's debug server, reloading on every change.
dev: demo
	@$(STOP_ALL); \
	$(DEV) $(PY) manage.py db_worker & \
	$(DEV) $(PY) manage.py run_scheduler & \
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

stack: install messages
	bash deploy/stack.sh start

stack-stop:
	bash deploy/stack.sh stop

vendor:
	bash frontend/vendor.sh

browser:
	@bash .ci/ensure-chromium

# The suite in two passes: everything but the browser journeys on both cores (xdist),
# then the journeys, which share one live server over one demo load.
test: install-dev messages browser
	$(PY) -m pytest -n 2 -m "not browser and not fuzz"
	$(PY) -m pytest -m browser

# The fuzzers, with their counts: Schemathesis on the API and the sitemap crawler
# (tests/fuzz/), generated warehouse files into the importer (tests/indicators/test_import_fuzz.py).
fuzz: install-dev messages
	$(PY) -m pytest -m fuzz

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev
	@command -v wrk >/dev/null || echo "wrk not found (apt-get install -y wrk): the page bench falls back to a slower Python load generator"
	$(PY) bench/run_all.py

# A release minute through a running front (the stack's nginx): make bench-release-minute BASE_URL=http://127.0.0.1:8080
# Run it with the stack's environment (DATABASE_URL, REDIS_URL): it schedules an entry in that database.
bench-release-minute: install-dev
	$(PY) bench/bench_release_minute.py --base-url $(BASE_URL)

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache mutants


# Mutation testing (not CI, not `make test`): the functions behind the promises
# (embargo, the importer's write path, disclosure control, the national-ID check,
# the download limit). Configured under [tool.mutmut] in pyproject.toml; results
# are kept in mutants/ so a second run only redoes changed functions.
MUTANTS := 'releases.embargo.x_released_q*' 'releases.embargo.x_entry_public_q*' \
	'releases.embargo.x_is_public*' 'releases.embargo.x_page_is_visible*' 'releases.embargo.x_is_file_held*' \
	'indicators.importer.write.x_write*' 'indicators.importer.write.x_delete*' \
	'indicators.disclosure.rules.*' 'indicators.disclosure.apply.x_suppressed_cells*' \
	'indicators.disclosure.lp.x__solve*' \
	'iran.validators.x_national_id_is_valid*' 'iran.validators.x_validate_national_id*' \
	'researchers.views.downloads.x_download*' 'researchers.models.x*Grant*'
mutation: install-dev messages
	@mkdir -p var
	rm -f var/mutation-template.sqlite3
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=sqlite:///$(CURDIR)/var/mutation-template.sqlite3 \
		$(PY) manage.py migrate --noinput -v0
	MUTATION_DB_TEMPLATE=$(CURDIR)/var/mutation-template.sqlite3 $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/mutmut results
