#!/usr/bin/env python3
"""gxnews test HTTP server (Python standard library only).

    python3 tests/server.py --root DIR --port-file FILE [--host 127.0.0.1]
                            [--port 0] [--max-seconds 600]
                            [--tls-cert PEM --tls-key PEM]
                            [--blackhole-port-file FILE]
                            [--blackhole-host 127.0.0.2] [--log FILE]
                            [--latency-ms N] [--no-gzip] [--verbose]

Binds --host:--port (port 0: a free one) and writes the chosen port to
--port-file (written whole, then renamed into place, so a reader never sees
half of it).  With --tls-cert/--tls-key a second, HTTPS listener is opened
on another free port, written as the second line of the port file.

--latency-ms N holds every answer back N ms (a far server, for the
benchmarks); --no-gzip never compresses, so every client gets the same bytes.

It exits by itself when the process that started it dies, or after
--max-seconds, so no test leaves it behind.

With --blackhole-port-file, a black hole is opened too and its port written
to that file: a socket on --blackhole-host (127.0.0.2, so that a client
counts it as a host of its own) that listens but never accepts, its backlog
filled, so the kernel drops every new SYN and a client's connect hangs: a
host gone from the network, without leaving 127.0.0.0/8.

With --log, every answer is appended to FILE as "STATUS PATH" a line.

Files under --root are served as a web site: a directory URL serves its
index.html; responses carry ETag (a hash of the content) and Last-Modified
(the file's mtime), answer 304 to a matching If-None-Match or to an
If-Modified-Since not older than the file, and are gzip-compressed when the
client's Accept-Encoding allows it.  HTTP/1.1 with keep-alive.

Fault URLs (query parameters in brackets):
  /_fault/500-then-ok?key=K[&n=1]  the first n requests with key K get 500,
                                   later ones 200 "ok K"
  /_fault/status?code=N            always status N (e.g. 503, 410, 403)
  /_fault/404                      404 Not Found
  /_fault/429?key=K[&after=1][&date=1]
                                   first request with key K: 429 with
                                   Retry-After: after (seconds; with date=1
                                   as an HTTP-date), then 200 "ok K"
  /_fault/redirect?to=URL          302 to URL
  /_fault/redirect-chain?n=N       N redirects, then 200 "end of chain"
  /_fault/redirect-loop            302 to itself, forever
  /_fault/redirect-file            302 to file:///etc/passwd
  /_fault/stall                    headers and 10 bytes of a 1000-byte body,
                                   then silence (until the client leaves)
  /_fault/trickle[?ms=500]         headers of a 100000-byte body, then one
                                   byte every ms milliseconds
  /_fault/reset-mid-body           headers and 100 bytes of a 1000-byte body,
                                   then a TCP reset
  /_fault/silent                   reads the request, never answers (until
                                   the client leaves)
  /_fault/endless                  an endless body (no length, until close)
  /_fault/gzip-bomb                130 KB of gzip that inflates to 128 MB
  /_fault/reset                    closes the connection without answering
  /_fault/gbk-nocharset            a GBK page; nothing declares a charset
  /_fault/gbk-wrong-meta           a GBK page whose <meta> says utf-8
  /_fault/gbk-invalid              a page declared gbk with broken bytes
                                   (0xFF, 0x81 0x20) in the middle
  /_fault/slow?ms=200              200 "slow" after a delay of ms
  /_fault/lastmod-only             Last-Modified but no ETag; 304 on a
                                   matching If-Modified-Since
  /_fault/etag-only                ETag but no Last-Modified
  /_fault/bare-304                 ETag on the page; its 304 carries no
                                   validator (servers may leave them out)
  /_fault/headers                  echoes the request headers as text
  /_stats?group=G                  "max=M active=A count=C" for group G
  /_stats?key=K                    "count=C": requests seen with key K

Every request under /_fault/ belongs to a group: its ?group= parameter, or
else its fault name ("slow", ...).  The server counts requests of a group
in progress at once and remembers the most seen ("max"): a client's
per-host connection limit can be checked with it.
"""

import argparse
import email.utils
import gzip
import hashlib
import mimetypes
import os
import select
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LASTMOD = 'Sat, 04 Jan 2025 08:00:00 GMT'
LASTMOD_T = email.utils.parsedate_to_datetime(LASTMOD).timestamp()

GBK_TEXT = ('<h1>中国高新网</h1>\n'
            '<p>朱镕基曾在清华大学经济管理学院任院长；陶喆在台北开演唱会。</p>\n'
            '<p>高新技术产业开发区：创新、创业。</p>\n')


def gbk_page(head, body=GBK_TEXT):
    return ('<!DOCTYPE html>\n<html><head>' + head +
            '<title>中国高新网</title></head>\n<body>\n' + body +
            '</body></html>\n').encode('gbk')


