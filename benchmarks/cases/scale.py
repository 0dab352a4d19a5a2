#!/usr/bin/env python3
"""Big files on one machine: scoring 10,000,000 rows and training on up to 1,000,000 rows.

Generates credit-default-shaped CSV files in $WORK_DIR (never committed) by resampling the rows
of $SHARED_DIR/benchmarks/splits/credit-default-taiwan (train + test) with a fixed seed and
perturbing them (amounts scaled by 0.85-1.15, ages shifted by -2..+2, fresh unique IDs); files
are streamed to disk in chunks, so the generator needs little memory.

1. Trains `traction credit train` on the real train split, then scores the 10M-row file with
   `traction credit score --model M --data big.csv --out out.csv`; the peer is pandas
   `read_csv(chunksize=200_000)` + LightGBM `predict_proba` + `to_csv` (append), chunked so
   that it fits in memory. Reports seconds, rows/s and peak RSS (`/usr/bin/time -v`).
2. Trains `traction credit train` on 250k, 500k and 1M generated rows and prints time, peak RSS
   and RSS per row, to show memory grows in proportion to the data.

Prints Markdown. Environment: TRACTION_BIN, SHARED_DIR, WORK_DIR (see benchmarks/run.py).
Options: --score-rows N (default 10,000,000)  --train-rows 250000,500000,1000000
         --skip-peer  --skip-train  --skip-score  --keep (keep generated files between runs)
"""
import argparse
import os
import re
import subprocess
import sys

import numpy as np

SPLIT = ("benchmarks", "splits", "credit-default-taiwan")
TARGET = "default.payment.next.month"
AMOUNTS = re.compile(r"^(LIMIT_BAL|BILL_AMT\d|PAY_AMT\d)$")
SEED = 20261206
VARIANTS = 8  # perturbed copies of each source row


def source_rows(split):
    header = None
    rows = []
    for name in ("train.csv", "test.csv"):
        with open(os.path.join(split, name)) as f:
            h = f.readline().strip().split(",")
            if header is None:
                header = h
            elif h != header:
                raise RuntimeError(f"{name}: header differs from train.csv")
            for line in f:
                line = line.strip()
                if line:
                    rows.append(line.split(","))
    return header, rows


def variant_pool(header, rows, rng):
    """VARIANTS perturbed copies of every source row, as text without the ID column."""
    if header[0] != "ID":
        raise RuntimeError("expected the ID column first")
    amount_cols = [i for i, h in enumerate(header) if AMOUNTS.match(h)]
    age_col = header.index("AGE")
    base = np.rint(np.array([[float(v) for v in r] for r in rows])).astype(np.int64)  # some cells read "2e+05"
    pool = []
    for v in range(VARIANTS):
        m = base.copy()
        if v > 0:  # variant 0 is the original row
            scale = rng.uniform(0.85, 1.15, size=(len(m), 1))
            m[:, amount_cols] = np.rint(m[:, amount_cols] * scale).astype(np.int64)
            m[:, age_col] = np.clip(m[:, age_col] + rng.integers(-2, 3, size=len(m)), 21, 79)
        pool.extend(",".join(map(str, r[1:])) for r in m.tolist())
    return pool


def generate(path, rows, header, pool, seed):
    """Streams `rows` resampled rows (unique IDs 1..rows) to `path` via a temp file."""
    if os.path.exists(path):
        return
    rng = np.random.default_rng(seed)
    tmp = path + ".tmp"
    chunk = 500_000
    with open(tmp, "w") as f:
        f.write(",".join(header) + "\n")
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            picks = rng.integers(0, len(pool), size=n)
            f.write("\n".join(f"{start + i + 1},{pool[p]}" for i, p in enumerate(picks.tolist())))
            f.write("\n")
    os.replace(tmp, path)


def timed(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS MB)."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed ({r.returncode}): {r.stderr[-2000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    if not rss or not wall:
        raise RuntimeError("could not parse /usr/bin/time -v output")
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, int(rss.group(1)) / 1024


PEER_CHUNKED = r"""
import sys
import pandas as pd, lightgbm as lgb
train, data, out = sys.argv[1:4]
tr = pd.read_csv(train)
y = tr["default.payment.next.month"]
X = tr.drop(columns=["default.payment.next.month", "ID"])
model = lgb.LGBMClassifier(random_state=42, n_jobs=2, verbose=-1).fit(X, y)
with open(out + ".tmp", "w") as f:
    header = True
    for df in pd.read_csv(data, chunksize=200_000):
        p = model.predict_proba(df[X.columns])[:, 1]
        pd.DataFrame({"ID": df["ID"], "probability": p}).to_csv(f, index=False, header=header)
        header = False
import os
os.replace(out + ".tmp", out)
"""

