#!/usr/bin/env python3
"""CI's extraction quality gate (trafilatura's eval_gate.py is the model).

Extracts every page of ../shared/corpus/{wcxb-dev,readability} with the given redline binary
and scores the outputs with the corpus's own evaluate.py. Fails (exit 1) when a corpus's F1
drops below its floor in scripts/quality-floors.json. The floors record what main achieves;
raise them when extraction improves. Lowering one is a decision, made by editing that file
in a commit that says why, never by this script.

    python3 scripts/quality-gate.py --redline .build/debug/redline
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def score(redline, corpus, evaluate, work):
    pages = sorted(f for f in os.listdir(corpus) if f.endswith(".html"))
    outputs = os.path.join(work, os.path.basename(corpus))
    os.makedirs(outputs)
    # Pages with no article fail on their own; evaluate.py counts their missing outputs.
    subprocess.run(
        [redline, "extract", "--format", "text", "--output-dir", outputs]
        + [os.path.join(corpus, page) for page in pages],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = os.path.join(work, os.path.basename(corpus) + ".json")
    subprocess.run(
        [sys.executable, evaluate, "--data", corpus, "--outputs", outputs, "--json", result],
        check=True, stdout=subprocess.DEVNULL)
    with open(result) as file:
        return json.load(file)["summary"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redline", required=True)
    parser.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "corpus"))
    arguments = parser.parse_args()
    with open(os.path.join(HERE, "quality-floors.json")) as file:
        floors = json.load(file)
    evaluate = os.path.join(arguments.corpus, "evaluate.py")
    if not os.path.exists(evaluate):
        print(f"quality gate: no corpus at {arguments.corpus}", file=sys.stderr)
        return 1
    failed = False
    with tempfile.TemporaryDirectory() as work:
        for name, floor in sorted(floors.items()):
            result = score(arguments.redline, os.path.join(arguments.corpus, name), evaluate, work)
            f1 = result["f1"]
            verdict = "ok" if f1 >= floor else "BELOW THE FLOOR"
            print(f"quality gate: {name}: F1 {f1:.4f} (P {result['precision']:.4f} / "
                  f"R {result['recall']:.4f}, {result['pages']} pages), floor {floor}: {verdict}")
            failed = failed or f1 < floor
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
