#!/usr/bin/env python3
"""Redline's benchmarks, each against its peer in the same run.

diff:     `redline diff` vs GNU `diff -u` on generated article-like texts (time ratio,
          changed-line ratio).
extract:  `redline extract --output-dir` over the shared corpus (one process, so start-up is
          paid once) vs trafilatura and libxml2's bare parse through lxml, both in-process and
          installed by this script in a virtualenv (.bench/venv). F1 from the corpus's
          evaluate.py.
fetch:    `redline snapshot` of 1,000 posts on 50 loopback hosts (127.0.0.2-127.0.0.51, all on
          this machine) that each answer after 50 ms, at several --jobs, against the ideal
          1000 x 50 ms / jobs, with the peak RSS of the redline process; and urlwatch (10 threads,
          from PyPI into .bench/venv) on the same URLs. A fresh store (every page new: fetch,
          extract, write) and a second run on that store (conditional requests, all 304).
Results print as a table and are written to .bench/results.json.
"""
import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, ".bench")
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")


def timed(command, repeat):
    """Median wall time of `command` over `repeat` runs, and its last stdout."""
    times, out = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        out = result.stdout
    return statistics.median(times), out


def article_lines(rng, count):
    words = ("the council budget library roads vote spring members argued agreed report "
             "minister said week government plan city new people would could after").split()
    lines = []
    for _ in range(count):
        if rng.random() < 0.5:
            lines.append("")
        else:
            lines.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 60))) + ".")
    return lines


