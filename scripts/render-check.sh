#!/usr/bin/env bash
# Renders HTML reports in headless Chromium, saves a screenshot beside each one and fails on a
# console message (script error, blocked network request) or a blank page.
# Usage: scripts/render-check.sh [--width W] [--height H] [REPORT.html ...]
#        (default: every reports/*/report.html; writes REPORT_DIR/screenshot.png)
# Needs Chromium: scripts/ensure-deps.sh browser. Exit status: 0 clean, 1 a check failed,
# 4 no Chromium.
set -euo pipefail

width=1200
height=2000
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --width) width="$2"; shift 2 ;;
    --height) height="$2"; shift 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
if [ ${#files[@]} -eq 0 ]; then
  shopt -s nullglob
  files=(reports/*/report.html)
fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "render-check: no Chromium on PATH; run scripts/ensure-deps.sh browser" >&2
  exit 4
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
render() {  # render HTML PNG -> stderr log in $work/log
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-dev-shm-usage --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
    --screenshot="$2" --window-size="$width,$height" "file://$(realpath "$1")" \
    >/dev/null 2>"$work/log" || true
}
echo '<!DOCTYPE html><html><body></body></html>' >"$work/blank.html"
render "$work/blank.html" "$work/blank.png"
blank=$(stat -c %s "$work/blank.png" 2>/dev/null || echo 0)

status=0
for html in "${files[@]}"; do
  png="$(dirname "$html")/screenshot.png"
  render "$html" "$png"
  size=$(stat -c %s "$png" 2>/dev/null || echo 0)
  console=$(grep ':CONSOLE' "$work/log" || true)
  if [ -n "$console" ]; then
    echo "render-check: FAIL $html: console output:" >&2
    echo "$console" >&2
    status=1
  elif [ "$size" -le $((3 * blank)) ]; then
    echo "render-check: FAIL $html: screenshot looks blank ($size bytes, blank page $blank)" >&2
    status=1
  else
    echo "render-check: ok $html -> $png ($size bytes)"
  fi
done
exit $status
