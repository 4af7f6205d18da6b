#!/usr/bin/env bash
# What each benchmarked page asks the database, how the database plans
# it, and what it costs, on SQLite or PostgreSQL: runs samverka with a
# preload library that logs every statement it executes with its values
# (bench/sqltrace.c, bench/pgtrace.c), fetches every page of
# bench/pages.txt once past the response cache, then explains each logged
# statement with the same values:
#   SQLite: EXPLAIN QUERY PLAN, and CPU ms in the sqlite3 shell (user + sys,
#     min and median of 15 runs after 2 warm-up runs, rows read but not
#     printed; the shell takes every value as text, which the server does not
#     for numbers, so a statement of many rows costs the server less: the
#     page starts, 95 721 rows, 14 ms in the shell, 5 ms counted in SQLite);
#   PostgreSQL: PREPARE of the server's own SQL, 5 executions (the custom
#     plans the server's prepared statement starts with), then EXPLAIN
#     (ANALYZE, BUFFERS, TIMING OFF) EXECUTE 15 times for the execution and
#     planning ms (min and median) and EXPLAIN (ANALYZE, BUFFERS) once for
#     the plan shown; and whether PostgreSQL went on with generic or custom
#     plans, as the server's connections do after their fifth execution.
# The SQL is taken from the running server, so it cannot drift from
# src/register/queries.c.
#
# Usage: bench/explain.sh DB [PAGE-NAME...]
#   DB  an SQLite database file, or the postgresql:// URL of a database,
#       already loaded with `samverka demo` (e.g. BENCH_KEEP=1 bench/run.sh);
#       it is copied (PostgreSQL: CREATE DATABASE ... TEMPLATE, so nothing
#       may be connected to it), never changed.
# Environment: SAMVERKA_BIN as for bench/run.sh; BENCH_PAGES, another page
#   file in the format of bench/pages.txt (bench/grants.sh passes its own);
#   SQLITE_PRAGMAS, e.g.
#   "PRAGMA mmap_size=268435456;", to time SQLite with other settings.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
if [ $# -lt 1 ]; then
	echo "usage: bench/explain.sh DB|POSTGRESQL-URL [PAGE-NAME...]" >&2
	exit 2
fi
src_db=$1
shift
case $src_db in
postgres://* | postgresql://*) engine=pg ;;
*)
	engine=sqlite
	[ -f "$src_db" ] || {
		echo "explain: $src_db is not a file" >&2
		exit 2
	}
	;;
esac
tools="cc curl ss"
[ "$engine" = pg ] && tools="$tools psql pkg-config" || tools="$tools sqlite3"
for tool in $tools; do
	command -v "$tool" >/dev/null || {
		echo "explain: $tool is not installed" >&2
		exit 1
	}
done

tmp=$(mktemp -d /tmp/samverka-explain.XXXXXX)
sv_pid=
copy_db=
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	stop_pid "$sv_pid"
	[ -n "$copy_db" ] && pg_drop "$copy_db"
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bin=$(bench_binary)
if [ "$engine" = pg ]; then
	# The cluster's maintenance database, for making and dropping the copy.
	src_name=${src_db#*://*/}
	src_name=${src_name%%\?*}
	export BENCH_PG_URL=${BENCH_PG_URL:-$(pg_url_for "$src_db" postgres)}
	copy_db=samverka_explain_$$
	pg_create "$copy_db" "$src_name"
	db_url=$(pg_url_for "$src_db" "$copy_db")
	# shellcheck disable=SC2046 # pkg-config prints several flags
	cc -shared -fPIC -O2 $(pkg-config --cflags libpq) -o "$tmp/trace.so" \
		"$root/bench/pgtrace.c" -ldl
	trace_env=(PGTRACE_FILE="$tmp/sql.log")
else
	# The backup API copies what the write-ahead log holds too.
	sqlite3 "$src_db" ".backup '$tmp/db'"
	db_url=sqlite:$tmp/db
	cc -shared -fPIC -O2 -o "$tmp/trace.so" "$root/bench/sqltrace.c" -ldl
	trace_env=(SQLTRACE_FILE="$tmp/sql.log")
fi

# Starts the server on the copy; with tracing when $1 is 1.
serve() {
	local port
	port=$(free_port)
	if [ "$1" = 1 ]; then
		env "${trace_env[@]}" LD_PRELOAD="$tmp/trace.so" \
			"$bin" serve --db "$db_url" --listen "127.0.0.1:$port" --files "$tmp/files" \
			>>"$tmp/serve.log" 2>&1 &
	else
		"$bin" serve --db "$db_url" --listen "127.0.0.1:$port" --files "$tmp/files" \
			>>"$tmp/serve.log" 2>&1 &
	fi
	sv_pid=$!
	sv=http://127.0.0.1:$port
	wait_up "$sv/healthz"
}

# The page numbers come from the JSON API's totals, asked of a server of
# their own, so that the traced one reads everything it keeps per content
# generation (the areas and groups, the page starts, counts) for the pages
# below: the first page explained shows what a page costs after a write.
serve 0
bench_pages "$sv" "${BENCH_PAGES:-}" >"$tmp/pages.txt"
stop_pid "$sv_pid"
serve 1

# The statements of each page, in the order the server ran them.
n=0
while read -r name path _; do
	if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
		continue
	fi
	n=$((n + 1))
	touch "$tmp/sql.log"
	before=$(wc -l <"$tmp/sql.log")
	case $path in *\?*) url="$path&_b=explain" ;; *) url="$path?_b=explain" ;; esac
	curl -fsS -o /dev/null "$sv$url"
	# Lines are written when a statement starts, before the answer is sent.
	# Left out: a pool thread's first request opening its connection
	# (PRAGMAs) and FTS5 reading its own config ('main'.'..._config').
	tail -n +"$((before + 1))" "$tmp/sql.log" | grep -v -e '^PRAGMA' -e "FROM 'main'\." \
		>"$tmp/page-$n.sql" || true
	echo "$name $path" >"$tmp/page-$n.name"
