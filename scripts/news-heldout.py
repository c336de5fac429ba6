#!/usr/bin/env python3
"""Held-out news pages: Redline and its peers on news articles nobody here tuned on, in one run.

    scripts/news-heldout.py --redline .build/release/redline
    scripts/news-heldout.py --redline R --worst 5          # also the lowest-F1 pages of each
    scripts/news-heldout.py --redline R --web              # make the second set (see below)

Pages: the news articles of newspaper4k's own test suite (PyPI sdist newspaper4k==0.9.6,
tests/data/html/NAME.html with the expected text tests/data/txt/NAME.txt; 23 pages in ten
languages: CNN, Wired, Time, Fox 13, Yonhap, a Japanese, Chinese, Thai, Arabic, Latvian,
Spanish and Burmese site, ...). The expected texts are what newspaper4k extracts, checked by
its maintainers: the article's paragraphs without title, byline, date or captions, and
without the article's subheadings. That is a stricter gold than ../shared/corpus's (which keeps
subheadings; readability's keeps captions), so read the figures against the peers in the same
run, not against the corpus figures.

The sdist is fetched once with pip into .bench/news-heldout/ (PyPI must be reachable); the
peers (trafilatura 2.3.1 default and favor_precision, readability-lxml) are installed into
.bench/venv as `make bench` does. Scores are ../shared/corpus/evaluate.py's (4-word shingle
F1, precision over pages with output, recall over all pages).

A second held-out set, for the false-edit benchmark only (`--web`, then `scripts/false_edits.py
--held-out web`): the ~100 pages of trafilatura 1.0.0's test suite (tests/cache: German and
English blogs, news, shops, institutions), with trafilatura's own favor_precision text as a
stand-in gold that places the article in the page. Its F1 would only measure agreement with
trafilatura, so none is printed.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(ROOT, ".bench", "news-heldout")
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
SDIST = "newspaper4k==0.9.6"

ADAPTERS = '''
import lxml.html, trafilatura
from readability import Document
def trafilatura_default(html):
    return trafilatura.extract(html) or ""
def trafilatura_precision(html):
    return trafilatura.extract(html, favor_precision=True) or ""
def readability_lxml(html):
    summary = Document(html).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""
'''


def fetched(folder, spec, unpack, after=None):
    """`folder` under .bench/news-heldout, made on first use: the sdist `spec` fetched with pip,
    `unpack(tar, staging)` writing its pages into a staging folder, `after(staging)` run on it,
    and the staging folder renamed into place only when all that succeeded."""
    data = os.path.join(WORK, folder)
    if os.path.isdir(data) and any(name.endswith(".txt") for name in os.listdir(data)):
        return data
    os.makedirs(WORK, exist_ok=True)
    download = tempfile.mkdtemp(dir=WORK)
    try:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary",
                        ":all:", "-d", download, spec], check=True)
        archive = next(os.path.join(download, name) for name in os.listdir(download))
        staging = data + ".partial"
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging)
        with tarfile.open(archive) as tar:
            unpack(tar, staging)
        if after:
            after(staging)
        os.replace(staging, data)
    finally:
        shutil.rmtree(download, ignore_errors=True)
    return data


def pages():
    """The folder of NAME.html + NAME.txt pairs of newspaper4k's tests, made on first use."""
    def unpack(tar, staging):
        members = {member.name: member for member in tar.getmembers() if member.isfile()}
        for name, member in members.items():
            parts = name.split("/")
            if parts[-2:-1] != ["txt"] or "tests" not in parts:
                continue
            stem = parts[-1][:-len(".txt")]
            html = "/".join(parts[:-2] + ["html", stem + ".html"])
            if html not in members:
                continue
            for source, target in ((member, stem + ".txt"), (members[html], stem + ".html")):
                with tar.extractfile(source) as handle, \
                        open(os.path.join(staging, target), "wb") as out:
                    out.write(handle.read())
    return fetched("pages", SDIST, unpack)


