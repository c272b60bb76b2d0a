# Sourceline: every command installs what it needs first, so a fresh Debian machine with
# rustup, cargo, Node and npm needs nothing else.  `make serve` and `make test` are the two
# commands of the README; the rest are their parts.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3; exit }' Cargo.lock)
# What a reader waits for before any interaction (tests/size.mjs): HTML, CSS, JS, wasm, icon.
FIRST_LOAD_BUDGET_KB := 190
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

.PHONY: help tools tools-rust tools-node tools-browser serve dist size size-check test \
	test-native test-browser lint audit bench bench-tagger bench-sources fuzz clean

help:
	@echo "make serve         build and serve the app on localhost (installs what is missing)"
	@echo "make test          run every test: native, host rendering, size, real browser"
	@echo "make dist          build the release static site into dist/"
	@echo "                   (DATA=timeline.json, or ARTICLE=article.txt DATE=YYYY-MM-DD: with that timeline)"
	@echo "make size          the first load and the tagger's worker, gzipped, file by file"
	@echo "make lint          rustfmt, clippy, and the never-render-HTML check"
	@echo "make audit         axe-core in every view and Lighthouse scores (a report)"
	@echo "make bench         seed and synthetic timelines vs TimelineJS3 and vis-timeline, and a"
	@echo "                   5,000-row TimelineJS sheet imported (a report)"
	@echo "make bench-tagger  tagging throughput on the TimeML corpus (a report, not a test)"
	@echo "make bench-sources 20 sources of 2,000 words merged, the 21st added (a report)"
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

# `make dist DATA=timeline.json` (a dataset with its text inline, as "Export JSON" writes it),
# or `make dist ARTICLE=article.txt DATE=YYYY-MM-DD` (tagged at build time, relative dates
# counting from DATE): the site with that timeline in place of the sample. The build's hook
# (src/bin/prerender.rs) reads them from the environment, the paths made absolute; without
# them, the sample. Checked before the build, so that a bad file fails at once.
PUBLISH := SOURCELINE_DATA='$(if $(DATA),$(abspath $(DATA)))' \
	SOURCELINE_ARTICLE='$(if $(ARTICLE),$(abspath $(ARTICLE)))' SOURCELINE_DATE='$(DATE)'

serve: tools
	@echo "Serving Sourceline at http://127.0.0.1:8080/"
	$(PUBLISH) trunk serve --offline

# Trunk builds the app and the tagging worker, and its post_build hook writes the default
# timeline into index.html (src/bin/prerender.rs); then the JS glue is minified and the
# Content-Security-Policy, with the hash of every inline script, is written: a <meta> in
# index.html, the same page as embed.html (the embed view, which any site may frame) and a
# _headers file for the host.
dist: tools
	$(if $(DATA)$(ARTICLE)$(DATE),$(PUBLISH) cargo run --quiet --bin prerender -- --check)
	$(PUBLISH) trunk build --release --offline
	node tests/minify.mjs dist
	node tests/csp.mjs dist

size: dist tools-browser
	@node tests/size.mjs dist

size-check: dist tools-browser
	@node tests/size.mjs dist --budget-kb $(FIRST_LOAD_BUDGET_KB)

# --- tests -------------------------------------------------------------------------------

test: lint test-native size-check test-browser

test-native:
	cargo test --all-targets

test-browser: dist tools-browser
	node --test --test-concurrency=1 tests/browser/

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	@# Text is never rendered as HTML, and nothing is evaluated: not in the Rust code (web-sys
	@# names), not in the page's own JS (DOM names), any case.
	@if grep -rniE 'inner_?html|outer_?html|insert_?adjacent_?html|from_html_unchecked|document\.write|\bwrite(ln)?_[0-9]+\(|create_contextual_fragment|parse_from_string|DOMParser|srcdoc|\beval\(|new Function\(|set_attribute\("on' \
		--include='*.rs' --include='*.js' --include='*.html' src assets index.html; then echo "forbidden API in src/, assets/ or index.html"; exit 1; fi

# A report, not a test: axe-core's WCAG 2.2 A/AA violations per view, theme and screen size, and
# Lighthouse's four scores with its desktop and mobile presets (AUDIT_RUNS=n runs each, median).
audit: dist tools-browser
	node tests/audit.mjs dist

bench: dist tools-browser
	BENCH_RUNS=3 node tests/bench/timeline.mjs
	BENCH_RUNS=3 node tests/bench/import.mjs

bench-tagger: dist tools-browser
	node tests/bench/tagger.mjs ../shared/timeml/TBAQ-cleaned

bench-sources: dist tools-browser
	node tests/bench/sources.mjs ../shared/timeml/TBAQ-cleaned

# --- fuzzing ------------------------------------------------------------------------------

FUZZ_SECONDS ?= 60
export FUZZ_SECONDS

fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
	tests/fuzz/run.sh

clean:
	rm -rf dist target node_modules/.installed
