# The two front-door commands are `make run` (main job on the bundled samples) and `make test`.
# Both bootstrap .venv on first use and are safe to run twice.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_LOGGING_LEVEL ?= WARNING

.PHONY: venv run test eval clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# pkuseg's sdist imports numpy in setup.py: build deps first, then no build isolation.
	$(BIN)/pip install -q "numpy>=1.26,<3" "cython>=3" wheel setuptools
	$(BIN)/pip install -q --no-build-isolation pkuseg==0.0.25
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/reportx run fixtures/reports --out data

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/reportx eval

clean:
	rm -rf data .prefect
