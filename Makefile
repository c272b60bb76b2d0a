# Sourceline: every command installs what it needs first, so a fresh Debian machine with
# rustup, cargo, Node and npm needs nothing else.  `make serve` and `make test` are the two
# commands of the README; the rest are their parts.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3; exit }' Cargo.lock)
SIZE_BUDGET_KB := 150
CHROMIUM ?= /usr/bin/chromium
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMIUM
# The shipped wasm names source files in panic messages; these keep this machine's paths (and
# the registry's folder names) out of it.
CARGO_HOME ?= $(HOME)/.cargo
# (When several prefixes match, rustc applies the last, so the most specific come last.)
REMAP := --remap-path-prefix=$(CARGO_HOME)=cargo --remap-path-prefix=$(CURDIR)=sourceline \
	$(foreach d,$(wildcard $(CARGO_HOME)/registry/src/*),--remap-path-prefix=$(d)=crates)
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := $(REMAP)
# `make serve FEATURES=full` serves the full app: the reader's tools and exploring.
FEATURES ?=
TRUNK_FEATURES := $(if $(FEATURES),--features $(FEATURES),)

.PHONY: help tools tools-rust tools-node tools-browser serve dist dist-full size size-check test \
	test-native test-browser lint audit bench bench-tagger fuzz clean

help:
	@echo "make serve         build and serve the app on localhost (installs what is missing);"
	@echo "                   make serve FEATURES=full serves the full app (any article, zoom and pan)"
	@echo "make test          run every test: native, host rendering, size, real browser"
	@echo "make dist          build the release static site into dist/ (the sample timeline)"
	@echo "make dist-full     the full app (any article, zoom and pan), into dist-full/"
	@echo "make size          print the gzip size of every file in dist/ and dist-full/"
	@echo "make lint          rustfmt, clippy, and the never-render-HTML check"
	@echo "make audit         axe-core in every view and Lighthouse scores of both sites (a report)"
	@echo "make bench         timeline draw and frame times vs vis-timeline (a report, not a test)"
	@echo "make bench-tagger  tagging throughput on the TimeML corpus (a report, not a test)"
	@echo "make fuzz          fuzz the tagger, loader, TimeML reader, fragment and input readers"
	@echo "                   (FUZZ_SECONDS=60 per target; a report of executions and crashes)"

# --- tools -------------------------------------------------------------------------------

tools: tools-rust tools-node

tools-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -q " $(TRUNK_VERSION)$$" || cargo install trunk --version $(TRUNK_VERSION) --locked
	@# wasm-bindgen-cli must match Cargo.lock exactly; --locked would pin a dependency the registry no longer has.
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

tools-node: node_modules/.installed

tools-browser: tools-node
	@if ! [ -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver; fi; \
	fi

# --- build and serve ---------------------------------------------------------------------

serve: tools $(if $(FEATURES),assets/full.html,)
	@echo "Serving Sourceline at http://127.0.0.1:8080/"
	trunk serve --offline $(TRUNK_FEATURES) $(if $(FEATURES),assets/full.html,)

# The full build's page: index.html with the full build's own stylesheet and the script that
# starts fetching `?data=` / `?article=` early, made from it so the two never drift apart. It
# sits in assets/ (and is not committed), so its links lose "assets/".
assets/full.html: index.html assets/prefetch.js Makefile
	sed -e 's#href="assets/#href="#g' -e 's#data-bin="sourceline"#href="../Cargo.toml" data-bin="sourceline"#' \
		-e 's#\(<link data-trunk rel="css" href="style.css" />\)#\1<link data-trunk rel="css" href="full.css" />#' \
		-e 's#\(<meta name="color-scheme" content="light dark" />\)#\1<script>PREFETCH</script>#' $< > $@
	@# Inline and before the stylesheets, so that it runs as soon as the parser meets it: a file
	@# of its own would be fetched first, and a script after a stylesheet waits for it.
	node -e 'const fs = require("fs"); const f = process.argv[1]; fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace("PREFETCH", () => fs.readFileSync("assets/prefetch.js", "utf8")))' $@
	@grep -q 'href="full.css"' $@ || { echo "assets/full.html: the stylesheet link was not added"; exit 1; }
	@grep -q 'sourcelinePrefetched' $@ || { echo "assets/full.html: the prefetch script was not added"; exit 1; }

dist: tools
	trunk build --release --offline
	@# The tagging worker belongs to the full build's reader tools; the default build never starts it.
	rm -f dist/worker.js
	node tests/minify.mjs dist
	@# The Content-Security-Policy, with the hash of Trunk's inline start-up script: a <meta>
	@# in index.html and a _headers file for the host.
	node tests/csp.mjs dist

dist-full: tools assets/full.html
	trunk build --release --offline --features full --dist dist-full assets/full.html
	node tests/minify.mjs dist-full
	node tests/csp.mjs dist-full

size: dist dist-full
	@node tests/size.mjs dist
	@echo "The full app (not yet within the budget):"
	@node tests/size.mjs dist-full

size-check: dist
	@node tests/size.mjs dist --budget-kb $(SIZE_BUDGET_KB)

# --- tests -------------------------------------------------------------------------------

test: lint test-native size-check test-browser

test-native:
	cargo test --all-targets
	cargo test --all-targets --features full

test-browser: dist dist-full tools-browser
	SOURCELINE_DIST=dist node --test --test-concurrency=1 tests/browser/app.test.mjs tests/browser/csp.test.mjs \
		tests/browser/hostile.test.mjs tests/browser/a11y.test.mjs
	SOURCELINE_DIST=dist-full node --test --test-concurrency=1 tests/browser/

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --features full -- -D warnings
	@# Text is never rendered as HTML, and nothing is evaluated: not in the Rust code (web-sys
	@# names), not in the page's own JS (DOM names), any case.
	@if grep -rniE 'inner_?html|outer_?html|insert_?adjacent_?html|from_html_unchecked|document\.write|\bwrite(ln)?_[0-9]+\(|create_contextual_fragment|parse_from_string|DOMParser|srcdoc|\beval\(|new Function\(|set_attribute\("on' \
		--include='*.rs' --include='*.js' --include='*.html' src assets index.html; then echo "forbidden API in src/, assets/ or index.html"; exit 1; fi

# A report, not a test: axe-core's WCAG 2.2 A/AA violations per view, theme and screen size, and
# Lighthouse's four scores with its desktop and mobile presets (AUDIT_RUNS=n runs each, median).
audit: dist dist-full tools-browser
	node tests/audit.mjs dist dist-full

bench: dist-full tools-browser
	BENCH_RUNS=3 node tests/bench/timeline.mjs

bench-tagger: dist-full tools-browser
	node tests/bench/tagger.mjs ../shared/timeml/TBAQ-cleaned

# --- fuzzing ------------------------------------------------------------------------------

FUZZ_SECONDS ?= 60
export FUZZ_SECONDS

fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
	tests/fuzz/run.sh

clean:
	rm -rf dist dist-full target node_modules/.installed
