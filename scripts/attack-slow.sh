#!/usr/bin/env bash
# Many slow clients against a local server with the demo data: 4 000 slow
# connections from 20 loopback addresses (tests/attack/slow_clients.py)
# while a prober measures /foreningar for a normal visitor. With several
# binaries (old and new), each gets the same attack in turn on a copy of
# one database, and the figures are printed per binary. Target: p99 under
# 1 s during the attack; exits 1 when a binary misses it. Not part of
# scripts/test.sh (it takes minutes); scripts/attack.sh runs it.
#
# Usage: scripts/attack-slow.sh [BINARY ...]     (default build/samverka)
# Environment: ATTACK_CONNS (4000), ATTACK_ADDRESSES (20), ATTACK_INTERVAL
# (seconds between a slow client's bytes, 5), ATTACK_BODY_SHARE (share of
# slow bodies, 0.25), ATTACK_DURATION (seconds of probing, 60),
# ATTACK_THREADS (server threads, 2), ATTACK_SERVER_SOFT_NOFILE (the soft
# descriptor limit the server starts with, e.g. 1024 as systemd gives a
# service; default: this shell's, raised to the hard limit).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- "$root/build/samverka"
conns=${ATTACK_CONNS:-4000}
tmp=$(mktemp -d /tmp/samverka-attack.XXXXXX)
pid=
missed=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# The attacker and the server each need a descriptor per connection.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((conns + 100)) ]; then
	echo "attack-slow: ulimit -n is $(ulimit -n); $conns connections need more" >&2
	exit 1
fi

"$1" demo --db "sqlite:$tmp/db" --no-history >/dev/null
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
for bin in "$@"; do
	cp "$tmp/db" "$tmp/run.db"
	p=$(port)
	(
		[ -n "${ATTACK_SERVER_SOFT_NOFILE:-}" ] && ulimit -Sn "$ATTACK_SERVER_SOFT_NOFILE"
		exec "$bin" serve --listen "127.0.0.1:$p" --db "sqlite:$tmp/run.db" \
			--threads "${ATTACK_THREADS:-2}" --files "$tmp/files" --insecure-cookies
	) >"$tmp/log" 2>&1 &
	pid=$!
	for _ in $(seq 100); do curl -fs "http://127.0.0.1:$p/healthz" >/dev/null && break; sleep 0.1; done
	echo "== $bin"
	python3 "$root/tests/attack/slow_clients.py" --port "$p" --conns "$conns" \
		--addresses "${ATTACK_ADDRESSES:-20}" --interval "${ATTACK_INTERVAL:-5}" \
		--body-share "${ATTACK_BODY_SHARE:-0.25}" --duration "${ATTACK_DURATION:-60}" ||
		missed="$missed $bin"
	echo "server: $(grep -c . "$tmp/log") lines in its log, still running: $(kill -0 "$pid" 2>/dev/null && echo yes || echo no)"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
	rm -f "$tmp/run.db"*
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "$missed" ] || { echo "attack-slow: the target was missed by:$missed" >&2; exit 1; }
