#!/usr/bin/env python3
"""The WARC part of `make bench`: issue #17's three targets, each against its peer in the
same run. Prints one table: wall seconds, CPU seconds (user + system) and peak resident memory
(GNU time) of each side.

1. export: a store of CAPTURES captures (store-workload generate: the sample post as every
   raw body, one unchanged check after each capture) exported with `redline export --format
   warc` vs warcio's WARCWriter writing the same records (response, resource, metadata,
   revisit; warcinfo first; gzip per record; zlib level 9, warcio's) from the same store
   files. Target >= 10x faster. Memory flat: the export is also run on a store of a quarter
   the size. Redline is timed at its default level (6) and at `--compression-level 1`, and
   the sizes of the files written are printed after the table.
2. read: a WARC.gz of about READ_MB megabytes (written once by warcio into .bench/: a crawl's
   mix of request, HTML response and incompressible image response records) read with every
   block and payload digest checked: `redline import --check-digests` vs `warcio check`.
   Target >= 5x faster.
3. import: PAGES corpus pages (../shared/corpus) as HTML responses of a WARC imported into an
   empty store (`redline import`: extraction, comparison, fsync'd store writes) vs `redline
   extract --output-dir` on the same pages as files. Target within 1.3x.
"""
import argparse, glob, hashlib, io, json, os, random, shutil, subprocess, sys, tempfile, time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def timed(command, allowed=(0,)):
    """Wall seconds, CPU seconds (user + system) and peak resident KB of one run (GNU time).
    On a shared machine the CPU seconds move less than the wall time."""
    start = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + command,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    if run.returncode not in allowed:
        sys.exit("bench-warc: %s failed:\n%s" % (" ".join(command[:3]), run.stderr[-2000:]))
    user, system, peak = run.stderr.strip().splitlines()[-1].split()
    return seconds, float(user) + float(system), int(peak)


# --- 1. warcio writing the records `redline export` writes, from the store's files ---------

