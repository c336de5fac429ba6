#!/usr/bin/env bash
# Differential fuzz of the input cuts (InputCuts): hostile documents and mutated real pages are
# parsed with and without the cuts, and the trees must be the same.
#   scripts/cuts-fuzz.sh [ROUNDS] [SEED] [PAGES_DIR]
# defaults: 20000 rounds, seed 1, ../shared/corpus (mutated pages: ROUNDS / 10). Deterministic
# for a seed. A difference is reported with the input saved under $TMPDIR (cuts-fuzz-*.html);
# REDLINE_CUTS_CASE=FILE swift test --skip-build --filter CutsDifferentialTests/oneCase checks
# one file (for minimizing it). The suite runs the same tests with 400 and 60 rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-20000}"
seed="${2:-1}"
pages="${3:-$(cd .. && pwd)/shared/corpus}"
swift build --build-tests >/dev/null
REDLINE_CUTS_FUZZ_ROUNDS="$rounds" REDLINE_CUTS_FUZZ_SEED="$seed" \
  swift test --skip-build --filter CutsDifferentialTests/hostileDocuments 2>&1 |
  grep -E 'hostile:|different|passed|failed'
REDLINE_CUTS_FUZZ_ROUNDS="$((rounds / 10))" REDLINE_CUTS_FUZZ_SEED="$seed" \
  REDLINE_CUTS_FUZZ_PAGES="$pages" \
  swift test --skip-build --filter CutsDifferentialTests/mutatedPages 2>&1 |
  grep -E 'mutated:|different|passed|failed'
