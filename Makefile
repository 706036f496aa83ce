# Habiter: the README's commands. Only Python 3.11+ and make are needed beforehand.
SHELL := /bin/bash
PORT ?= 8501
HOST ?= 0.0.0.0
DEMO_DB := data/demo.duckdb
# The database of init, cli and user: DB=..., else HABITER_DB from the environment or the
# command line, else the production file. Read before HABITER_DB gets its default below.
CLI_DB := $(or $(DB),$(HABITER_DB),data/habiter.duckdb)
HABITER_DB ?= $(DEMO_DB)
# The demo accounts are shown for the demo database only, never for a production one.
IS_DEMO := $(if $(filter $(abspath $(DEMO_DB)),$(abspath $(HABITER_DB))),yes)
DEMO_ACCOUNTS := admin, direction, social, accueil, gestion, analyste
# Where the server answers, as `make run` prints it: the HOST given; for every interface,
# the machine's own addresses (IPv4 for 0.0.0.0, IPv6 for ::) and localhost.
MACHINE_ADDRESSES = $$(hostname -I 2>/dev/null | tr ' ' '\n' | grep $(1) ':')
LISTENING = $(strip $(if $(filter 0.0.0.0,$(HOST)),$(call MACHINE_ADDRESSES,-v) localhost,\
	$(if $(filter ::,$(HOST)),$(call MACHINE_ADDRESSES,) ::1,$(HOST))))
HOUSEHOLDS ?= 1500
SIZES ?= 1000,10000,100000,1000000
REPEAT ?= 5
SUPPORT_SIZES ?= 10000,200000
HOUSING_SIZES ?= 10000,200000
DASHBOARD_SIZES ?= 2000,200000,1000000
INTAKE_SIZES ?= 2000,200000
LOAD_SESSIONS ?= 30
SCREEN_SIZES ?= 2000,200000,1000000
ANALYTICS_SIZES ?= 200000,1000000
EXPORT_HOUSEHOLDS ?= 1000000
EXPORT_REPEAT ?= 2
IMPORT_SIZES ?= 1000,10000
PYTHON ?= python3
TEST_TMP ?= /tmp/habiter-tests
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := $(UV) run --no-sync python
export HABITER_DB
export UV_LINK_MODE := copy

.PHONY: run test setup setup-dev uv browser fonts lint format bench init cli user demo backup restore clean

## run: set up, create the demo database if missing, start the app on $(PORT)
run: setup fonts
	@$(PY) cli.py $(if $(IS_DEMO),demo --if-missing,check)
	@$(PY) cli.py secrets
	@echo ""
	@echo "Habiter répond à :"
	@for address in $(LISTENING); do \
		case $$address in *:*) address="[$$address]";; esac; \
		echo "  http://$$address:$(PORT)"; \
	done
	$(if $(IS_DEMO),@echo "Comptes de démonstration (mot de passe : demo-habiter) : $(DEMO_ACCOUNTS)")
	$(PY) serve.py --server.port $(PORT) --server.address $(HOST)

## test: set up with development tools and Chromium, then the whole suite in three processes
## side by side (the browser journeys wait on their servers more than they compute): the
## journeys of tests/browser, the tests of files a to l, those of m to z; each one's output
## shown in turn at the end, with its slowest tests
TESTS_FIRST = $(wildcard tests/test_[a-l]*.py)
TESTS_SECOND = $(wildcard tests/test_[m-z]*.py)
test: setup-dev browser fonts
	$(UV) run --no-sync ruff check .
	@mkdir -p $(TEST_TMP); \
	$(UV) run --no-sync pytest tests/browser --durations=10 --basetemp=$(TEST_TMP)/browser \
		> $(TEST_TMP)/browser.log 2>&1 & journeys=$$!; \
	$(UV) run --no-sync pytest $(TESTS_FIRST) --durations=10 --basetemp=$(TEST_TMP)/first \
		> $(TEST_TMP)/first.log 2>&1 & first=$$!; \
	$(UV) run --no-sync pytest $(TESTS_SECOND) --durations=10 --basetemp=$(TEST_TMP)/second; \
	second=$$?; wait $$first; first=$$?; wait $$journeys; browser=$$?; \
	echo "== Tests des fichiers a à l =="; cat $(TEST_TMP)/first.log; \
	echo "== Parcours dans le navigateur (tests/browser) =="; cat $(TEST_TMP)/browser.log; \
	test $$second -eq 0 && test $$first -eq 0 && test $$browser -eq 0

