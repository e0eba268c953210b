#!/usr/bin/env bash
# The test command of the README (and of CI): sets up .venv on first use, then runs the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/juesuan ] || ./scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
