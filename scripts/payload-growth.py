#!/usr/bin/env python3
"""Measures what a store grows by per 1,000 checks of a post whose article does not change
but whose bytes do (a nonce, a rotating sidebar), for docs/WARC.md ("What is kept").

Serves Tests/Fixtures/sample-post/v1.html over loopback with a per-request nonce (and, with
--variants N, one of N sidebars instead), runs `redline snapshot` CHECKS times with each
--keep-raw policy (changes, distinct, always), and prints the store's size and, for
distinct, the size of its payloads/ folders; then, as a cross-check, what the distinct bodies
served take gzip-compressed by Python.

    python3 scripts/payload-growth.py --redline .build/debug/redline --checks 1000
"""
import argparse, gzip, hashlib, os, shutil, subprocess, tempfile
from loopback_page import serve_html

parser = argparse.ArgumentParser()
parser.add_argument("--redline", default=".build/debug/redline")
parser.add_argument("--checks", type=int, default=1000)
parser.add_argument("--variants", type=int, default=0, help="N rotating sidebars, no nonce")
args = parser.parse_args()

page = open(os.path.join(os.path.dirname(__file__), "..", "Tests/Fixtures/sample-post/v1.html"), "rb").read()
counter = [0]
bodies = []

def next_body():
    counter[0] += 1
    if args.variants:
        extra = b"<aside>sidebar %d</aside>" % (counter[0] % args.variants)
    else:
        extra = b"<!-- nonce %d -->" % counter[0]
    body = page.replace(b"</body>", extra + b"</body>")
    bodies.append(body)
    return body

server, base = serve_html(next_body)
url = base + "2016/07/post.html"

def size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)

work = tempfile.mkdtemp()
try:
    for policy in ["changes", "distinct", "always"]:
        bodies.clear()
        store = os.path.join(work, policy)
        for _ in range(args.checks):
            subprocess.run([args.redline, "snapshot", "--quiet", "--keep-raw", policy,
                            "--store", store, url], check=False)
        payloads = sum(size(os.path.join(d, "payloads")) for d, subfolders, _ in os.walk(store)
                       if "payloads" in subfolders)
        print("keep-raw %-8s %5d checks: store %10d bytes (payloads/ %d bytes)"
              % (policy, args.checks, size(store), payloads))
    distinct = {hashlib.sha256(b).hexdigest(): b for b in bodies}
    compressed = sum(len(gzip.compress(b, 6)) for b in distinct.values())
    print("distinct bodies served: %d; each once, gzip -6 by Python: %d bytes"
          % (len(distinct), compressed))
finally:
    shutil.rmtree(work)
    server.shutdown()
