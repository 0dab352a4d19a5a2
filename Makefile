# Traction — the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
BIN_RELEASE := .build/release/traction

.PHONY: all deps build release test demo bench clean

all: build

deps:
	@scripts/ensure-deps.sh build

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product traction

## Unit, gradient, metric, report and end-to-end tests (debug build; numeric targets use -O).
test: deps
	@scripts/ensure-deps.sh test
	@scripts/ensure-deps.sh browser || echo "note: no Chromium; the report render check will be skipped" >&2
	@scripts/ensure-deps.sh java || echo "note: no Java; the PMML parity check will be skipped" >&2
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Build in release mode and run every pipeline on the bundled demo data; writes reports/.
demo: release
	$(BIN_RELEASE) demo --datasets datasets --out reports

## Benchmarks against peer tools (creates benchmarks/.venv from PyPI).
bench: release
	@scripts/ensure-deps.sh bench
	$(SWIFT) build -c release --product traction-bench
	python3 benchmarks/run.py

clean:
	rm -rf .build

## libFuzzer runs of the CSV reader, tokenizer and model-file loader (FUZZ_SECONDS each, default 60).
FUZZ_SECONDS ?= 60
.PHONY: fuzz test-sanitize test-spark
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

## Unit tests under AddressSanitizer, then ThreadSanitizer (separate build folders; slow).
## The end-to-end tests run the sanitized `traction` of the same build (TRACTION_BIN).
## Suppressions (false positives outside Traction's code, each documented) are in
## scripts/sanitizers/. `make test-asan` / `make test-tsan` run one half.
SANITIZER_DIR := $(CURDIR)/scripts/sanitizers
.PHONY: test-asan test-tsan
test-sanitize: test-asan test-tsan

test-asan: deps
	@scripts/ensure-deps.sh test
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build/asan
	TRACTION_BIN=$(CURDIR)/.build/asan/debug/traction \
	LSAN_OPTIONS=suppressions=$(SANITIZER_DIR)/lsan.supp:print_suppressions=0 \
	  $(SWIFT) test --skip-build --sanitize=address --scratch-path .build/asan

test-tsan: deps
	@scripts/ensure-deps.sh test
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build/tsan
	TRACTION_BIN=$(CURDIR)/.build/tsan/debug/traction TRACTION_SANITIZER=thread \
	TSAN_OPTIONS=suppressions=$(SANITIZER_DIR)/tsan.supp \
	  $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build/tsan

## Spark integration test: PySpark local[2] pipes a partitioned CSV through `traction credit score`
## and must equal single-process scoring line for line (downloads PySpark, ~300 MB, once; not in `make test`).
## SPARK_BENCH_ROWS=1000000 also prints rows/s for local[1] and local[2].
test-spark: release
	@scripts/ensure-deps.sh java
	scripts/test-spark.sh
