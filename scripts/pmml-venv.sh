#!/usr/bin/env bash
# Creates (once) a Python venv with pypmml, the independent PMML scoring engine used by the
# PMML parity tests, and prints the path of its python. pypmml runs on Java: install a runtime
# with `scripts/ensure-deps.sh java` (Debian default-jre-headless).
# Usage: scripts/pmml-venv.sh [VENV_DIR]   (default .build/pmml/venv)
# Exit status: 0 ok, 3 when PyPI cannot be reached, 4 when Java is missing.
set -euo pipefail

venv="${1:-.build/pmml/venv}"
if ! command -v java >/dev/null 2>&1; then
  echo "pmml-venv: no Java runtime on PATH; run scripts/ensure-deps.sh java" >&2
  exit 4
fi
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import pypmml" >/dev/null 2>&1; then
  echo "$venv/bin/python"
  exit 0
fi
python="${PYTHON:-python3}"
mkdir -p "$(dirname "$venv")"
if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
  echo "pmml-venv: python3 -m venv failed; install python3-venv" >&2
  exit 3
fi
if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check "pypmml==1.5.8" \
  >"$venv/pip.log" 2>&1; then
  echo "pmml-venv: could not install pypmml from PyPI (offline?):" >&2
  tail -n 3 "$venv/pip.log" >&2
  rm -rf "$venv"
  exit 3
fi
echo "$venv/bin/python"
