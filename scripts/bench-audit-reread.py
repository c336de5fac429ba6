#!/usr/bin/env python3
"""What reading captures again costs `audit` and `diff` (issue #13): a store of real pages
(../shared/corpus/wcxb-dev), each captured, edited by one word in its longest paragraph and
captured again over HTTP on 127.0.0.1, then `audit --format json` timed with each binary,
alternating runs, and `audit --as-stored` beside them.

    python3 scripts/bench-audit-reread.py --redline NEW [--baseline OLD] [--pages 200]
"""
import argparse, http.server, os, re, shutil, socketserver, statistics, subprocess, sys
import tempfile, threading, time

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "wcxb-dev")


def edit_one_word(html):
    """The page with one word of its longest <p> changed, or None."""
    best = None
    for m in re.finditer(r"<p[^>]*>([^<]{80,})", html):
        if best is None or len(m.group(1)) > len(best.group(1)):
            best = m
    if best is None:
        return None
    words = list(re.finditer(r"[A-Za-z]{5,}", best.group(1)))
    if not words:
        return None
    w = words[len(words) // 2]
    start = best.start(1) + w.start()
    return html[:start] + w.group(0)[::-1] + html[start + len(w.group(0)):]


def timed(cmd, env):
    start = time.perf_counter()
    before = os.times()
    out = subprocess.run(cmd, env=env, capture_output=True)
    after = os.times()
    if out.returncode not in (0,):
        sys.exit(f"{cmd}: exit {out.returncode}: {out.stderr.decode()[:300]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return time.perf_counter() - start, cpu, out.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--redline", required=True)
    ap.add_argument("--baseline")
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", action="store_true", help="keep the store and print its path")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="redline-audit-reread-")
    site = os.path.join(work, "site")
    os.makedirs(site)
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith(".html"))
    chosen = []
    for name in names:
        html = open(os.path.join(CORPUS, name), encoding="utf-8", errors="replace").read()
        edited = edit_one_word(html)
        if edited is None:
            continue
        chosen.append((name, html, edited))
        if len(chosen) == args.pages:
            break
    for name, html, _ in chosen:
        open(os.path.join(site, name), "w", encoding="utf-8").write(html)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=site, **k)

        def log_message(self, *a):
            pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = [f"http://127.0.0.1:{server.server_address[1]}/{n}" for n, _, _ in chosen]
    store = os.path.join(work, "store")
    env = dict(os.environ, REDLINE_STORE=store)
    subprocess.run([args.redline, "snapshot", *urls], env=env, capture_output=True)
    for name, _, edited in chosen:
        open(os.path.join(site, name), "w", encoding="utf-8").write(edited)
    subprocess.run([args.redline, "snapshot", *urls], env=env, capture_output=True)
    server.shutdown()

    binaries = [("new", args.redline, [])] + [("new --as-stored", args.redline, ["--as-stored"])]
    if args.baseline:
        binaries.insert(0, ("baseline", args.baseline, []))
    results = {label: [] for label, _, _ in binaries}
    edits = {}
    for _ in range(args.runs):
        for label, binary, extra in binaries:
            wall, cpu, out = timed([binary, "audit", "--format", "json", "--no-pager", *extra], env)
            results[label].append((wall, cpu))
            edits[label] = out.count(b'"linesAdded"')
    print(f"{len(chosen)} pages, each edited once (one word); {args.runs} alternating runs, median")
    for label, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"{label:18} audit {wall:6.3f} s wall {cpu:6.3f} s CPU  {edits[label]} edits")
    if args.keep:
        print(f"store kept: {store}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
