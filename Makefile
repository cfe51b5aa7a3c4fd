# factcheck developer tasks.  Quick start:  make site   |   make test
#
#   setup         .venv (editable install with every extra) + npm dev packages
#   site          build the site (factcheck build)
#   validate      check the content (factcheck validate)
#   test          setup + browser-deps, lint, then the whole pytest suite
#   lint          ruff (lint and format), mypy and the import contracts (import-linter)
#   wheel         build the sdist and the wheel into dist/ (python -m build)
#   browser-deps  Debian chromium, fonts-dejavu-core, a Java runtime (root, apt)
#   bench         run the benchmarks
#   schema        regenerate the JSON Schemas for editors (factcheck schema)
#   docs          regenerate the field reference in README.md
#   clean         remove build output and caches (distclean: also .venv, node_modules)

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
FACTCHECK := $(VENV)/bin/factcheck
VENV_STAMP := $(VENV)/.factcheck-installed
NPM_STAMP := node_modules/.factcheck-installed
CHROMIUM := /usr/bin/chromium
PYTEST_ARGS ?=

# Every optional-dependency group declared in pyproject.toml ("test" and any
# that get added later), comma-separated for pip.
EXTRAS = $(shell $(PYTHON) -c 'import tomllib; print(",".join(tomllib.load(open("pyproject.toml", "rb")).get("project", {}).get("optional-dependencies", {})))' 2>/dev/null || echo test)

APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=900 -o Dpkg::Use-Pty=0

.PHONY: help setup venv npm site validate test lint wheel browser-deps bench schema docs clean distclean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

setup: venv npm

venv: $(VENV_STAMP)

$(VENV_STAMP): pyproject.toml
	@test -x $(VPY) || { echo "make: creating $(VENV) with $$(command -v $(PYTHON))"; $(PYTHON) -m venv $(VENV); }
	@echo "make: pip install -e '.[$(EXTRAS)]'"
	@$(VPY) -m pip install -q --disable-pip-version-check -e '.[$(EXTRAS)]'
	@touch $@

npm: $(NPM_STAMP)

# --ignore-scripts: vnu-jar's postinstall would try to download a JDK when
# java is missing; the jar itself ships in the package and Java comes from apt.
$(NPM_STAMP): package.json $(wildcard package-lock.json)
	@command -v npm >/dev/null || { echo "make: npm is missing (apt-get install npm)" >&2; exit 1; }
	@if [ -f package-lock.json ]; then \
		echo "make: npm ci"; npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
		echo "make: npm install"; npm install --ignore-scripts --no-audit --no-fund --loglevel=error; \
	fi
	@touch $@

site: venv
	$(FACTCHECK) build
	@echo "make: the site is in site/; to read it, run:  $(VPY) -m http.server -d site 8000 --bind 127.0.0.1  and open http://127.0.0.1:8000/"

validate: venv
	$(FACTCHECK) validate

schema: venv
	$(FACTCHECK) schema

test: setup browser-deps lint
	$(VPY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/ruff format --check generator tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

wheel: venv
	$(VPY) -m build --outdir dist .

bench: venv
	$(VPY) -m benchmarks run

browser-deps:
	@pkgs=""; \
	[ -x $(CHROMIUM) ] || pkgs="$$pkgs chromium"; \
	dpkg-query -W -f='$${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'ok installed' || pkgs="$$pkgs fonts-dejavu-core"; \
	command -v java >/dev/null || pkgs="$$pkgs default-jre-headless"; \
	if [ -n "$$pkgs" ]; then \
		if [ "$$(id -u)" != 0 ]; then echo "make: need root to apt-get install$$pkgs" >&2; exit 1; fi; \
		echo "make: apt-get install$$pkgs"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq $$pkgs >/dev/null; \
	fi

clean:
	rm -rf site .factcheck-cache build dist .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules *.egg-info

# Regenerate the field reference in README.md from the models.
docs: venv
	$(VPY) -m generator.content.reference README.md
