#!/usr/bin/env bash
# Installs headless Chromium and its driver (Debian packages chromium, chromium-driver) for the
# browser tests, unless they are already there. Needs root (or sudo) and apt-get.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "需要 Chromium 与 chromedriver：请用系统的包管理器安装 chromium 和 chromium-driver。" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver
