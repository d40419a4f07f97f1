#!/usr/bin/env python3
"""A loopback HTTP server for incimap's download tests (standard library only).

Usage: http_test_server.py ROOT [--log FILE] [--exit-on-eof]

Binds 127.0.0.1 on a port the system picks and prints that port as the first
line of stdout. GET /NAME serves the file ROOT/NAME with Content-Length and
single-range support (206, or 416 past the end), with the Content-Type
written in ROOT/NAME.content-type if there is one, else one guessed from the
name. A first path segment of
comma-separated behaviours changes how that path is served, e.g.
GET /fail=2,norange/ML.zip:

  status=N    answer status N with a short text body
  fail=N      the first N requests for this path get 500
  busy=N      the first N requests for this path get 429 with Retry-After: 0
  stall=N     the first N requests send half the body, then nothing more
  mute=N      the first N requests get no answer at all
  trickle=N   the first N requests get the body 2 bytes every half second
  truncate=N  the first N requests send half the body, then close
  norange     ignore Range: always 200 with the whole body
  nolength    no Content-Length; the body ends when the connection closes
  redirect=N  answer 302 to this path with redirect=N-1, until N is 0
  loop        answer 302 to this very path, for ever
  offsite     answer 302 to an ftp:// URL on this host (a scheme to refuse)
  badgzip     say Content-Encoding: gzip but send the file as it is (a body
              that does not decode)

--log FILE appends one line per request: the path, the Range header (or
'-') and the User-Agent, tab-separated. --exit-on-eof makes the server quit
when its stdin closes, so it never outlives the test that started it.
"""

import argparse
import email.utils
import mimetypes
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote


def parse_behaviours(segment):
    behaviours = {}
    for item in segment.split(","):
        key, _, value = item.partition("=")
        behaviours[key] = int(value) if value else 1
    return behaviours


KNOWN = {"status", "fail", "busy", "stall", "mute", "trickle", "truncate", "norange",
         "nolength", "redirect", "loop", "offsite", "badgzip"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def do_GET(self):
        server = self.server
        with server.lock:
            server.counts[self.path] = server.counts.get(self.path, 0) + 1
            count = server.counts[self.path]
            if server.log_path:
                with open(server.log_path, "a", encoding="utf-8") as log:
                    log.write("{}\t{}\t{}\n".format(self.path, self.headers.get("Range", "-"),
                                                   self.headers.get("User-Agent", "-")))

        path = unquote(self.path.split("?", 1)[0]).lstrip("/")
        first, _, rest = path.partition("/")
        behaviours = {}
        if rest and set(parse_behaviours(first)) <= KNOWN:
            behaviours = parse_behaviours(first)
            path = rest

        if count <= behaviours.get("mute", 0):
            time.sleep(60)
            self.close_connection = True
            return
        if "status" in behaviours:
            return self.send_text(behaviours["status"], "status {}\n".format(behaviours["status"]))
        if count <= behaviours.get("fail", 0):
            return self.send_text(500, "failing on purpose\n")
        if count <= behaviours.get("busy", 0):
            return self.send_text(429, "busy\n", {"Retry-After": "0"})
        if "loop" in behaviours:
            return self.send_text(302, "again\n", {"Location": self.path})
        if "offsite" in behaviours:
            location = "ftp://127.0.0.1:{}/{}".format(server.server_address[1], path)
            return self.send_text(302, "elsewhere\n", {"Location": location})
        if behaviours.get("redirect", 0) > 0:
            behaviours["redirect"] -= 1
            segment = ",".join("{}={}".format(k, v) for k, v in behaviours.items())
            return self.send_text(302, "moved\n", {"Location": "/{}/{}".format(segment, path)})

        file_path = os.path.join(server.root, path)
        if ".." in path.split("/") or not os.path.isfile(file_path):
            return self.send_text(404, "no such file\n")
        with open(file_path, "rb") as f:
            body = f.read()
        modified = email.utils.formatdate(os.path.getmtime(file_path), usegmt=True)
        self.send_file(body, path, modified, behaviours, count)

    def send_text(self, status, text, headers=None):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def content_type(self, path):
        sidecar = os.path.join(self.server.root, path + ".content-type")
        if os.path.isfile(sidecar):
            with open(sidecar, encoding="utf-8") as f:
                return f.read().strip()
        return mimetypes.guess_type(path)[0] or "application/octet-stream"

    def send_file(self, body, path, modified, behaviours, count):
        size = len(body)
        start = 0
        status = 200
        requested = self.headers.get("Range")
        if requested and "norange" not in behaviours and requested.startswith("bytes="):
            first, _, last = requested[len("bytes="):].partition("-")
            start = int(first)
            if start >= size:
                return self.send_text(416, "range not satisfiable\n",
                                      {"Content-Range": "bytes */{}".format(size)})
            end = min(int(last), size - 1) if last else size - 1
            body = body[start:end + 1]
            status = 206
        self.send_response(status)
        self.send_header("Content-Type", self.content_type(path))
        self.send_header("Last-Modified", modified)
        if "norange" not in behaviours:
            self.send_header("Accept-Ranges", "bytes")
        if "badgzip" in behaviours:
            self.send_header("Content-Encoding", "gzip")
        if status == 206:
            self.send_header("Content-Range", "bytes {}-{}/{}".format(start, start + len(body) - 1, size))
        if "nolength" in behaviours:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()

        if count <= behaviours.get("stall", 0):
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            time.sleep(60)
            self.close_connection = True
            return
        if count <= behaviours.get("trickle", 0):
            for i in range(0, len(body), 2):
                self.wfile.write(body[i:i + 2])
                self.wfile.flush()
                time.sleep(0.5)
            return
        if count <= behaviours.get("truncate", 0):
            self.wfile.write(body[:len(body) // 2])
            self.close_connection = True
            return
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients hang up on purpose (size caps, stalls): not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--log")
    parser.add_argument("--exit-on-eof", action="store_true")
    args = parser.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.root = os.path.abspath(args.root)
    server.log_path = args.log
    server.lock = threading.Lock()
    server.counts = {}

    if args.exit_on_eof:
        def quit_on_eof():
            sys.stdin.buffer.read()
            os._exit(0)
        threading.Thread(target=quit_on_eof, daemon=True).start()

    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
