# The two front-door commands are `make run` (main job on the bundled samples) and `make test`.
# Both bootstrap .venv on first use and are safe to run twice.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_LOGGING_LEVEL ?= WARNING

.PHONY: venv run test eval clean serve

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

# Scheduled ingestion: a local Prefect server on 127.0.0.1 plus the served deployment
# (cron hourly; override with `make serve CRON="*/15 * * * *"`). Ctrl-C stops both.
SERVE_PORT ?= 4200
CRON ?= 0 * * * *
serve: $(STAMP)
	@$(BIN)/prefect server start --host 127.0.0.1 --port $(SERVE_PORT) > .prefect-server.log 2>&1 & echo $$! > .prefect-server.pid; \
	trap 'kill $$(cat .prefect-server.pid) 2>/dev/null; rm -f .prefect-server.pid' EXIT INT TERM; \
	for i in $$(seq 1 60); do curl -sf http://127.0.0.1:$(SERVE_PORT)/api/health >/dev/null && break; sleep 1; done; \
	PREFECT_API_URL=http://127.0.0.1:$(SERVE_PORT)/api $(BIN)/python -m flows.serve --input fixtures/reports --out data --cron "$(CRON)"