done <"$tmp/pages.txt"
stop_pid "$sv_pid"
sv_pid=

# Prints min and median CPU ms of one SQLite statement.
sqlite_cpu_ms() {
	{
		echo "${SQLITE_PRAGMAS:-}"
		echo ".mode off"
		echo "$1"
		echo "$1"
		echo ".timer on"
		for _ in $(seq 15); do echo "$1"; done
	} | sqlite3 "$tmp/db" | awk '/^Run Time/ { print ($6 + $8) * 1000 }' | sort -n |
		awk '{ a[NR] = $1 } END { printf "%.2f %.2f\n", a[1], a[int((NR + 1) / 2)] }'
}

# One SQLite statement: its plan and cost; adds its ms to the totals.
explain_sqlite() {
	local sql=$1 mn md
	read -r mn md < <(sqlite_cpu_ms "$sql")
	echo
	echo "$sql"
	sqlite3 "$tmp/db" "EXPLAIN QUERY PLAN $sql" | sed 's/^/    /'
	echo "    cpu ms: min $mn, median $md"
	total_min=$(awk -v a="$total_min" -v b="$mn" 'BEGIN { print a + b }')
	total_med=$(awk -v a="$total_med" -v b="$md" 'BEGIN { print a + b }')
}

# The psql script for one logged PostgreSQL execution (SQL, then values,
# tab-separated, escaped as bench/pgtrace.c writes them): the statement
# prepared as the server prepares it, run as the server runs it.
pg_script() {
	awk -F'\t' -v q="'" '
		function unescape(s,    o, i, c) {
			o = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "\\" && i < length(s)) {
					c = substr(s, ++i, 1)
					c = c == "t" ? "\t" : c == "n" ? "\n" : c
				}
				o = o c
			}
			return o
		}
		function literal(s) {
			if (s == "\\N")
				return "NULL"
			s = unescape(s)
			gsub(q, q q, s)
			return q s q
		}
		{
			args = ""
			for (i = 2; i <= NF; i++)
				args = args (i > 2 ? ", " : "") literal($i)
			exec = "EXECUTE s" (args != "" ? "(" args ")" : "")
			print "\\set ON_ERROR_STOP 1"
			print "PREPARE s AS " unescape($1) ";"
			print "\\o /dev/null"
			for (i = 0; i < 5; i++)
				print exec ";"
			print "\\o"
			for (i = 0; i < 15; i++)
				print "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) " exec ";"
			print "\\echo @@plan"
			print "EXPLAIN (ANALYZE, BUFFERS) " exec ";"
			print "\\echo @@plans"
			print "SELECT generic_plans || " q " generic, " q " || custom_plans || " q " custom" q \
				" FROM pg_prepared_statements WHERE name = " q "s" q ";"
			print "\\echo @@values " args
		}'
}

# One PostgreSQL statement: its plan and cost; adds its ms to the totals.
explain_pg() {
	local line=$1 out mn md pmd plans values
	printf '%s\n' "$line" | pg_script >"$tmp/stmt.psql"
	out=$(psql -X -q -At "$db_url" -f "$tmp/stmt.psql")
	read -r mn md < <(printf '%s\n' "$out" | sed '/^@@plan$/,$d' |
		awk '/^Execution Time:/ { print $3 }' | sort -n |
		awk '{ a[NR] = $1 } END { printf "%.3f %.3f\n", a[1], a[int((NR + 1) / 2)] }')
	pmd=$(printf '%s\n' "$out" | sed '/^@@plan$/,$d' | awk '/^Planning Time:/ { print $3 }' |
		sort -n | awk '{ a[NR] = $1 } END { printf "%.3f\n", a[int((NR + 1) / 2)] }')
	plans=$(printf '%s\n' "$out" | sed -n '/^@@plans$/{n;p}')
	values=$(printf '%s\n' "$out" | sed -n 's/^@@values //p')
	echo
	printf '%s\n' "${line%%$'\t'*}" | sed 's/\\n/\n/g'
	[ -n "$values" ] && echo "    values: $values"
	printf '%s\n' "$out" | sed -n '/^@@plan$/,/^@@plans$/p' | sed '1d;$d' | sed 's/^/    /'
	echo "    execution ms: min $mn, median $md; planning ms: median $pmd; plans: $plans"
	total_min=$(awk -v a="$total_min" -v b="$mn" 'BEGIN { print a + b }')
	total_med=$(awk -v a="$total_med" -v b="$md" 'BEGIN { print a + b }')
}

for i in $(seq "$n"); do
	echo "=================== $(cat "$tmp/page-$i.name")"
	total_min=0
	total_med=0
	while IFS= read -r stmt; do
		if [ "$engine" = pg ]; then
			explain_pg "$stmt"
		else
			explain_sqlite "$stmt"
		fi
	done <"$tmp/page-$i.sql"
	echo
	echo "--- $(cat "$tmp/page-$i.name"): statements' ms, sum of mins $total_min, of medians $total_med"
done
