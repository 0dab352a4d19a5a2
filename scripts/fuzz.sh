#!/bin/sh
# Builds the libFuzzer targets in Fuzz/ (swiftc -sanitize=fuzzer,address) and runs each for
# FUZZ_SECONDS seconds on its committed seed corpus. Usage: scripts/fuzz.sh [target...]
# Targets: csv (Tabular CSVReader), tokenizer (TextProcessing), modelarchive (NeuralCore).
# Crashes are written to .build/fuzz/artifacts/<target>/; new corpus entries to .build/fuzz/corpus/.
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH="${FUZZ_SECONDS:-60}"
SWIFTC="${SWIFTC:-swiftc}"
OUT=.build/fuzz
TARGETS="${*:-csv tokenizer modelarchive}"
mkdir -p "$OUT"

sources() {
  case "$1" in
    csv) echo Sources/NeuralCore/Core/SplitMix64.swift; find Sources/Tabular -name '*.swift' ;;
    tokenizer) echo Sources/TextProcessing/TextProcessing.swift; find Sources/TextProcessing/Tokenizer -name '*.swift' ;;
    modelarchive) echo Sources/NeuralCore/Core/NeuralCoreError.swift Sources/NeuralCore/Core/Tensor.swift \
      Sources/NeuralCore/Core/Parameter.swift Sources/NeuralCore/Core/Version.swift; \
      find Sources/NeuralCore/Serialization -name '*.swift' ;;
    *) echo "unknown fuzz target $1" >&2; exit 2 ;;
  esac
}

for t in $TARGETS; do
  src="$OUT/src-$t"
  rm -rf "$src"; mkdir -p "$src" "$OUT/artifacts/$t" "$OUT/corpus/$t"
  # One module per target: the library sources (sibling-module imports removed) plus the entry.
  for f in $(sources "$t"); do
    sed -e '/^import NeuralCore$/d' -e '/^import Kernels$/d' "$f" > "$src/$(echo "$f" | tr / _)"
  done
  cp "Fuzz/$t/main.swift" "$src/FuzzEntry.swift"
  echo "== building fuzz-$t"
  "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g -module-name "Fuzz$t" \
    "$src"/*.swift -o "$OUT/fuzz-$t" > "$OUT/build-$t.log" 2>&1 \
    || { grep -v 'ld.gold: warning' "$OUT/build-$t.log" >&2; exit 1; }
  echo "== running fuzz-$t for ${SECONDS_EACH}s"
  "$OUT/fuzz-$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" "$OUT/corpus/$t" "Fuzz/corpus/$t" \
    2>&1 | tee "$OUT/fuzz-$t.log" | grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)' || true
  if grep -q 'Test unit written\|SUMMARY: ' "$OUT/fuzz-$t.log"; then
    echo "fuzz-$t found a crash; see $OUT/fuzz-$t.log" >&2
    exit 1
  fi
done
