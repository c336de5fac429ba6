#!/usr/bin/env bash
# `make audit-screenshot`: builds a demo store by real snapshots over HTTP from the loopback
# fixture server (Tests/Fixtures/audit-site and sample-post), in four rounds of checks: posts
# are edited (a number change with a correction note, a stealth edit of a quotation and a
# link, a typo fix, a new title, the Blogger post's rewording), one is deleted (404), one
# redirects to the home page and one changes its canonical URL. Then it writes the audit as
# HTML and renders it to a PNG with Debian's `chromium` (installed with apt-get when missing
# and run as root).
#
#     scripts/audit-demo.sh [OUT_DIR]      # default .build/audit-screenshot
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/serve.sh

out="${1:-.build/audit-screenshot}"
build_tools
redline="$bin/redline"
fixtures=Tests/Fixtures/audit-site

work="$(mktemp -d)"
trap 'stop_server; rm -rf "$work"' EXIT
site="$work/site"
mkdir -p "$site/2016/07"
cp "$fixtures/index.html" "$site/index.html"
start_server "$site" "$bin"
port="${SERVER_URL##*:}"
store="$work/store"
blogger="http://libyaanalysis.blogspot.com/2016/07/general-khalifa-haftar-visits-both.html"
urls=(
  "$blogger"
  http://blog.example/2016/07/ceasefire.html
  http://blog.example/2016/07/statement.html
  http://blog.example/2016/07/oil-ports.html
)

round() {
  # A round where a post fails (404) exits 3; the others are still checked.
  "$redline" snapshot --store "$store" \
    --connect-to "libyaanalysis.blogspot.com:80:127.0.0.1:$port" \
    --connect-to "blog.example:80:127.0.0.1:$port" "${urls[@]}" || [ $? -eq 3 ]
}

put() { cp "$1" "$site/2016/07/$2"; }

put Tests/Fixtures/sample-post/v1.html general-khalifa-haftar-visits-both.html
put "$fixtures/ceasefire-v1.html" ceasefire.html
put "$fixtures/statement-v1.html" statement.html
put "$fixtures/renamed-v1.html" oil-ports.html
round

put Tests/Fixtures/sample-post/v2.html general-khalifa-haftar-visits-both.html
put "$fixtures/ceasefire-v2.html" ceasefire.html
round

put "$fixtures/ceasefire-v3.html" ceasefire.html
put "$fixtures/renamed-v2.html" oil-ports.html
put "$fixtures/statement-v2.html" statement.html
round

put "$fixtures/ceasefire-v4.html" ceasefire.html
rm "$site/2016/07/general-khalifa-haftar-visits-both.html"
printf '/2016/07/statement.html 301 /\n' >"$site/_redirects"
round

mkdir -p "$out"
"$redline" audit --store "$store" --format html >"$out/audit.html"
"$redline" audit --store "$store" >"$out/audit.txt"
"$redline" audit --store "$store" --format markdown >"$out/audit.md"
"$redline" audit --store "$store" --format json >"$out/audit.json"
echo "wrote $out/audit.html"

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1
then
  echo "audit-screenshot: installing chromium" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null ||
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
    true
fi
if command -v chromium >/dev/null 2>&1; then
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$PWD/$out/audit.png" --window-size=1200,2000 \
    "file://$PWD/$out/audit.html" 2>/dev/null
  echo "wrote $out/audit.png"
else
  echo "chromium is not installed (sudo apt-get install chromium): no screenshot" >&2
fi