def warcio_write_store(store, output):
    """What `redline export` writes for a store without exchanges, written by warcio."""
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders

    def iso(t):
        return "%s-%s-%sT%s:%s:%sZ" % (t[0:4], t[4:6], t[6:8], t[9:11], t[11:13], t[13:15])

    with open(output, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
        writer.write_record(writer.create_warcinfo_record(
            "store.warc.gz", {"software": "warcio", "format": "WARC File Format 1.1"}))
        for page_file in sorted(glob.glob(os.path.join(store, "*", "*", "page.json"))):
            folder = os.path.dirname(page_file)
            page = json.load(open(page_file))
            kept = {}
            for line in open(os.path.join(folder, "history.jsonl")):
                check = json.loads(line)
                body_hash = check.get("bodySHA256")
                if "capture" in check and check["outcome"] in ("new", "changed"):
                    t = check["capture"]
                    meta = json.load(open(os.path.join(folder, t + ".json")))
                    body = open(os.path.join(folder, t + ".html"), "rb").read()
                    headers = [(h["name"], h["value"]) for h in meta["headers"]
                               if h["name"].lower() != "content-length"]
                    headers.append(("Content-Length", str(len(body))))
                    http = StatusAndHeaders("%d OK" % meta["status"], headers,
                                            protocol="HTTP/1.1")
                    response = writer.create_warc_record(
                        meta["finalURL"], "response", payload=io.BytesIO(body),
                        length=len(body), http_headers=http,
                        warc_headers_dict={"WARC-Date": iso(t)})
                    writer.write_record(response)
                    response_id = response.rec_headers.get_header("WARC-Record-ID")
                    kept[body_hash] = response
                    text = open(os.path.join(folder, t + ".txt"), "rb").read()
                    writer.write_record(writer.create_warc_record(
                        "urn:redline:article:%s:%s" % (t, page["url"]), "resource",
                        payload=io.BytesIO(text), length=len(text),
                        warc_content_type="text/plain; charset=utf-8",
                        warc_headers_dict={"WARC-Date": iso(t),
                                           "WARC-Concurrent-To": response_id}))
                    block = json.dumps({"page": page, "check": check, "capture": meta},
                                       sort_keys=True).encode()
                    writer.write_record(writer.create_warc_record(
                        "urn:redline:capture:%s:%s" % (t, page["url"]), "metadata",
                        payload=io.BytesIO(block), length=len(block),
                        warc_content_type="application/json",
                        warc_headers_dict={"WARC-Date": iso(t), "WARC-Refers-To": response_id}))
                elif body_hash in kept:
                    original = kept[body_hash]
                    headers = original.rec_headers
                    http = StatusAndHeaders("200 OK", [("Content-Length", str(original.length))],
                                            protocol="HTTP/1.1")
                    writer.write_record(writer.create_revisit_record(
                        headers.get_header("WARC-Target-URI"),
                        headers.get_header("WARC-Payload-Digest"),
                        headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"),
                        http_headers=http,
                        warc_headers_dict={"WARC-Date": iso(check["time"]),
                                           "WARC-Refers-To": headers.get_header(
                                               "WARC-Record-ID")}))


# --- 2. a crawl-like WARC.gz of about READ_MB megabytes -------------------------------------

def write_crawl(path, megabytes, html):
    """Request + response pairs: HTML pages (the corpus) and random 'images' of 50-400 KB."""
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders
    generator = random.Random(17)
    part = path + ".part"
    with open(part, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
        writer.write_record(writer.create_warcinfo_record(
            os.path.basename(path), {"software": "warcio (bench-warc.py)"}))
        number = 0
        while out.tell() < megabytes << 20:
            number += 1
            if number % 3:
                body = html[number % len(html)]
                url, mime = "https://blog.example/post-%d.html" % number, "text/html"
            else:
                body = generator.randbytes(generator.randint(50, 400) << 10)
                url, mime = "https://blog.example/image-%d.jpg" % number, "image/jpeg"
            request = writer.create_warc_record(
                url, "request", http_headers=StatusAndHeaders(
                    "GET /%d HTTP/1.1" % number, [("Host", "blog.example")], is_http_request=True))
            http = StatusAndHeaders("200 OK", [("Content-Type", mime),
                                               ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                 length=len(body), http_headers=http)
            request.rec_headers.add_header(
                "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
            writer.write_record(request)
            writer.write_record(response)
    os.rename(part, path)


def warc_bytes(folder):
    return sum(os.path.getsize(path) for path in glob.glob(os.path.join(folder, "*.warc.gz")))


def corpus_pages(count):
    pages = sorted(glob.glob(os.path.join(ROOT, "..", "shared", "corpus", "*", "*.html")))
    if not pages:
        pages = sorted(glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "sample-post", "*.html")))
    return pages[:count]


def write_pages_warc(path, pages):
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
        for number, page in enumerate(pages):
            body = open(page, "rb").read()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                "https://pages.example/%d/%s" % (number, os.path.basename(page)), "response",
                payload=io.BytesIO(body), length=len(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2026-01-01T00:00:00Z"}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--redline")
    parser.add_argument("--baseline", help="another redline binary, timed in the same run")
    parser.add_argument("--workload", help="the store-workload executable")
    parser.add_argument("--venv", default=os.path.join(ROOT, ".venv-archive", "bin"))
    parser.add_argument("--captures", type=int, default=10000)
    parser.add_argument("--read-mb", type=int, default=1024)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--only", choices=["export", "read", "import"])
    parser.add_argument("--peer-write", nargs=2, metavar=("STORE", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--peer-crawl", nargs=2, metavar=("OUT", "MB"), help=argparse.SUPPRESS)
    parser.add_argument("--peer-pages", nargs="+", metavar="OUT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Modes run with the virtualenv's Python (it has warcio).
    if args.peer_write:
        return warcio_write_store(*args.peer_write)
    if args.peer_crawl:
        pages = [open(p, "rb").read() for p in corpus_pages(200)]
        return write_crawl(args.peer_crawl[0], int(args.peer_crawl[1]), pages)
    if args.peer_pages:
        return write_pages_warc(args.peer_pages[0], args.peer_pages[1:])

    if not args.redline or not args.workload:
        parser.error("--redline and --workload are required")
    python = os.path.join(args.venv, "python3")
    me = os.path.abspath(__file__)
    sample = os.path.join(ROOT, "Tests", "Fixtures", "sample-post", "v1.html")
    rows = []
    sizes = []
    work = tempfile.mkdtemp(dir=os.path.join(ROOT, ".bench") if os.path.isdir(
        os.path.join(ROOT, ".bench")) else None)
    try:
        if args.only in (None, "export"):
            for captures in (args.captures // 4, args.captures):
                store = os.path.join(work, "store-%d" % captures)
                subprocess.run([args.workload, "generate", "--store", store, "--pages",
                                str(captures), "--captures", "1", "--unchanged", "1", "--html",
                                sample], check=True, stdout=subprocess.DEVNULL)
                label = "%d captures" % captures
                out = os.path.join(work, "export-%d" % captures)
                rows.append(("export " + label, "redline export --format warc") + timed(
                    [args.redline, "export", "--format", "warc", "--output", out, "--store",
                     store]))
                sizes.append(("redline export, %s" % label, warc_bytes(out)))
                # The fastest level (libdeflate's 1): more bytes, less time (docs/WARC.md).
                rows.append(("export " + label, "redline export --compression-level 1") + timed(
                    [args.redline, "export", "--format", "warc", "--output", out + "-1",
                     "--store", store, "--compression-level", "1"]))
                sizes.append(("redline --compression-level 1, %s" % label, warc_bytes(out + "-1")))
                shutil.rmtree(out + "-1")
                if args.baseline:
                    rows.append(("export " + label, "baseline export --format warc") + timed(
                        [args.baseline, "export", "--format", "warc", "--output", out + "-base",
                         "--store", store]))
                    shutil.rmtree(out + "-base")
                rows.append(("export " + label, "warcio WARCWriter, same records") + timed(
                    [python, me, "--peer-write", store, os.path.join(work, "warcio.warc.gz")]))
                sizes.append(("warcio (zlib level 9), %s" % label,
                              os.path.getsize(os.path.join(work, "warcio.warc.gz"))))
                shutil.rmtree(store)
                shutil.rmtree(out)
                os.remove(os.path.join(work, "warcio.warc.gz"))
        if args.only in (None, "read"):
            os.makedirs(os.path.join(ROOT, ".bench"), exist_ok=True)
            crawl = os.path.join(ROOT, ".bench", "crawl-%dmb.warc.gz" % args.read_mb)
            if not os.path.exists(crawl):
                subprocess.run([python, me, "--peer-crawl", crawl, str(args.read_mb)], check=True)
            label = "read %d MB WARC.gz" % (os.path.getsize(crawl) >> 20)
            rows.append((label, "redline import --check-digests") + timed(
                [args.redline, "import", "--check-digests", crawl]))
            if args.baseline:
                rows.append((label, "baseline import --check-digests") + timed(
                    [args.baseline, "import", "--check-digests", crawl]))
            rows.append((label, "warcio check") + timed(
                [os.path.join(args.venv, "warcio"), "check", crawl]))
        if args.only in (None, "import"):
            pages = corpus_pages(args.pages)
            warc = os.path.join(work, "pages.warc.gz")
            subprocess.run([python, me, "--peer-pages", warc] + pages, check=True)
            label = "%d pages" % len(pages)
            rows.append((label, "redline import (extract, store)") + timed(
                [args.redline, "import", "--store", os.path.join(work, "imported"), warc]))
            if args.baseline:
                rows.append((label, "baseline import (extract, store)") + timed(
                    [args.baseline, "import", "--store", os.path.join(work, "imported-base"),
                     warc]))
            # Exit status 2 when some page has no article (import then stores a failed check).
            rows.append((label, "redline extract --output-dir") + timed(
                [args.redline, "extract", "--output-dir", os.path.join(work, "texts")] + pages,
                allowed=(0, 2)))
    finally:
        shutil.rmtree(work)
    print("WARC (issue #17 targets), one run: wall seconds, CPU seconds, peak memory")
    for (work_name, who, seconds, cpu, peak) in rows:
        print("  %-26s %-38s %8.2f s %8.2f s CPU %9d KB" % (work_name, who, seconds, cpu, peak))
    if sizes:
        print("WARC files written by the export")
        for (who, size) in sizes:
            print("  %-52s %12d bytes" % (who, size))


if __name__ == "__main__":
    sys.exit(main())
