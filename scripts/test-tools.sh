#!/usr/bin/env bash
# The Python tools some tests run, in a git-ignored virtualenv (.venv-test) so that a fresh
# machine (CI) gets them from `make test`: aiosmtpd (the SMTP server the mailto: tests send
# to) and feedparser (reads `audit --format atom` as a feed reader does). Installs only what
# is missing; prints nothing when everything is there.
#
#     scripts/test-tools.sh          # called by scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-test
python="$venv/bin/python3"
modules=(aiosmtpd feedparser)

have_all() {
  [ -x "$python" ] || return 1
  "$python" - "${modules[@]}" <<'PY' >/dev/null 2>&1
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
PY
}

have_all && exit 0

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing python3-venv" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq python3-venv >/dev/null ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq python3-venv >/dev/null; }
  else
    echo "setup: Python's venv module is missing; install it with: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi

echo "setup: installing the test tools (${modules[*]}) into $venv" >&2
[ -x "$python" ] || python3 -m venv "$venv"
"$python" -m pip install --quiet --disable-pip-version-check "aiosmtpd>=1.4" "feedparser>=6" >&2
have_all || { echo "setup: the test tools did not install into $venv" >&2; exit 1; }
