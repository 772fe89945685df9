# VisitPlanner — make targets
#   make setup     install libglpk-dev and libsqlite3-dev if missing (Debian/Ubuntu; uses sudo when not root)
#   make plan      set up, build, validate the default data and plan the year (the main job)
#   make test      run the whole test suite: swift test, then the browser and load tests
#   make browser-test  the real-browser test (headless Chromium) and the load test against the
#                  debug build (BROWSER_BIN=path to test another binary)
#   make bench     build in release mode and run the benchmark (figures go in README.md)
#   make format    reformat Sources/ and Tests/ with swift-format (.swift-format)
#   make lint      check formatting without changing anything
#   make clean     remove build products

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian's python3, which has python3-selenium (not a virtualenv's or pyenv's).
PYTHON ?= /usr/bin/python3
BROWSER_BIN ?= .build/debug/visitplan

.PHONY: setup browser-setup build plan test browser-test bench format lint clean

setup:
	@if [ ! -f /usr/include/glpk.h ]; then \
	  echo "Installing libglpk-dev (GLPK)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libglpk-dev; \
	fi
	@if [ ! -f /usr/include/sqlite3.h ]; then \
	  echo "Installing libsqlite3-dev (SQLite, for the register)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libsqlite3-dev; \
	fi

build: setup
	$(SWIFT) build -c release --product visitplan

plan: build
	.build/release/visitplan validate
	.build/release/visitplan plan

test: setup
	$(SWIFT) test
	$(MAKE) browser-test

browser-setup:
	@for p in chromium chromium-driver python3-selenium; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing (the browser test)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Screenshots of every page visited go to Reports/browser-artefacts/.
browser-test: setup browser-setup
	@if [ "$(BROWSER_BIN)" = ".build/debug/visitplan" ]; then $(SWIFT) build --product visitplan; fi
	VISITPLAN_BIN="$(abspath $(BROWSER_BIN))" $(PYTHON) -m unittest discover -s Tests/browser -p 'test_*.py'
	VISITPLAN_BIN="$(abspath $(BROWSER_BIN))" $(PYTHON) Tests/browser/load_test.py

bench: setup
	$(SWIFT) build -c release --product visitplan-bench
	.build/release/visitplan-bench --extra 200:25:5:0:8 16:6:3:4 128:10:3:8 256:40

format:
	$(SWIFT) format format --in-place --recursive Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

clean:
	rm -rf .build