## init: create an empty production database ($(CLI_DB)) with a first admin account
init: setup
	@$(PY) cli.py --db '$(CLI_DB)' init
	@$(PY) cli.py secrets

## cli: any command of cli.py on $(CLI_DB), e.g. make cli ARGS="user list"
cli: setup
	@$(PY) cli.py --db '$(CLI_DB)' $(ARGS)

## user: manage the accounts of $(CLI_DB), e.g. make user ARGS="add lea --roles accueil"
user: setup
	@$(PY) cli.py --db '$(CLI_DB)' user $(or $(ARGS),list)

## demo: a demo database of any size, e.g. make demo HOUSEHOLDS=100000 DB=data/big.duckdb
demo: setup
	@$(PY) cli.py --db '$(or $(DB),$(DEMO_DB))' demo --households $(HOUSEHOLDS)

## backup: a verified backup of $(CLI_DB) in its folder's backups/, taken by the running app
## (asked through requests/) or, when it is stopped, by this command; prints the file
backup: setup
	@$(PY) cli.py --db '$(CLI_DB)' backup

## restore: check FILE=... and copy it to a new restored-….duckdb beside $(CLI_DB); over
## $(CLI_DB) itself only with CONFIRM=oui and the app stopped (the old file kept aside)
restore: setup
	@$(PY) cli.py --db '$(CLI_DB)' restore '$(FILE)' $(if $(filter oui,$(CONFIRM)),--confirm)

## bench: every measure of bench/ (reads and writes at several sizes beside raw DuckDB and
## SQLite, 20 writers, exports, the analytics copy, the console, real browser sessions), then
## the one table of bench/README.md; QUICK=1: small databases, a few minutes, the table
## in bench/results/quick.md (bench/README.md keeps the last full run)
bench: setup-dev browser
ifeq ($(QUICK),1)
	$(PY) bench/run.py --sizes 1000 --repeat 1
	$(PY) bench/intake.py --sizes 2000 --saves 20
	$(PY) bench/support.py --sizes 2000 --repeat 2
	$(PY) bench/housing.py --sizes 2000 --repeat 2
	$(PY) bench/dashboard.py --sizes 2000 --repeat 2
	$(PY) bench/exports.py --households 2000 --repeat 1 --quick
	$(PY) bench/analytics.py --sizes 2000 --reads-for 1
	$(PY) bench/console.py --households 2000 --repeat 2
	$(PY) bench/imports.py --sizes 1000
	$(PY) bench/screens.py --quick
	$(PY) bench/load.py --quick
	$(PY) bench/report.py --command "make bench $(MAKEOVERRIDES)" --output bench/results/quick.md
else
	$(PY) bench/run.py --sizes $(SIZES) --repeat $(REPEAT)
	$(PY) bench/intake.py --sizes $(INTAKE_SIZES)
	$(PY) bench/support.py --sizes $(SUPPORT_SIZES) --repeat $(REPEAT)
	$(PY) bench/housing.py --sizes $(HOUSING_SIZES) --repeat $(REPEAT)
	$(PY) bench/dashboard.py --sizes $(DASHBOARD_SIZES) --repeat $(REPEAT)
	$(PY) bench/exports.py --households $(EXPORT_HOUSEHOLDS) --repeat $(EXPORT_REPEAT)
	$(PY) bench/analytics.py --sizes $(ANALYTICS_SIZES)
	$(PY) bench/console.py --households 200000
	$(PY) bench/imports.py --sizes $(IMPORT_SIZES) --readme
	$(PY) bench/screens.py --sizes $(SCREEN_SIZES)
	$(PY) bench/load.py --calibrate --saturate --sessions $(LOAD_SESSIONS) --households 200000
	$(PY) bench/report.py --command "$(strip make bench $(MAKEOVERRIDES))"
	$(PY) bench/imports.py --readme-only
endif

lint: setup-dev
	$(UV) run --no-sync ruff check .
	$(UV) run --no-sync ruff format --check .

format: setup-dev
	$(UV) run --no-sync ruff format .
	$(UV) run --no-sync ruff check --fix .

# --inexact: the development tools that `make test` installed stay in place.
setup: uv
	$(UV) sync --frozen --inexact --no-dev

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

# Debian's DejaVu fonts, embedded in every PDF (ui/pdf_fonts.py).
fonts:
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-dejavu-core >/dev/null; }

clean:
	rm -rf .venv .tools .pytest_cache .ruff_cache