def gbk_invalid():
    raw = gbk_page('<meta charset="gbk">')
    cut = raw.index('陶喆'.encode('gbk'))
    return raw[:cut] + b'\xff\x81\x20' + raw[cut:]


PAGES = {
    'gbk-nocharset': gbk_page(''),
    'gbk-wrong-meta': gbk_page('<meta http-equiv="Content-Type" '
                               'content="text/html; charset=utf-8">'),
    'gbk-invalid': gbk_invalid(),
}


class State:
    lock = threading.Lock()
    keys = {}           # key -> requests seen
    active = {}         # group -> in progress
    maxseen = {}        # group -> most in progress at once
    count = {}          # group -> requests
    bomb = None


def bomb_bytes():
    """128 MiB of zeros as gzip, made in a fifth of a second: one MiB
    deflated up to a full flush (which leaves nothing for what follows to
    refer back to) repeated 128 times.  Deflating all 128 MiB took seconds
    on a loaded machine, longer than a client waits for a first byte, so
    the first request for the bomb stalled and was retried."""
    with State.lock:
        if State.bomb is None:
            zeros = bytes(1 << 20)
            z = zlib.compressobj(9, zlib.DEFLATED, -15)   # raw deflate
            mib = z.compress(zeros) + z.flush(zlib.Z_FULL_FLUSH)
            crc = 0
            for _ in range(128):
                crc = zlib.crc32(zeros, crc)
            State.bomb = (b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff' + mib * 128 +
                          z.flush() + struct.pack('<II', crc, (128 << 20) & 0xffffffff))
        return State.bomb


