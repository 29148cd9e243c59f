#!/usr/bin/env python3
"""ptyrun.py [--cols N --rows N] [[--until REGEX] --keys KEYS]... [--wait S]
-- COMMAND...: runs COMMAND in a pseudo-terminal of that size and writes
every byte it wrote to the terminal on stdout, unchanged (no emulator
between, so a legacy character set arrives as it was written).  Each
--keys string is sent after --wait seconds of output (default 1.5), in
order; one preceded by --until REGEX (a Python bytes regex) waits first
until the output so far matches it (at most 60 s: a slow machine takes
its time, a missing match still ends); then the program gets a moment to
draw and is killed if still running."""
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import fcntl
import time


def drain(fd, seconds, out):
    end = time.time() + seconds
    while True:
        left = end - time.time()
        if left <= 0:
            return True
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        out.append(data)


def drain_until(fd, pattern, out):
    """Reads until the output matches pattern or 60 s have passed; False
    when the program has ended."""
    end = time.time() + 60
    while not re.search(pattern, b"".join(out)) and time.time() < end:
        if not drain(fd, 0.2, out):
            return False
    return True


def main(argv):
    cols, rows, keys, wait, until = 80, 24, [], 1.5, None
    i = 1
    while argv[i] != "--":
        if argv[i] == "--cols":
            cols = int(argv[i + 1])
        elif argv[i] == "--rows":
            rows = int(argv[i + 1])
        elif argv[i] == "--until":
            until = argv[i + 1].encode("utf-8")
        elif argv[i] == "--keys":
            keys.append((until, argv[i + 1].encode("utf-8").decode("unicode_escape").encode("latin-1")))
            until = None
        elif argv[i] == "--wait":
            wait = float(argv[i + 1])
        i += 2
    cmd = argv[i + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    out = []
    alive = drain(fd, wait, out)
    for until, k in keys:
        if alive and until is not None:
            alive = drain_until(fd, until, out)
        if not alive:
            break
        os.write(fd, k)
        alive = drain(fd, wait, out)
    if alive:
        os.kill(pid, signal.SIGTERM)
        drain(fd, 0.5, out)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    sys.stdout.buffer.write(b"".join(out))


main(sys.argv)
