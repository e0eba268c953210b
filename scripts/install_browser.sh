#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/browser/): Debian's chromium, driven by
# Playwright for Python (its own driver, no browser download: executable /usr/bin/chromium).
# Idempotent; needs root (or sudo) for apt-get. Skipped quietly where apt-get is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
PLAYWRIGHT_VERSION=1.65.2
if [ ! -x /usr/bin/chromium ]; then
  if ! command -v apt-get >/dev/null; then
    echo "install_browser: no apt-get here; install Chromium at /usr/bin/chromium yourself" >&2
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi
if [ -x .venv/bin/python ]; then
  .venv/bin/python -m pip install --quiet "playwright==${PLAYWRIGHT_VERSION}"
fi
/usr/bin/chromium --version
