# Two commands on a fresh machine with Python 3.11:  make book  |  make test
# Everything runs inside .venv, created on first use from the pinned requirements.txt (installed with uv
# when available: on PATH, or fetched from PyPI into .venv; else with pip). requirements.in lists the direct
# dependencies; `make lock` resolves it into requirements.txt and binder/requirements.txt.

PYTHON ?= python3.11
UV     ?= $(shell command -v uv 2>/dev/null)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB     := $(BIN)/jupyter-book
BUILD_FLAGS := --builder html -W -n --keep-going
NOTEBOOKS = $(wildcard chapters/*.ipynb) $(wildcard exercises/*.ipynb) $(wildcard exercises/solutions/*.ipynb) \
            $(wildcard exercises/source/*.ipynb)
NBVAL = $(BIN)/pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-current-env -p no:cacheprovider -q
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: help venv chromium book book-student serve lab execute test test-unit test-notebooks test-build test-site test-student fuzz lock clean grade links student-repo

help:
	@echo "make book          build the HTML site (full edition, solutions collapsed) into _build/html"
	@echo "make book-student  build the edition without solutions into _build_student/_build/html"
	@echo "make serve         serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make lab           JupyterLab on the notebooks"
	@echo "make execute       re-execute every notebook in place (refresh stored outputs)"
	@echo "make test          every check: unit tests, nbval, strict build, built-site checks"
	@echo "make grade SUBMISSIONS=DIR   grade a folder of submitted exercise notebooks (otter-grader) into _build/grades"
	@echo "make links HUB=URL           nbgitpuller links per chapter and exercise set (REPO=, BRANCH= optional)"
	@echo "make student-repo DIR=PATH   write the students' repository (no solutions) into PATH"

venv: $(STAMP)
$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Need $(PYTHON) on PATH (or run: make PYTHON=python3 ...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@uv="$(UV)"; \
	if [ -z "$$uv" ] && $(BIN)/python -m pip install --quiet --disable-pip-version-check "$$(grep -m1 '^uv==' requirements.txt)"; \
	then uv=$(BIN)/uv; fi; \
	if [ -n "$$uv" ]; then echo "installing requirements.txt with $$uv"; \
	  "$$uv" pip install --quiet --python $(BIN)/python -r requirements.txt; \
	else echo "installing requirements.txt with pip (uv unavailable: slower)"; \
	  $(BIN)/python -m pip install --quiet --upgrade pip && $(BIN)/python -m pip install --quiet -r requirements.txt; fi
	touch $(STAMP)

# Strict build from an empty _build/html; executed notebooks are cached in .jupyter_cache. Both that cache
# and Sphinx's doctrees key on the notebooks' code, not on what the code reads: DATA_STAMP clears them (both
# editions) when a file of EXECUTION_INPUTS changed (the data, the library with the calculators' ES modules
# and CSS, the pinned environment), so such an edit re-executes every notebook (tools/data_stamp.py).
EXECUTION_INPUTS = data followup requirements.txt
DATA_STAMP = $(BIN)/python tools/data_stamp.py --cache .jupyter_cache --clear _build/.doctrees --clear _build/jupyter_execute --clear _build_student/_build $(EXECUTION_INPUTS)
book: venv
	$(DATA_STAMP)
	rm -rf _build/html _build/.html-built
	$(JB) build $(BUILD_FLAGS) .
	@touch _build/.html-built
	@echo "Open $(CURDIR)/_build/html/index.html  (or: make serve)"

book-student: venv
	$(DATA_STAMP)
	$(BIN)/python tools/student_edition.py _build_student
	rm -rf _build_student/_build/html
	$(JB) build $(BUILD_FLAGS) --config _build_student/_config.yml --toc _build_student/_toc.yml --path-output _build_student .
	@echo "Open $(CURDIR)/_build_student/_build/html/index.html"

serve:
	@test -f _build/html/index.html || { echo "Build first: make book"; exit 1; }
	@$(BIN)/python -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', $(PORT)))" 2>/dev/null || { \
	  echo "Port $(PORT) on 127.0.0.1 is busy (another server is using it): choose another, e.g. make serve PORT=$$(($(PORT) + 1))"; exit 1; }
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

lab: venv
	$(BIN)/jupyter lab --notebook-dir=.

execute: venv
	for nb in $(NOTEBOOKS); do echo "executing $$nb"; (cd $$(dirname $$nb) && $(CURDIR)/$(BIN)/jupyter execute --inplace $$(basename $$nb)) || exit 1; done

# The browser checks drive Debian's Chromium, and need a CJK font (fonts-noto-cjk) or screenshots and the
# accessibility audit see boxes where the book prints Chinese. As root on Debian/Ubuntu both are installed
# when missing; otherwise a missing Chromium stops here and a missing font is a warning.
chromium:
	@need=""; test -x $(CHROMIUM) || need="chromium"; \
	{ fc-list :lang=zh family 2>/dev/null | grep -q . || dpkg -s fonts-noto-cjk >/dev/null 2>&1; } || need="$$need fonts-noto-cjk"; \
	if [ -n "$$need" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing$$need (Debian packages) for the browser checks"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null || exit 1; \
	elif [ -n "$$need" ]; then \
	  echo "The browser checks need$$need: install (Debian/Ubuntu) sudo apt-get install$$need"; \
	  test -x $(CHROMIUM) || exit 1; fi

# ---- make test: every check, each stage timed; stops at the first failing stage ----
test: venv chromium
	@$(BIN)/python tools/stages.py \
	  "unit tests:$(MAKE) --no-print-directory test-unit" \
	  "notebooks (nbval):$(MAKE) --no-print-directory test-notebooks" \
	  "strict build:$(MAKE) --no-print-directory test-build" \
	  "built-site checks:$(MAKE) --no-print-directory test-site" \
	  "student edition:$(MAKE) --no-print-directory test-student"

test-unit: venv
	$(BIN)/pytest -q -m "not slow" --ignore=tests/site tests

# nbval must leave the notebooks exactly as they were (no stray writes, no re-saved outputs).
test-notebooks: venv
	@sha256sum $(NOTEBOOKS) > .nbval-before.sha256
	$(NBVAL) $(NOTEBOOKS)
	@sha256sum --quiet -c .nbval-before.sha256 || { echo "nbval changed a notebook"; exit 1; }
	@rm -f .nbval-before.sha256

test-build: book

# Checks the site `make book` built, and refuses one older than its sources (run make test-build first).
SITE_SOURCES = _config.yml _toc.yml references.bib intro.md chapters exercises followup data assets
test-site: venv chromium
	@test -f _build/.html-built || { echo "No site built by make book in _build/html: run make book first"; exit 1; }
	@newer=$$(find $(SITE_SOURCES) -type f -newer _build/.html-built -not -path '*/__pycache__/*' \
	  -not -path '*/.ipynb_checkpoints/*' 2>/dev/null | head -3); \
	test -z "$$newer" || { echo "_build/html is older than $$newer ...: rebuild it with make book"; exit 1; }
	$(BIN)/pytest -q tests/site

test-student: book-student
	FOLLOWUP_SITE=_build_student/_build/html $(BIN)/pytest -q tests/site/test_html.py tests/site/test_editions.py

# Property-based fuzzing of the library: >= 10,000 generated calls, counts of undocumented exceptions,
# invariant violations and calls over the time bound (all three must be 0). make test runs a bounded share.
fuzz: venv
	$(BIN)/python tests/fuzz_library.py --examples 260

# ---- instructors: grading, hub links, the students' repository ----
GRADES ?= _build/grades
grade: venv
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=DIR  (one notebook, or folder, per student)"; exit 2; }
	$(BIN)/python tools/grade.py "$(SUBMISSIONS)" --out "$(GRADES)" $(if $(SET),--set $(SET)) $(if $(TIMEOUT),--timeout $(TIMEOUT))

links: venv
	@test -n "$(HUB)" || { echo "usage: make links HUB=https://hub.example.edu [REPO=https://github.com/ORG/REPO] [BRANCH=main]"; exit 2; }
	$(BIN)/python tools/hub_links.py "$(HUB)" $(if $(REPO),--repo $(REPO)) $(if $(BRANCH),--branch $(BRANCH)) --out _build/links.md

student-repo: venv
	@test -n "$(DIR)" || { echo "usage: make student-repo DIR=PATH [REPO=https://github.com/ORG/REPO]"; exit 2; }
	$(BIN)/python tools/student_edition.py --repo "$(DIR)" $(if $(REPO),--repo-url $(REPO))

# Resolve requirements.in on PyPI (not from .venv) with uv, pinned in requirements.txt itself; pins already in
# requirements.txt are kept unless `make lock UPGRADE=--upgrade`. binder/requirements.txt gets the same pins.
# Python 3.11.0 is the floor, so every pin installs on any 3.11.
LOCK = $(BIN)/uv pip compile --quiet --python-version 3.11 --custom-compile-command "make lock  (edit requirements.in, not this file: CONTRIBUTING.md)" $(UPGRADE)
lock: venv
	$(LOCK) requirements.in --output-file requirements.txt
	grep -v '^-e ' requirements.txt > .pins.tmp
	$(LOCK) --no-annotate binder/requirements.in --constraint .pins.tmp --output-file binder/requirements.txt
	rm -f .pins.tmp

clean:
	rm -rf _build _build_student build .jupyter_cache .pytest_cache .hypothesis .nbval-before.sha256
	find . -name __pycache__ -type d -not -path './.venv/*' -prune -exec rm -rf {} +
