# VisitPlanner — make targets
#   make setup     install libglpk-dev and libsqlite3-dev if missing (Debian/Ubuntu; uses sudo when not root)
#   make plan      set up, build, validate the default data and plan the year (the main job)
#   make test      run the whole test suite
#   make bench     build in release mode and run the benchmark (figures go in README.md)
#   make format    reformat Sources/ and Tests/ with swift-format (.swift-format)
#   make lint      check formatting without changing anything
#   make clean     remove build products

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup build plan test bench format lint clean

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

bench: setup
	$(SWIFT) build -c release --product visitplan-bench
	.build/release/visitplan-bench --extra 200:25:5 16:6:3:4 256:40

format:
	$(SWIFT) format format --in-place --recursive Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

clean:
	rm -rf .build
