#!/usr/bin/env bash
# Makes sure the system packages Redline builds against are present:
# libcurl (libcurl4-openssl-dev), libxml2 (libxml2-dev) and pkg-config, and the openssl
# command, which the HTTP/2 test runs as a TLS server; then the Python test tools
# (scripts/test-tools.sh: aiosmtpd and feedparser in the git-ignored .venv-test).
# As root it installs what is missing with apt-get; otherwise it says what to run.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (swift) is not on PATH; install Swift 6.1 or later first" >&2
  exit 1
fi

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libcurl || missing+=(libcurl4-openssl-dev)
  pkg-config --exists libxml-2.0 || missing+=(libxml2-dev)
else
  missing+=(libcurl4-openssl-dev libxml2-dev)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exec scripts/test-tools.sh
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "setup: installed ${missing[*]}" >&2
  exec scripts/test-tools.sh
else
  echo "setup: missing system packages: ${missing[*]}" >&2
  echo "setup: install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
