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
# LibreOffice (headless, no GUI) converts old Word / WPS files (.doc, .wps) to DOCX; never fatal.
if ! command -v soffice >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
           libreoffice-writer-nogui libreoffice-calc-nogui; } >/dev/null 2>&1 \
      || echo "note: LibreOffice not installed; .doc/.wps files will not be read (apt-get install libreoffice-writer-nogui)" >&2
  else
    echo "note: LibreOffice not found; to read .doc/.wps files install libreoffice-writer-nogui (or LibreOffice)" >&2
  fi
fi
# Headless Chromium for the browser tests (Debian); skipped where apt is unavailable.
if [ -x scripts/install_browser.sh ]; then
  ./scripts/install_browser.sh || echo "note: Chromium not installed; browser tests will be skipped" >&2
fi
echo "set-up done: .venv/bin/juesuan --help"
