# The README's two commands: `make run` and `make test`. Each creates .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The sample reports, copied as if they had arrived in an inbox (the folder also holds JSON).
SAMPLE_INBOX := $${RAINGAN_HOME:-$$HOME/.raingan}/sample-inbox

.PHONY: run test lint format samples bench bench-backfill

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p $(SAMPLE_INBOX)
	cp -p sample_reports/*.pdf $(SAMPLE_INBOX)/
	$(BIN)/raingan nightly --inbox $(SAMPLE_INBOX)

test: $(STAMP)
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuilds every sample PDF with fixed seeds (needs root for apt: Chromium and Thai fonts).
samples: $(STAMP)
	apt-get update -q && apt-get install -y -q chromium fonts-thai-tlwg fonts-noto-core \
		fonts-dejavu-core fonts-liberation poppler-utils qpdf
	$(BIN)/python -m pip install -q -e '.[samples]'
	$(BIN)/python -m sample_reports.generator

bench: $(STAMP)
	$(BIN)/python benchmarks/parse_speed.py
	$(BIN)/python benchmarks/load_speed.py

# The backfill on Dask beside the same work run sequentially (N bulk reports, cached).
N ?= 1000
bench-backfill: $(STAMP)
	$(BIN)/python benchmarks/backfill_speed.py --n $(N)
