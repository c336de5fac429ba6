#!/usr/bin/env bash
# The README's first command: Redline's main job, offline. Serves the sample Blogger post
# from 127.0.0.1, snapshots it before and after an edit into a temporary store, prints the
# unified diff, shows that a comments-and-sidebar change is not an edit, and prints the log
# of the bundled Snapshots/ store.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/serve.sh

build_tools
redline="$bin/redline"

work="$(mktemp -d)"
trap 'stop_server; rm -rf "$work"' EXIT
mkdir -p "$work/site/2016/07"
post="$work/site/2016/07/general-khalifa-haftar-visits-both.html"
cp Tests/Fixtures/sample-post/v1.html "$post"
start_server "$work/site" "$bin"
url="$SERVER_URL/2016/07/general-khalifa-haftar-visits-both.html"
store="$work/store"

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
  say() { printf '\n==> %s\n' "$*"; }
fi

say "The post as first published, served at $url"
"$redline" snapshot --store "$store" "$url"

say "The author rewords a paragraph and adds a sentence; the next check sees it"
cp Tests/Fixtures/sample-post/v2.html "$post"
"$redline" snapshot --store "$store" "$url"

say "redline diff $url"
"$redline" diff --store "$store" "$url" || [ $? -eq 1 ]

say "A reader comments and the sidebar changes: not an edit"
cp Tests/Fixtures/sample-post/v3.html "$post"
"$redline" snapshot --store "$store" "$url"

say "The store holds one folder per page, one capture per version"
(cd "$store" && find . -type f ! -name '.*' | sort)

say "redline log --all of the bundled store (Snapshots/): every check, also the unchanged one"
"$redline" log --all --store Snapshots \
  http://libyaanalysis.blogspot.com/2016/07/general-khalifa-haftar-visits-both.html
