#!/usr/bin/env python3
"""CI's false-edit gate: no new false or missed edit on a fixed sample of corpus pages.

Runs the false-edit benchmark (scripts/false_edits.py) on a deterministic sample of the corpus
pages with the given redline binary and compares its failing pairs (chrome pairs whose article
changed, true edits whose article did not) with scripts/false-edits-known.txt, the pairs main
is known to fail. Fails (exit 1) when a pair fails that is not in that list: a new false edit
or a newly missed edit. Pairs of the list that now pass are named, so that the list is
shortened in the commit that fixed them (--write rewrites it). The list only shrinks: adding
a pair to it is a decision, made in a commit that says why.

    python3 scripts/false-edit-gate.py --redline .build/debug/redline
    python3 scripts/false-edit-gate.py --redline .build/debug/redline --write
"""
import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import false_edits  # noqa: E402

KNOWN = os.path.join(HERE, "false-edits-known.txt")
SAMPLE = 100
SEED = 13


def pair_ids(path):
    """The pair ids (`page:variant:kind`) of a failures file, and their kind of failure."""
    ids = {}
    if not os.path.exists(path):
        return ids
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                fields = line.rstrip("\n").split("\t")
                ids[fields[0]] = fields[1] if len(fields) > 1 else ""
    return ids


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redline", required=True)
    parser.add_argument("--write", action="store_true",
                        help="rewrite the known list with the pairs that fail now")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        failures = os.path.join(work, "failures.txt")
        false_edits.run_benchmark(argparse.Namespace(
            redline=args.redline, seed=SEED, sample=SAMPLE, jobs=2, batch=10, pages=None,
            all_groups=False, failures=failures, quiet=True))
        failing = pair_ids(failures)
    if args.write:
        with open(KNOWN, "w", encoding="utf-8") as handle:
            handle.write("# Pairs of scripts/false-edit-gate.py's sample (%d pages, seed %d) that "
                         "main fails: page:variant:kind, why.\n" % (SAMPLE, SEED))
            for pair in sorted(failing):
                handle.write("%s\t%s\n" % (pair, failing[pair]))
        print("false-edit gate: wrote %d known pairs to %s" % (len(failing), KNOWN))
        return 0
    known = pair_ids(KNOWN)
    new = sorted(set(failing) - set(known))
    fixed = sorted(set(known) - set(failing))
    for pair in fixed:
        print("false-edit gate: %s passes now; remove it from %s" % (pair, os.path.basename(KNOWN)))
    for pair in new:
        print("false-edit gate: NEW %s: %s" % (failing[pair], pair))
    false_count = sum(1 for why in failing.values() if why == "false edit")
    print("false-edit gate: %d false and %d missed edits on %d sampled pages (%d known, %d new)"
          % (false_count, len(failing) - false_count, SAMPLE, len(known), len(new)))
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
