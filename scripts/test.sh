#!/usr/bin/env bash
# One command for the whole test suite: system packages the browser tests need,
# .venv from requirements-test.lock, then pytest. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
source "$(dirname "${BASH_SOURCE[0]}")/system-packages.sh"
ensure_system_packages
bootstrap_venv requirements-test.lock
cd "$XG_ROOT"
exec python -m pytest "$@"
