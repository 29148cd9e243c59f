#!/usr/bin/env python3
"""keylat.py N BOUND_MS CMD...: how fast the reader answers keys.

Runs CMD in a pseudo-terminal of 80x24 (TERM=xterm-256color), waits for its
first screen, then sends j and k in turn, N keys, each once the screen has
been quiet for 100 ms, and measures the time from a key to the first byte
the program writes after it.  Prints "keys N median M ms p95 P ms max X ms";
exits 1 if a key got no answer within BOUND_MS.
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def drain(fd, quiet, limit):
    """Reads until fd has been quiet for `quiet` s or `limit` s passed."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return True
        try:
            if not os.read(fd, 65536):
                return False
        except OSError:
            return False
    return True


def main():
    n, bound = int(sys.argv[1]), float(sys.argv[2]) / 1000.0
    cmd = sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = 'xterm-256color'
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    drain(fd, 0.5, 10)
    times, missed = [], 0
    for i in range(n):
        drain(fd, 0.1, 2)
        t0 = time.monotonic()
        os.write(fd, b'j' if i % 2 == 0 else b'k')
        r, _, _ = select.select([fd], [], [], bound)
        if not r:
            missed += 1
            continue
        times.append((time.monotonic() - t0) * 1000.0)
    os.write(fd, b'q')
    drain(fd, 0.2, 1)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    os.waitpid(pid, 0)
    times.sort()
    if times:
        med = times[len(times) // 2]
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print('keys %d median %.1f ms p95 %.1f ms max %.1f ms' % (n, med, p95, times[-1]))
    if missed:
        print('%d keys got no answer within %d ms' % (missed, bound * 1000))
    return 1 if missed else 0


if __name__ == '__main__':
    sys.exit(main())
