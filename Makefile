# envcoop — the two commands a newcomer needs:
#   make run    set up everything, load reference and demo data, serve http://127.0.0.1:$(PORT)
#   make test   install test dependencies (and Debian packages, as root) and run every test
# and one for contributors:
#   make check  ruff (lint and format) and the tests

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1

.PHONY: run test check lint setup test-setup messages clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "envcoop needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))"; exit 1; }
	scripts/system-packages.sh run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed messages

messages: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -D django -d envcoop/locale

run: setup
	$(BIN)/envcoop migrate --noinput
	$(BIN)/envcoop load-demo
	$(BIN)/envcoop ensure-admin
	@echo "envcoop is at http://$(HOST):$(PORT)/  (Thai: /th/, Vietnamese: /vi/, administration: /admin/)"
	$(BIN)/envcoop runserver $(HOST):$(PORT)

test-setup: $(VENV)/.installed-test messages
	scripts/system-packages.sh test

test: test-setup
	scripts/run-tests $(BIN)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: lint test

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
	find envcoop -name '*.mo' -delete
