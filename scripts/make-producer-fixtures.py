#!/usr/bin/env python3
"""Writes Tests/Fixtures/producers/: small WARC files as other web-archiving tools write them,
for `redline import`'s tests. Run with the archive virtualenv's Python (it has warcio and
requests):

    .venv-archive/bin/python3 scripts/make-producer-fixtures.py

A loopback HTTP server (127.0.0.1, a free port) serves three posts of Tests/Fixtures/audit-site
(one edited between two crawls, one gzip-encoded and chunked), a redirect and an image. Then:

  archivebox-wget.warc.gz   written by wget itself, with the arguments ArchiveBox gives it
                            (WARC/1.0, request/response/metadata/resource records, the
                            gzip-encoded and chunked body as transferred). A real tool.
  warcio-capture.warc.gz    written by warcio's capture_http, the recorder pywb is built on,
                            around requests' GETs (two crawls: the same page twice, an edit).
                            A real tool.
  heritrix.warc.gz          hand-written following Heritrix 3's documented output (Heritrix is
                            a Java crawler that cannot run here): WARC/1.0, a warcinfo with
                            Heritrix's fields, a `dns:` response, response + request +
                            metadata (`outlink:` lines) per URL tied by WARC-Concurrent-To,
                            and in the second crawl a revisit naming its original only by
                            WARC-Refers-To and the payload digest. The HTTP blocks are the
                            loopback server's real bytes (chunked and gzip as transferred).
  browsertrix.warc.gz       hand-written following Browsertrix-Crawler's output (it drives
                            Chromium, which cannot run here): WARC/1.1, WARC-Page-ID on
                            request and response, the body decoded with `x-orig-` header
                            names, `urn:pageinfo:` resource records.
  pywb-record.warc.gz       written by pywb's own recorder (`wayback` with `recorder: live`,
                            collection made by `wb-manager init`), recording GETs sent with a
                            browser's Accept-Encoding through its `/coll/record/` endpoint
                            (pywb forwards it as `gzip, deflate, br`): the ceasefire post
                            br-encoded (two crawls, edited between), a post in windows-1252
                            declared only in the HTTP Content-Type, then a comment POSTed to
                            the ceasefire post's URL (pywb records its answer under that URL,
                            its request record saying POST). pywb keeps the bytes as the
                            server sent them (WARC/1.0, request records).
                            A real tool.
  warcit.warc.gz            written by warcit 0.4.0 itself (webrecorder's converter of files to
                            WARC), run twice on a folder holding the ceasefire post (v1, then
                            v2, their mtimes 2016-07-05 and -06 10:00 UTC, which warcit writes
                            as WARC-Date) and a PNG: `resource` records with http targets and
                            the file's type, no HTTP head; the two files concatenated. warcit
                            is not in the archive virtualenv: install it in a venv of its own
                            (`pip install warcit`) and give its program as WARCIT=PATH.
                            A real tool.
  segmented.warc            hand-written: a response split into two segments (a first
                            record with WARC-Segment-Number 1 and a `continuation` record), and
                            a whole response; Redline reads the whole one and leaves the
                            segmented one out, saying so.

Times, ports and record IDs differ from run to run; the tests assert what does not.
`--only NAME...` (archivebox, warcio, heritrix, browsertrix, pywb, warcit, segmented) writes
those only.
"""
import base64, calendar, gzip, hashlib, http.server, io, json, os, shutil, socket, subprocess, sys
import tempfile, threading, time, uuid

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SITE = os.path.join(ROOT, "Tests", "Fixtures", "audit-site")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "producers")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
state = {"round": 1}


