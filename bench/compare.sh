#!/usr/bin/env bash
# Old binary against new on one database, in the same run: each register
# page cached and rendered fresh (a unique ignored parameter per request),
# the two servers measured in turn, ROUNDS times, so a drifting machine
# shows in both. Prints req/s and p99 per page and binary, and the new/old
# ratio of the medians.
#
# Usage: bench/compare.sh OLD_BINARY NEW_BINARY [DB_FILE]
# Environment: BENCH_ASSOCS (default 100000, when no DB_FILE), BENCH_DURATION
# (seconds per measurement, default 5), BENCH_ROUNDS (default 3),
# BENCH_CONNS (default 64), BENCH_PAGES (a grep pattern: only those pages),
# BENCH_PAGE_FILE (the pages to measure, in bench/pages.txt's format, each
# rendered fresh; sida=MID, sida=LAST and /ID as bench/run.sh fills them in),
# BENCH_DB_URL (the postgresql:// URL of a loaded database, e.g. by `samverka
# demo`, to measure on PostgreSQL instead: a copy of it is made, CREATE
# DATABASE ... TEMPLATE, so nothing may be connected to it, and dropped).
set -euo pipefail
old=$1
new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
dur=${BENCH_DURATION:-5}
rounds=${BENCH_ROUNDS:-3}
conns=${BENCH_CONNS:-64}
tmp=$(mktemp -d /tmp/samverka-compare.XXXXXX)
pids=()
pg_copy=
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	[ -n "$pg_copy" ] && pg_drop "$pg_copy"
	rm -rf "$tmp"
}
trap cleanup EXIT

if [ -n "${BENCH_DB_URL:-}" ]; then
	BENCH_PG_URL=$(pg_url_for "$BENCH_DB_URL" postgres)
	pg_copy=samverka_compare_$$
	src=${BENCH_DB_URL#*://*/}
	src=${src%%\?*}
	pg_create "$pg_copy" "$src"
	db=$(pg_url_for "$BENCH_DB_URL" "$pg_copy")
elif [ -n "${3:-}" ]; then
	sqlite3 "$3" ".backup '$tmp/db'"
	db=sqlite:$tmp/db
else
	"$new" demo --db "sqlite:$tmp/db" --associations "${BENCH_ASSOCS:-100000}" --no-history >/dev/null
	db=sqlite:$tmp/db
fi
"$new" migrate --db "$db" >/dev/null

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() {
	local bin=$1 p=$2
	"$bin" serve --listen "127.0.0.1:$p" --db "$db" --threads 2 --files "$tmp/files" \
		--insecure-cookies >"$tmp/log.$p" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do curl -fs "http://127.0.0.1:$p/healthz" >/dev/null && return; sleep 0.1; done
	echo "compare: $bin did not start" >&2
	exit 1
}
po=$(port); start "$old" "$po"
pn=$(port); start "$new" "$pn"

# One wrk run: "req/s p99_ms".
measure() {
	local url=$1 fresh=$2 script=()
	[ "$fresh" = 1 ] && script=(-s "$root/bench/unique-url.lua")
	wrk -t1 -c"$conns" -d"${dur}s" --latency "${script[@]}" "$url" 2>/dev/null | awk '
		/Requests\/sec/ { r = $2 }
		/ 99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } p = v }
		END { printf "%.0f %.2f\n", r, p }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# "NAME FRESH PATH" lines: the file's pages (fresh), or the default set.
if [ -n "${BENCH_PAGE_FILE:-}" ]; then
	bench_pages "http://127.0.0.1:$pn" "$BENCH_PAGE_FILE" | awk '{ print $1, 1, $2 }' >"$tmp/pages"
else
	cat >"$tmp/pages" <<'PAGES'
list-cached 0 /foreningar
list-fresh 1 /foreningar
search-idrott-fresh 1 /foreningar?q=idrott
page-100-fresh 1 /foreningar?sida=100
detail-cached 0 /foreningar/1
api-search-fresh 1 /api/v1/foreningar?q=musik
PAGES
fi

printf '%-34s %10s %9s %10s %9s %7s\n' page "old req/s" "old p99" "new req/s" "new p99" new/old
while read -r name fresh path; do
	[ -z "$name" ] && continue
	[ -n "${BENCH_PAGES:-}" ] && ! printf '%s' "$name" | grep -Eq "$BENCH_PAGES" && continue
	: >"$tmp/o"
	: >"$tmp/n"
	for _ in $(seq "$rounds"); do
		measure "http://127.0.0.1:$po$path" "$fresh" >>"$tmp/o"
		measure "http://127.0.0.1:$pn$path" "$fresh" >>"$tmp/n"
	done
	or=$(cut -d' ' -f1 "$tmp/o" | median); op=$(cut -d' ' -f2 "$tmp/o" | median)
	nr=$(cut -d' ' -f1 "$tmp/n" | median); np=$(cut -d' ' -f2 "$tmp/n" | median)
	printf '%-34s %10s %8sms %10s %8sms %7s\n' "$name" "$or" "$op" "$nr" "$np" \
		"$(awk -v a="$nr" -v b="$or" 'BEGIN { printf "%.2f", b ? a / b : 0 }')"
done <"$tmp/pages"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
