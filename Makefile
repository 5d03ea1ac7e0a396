# The README's two commands: `make run` and `make test`. Each creates .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The sample reports, copied as if they had arrived in an inbox (the folder also holds JSON).
SAMPLE_INBOX := $${RAINGAN_HOME:-$$HOME/.raingan}/sample-inbox

.PHONY: run test browser ocr fonts libreoffice test-fast hostile lint format samples matrix bench bench-ocr \
	bench-backfill

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP) ocr
	mkdir -p $(SAMPLE_INBOX)
	cp -p sample_reports/*.pdf $(SAMPLE_INBOX)/
	$(BIN)/raingan nightly --inbox $(SAMPLE_INBOX)

# The HTML report's test drives a real Chromium: installed here when missing and we are root
# (as CI is); otherwise the one command to run is printed and that test fails saying so.
BROWSER_INSTALL := apt-get update -q && apt-get install -y -q chromium chromium-driver
BROWSER_HINT := sudo apt-get install -y chromium chromium-driver
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then $(BROWSER_INSTALL); \
	else echo "Chromium is missing for the HTML report's test: run  $(BROWSER_HINT)"; fi

# Scanned pages are read with Tesseract's Thai model (tesserocr's wheel bundles the library; the
# models come from Debian): installed here when missing and we are root (as CI is, which must
# run the OCR tests); otherwise the one command to run is printed.
OCR_INSTALL := apt-get update -q && apt-get install -y -q tesseract-ocr tesseract-ocr-tha
OCR_HINT := sudo apt-get install -y tesseract-ocr tesseract-ocr-tha
ocr:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx tha; \
	then :; \
	elif [ "$$(id -u)" = 0 ]; then $(OCR_INSTALL); \
	else echo "Tesseract's Thai model is missing for reading scanned pages: run  $(OCR_HINT)"; fi

# The round-trip matrix's slice in `make test` draws reports in Debian's Thai fonts and prints
# some with WeasyPrint (Pango): installed here when missing and we are root (as CI is);
# otherwise the one command to run is printed.
FONTS_PACKAGES := fonts-thai-tlwg fonts-tlwg-laksaman fonts-noto-core fonts-dejavu-core \
	poppler-utils qpdf libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
FONTS_INSTALL := apt-get update -q && apt-get install -y -q $(FONTS_PACKAGES)
FONTS_HINT := sudo apt-get install -y $(FONTS_PACKAGES)
fonts:
	@if [ -f /usr/share/fonts/truetype/tlwg/Garuda.ttf ] \
		&& [ -f /usr/share/fonts/truetype/tlwg/Laksaman.ttf ] \
		&& [ -f /usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf ] \
		&& ldconfig -p | grep -q libpangoft2 \
		&& command -v pdftoppm >/dev/null && command -v qpdf >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then $(FONTS_INSTALL); \
	else echo "Thai fonts are missing for the round-trip matrix: run  $(FONTS_HINT)"; fi

# Tests print some matrix cases with LibreOffice (its exports leave glyphs without text, wrap
# the reporter's line): installed here when missing and we are root (as CI is); otherwise the
# one command to run is printed.
LIBREOFFICE_INSTALL := apt-get update -q && apt-get install -y -q libreoffice-writer-nogui
LIBREOFFICE_HINT := sudo apt-get install -y libreoffice-writer-nogui
libreoffice:
	@if command -v soffice >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then $(LIBREOFFICE_INSTALL); \
	else echo "LibreOffice is missing for the matrix's LibreOffice cases: run  $(LIBREOFFICE_HINT)"; fi

test: $(STAMP) browser ocr fonts libreoffice
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The pure core only (parsers, checks, samples): no database server, no Prefect; under a minute.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not postgres and not prefect and not slow"

# Damaged PDFs (hand-built, then mutated samples with fixed seeds), each parsed by `raingan
# parse`: a table of how each kind ended, the worst time and peak memory (`make test` runs 40).
HOSTILE_COUNT ?= 200
hostile: $(STAMP)
	$(BIN)/python -m tests.hostile.run --count $(HOSTILE_COUNT)

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuilds every sample PDF with fixed seeds (needs root for apt: Chromium and Thai fonts).
samples: $(STAMP)
	apt-get update -q && apt-get install -y -q chromium fonts-thai-tlwg fonts-tlwg-laksaman \
		fonts-noto-core fonts-dejavu-core fonts-liberation poppler-utils qpdf \
		libreoffice-writer-nogui
	$(BIN)/python -m pip install -q -e '.[samples]'
	$(BIN)/python -m sample_reports.generator

# The round-trip matrix: N reports drawn at random (producer, font, marks, layout, text-layer
# defect, scan), parsed and scored against the generator's truth; one table per factor. The
# worst cases' files are kept in matrix-worst/ (make test runs a fixed slice of 60). N as for
# bench-backfill, 1000 unless given.
MATRIX_SEED ?= 1
matrix: $(STAMP) fonts browser ocr libreoffice
	$(BIN)/python -m pip install -q -e '.[samples]'
	$(BIN)/python -m sample_reports.generator.matrix --n $(N) \
		--seed $(MATRIX_SEED) --jobs $$(nproc) --worst matrix-worst --quiet

bench: $(STAMP)
	$(BIN)/python benchmarks/parse_speed.py
	$(BIN)/python benchmarks/load_speed.py

# Scanned samples read from their images: seconds per report and per page read so, and how
# many of their figures, statuses and findings come out as the scans print them.
bench-ocr: $(STAMP) ocr
	$(BIN)/python benchmarks/ocr_speed.py
	$(BIN)/python benchmarks/ocr_accuracy.py

# The backfill on Dask beside the same work run sequentially (N bulk reports, cached).
N ?= 1000
bench-backfill: $(STAMP)
	$(BIN)/python benchmarks/backfill_speed.py --n $(N)
