#!/usr/bin/env python3
"""Replays WARC files in pywb and fetches captures through its `id_` endpoint (the payload
as archived, no rewriting). Used by the export tests (Tests/RedlineEndToEndTests) and by hand:

    python3 scripts/pywb-replay.py --venv .venv-archive/bin --work DIR --fetch LIST WARC...

DIR receives the collection (`wb-manager init replay`, `wb-manager add replay WARC...`) and
pywb's output (wayback.out, wayback.err). LIST has one line per capture to fetch,
`TIMESTAMP URL FILE`: the body pywb answers `/replay/TIMESTAMPid_/URL` with is written to
FILE, and one line `STATUS FILE` is printed per capture.

pywb runs on 127.0.0.1 on a free port, in a process group of its own, with stdin from
/dev/null and stdout/stderr to files: nothing it leaves behind holds the caller's pipes.
Every wait has a deadline; on exit (also on SIGTERM, which `timeout` sends) the group is
killed. Exit status 0 when every capture was fetched (whatever its HTTP status), 1 when pywb
did not start or a fetch failed, with the reason and pywb's stderr on stderr.
"""
import argparse, http.client, os, signal, socket, subprocess, sys, time

COLLECTION = "replay"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command, work, deadline):
    """Runs a short command with a deadline; its output goes to the caller's stderr."""
    subprocess.run(command, cwd=work, stdin=subprocess.DEVNULL, stdout=sys.stderr,
                   stderr=sys.stderr, check=True, timeout=max(1, deadline - time.monotonic()))


def get(port, path, timeout):
    """Status and body of a GET to pywb, redirects not followed, no proxy."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


class Wayback:
    """pywb's server in its own process group, killed with its group on close."""

    def __init__(self, venv, work):
        self.port = free_port()
        self.out = open(os.path.join(work, "wayback.out"), "wb")
        self.err_path = os.path.join(work, "wayback.err")
        self.err = open(self.err_path, "wb")
        self.process = subprocess.Popen(
            [os.path.join(venv, "wayback"), "--bind", "127.0.0.1", "-p", str(self.port)],
            cwd=work, stdin=subprocess.DEVNULL, stdout=self.out, stderr=self.err,
            start_new_session=True, close_fds=True)

    def wait_ready(self, deadline):
        """True once the collection answers; False when pywb exited or the deadline passed."""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                status, _ = get(self.port, "/%s/" % COLLECTION, timeout=2)
                if status < 500:
                    return True
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        return False

    def close(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        self.out.close()
        self.err.close()

    def errors(self):
        with open(self.err_path, "rb") as text:
            return text.read()[-4000:].decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--venv", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--fetch", required=True)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("warcs", nargs="+")
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds
    # `timeout` sends SIGTERM: turn it into an exception so that `finally` kills pywb.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("pywb-replay: terminated"))
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    manager = os.path.join(args.venv, "wb-manager")
    run([manager, "init", COLLECTION], work, deadline)
    run([manager, "add", COLLECTION] + [os.path.abspath(w) for w in args.warcs], work, deadline)
    wanted = [line.split(" ", 2) for line in open(args.fetch).read().splitlines() if line]
    server = None
    try:
        # A port found free can be taken before pywb binds it: then pywb exits, try another.
        for _ in range(3):
            server = Wayback(args.venv, work)
            if server.wait_ready(deadline):
                break
            server.close()
            if time.monotonic() >= deadline:
                break
        else:
            server = None
        if server is None or server.process.poll() is not None:
            sys.stderr.write("pywb-replay: pywb did not start\n")
            if server is not None:
                sys.stderr.write(server.errors())
            return 1
        for timestamp, url, path in wanted:
            left = deadline - time.monotonic()
            if left <= 0:
                sys.stderr.write("pywb-replay: out of time before %s %s\n" % (timestamp, url))
                return 1
            status, body = get(server.port, "/%s/%sid_/%s" % (COLLECTION, timestamp, url),
                               timeout=min(30, left))
            with open(path, "wb") as out:
                out.write(body)
            print(status, path, flush=True)
        return 0
    finally:
        if server is not None:
            server.close()


if __name__ == "__main__":
    sys.exit(main())
