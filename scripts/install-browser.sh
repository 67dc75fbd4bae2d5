#!/usr/bin/env bash
# Installs headless Chromium and its driver (Debian packages chromium, chromium-driver) for the
# browser tests, and a CJK font (fonts-wqy-microhei) so screenshots and PDF prints show Chinese,
# unless they are already there. Needs root (or sudo) and apt-get.
set -euo pipefail
have_font() { [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || fc-list :lang=zh 2>/dev/null | grep -q .; }
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && have_font; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "需要 Chromium、chromedriver 和中文字体：请用系统的包管理器安装 chromium、chromium-driver 和 fonts-wqy-microhei。" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-wqy-microhei
