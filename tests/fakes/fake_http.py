"""What the fake servers share: a quiet keep-alive HTTP/1.1 handler, sending a reply, and
serving on a loopback port (announced as "PORT <n>" on stdout) until SIGTERM.
"""

import os
import signal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    """Keep-alive, no request log, Nagle off, and the request body read in full."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the client's
    # delayed ACK (up to 40 ms per response).
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):  # quiet
        pass

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""


def send(handler, status, data, content_type, headers=()):
    """One response: status, Content-Type, extra headers, Content-Length and the body bytes."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)
    handler.wfile.flush()
    return status


def make_server(port, handler_class):
    """A threaded server on 127.0.0.1:port (0: any free port)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler_class)
    server.daemon_threads = True
    server.request_queue_size = 128
    return server


def serve(server, on_stop=None):
    """Announces the port, then serves until SIGTERM or Ctrl-C (calling on_stop first)."""

    def stop(*_):
        if on_stop is not None:
            on_stop()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        stop()
