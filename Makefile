# The portal's everyday commands. `make run` and `make test` are the two the README promises.
SHELL := /bin/bash
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv run test test-smoke lint format messages compilemessages migrate demo frontend worker beat check-deploy clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed ## Create .venv and install the pinned dependencies

compilemessages: venv ## Compile the translation catalogs
	$(PY) manage.py compilemessages --ignore '.venv' --ignore 'frontend' -v0

messages: venv ## Extract translatable strings into locale/vi (then translate the new entries)
	$(PY) manage.py makemessages -l vi --no-location --no-obsolete --ignore '.venv/*' --ignore 'frontend/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'tests/*'

migrate: venv ## Apply database migrations
	mkdir -p var
	$(PY) manage.py migrate -v0

demo: migrate ## Load the demo data (safe to run again)
	$(PY) manage.py seed_demo

run: compilemessages demo ## Run the portal on SQLite with demo data at http://127.0.0.1:8000
	$(PY) manage.py runserver $(HOST):$(PORT)

test: venv compilemessages ## Run the whole test suite (PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set)
	DJANGO_ENV=test $(PY) -m pytest $(PYTEST_ARGS)

test-smoke: venv compilemessages ## A short run on SQLite without Redis: proves the embedded default
	DJANGO_ENV=test DATABASE_URL= REDIS_URL= CELERY_BROKER_URL= CACHE_URL= $(PY) -m pytest -m "not browser and not celery and not postgres and not redis" $(PYTEST_ARGS)

lint: venv ## ruff check and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: venv ## Format the code
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

frontend: ## Rebuild static/vendor from GOV.UK Frontend's Sass (needs Node and npm)
	scripts/build-frontend

worker: venv ## Run a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A portal worker --loglevel=INFO

beat: venv ## Run the Celery beat scheduler (needs REDIS_URL)
	$(VENV)/bin/celery -A portal beat --loglevel=INFO

check-deploy: venv ## Django's deployment checks with production settings
	DJANGO_ENV=production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  MFA_ENCRYPTION_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  ANTICORRUPTION_PUBLIC_KEY=$$($(PY) -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())') \
	  ALLOWED_HOSTS=portal.example.vn REDIS_URL=redis://127.0.0.1:6379/0 \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
