#!/usr/bin/env python3
"""Redline's benchmarks, each against its peer in the same run.

diff:     `redline diff` (histogram and Myers) vs GNU `diff -u` on generated cases: article
          and edge cases (changed-line ratio, applies with patch --fuzz=0, Myers byte-identical
          to GNU), 1/10 MB texts with 1%/50% changed lines, unrelated 5 MB texts and
          pathological inputs (time ratio, changed-line ratio, change blocks: runs of changed
          lines, peak RSS), and start-up.
hostile:  `redline extract` on generated hostile pages (200,000 nested elements, a 10 MB text
          node, a million attributes, random bytes, NULs and invalid UTF-8, an empty file, a
          100 MB page of paragraphs, pages of a tag every 3-4 bytes, one over the node limit):
          time, peak RSS (also net of the process's own, an empty page's), and whether RSS stays
          under 20x the page's size and under 1 GiB.
extract:  `redline extract --output-dir` over the shared corpus (one process: F1, and the whole
          process's speed with start-up and file I/O), and extraction timed in-process as
          evaluate.py times the peers (extract-timing), in turns with trafilatura and libxml2's
          bare parse through lxml, installed by this script in a virtualenv (.bench/venv).
store:    a generated store (store-workload generate, through the store API): `redline log` of a
          page with 1,000 captures, `redline list` over 10,000 pages, the store query behind
          `audit --since` (pagesChanged(since:), timed in-process and as a whole process),
          bytes per capture and per unchanged check, and what gzip would save on stored HTML.
false-edits: chrome-only and true-edit pairs made from the corpus pages with gold text
          (scripts/false_edits.py): false edits (the article changed with the chrome) and missed
          edits (the article stayed the same when it was edited), per kind of change, for the
          pages as they are and as short posts; failing pair ids in .bench/false-edits/.
held-out: scripts/news-heldout.py (news pages nobody tuned on: F1 with trafilatura and
          readability-lxml in the same run) and false_edits.py --held-out news and web (false
          and missed edits on those pages); both sets come from PyPI sdists, fetched once.
fetch:    `redline snapshot` of 1,000 posts on 50 loopback hosts (127.0.0.2-127.0.0.51, all on
          this machine) that each answer after 50 ms, at several --jobs, against the ideal
          1000 x 50 ms / jobs, with the peak RSS of the redline process; and urlwatch (10 threads,
          from PyPI into .bench/venv) on the same URLs. A fresh store (every page new: fetch,
          extract, write) and a second run on that store (conditional requests, all 304).
          curl --parallel and urlwatch run against the same server in the same run; each row
          shows the server's lateness past 50 ms and its CPU time, and the load average.
Results print as a table and are written to .bench/results.json.
"""
import gzip
import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time

import false_edits

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, ".bench")
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")


def timed(command, repeat):
    """Median wall time of `command` over `repeat` runs, its last stdout, and 0 (no RSS)."""
    times, out = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        out = result.stdout
    return statistics.median(times), out, 0


def timed_together(commands, repeat):
    """Median wall time and last stdout of each command, run in turns (one run of each per round)
    so that a change in the machine's load during the benchmark hits every command alike."""
    times = [[] for _ in commands]
    outs = [b""] * len(commands)
    for _ in range(repeat):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            times[index].append(time.perf_counter() - start)
            outs[index] = result.stdout
    return [(statistics.median(spent), out) for spent, out in zip(times, outs)]


def timed_together_cpu(commands, repeat):
    """`timed_together` with the CPU time of each command as well (user + system of the
    process and of every process it waited for): median wall, median CPU and last stdout of
    each, run in turns."""
    walls = [[] for _ in commands]
    cpus = [[] for _ in commands]
    outs = [b""] * len(commands)
    for _ in range(repeat):
        for index, command in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            walls[index].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[index].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            outs[index] = result.stdout
    return [(statistics.median(wall), statistics.median(cpu), out)
            for wall, cpu, out in zip(walls, cpus, outs)]


def peak_rss(command):
    """Peak RSS in KiB of one run under /usr/bin/time -v (0 when it is not installed)."""
    if not os.path.exists("/usr/bin/time"):
        return 0
    result = subprocess.run(["/usr/bin/time", "-v"] + command, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1])
    return 0


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


def article_text(rng, size):
    lines, total = [], 0
    while total < size:
        chunk = article_lines(rng, 1000)
        lines += chunk
        total += sum(len(line) + 1 for line in chunk)
    return lines


def write_pair(name, old, new):
    old_path = os.path.join(WORK, f"{name}.old.txt")
    new_path = os.path.join(WORK, f"{name}.new.txt")
    for path, data in ((old_path, old), (new_path, new)):
        with open(path, "wb") as handle:
            handle.write(data)
    return old_path, new_path


def joined(lines):
    return ("\n".join(lines) + "\n").encode()


def scale_pair(name, size, changed_share, seed):
    rng = random.Random(seed)
    lines = article_text(rng, size)
    new = list(lines)
    for index in rng.sample(range(len(new)), int(len(new) * changed_share)):
        new[index] = new[index][::-1] if new[index] else "An inserted sentence."
    return write_pair(name, joined(lines), joined(new))