def page(name):
    return open(os.path.join(SITE, name), "rb").read()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""

    def log_message(self, *args):
        pass

    def send(self, status, headers, body):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if not any(n.lower() == "transfer-encoding" for n, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/2016/07/ceasefire.html":
            body = page("ceasefire-v%d.html" % state["round"])
            self.send(200, [("Content-Type", "text/html; charset=utf-8"),
                            ("Last-Modified", "Mon, 04 Jul 2016 18:00:00 GMT")], body)
        elif self.path == "/2016/07/statement.html":
            body = page("statement-v1.html")
            headers = [("Content-Type", "text/html; charset=utf-8")]
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
            headers.append(("Transfer-Encoding", "chunked"))
            half = len(body) // 2
            chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part)
                               for part in (body[:half], body[half:])) + b"0\r\n\r\n"
            self.send(200, headers, chunked)
        elif self.path == "/2016/07/renamed.html":
            self.send(200, [("Content-Type", "text/html")], page("renamed-v1.html"))
        elif self.path == "/br/2016/07/ceasefire.html":
            # As a server that compresses for browsers sends it: br when asked for.
            body = page("ceasefire-v%d.html" % state["round"])
            headers = [("Content-Type", "text/html; charset=utf-8")]
            if "br" in self.headers.get("Accept-Encoding", ""):
                import brotli  # brotlipy, in the archive virtualenv
                body = brotli.compress(body)
                headers.append(("Content-Encoding", "br"))
            self.send(200, headers, body)
        elif self.path == "/legacy/2016/07/oil-ports.html":
            # windows-1252, said only by the HTTP header: no <meta charset>.
            text = page("renamed-v1.html").decode().replace('<meta charset="utf-8">\n', "")
            text = text.replace("Ras Lanuf", "Ras Lanuf \u2013 \u201cthe caf\u00e9 port\u201d")
            self.send(200, [("Content-Type", "text/html; charset=windows-1252")],
                      text.encode("cp1252"))
        elif self.path == "/old":
            self.send(301, [("Location", "/2016/07/statement.html")], b"")
        elif self.path == "/logo.png":
            self.send(200, [("Content-Type", "image/png")], PNG)
        else:
            self.send(404, [("Content-Type", "text/plain")], b"not found\n")


    def do_POST(self):
        # A comment posted to a post: the post answers with the comment in it.
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/br/2016/07/ceasefire.html":
            body = page("ceasefire-v%d.html" % state["round"]).replace(
                b"</article>", b"<p>Comment: thanks for this.</p></article>")
            self.send(200, [("Content-Type", "text/html; charset=utf-8")], body)
        else:
            self.send(404, [("Content-Type", "text/plain")], b"not found\n")


def serve():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d" % server.server_address[1]


PAGES = ["/2016/07/ceasefire.html", "/2016/07/statement.html", "/old", "/logo.png"]


# --- real tools ------------------------------------------------------------------------------

