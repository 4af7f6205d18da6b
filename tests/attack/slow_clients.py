#!/usr/bin/env python3
"""Many slow clients against one server, and what a normal visitor sees.

Opens --conns connections spread over --addresses loopback source addresses
(127.0.0.2, 127.0.0.3, ...), each sending its request as slowly as it can
without going idle: a slow head (the request line, then one byte of a header
every --interval seconds) or, for --body-share of them, a slow body (a whole
head announcing a form of 500 000 bytes, then one byte of it every
--interval seconds). A connection the server closes is opened again after
a second, as an attacker would. Meanwhile a prober in its own process asks
for --path on a new connection every 100 ms, from 127.0.0.1, and the
figures are printed at the end: the probes' p50, p99 and failures before
and during the attack (a failed probe counts as its 10 s timeout), and how
long the server let the slow connections live. Exits 1 when the p99 during
the attack is not under --target-ms (1 000).

Python 3 standard library only. Needs a file descriptor per connection:
raise `ulimit -n` above --conns first. Not part of the test suite: run by
scripts/attack-slow.sh.
"""
import argparse
import asyncio
import os
import resource
import socket
import statistics
import subprocess
import sys
import time

PROBE_TIMEOUT = 10.0


def percentile(values, p):
    """The p-th percentile (nearest rank) of values, which is not empty."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def probe_once(host, port, path):
    """One GET on a new connection: (seconds, status), status 0 on failure."""
    t0 = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=PROBE_TIMEOUT) as s:
            s.settimeout(max(0.1, PROBE_TIMEOUT - (time.monotonic() - t0)))
            s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
                       % (path, host)).encode())
            data = b""
            while True:
                left = PROBE_TIMEOUT - (time.monotonic() - t0)
                if left <= 0:
                    return PROBE_TIMEOUT, 0
                s.settimeout(left)
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return min(time.monotonic() - t0, PROBE_TIMEOUT), 0
    parts = data.split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    return time.monotonic() - t0, status


def run_prober(host, port, path, seconds):
    """The prober's process: a line 'seconds status' per probe on stdout."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t0 = time.monotonic()
        took, status = probe_once(host, port, path)
        print("%.6f %d" % (took, status), flush=True)
        time.sleep(max(0.0, 0.1 - (time.monotonic() - t0)))


def summary(lines):
    """p50/p99/max in ms and the failures of a prober's output, and the p99
    in ms (a failure counts as the probe's timeout)."""
    probes = [(float(a), int(b)) for a, b in (l.split() for l in lines if l.strip())]
    if not probes:
        return "no probes", PROBE_TIMEOUT * 1000
    times = [t if st == 200 else PROBE_TIMEOUT for t, st in probes]
    failed = sum(1 for _, st in probes if st != 200)
    p99 = percentile(times, 99) * 1000
    return ("%d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed"
            % (len(probes), percentile(times, 50) * 1000, p99, max(times) * 1000, failed),
            p99)


def start_prober(args, seconds):
    return subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "--probe", "--host", args.host,
         "--port", str(args.port), "--path", args.path, "--duration", str(seconds)],
        stdout=subprocess.PIPE, text=True)


class Tally:
    def __init__(self):
        self.open = 0
        self.opened = 0
        self.refused = 0
        self.closed = 0
        self.lifetimes = []


async def slow_connection(args, tally, source, body):
    """One slow client, opened again whenever the server closes it."""
    while True:
        try:
            reader, writer = await asyncio.open_connection(
                args.host, args.port, local_addr=(source, 0))
        except OSError:
            tally.refused += 1
            await asyncio.sleep(1)
            continue
        tally.open += 1
        tally.opened += 1
        born = time.monotonic()
        if body:
            head = ("POST /logga-in HTTP/1.1\r\nHost: %s\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    "Content-Length: 500000\r\n\r\nq=" % args.host)
            trickle = b"a"
        else:
            head = "GET /foreningar HTTP/1.1\r\nHost: %s\r\nX-Slow: " % args.host
            trickle = b"b"
        closed = asyncio.ensure_future(reader.read(65536))
        try:
            writer.write(head.encode())
            while True:
                await writer.drain()
                done, _ = await asyncio.wait({closed}, timeout=args.interval)
                if done:
                    break
                writer.write(trickle)
        except OSError:
            pass
        finally:
            closed.cancel()
            writer.close()
        tally.open -= 1
        tally.closed += 1
        tally.lifetimes.append(time.monotonic() - born)
        await asyncio.sleep(1)


async def attack(args):
    tally = Tally()
    sources = ["127.0.0.%d" % (2 + i) for i in range(args.addresses)]
    nbody = int(round(args.conns * args.body_share))
    tasks = []
    for i in range(args.conns):
        tasks.append(asyncio.ensure_future(
            slow_connection(args, tally, sources[i % len(sources)], i < nbody)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    t0 = time.monotonic()
    while tally.open < args.conns * 0.9 and time.monotonic() - t0 < 30:
        await asyncio.sleep(0.5)
    print("attack: %d of %d slow connections open after %.1f s; probing for %d s"
          % (tally.open, args.conns, time.monotonic() - t0, args.duration), flush=True)
    loop = asyncio.get_running_loop()
    prober = start_prober(args, args.duration)
    low = tally.open
    out = loop.run_in_executor(None, prober.communicate)
    while not out.done():
        await asyncio.sleep(0.5)
        low = min(low, tally.open)
    lines = (await out)[0].splitlines()
    for t in tasks:
        t.cancel()
    return tally, low, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--path", default="/foreningar")
    ap.add_argument("--conns", type=int, default=4000)
    ap.add_argument("--addresses", type=int, default=20)
    ap.add_argument("--interval", type=float, default=5.0)
    ap.add_argument("--body-share", type=float, default=0.25)
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--target-ms", type=int, default=1000)
    ap.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.probe:
        run_prober(args.host, args.port, args.path, args.duration)
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < args.conns + 64:
        sys.exit("attack: ulimit -n allows %d files, %d connections need more"
                 % (hard, args.conns))
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    quiet = start_prober(args, 5)
    before = quiet.communicate()[0].splitlines()
    print("before: " + summary(before)[0], flush=True)
    tally, low, lines = asyncio.run(attack(args))
    during, p99 = summary(lines)
    print("during: " + during)
    life = tally.lifetimes
    print("slow connections: %d opened, %d closed by the server%s, %d refused at connect, "
          "%d open at the end (fewest while probing %d)"
          % (tally.opened, tally.closed,
             " (lifetime p50 %.1f s, max %.1f s)" % (statistics.median(life), max(life))
             if life else "", tally.refused, tally.open, low))
    held = p99 < args.target_ms
    print("target: p99 under %d ms during the attack: %s" % (args.target_ms,
                                                             "held" if held else "missed"))
    sys.exit(0 if held else 1)


if __name__ == "__main__":
    main()
