#!/usr/bin/env bash
# The main job of the README: sets up .venv on first use, then builds data packages and the site.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/juesuan ] || ./scripts/setup.sh
exec .venv/bin/juesuan build "$@"
