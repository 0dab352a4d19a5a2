#!/usr/bin/env python3
"""Benchmark harness for `make bench`.

Creates benchmarks/.venv from PyPI (the peers), then runs each case script
benchmarks/cases/<name>.py with that interpreter. A case prints Markdown (a heading, a table
with Traction and the peers from the same invocation, ratios, notes) on stdout. Each case is
also written to benchmarks/results/<case>.md; a full run (no --only) also writes every case to
benchmarks/results/latest.md.

Environment given to each case:
  TRACTION_BIN        release build of `traction`
  TRACTION_BENCH_BIN  release build of `traction-bench`
  SHARED_DIR          ../shared (benchmark splits), may be missing
  WORK_DIR            benchmarks/.work/<case> scratch folder (git-ignored)

Usage: python3 benchmarks/run.py [--only gemm,mlp,...] [--list]
"""
import argparse
import datetime
import os
import platform
import subprocess
import sys
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")
CASES = os.path.join(HERE, "cases")
REQS = os.path.join(HERE, "requirements")


def cases():
    return sorted(f[:-3] for f in os.listdir(CASES) if f.endswith(".py") and not f.startswith("_"))


def venv_python():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        print(f"creating virtual environment {VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    return py


def install(py, names):
    files = [os.path.join(REQS, f"{n}.txt") for n in names]
    files = [f for f in files if os.path.exists(f)]
    if not files:
        return
    args = [py, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    for f in files:
        args += ["-r", f]
    subprocess.run(args, check=True)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    names = cases()
    if args.list:
        print("\n".join(names))
        return 0
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            print(f"unknown case(s): {', '.join(unknown)}; available: {', '.join(names)}", file=sys.stderr)
            return 2
        names = wanted
    py = venv_python()
    install(py, names)
    env = dict(os.environ)
    env["TRACTION_BIN"] = os.path.join(ROOT, ".build", "release", "traction")
    env["TRACTION_BENCH_BIN"] = os.path.join(ROOT, ".build", "release", "traction-bench")
    env["SHARED_DIR"] = os.path.abspath(os.path.join(ROOT, "..", "shared"))
    header = (f"# Traction benchmarks\n\nRun {datetime.datetime.now():%Y-%m-%d %H:%M}, "
              f"{cpu_name()}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}.\n")
    out = [header]
    print(header, flush=True)
    failed = []
    for n in names:
        work = os.path.join(HERE, ".work", n)
        os.makedirs(work, exist_ok=True)
        env["WORK_DIR"] = work
        r = subprocess.run([py, os.path.join(CASES, f"{n}.py")], env=env, capture_output=True, text=True)
        sys.stderr.write(r.stderr)
        print(r.stdout, flush=True)
        out.append(r.stdout)
        if r.returncode != 0:
            failed.append(n)
    results = os.path.join(HERE, "results")
    os.makedirs(results, exist_ok=True)
    # Every case also goes to results/<case>.md with the run header; latest.md (every case in one
    # file) is rewritten only by a full run, so `--only risk` no longer drops the other cases.
    for n, text in zip(names, out[1:]):
        with open(os.path.join(results, f"{n}.md"), "w") as f:
            f.write(header + "\n" + text)
    if not args.only:
        with open(os.path.join(results, "latest.md"), "w") as f:
            f.write("\n".join(out))
    if failed:
        print(f"failed cases: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
