# Two commands for a fresh machine (see README.md):
#   make demo   installs everything, starts the workbench (LMS) and JupyterLab with the notebooks
#   make test   installs what the tests need and runs every check and test
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
WORKBENCH_PORT ?= 8000
LAB_PORT ?= 8888
PYTEST_ARGS ?=
# Open edX releases `make test-platforms` installs into (requirements/platforms/<release>.txt)
PLATFORMS ?= ulmo verawood master

.PHONY: demo test install install-test lint typecheck notebooks-clean pytest test-platforms bench translations clean

$(PY):
	"$$(scripts/python312.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) requirements/base.txt setup.cfg pyproject.toml
	$(PY) -m pip install --quiet -r requirements/base.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(PY) -m pip install --quiet -r requirements/test.txt
	touch $@

install: $(VENV)/.installed

# Browser tests drive Debian's chromium; nothing downloads a browser of its own.
/usr/bin/chromium:
	if [ "$$(id -u)" = 0 ]; then APT=; else APT=sudo; fi; \
	$$APT apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$APT apt-get install -y -qq chromium

install-test: $(VENV)/.installed-test /usr/bin/chromium

demo: install
	scripts/demo.sh $(WORKBENCH_PORT) $(LAB_PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	$(BIN)/mypy --strict talent_core talent_lab xblocks

notebooks-clean: install-test
	$(BIN)/nbstripout --verify notebooks/*.ipynb

pytest: install-test
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# One venv per supported Open edX release (its Python and pins, cached in .venv-platforms/):
# a plain `pip install` of the wheel must change none of its packages, then the core and
# block tests run there.
test-platforms: install
	scripts/test_platforms.sh $(PY) $(PLATFORMS)

test: lint typecheck notebooks-clean pytest test-platforms

bench: install-test
	for b in bench/*.py; do echo "== $$b"; $(PY) $$b; done

translations: install-test
	$(PY) -m xblocks.i18n_tools compile
	$(PY) -m talent_core.i18n.tools compile

clean:
	rm -rf $(VENV) .venv-platforms var build *.egg-info
