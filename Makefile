# timeline: `make run` to serve the demo, `make test` to run the suite on two PostgreSQL servers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SEEDS ?= ../shared/seeds

.PHONY: run test venv node browser lint format bench eval-ingest schema migrate demo clean-db help fuzz \
	serve-prod serve-dev load

help:
	@echo "make run          set up and serve the demo on http://$(HOST):$(PORT)/"
	@echo "make test         the whole suite on embedded PostgreSQL and on TEST_POSTGRES_URL"
	@echo "make lint         ruff check + format check + makemigrations --check"
	@echo "make bench        benchmarks (not part of CI)"
	@echo "make fuzz         fuzz /graphql/ with 30,000 generated documents (CI runs ~1,000),"
	@echo "                  and compare compiled and strawberry reads on 2,000 more"
	@echo "make eval-ingest  score the ingester on $(SEEDS), then summarise the drafts a real run leaves"
	@echo "make serve-prod   production server (gunicorn + WhiteNoise); see README \"Deploying\""
	@echo "make load         full load test: 32 clients x 60 s against serve-prod's set-up"

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

node: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

migrate: venv
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo node
	DEBUG=1 $(MANAGE) create_demo_curator
	@echo ""
	@echo "  timeline is starting:"
	@echo "  timeline page: http://$(HOST):$(PORT)/"
	@echo "  admin:         http://$(HOST):$(PORT)/admin/"
	@echo "                 demo accounts (local use only): curator / timeline-demo (edits, submits)"
	@echo "                 and reviewer / timeline-demo (publishes, approves)"
	@echo "  review queue:  http://$(HOST):$(PORT)/admin/timeline/revision/queue/"
	@echo "  GraphiQL:      http://$(HOST):$(PORT)/graphql/"
	@echo ""
	$(RUNSERVER)

# `exec`: make's SIGTERM then reaches runserver itself (not only the shell), whose exit
# stops the embedded PostgreSQL. serve-dev is the same server without the set-up steps.
RUNSERVER = DEBUG=1 exec $(MANAGE) runserver $(HOST):$(PORT)
serve-dev:
	$(RUNSERVER)

test: venv node browser
	$(PY) scripts/test_matrix.py

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) graphql_schema --check

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

schema: venv
	$(MANAGE) graphql_schema

# GraphQL fuzzing at a larger scale than CI (GRAPHQL_FUZZ_EXAMPLES per client and mode),
# and the compiled-vs-strawberry differential test's generated documents (DIFF_EXAMPLES).
FUZZ_EXAMPLES ?= 5000
DIFF_EXAMPLES ?= 2000
fuzz: venv
	GRAPHQL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) GRAPHQL_DIFF_EXAMPLES=$(DIFF_EXAMPLES) \
		$(PY) -m pytest tests/api/test_fuzz_graphql.py \
		tests/api/test_compiled_differential.py::test_generated_documents_agree \
		-q -p no:cacheprovider

# Benchmark-only tools (PostGraphile 4, autocannon), kept apart from the app's node_modules.
BENCH_NODE_STAMP := tests/bench/node/node_modules/.installed

$(BENCH_NODE_STAMP): tests/bench/node/package.json tests/bench/node/package-lock.json
	cd tests/bench/node && npm ci --no-audit --no-fund --loglevel=error
	touch $(BENCH_NODE_STAMP)

bench: venv $(BENCH_NODE_STAMP)
	$(PY) -m pytest tests/bench -s -q -p no:cacheprovider

eval-ingest: migrate
	$(MANAGE) load_demo
	$(MANAGE) ingest_articles --dry-run --json --no-progress $(SEEDS)/*.txt > .eval-ingest.json
	$(PY) ../shared/eval/score_ingest.py $(SEEDS)/gold.json .eval-ingest.json
	$(MANAGE) ingest_drafts_summary $(SEEDS)/*.txt

# Production (README "Deploying"): static files collected for WhiteNoise, migrations, gunicorn.
serve-prod: venv node
	$(MANAGE) collectstatic --noinput
	$(MANAGE) migrate --noinput
	exec $(VENV)/bin/gunicorn -c timeline/gunicorn_conf.py

# The load test at full size (make test runs it at CI size).
load: venv
	LOAD_CLIENTS=32 LOAD_SECONDS=60 $(PY) -m pytest tests/ops/test_load.py -s -q -p no:cacheprovider

clean-db:
	rm -rf .pgdata
