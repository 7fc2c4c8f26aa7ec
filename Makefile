# discogs-etl — `make` alone lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BENCH_RELEASES ?= 100000
BENCH_WAREHOUSE_RELEASES ?= 1000000

.PHONY: help install demo ingest test bench lint clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its test extras

demo: $(STAMP) ## Offline: generate a sample month, parse it, build the warehouse, query it
	$(BIN)/discogs-etl demo

ingest: $(STAMP) ## Download, verify, parse and build the newest complete month (ARGS=...)
	$(BIN)/discogs-etl ingest $(ARGS)

test: $(STAMP) ## Run the test suite
	$(BIN)/pytest -q

bench: $(STAMP) ## Benchmarks: parse vs bare iterparse; views vs hand-written SQL; API rate
	$(BIN)/python bench/bench_parse.py --releases $(BENCH_RELEASES)
	$(BIN)/python bench/bench_warehouse.py --releases $(BENCH_WAREHOUSE_RELEASES)
	$(BIN)/python bench/bench_enrich.py

lint: $(STAMP) ## Check style with ruff
	$(BIN)/ruff check etl tests bench
	$(BIN)/ruff format --check etl tests bench

clean: ## Remove the virtualenv and caches (never data/)
	rm -rf $(VENV) .pytest_cache .ruff_cache bench/out
