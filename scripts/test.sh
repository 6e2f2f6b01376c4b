#!/usr/bin/env bash
# One command for the whole test suite: system packages the browser tests need,
# .venv from requirements-test.lock, then pytest. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
source "$(dirname "${BASH_SOURCE[0]}")/system-packages.sh"
ensure_system_packages
bootstrap_venv requirements-test.lock
cd "$XG_ROOT"
# Material's English MkDocs 2.0 banner; see README.md ("引擎的维护期")
export NO_MKDOCS_2_WARNING=1
exec python -m pytest "$@"
