# The two commands of the README: `make book` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
LIGHTHOUSE := tools/lighthouse/node_modules/.installed
LITE_WHEELS := $(VENV)/lite-wheels/.installed
CLASSROOM_ENV := $(VENV)/classroom
CLASSROOM := $(CLASSROOM_ENV)/.installed
LEARNERS ?= 30
SHELL := /bin/bash

.PHONY: book serve test test-fast lint test-notebooks bench lighthouse system-deps notebooks classroom clean

## book: build the HTML site (_build/html) and the PDF (_build/latex/book.pdf)
book: system-deps $(INSTALLED) $(NODE_INSTALLED) $(LITE_WHEELS)
	$(BIN)/python tools/build_book.py

## serve: serve the built site on http://127.0.0.1:8000/ (gzip, the cache headers of the
## README's "호스팅"); PORT=8080 for another port
serve: $(INSTALLED)
	$(BIN)/python tools/local_site.py $(or $(PORT),8000)

## test: lint, build the book, then run every test (units, notebooks, build, browser,
## and a class of two learners on a loopback JupyterHub)
test: lint book $(CLASSROOM)
	$(BIN)/python -m pytest

## test-fast: the unit tests only: no browser, no built book, no notebooks, nothing slow
test-fast: $(INSTALLED)
	$(BIN)/python -m pytest -o addopts="" -p no:cacheprovider -q \
		-m "not browser and not build and not notebook and not slow" tests

## lint: ruff's checks and formatting (pinned in requirements.txt)
lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## test-notebooks: only the notebooks under strict nbval, on two workers (quick, after an edit)
test-notebooks: $(INSTALLED)
	$(BIN)/python tools/test_notebooks.py

## bench: measure builds, tests and widgets against their budgets (_build/bench/bench.json)
bench: book $(LIGHTHOUSE)
	$(BIN)/python tools/bench.py

## lighthouse: Lighthouse (mobile and desktop) on the chapters, served with gzip
## (_build/bench/lighthouse.json); fails when a chapter scores under 90 on a phone
lighthouse: book $(LIGHTHOUSE)
	$(BIN)/python tools/lighthouse.py

## classroom: a class of LEARNERS (30) on a real JupyterHub on loopback, following
## chapter 1's link from the built book (_build/classroom/report.json)
classroom: book $(CLASSROOM)
	CLASSROOM_ENV=$(CLASSROOM_ENV) $(BIN)/python tools/classroom.py --learners $(LEARNERS)

## notebooks: re-execute the chapter notebooks in place after editing them
notebooks: $(INSTALLED)
	$(BIN)/python tools/run_notebooks.py

system-deps:
	bash tools/system-deps.sh

$(INSTALLED): requirements.txt binder/requirements.txt binder/overrides.json pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' \
		|| { echo "Set PYTHON to a Python 3.11 interpreter, e.g. make PYTHON=python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@# jsonschema compiles 39 lark grammars on import when rfc3987-syntax is present
	@# (an optional extra pulled in by jupyter-events): 2.7 s on every jupyter-book
	@# run. Nothing here validates IRIs, and jsonschema works without it.
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	@# The course's JupyterLab defaults, as binder/postBuild installs them.
	install -D -m 644 binder/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

# Browser assets from the npm registry, exactly as package-lock.json pins them.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Lighthouse for `make bench` and `make lighthouse` only, from its own lockfile.
$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Pure-Python wheels for the in-browser lab, for Pyodide's platform, as pinned.
$(LITE_WHEELS): lite/requirements.txt $(INSTALLED)
	rm -rf $(VENV)/lite-wheels
	$(BIN)/python -m pip download --quiet --no-deps --only-binary=:all: \
		--platform pyemscripten_2026_0_wasm32 --python-version 3.14 \
		-r lite/requirements.txt -d $(VENV)/lite-wheels
	touch $@

# The learners' environment of the JupyterHub class: exactly binder/ (its pins, then
# what binder/postBuild does), plus the hub's single-user server and nbgitpuller.
$(CLASSROOM): binder/requirements.txt binder/postBuild binder/overrides.json classroom/requirements.txt pyproject.toml $(INSTALLED)
	rm -rf $(CLASSROOM_ENV)
	$(PYTHON) -m venv $(CLASSROOM_ENV)
	$(CLASSROOM_ENV)/bin/python -m pip install --quiet --upgrade pip
	$(CLASSROOM_ENV)/bin/python -m pip install --quiet -r binder/requirements.txt -r classroom/requirements.txt
	$(CLASSROOM_ENV)/bin/python -m pip install --quiet --no-deps .
	install -D -m 644 binder/overrides.json $(CLASSROOM_ENV)/share/jupyter/lab/settings/overrides.json
	touch $@

clean:
	rm -rf _build
