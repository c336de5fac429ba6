#!/usr/bin/env python3
"""The WARC part of `make bench`: Redline's export and import against warcio on the same
files, in one run. Prints seconds and peak memory (KB) for each.

A store of PAGES posts (the sample post, edited every other check, CHECKS checks each, raw
bodies of every check kept) is filled over loopback; then:
  redline export --format warc     vs  warcio recompress of that WARC (read + rewrite)
  redline import of the WARC       vs  warcio index and cdxj-indexer of it (read only)
Import does more than the readers (extraction, comparison, fsync'd store writes); the
readers bound what reading the records costs.
"""
import argparse, os, shutil, subprocess, tempfile, time
from loopback_page import serve_html

parser = argparse.ArgumentParser()
parser.add_argument("--redline", required=True)
parser.add_argument("--venv", default=".venv-archive/bin")
parser.add_argument("--pages", type=int, default=50)
parser.add_argument("--checks", type=int, default=4)
args = parser.parse_args()

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
versions = [open(os.path.join(root, "Tests/Fixtures/sample-post/v%d.html" % v), "rb").read()
            for v in (1, 2)]
state = {"round": 0}

def timed(command):
    """Seconds and peak resident KB of one run (GNU time's %M)."""
    start = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    return seconds, int(run.stderr.strip().splitlines()[-1])

server, base = serve_html(lambda: versions[(state["round"] // 2) % 2])
work = tempfile.mkdtemp()
try:
    store = os.path.join(work, "store")
    urls = [base + "post%d.html" % n for n in range(args.pages)]
    for check in range(args.checks):
        state["round"] = check
        subprocess.run([args.redline, "snapshot", "--quiet", "--keep-raw", "always",
                        "--store", store] + urls, check=False)
        time.sleep(1.1)
    rows = []
    out = os.path.join(work, "out")
    rows.append(("redline export --format warc",) + timed(
        [args.redline, "export", "--format", "warc", "--output", out, "--store", store]))
    warc = next(os.path.join(out, f) for f in os.listdir(out) if f.endswith(".warc.gz"))
    size = os.path.getsize(warc)
    rows.append(("warcio recompress",) + timed(
        [os.path.join(args.venv, "warcio"), "recompress", warc, os.path.join(work, "re.warc.gz")]))
    rows.append(("redline import",) + timed(
        [args.redline, "import", "--store", os.path.join(work, "imported"), warc]))
    rows.append(("warcio index",) + timed([os.path.join(args.venv, "warcio"), "index", warc]))
    rows.append(("cdxj-indexer",) + timed([os.path.join(args.venv, "cdxj-indexer"), warc]))
    print("WARC of %d pages x %d checks: %d bytes" % (args.pages, args.checks, size))
    for name, seconds, peak in rows:
        print("  %-30s %7.2f s  %8d KB" % (name, seconds, peak))
finally:
    shutil.rmtree(work)
    server.shutdown()
