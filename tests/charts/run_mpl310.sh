#!/usr/bin/env bash
# Run the chart tests a second time against matplotlib 3.10, the last release without
# native Arabic shaping: it exercises the reshape + bidi text path (engine/charts/text.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.venv-mpl310
stamp="$venv/.installed"
if [ ! -f "$stamp" ] || [ requirements-dev.txt -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -r requirements-dev.txt
  "$venv/bin/python" -m pip install -q "matplotlib==3.10.*"
  touch "$stamp"
fi
"$venv/bin/python" -c 'import matplotlib; v = matplotlib.__version__; assert v.startswith("3.10."), v'
"$venv/bin/python" -m pytest tests/charts -q -p no:cacheprovider