WEB_SDIST = "trafilatura==1.0.0"
WEB_GOLD = '''
import os, sys, trafilatura
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith(".html"):
        continue
    raw = open(os.path.join(folder, name), "rb").read()
    try:
        html = raw.decode("utf-8")
    except UnicodeDecodeError:
        html = raw.decode("latin-1")
    text = trafilatura.extract(html, favor_precision=True, include_comments=False) or ""
    if len(text) < 300:
        os.remove(os.path.join(folder, name))
        continue
    with open(os.path.join(folder, name[:-5] + ".txt"), "w", encoding="utf-8") as out:
        out.write(text)
'''


def web_pages(python):
    """The folder of trafilatura 1.0.0's test pages (tests/cache/*.html, ~100 blogs, news and
    other pages, mostly German), each with trafilatura's favor_precision text without comments
    as NAME.txt: a stand-in gold that only places the article in the page for false_edits.py
    (--held-out web), never a score to compare with trafilatura. Made on first use."""
    def unpack(tar, staging):
        for member in tar.getmembers():
            parts = member.name.split("/")
            if member.isfile() and parts[-2:-1] == ["cache"] and parts[-1].endswith(".html"):
                with tar.extractfile(member) as handle, \
                        open(os.path.join(staging, parts[-1].replace(" ", "_")), "wb") as out:
                    out.write(handle.read())
    return fetched("web", WEB_SDIST, unpack,
                   lambda staging: subprocess.run([python, "-c", WEB_GOLD, staging], check=True))


def peers_python():
    venv = os.path.join(ROOT, ".bench", "venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    probe = subprocess.run([python, "-c", "import trafilatura, readability, lxml_html_clean"],
                           capture_output=True)
    if probe.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "-q", "trafilatura==2.3.1",
                        "readability-lxml", "lxml_html_clean"], check=True)
    return python


def evaluate(python, data, extra, worst):
    command = [python, os.path.join(CORPUS, "evaluate.py"), "--data", data] + extra
    if worst:
        command += ["--worst", str(worst)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    summary = None
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            summary = json.loads(line[len("RESULT "):])
    if worst:
        print("\n".join(line for line in result.stdout.splitlines()
                        if not line.startswith("RESULT ")))
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redline", required=True)
    parser.add_argument("--worst", type=int, default=0)
    parser.add_argument("--web", action="store_true",
                        help="only make the second held-out set (trafilatura 1.0.0's test pages) "
                             "for false_edits.py --held-out web, and say where it is")
    arguments = parser.parse_args()
    data = pages()
    python = peers_python()
    if arguments.web:
        web = web_pages(python)
        count = sum(name.endswith(".txt") for name in os.listdir(web))
        print(f"{count} held-out web pages in {web}")
        return
    rows = []
    with tempfile.TemporaryDirectory() as work:
        outputs = os.path.join(work, "redline")
        os.makedirs(outputs)
        htmls = sorted(os.path.join(data, name) for name in os.listdir(data)
                       if name.endswith(".html"))
        subprocess.run([arguments.redline, "extract", "--format", "text", "--output-dir", outputs]
                       + htmls, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rows.append(("redline", evaluate(sys.executable, data, ["--outputs", outputs],
                                         arguments.worst)))
        adapters = os.path.join(work, "adapters.py")
        with open(adapters, "w") as handle:
            handle.write(ADAPTERS)
        for name in ("trafilatura_default", "trafilatura_precision", "readability_lxml"):
            rows.append((name.replace("_", " "),
                         evaluate(python, data, ["--py", adapters + ":" + name], arguments.worst)))
    print(f"{len(htmls)} held-out news pages (newspaper4k's test suite)\n")
    print("| extractor | F1 | precision | recall |")
    print("| --- | --- | --- | --- |")
    for name, summary in rows:
        print(f"| {name} | {summary['f1']:.3f} | {summary['precision']:.3f} | "
              f"{summary['recall']:.3f} |")


if __name__ == "__main__":
    main()
