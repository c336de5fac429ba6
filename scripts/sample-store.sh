#!/usr/bin/env bash
# Rebuilds Snapshots/, the small real store the README's demo reads, from the sample pages in
# Tests/Fixtures/sample-post: the post as published (v1), after an edit (v2), and after a
# comment and a sidebar change only (v3). The URL is the post's real address; --connect-to
# sends the requests to the local fixture server instead.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/serve.sh

build_tools

work="$(mktemp -d)"
trap 'stop_server; rm -rf "$work"' EXIT
mkdir -p "$work/site/2016/07"
post="$work/site/2016/07/general-khalifa-haftar-visits-both.html"
start_server "$work/site" "$bin"
port="${SERVER_URL##*:}"
url="http://libyaanalysis.blogspot.com/2016/07/general-khalifa-haftar-visits-both.html"

for version in v1 v2 v3; do
  cp "Tests/Fixtures/sample-post/$version.html" "$post"
  "$bin/redline" snapshot --store "$work/store" \
    --connect-to "libyaanalysis.blogspot.com:80:127.0.0.1:$port" "$url"
  [ "$version" = v3 ] || sleep 2
done

rm -rf Snapshots
mv "$work/store" Snapshots
rm -f Snapshots/*/*/.lock
echo "rebuilt Snapshots/"
