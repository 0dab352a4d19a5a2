#!/usr/bin/env bash
# Fetches the PMML 4.4 XML Schema for the PMML export tests (it is never committed).
# The schema ships on PyPI inside the sklearn2pmml wheel, as pmml.xsd in its pmml-model-*.jar.
# Usage: scripts/fetch-pmml-xsd.sh [OUT_DIR]   (default .build/pmml; writes OUT_DIR/pmml.xsd)
# Exit status: 0 on success (or when the file is already there), 3 when PyPI cannot be reached.
set -euo pipefail

out="${1:-.build/pmml}"
target="$out/pmml.xsd"
if [ -s "$target" ]; then exit 0; fi
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python="${PYTHON:-python3}"
if ! "$python" -m pip --version >/dev/null 2>&1; then
  echo "fetch-pmml-xsd: pip is not available for $python; install python3-pip" >&2
  exit 3
fi
if ! "$python" -m pip download "sklearn2pmml==${SKLEARN2PMML_VERSION:-0.133.1}" --no-deps --only-binary=:all: -d "$work" -q \
  >"$work/pip.log" 2>&1; then
  echo "fetch-pmml-xsd: could not download the sklearn2pmml wheel from PyPI (offline?):" >&2
  tail -n 3 "$work/pip.log" >&2
  exit 3
fi

# Unzip with Python so that no `unzip` binary is needed: wheel -> jar -> pmml.xsd.
"$python" - "$work" "$target" <<'PY'
import glob, io, os, sys, zipfile
work, target = sys.argv[1], sys.argv[2]
wheels = glob.glob(os.path.join(work, "sklearn2pmml-*.whl"))
if not wheels:
    sys.exit("fetch-pmml-xsd: no sklearn2pmml wheel downloaded")
wheel = zipfile.ZipFile(wheels[0])
jars = [n for n in wheel.namelist()
        if os.path.basename(n).startswith("pmml-model-") and n.endswith(".jar")
        and "metro" not in n]
if not jars:
    sys.exit("fetch-pmml-xsd: no pmml-model-*.jar inside " + os.path.basename(wheels[0]))
jar = zipfile.ZipFile(io.BytesIO(wheel.read(jars[0])))
names = [n for n in jar.namelist() if os.path.basename(n) == "pmml.xsd"]
if not names:
    sys.exit("fetch-pmml-xsd: no pmml.xsd inside " + jars[0])
data = jar.read(names[0])
if b"http://www.dmg.org/PMML-4_4" not in data[:2000]:
    sys.exit("fetch-pmml-xsd: pmml.xsd is not the PMML 4.4 schema")
tmp = target + ".tmp"
with open(tmp, "wb") as f:
    f.write(data)
os.replace(tmp, target)
print("fetch-pmml-xsd: %s (%d bytes) from %s / %s" % (target, len(data), os.path.basename(wheels[0]), jars[0]))
PY
