# Vidnova: `make run` starts the platform, `make test` runs the whole suite.
# Both create the virtualenv and install on first use; nothing else is needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install nginx browser prometheus kannel run migrate test unit lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/vidnova run

migrate: install
	$(BIN)/vidnova migrate

# The HTTP front's end-to-end tests run a real nginx (deploy/nginx/): Debian's, installed
# here where missing. Root installs it (CI runs as root); anyone else is told, and those
# tests are skipped (under CI they fail).
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; \
	  else \
	    echo "make: nginx is not installed (apt-get install nginx); the front's tests are skipped"; \
	  fi; \
	fi

# The portal's browser tests drive Debian's Chromium (Playwright cannot download browsers
# here) and check each page with axe-core from the npm registry: both installed here where
# missing (Chromium when you are root; otherwise those tests are skipped, and fail under CI).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else \
	    echo "make: chromium is not installed (apt-get install chromium); the browser tests are skipped"; \
	  fi; \
	fi
	@if [ ! -f tests/e2e/browser/node_modules/axe-core/axe.min.js ]; then \
	  if command -v npm >/dev/null 2>&1; then \
	    (cd tests/e2e/browser && npm ci --no-audit --no-fund --silent); \
	  else \
	    echo "make: npm is not installed; the browser tests are skipped"; \
	  fi; \
	fi

# The monitoring tests run Debian's Prometheus and promtool against the platform and the
# alert rules (deploy/prometheus/): installed here where missing, as nginx is.
prometheus:
	@if ! command -v promtool >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; \
	  else \
	    echo "make: prometheus is not installed (apt-get install prometheus); its tests are skipped"; \
	  fi; \
	fi

# Notifications' SMS tests and bench run a real Kannel (bearerbox, smsbox and the fake
# SMSC from kannel-extras): Debian's, installed here where missing, as nginx above.
kannel:
	@if [ ! -x /usr/sbin/bearerbox ] || [ ! -x /usr/lib/kannel/test/fakesmsc ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kannel kannel-extras; \
	  else \
	    echo "make: Kannel is not installed (apt-get install kannel kannel-extras); its tests are skipped"; \
	  fi; \
	fi

# The unit tests share nothing (own SQLite files, own broker names): they run on one
# process per CPU (pytest-xdist). The integration and end-to-end tests run one at a time:
# some stop brokers, kill workers or time a fault, and each starts many processes.
# JUNIT_DIR=dir writes each part's JUnit report there (CI reads them for skips).
CPUS ?= $(shell nproc 2>/dev/null || echo 2)
junit = $(if $(JUNIT_DIR),--junitxml=$(JUNIT_DIR)/$(1).xml)

test: install nginx browser prometheus kannel
	@status=0; \
	$(BIN)/pytest tests/unit -n $(CPUS) $(call junit,unit) || status=$$?; \
	$(BIN)/pytest tests/integration tests/e2e $(call junit,integration) || status=$$?; \
	exit $$status

unit: install
	$(BIN)/pytest tests/unit

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	@if command -v promtool >/dev/null 2>&1; then promtool check rules deploy/prometheus/alerts.yml; fi

$(VENV)/.bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(VENV)/.bench

bench: install kannel $(VENV)/.bench
	$(BIN)/python -m bench
	$(BIN)/python -m bench.intake_import
	$(BIN)/python -m bench.training
	$(BIN)/python -m bench.notifications
	if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.intake_import --database-url "$$DATABASE_URL"; fi
	$(BIN)/python -m bench.grants
	if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.grants --database-url "$$DATABASE_URL"; fi
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) var .pytest_cache
