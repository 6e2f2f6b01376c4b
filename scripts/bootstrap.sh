# Sourced by scripts/site.sh and scripts/test.sh: makes .venv match a lock file.
#   usage: bootstrap_venv requirements.lock|requirements-test.lock
# Needs only python3 (3.11+) and network access to PyPI. uv is pinned and
# installed into .cache/tools when it is not on PATH; nothing is installed
# outside the project folder.
set -euo pipefail

XG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
XG_UV_VERSION="0.13.9"
# Trust the machine's own certificate store (school networks often add a CA).
export UV_SYSTEM_CERTS="${UV_SYSTEM_CERTS:-1}"

find_uv() {
  if command -v uv >/dev/null 2>&1; then
    command -v uv
    return
  fi
  local tools="$XG_ROOT/.cache/tools"
  if [ ! -x "$tools/bin/uv" ]; then
    echo "==> 安装 uv $XG_UV_VERSION（只装在 .cache/tools 里）" >&2
    # --target keeps pip away from the system site-packages (PEP 668 on Debian).
    python3 -m pip install --quiet --disable-pip-version-check \
      --target "$tools" "uv==$XG_UV_VERSION" >&2
  fi
  echo "$tools/bin/uv"
}

bootstrap_venv() {
  local lock="$1"
  local uv
  uv="$(find_uv)"
  cd "$XG_ROOT"
  if [ ! -x .venv/bin/python ]; then
    echo "==> 创建虚拟环境 .venv" >&2
    "$uv" venv --quiet --python python3 .venv
  fi
  echo "==> 按 $lock 同步依赖" >&2
  # sync installs exactly the locked set, checking every hash.
  # Bytecode compiled at install: faster first start, and no compile-time warnings
  # from old packages (jieba) printed into the editor's first build.
  "$uv" pip sync --quiet --compile-bytecode --python .venv/bin/python "$lock"
  # The project itself, editable, built with the locked setuptools only.
  "$uv" pip install --quiet --python .venv/bin/python --no-deps --no-build-isolation -e .
  export PATH="$XG_ROOT/.venv/bin:$PATH"
}
