# Vidnova: `make run` starts the platform, `make test` runs the whole suite.
# Both create the virtualenv and install on first use; nothing else is needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run migrate test unit lint bench clean

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

test: install
	$(BIN)/pytest

unit: install
	$(BIN)/pytest tests/unit

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: install
	$(BIN)/python -m bench
	$(BIN)/python -m bench.intake_import
	if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.intake_import --database-url "$$DATABASE_URL"; fi

clean:
	rm -rf $(VENV) var .pytest_cache
