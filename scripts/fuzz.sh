#!/usr/bin/env bash
# Fuzzes the extractor with libFuzzer for a given time: scripts/fuzz.sh [SECONDS] (default 600).
# Crashes are written to .fuzz/crashes/; copy each into Tests/ArticleExtractionTests/FuzzCrashes/
# (HostileInputTests checks every file there) before fixing it. The corpus starts from the test
# fixtures and those earlier finds.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
mkdir -p .fuzz/corpus .fuzz/crashes
cp Tests/Fixtures/sample-post/*.html Tests/ArticleExtractionTests/FuzzCrashes/* .fuzz/corpus/ \
  2>/dev/null || true
(cd Fuzz && swift build -c release --scratch-path ../.build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >/dev/null)
exec .build-fuzz/release/ExtractionFuzzer .fuzz/corpus \
  -max_total_time="$seconds" -max_len=1000000 -rss_limit_mb=2048 -timeout=10 \
  -artifact_prefix=.fuzz/crashes/ -print_final_stats=1
