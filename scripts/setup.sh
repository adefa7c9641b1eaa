#!/usr/bin/env bash
# Set up everything the project needs on a fresh Debian machine: the system
# libraries WeasyPrint and Qt load, then a virtual environment with pinned packages.
set -euo pipefail
venv="${1:-.venv}"
cd "$(dirname "$0")/.."

# System libraries: Pango for WeasyPrint (HarfBuzz subsetting keeps PDFs small),
# the X/GL/xkb libraries Qt's platform plugins load, and Xvfb for a virtual screen.
need=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libgl1 libegl1
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

python3 -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -r requirements-dev.txt
