#!/usr/bin/env bash
# One command for the demo site: set up .venv from requirements.lock, then build
# and serve the site with live reload. Address: XG_ADDR (default 127.0.0.1:8000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap_venv requirements.lock
cd "$XG_ROOT"
# Material prints an English banner about MkDocs 2.0 above the Chinese problem list;
# where the engine's end of life is handled is in README.md ("引擎的维护期").
export NO_MKDOCS_2_WARNING=1
echo "==> 打开 http://${XG_ADDR:-127.0.0.1:8000}/ 预览网站（Ctrl+C 停止）" >&2
exec python -m mkdocs serve --dev-addr "${XG_ADDR:-127.0.0.1:8000}" "$@"
