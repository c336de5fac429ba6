#!/usr/bin/env bash
# `make bench`: release builds, timed against the peers a user would otherwise pick, in the
# same run. Speed is measured here and never asserted in unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product redline >/dev/null
swift build -c release --static-swift-stdlib --product store-workload >/dev/null
swift build -c release --static-swift-stdlib --product extract-timing >/dev/null
bin="$(swift build -c release --show-bin-path)"
python3 scripts/bench.py --redline "$bin/redline" --workload "$bin/store-workload" \
  --timing "$bin/extract-timing" "$@"
# WARC export and import against warcio and cdxj-indexer (.venv-archive, made by setup.sh).
python3 scripts/bench-warc.py --redline "$bin/redline" --workload "$bin/store-workload"
