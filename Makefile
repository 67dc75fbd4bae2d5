# Two commands set everything up on a new machine:
#   make site   installs jixiao into .venv and builds the example site into site/
#   make test   installs the test tools (and headless Chromium for browser tests) and runs the tests
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: setup site check test lint browser bench bench-shards lighthouse clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

check: setup
	$(VENV)/bin/jixiao check content

site: setup
	$(VENV)/bin/jixiao build --content content --site-dir site

browser:
	bash scripts/install-browser.sh

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

test: setup browser
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest

bench: setup
	PYTHONPATH=src $(PY) -m benchmarks.run --sizes 100,1000
	PYTHONPATH=src $(PY) -m benchmarks.check_cache --reports 10000
	PYTHONPATH=src $(PY) -m benchmarks.build_bench --reports 1000
	PYTHONPATH=src $(PY) -m benchmarks.xlsx_writers --reports 1000 --repeat 3

# the province simulation (issue 18): SHARD_REPORTS reports in SHARD_REGIONS shards, 2 at a time, then assembled
SHARD_REPORTS ?= 2000
SHARD_REGIONS ?= 4
bench-shards: setup browser
	PYTHONPATH=src $(PY) -m benchmarks.shards --reports $(SHARD_REPORTS) --regions $(SHARD_REGIONS) --parallel 2 --single

# Lighthouse 12 scores of every page kind, desktop and mobile (docs/performance.md records them)
lighthouse: setup browser
	PYTHONPATH=src $(PY) -m benchmarks.lighthouse

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