PEER_FIT_ONLY = PEER_CHUNKED.split("with open")[0]


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 24), b""):
            n += block.count(b"\n")
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--score-rows", type=int, default=10_000_000)
    ap.add_argument("--train-rows", default="250000,500000,1000000")
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument("--skip-score", action="store_true")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    traction = os.environ["TRACTION_BIN"]
    split = os.path.join(os.environ.get("SHARED_DIR", ""), *SPLIT)
    print("## Big files on one machine (credit-default schema, generated rows)\n")
    if not os.path.isdir(split):
        print(f"skipped: {split} not found\n")
        return 0
    work = os.environ.get("WORK_DIR", "/tmp/traction-scale-bench")
    os.makedirs(work, exist_ok=True)
    header, rows = source_rows(split)
    pool = variant_pool(header, rows, np.random.default_rng(SEED))
    made = []

    if not args.skip_score:
        model = os.path.join(work, "credit.traction")
        timed([traction, "credit", "train", "--data", os.path.join(split, "train.csv"), "--target", TARGET,
               "--model", model, "--seed", "42"])
        big = os.path.join(work, f"credit-{args.score_rows}.csv")
        generate(big, args.score_rows, header, pool, SEED + 1)
        made.append(big)
        size_mb = os.path.getsize(big) / 1e6
        out = os.path.join(work, "traction-scores.csv")
        t_sec, t_rss = timed([traction, "credit", "score", "--model", model, "--data", big, "--out", out])
        lines = count_lines(out)
        if lines != args.score_rows + 1:
            raise RuntimeError(f"traction wrote {lines} lines for {args.score_rows} rows")
        os.remove(out)
        print(f"### Scoring {args.score_rows:,} rows ({size_mb:,.0f} MB CSV), end to end\n")
        print("| tool | seconds | rows/s | peak RSS MB |")
        print("|---|---|---|---|")
        print(f"| traction credit score (probability, band, decision, points, 3 reasons) | {t_sec:.1f} | "
              f"{args.score_rows / t_sec:,.0f} | {t_rss:.0f} |", flush=True)
        if not args.skip_peer:
            peer_out = os.path.join(work, "lgbm-scores.csv")
            train = os.path.join(split, "train.csv")
            f_sec, f_rss = timed([sys.executable, "-c", PEER_FIT_ONLY, train, big, peer_out])
            p_sec, p_rss = timed([sys.executable, "-c", PEER_CHUNKED, train, big, peer_out])
            os.remove(peer_out)
            p_sec = max(p_sec - f_sec, 1e-9)  # exclude start-up and fitting, measured alone
            print(f"| pandas read_csv(chunksize=200k) + LightGBM predict + to_csv (probability only) | "
                  f"{p_sec:.1f} | {args.score_rows / p_sec:,.0f} | {p_rss:.0f} |")
        print(f"\nPeak memory target: < 300 MB — Traction "
              f"{'meets' if t_rss < 300 else 'MISSES'} it ({t_rss:.0f} MB).\n", flush=True)

    if not args.skip_train:
        sizes = [int(s) for s in args.train_rows.split(",") if s.strip()]
        print("### Training `traction credit train` on generated rows (defaults, --seed 42)\n")
        print("| rows | CSV MB | seconds | rows/s | peak RSS MB | RSS KB per row | ΔRSS/Δrows KB vs previous line |")
        print("|---|---|---|---|---|---|---|")
        # Base: the same command on the 24,000-row real train split (start-up, code, model).
        small = os.path.join(split, "train.csv")
        b_sec, b_rss = timed([traction, "credit", "train", "--data", small, "--target", TARGET,
                              "--model", os.path.join(work, "base.traction"), "--seed", "42"])
        print(f"| 24,000 (real train split) | {os.path.getsize(small) / 1e6:.1f} | {b_sec:.1f} | "
              f"{24000 / b_sec:,.0f} | {b_rss:.0f} | {b_rss * 1024 / 24000:.2f} | – |", flush=True)
        per_row = []
        prev_n, prev_rss = 24000, b_rss
        for n in sizes:
            path = os.path.join(work, f"credit-train-{n}.csv")
            generate(path, n, header, pool, SEED + 2 + n)
            made.append(path)
            sec, rss = timed([traction, "credit", "train", "--data", path, "--target", TARGET,
                              "--model", os.path.join(work, f"credit-{n}.traction"), "--seed", "42"])
            extra = (rss - prev_rss) * 1024 / (n - prev_n)
            per_row.append(extra)
            prev_n, prev_rss = n, rss
            print(f"| {n:,} | {os.path.getsize(path) / 1e6:.0f} | {sec:.1f} | {n / sec:,.0f} | {rss:.0f} | "
                  f"{rss * 1024 / n:.2f} | {extra:.2f} |", flush=True)
        if len(per_row) > 1:
            spread = max(per_row) / min(per_row) if min(per_row) > 0 else float("inf")
            print(f"\nMarginal memory per added row: {min(per_row):.2f}–{max(per_row):.2f} KB "
                  f"(max/min {spread:.2f}; memory grows in proportion to the rows if this is close to 1).")
    if not args.keep:
        for p in made:
            os.remove(p)
    print("\nTimings on a shared 2-core VM; peak RSS from `/usr/bin/time -v` (maximum resident set size).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
