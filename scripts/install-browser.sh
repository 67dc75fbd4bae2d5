#!/usr/bin/env bash
# Installs headless Chromium and its driver (Debian packages chromium, chromium-driver) for the
# browser tests, a CJK font (fonts-wqy-microhei) so screenshots and PDF prints show Chinese, and
# npm and a Java runtime (Debian) for the tools in tests/browser/npm (axe-core, injected into pages,
# vnu-jar, the Nu HTML Checker, and Lighthouse 12, which needs Node 18.16 or later; all pinned in its
# package-lock.json), unless they are already there.
# Needs root (or sudo) and apt-get.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
have_font() { [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || fc-list :lang=zh 2>/dev/null | grep -q .; }
npm_tools() {
  if [ ! -e "$here/tests/browser/npm/node_modules/axe-core/axe.min.js" ] \
     || [ ! -e "$here/tests/browser/npm/node_modules/vnu-jar/build/dist/vnu.jar" ] \
     || [ ! -e "$here/tests/browser/npm/node_modules/lighthouse/package.json" ]; then
    (cd "$here/tests/browser/npm" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && have_font \
   && command -v npm >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
  npm_tools
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "需要 Chromium、chromedriver、中文字体、npm 和 Java：请用系统的包管理器安装 chromium、chromium-driver、fonts-wqy-microhei、npm 和 default-jre-headless。" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-wqy-microhei npm \
  default-jre-headless
npm_tools
