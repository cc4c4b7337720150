# The front door. `make run` serves the site; `make test` passes the tests.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
HOST ?= 127.0.0.1
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev

.PHONY: help venv install install-dev run serve migrate demo test test-browser lint format bench bench-release-minute messages clean browser

help:
	@echo "make run    - install, migrate, load demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test   - install test tools and run the whole suite (DATABASE_URL selects PostgreSQL)"
	@echo "make lint   - ruff lint and format check"
	@echo "make bench  - benchmarks (figures printed, never pass/fail)"

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

# Web server, background worker and the release scheduler together; Ctrl-C stops all three.
run: demo
	$(DEV) $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: /admin/, see README)"
	@trap 'kill 0' INT TERM EXIT; \
	$(DEV) $(PY) manage.py db_worker & \
	$(DEV) $(PY) manage.py run_scheduler & \
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT) --noreload

browser:
	@bash .ci/ensure-chromium

test: install-dev messages browser
	$(PY) -m pytest

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
	rm -rf $(VENV) var test-artifacts .pytest_cache
