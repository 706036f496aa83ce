# Habiter: the README's commands. Only Python 3.11+ and make are needed beforehand.
SHELL := /bin/bash
PORT ?= 8501
HOST ?= 0.0.0.0
HABITER_DB ?= data/demo.duckdb
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export HABITER_DB
export UV_LINK_MODE := copy

.PHONY: run test setup setup-dev uv browser lint format bench init clean

## run: set up, create the demo database if missing, start the app on $(PORT)
run: setup
	@if [ "$(HABITER_DB)" = "data/demo.duckdb" ]; then \
		$(UV) run --no-sync python cli.py demo --if-missing; \
	else \
		$(UV) run --no-sync python cli.py check; \
	fi
	$(UV) run --no-sync python cli.py secrets
	@echo ""
	@echo "Habiter : http://$$(hostname -I 2>/dev/null | cut -d' ' -f1 || echo localhost):$(PORT)  (ou http://localhost:$(PORT))"
	@echo "Comptes de démonstration (mot de passe : demo-habiter) :"
	@echo "  admin, direction, social, accueil, gestion, analyste"
	$(UV) run --no-sync streamlit run app.py --server.port $(PORT) --server.address $(HOST)

## test: set up with development tools and Chromium, then the whole suite
test: setup-dev browser
	$(UV) run --no-sync ruff check .
	$(UV) run --no-sync pytest

## init: create an empty production database with a first admin account
init: setup
	$(UV) run --no-sync python cli.py --db $(or $(DB),data/habiter.duckdb) init
	$(UV) run --no-sync python cli.py secrets

## bench: timings at several data sizes, against a baseline, as a table
bench: setup-dev
	$(UV) run --no-sync python bench/run.py

lint: setup-dev
	$(UV) run --no-sync ruff check .
	$(UV) run --no-sync ruff format --check .

format: setup-dev
	$(UV) run --no-sync ruff format .
	$(UV) run --no-sync ruff check --fix .

setup: uv
	$(UV) sync --frozen --no-dev

setup-dev: uv
	$(UV) sync --frozen

# uv from PyPI into a project-local folder when the machine has none.
uv:
	@command -v uv >/dev/null 2>&1 || [ -x .tools/bin/uv ] || \
		( $(PYTHON) -m venv .tools && .tools/bin/pip install --quiet uv )

# Debian's Chromium for the browser tests (CI runs as root; otherwise sudo is used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf .venv .tools .pytest_cache .ruff_cache
