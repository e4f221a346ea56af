# Article Annotator. A fresh machine needs only two commands:
#   make serve   install what is missing, then serve the app at http://127.0.0.1:8080
#   make test    install what is missing, then run every test
SHELL := /bin/bash
# The project's wasm-opt (node_modules, binaryen 132) before any other on the machine.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

BROWSER_TEST_ENV := CHROMEDRIVER=/usr/bin/chromedriver \
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver.json \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: serve team test build lint test-native test-browser test-e2e bench bench-smoke setup setup-test

serve: setup
	trunk serve --release

# The team server (docs/team-server.md): builds the app, then serves it and the API against
# the PostgreSQL database in DATABASE_URL (migrations applied at start).
team: build
	cargo run --release -p annotator-server -- serve --dist dist

test: setup-test lint test-native test-browser test-e2e bench-smoke
	@echo "All checks passed: lint, native, browser (wasm-bindgen-test) and end-to-end (Playwright)."

build: setup
	trunk build --release

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --exclude annotator-server --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test --workspace
	python3 tests/python/check_export.py tests/fixtures/native-v1.json 5
	python3 tests/python/check_export.py docs/example-export.json 3
	python3 tests/python/check_spacy.py tests/fixtures/formats/hard-text.spacy.jsonl
	python3 tests/python/check_csv.py tests/fixtures/formats/hard-text.csv tests/fixtures/formats/hard-text.txt

test-browser:
	$(BROWSER_TEST_ENV) cargo test --target wasm32-unknown-unknown --test browser_selection

# The team server's browser tests (tests/e2e/team-server.spec.ts) run its debug build.
test-e2e: build
	cargo build -p annotator-server
	npx playwright test --config tests/e2e/playwright.config.ts

# The benchmark (docs/benchmarks.md): workloads S, M and L through real input in Chromium;
# prints a table and writes test-results/bench/bench-results.json. BENCH_SIZES=S,M,L and
# BENCH_RUNS=5 choose what runs. bench-smoke (part of `make test`) runs S once.
bench: setup-test build
	npx playwright test --config tests/bench/playwright.config.ts

bench-smoke: build
	BENCH_SIZES=S BENCH_RUNS=1 npx playwright test --config tests/bench/playwright.config.ts

setup:
	bash .ci/setup

setup-test:
	bash .ci/setup --test
