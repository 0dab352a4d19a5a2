#!/usr/bin/env bash
# Installs the Debian packages a target needs when they are missing.
# Usage: scripts/ensure-deps.sh build|test|bench|browser|java
# As root it runs apt-get; otherwise it names the packages to install and fails.
set -euo pipefail

need=()
has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { for p in "$@"; do has_pkg "$p" || need+=("$p"); done; }

case "${1:-build}" in
  build) want libxml2-dev pkg-config ;;
  test) want libxml2-dev pkg-config ;;
  bench) want libxml2-dev pkg-config python3-venv time ;;  # time: /usr/bin/time -v for peak RSS
  browser) command -v chromium >/dev/null 2>&1 || want chromium; want fonts-noto-cjk ;;
  java) command -v java >/dev/null 2>&1 || want default-jre-headless ;;
  *) echo "ensure-deps: unknown group '$1'" >&2; exit 2 ;;
esac

if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (6.1 or newer) is not on PATH; install it from swift.org first." >&2
  exit 1
fi

# python3-venv is only a Debian package on systems whose python3 lacks venv.
if [[ " ${need[*]:-} " == *" python3-venv "* ]] && python3 -c 'import venv, ensurepip' 2>/dev/null; then
  need=("${need[@]/python3-venv}")
fi
need=(${need[@]:-})

if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "error: missing Debian packages: ${need[*]}" >&2
  echo "       install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