def make_pair(name, size, changed_share, seed):
    rng = random.Random(seed)
    lines, total = [], 0
    while total < size:
        chunk = article_lines(rng, 1000)
        lines += chunk
        total += sum(len(line) + 1 for line in chunk)
    new = list(lines)
    for index in rng.sample(range(len(new)), int(len(new) * changed_share)):
        new[index] = new[index][::-1] if new[index] else "An inserted sentence."
    old_path = os.path.join(WORK, f"{name}.old.txt")
    new_path = os.path.join(WORK, f"{name}.new.txt")
    with open(old_path, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(new_path, "w") as handle:
        handle.write("\n".join(new) + "\n")
    return old_path, new_path


def changed_lines(diff_output):
    return sum(1 for line in diff_output.split(b"\n")
               if line[:1] in (b"+", b"-") and line[:3] not in (b"+++", b"---"))


def bench_diff(redline, repeat):
    cases = [("1mb_1pct", 1 << 20, 0.01), ("1mb_50pct", 1 << 20, 0.5),
             ("10mb_1pct", 10 << 20, 0.01), ("10mb_50pct", 10 << 20, 0.5)]
    rows = []
    for seed, (name, size, share) in enumerate(cases):
        old, new = make_pair(name, size, share, seed)
        ours, our_out = timed([redline, "diff", old, new], repeat)
        gnu, gnu_out = timed(["diff", "-u", old, new], repeat)
        rows.append({"case": name, "redline_s": round(ours, 4), "gnu_s": round(gnu, 4),
                     "time_ratio": round(ours / gnu, 2) if gnu else None,
                     "changed_lines_ratio": round(changed_lines(our_out) / max(1, changed_lines(gnu_out)), 3)})
    return rows


def ensure_venv():
    venv = os.path.join(WORK, "venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    probe = subprocess.run([python, "-c", "import trafilatura, lxml"], capture_output=True)
    if probe.returncode != 0:
        install = subprocess.run([python, "-m", "pip", "install", "-q", "trafilatura==2.3.1", "lxml", "lxml_html_clean"],
                                 capture_output=True, text=True)
        if install.returncode != 0:
            print("bench: could not install the peers: " + install.stderr.strip().splitlines()[-1],
                  file=sys.stderr)
            return None
    return python


ADAPTERS = '''
import lxml.html, trafilatura
def bare_parse(html):
    lxml.html.document_fromstring(html.encode("utf-8"))
    return ""
def trafilatura_default(html):
    return trafilatura.extract(html) or ""
'''


def evaluate(data, extra, python=sys.executable):
    command = [python, os.path.join(CORPUS, "evaluate.py"), "--data", data] + extra
    result = subprocess.run(command, capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit("evaluate.py failed: " + result.stderr[-500:])


def bench_extract(redline):
    python = ensure_venv()
    if python:
        with open(os.path.join(WORK, "adapters.py"), "w") as handle:
            handle.write(ADAPTERS)
    rows = []
    for corpus in ("wcxb-dev", "readability"):
        data = os.path.join(CORPUS, corpus)
        pages = sorted(f for f in os.listdir(data) if f.endswith(".html"))
        out = os.path.join(WORK, "extract-" + corpus)
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([redline, "extract", "--format", "text", "--output-dir", out]
                       + [os.path.join(data, page) for page in pages],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        ours = evaluate(data, ["--outputs", out])
        row = {"corpus": corpus, "pages": len(pages), "redline_pages_per_s": round(len(pages) / seconds, 1),
               "redline_f1": ours["f1"], "redline_precision": ours["precision"],
               "redline_recall": ours["recall"]}
        if python:
            adapters = os.path.join(WORK, "adapters.py")
            bare = evaluate(data, ["--py", adapters + ":bare_parse"], python)
            peer = evaluate(data, ["--py", adapters + ":trafilatura_default"], python)
            row.update({"bare_parse_pages_per_s": bare["pages_per_s"],
                        "trafilatura_pages_per_s": peer["pages_per_s"], "trafilatura_f1": peer["f1"],
                        "speed_vs_trafilatura": round(row["redline_pages_per_s"] / peer["pages_per_s"], 2),
                        "time_vs_bare_parse": round(bare["pages_per_s"] / row["redline_pages_per_s"], 2)})
        rows.append(row)
    return rows


FETCH_PAGES = 1000
FETCH_HOSTS = 50
FETCH_LATENCY = 0.05


def fetch_page_body(path):
    words = ("the council budget library roads vote spring members argued agreed report "
             "minister said week government plan city").split()
    rng = random.Random(path)
    paragraphs = "".join("<p>" + " ".join(rng.choice(words) for _ in range(60)) + ".</p>"
                         for _ in range(6))
    return ("<!doctype html><html><head><meta charset=utf-8><title>Post %s</title></head><body>"
            "<div class=sidebar>Popular posts</div><article><h1>Post %s</h1>%s</article>"
            "</body></html>" % (path, path, paragraphs)).encode()


class LatencyServer:
    """HTTP/1.1 with keep-alive on 50 loopback addresses, one port; every answer after 50 ms.

    Pages carry an ETag and honour If-None-Match with a 304, as blog hosts do."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.port = None
        self.requests = 0
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait()

    def _run(self, ready):
        asyncio.set_event_loop(self.loop)
        first = self.loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.2", 0, backlog=1024))
        self.port = first.sockets[0].getsockname()[1]
        for host in range(3, 2 + FETCH_HOSTS):
            self.loop.run_until_complete(
                asyncio.start_server(self._serve, "127.0.0.%d" % host, self.port, backlog=1024))
        ready.set()
        self.loop.run_forever()

    async def _serve(self, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                headers = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip()
                           for line in lines[1:] if ":" in line}
                self.requests += 1
                await asyncio.sleep(FETCH_LATENCY)
                body = fetch_page_body(path)
                etag = '"%x"' % (hash(body) & 0xFFFFFFFF)
                if headers.get("if-none-match") == etag:
                    writer.write(("HTTP/1.1 304 Not Modified\r\nETag: %s\r\n\r\n" % etag).encode())
                else:
                    writer.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                                  "ETag: %s\r\nContent-Length: %d\r\n\r\n" % (etag, len(body))).encode()
                                 + body)
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, ConnectionError, IndexError):
            pass
        finally:
            writer.close()

    def urls(self):
        return ["http://127.0.0.%d:%d/2016/07/post-%d.html" % (2 + index % FETCH_HOSTS, self.port, index)
                for index in range(FETCH_PAGES)]


def run_measured(command, env=None):
    """Wall time, peak RSS (MiB) and exit status of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    return seconds, usage.ru_maxrss / 1024, child.returncode, stderr


def ensure_urlwatch():
    venv = os.path.join(WORK, "venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    urlwatch = os.path.join(venv, "bin", "urlwatch")
    if not os.path.exists(urlwatch):
        install = subprocess.run([python, "-m", "pip", "install", "-q", "urlwatch==2.29"],
                                 capture_output=True, text=True)
        if install.returncode != 0:
            print("bench: could not install urlwatch: " + install.stderr.strip()[-300:], file=sys.stderr)
            return None
    return urlwatch


def run_urlwatch(urlwatch, urls, folder):
    os.makedirs(folder, exist_ok=True)
    jobs = os.path.join(folder, "urls.yaml")
    with open(jobs, "w") as handle:
        handle.write("\n---\n".join("name: p%d\nurl: %s" % (index, url) for index, url in enumerate(urls)))
    config = os.path.join(folder, "urlwatch.yaml")
    with open(config, "w") as handle:
        handle.write("display:\n  new: true\n  error: true\n  unchanged: false\n"
                     "report:\n  stdout:\n    enabled: false\n  text:\n    details: false\n")
    env = dict(os.environ, HOME=folder, XDG_CACHE_HOME=folder, XDG_CONFIG_HOME=folder, NO_PROXY="*")
    command = [urlwatch, "--urls", jobs, "--config", config, "--cache", os.path.join(folder, "cache.db")]
    return run_measured(command, env)


def bench_fetch(redline, jobs_list, engines):
    server = LatencyServer()
    urls = server.urls()
    listing = os.path.join(WORK, "fetch-urls.txt")
    with open(listing, "w") as handle:
        handle.write("\n".join(urls) + "\n")
    env = dict(os.environ, NO_PROXY="*", no_proxy="*")
    rows = []
    for engine, jobs in [(engine, jobs) for engine in engines for jobs in jobs_list]:
        store = os.path.join(WORK, "fetch-store-%s-%d" % (engine, jobs))
        shutil.rmtree(store, ignore_errors=True)
        ideal = FETCH_PAGES * FETCH_LATENCY / jobs
        for phase in ("fresh store", "second run (304s)"):
            before = server.requests
            seconds, rss, status, stderr = run_measured(
                [redline, "snapshot", "--quiet", "--store", store, "--jobs", str(jobs), "--list", listing,
                 "--fetch-engine", engine], env)
            rows.append({"tool": "redline (%s)" % engine, "jobs": jobs, "phase": phase, "wall_s": round(seconds, 2),
                         "ideal_s": round(ideal, 2), "vs_ideal": round(seconds / ideal, 2),
                         "peak_rss_mib": round(rss, 1), "requests": server.requests - before,
                         "exit": status})
            if status != 0:
                print("bench: redline exited %d: %s" % (status, stderr.strip()[-300:]), file=sys.stderr)
    # The same libcurl's multi interface, driven by curl itself (fetch only: no extraction, no
    # store): the bound for what a multi-interface fetcher could do on these URLs.
    config = os.path.join(WORK, "fetch-curl.cfg")
    with open(config, "w") as handle:
        handle.write("".join('url = "%s"\noutput = "/dev/null"\n' % url for url in urls))
    for jobs in jobs_list:
        if shutil.which("curl") is None:
            break
        ideal = FETCH_PAGES * FETCH_LATENCY / jobs
        before = server.requests
        seconds, rss, status, _ = run_measured(
            ["curl", "--silent", "--parallel", "--parallel-max", str(jobs), "--config", config], env)
        rows.append({"tool": "curl --parallel (multi, fetch only)", "jobs": jobs, "phase": "fetch only",
                     "wall_s": round(seconds, 2), "ideal_s": round(ideal, 2),
                     "vs_ideal": round(seconds / ideal, 2), "peak_rss_mib": round(rss, 1),
                     "requests": server.requests - before, "exit": status})
    urlwatch = ensure_urlwatch()
    if urlwatch:
        folder = os.path.join(WORK, "fetch-urlwatch")
        shutil.rmtree(folder, ignore_errors=True)
        for phase in ("fresh store", "second run (304s)"):
            before = server.requests
            seconds, rss, status, stderr = run_urlwatch(urlwatch, urls, folder)
            ideal = FETCH_PAGES * FETCH_LATENCY / 10
            rows.append({"tool": "urlwatch (10 threads)", "jobs": 10, "phase": phase,
                         "wall_s": round(seconds, 2), "ideal_s": round(ideal, 2),
                         "vs_ideal": round(seconds / ideal, 2), "peak_rss_mib": round(rss, 1),
                         "requests": server.requests - before, "exit": status})
        for row in rows:
            peer = next((r for r in rows if r["tool"].startswith("urlwatch") and r["phase"] == row["phase"]),
                        None)
            row["speed_vs_urlwatch"] = round(peer["wall_s"] / row["wall_s"], 2) if peer else ""
    return rows


def table(rows):
    keys = list(rows[0].keys())
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(str(row.get(key, "")) for key in keys))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redline", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=["diff", "extract", "fetch"])
    parser.add_argument("--jobs", default="8,16,32", help="--jobs values for the fetch section")
    parser.add_argument("--engines", default="multi,thread-pool",
                        help="redline --fetch-engine values for the fetch section")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    results = {}
    if args.only in (None, "diff"):
        print("\n## diff: redline vs GNU diff -u (median of %d runs)" % args.repeat)
        results["diff"] = bench_diff(args.redline, args.repeat)
        table(results["diff"])
    if args.only in (None, "extract") and os.path.isdir(CORPUS):
        print("\n## extract: redline vs trafilatura and libxml2's bare parse (lxml)")
        results["extract"] = bench_extract(args.redline)
        table(results["extract"])
    if args.only in (None, "fetch"):
        print("\n## fetch: redline snapshot of %d posts on %d loopback hosts, %d ms each, vs urlwatch"
              % (FETCH_PAGES, FETCH_HOSTS, FETCH_LATENCY * 1000))
        results["fetch"] = bench_fetch(args.redline, [int(j) for j in args.jobs.split(",")],
                                       args.engines.split(","))
        table(results["fetch"])
    with open(os.path.join(WORK, "results.json"), "w") as handle:
        json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
