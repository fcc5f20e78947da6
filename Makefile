# MoviePitch: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app moviepitch
HOST ?= 127.0.0.1
PORT ?= 5000
# Debian packages the test suite needs: a browser for the end-to-end tests, and the real
# PostgreSQL and Redis servers the scale-out tests start (procps gives them pkill). npm (for
# axe-core) is installed from Debian only when no npm is on the PATH.
SYSTEM_PACKAGES := chromium postgresql redis-server procps
# axe-core, the accessibility checker the browser test runs in each page, pinned by tests/package-lock.json.
AXE := tests/node_modules/axe-core/axe.min.js

.PHONY: run serve test lint format bench install install-test migrate system-deps axe clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when the dependencies change.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(FLASK) db upgrade

# MOVIEPITCH_BIND tells the app the address it serves, so it answers to that name (see TRUSTED_HOSTS).
run: migrate
	MOVIEPITCH_BIND=$(HOST):$(PORT) $(FLASK) run --host $(HOST) --port $(PORT)

# Production serving: gunicorn with gunicorn.conf.py (gthread workers, one per CPU).
serve: migrate
	MOVIEPITCH_BIND=$(HOST):$(PORT) $(BIN)/gunicorn wsgi:app

test: lint system-deps $(AXE)
	$(BIN)/python -m pytest

# Style is checked before the tests: ruff's lint rules and its formatter (settings in pyproject.toml).
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Fix what ruff can fix by itself, then format.
format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

axe: $(AXE)

# Without npm (not root, no Debian package) the browser test skips its accessibility checks, as
# it skips altogether without chromium; under CI=true system-deps has already failed the run.
$(AXE): tests/package.json tests/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests && touch $@; \
	else echo "Skipping axe-core: npm is missing (install it with: sudo apt-get install npm)"; fi

# Installs only what is missing. Without root it skips (browser tests then skip too),
# except under CI=true, where a missing package must fail the run.
system-deps:
	@missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then echo "System packages present:$(foreach p,$(SYSTEM_PACKAGES), $(p))."; exit 0; fi; \
	if [ "$$(id -u)" != "0" ]; then \
		if [ "$$CI" = "true" ]; then echo "error: missing Debian packages:$$missing (run as root to install them)" >&2; exit 1; fi; \
		echo "Skipping Debian packages:$$missing (not root). Install them with: sudo apt-get install$$missing"; exit 0; \
	fi; \
	echo "Installing Debian packages:$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

# The benchmark: ratios against a simulated OpenAI-compatible server and a bare Flask ceiling,
# measured in one run (several minutes at real-time scale). Uses Debian's wrk when installed.
BENCH_OUT ?=
bench: install-test
	$(BIN)/python tests/bench/run.py $(if $(BENCH_OUT),--out $(BENCH_OUT))

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache test-artifacts tests/node_modules
