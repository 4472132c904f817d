# envcoop — the two commands a newcomer needs:
#   make run    set up everything, load reference and demo data, serve http://127.0.0.1:$(PORT)
#   make test   install test dependencies (and Debian packages, as root) and run every test
# and one for contributors:
#   make check  ruff (lint and format) and the tests

VENV   ?= .venv
BIN    := $(VENV)/bin
# Every Python package comes from uv.lock (exact versions and hashes), installed by this uv.
UV_VERSION := 0.13.10
UV_SYNC = UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --locked --inexact --no-python-downloads --python $(BIN)/python
PORT   ?= 8000
HOST   ?= 127.0.0.1

.PHONY: run test check lint setup test-setup messages clean distclean lock upgrade bench-setup

# The virtualenv and the pinned uv in it (all `make lock` needs: it must work while
# pyproject.toml and uv.lock disagree, which is when it is needed)
$(VENV)/.uv-$(UV_VERSION):
	scripts/system-packages.sh run
	@python=$$(scripts/find-python) || { echo "envcoop needs Python 3.11 or newer with venv"; exit 1; }; \
		[ -x $(BIN)/python ] || { echo "creating $(VENV) with $$python"; $$python -m venv $(VENV); }
	$(BIN)/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	touch $@

$(VENV)/.installed: pyproject.toml uv.lock | $(VENV)/.uv-$(UV_VERSION)
	scripts/system-packages.sh run
	$(UV_SYNC)
	touch $@

# --locked: the install fails when pyproject.toml and uv.lock disagree (run `make lock`).
$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml uv.lock
	$(UV_SYNC) --extra test
	touch $@

# What bench/extract_dates.py compares against (dateparser).
bench-setup: $(VENV)/.installed
	$(UV_SYNC) --extra test --extra bench

# After changing dependencies in pyproject.toml: `make lock` (the least change to uv.lock);
# to move every package to its newest allowed release: `make upgrade`. Then `make test`.
lock: | $(VENV)/.uv-$(UV_VERSION)
	$(BIN)/uv lock

upgrade: | $(VENV)/.uv-$(UV_VERSION)
	$(BIN)/uv lock --upgrade

setup: $(VENV)/.installed messages

messages: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -D django -d envcoop/locale

run: setup
	$(BIN)/envcoop migrate --noinput
	$(BIN)/envcoop load-demo
	$(BIN)/envcoop ingest --accept --visibility public envcoop/registry/data/demo-documents
	$(BIN)/envcoop ensure-admin
	@echo "envcoop is at http://$(HOST):$(PORT)/  (Thai: /th/, Vietnamese: /vi/, administration: /admin/)"
	@echo "with one worker reading uploads beside it (Ctrl-C stops both)"
	scripts/run-site $(BIN) $(HOST):$(PORT)

test-setup: $(VENV)/.installed-test messages
	scripts/system-packages.sh test
	scripts/iati-schema $(VENV)

test: test-setup
	scripts/run-tests $(BIN)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: lint test

# Removes what setup built; keeps var/ (the SQLite database and the secret key).
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find envcoop -name '*.mo' -delete

# Also removes var/: the local database and secret key are gone for good.
distclean: clean
	rm -rf var
