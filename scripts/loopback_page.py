"""A loopback HTTP server for the measuring scripts: every GET gets `body()` as text/html."""
import http.server, threading


def serve_html(body):
    """Starts serving on 127.0.0.1 (a free port) on a daemon thread; returns the server and
    its base URL (`http://127.0.0.1:PORT/`). `body()` is called once per request."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            data = body()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d/" % server.server_address[1]
