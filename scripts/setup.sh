#!/usr/bin/env bash
# Makes sure the system packages Redline builds against are present:
# libcurl (libcurl4-openssl-dev), libxml2 (libxml2-dev), zlib (zlib1g-dev), libdeflate
# (libdeflate-dev, the WARC writer's compressor) and pkg-config, the openssl
# command, which the HTTP/2 test runs as a TLS server, and the zstd command; then the Python test tools
# (scripts/test-tools.sh: aiosmtpd and feedparser in the git-ignored .venv-test).
# As root it installs what is missing with apt-get; otherwise it says what to run.
# Then it makes .venv-archive/ (git-ignored): the web-archive world's validators (warcio,
# cdxj-indexer, wacz, pywb) that the WARC and WACZ tests run; they never skip them.
set -euo pipefail
cd "$(dirname "$0")/.."

archive_tools() {
  local venv=.venv-archive
  if [ -x "$venv/bin/warcio" ] && [ -x "$venv/bin/cdxj-indexer" ] && [ -x "$venv/bin/wacz" ] \
    && [ -x "$venv/bin/wayback" ]; then
    return 0
  fi
  echo "setup: installing warcio, cdxj-indexer, wacz and pywb into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "warcio==1.8.1" "cdxj-indexer==1.5.0" "wacz==0.6.0" "pywb==2.10.0"
}

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (swift) is not on PATH; install Swift 6.1 or later first" >&2
  exit 1
fi

missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
command -v wget >/dev/null 2>&1 || missing+=(wget)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The zstd program: ContentCodingTests encode payloads with it (import decodes them through
# libzstd, which libcurl already needs; brotli payloads are made by the archive venv's brotlipy).
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libcurl || missing+=(libcurl4-openssl-dev)
  pkg-config --exists libxml-2.0 || missing+=(libxml2-dev)
  pkg-config --exists zlib || missing+=(zlib1g-dev)
  pkg-config --exists libdeflate || missing+=(libdeflate-dev)
else
  missing+=(libcurl4-openssl-dev libxml2-dev zlib1g-dev libdeflate-dev)
fi

if [ ${#missing[@]} -eq 0 ]; then
  archive_tools
  exec scripts/test-tools.sh
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "setup: installed ${missing[*]}" >&2
  archive_tools
  exec scripts/test-tools.sh
else
  echo "setup: missing system packages: ${missing[*]}" >&2
  echo "setup: install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