def etag_of(data):
    return '"' + hashlib.sha1(data).hexdigest()[:16] + '"'


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    # Headers and body go out in two writes; without this the body waits
    # for the client's delayed ACK (40 ms a page).
    disable_nagle_algorithm = True
    server_version = 'gxnews-test'
    verbose = False
    root = '.'
    latency = 0.0
    gzip_ok = True
    log = None

    def log_message(self, fmt, *args):
        if self.verbose:
            sys.stderr.write('server: ' + (fmt % args) + '\n')

    def log_request(self, code='-', size='-'):
        if self.log is not None:
            with State.lock:
                with open(self.log, 'a') as f:
                    f.write('%s %s\n' % (getattr(code, 'value', code), self.path))
        super().log_request(code, size)

    # ---- helpers -----------------------------------------------------
    def param(self, name, default=None):
        v = self.query.get(name)
        return v[0] if v else default

    def send(self, code, body=b'', ctype='text/plain; charset=utf-8',
             headers=(), compress=True):
        if isinstance(body, str):
            body = body.encode('utf-8')
        enc = None
        if (compress and self.gzip_ok and body and code == 200 and
                'gzip' in self.headers.get('Accept-Encoding', '')):
            body = gzip.compress(body, 6)
            enc = 'gzip'
        self.send_response(code)
        if ctype and code != 304:
            self.send_header('Content-Type', ctype)
        if enc:
            self.send_header('Content-Encoding', enc)
            self.send_header('Vary', 'Accept-Encoding')
        for k, v in headers:
            self.send_header(k, v)
        if code != 304:
            self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if code != 304 and self.command != 'HEAD':
            self.wfile.write(body)

    def not_modified(self, etag, lastmod_t):
        inm = self.headers.get('If-None-Match')
        if inm is not None:
            if etag is None:
                return False
            return any(t.strip() in (etag, '*', 'W/' + etag)
                       for t in inm.split(','))
        ims = self.headers.get('If-Modified-Since')
        if ims is None or lastmod_t is None:
            return False
        try:
            t = email.utils.parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            return False
        return int(lastmod_t) <= int(t)

    def client_gone(self, wait):
        r, _, _ = select.select([self.connection], [], [], wait)
        if not r:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b''
        except OSError:
            return True

    # ---- dispatch ----------------------------------------------------
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        if self.latency > 0:
            time.sleep(self.latency)
        url = urllib.parse.urlsplit(self.path)
        self.query = urllib.parse.parse_qs(url.query)
        path = urllib.parse.unquote(url.path)
        key = self.param('key')
        if path == '/_stats':
            return self.stats()
        if key is not None:
            with State.lock:
                State.keys[key] = State.keys.get(key, 0) + 1
        if path.startswith('/_fault/'):
            name = path[len('/_fault/'):]
            group = self.param('group', name)
            with State.lock:
                State.active[group] = State.active.get(group, 0) + 1
                State.count[group] = State.count.get(group, 0) + 1
                State.maxseen[group] = max(State.maxseen.get(group, 0),
                                           State.active[group])
            try:
                return self.fault(name, key)
            finally:
                with State.lock:
                    State.active[group] -= 1
        return self.static(path)

    def stats(self):
        group, key = self.param('group'), self.param('key')
        with State.lock:
            if key is not None:
                text = 'count=%d\n' % State.keys.get(key, 0)
            else:
                text = 'max=%d active=%d count=%d\n' % (
                    State.maxseen.get(group, 0), State.active.get(group, 0),
                    State.count.get(group, 0))
        self.send(200, text, compress=False)

    def static(self, path):
        full = os.path.realpath(os.path.join(self.root, path.lstrip('/')))
        root = os.path.realpath(self.root)
        if full != root and not full.startswith(root + os.sep):
            return self.send(404, 'not found\n')
        if os.path.isdir(full):
            full = os.path.join(full, 'index.html')
        try:
            with open(full, 'rb') as f:
                data = f.read()
            mtime = os.stat(full).st_mtime
        except OSError:
            return self.send(404, 'not found\n')
        etag = etag_of(data)
        headers = [('ETag', etag),
                   ('Last-Modified', email.utils.formatdate(mtime, usegmt=True))]
        if self.not_modified(etag, mtime):
            return self.send(304, headers=headers)
        ctype = mimetypes.guess_type(full)[0] or 'application/octet-stream'
        self.send(200, data, ctype=ctype, headers=headers)

    # ---- faults --------------------------------------------------------
    def fault(self, name, key):
        handler = FAULTS.get(name)
        if handler is None:
            return self.send(404, 'no such fault\n')
        return handler(self, key)

    def f_500_then_ok(self, key):
        with State.lock:
            seen = State.keys.get(key, 0)
        if seen <= int(self.param('n', '1')):
            return self.send(500, 'internal error\n')
        self.send(200, 'ok %s\n' % key)

    def f_status(self, key):
        code = int(self.param('code', '500'))
        self.send(code, 'status %d\n' % code)

    def f_404(self, key):
        self.send(404, 'not found\n')

    def f_429(self, key):
        with State.lock:
            seen = State.keys.get(key, 0)
        if seen > 1:
            return self.send(200, 'ok %s\n' % key)
        after = int(self.param('after', '1'))
        value = str(after)
        if self.param('date'):
            value = email.utils.formatdate(time.time() + after, usegmt=True)
        self.send(429, 'slow down\n', headers=[('Retry-After', value)])

    def f_redirect(self, key):
        self.send(302, '', headers=[('Location', self.param('to', '/'))])

    def f_redirect_chain(self, key):
        n = int(self.param('n', '1'))
        if n <= 0:
            return self.send(200, 'end of chain\n')
        # The hops carry their own type and ETag: a client must keep those
        # of the final answer.
        self.send(302, '', ctype='text/html', headers=[
            ('Location', '/_fault/redirect-chain?n=%d' % (n - 1)),
            ('ETag', '"hop"')])

    def f_redirect_loop(self, key):
        self.send(302, '', headers=[('Location', '/_fault/redirect-loop')])

    def f_redirect_file(self, key):
        self.send(302, '', headers=[('Location', 'file:///etc/passwd')])

    def f_stall(self, key):
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', '1000')
        self.end_headers()
        self.wfile.write(b'0123456789')
        self.wfile.flush()
        deadline = time.time() + 60
        while time.time() < deadline and not self.client_gone(0.2):
            pass
        self.close_connection = True

    def f_trickle(self, key):
        gap = int(self.param('ms', '500')) / 1000.0
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Content-Length', '100000')
        self.end_headers()
        self.wfile.flush()
        deadline = time.time() + 60
        try:
            while time.time() < deadline and not self.client_gone(gap):
                self.wfile.write(b'<')
                self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True

    def f_reset_mid_body(self, key):
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Content-Length', '1000')
        self.end_headers()
        self.wfile.write(b'<html><body><p>' + b'x' * 85)
        self.wfile.flush()
        time.sleep(0.05)
        # SO_LINGER with a zero timeout: close() sends RST, not FIN
        # (closed here: the server's own shutdown would send a FIN first)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   b'\x01\x00\x00\x00\x00\x00\x00\x00')
        os.close(self.connection.detach())
        self.close_connection = True

    def f_silent(self, key):
        deadline = time.time() + 60
        while time.time() < deadline and not self.client_gone(0.2):
            pass
        self.close_connection = True

    def f_endless(self, key):
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Connection', 'close')
        self.end_headers()
        chunk = b'endless ' * 8192
        deadline = time.time() + 60
        try:
            while time.time() < deadline:
                self.wfile.write(chunk)
        except OSError:
            pass
        self.close_connection = True

    def f_gzip_bomb(self, key):
        body = bomb_bytes()
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Content-Encoding', 'gzip')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            self.close_connection = True

    def f_reset(self, key):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def f_page(self, key, name):
        self.send(200, PAGES[name], ctype='text/html')

    def f_slow(self, key):
        time.sleep(int(self.param('ms', '200')) / 1000.0)
        self.send(200, 'slow\n')

    def f_lastmod_only(self, key):
        headers = [('Last-Modified', LASTMOD)]
        if self.not_modified(None, LASTMOD_T):
            return self.send(304, headers=headers)
        self.send(200, '<p>dated page</p>\n', ctype='text/html', headers=headers)

    def f_etag_only(self, key):
        body = b'<p>tagged page</p>\n'
        etag = etag_of(body)
        if self.not_modified(etag, None):
            return self.send(304, headers=[('ETag', etag)])
        self.send(200, body, ctype='text/html', headers=[('ETag', etag)])

    def f_bare_304(self, key):
        body = b'<p>tagged page</p>\n'
        etag = etag_of(body)
        if self.not_modified(etag, None):
            return self.send(304)
        self.send(200, body, ctype='text/html', headers=[('ETag', etag)])

    def f_headers(self, key):
        self.send(200, str(self.headers), compress=False)