def archivebox_wget(base, work):
    """wget with ArchiveBox's arguments (archivebox/config WGET_ARGS and the wget extractor)."""
    out = os.path.join(work, "archivebox-wget")
    for crawl in (1, 2):
        state["round"] = crawl
        target = out if crawl == 1 else out + "-2"
        subprocess.run(
            ["wget", "--no-verbose", "--adjust-extension", "--convert-links", "--force-directories",
             "--backup-converted", "--span-hosts", "--no-parent", "-e", "robots=off",
             "--restrict-file-names=windows", "--timeout=10", "--tries=1",
             "--warc-file=" + target, "--page-requisites", "--compression=auto",
             "--user-agent=Mozilla/5.0 (X11; Linux x86_64) ArchiveBox/0.7.2 wget/1.21.3",
             "--directory-prefix", os.path.join(work, "wget-files")]
            + [base + p for p in PAGES[:2]], check=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        time.sleep(1.1)
    # One file holding both crawls, as ArchiveBox's archive folder would hold two snapshots.
    with open(os.path.join(OUT, "archivebox-wget.warc.gz"), "wb") as joined:
        for part in (out, out + "-2"):
            joined.write(open(part + ".warc.gz", "rb").read())


def warcio_capture(base):
    from warcio.capture_http import capture_http
    import requests  # after capture_http, which patches http.client
    path = os.path.join(OUT, "warcio-capture.warc.gz")
    if os.path.exists(path):
        os.remove(path)
    for crawl in (1, 1, 2):
        state["round"] = crawl
        with capture_http(path):
            requests.get(base + PAGES[0])
            if crawl == 1:
                requests.get(base + "/2016/07/renamed.html")
        time.sleep(1.1)


# --- hand-written, following each tool's documented output -----------------------------------

def pywb_record(base, work):
    """pywb's recorder: `wayback` serving a collection whose recorder fetches live pages."""
    bin_dir = os.path.dirname(sys.executable)
    root = os.path.join(work, "pywb")
    os.makedirs(root)
    subprocess.run([os.path.join(bin_dir, "wb-manager"), "init", "coll"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(root, "config.yaml"), "w") as config:
        config.write("collections:\n  live: $live\nrecorder: live\n")
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    wayback = subprocess.Popen(
        [os.path.join(bin_dir, "wayback"), "--bind", "127.0.0.1", "-p", str(port)], cwd=root,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    import requests
    session = requests.Session()
    session.trust_env = False  # no proxy: pywb is on 127.0.0.1
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd",
               "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36"}
    try:
        deadline = time.time() + 60
        while True:
            try:
                session.get("http://127.0.0.1:%d/" % port, timeout=2)
                break
            except requests.ConnectionError:
                if time.time() > deadline:
                    raise
                time.sleep(0.3)
        record = "http://127.0.0.1:%d/coll/record/mp_/%s" % (port, base)
        for crawl, paths in ((1, ["/br/2016/07/ceasefire.html", "/legacy/2016/07/oil-ports.html"]),
                             (2, ["/br/2016/07/ceasefire.html"])):
            state["round"] = crawl
            for path in paths:
                # stream: requests would decode br itself; pywb answers with the bytes it keeps.
                answer = session.get(record + path, headers=browser, stream=True, timeout=30)
                answer.raw.read()
                assert answer.status_code == 200, (path, answer.status_code)
            time.sleep(1.1)
        # A comment posted to the post's own URL: pywb records it under that URL.
        answer = session.post(record + "/br/2016/07/ceasefire.html", data={"comment": "thanks"},
                              headers=browser, timeout=30)
        assert answer.status_code == 200, answer.status_code
    finally:
        os.killpg(wayback.pid, 15)
        wayback.wait()
    archive = os.path.join(root, "collections", "coll", "archive")
    files = sorted(os.listdir(archive))
    assert len(files) == 1, files
    shutil.copy(os.path.join(archive, files[0]), os.path.join(OUT, "pywb-record.warc.gz"))


def warcit(work):
    """warcit over a folder of files, twice: the post's v1, then v2 (mtimes a day apart)."""
    program = os.environ.get("WARCIT", "warcit")
    parts = []
    for day, name in ((5, "ceasefire-v1.html"), (6, "ceasefire-v2.html")):
        root = os.path.join(work, "warcit-%d" % day)
        os.makedirs(os.path.join(root, "2016", "07"))
        files = {os.path.join(root, "2016", "07", "ceasefire.html"): page(name),
                 os.path.join(root, "logo.png"): PNG}
        for path, data in files.items():
            open(path, "wb").write(data)
            stamp = calendar.timegm((2016, 7, day, 10, 0, 0))
            os.utime(path, (stamp, stamp))
        subprocess.run([program, "http://blog.example/", root], cwd=work, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        parts.append(open(os.path.join(work, "warcit-%d.warc.gz" % day), "rb").read())
    open(os.path.join(OUT, "warcit.warc.gz"), "wb").write(b"".join(parts))


def digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def record(version, fields, block, target=None, gz=True):
    head = "%s\r\n" % version + "".join("%s: %s\r\n" % f for f in fields)
    head += "Content-Length: %d\r\n\r\n" % len(block)
    data = head.encode() + block + b"\r\n\r\n"
    return gzip.compress(data, mtime=0) if gz else data


def record_id():
    return "<urn:uuid:%s>" % uuid.uuid4()


def warc_date(seconds, fraction=False):
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    return stamp + (".%03dZ" % 250 if fraction else "Z")


def exchange(base, path, headers):
    """The real request and response bytes of one GET over a fresh connection."""
    host = base.split("//")[1]
    request = ("GET %s HTTP/1.1\r\n" % path + "".join("%s: %s\r\n" % h for h in
               [("Host", host)] + headers + [("Connection", "close")]) + "\r\n").encode()
    connection = socket.create_connection(tuple([host.split(":")[0], int(host.split(":")[1])]))
    connection.sendall(request)
    chunks = []
    while True:
        data = connection.recv(65536)
        if not data:
            break
        chunks.append(data)
    connection.close()
    return request, b"".join(chunks)


def http_payload(response):
    return response.split(b"\r\n\r\n", 1)[1]


def heritrix(base):
    version = "WARC/1.0"
    host = base.split("//")[1].split(":")[0]
    info = ("software: Heritrix/3.4.0-20220727 http://crawler.archive.org\r\n"
            "ip: 127.0.0.1\r\nhostname: crawler.example\r\nformat: WARC File Format 1.0\r\n"
            "conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
            "operator: Redline tests\r\nisPartOf: redline-fixtures\r\n"
            "http-header-user-agent: Mozilla/5.0 (compatible; heritrix/3.4.0 +http://example.org)\r\n"
            "robots: obey\r\n").encode()
    start = time.time()
    out = [record(version, [("WARC-Type", "warcinfo"), ("WARC-Date", warc_date(start)),
                            ("WARC-Filename", "heritrix.warc.gz"), ("WARC-Record-ID", record_id()),
                            ("Content-Type", "application/warc-fields")], info)]
    dns = ("%s\n%s.\t3600\tIN\tA\t127.0.0.1\n" % (time.strftime("%Y%m%d%H%M%S"), host)).encode()
    out.append(record(version, [
        ("WARC-Type", "response"), ("WARC-Target-URI", "dns:" + host),
        ("WARC-Date", warc_date(start)), ("WARC-IP-Address", "127.0.0.1"),
        ("WARC-Record-ID", record_id()), ("Content-Type", "text/dns"),
        ("WARC-Block-Digest", digest(dns))], dns))
    originals = {}
    for crawl in (1, 2):
        state["round"] = 1  # the same bytes twice: the second crawl writes revisits
        moment = start + 2 * crawl
        for path in PAGES:
            request, response = exchange(base, path, [
                ("User-Agent", "Mozilla/5.0 (compatible; heritrix/3.4.0 +http://example.org)"),
                ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
                ("Accept-Encoding", "gzip")])
            uri = base + path
            payload = http_payload(response)
            response_id = record_id()
            if uri in originals and originals[uri][1] == digest(payload):
                head = response.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
                out.append(record(version, [
                    ("WARC-Type", "revisit"), ("WARC-Target-URI", uri),
                    ("WARC-Date", warc_date(moment)), ("WARC-IP-Address", "127.0.0.1"),
                    ("WARC-Profile",
                     "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"),
                    ("WARC-Truncated", "length"), ("WARC-Record-ID", response_id),
                    ("WARC-Refers-To", originals[uri][0]),
                    ("Content-Type", "application/http; msgtype=response"),
                    ("WARC-Payload-Digest", digest(payload)),
                    ("WARC-Block-Digest", digest(head))], head))
            else:
                originals[uri] = (response_id, digest(payload))
                out.append(record(version, [
                    ("WARC-Type", "response"), ("WARC-Target-URI", uri),
                    ("WARC-Date", warc_date(moment)), ("WARC-IP-Address", "127.0.0.1"),
                    ("WARC-Record-ID", response_id),
                    ("Content-Type", "application/http; msgtype=response"),
                    ("WARC-Payload-Digest", digest(payload)),
                    ("WARC-Block-Digest", digest(response))], response))
            out.append(record(version, [
                ("WARC-Type", "request"), ("WARC-Target-URI", uri),
                ("WARC-Date", warc_date(moment)), ("WARC-Concurrent-To", response_id),
                ("WARC-Record-ID", record_id()),
                ("Content-Type", "application/http; msgtype=request"),
                ("WARC-Block-Digest", digest(request))], request))
            links = "".join("outlink: %s%s L a/@href\r\n" % (base, p) for p in ("/", "/about.html"))
            meta = ("via: %s/\r\nhopsFromSeed: L\r\nsourceTag: seeds.txt\r\nfetchTimeMs: 4\r\n"
                    "charsetForLinkExtraction: UTF-8\r\n%s" % (base, links)).encode()
            out.append(record(version, [
                ("WARC-Type", "metadata"), ("WARC-Target-URI", uri),
                ("WARC-Date", warc_date(moment)), ("WARC-Concurrent-To", response_id),
                ("WARC-Record-ID", record_id()), ("Content-Type", "application/warc-fields"),
                ("WARC-Block-Digest", digest(meta))], meta))
    open(os.path.join(OUT, "heritrix.warc.gz"), "wb").write(b"".join(out))


def browsertrix(base):
    version = "WARC/1.1"
    start = time.time()
    info = ("software: Browsertrix-Crawler 1.3.0 (with warcio.js 2.3.1)\r\n"
            "format: WARC File Format 1.1\r\n"
            "conformsTo: https://iipc.github.io/warc-specifications/specifications/"
            "warc-format/warc-1.1/\r\nisPartOf: redline-fixtures\r\n").encode()
    out = [record(version, [("WARC-Filename", "browsertrix.warc.gz"),
                            ("WARC-Date", warc_date(start, True)), ("WARC-Type", "warcinfo"),
                            ("WARC-Record-ID", record_id()),
                            ("Content-Type", "application/warc-fields")], info)]
    for crawl in (1, 2):
        state["round"] = crawl
        for path in PAGES[:2]:
            moment = warc_date(start + 2 * crawl, True)
            page_id = str(uuid.uuid4())
            uri = base + path
            request, raw = exchange(base, path, [
                ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
                 "Gecko) Chrome/126.0.0.0 Safari/537.36"), ("Accept-Encoding", "gzip, deflate")])
            status_line, rest = raw.split(b"\r\n", 1)
            head, body = rest.split(b"\r\n\r\n", 1)
            headers = [line.split(b": ", 1) for line in head.split(b"\r\n")]
            names = {n.lower() for n, _ in headers}
            if b"transfer-encoding" in names:  # Chromium hands over the body de-chunked
                parts, data = [], body
                while True:
                    size_line, data = data.split(b"\r\n", 1)
                    size = int(size_line, 16)
                    if size == 0:
                        break
                    parts.append(data[:size])
                    data = data[size + 2:]
                body = b"".join(parts)
            if b"content-encoding" in names:  # ... and decoded
                body = gzip.decompress(body)
            lines = []
            for name, value in headers:
                lower = name.decode().lower()
                if lower in ("content-encoding", "transfer-encoding", "content-length"):
                    lines.append(("x-orig-" + lower, value.decode()))
                else:
                    lines.append((lower, value.decode()))
            lines.append(("content-length", str(len(body))))
            block = (status_line + b"\r\n" + "".join("%s: %s\r\n" % l for l in lines).encode()
                     + b"\r\n" + body)
            response_id = record_id()
            out.append(record(version, [
                ("WARC-Target-URI", uri), ("WARC-Date", moment), ("WARC-Type", "response"),
                ("WARC-Record-ID", response_id), ("WARC-Page-ID", page_id),
                ("WARC-IP-Address", "127.0.0.1"),
                ("WARC-JSON-Metadata", json.dumps({"ipType": "Local"}, separators=(",", ":"))),
                ("Content-Type", "application/http; msgtype=response"),
                ("WARC-Payload-Digest", digest(body)), ("WARC-Block-Digest", digest(block))],
                block))
            out.append(record(version, [
                ("WARC-Target-URI", uri), ("WARC-Date", moment), ("WARC-Type", "request"),
                ("WARC-Record-ID", record_id()), ("WARC-Page-ID", page_id),
                ("WARC-Concurrent-To", response_id),
                ("Content-Type", "application/http; msgtype=request"),
                ("WARC-Payload-Digest", digest(b"")), ("WARC-Block-Digest", digest(request))],
                request))
            info = json.dumps({"pageid": page_id, "url": uri, "ts": moment, "tsStatus": 200,
                               "urls": {uri: {"status": 200, "mime": "text/html",
                                              "type": "document"}},
                               "counts": {"jsErrors": 0}}, separators=(",", ":")).encode()
            out.append(record(version, [
                ("WARC-Target-URI", "urn:pageinfo:" + uri), ("WARC-Date", moment),
                ("WARC-Type", "resource"), ("WARC-Record-ID", record_id()),
                ("WARC-Page-ID", page_id), ("WARC-Resource-Type", "pageinfo"),
                ("Content-Type", "application/json"),
                ("WARC-Payload-Digest", digest(info)), ("WARC-Block-Digest", digest(info))], info))
    open(os.path.join(OUT, "browsertrix.warc.gz"), "wb").write(b"".join(out))


def segmented():
    version = "WARC/1.1"
    body = page("statement-v1.html")
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
             % len(body)) + body
    first, second = block[:700], block[700:]
    origin = record_id()
    whole = page("renamed-v1.html")
    whole_block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                   % len(whole)) + whole
    out = [
        record(version, [("WARC-Type", "response"),
                         ("WARC-Target-URI", "http://blog.example/2016/07/statement.html"),
                         ("WARC-Date", "2016-07-05T10:00:00Z"), ("WARC-Record-ID", origin),
                         ("WARC-Segment-Number", "1"),
                         ("Content-Type", "application/http; msgtype=response"),
                         ("WARC-Block-Digest", digest(first))], first, gz=False),
        record(version, [("WARC-Type", "continuation"),
                         ("WARC-Target-URI", "http://blog.example/2016/07/statement.html"),
                         ("WARC-Date", "2016-07-05T10:00:00Z"), ("WARC-Record-ID", record_id()),
                         ("WARC-Segment-Origin-ID", origin), ("WARC-Segment-Number", "2"),
                         ("WARC-Segment-Total-Length", str(len(block))),
                         ("WARC-Block-Digest", digest(second))], second, gz=False),
        record(version, [("WARC-Type", "response"),
                         ("WARC-Target-URI", "http://blog.example/2016/07/renamed.html"),
                         ("WARC-Date", "2016-07-05T10:00:01Z"), ("WARC-Record-ID", record_id()),
                         ("Content-Type", "application/http; msgtype=response"),
                         ("WARC-Payload-Digest", digest(whole)),
                         ("WARC-Block-Digest", digest(whole_block))], whole_block, gz=False),
    ]
    open(os.path.join(OUT, "segmented.warc"), "wb").write(b"".join(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    server, base = serve()
    work = tempfile.mkdtemp()
    makers = {"archivebox": lambda: archivebox_wget(base, work),
              "warcio": lambda: warcio_capture(base), "heritrix": lambda: heritrix(base), "browsertrix": lambda: browsertrix(base),
              "pywb": lambda: pywb_record(base, work), "warcit": lambda: warcit(work),
              "segmented": segmented}
    only = sys.argv[sys.argv.index("--only") + 1:] if "--only" in sys.argv else list(makers)
    try:
        for name in only:
            makers[name]()
    finally:
        server.shutdown()
        shutil.rmtree(work)
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    sys.exit(main())
