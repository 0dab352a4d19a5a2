#!/usr/bin/env bash
# Creates (once) a Python venv with PySpark from PyPI (about 300 MB) for the Spark integration
# test, and prints the path of its python. Spark runs on Java 17+: install a runtime with
# `scripts/ensure-deps.sh java` (Debian default-jre-headless).
# Usage: scripts/spark-venv.sh [VENV_DIR]   (default .build/spark/venv)
# Exit status: 0 ok, 3 when PyPI cannot be reached, 4 when Java is missing.
set -euo pipefail

venv="${1:-.build/spark/venv}"
version="4.3.0"
if ! command -v java >/dev/null 2>&1; then
  echo "spark-venv: no Java runtime on PATH; run scripts/ensure-deps.sh java" >&2
  exit 4
fi
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import pyspark" >/dev/null 2>&1; then
  echo "$venv/bin/python"
  exit 0
fi
python="${PYTHON:-python3}"
mkdir -p "$(dirname "$venv")"
if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
  echo "spark-venv: python3 -m venv failed; install python3-venv" >&2
  exit 3
fi
if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check "pyspark==$version" \
  >"$venv/pip.log" 2>&1; then
  echo "spark-venv: could not install pyspark $version from PyPI (offline?):" >&2
  tail -n 3 "$venv/pip.log" >&2
  rm -rf "$venv"
  exit 3
fi
echo "$venv/bin/python"
