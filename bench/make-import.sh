#!/usr/bin/env bash
# Writes an import file of N associations (default 100 000) in the format
# `samverka import foreningar` reads: the register's own CSV export of a
# generated demo register, so every row is one the import accepts (valid
# organisationsnummer, the demo's areas and target groups by name).
#
#   bench/make-import.sh [N] [OUT.csv]     (default 100000, foreningar-N.csv)
#
# Environment: SAMVERKA_BIN, the binary (default build/samverka). It loads a
# throw-away SQLite database, serves it on 127.0.0.1 for one request and
# stops; the file holds the first N public associations in the register's
# order. Import it into a database that has the demo's reference data, e.g.
#   samverka demo --db URL --no-history
#   samverka import foreningar --db URL foreningar-100000.csv
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
out=${2:-foreningar-$n.csv}
bin=${SAMVERKA_BIN:-$root/build/samverka}
[ -x "$bin" ] || {
	echo "make-import: $bin is not executable (build first, or set SAMVERKA_BIN)" >&2
	exit 1
}

tmp=$(mktemp -d /tmp/samverka-import.XXXXXX)
sv_pid=
cleanup() {
	if [ -n "$sv_pid" ]; then
		kill -TERM "$sv_pid" 2>/dev/null || true
		wait "$sv_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# About 1 in 24 demo associations is inactive or not public, which the
# export leaves out: generate a few more than asked for.
"$bin" demo --db "sqlite:$tmp/src.db" --associations $((n + n / 16 + 10)) --no-history \
	>/dev/null 2>"$tmp/demo.err" || {
	cat "$tmp/demo.err" >&2
	exit 1
}

port=
for _ in $(seq 100); do
	p=$((20000 + RANDOM % 30000))
	if [ -z "$(ss -Htln "sport = :$p")" ]; then
		port=$p
		break
	fi
done
[ -n "$port" ] || {
	echo "make-import: no free port" >&2
	exit 1
}
"$bin" serve --db "sqlite:$tmp/src.db" --listen "127.0.0.1:$port" --files "$tmp/files" \
	>"$tmp/serve.log" 2>&1 &
sv_pid=$!
for _ in $(seq 100); do
	curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
	sleep 0.1
done
curl -fsS -o "$tmp/all.csv" "http://127.0.0.1:$port/oppna-data/foreningar.csv"
head -n $((n + 1)) "$tmp/all.csv" >"$out"
rows=$(($(wc -l <"$out") - 1))
[ "$rows" -eq "$n" ] || {
	echo "make-import: the export had only $rows rows" >&2
	exit 1
}
echo "$out: $rows associations"
