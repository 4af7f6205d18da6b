#!/usr/bin/env bash
# What each benchmarked page asks SQLite, how SQLite plans it, and what it
# costs: runs samverka with bench/sqltrace.c preloaded, fetches every page
# of bench/pages.txt once past the response cache, then runs each logged
# statement (bound values written in) under EXPLAIN QUERY PLAN and times it
# in the sqlite3 shell (CPU ms, user + sys, min and median of 15 runs after
# 2 warm-up runs, default page cache as in the server).
#
# Usage: bench/explain.sh DB [PAGE-NAME...]
#   DB  an SQLite database already loaded with `samverka demo` (e.g. from
#       BENCH_KEEP=1 bench/run.sh); it is copied, never changed.
# Environment: SAMVERKA_BIN as for bench/run.sh; SQLITE_PRAGMAS, e.g.
#   "PRAGMA mmap_size=268435456;", to time the statements with other settings.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ] || [ ! -f "$1" ]; then
	echo "usage: bench/explain.sh DB [PAGE-NAME...]" >&2
	exit 2
fi
src_db=$1
shift
for tool in sqlite3 cc curl ss; do
	command -v "$tool" >/dev/null || {
		echo "explain: $tool is not installed" >&2
		exit 1
	}
done

tmp=$(mktemp -d /tmp/samverka-explain.XXXXXX)
sv_pid=
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [ -n "$sv_pid" ]; then
		kill -TERM "$sv_pid" 2>/dev/null || true
		wait "$sv_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "${SAMVERKA_BIN:-}" ]; then
	bin=$SAMVERKA_BIN
else
	[ -f "$root/build-bench/build.ninja" ] ||
		meson setup "$root/build-bench" "$root" --buildtype=release >/dev/null
	ninja -C "$root/build-bench" >/dev/null
	bin=$root/build-bench/samverka
fi
cc -shared -fPIC -O2 -o "$tmp/sqltrace.so" "$root/bench/sqltrace.c" -ldl
cp "$src_db" "$tmp/db"

port=
for _ in $(seq 100); do
	p=$((20000 + RANDOM % 30000))
	if [ -z "$(ss -Htln "sport = :$p")" ]; then
		port=$p
		break
	fi
done
[ -n "$port" ] || {
	echo "explain: no free port" >&2
	exit 1
}
SQLTRACE_FILE=$tmp/sql.log LD_PRELOAD=$tmp/sqltrace.so \
	"$bin" serve --db "sqlite:$tmp/db" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
sv_pid=$!
for _ in $(seq 100); do
	curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
	sleep 0.1
done

# The statements of each page, in the order the server ran them.
n=0
while read -r name path; do
	case $name in '#'* | '') continue ;; esac
	if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
		continue
	fi
	n=$((n + 1))
	before=$(wc -l <"$tmp/sql.log" 2>/dev/null || echo 0)
	case $path in *\?*) url="$path&_b=explain" ;; *) url="$path?_b=explain" ;; esac
	curl -fsS -o /dev/null "http://127.0.0.1:$port$url"
	# Lines are written when a statement starts, before the answer is sent.
	# Left out: a pool thread's first request opening its connection
	# (PRAGMAs) and FTS5 reading its own config ('main'.'..._config').
	tail -n +"$((before + 1))" "$tmp/sql.log" | grep -v -e '^PRAGMA' -e "FROM 'main'\." \
		>"$tmp/page-$n.sql" || true
	echo "$name $path" >"$tmp/page-$n.name"
done <"$root/bench/pages.txt"
kill -TERM "$sv_pid"
wait "$sv_pid" 2>/dev/null || true
sv_pid=

# Prints min and median CPU ms of one statement.
cpu_ms() {
	{
		echo "${SQLITE_PRAGMAS:-}"
		echo ".output /dev/null"
		echo "$1"
		echo "$1"
		echo ".timer on"
		for _ in $(seq 15); do echo "$1"; done
	} | sqlite3 "$tmp/db" | awk '/^Run Time/ { print ($6 + $8) * 1000 }' | sort -n |
		awk '{ a[NR] = $1 } END { printf "%.2f %.2f\n", a[1], a[int((NR + 1) / 2)] }'
}

for i in $(seq "$n"); do
	echo "=================== $(cat "$tmp/page-$i.name")"
	total_min=0
	total_med=0
	while IFS= read -r sql; do
		read -r mn md < <(cpu_ms "$sql")
		echo
		echo "$sql"
		sqlite3 "$tmp/db" "EXPLAIN QUERY PLAN $sql" | sed 's/^/    /'
		echo "    cpu ms: min $mn, median $md"
		total_min=$(awk -v a="$total_min" -v b="$mn" 'BEGIN { print a + b }')
		total_med=$(awk -v a="$total_med" -v b="$md" 'BEGIN { print a + b }')
	done <"$tmp/page-$i.sql"
	echo
	echo "--- $(cat "$tmp/page-$i.name"): statements' cpu ms, sum of mins $total_min, of medians $total_med"
done
