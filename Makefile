# Everything a newcomer needs: `make run` (the main job on samples/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck pytest bench bench-bulk bench-safety bench-hostile score clean shared

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: set up, then check samples/ and show the confident fixes as a diff
run: $(STAMP)
	$(BIN)/copydesk check samples/ || [ $$? -eq 1 ]
	$(BIN)/copydesk fix --diff samples/ || [ $$? -eq 1 ]

## test: set up, then lint, type-check and run the whole test suite
test: lint typecheck pytest

# ruff, then the layers of the README's architecture (import-linter; contract in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check editor tests bench
	$(BIN)/lint-imports

# mypy reads the package under its installed name: .typecheck/copydesk is a link to editor/.
typecheck: $(STAMP)
	mkdir -p .typecheck && ln -sfn ../editor .typecheck/copydesk
	$(BIN)/mypy

# Two workers (this machine's cores; pytest-xdist): the suite in about two and a half minutes.
pytest: $(STAMP)
	$(BIN)/pytest -q -n 2

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .typecheck build dist

# The measurements read the corpora and the dev set in ../shared, beside this checkout (not in it: their licences
# are their own, see ../shared/corpus/README.md).
shared:
	@test -d ../shared/corpus -a -d ../shared/eval || { echo "make: the benchmarks read the corpora and the dev set in ../shared/corpus and ../shared/eval, beside this checkout; not found under $$(cd .. && pwd)/shared" >&2; exit 2; }

## bench: speed (one article cold, a folder against harper-py alone, the review app's keys, the language
## server's keystrokes), false alarms on clean text, precision and recall on CWEB, and recall on errors
## injected into articles the dev set does not hold (grammar, then the dev set's other kinds: typos, names,
## hyphens, initialisms, quotes, dialect) and on confusables swapped in them (figures, not tests)
bench: shared $(STAMP)
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/engine_speed.py
	$(BIN)/python bench/review_latency.py
	$(BIN)/python bench/lsp_latency.py
	$(BIN)/python bench/false_alarms.py ../shared/corpus/onestopenglish/Int
	$(BIN)/python bench/cweb.py
	$(BIN)/python bench/injected.py
	$(BIN)/python bench/injected.py --kinds surface
	$(BIN)/python bench/confusion_swaps.py

## score: the dev-set score (../shared/eval); then with every article weighed on its own (--no-across)
score: shared $(STAMP)
	$(BIN)/copydesk check --format json --fail-on never ../shared/eval/dev/docs > .score-report.json
	$(BIN)/python ../shared/eval/score.py --set ../shared/eval/dev --report .score-report.json
	$(BIN)/copydesk check --format json --fail-on never --no-across ../shared/eval/dev/docs > .score-report-alone.json
	$(BIN)/python ../shared/eval/score.py --set ../shared/eval/dev --report .score-report-alone.json

## bench-safety: every change `fix` makes to clean copy, each rule's fix precision, clean articles that pass CI
bench-safety: shared $(STAMP)
	$(BIN)/python bench/clean_fixes.py
	$(BIN)/python bench/fix_precision.py
	$(BIN)/python bench/clean_pass.py

## bench-hostile: time and peak memory on pathological articles (data URLs, megabyte tokens, thousands of [sic])
bench-hostile: $(STAMP)
	$(BIN)/python bench/hostile.py

## bench-bulk: bulk throughput on distinct articles at --jobs 1 and 2 against harper-py alone, then
## memory on 20,000 copies (--jobs 2): half an hour
bench-bulk: shared $(STAMP)
	$(BIN)/python bench/bulk_bench.py
	$(BIN)/python bench/bulk_bench.py --copies 20000 --jobs 2 --no-harper