def edge_cases():
    """Small pairs for the correctness checks: (name, old bytes, new bytes)."""
    rng = random.Random(7)
    article = article_lines(rng, 60)
    edited = list(article)
    edited[10] = "A rewritten sentence in the middle of the post."
    edited.insert(30, "A new paragraph.")
    del edited[45]
    moved = article[20:30] + article[:20] + article[30:]
    long_line = b"x" * (1 << 20)
    return [
        ("article_edit", joined(article), joined(edited)),
        ("article_moved_paragraphs", joined(article), joined(moved)),
        ("empty_old", b"", b"a\nb\n"),
        ("empty_new", b"a\nb\n", b""),
        ("identical", b"a\nb\n", b"a\nb\n"),
        ("no_newline_old", b"a\nb", b"a\nc\n"),
        ("no_newline_new", b"a\nb\n", b"a\nb"),
        ("crlf", b"one\r\ntwo\r\nthree\r\n", b"one\r\n2\r\nthree\r\n"),
        ("bare_cr", b"a\rb\nc\n", b"a\rB\nc\n"),
        ("nfc_vs_nfd", "caf\u00e9\n".encode(), "cafe\u0301\n".encode()),
        ("emoji", "\U0001F44D ok\n".encode(), "\U0001F44E ok\n\U0001F1F1\U0001F1FE\n".encode()),
        ("single_line_1mb", long_line + b"\n", long_line[:-1] + b"y\n"),
        ("blank_lines_only", b"\n" * 40, b"\n" * 55),
        ("diff_syntax", b"--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n", b"--- b\n+++ a\n@@ -1 +1 @@\n+x\n-y\n--\n"),
    ]


def large_cases():
    cases = [scale_pair("scale_1mb_1pct", 1 << 20, 0.01, 0),
             scale_pair("scale_1mb_50pct", 1 << 20, 0.5, 1),
             scale_pair("scale_10mb_1pct", 10 << 20, 0.01, 2),
             scale_pair("scale_10mb_50pct", 10 << 20, 0.5, 3)]
    names = ["scale_1mb_1pct", "scale_1mb_50pct", "scale_10mb_1pct", "scale_10mb_50pct"]
    rng = random.Random(4)
    cases.append(write_pair("scale_5mb_unrelated", joined(article_text(rng, 5 << 20)),
                            joined(article_text(rng, 5 << 20))))
    names.append("scale_5mb_unrelated")
    two = ["a" if i % 2 == 0 else "b" for i in range(200_000)]
    two_new = list(two)
    for index in sorted(rng.sample(range(len(two_new)), 2000), reverse=True):
        del two_new[index]
    cases.append(write_pair("patho_two_symbols", joined(two), joined(two_new)))
    names.append("patho_two_symbols")
    same = ["the same line"] * 50_000
    cases.append(write_pair("patho_identical_lines", joined(same),
                            joined(same[:25_000] + ["one inserted line"] + same[25_000:])))
    names.append("patho_identical_lines")
    # An article in the canonical form (one block per line, one blank line between blocks, as
    # the store keeps it) of about 4 MB whose two halves swap places: the blank lines repeat
    # throughout, as in any prose.
    blocks = [line for line in article_text(random.Random(5), 4 << 20) if line]
    prose = [line for block in blocks for line in (block, "")][:-1]
    half = len(prose) // 2
    cases.append(write_pair("patho_swap_halves", joined(prose), joined(prose[half:] + prose[:half])))
    names.append("patho_swap_halves")
    return list(zip(names, cases))


def changed_lines(diff_output):
    count, in_hunk = 0, False
    for line in diff_output.split(b"\n"):
        if line.startswith(b"@@"):
            in_hunk = True
        elif in_hunk and line[:1] in (b"+", b"-"):
            count += 1
    return count


def change_blocks(diff_output):
    """Runs of consecutive changed lines: how many places a reader has to look at."""
    count, in_hunk, in_block = 0, False, False
    for line in diff_output.split(b"\n"):
        if line.startswith(b"@@"):
            in_hunk, in_block = True, False
        elif in_hunk and line[:1] in (b"+", b"-"):
            count += 0 if in_block else 1
            in_block = True
        else:
            in_block = False
    return count


