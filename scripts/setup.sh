#!/usr/bin/env bash
# Set up everything the project needs on a fresh Debian machine: the system
# libraries WeasyPrint and Qt load, then a virtual environment with pinned packages.
set -euo pipefail
venv="${1:-.venv}"
cd "$(dirname "$0")/.."

# System libraries: Pango for WeasyPrint (HarfBuzz subsetting keeps PDFs small),
# the X/GL/xkb libraries Qt's platform plugins load, and Xvfb for a virtual screen.
# The tests read PDFs back with poppler (pdftotext) and list fonts with fontconfig's fc-list.
need=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils fontconfig libgl1 libegl1
      libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libfontconfig1 libcups2
      libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
      libxcb-shape0 libxcb-xkb1 xvfb xauth)
missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python 3.12 or newer: PySide6 6.12 on Python 3.11 drops a reference to None on every void Qt
# call (CPython aborts after a few thousand); from 3.12 None is immortal and the defect is harmless.
is_new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }
find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3 \
      "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && is_new_enough "$candidate" \
      && { command -v "$candidate"; return 0; }
  done
  return 1
}
if [ -x "$venv/bin/python" ] && ! is_new_enough "$venv/bin/python"; then
  echo "recreating $venv: it was made with $("$venv/bin/python" -V 2>&1), and 3.12 or newer is needed"
  rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
  python=$(find_python) || {
    echo "Python 3.12 or newer is needed and none was found (install python3.12, or set PYTHON=/path/to/python3.12)." >&2
    exit 2
  }
  echo "making $venv with $("$python" -V 2>&1) ($python)"
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -r requirements-dev.txt
