# marsad: two commands for a newcomer.
#   make demo   creates .venv, installs marsad and everything it needs, runs it on the examples
#   make test   runs the test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-fast clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	$(BIN)/marsad gazetteer build
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/marsad demo

# pytest exits 5 when it collects no test: that is a failure, said in words.
test: install
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then \
	  echo "error: pytest collected no tests (exit 5); is tests/ there, and does -m/-k select any?" >&2; \
	fi; exit $$status

test-fast: install
	$(BIN)/python -m pytest -m "not model and not corpus and not postgres and not browser"

clean:
	rm -rf $(VENV) demo-output marsad.db
