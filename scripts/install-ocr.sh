#!/usr/bin/env bash
# Installs what `jixiao import --ocr` needs to read scanned PDFs: Tesseract with its Simplified Chinese
# data (Debian tesseract-ocr, tesseract-ocr-chi-sim), Ghostscript, and OCRmyPDF (the optional extra
# `jixiao[ocr]`, from PyPI, into the project's .venv). Optional: `make test` does not need it (the OCR
# tests skip, saying why, when tesseract is missing). Needs root (or sudo) and apt-get.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
py="${PYTHON:-$here/.venv/bin/python}"
have_tesseract() { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; }
if ! have_tesseract || ! command -v gs >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "需要 Tesseract（含简体中文 chi_sim）和 Ghostscript：请用系统的包管理器安装 tesseract-ocr、tesseract-ocr-chi-sim 和 ghostscript。" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim ghostscript
fi
"$py" -m pip install -q "ocrmypdf>=16.0"  # the [ocr] extra of pyproject.toml, without reinstalling jixiao
