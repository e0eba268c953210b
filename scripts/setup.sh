#!/usr/bin/env bash
# One-time set-up on a fresh machine: a virtual environment with juesuan and its test tools.
# Usage: ./scripts/setup.sh            (Python >= 3.11 must be on PATH as python3)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,dask]'
# Headless Chromium for the browser tests (Debian); skipped where apt is unavailable.
if [ -x scripts/install_browser.sh ]; then
  ./scripts/install_browser.sh || echo "note: Chromium not installed; browser tests will be skipped" >&2
fi
echo "set-up done: .venv/bin/juesuan --help"
