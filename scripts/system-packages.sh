# Sourced by scripts/test.sh: Debian packages the tests need.
# chromium: the browser the Playwright tests drive (never `playwright install`).
# fonts-noto-cjk: Chinese glyphs for screenshots and layout checks.
# nginx: tests/test_served_site.py serves the site with deploy/nginx/xingguang.conf
#   on a loopback port of its own. On a desktop Debian, installing the package also starts
#   the system's nginx on port 80 (in containers policy-rc.d stops that):
#   `sudo systemctl disable --now nginx` turns it off.
# default-jre-headless: Java for the Nu HTML checker (vnu-jar from npm, tests/validity/),
#   instead of the Java that vnu-jar's own install script would download.
XG_DEBIAN_PACKAGES=(chromium fonts-noto-cjk nginx default-jre-headless)

ensure_system_packages() {
  local missing=()
  local pkg
  for pkg in "${XG_DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "==> 安装系统软件包：${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "需要 root 或 sudo 才能安装：${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
