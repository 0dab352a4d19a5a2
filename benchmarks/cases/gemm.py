#!/usr/bin/env python3
"""GEMM case: Traction's sgemm vs numpy float32 matmul, same shapes, same transposes.

Run by benchmarks/run.py (needs TRACTION_BENCH_BIN, a release build of traction-bench).
For every shape and thread count it runs `traction-bench gemm` and then numpy on the same
shape (op(A) and op(B) as `.T` views of stored matrices, exactly as the backward pass stores
them), alternating so both see the same machine load. numpy's BLAS threads are limited
with threadpoolctl (and OPENBLAS_NUM_THREADS for the first import).

Prints a Markdown table: shape, Traction and numpy GFLOP/s (median of samples, best in
brackets), ratio of medians, fraction of peak and whether the target is met. When the load
average exceeds the core count (a shared machine), a second table times both in process CPU
time, which leaves out the time other processes held the cores.

Peak: 265 GFLOP/s per core with AVX-512 (PERFORMANCE-NOTES, Zen 5), 530 for 2 cores. On a
CPU without AVX-512 the peak printed by `traction-bench gemm --peak-only` (an FMA loop timed
in CPU time) is used instead. Target: 180 GFLOP/s single-thread on AVX-512; elsewhere the same
fraction of the measured peak (180/265 = 68 %).

Environment: GEMM_SECONDS (sampling time per measurement, default 1.0).
"""
import json
import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

AVX512_PEAK_PER_CORE = 265.0
AVX512_TARGET = 180.0

SHAPES = [  # name, m, n, k, transA, transB
    ("1024^3", 1024, 1024, 1024, False, False),
    ("fwd", 512, 256, 64, False, False),
    ("dW", 64, 256, 512, True, False),
    ("dX", 512, 64, 256, False, True),
]


def traction(binary, name, threads, seconds, cpu_time):
    out = subprocess.run(
        [binary, "gemm", "--shapes", name, "--threads", str(threads), "--seconds", str(seconds),
         "--no-peak"] + (["--cpu-time"] if cpu_time else []),
        check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[0])


def numpy_rate(m, n, k, trans_a, trans_b, threads, seconds, cpu_time):
    """Median and best GFLOP/s of np.matmul(op(A), op(B), out=C) over samples >= 20 ms,
    per wall-clock second or per CPU second of this process (all threads)."""
    clock = time.process_time if cpu_time else time.perf_counter
    rng = np.random.default_rng(12345)
    a_stored = rng.random((k, m) if trans_a else (m, k), dtype=np.float32) - 0.5
    b_stored = rng.random((n, k) if trans_b else (k, n), dtype=np.float32) - 0.5
    a = a_stored.T if trans_a else a_stored
    b = b_stored.T if trans_b else b_stored
    c = np.empty((m, n), dtype=np.float32)
    flops = 2.0 * m * n * k
    with threadpool_limits(limits=threads, user_api="blas"):
        np.matmul(a, b, out=c)
        calls = 1
        while True:
            start = clock()
            for _ in range(calls):
                np.matmul(a, b, out=c)
            if clock() - start >= 0.02:
                break
            calls *= 2
        rates = []
        deadline = clock() + seconds
        while clock() < deadline or len(rates) < 3:
            start = clock()
            for _ in range(calls):
                np.matmul(a, b, out=c)
            rates.append(flops * calls / (clock() - start) * 1e-9)
    return statistics.median(rates), max(rates)


def main():
    binary = os.environ.get("TRACTION_BENCH_BIN", "")
    if not os.path.exists(binary):
        print(f"traction-bench not found at '{binary}': run `swift build -c release "
              "--product traction-bench` first", file=sys.stderr)
        return 1
    seconds = float(os.environ.get("GEMM_SECONDS", "1.0"))
    probe = json.loads(subprocess.run([binary, "gemm", "--peak-only"], check=True,
                                      capture_output=True, text=True).stdout.strip())
    isa = probe["isa"]
    if isa == "avx512":
        peak, peak_note = AVX512_PEAK_PER_CORE, "265 GFLOP/s per core (AVX-512, PERFORMANCE-NOTES)"
        target = AVX512_TARGET
    else:
        peak = probe["peak_gflops_per_core"]
        peak_note = f"{peak:.0f} GFLOP/s per core measured here ({isa} FMA loop; no AVX-512)"
        target = AVX512_TARGET / AVX512_PEAK_PER_CORE * peak
    load = os.getloadavg()[0]
    busy = load > (os.cpu_count() or 1)
    print("## GEMM (float32): Traction vs numpy\n")
    print(f"Kernel level: **{isa}**. Peak: {peak_note}; x2 for 2 threads. "
          f"Target (1 thread): >= {target:.0f} GFLOP/s"
          + (" (180 on AVX-512)." if isa == "avx512" else
             " (= 180/265 of this CPU's peak; the 180 GFLOP/s AVX-512 figure needs AVX-512)."))
    print(f"numpy {np.__version__} (its bundled OpenBLAS, default core type). Figures: median "
          "of samples, best in brackets; ratio = Traction median / numpy median.\n")
    table(binary, seconds, peak, target, cpu_time=False, load=load)
    if busy:
        table(binary, seconds, peak, target, cpu_time=True, load=os.getloadavg()[0])
    return 0


def table(binary, seconds, peak, target, cpu_time, load):
    rows = []
    for name, m, n, k, ta, tb in SHAPES:
        for threads in (1, 2):
            t = traction(binary, name, threads, seconds, cpu_time)
            np_median, np_best = numpy_rate(m, n, k, ta, tb, threads, seconds, cpu_time)
            rows.append((name, m, n, k, t["trans"], threads, t["gflops_median"],
                         t["gflops_best"], np_median, np_best))
    cores = os.cpu_count() or 1
    if cpu_time:
        print(f"**Per CPU second** (process CPU time, all threads: time spent preempted by "
              f"other load is excluded; load average {load:.1f} on {cores} cores):\n")
    else:
        print(f"**Per wall-clock second** (1-minute load average {load:.1f} on {cores} cores"
              + ("; above the core count the figures are noisy, see the CPU-time table):\n"
                 if load > cores else "):\n"))
    print("| shape (m,n,k) | op | threads | Traction | numpy | ratio | fraction of peak "
          "| target met |")
    print("|---|---|---|---|---|---|---|---|")
    for name, m, n, k, trans, threads, tm, tb, nm, nb in rows:
        ratio = tm / nm if nm > 0 else float("nan")
        # CPU seconds are summed over threads, so a per-CPU-second rate compares with one core.
        fraction = tm / (peak if cpu_time else peak * threads)
        met = ("yes" if tm >= target else "no") if threads == 1 else "n/a"
        print(f"| {name} ({m},{n},{k}) | {trans} | {threads} | {tm:.1f} ({tb:.1f}) | "
              f"{nm:.1f} ({nb:.1f}) | {ratio:.2f} | {fraction:.0%} | {met} |")
    print()


if __name__ == "__main__":
    sys.exit(main())
