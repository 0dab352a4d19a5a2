#!/usr/bin/env bash
# Spark integration test (`make test-spark`): scores a partitioned CSV on PySpark in local mode
# with 2 workers (local[2]) through `traction credit score --data - --out -` (RDD.pipe, model
# shipped with SparkContext.addFile) and asserts that the result equals single-process
# `traction credit score` line for line (same ids, probabilities, bands, decisions, points,
# reasons). Needs Java (scripts/ensure-deps.sh java) and PySpark (scripts/spark-venv.sh, a
# ~300 MB download once). Uses the release build .build/release/traction.
# Usage: scripts/test-spark.sh [WORK_DIR]   (default .build/spark/test)
# Benchmark: SPARK_BENCH_ROWS=1000000 scripts/test-spark.sh prints rows/s for local[1] and local[2].
set -euo pipefail
cd "$(dirname "$0")/.."

work="${1:-.build/spark/test}"
traction="$PWD/.build/release/traction"
[ -x "$traction" ] || { echo "test-spark: build first: swift build -c release --product traction" >&2; exit 1; }
python="$(scripts/spark-venv.sh)"
rm -rf "$work"
mkdir -p "$work/parts"

fail() { echo "test-spark: FAIL: $*" >&2; exit 1; }

# Model on the bundled credit demo data (string ids, categorical and numeric columns).
data=datasets/credit/loan_applications.csv
"$traction" credit train --data "$data" --target defaulted --model "$work/credit.traction" --seed 7 \
  >/dev/null 2>"$work/train.log" || { cat "$work/train.log" >&2; fail "training failed"; }

# Partitioned input: 5 part files; each starts with the header, as Spark's CSV writer writes them.
"$python" - "$data" "$work/parts" 5 <<'PY'
import sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, encoding="utf-8") as f:
    header, *rows = f.read().splitlines()
size = -(-len(rows) // n)
for i in range(n):
    with open(f"{out}/part-{i:05d}.csv", "w", encoding="utf-8") as f:
        f.write("\n".join([header] + rows[i * size:(i + 1) * size]) + "\n")
PY

"$traction" credit score --model "$work/credit.traction" --data "$data" --out "$work/single.csv"
"$python" scripts/spark/score.py --master 'local[2]' --traction "$traction" --preset credit \
  --model "$work/credit.traction" --data "$work/parts" --out "$work/spark.csv" --min-partitions 6 \
  2>"$work/spark.log" | tee "$work/spark.json" || { tail -n 30 "$work/spark.log" >&2; fail "spark job failed"; }

"$python" - "$work/single.csv" "$work/spark.csv" "$work/spark.json" <<'PY'
import json, sys
single = open(sys.argv[1], encoding="utf-8").read().splitlines()
spark = open(sys.argv[2], encoding="utf-8").read().splitlines()
info = json.load(open(sys.argv[3]))
assert len(single) == 2501, f"single-process output has {len(single)} lines, expected 2501"
assert info["partitions"] >= 5, f"expected at least 5 partitions, got {info['partitions']}"
assert len(spark) == len(single), f"spark wrote {len(spark)} lines, single process {len(single)}"
for i, (a, b) in enumerate(zip(single, spark), start=1):
    assert a == b, f"line {i} differs:\n  single: {a}\n  spark:  {b}"
print(f"test-spark: ok — {len(single) - 1} rows in {info['partitions']} partitions equal "
      "single-process scoring line for line")
PY

if [ -n "${SPARK_BENCH_ROWS:-}" ]; then
  # Rows/s for 1 and 2 workers on SPARK_BENCH_ROWS credit-default rows (../shared splits), 8 parts.
  split=../shared/benchmarks/splits/credit-default-taiwan
  [ -d "$split" ] || fail "$split not found (needed for SPARK_BENCH_ROWS)"
  "$traction" credit train --data "$split/train.csv" --target default.payment.next.month \
    --model "$work/big.traction" --seed 42 >/dev/null 2>&1
  mkdir -p "$work/big"
  "$python" - "$split/test.csv" "$work/big" 8 "$SPARK_BENCH_ROWS" <<'PY'
import sys
src, out, parts, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
header, *lines = open(src).read().splitlines()
per = -(-rows // parts)
written = 0
for p in range(parts):
    n = min(per, rows - written)
    with open(f"{out}/part-{p:05d}.csv", "w") as f:
        f.write(header + "\n")
        f.write("\n".join(lines[(written + i) % len(lines)] for i in range(n)) + "\n")
    written += n
PY
  for master in 'local[1]' 'local[2]'; do
    printf '%s: ' "$master"
    "$python" scripts/spark/score.py --master "$master" --traction "$traction" \
      --model "$work/big.traction" --data "$work/big" --out "$work/big-scores.csv" 2>>"$work/spark.log"
  done
  rm -rf "$work/big" "$work/big-scores.csv"
fi
