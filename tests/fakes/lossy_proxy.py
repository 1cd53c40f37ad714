#!/usr/bin/env python3
"""A loopback HTTP proxy for the tests that loses replies: it forwards every request to
--upstream and relays the reply, except that for requests matching --match ("METHOD path"
regular expression) it can, after the upstream server has applied the request:
  * drop the reply (close the client's connection without a byte) with --drop-rate, or once
    on a reused keep-alive connection with --drop-reused (what makes libcurl re-send by itself);
  * SIGKILL the process whose pid is in --pid-file, at the --kill-after'th matching request;
  * with --delay-ms, hold every matching request that long before forwarding it (a write
    delayed in the network): the kill then happens as the request arrives, before the upstream
    server has seen it, and the killed process's request lands later.
Multi-threaded, HTTP/1.1 keep-alive towards the client. POST /_proxy/config replaces the
settings (JSON with the option names, underscores for dashes; the upstream stays) and resets
the counters;
GET /_proxy/stats returns {"matched", "dropped", "killed", "forwarded", "in_flight"} (in_flight:
requests received and not yet answered or dropped; never reset). Start with --port 0;
the first line is "PORT <n>".
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse

from fake_http import QuietHandler, make_server, send, serve

LOCK = threading.Lock()
CONFIG = {}
STATS = {"matched": 0, "dropped": 0, "killed": 0, "forwarded": 0}
RNG = random.Random(1)
IN_FLIGHT = [0]


DEFAULTS = {"match": r"^(POST|PUT) /api/v1/usage/table/", "drop_rate": 0, "drop_reused": False,
            "kill_after": 0, "pid_file": "", "seed": 1, "delay_ms": 0}


def configure(values):
    """Every setting not in `values` goes back to its default (the upstream stays)."""
    upstream = CONFIG.get("upstream")
    CONFIG.clear()
    CONFIG.update(DEFAULTS)
    if upstream:
        CONFIG["upstream"] = upstream
    CONFIG.update(values)
    RNG.seed(CONFIG["seed"])
    for k in STATS:
        STATS[k] = 0


class Handler(QuietHandler):
    def do_GET(self):
        self.handle_any("GET")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def setup(self):
        super().setup()
        self.requests_on_connection = 0

    def handle_any(self, method):
        raw = self.read_body()
        self.requests_on_connection += 1
        if self.path.startswith("/_proxy/"):
            return self.control(method, raw)
        with LOCK:
            IN_FLIGHT[0] += 1
        try:
            self.forward(method, raw)
        finally:
            with LOCK:
                IN_FLIGHT[0] -= 1

    def forward(self, method, raw):
        with LOCK:
            delay = CONFIG.get("delay_ms", 0) / 1000.0
            delayed = delay > 0 and re.search(CONFIG["match"], method + " " + self.path) is not None
            kill_now = False
            if delayed:
                STATS["matched"] += 1
                if CONFIG.get("kill_after") and STATS["matched"] == CONFIG["kill_after"]:
                    kill_now = True
                    STATS["killed"] += 1
        if kill_now:
            with open(CONFIG["pid_file"]) as f:
                os.kill(int(f.read().strip()), signal.SIGKILL)
        if delayed:
            time.sleep(delay)
        up = urllib.parse.urlsplit(CONFIG["upstream"])
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=30)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "connection", "content-length")}
        conn.request(method, self.path, body=raw if raw else None, headers=headers)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        with LOCK:
            STATS["forwarded"] += 1
            matched = not delayed and re.search(CONFIG["match"], method + " " + self.path) is not None
            drop = kill = False
            if matched:
                STATS["matched"] += 1
                if CONFIG.get("kill_after") and STATS["matched"] == CONFIG["kill_after"]:
                    kill = True
                    STATS["killed"] += 1
                elif CONFIG.get("drop_reused") and self.requests_on_connection > 1:
                    drop = True
                    CONFIG["drop_reused"] = False
                elif RNG.random() < CONFIG.get("drop_rate", 0):
                    drop = True
                if drop:
                    STATS["dropped"] += 1
        if kill:
            with open(CONFIG["pid_file"]) as f:
                os.kill(int(f.read().strip()), signal.SIGKILL)
            drop = True
        if drop or kill_now:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        try:
            send(self, r.status, data, r.getheader("Content-Type") or "application/json")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (or was killed) meanwhile

    def control(self, method, raw):
        if method == "POST" and self.path == "/_proxy/config":
            with LOCK:
                configure(json.loads(raw or b"{}"))
            return send(self, 200, b"{}", "application/json")
        if method == "GET" and self.path == "/_proxy/stats":
            with LOCK:
                data = json.dumps(dict(STATS, in_flight=IN_FLIGHT[0])).encode()
            return send(self, 200, data, "application/json")
        return send(self, 404, b'{"message":"no such control endpoint"}', "application/json")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--upstream", required=True, help="http://127.0.0.1:PORT")
    ap.add_argument("--match", default=r"^(POST|PUT) /api/v1/usage/table/")
    ap.add_argument("--drop-rate", type=float, default=0)
    ap.add_argument("--drop-reused", action="store_true")
    ap.add_argument("--kill-after", type=int, default=0)
    ap.add_argument("--pid-file", default="")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--delay-ms", type=int, default=0)
    args = ap.parse_args()
    configure({k: v for k, v in vars(args).items() if k != "port"})
    serve(make_server(args.port, Handler))
    return 0


if __name__ == "__main__":
    sys.exit(main())
