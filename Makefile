# Vidnova: `make run` starts the platform, `make test` runs the whole suite.
# Both create the virtualenv and install on first use; nothing else is needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install nginx kannel run migrate test unit lint bench clean

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

test: install nginx kannel
	$(BIN)/pytest

unit: install
	$(BIN)/pytest tests/unit

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: install kannel
	$(BIN)/python -m bench
	$(BIN)/python -m bench.intake_import
	$(BIN)/python -m bench.training
	$(BIN)/python -m bench.notifications
	if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.intake_import --database-url "$$DATABASE_URL"; fi

clean:
	rm -rf $(VENV) var .pytest_cache
