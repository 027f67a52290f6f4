# Two commands on a fresh machine with Python 3.11:  make book  |  make test
# Everything runs inside .venv, created on first use from the pinned requirements.txt.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB     := $(BIN)/jupyter-book
BUILD_FLAGS := --builder html -W -n --keep-going
NOTEBOOKS = $(wildcard chapters/*.ipynb) $(wildcard exercises/*.ipynb) $(wildcard exercises/solutions/*.ipynb)
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
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Strict build from an empty _build/html; executed notebooks are cached in .jupyter_cache.
book: venv
	rm -rf _build/html
	$(JB) build $(BUILD_FLAGS) .
	@echo "Open $(CURDIR)/_build/html/index.html  (or: make serve)"

book-student: venv
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

# The browser checks drive Debian's Chromium; as root on Debian/Ubuntu it is installed when missing.
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Chromium (Debian package) for the browser checks"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser checks need Chromium at $(CHROMIUM): install it (Debian/Ubuntu: sudo apt-get install chromium)"; exit 1; fi; }

# ---- make test: every check, each stage timed; stops at the first failing stage ----
test: venv chromium
	@$(BIN)/python tools/stages.py \
	  "unit tests:$(MAKE) --no-print-directory test-unit" \
	  "notebooks (nbval):$(MAKE) --no-print-directory test-notebooks" \
	  "strict build:$(MAKE) --no-print-directory test-build" \
	  "built-site checks:$(MAKE) --no-print-directory test-site" \
	  "student edition:$(MAKE) --no-print-directory test-student"

test-unit:
	$(BIN)/pytest -q -m "not slow" --ignore=tests/site tests

# nbval must leave the notebooks exactly as they were (no stray writes, no re-saved outputs).
test-notebooks:
	@sha256sum $(NOTEBOOKS) > .nbval-before.sha256
	$(NBVAL) $(NOTEBOOKS)
	@sha256sum --quiet -c .nbval-before.sha256 || { echo "nbval changed a notebook"; exit 1; }
	@rm -f .nbval-before.sha256

test-build: book

test-site: chromium
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

lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^followup' > requirements.tmp
	{ sed -n '1,2p' requirements.txt; cat requirements.tmp; echo "-e ."; } > requirements.txt; rm requirements.tmp

clean:
	rm -rf _build _build_student
