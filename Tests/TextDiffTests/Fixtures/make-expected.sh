#!/usr/bin/env bash
# Regenerates the golden files with GNU diff (checked with diffutils 3.8), never with our own code.
#
# Each case folder holds `old` and `new`. `expected.diff` is `diff -u` (3 lines of context);
# `expected-U0.diff` / `expected-U1.diff` are made with -U0 / -U1 when the folder already has them.
# A folder with a `diff-options` file passes its words to diff as well (e.g. `-a` for NUL bytes,
# which GNU diff otherwise reports as a binary difference).
#
# Usage: Tests/TextDiffTests/Fixtures/make-expected.sh   (from anywhere)
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")"
diff --version | head -n 1
for dir in */; do
  dir=${dir%/}
  extra=()
  if [[ -f $dir/diff-options ]]; then
    read -r -a extra < "$dir/diff-options"
  fi
  run() {
    # diff exits 1 when the files differ; only 2 means trouble.
    diff "$@" "${extra[@]}" --label old --label new "$dir/old" "$dir/new" || [[ $? -eq 1 ]]
  }
  run -u > "$dir/expected.diff"
  for context in 0 1; do
    if [[ -f $dir/expected-U$context.diff ]]; then
      run -U "$context" > "$dir/expected-U$context.diff"
    fi
  done
done
