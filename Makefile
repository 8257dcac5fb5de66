# `make run` and `make test` are all a new user needs (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
PYTEST_ARGS ?=

.PHONY: install setup run test lint ci bench loadtest clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_bundled

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

bench: setup
	$(BIN)/python manage.py bench

loadtest: install
	$(BIN)/python manage.py loadtest

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles exports tests/artifacts