FAULTS = {
    '500-then-ok': Handler.f_500_then_ok,
    'status': Handler.f_status,
    '404': Handler.f_404,
    '429': Handler.f_429,
    'redirect': Handler.f_redirect,
    'redirect-chain': Handler.f_redirect_chain,
    'redirect-loop': Handler.f_redirect_loop,
    'redirect-file': Handler.f_redirect_file,
    'stall': Handler.f_stall,
    'silent': Handler.f_silent,
    'trickle': Handler.f_trickle,
    'reset-mid-body': Handler.f_reset_mid_body,
    'endless': Handler.f_endless,
    'gzip-bomb': Handler.f_gzip_bomb,
    'reset': Handler.f_reset,
    'gbk-nocharset': lambda h, k: h.f_page(k, 'gbk-nocharset'),
    'gbk-wrong-meta': lambda h, k: h.f_page(k, 'gbk-wrong-meta'),
    'gbk-invalid': lambda h, k: h.f_page(k, 'gbk-invalid'),
    'slow': Handler.f_slow,
    'lastmod-only': Handler.f_lastmod_only,
    'etag-only': Handler.f_etag_only,
    'bare-304': Handler.f_bare_304,
    'headers': Handler.f_headers,
}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    verbose = False

    def handle_error(self, request, client_address):
        # Clients hanging up on purpose (caps, stalls, TLS refused) are
        # part of the tests, not news.
        if self.verbose:
            super().handle_error(request, client_address)


def watchdog(max_seconds):
    parent = os.getppid()
    deadline = time.time() + max_seconds
    while time.time() < deadline and os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)


def blackhole(host):
    """A listening socket that accepts nothing, its backlog full."""
    hole = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    hole.bind((host, 0))
    hole.listen(0)
    addr = hole.getsockname()
    fill = []
    for _ in range(32):
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.settimeout(0.3)
        try:
            probe.connect(addr)
        except OSError:
            probe.close()
            break           # a connect hangs: the hole is ready
        fill.append(probe)
    return hole, fill


def write_port_file(path, ports):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(''.join('%d\n' % p for p in ports))
    os.rename(tmp, path)


def main():
    ap = argparse.ArgumentParser(description='gxnews test HTTP server')
    ap.add_argument('--root', default='.')
    ap.add_argument('--host', default='127.0.0.1')
    ap.add_argument('--port', type=int, default=0)
    ap.add_argument('--port-file', required=True)
    ap.add_argument('--max-seconds', type=float, default=600)
    ap.add_argument('--tls-cert')
    ap.add_argument('--tls-key')
    ap.add_argument('--blackhole-port-file')
    ap.add_argument('--blackhole-host', default='127.0.0.2')
    ap.add_argument('--log')
    ap.add_argument('--verbose', action='store_true')
    ap.add_argument('--latency-ms', type=float, default=0)
    ap.add_argument('--no-gzip', action='store_true')
    args = ap.parse_args()

    Handler.root = args.root
    Handler.log = args.log
    if args.blackhole_port_file:
        hole = blackhole(args.blackhole_host)
        write_port_file(args.blackhole_port_file, [hole[0].getsockname()[1]])
    Handler.verbose = Server.verbose = args.verbose
    Handler.latency = args.latency_ms / 1000.0
    Handler.gzip_ok = not args.no_gzip
    servers = [Server((args.host, args.port), Handler)]
    if args.tls_cert:
        tls = Server((args.host, 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True,
                                     do_handshake_on_connect=False)
        servers.append(tls)
    threading.Thread(target=watchdog, args=(args.max_seconds,),
                     daemon=True).start()
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    write_port_file(args.port_file, [s.server_address[1] for s in servers])
    try:
        servers[0].serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
