# The two front-door commands are `make run` (main job on the bundled samples) and `make test`.
# Both bootstrap .venv on first use and are safe to run twice.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
PIP_VERSION := 26.3
UV_VERSION := 0.13.9
export PREFECT_SERVER_ANALYTICS_ENABLED := false
# PREFECT_HOME is not set here: every entry point uses the same one (default ~/.prefect; README)
export PREFECT_LOGGING_LEVEL ?= WARNING

.PHONY: venv lock run test test-fast eval clean serve bench

venv: $(STAMP)

# Every package at the version in requirements.lock (the whole tree, resolved by `make lock`), so a
# fresh machine next month installs what CI tested. pkuseg is built from its sdist without build
# isolation (its setup.py imports numpy), after the locked numpy and cython are in place.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q "pip==$(PIP_VERSION)"
	$(BIN)/pip install -q -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation pkuseg==0.0.25
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/pip check
	touch $(STAMP)

# Re-resolve the lock after editing pyproject.toml's dependencies (needs the package index).
lock: $(BIN)/python
	$(BIN)/pip install -q "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra test --extra bench --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --no-header --annotation-style line -o $(LOCK)

$(BIN)/python:
	$(PY) -m venv $(VENV)

run: $(STAMP)
	$(BIN)/reportx run fixtures/reports --out data

# Everything, as CI runs it.
test: $(STAMP)
	$(BIN)/python -m pytest -q

# The edit loop: everything but the tests marked slow (real servers, crash trials, subprocess runs).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

eval: $(STAMP)
	$(BIN)/reportx eval

# Time and memory (sum of PSS of every process) of pkuseg alone, `reportx extract`, `reportx run` and a
# rerun at 0.25x-2x a 2 M-character corpus: rewrites docs/benchmarks.md and docs/benchmarks.png (~40 min).
bench: $(STAMP)
	$(BIN)/python benchmarks/footprint.py

clean:
	rm -rf data

# Scheduled ingestion (flows/serve.py): a local Prefect server on 127.0.0.1:$(SERVE_PORT), started by the
# supervisor itself (log: $PREFECT_HOME/reportx-serve-server.log, default ~/.prefect), plus the served deployment
# ingest-reports/scheduled: cron hourly; `make serve CRON="*/15 * * * *"`, or every N seconds with
# `make serve INTERVAL=300`. Ctrl-C or SIGTERM stops the runs, then the server, within 10 s.
# Running it as a service (systemd): docs/service.md.
SERVE_PORT ?= 4200
CRON ?= 0 * * * *
INTERVAL ?=
serve: $(STAMP)
	exec $(BIN)/python -m flows.serve --start-server --port $(SERVE_PORT) --input fixtures/reports --out data \
	  $(if $(strip $(INTERVAL)),--interval $(INTERVAL),--cron "$(CRON)")