def applies(diff_output, old_path, new_path):
    """Whether `patch --fuzz=0` turns the old file into the new one byte for byte."""
    if not diff_output:
        return open(old_path, "rb").read() == open(new_path, "rb").read()
    target = os.path.join(WORK, "apply.txt")
    shutil.copyfile(old_path, target)
    result = subprocess.run(["patch", "--fuzz=0", "--batch", "--silent", target],
                            input=diff_output, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return result.returncode == 0 and open(target, "rb").read() == open(new_path, "rb").read()


def bench_diff(redline, repeat):
    """Every case against GNU diff -u: time ratio, changed-line ratio (Myers and histogram), patch
    check, peak RSS."""
    rows = []
    gnu_env = dict(os.environ, LC_ALL="C")
    for name, old, new in edge_cases():
        old_path, new_path = write_pair(name, old, new)
        gnu = subprocess.run(["diff", "-u", old_path, new_path], stdout=subprocess.PIPE, env=gnu_env).stdout
        row = {"case": name}
        for algorithm in ("myers", "histogram"):
            out = subprocess.run([redline, "diff", "--algorithm", algorithm, old_path, new_path],
                                 stdout=subprocess.PIPE).stdout
            row[algorithm + "_lines_ratio"] = round(changed_lines(out) / max(1, changed_lines(gnu)), 3)
            row[algorithm + "_applies"] = applies(out, old_path, new_path)
        row["myers_same_as_gnu_body"] = subprocess.run(
            [redline, "diff", "--algorithm", "myers", old_path, new_path],
            stdout=subprocess.PIPE).stdout.split(b"\n")[2:] == gnu.split(b"\n")[2:]
        rows.append(row)
    print("\n### correctness (article and edge cases)")
    table(rows)

    startup = os.path.join(WORK, "startup.txt")
    with open(startup, "w") as handle:
        handle.write("a\n")
    (ours_s, _), (gnu_s, _) = timed_together(
        [[redline, "diff", startup, startup], ["diff", "-u", startup, startup]], repeat * 4)
    gnu_start, ours_start = gnu_s, ours_s
    # What start-up depends on: the size of the program, and whether legacy Foundation (with
    # ICU) slipped back into it (every module should import FoundationEssentials only).
    symbols = subprocess.run(["nm", redline], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True).stdout
    start_row = [{"case": "start-up (two 2-byte files)", "gnu_ms": round(gnu_s * 1000, 2),
                  "redline_ms": round(ours_s * 1000, 2),
                  "redline_binary_mb": round(os.path.getsize(redline) / 1e6, 1),
                  "legacy_foundation_linked": " $s10Foundation12CharacterSet" in symbols
                  or " $s10Foundation10FileHandle" in symbols}]
    timing = []
    for name, (old_path, new_path) in large_cases():
        algorithms = ("histogram", "myers")
        commands = [["diff", "-u", old_path, new_path]] + [
            [redline, "diff", "--algorithm", algorithm, old_path, new_path] for algorithm in algorithms]
        (gnu_s, gnu_out), *ours = timed_together(commands, max(repeat, 11))
        row = {"case": name, "gnu_ms": round(gnu_s * 1000, 1)}
        for algorithm, command, (ours_s, out) in zip(algorithms, commands[1:], ours):
            row[algorithm + "_ms"] = round(ours_s * 1000, 1)
            row[algorithm + "_time_ratio"] = round(ours_s / gnu_s, 2) if gnu_s else None
            # The same ratio with each program's own start-up (two 2-byte files) taken off:
            # how the differs compare once running.
            net_gnu = gnu_s - gnu_start
            row[algorithm + "_net_ratio"] = (
                round((ours_s - ours_start) / net_gnu, 2) if net_gnu > 0.0005 else None)
            row[algorithm + "_lines_ratio"] = round(changed_lines(out) / max(1, changed_lines(gnu_out)), 4)
            row[algorithm + "_blocks"] = change_blocks(out)
            row[algorithm + "_applies"] = applies(out, old_path, new_path)
            row[algorithm + "_rss_kib"] = peak_rss(command)
        row["gnu_blocks"] = change_blocks(gnu_out)
        row["gnu_rss_kib"] = peak_rss(commands[0])
        timing.append(row)
    print("\n### speed and memory (median of %d runs in turns; RSS from /usr/bin/time -v)" % max(repeat, 11))
    table(timing)

    print("\n### process start-up")
    table(start_row)
    return {"correctness": rows, "speed": timing, "startup": start_row}


def hostile_pages():
    """(name, bytes) of pages built to hurt a parser or an extractor."""
    rng = random.Random(11)
    paragraph = b"<p>" + b"A sentence of ordinary prose, long enough to count as one. " * 4 + b"</p>\n"
    return [
        ("empty", b""),
        ("nested_200k", b"<div>" * 200_000 + b"<p>A paragraph at the bottom of a deep page.</p>"
         + b"</div>" * 200_000),
        ("text_node_10mb", b"<html><body><p>" + b"word " * 2_000_000 + b"</p></body></html>"),
        ("million_attributes", b"<html><body><p" + b"".join(b' a%d="v"' % i for i in range(1_000_000))
         + b">Text after a million attributes, long enough to be prose.</p></body></html>"),
        ("random_bytes_5mb", rng.randbytes(5 << 20)),
        ("nul_and_bad_utf8_5mb", b"<html><body><article>"
         + (b"<p>text \x00\xff\xfe\xc3\x28 more \xe2\x82 words</p>" * 150_000) + b"</article></body></html>"),
        ("paragraphs_100mb", b"<html><body><article>" + paragraph * (100_000_000 // len(paragraph))
         + b"</article></body></html>"),
        # Element-dense pages: a node every 3-4 bytes, far denser than any real page.
        ("unclosed_b_1m", b"<html><body>" + b"<b>" * 1_000_000 + paragraph),
        ("list_items_1m", b"<html><body><ul>" + b"<li>" * 1_000_000),
        ("nodes_over_limit", b"<html><body>" + b"<p>x" * 1_100_000),
    ]


def bench_hostile(redline):
    """Each hostile page through `redline extract` in its own process: wall time, peak RSS, and
    the issue's memory bounds (20x the page's size, 1 GiB). The first row, an empty file, is the
    process's own footprint."""
    rows = []
    baseline_mib = 0.0
    for name, data in hostile_pages():
        path = os.path.join(WORK, "hostile-" + name + ".html")
        with open(path, "wb") as handle:
            handle.write(data)
        command = [redline, "extract", "--format", "text", path]
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        rss_kib = peak_rss(command)
        size_mib = len(data) / (1 << 20)
        rss_mib = rss_kib / 1024
        if not data:
            baseline_mib = rss_mib
        message = (result.stderr.strip().splitlines() or [""])[-1]
        rows.append({"case": name, "page_mib": round(size_mib, 2), "seconds": round(seconds, 3),
                     "exit": result.returncode,
                     "message": message.split(": ", 2)[-1][:60] if message else "",
                     "peak_rss_mib": round(rss_mib, 1),
                     "rss_per_page_byte": round(rss_mib / size_mib, 1) if size_mib else "",
                     "net_rss_per_page_byte": round((rss_mib - baseline_mib) / size_mib, 1) if size_mib else "",
                     "within_bounds": rss_mib < 1024 and (size_mib == 0 or rss_mib <= 20 * size_mib)})
        os.remove(path)
    return rows


def bench_held_out(redline):
    """scripts/news-heldout.py (the held-out news pages, with the peers in the same run), then
    false_edits.py --held-out on its news and web sets; their tables as printed. Needs PyPI
    once, to fetch the two sdists the pages come from."""
    printed = {}
    for name, command in (
            ("news F1", ["news-heldout.py", "--redline", redline]),
            ("web pages", ["news-heldout.py", "--redline", redline, "--web"]),
            ("news pairs", ["false_edits.py", "--redline", redline, "--held-out", "news",
                            "--quiet"]),
            ("web pairs", ["false_edits.py", "--redline", redline, "--held-out", "web",
                           "--quiet"])):
        script = os.path.join(ROOT, "scripts", command[0])
        result = subprocess.run([sys.executable, script] + command[1:],
                                capture_output=True, text=True)
        output = result.stdout.strip() or result.stderr.strip()
        print(output)
        printed[name] = output
    return printed


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


def bench_extract(redline, timing, rounds=3):
    """F1, precision and recall from one `redline extract --output-dir` run per corpus (its
    whole-process speed too: start-up, reading and writing files); then speeds measured as
    evaluate.py measures the peers (pages read first, untimed; each page's extraction timed),
    `extract-timing` for redline, in `rounds` turns with the bare parse and trafilatura, the
    best turn of each, so that a change of load hits all three alike."""
    python = ensure_venv()
    if python:
        with open(os.path.join(WORK, "adapters.py"), "w") as handle:
            handle.write(ADAPTERS)
    rows = []
    for corpus in ("wcxb-dev", "readability"):
        data = os.path.join(CORPUS, corpus)
        pages = sorted(f for f in os.listdir(data) if f.endswith(".html"))
        paths = [os.path.join(data, page) for page in pages]
        out = os.path.join(WORK, "extract-" + corpus)
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([redline, "extract", "--format", "text", "--output-dir", out] + paths,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        ours = evaluate(data, ["--outputs", out])
        row = {"corpus": corpus, "pages": len(pages), "redline_f1": ours["f1"],
               "redline_precision": ours["precision"], "redline_recall": ours["recall"],
               "redline_process_pages_per_s": round(len(pages) / seconds, 1)}
        best = {"redline": 0.0, "bare": 0.0, "trafilatura": 0.0}
        peer_f1 = None
        for _ in range(rounds):
            result = subprocess.run([timing] + paths, stdout=subprocess.PIPE, text=True, check=True)
            count, spent = result.stdout.split()[:2]
            best["redline"] = max(best["redline"], int(count) / float(spent))
            if python:
                adapters = os.path.join(WORK, "adapters.py")
                bare = evaluate(data, ["--py", adapters + ":bare_parse"], python)
                peer = evaluate(data, ["--py", adapters + ":trafilatura_default"], python)
                best["bare"] = max(best["bare"], bare["pages_per_s"])
                best["trafilatura"] = max(best["trafilatura"], peer["pages_per_s"])
                peer_f1 = peer["f1"]
        row["redline_pages_per_s"] = round(best["redline"], 1)
        if python:
            row.update({"bare_parse_pages_per_s": round(best["bare"], 1),
                        "trafilatura_pages_per_s": round(best["trafilatura"], 1),
                        "trafilatura_f1": peer_f1,
                        "speed_vs_trafilatura": round(best["redline"] / best["trafilatura"], 2),
                        "time_vs_bare_parse": round(best["bare"] / best["redline"], 2),
                        "process_time_vs_bare_parse":
                        round(best["bare"] / row["redline_process_pages_per_s"], 2)})
        rows.append(row)
    return rows


def folder_bytes(path, suffix=None):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            if suffix is None or name.endswith(suffix):
                total += os.path.getsize(os.path.join(folder, name))
    return total


def generate(workload, store, pages, captures, unchanged, html=None, edited_every=1):
    shutil.rmtree(store, ignore_errors=True)
    command = [workload, "generate", "--store", store, "--pages", str(pages),
               "--captures", str(captures), "--unchanged", str(unchanged),
               "--edited-every", str(edited_every)]
    if html:
        command += ["--html", html]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def bench_store(redline, workload, repeat):
    sample = os.path.join(ROOT, "Tests", "Fixtures", "sample-post", "v1.html")
    url = "https://blog0.example/2016/07/post-0.html"
    rows = []

    deep = os.path.join(WORK, "store-1000-captures")
    seconds = generate(workload, deep, 1, 1000, 0, sample)
    log, out, _ = timed([redline, "log", "--store", deep, url], repeat)
    diff, _, _ = timed([redline, "diff", "--store", deep, url], repeat)
    verify, _, _ = timed([redline, "verify", "--store", deep], 1)
    page_bytes = folder_bytes(deep)
    rows.append({"case": "1 page, 1,000 captures", "generate_s": round(seconds, 2),
                 "log_ms": round(log * 1000, 1), "log_lines": out.count(b"\n"),
                 "diff_latest_ms": round(diff * 1000, 1), "verify_s": round(verify, 2),
                 "bytes_per_capture": page_bytes // 1000,
                 "html_bytes_per_capture": folder_bytes(deep, ".html") // 1000})

    wide = os.path.join(WORK, "store-10000-pages")
    seconds = generate(workload, wide, 10000, 2, 2)
    listing, out, _ = timed([redline, "list", "--store", wide], repeat)
    # The generator's checks are an hour apart, page after page, from 2016-07 to about 2023:
    # this date keeps roughly the later half of the pages.
    since = "20200101T000000Z"
    query, query_out, _ = timed([workload, "changed-since", "--store", wide, "--since", since], repeat)
    pages, in_process = query_out.split()
    rows.append({"case": "10,000 pages, 2 captures + 4 checks each",
                 "generate_s": round(seconds, 2), "list_s": round(listing, 3),
                 "list_lines": out.count(b"\n"),
                 "changed_since_process_s": round(query, 3),
                 "changed_since_query_s": round(float(in_process), 3),
                 "changed_since_pages": int(pages)})

    checks = os.path.join(WORK, "store-1000-checks")
    generate(workload, checks, 1, 1, 1000, sample)
    history = folder_bytes(checks, "history.jsonl")
    with open(sample, "rb") as handle:
        html = handle.read()
    rows.append({"case": "1 capture + 1,000 unchanged checks",
                 "history_bytes": history, "bytes_per_unchanged_check": history // 1001,
                 "sample_html_bytes": len(html),
                 "sample_html_gzip9_bytes": len(gzip.compress(html, 9))})
    return rows


def window_start(pages, recent):
    """The store time after which the generator (--captures 2 --edited-every 2 --unchanged 1)
    wrote the last `recent` pages: half of them edited. Its checks are an hour apart, page
    after page (4 for an edited page, 2 for the others), from 2016-07-02."""
    hours = sum(4 if index % 2 == 0 else 2 for index in range(pages - recent))
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(1_467_453_180 + 3600 * hours + 1))


def bench_big_store(redline, workload, sizes, repeat, baseline=None, baseline_format="2",
                    reuse=False):
    """audit --since, verify and list on generated stores of `sizes` pages (half edited, a
    few hundred edited in the window), against sha256sum and find + cat over the same files;
    with `baseline`, the same commands of another redline binary in the same run: on the store
    as a format-2 Redline reads it (`baseline_format` "2": no activity index, after this
    binary's runs), or on the same store in the same turns ("same"). With `reuse`, a store
    already generated is read as it is (never written: it may be another checkout's, linked
    into .bench), and the list of its files goes to a file of its own."""
    rows = []
    for pages in sizes:
        store = os.path.join(WORK, "big-store-%d" % pages)
        if reuse and os.path.exists(os.path.join(store, ".redline-store.json")):
            # A linked store: its real path, so that find walks it as it walks any folder.
            store, generated = os.path.realpath(store), 0.0
        else:
            generated = generate(workload, store, pages, 2, 1, None, edited_every=2)
        since = window_start(pages, min(pages, 600))
        files = [os.path.join(folder, name) for folder, _, names in os.walk(store)
                 for name in names if name.endswith((".txt", ".json", ".html", ".jsonl"))
                 and not name.startswith(".")]
        listing = os.path.join(WORK, "big-store-%d.files" % pages if reuse else "big-store-files")
        with open(listing, "wb") as handle:
            handle.write(b"\0".join(os.fsencode(name) for name in files))
        sha = ["sh", "-c", "xargs -0 sha256sum < %s > /dev/null" % listing]
        find = ["sh", "-c", "find %s \\( -name page.json -o -name history.jsonl \\) -exec cat {} + > /dev/null" % store]

        def commands(binary):
            return {"audit": [binary, "audit", "--store", store, "--since", since, "--format", "json"],
                    "verify": [binary, "verify", "--store", store],
                    "list": [binary, "list", "--store", store],
                    "list_json": [binary, "list", "--store", store, "--format", "json"]}

        def row(name, measured, peers, outputs):
            (a, _, out), (v, vc, _), (l, lc, _) = measured
            (s, sc, _), (f, fc, _) = peers
            try:
                edited = len(json.loads(out).get("pages", []))
            except ValueError:
                edited = -1
            own = commands(dict(binaries)[name])
            result = {"pages": pages, "binary": name, "generate_s": round(generated, 1),
                      "audit_since_s": round(a, 3), "audit_pages": edited,
                      "audit_peak_mib": round(peak_rss(own["audit"]) / 1024, 1),
                      "verify_s": round(v, 3), "sha256sum_s": round(s, 3),
                      "verify_ratio": round(v / s, 2) if s else None,
                      "verify_cpu_s": round(vc, 3), "sha256sum_cpu_s": round(sc, 3),
                      "verify_cpu_ratio": round(vc / sc, 2) if sc else None,
                      "list_s": round(l, 3), "find_cat_s": round(f, 3),
                      "list_ratio": round(l / f, 2) if f else None,
                      "list_cpu_s": round(lc, 3), "find_cat_cpu_s": round(fc, 3),
                      "list_cpu_ratio": round(lc / fc, 2) if fc else None,
                      "list_peak_mib": round(peak_rss(own["list"]) / 1024, 1)}
            if outputs is not None:
                result["same_output"] = outputs
            return result

        binaries = [("redline", redline)] + ([("before", baseline)] if baseline else [])
        if baseline and reuse and baseline_format != "same":
            raise SystemExit("--reuse-stores reads stores as they are: use --baseline-format same")
        if baseline and baseline_format == "same":
            # Both binaries on the same store, in the same turns; their outputs compared byte
            # for byte (the audit's without its `generated` time).
            mine, theirs = commands(redline), commands(baseline)
            timed = timed_together_cpu([mine["audit"], mine["verify"], mine["list"], sha, find,
                                    theirs["audit"], theirs["verify"], theirs["list"]], repeat)
            same = all(output(mine[key]) == output(theirs[key])
                       for key in ("verify", "list", "list_json"))
            same = same and audit_without_time(mine["audit"]) == audit_without_time(theirs["audit"])
            rows.append(row("redline", timed[0:3], timed[3:5], same))
            rows.append(row("before", timed[5:8], timed[3:5], same))
            continue
        for name, binary in binaries:
            if name == "before":
                # The store as a format-2 Redline reads it: no activity index.
                os.remove(os.path.join(store, ".activity.log"))
                with open(os.path.join(store, ".redline-store.json"), "w") as handle:
                    handle.write('{"format": 2}')
            own = commands(binary)
            timed = timed_together_cpu([own["audit"], own["verify"], own["list"], sha, find], repeat)
            rows.append(row(name, [timed[0], timed[1], timed[2]], [timed[3], timed[4]], None))
    return rows


def output(command):
    """Standard output and standard error of one run, and its exit status."""
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return result.stdout, result.stderr, result.returncode


def audit_without_time(command):
    stdout, stderr, status = output(command)
    report = json.loads(stdout)
    report.pop("generated", None)
    return report, stderr, status


def bench_watch(workload, repeat):
    """The due decision of `snapshot --due`: 100,000 watches, 1,000 due; the budget is 100 ms."""
    root = os.path.join(WORK, "watch-100000")
    shutil.rmtree(root, ignore_errors=True)
    out = subprocess.run([workload, "watch-due", "--store", root, "--watches", "100000",
                          "--due", "1000", "--rounds", str(max(repeat, 5))],
                         check=True, stdout=subprocess.PIPE, text=True).stdout.split()
    parse, due, claims = float(out[0]), int(out[1]), sorted(float(x) for x in out[2:])
    return [{"case": "100,000 watches, 1,000 due", "due": due,
             "decide_median_ms": round(claims[len(claims) // 2] * 1000, 1),
             "decide_worst_ms": round(claims[-1] * 1000, 1), "budget_ms": 100,
             "first_run_after_watch_file_edit_s": round(parse, 2),
             "schedule_mb": round(os.path.getsize(os.path.join(root, ".watch-schedule")) / 1e6, 1),
             "watch_file_mb": round(os.path.getsize(os.path.join(root, "watches.toml")) / 1e6, 1)}]


FETCH_PAGES = 1000
FETCH_HOSTS = 50
FETCH_LATENCY = 0.05
SERVER_NICE = -10


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

    Pages carry an ETag and honour If-None-Match with a 304, as blog hosts do. Bodies are made
    before the clock starts, so the server's own work per request is a dict lookup; `lag` sums
    how late each answer went out past its 50 ms (an overloaded event loop answers late), and
    `measure()` reports that and the CPU this process used during a run (the server thread: the
    driver only waits), so each row shows whether the server kept up."""

    def __init__(self, paths):
        self.loop = asyncio.new_event_loop()
        self.port = None
        self.requests = 0
        self.lag = 0.0
        self.max_lag = 0.0
        self.pages = {}
        for path in paths:
            body = fetch_page_body(path)
            self.pages[path] = (body, '"%x"' % (hash(body) & 0xFFFFFFFF))
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait()

    def _run(self, ready):
        # The server stands in for 50 remote hosts with CPUs of their own. With other work on
        # this machine's 2 cores its 50 ms timers fire late and the run measures the server,
        # so its thread (only this thread: Linux nice values are per thread, and the clients
        # are started from the main thread) gets a higher priority when the bench may give it.
        try:
            os.setpriority(os.PRIO_PROCESS, 0, SERVER_NICE)
        except OSError:
            print("bench: cannot raise the fetch server's priority (not root): it may answer late "
                  "under load; see server_late_ms", file=sys.stderr)
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
                due = time.perf_counter() + FETCH_LATENCY
                await asyncio.sleep(FETCH_LATENCY)
                body, etag = self.pages.get(path) or self.page(path)
                if headers.get("if-none-match") == etag:
                    writer.write(("HTTP/1.1 304 Not Modified\r\nETag: %s\r\n\r\n" % etag).encode())
                else:
                    writer.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                                  "ETag: %s\r\nContent-Length: %d\r\n\r\n" % (etag, len(body))).encode()
                                 + body)
                late = time.perf_counter() - due
                self.lag += late
                self.max_lag = max(self.max_lag, late)
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, ConnectionError, IndexError):
            pass
        finally:
            writer.close()

    def page(self, path):
        body = fetch_page_body(path)
        return body, '"%x"' % (hash(body) & 0xFFFFFFFF)

    def urls(self):
        return ["http://127.0.0.%d:%d%s" % (2 + index % FETCH_HOSTS, self.port, fetch_path(index))
                for index in range(FETCH_PAGES)]

    def measure(self, command, env):
        """run_measured(command), plus the server's load during it: requests answered, mean and
        worst lateness past the 50 ms in ms, and the server's CPU seconds."""
        before = (self.requests, self.lag, time.process_time())
        self.max_lag = 0.0
        seconds, rss, status, stderr = run_measured(command, env)
        requests = self.requests - before[0]
        load = {"requests": requests,
                "server_late_ms": "%.1f/%.0f" % (1000 * (self.lag - before[1]) / max(1, requests),
                                                 1000 * self.max_lag),
                "server_cpu_s": round(time.process_time() - before[2], 2)}
        return seconds, rss, status, stderr, load


def fetch_path(index):
    return "/2016/07/post-%d.html" % index


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


def urlwatch_command(urlwatch, urls, folder):
    """The urlwatch command line and environment for these URLs, with its files in `folder`."""
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
    return command, env


def fetch_row(tool, jobs, phase, ideal, measured):
    """One table row: wall time against the ideal, peak RSS, the server's load during the run
    and the machine's 1-minute load average at its end (other work on the 2 cores)."""
    seconds, rss, status, stderr, load = measured
    if status != 0:
        print("bench: %s exited %d: %s" % (tool, status, stderr.strip()[-300:]), file=sys.stderr)
    row = {"tool": tool, "jobs": jobs, "phase": phase, "wall_s": round(seconds, 2),
           "ideal_s": round(ideal, 2), "vs_ideal": round(seconds / ideal, 2),
           "peak_rss_mib": round(rss, 1)}
    row.update(load)
    row.update({"load1": round(os.getloadavg()[0], 2), "exit": status})
    return row


def bench_fetch(redline, jobs_list, engines):
    """redline, curl --parallel and urlwatch, one after another against one server."""
    server = LatencyServer([fetch_path(index) for index in range(FETCH_PAGES)])
    urls = server.urls()
    listing = os.path.join(WORK, "fetch-urls.txt")
    with open(listing, "w") as handle:
        handle.write("\n".join(urls) + "\n")
    env = dict(os.environ, NO_PROXY="*", no_proxy="*")
    rows = []
    for engine, jobs in [(engine, jobs) for engine in engines for jobs in jobs_list]:
        store = os.path.join(WORK, "fetch-store-%s-%d" % (engine, jobs))
        shutil.rmtree(store, ignore_errors=True)
        for phase in ("fresh store", "second run (304s)"):
            command = [redline, "snapshot", "--quiet", "--store", store, "--jobs", str(jobs),
                       "--list", listing, "--fetch-engine", engine]
            rows.append(fetch_row("redline (%s)" % engine, jobs, phase,
                                  FETCH_PAGES * FETCH_LATENCY / jobs, server.measure(command, env)))
    # The same libcurl's multi interface, driven by curl itself (fetch only: no extraction, no
    # store): the bound for what a multi-interface fetcher could do on these URLs.
    config = os.path.join(WORK, "fetch-curl.cfg")
    with open(config, "w") as handle:
        handle.write("".join('url = "%s"\noutput = "/dev/null"\n' % url for url in urls))
    for jobs in jobs_list if shutil.which("curl") else []:
        command = ["curl", "--silent", "--parallel", "--parallel-max", str(jobs), "--config", config]
        rows.append(fetch_row("curl --parallel (multi, fetch only)", jobs, "fetch only",
                              FETCH_PAGES * FETCH_LATENCY / jobs, server.measure(command, env)))
    urlwatch = ensure_urlwatch()
    if urlwatch:
        folder = os.path.join(WORK, "fetch-urlwatch")
        shutil.rmtree(folder, ignore_errors=True)
        command, urlwatch_env = urlwatch_command(urlwatch, urls, folder)
        for phase in ("fresh store", "second run (304s)"):
            rows.append(fetch_row("urlwatch (10 threads)", 10, phase, FETCH_PAGES * FETCH_LATENCY / 10,
                                  server.measure(command, urlwatch_env)))
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
    parser.add_argument("--workload", help="the store-workload executable (store section)")
    parser.add_argument("--timing", help="the extract-timing executable (extract section)")
    parser.add_argument("--only", choices=["diff", "hostile", "extract", "store", "big-store",
                                           "false-edits", "held-out", "fetch", "watch"])
    parser.add_argument("--big-sizes", default="1000,10000,50000",
                        help="page counts of the big-store section's generated stores")
    parser.add_argument("--baseline", help="another redline binary for the big-store section")
    parser.add_argument("--baseline-format", choices=["2", "same"], default="2",
                        help="big-store: run --baseline on the store as format 2 (no activity "
                             "index), or on the same store in the same turns, outputs compared")
    parser.add_argument("--big-repeat", type=int,
                        help="big-store: rounds of turns (default: --repeat, at most 3)")
    parser.add_argument("--reuse-stores", action="store_true",
                        help="big-store: read stores already generated in .bench (links too) "
                             "as they are, without generating or writing them")
    parser.add_argument("--jobs", default="8,16,32", help="--jobs values for the fetch section")
    parser.add_argument("--engines", default="multi,thread-pool",
                        help="redline --fetch-engine values for the fetch section")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    results = {}
    print("load average at start: %.2f %.2f %.2f (%d CPUs)" % (os.getloadavg() + (os.cpu_count(),)))
    if args.only in (None, "diff"):
        print("\n## diff: redline vs GNU diff -u")
        results["diff"] = bench_diff(args.redline, args.repeat)
    if args.only in (None, "hostile"):
        print("\n## hostile input: redline extract, one process per page")
        results["hostile"] = bench_hostile(args.redline)
        table(results["hostile"])
    if args.only in (None, "extract") and os.path.isdir(CORPUS) and args.timing:
        print("\n## extract: redline vs trafilatura and libxml2's bare parse (lxml)")
        results["extract"] = bench_extract(args.redline, args.timing)
        table(results["extract"])
    if args.only in (None, "store") and args.workload:
        print("\n## store: generated stores, release build (median of %d runs)" % args.repeat)
        results["store"] = bench_store(args.redline, args.workload, args.repeat)
        for row in results["store"]:
            table([row])
    if args.only in (None, "big-store") and (args.workload or args.reuse_stores):
        print("\n## big stores: audit --since, verify, list vs sha256sum and find + cat")
        results["big-store"] = bench_big_store(
            args.redline, args.workload, [int(n) for n in args.big_sizes.split(",")],
            args.big_repeat or min(args.repeat, 3), args.baseline, args.baseline_format,
            args.reuse_stores)
        table(results["big-store"])


    if args.only in (None, "watch") and args.workload:
        print("\n## watch: deciding what is due (snapshot --due), release build")
        results["watch"] = bench_watch(args.workload, args.repeat)
        table(results["watch"])
    if args.only in (None, "false-edits") and os.path.isdir(CORPUS):
        print("\n## false edits: chrome-only and true-edit pairs of corpus pages, long and short")
        results["false-edits"] = false_edits.benchmark(args.redline)
    if args.only in (None, "held-out"):
        print("\n## held-out pages: news F1 against the peers, false and missed edits on both sets")
        results["held-out"] = bench_held_out(args.redline)
    if args.only in (None, "fetch"):
        print("\n## fetch: redline snapshot of %d posts on %d loopback hosts, %d ms each, vs urlwatch"
              % (FETCH_PAGES, FETCH_HOSTS, FETCH_LATENCY * 1000))
        results["fetch"] = bench_fetch(args.redline, [int(j) for j in args.jobs.split(",")],
                                       args.engines.split(","))
        table(results["fetch"])
    print("\nload average at end: %.2f %.2f %.2f" % os.getloadavg())
    with open(os.path.join(WORK, "results.json"), "w") as handle:
        json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
