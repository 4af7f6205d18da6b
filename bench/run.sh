#!/usr/bin/env bash
# The register under load, as its visitors feel it, on SQLite and on
# PostgreSQL in one run: a fresh database per engine loaded with `samverka
# demo --associations N` (timed), every page of bench/pages.txt served
# from the response cache and rendered fresh, at 1 connection and at 64,
# beside nginx serving the list page's own bytes from a file; then a mixed
# load of many different pages while bench/writer.py saves one association
# every 100 ms. Prints Markdown tables (bench/README.md says what each
# means); progress goes to stderr. Everything it starts is stopped, and
# every database it made is dropped, on exit.
#
# Environment:
#   SAMVERKA_BIN     binary to measure (default: build build-bench as release)
#   BENCH_ENGINES    "sqlite pg" (the default when a PostgreSQL cluster is
#                    given), "sqlite" or "pg"
#   BENCH_PG_URL     the PostgreSQL cluster (default SAMVERKA_TEST_PG); a
#                    database is created on it for the run and dropped after
#   BENCH_ASSOCS     associations to generate (default 100000)
#   BENCH_PG_ASSOCS  the same for PostgreSQL (default BENCH_ASSOCS)
#   BENCH_DB_FROM    copy this loaded SQLite database instead of running demo
#   BENCH_PG_FROM    copy this loaded PostgreSQL database (CREATE DATABASE
#                    ... TEMPLATE; nothing may be connected to it)
#   BENCH_PAGE_FILE  the pages to measure, in bench/pages.txt's format (default
#                    bench/pages.txt; keep "list" in it, which nginx is set
#                    beside)
#   BENCH_DURATION   seconds per measurement (default 5; 1 s warm-up each)
#   BENCH_MIXED_DURATION  seconds per mixed load (default 2 x BENCH_DURATION;
#                    3 s warm-up each, the writer on: the first reading of
#                    every word and filter it asks is not what a running
#                    server's visitors meet)
#   BENCH_WRITES     the mixed loads' kinds of write (bench/writer.py): "rename
#                    members" (the default), or one of them
#   BENCH_EXPLAIN=1  after each engine's tables, bench/explain.sh on its
#                    database (the plans, printed after the tables)
#   BENCH_KEEP=1     keep the temp dir (databases, logs, wrk output) and the
#                    PostgreSQL database
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
assocs=${BENCH_ASSOCS:-100000}
pg_assocs=${BENCH_PG_ASSOCS:-$assocs}
duration=${BENCH_DURATION:-5}
mixed_duration=${BENCH_MIXED_DURATION:-$((2 * duration))}
write_kinds=${BENCH_WRITES:-rename members}
for kind in $write_kinds; do
	case $kind in rename | members) ;; *)
		echo "bench: BENCH_WRITES takes rename and members, not $kind" >&2
		exit 2
		;;
	esac
done
warm=1
mixed_warm=3
if [ -n "${BENCH_ENGINES:-}" ]; then
	engines=$BENCH_ENGINES
elif [ -n "$(pg_base_url)" ]; then
	engines="sqlite pg"
else
	engines=sqlite
	echo "bench: no PostgreSQL cluster (BENCH_PG_URL or SAMVERKA_TEST_PG): SQLite only" >&2
fi

tools="wrk nginx curl ss awk timeout python3 sqlite3"
[[ " $engines " == *" pg "* ]] && tools="$tools psql"
for tool in $tools; do
	command -v "$tool" >/dev/null || {
		echo "bench: $tool is not installed" >&2
		exit 1
	}
done
if [[ " $engines " == *" pg "* ]] && [ -z "$(pg_base_url)" ]; then
	echo "bench: BENCH_ENGINES has pg but neither BENCH_PG_URL nor SAMVERKA_TEST_PG is set" >&2
	exit 1
fi

tmp=$(mktemp -d /tmp/samverka-bench.XXXXXX)
sv_pid=
ngx_pid=
writer_pid=
pg_db=

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	stop_pid "$writer_pid"
	stop_pid "$ngx_pid"
	stop_pid "$sv_pid"
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "bench: kept $tmp${pg_db:+ and database $pg_db}" >&2
	else
		[ -n "$pg_db" ] && pg_drop "$pg_db"
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bin=$(bench_binary)
[ -x "$bin" ] || {
	echo "bench: $bin is not executable" >&2
	exit 1
}
chmod 755 "$tmp" # nginx workers run as an unprivileged user
mkdir -p "$tmp/www" "$tmp/nginx"

now() { date +%s.%N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
rss_kb() { ps -o rss= -p "$sv_pid" | tr -d ' '; }

# Turns wrk's latency ("812.00us", "1.20ms", "2.01s") into milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000
		else if (v ~ /ms$/) n = n
		else if (v ~ /m$/) n *= 60000
		else if (v ~ /s$/) n *= 1000
		printf "%.3f", n
	}'
}

# Waits until samverka (and its PostgreSQL backends) are idle: at most one
# clock tick of CPU in 0.3 s, 60 s at most. When wrk stops, the requests
# it had in flight are still worked off, and slow ones would eat into the
# next measurement.
settle() {
	local prev cur
	prev=$(cpu_ticks)
	for _ in $(seq 200); do
		sleep 0.3
		cur=$(cpu_ticks)
		[ $((cur - prev)) -le 1 ] && return 0
		prev=$cur
	done
	echo "bench: samverka still busy after 60 s" >&2
}

# Results, keyed "engine|page|mode|conns".
declare -A rps p50 p99 errs nreq
# Per engine: load time; per part ("engine|part"): load before and after,
# resident memory after (all of it, and the anonymous part: the rest is the
# database file as SQLite maps it) and the peak so far.
declare -A load_s load_before load_after rss_after anon_after hwm_after
# Per mixed load ("engine|mixed|kind|conns"): what the writer did, and how
# much the content and the search generation rose.
declare -A writes gen_delta search_delta
# Per engine: its pages (names_of, paths_of, budget_of by "engine|i"),
# how many, the list page's size.
declare -A names_of paths_of budget_of npages list_bytes

# Warms up, then measures url at conns connections; keeps req/s, p50, p99
# and wrk's error lines under key. Extra arguments go to wrk.
measure() {
	local key=$1 url=$2 conns=$3 out
	shift 3
	echo "measuring $key: $url $*" >&2
	timeout 30 wrk -t1 -c"$conns" -d"${warm}s" --timeout 10s "$@" "$url" >/dev/null
	settle
	out="$tmp/wrk-${key//[|\/]/_}.txt"
	timeout $((duration + 60)) wrk -t1 -c"$conns" -d"${duration}s" --timeout 10s --latency \
		"$@" "$url" >"$out"
	nreq[$key]=$(awk '/ requests in / { print $1 }' "$out")
	rps[$key]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	p50[$key]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
	p99[$key]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
	errs[$key]=$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s; ", $0 }' "$out")
	errs[$key]=${errs[$key]%; }
}

# Records the load average and samverka's memory around one part.
part_begin() { load_before[$engine|$1]=$(loadavg); }
part_end() {
	load_after[$engine|$1]=$(loadavg)
	rss_after[$engine|$1]=$(rss_kb)
	anon_after[$engine|$1]=$(awk '/^RssAnon/ { print $2 }' "/proc/$sv_pid/status")
	hwm_after[$engine|$1]=$(awk '/^VmHWM/ { print $2 }' "/proc/$sv_pid/status")
}

# The slugs of the list page's select named $1, comma-separated.
select_values() {
	awk -v n="$1" '
		$0 ~ "<select[^>]*name=\"" n "\"" { on = 1; next }
		on && /<\/select>/ { on = 0 }
		on && match($0, /value="[^"]+"/) { v = v (v ? "," : "") substr($0, RSTART + 7, RLENGTH - 8) }
		END { print v }' "$tmp/www/foreningar"
}

# The register's content generation and its largest association id.
db_scalar() {
	if [ "$engine" = pg ]; then
		psql -X -At "$db_url" -c "$1"
	else
		sqlite3 "$tmp/sqlite.db" "$1"
	fi
}

# Loads the engine's database (db_url), timed.
load_db() {
	local n=$assocs t0 t1
	[ "$engine" = pg ] && n=$pg_assocs
	if [ "$engine" = sqlite ] && [ -n "${BENCH_DB_FROM:-}" ]; then
		sqlite3 "$BENCH_DB_FROM" ".backup '$tmp/sqlite.db'"
		db_url=sqlite:$tmp/sqlite.db
		load_s[$engine]="copied from $BENCH_DB_FROM"
	elif [ "$engine" = pg ] && [ -n "${BENCH_PG_FROM:-}" ]; then
		pg_db=samverka_bench_$$
		pg_create "$pg_db" "$BENCH_PG_FROM"
		db_url=$(pg_url_for "$(pg_base_url)" "$pg_db")
		load_s[$engine]="copied from $BENCH_PG_FROM"
	else
		if [ "$engine" = pg ]; then
			pg_db=samverka_bench_$$
			pg_create "$pg_db"
			db_url=$(pg_url_for "$(pg_base_url)" "$pg_db")
		else
			db_url=sqlite:$tmp/sqlite.db
		fi
		echo "loading $n associations into $engine" >&2
		t0=$(now)
		"$bin" demo --db "$db_url" --associations "$n" >"$tmp/demo-$engine.out" \
			2>"$tmp/demo-$engine.err"
		t1=$(now)
		load_s[$engine]=$(awk -v a="$t0" -v b="$t1" -v n="$n" \
			'BEGIN { printf "%d associations loaded in %.1f s (%.0f a second)", n, b - a, n / (b - a) }')
	fi
	echo "$engine: ${load_s[$engine]}" >&2
	# An administrator of the run's own for the writer.
	writer_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
	echo "$writer_pw" | "$bin" user add --db "$db_url" --email bench-writer@example.se \
		--name "Bench writer" --role admin >/dev/null
}

# Starts samverka on the engine's database and nginx serving its list
# page's bytes with the same Content-Type; checks both answer the same.
start_servers() {
	local sv_port ngx_port ctype ngx_ctype
	sv_port=$(free_port)
	"$bin" serve --db "$db_url" --listen "127.0.0.1:$sv_port" --files "$tmp/files" \
		--insecure-cookies >"$tmp/serve-$engine.log" 2>&1 &
	sv_pid=$!
	sv=http://127.0.0.1:$sv_port
	wait_up "$sv/healthz"

	ctype=$(curl -fsS -o "$tmp/www/foreningar" -w '%{content_type}' "$sv/foreningar")
	chmod 644 "$tmp/www/foreningar"
	ngx_port=$(free_port)
	while [ "$ngx_port" = "$sv_port" ]; do ngx_port=$(free_port); done
	cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	tcp_nodelay on;
	keepalive_timeout 65;
	keepalive_requests 1000000;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	types { }
	default_type "$ctype";
	server {
		listen 127.0.0.1:$ngx_port;
		root $tmp/www;
		location = /foreningar { }
	}
}
EOF
	nginx -e "$tmp/nginx/error.log" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" &
	ngx_pid=$!
	ngx=http://127.0.0.1:$ngx_port
	wait_up "$ngx/foreningar"
	curl -fsS -o "$tmp/nginx.body" "$ngx/foreningar"
	ngx_ctype=$(curl -fsS -o /dev/null -w '%{content_type}' "$ngx/foreningar")
	if ! cmp -s "$tmp/www/foreningar" "$tmp/nginx.body" || [ "$ngx_ctype" != "$ctype" ]; then
		echo "bench: nginx and samverka do not answer the same bytes" >&2
		exit 1
	fi
	list_bytes[$engine]=$(wc -c <"$tmp/www/foreningar")
	echo "$engine: list page ${list_bytes[$engine]} bytes, $ctype, identical from nginx" >&2
}

# The engine's pages (page numbers filled in) into pages_<engine>; each
# answers 200, and the same page with the parameter the fresh tables add.
read_pages() {
	local name path budget code busted i=0
	bench_pages "$sv" ${BENCH_PAGE_FILE:+"$BENCH_PAGE_FILE"} >"$tmp/pages-$engine.txt"
	while read -r name path budget; do
		names_of[$engine|$i]=$name
		paths_of[$engine|$i]=$path
		budget_of[$engine|$i]=$budget
		i=$((i + 1))
		code=$(curl -sS -o "$tmp/page.a" -w '%{http_code}' "$sv$path")
		if [ "$code" != 200 ]; then
			echo "bench: $sv$path answers $code, not 200" >&2
			exit 1
		fi
		case $path in *\?*) busted="$path&_b=0" ;; *) busted="$path?_b=0" ;; esac
		# The language switch and the pager link back to the URL as asked,
		# _b=0 included.
		curl -fsS "$sv$busted" | sed -e 's/_b=0&amp;//g' -e 's/[?&]_b=0//g' \
			-e 's/&amp;_b=0//g' >"$tmp/page.b"
		if ! cmp -s "$tmp/page.a" "$tmp/page.b"; then
			echo "bench: $busted is not the same page as $path" >&2
			exit 1
		fi
	done <"$tmp/pages-$engine.txt"
	npages[$engine]=$i
}

# Every page at conns connections, from the cache (mode cached) or each
# request its own URL (fresh: bench/unique-url.lua appends _b=N, which the
# server reads as an unknown parameter and so never caches).
page_table() {
	local mode=$1 conns=$2 part="$1 c$2" i script=()
	[ "$mode" = fresh ] && script=(-s "$root/bench/unique-url.lua")
	part_begin "$part"
	[ "$mode" = cached ] && measure "$engine|nginx|cached|$conns" "$ngx/foreningar" "$conns"
	for ((i = 0; i < ${npages[$engine]}; i++)); do
		measure "$engine|${names_of[$engine|$i]}|$mode|$conns" "$sv${paths_of[$engine|$i]}" \
			"$conns" "${script[@]}"
	done
	part_end "$part"
}

# A generation as the meta table holds it (0 when there is none).
meta_value() {
	local v
	v=$(db_scalar "SELECT v FROM meta WHERE k = '$1'")
	echo "${v:-0}"
}

# The mixed load at conns connections while the writer saves one
# association every 100 ms, each write of the kind given.
mixed_table() {
	local kind=$1 conns=$2 part="mixed $1 c$2" key="$engine|mixed|$1|$2" g0 g1 s0 s1 pages maxid out
	pages=$(((list_total + 49) / 50))
	maxid=$(db_scalar "SELECT max(id) FROM associations")
	part_begin "$part"
	python3 "$root/bench/writer.py" "$sv" bench-writer@example.se "$writer_pw" "$maxid" "$kind" \
		>"$tmp/writer.out" 2>&1 &
	writer_pid=$!
	for _ in $(seq 300); do
		grep -q '^ready' "$tmp/writer.out" && break
		kill -0 "$writer_pid" 2>/dev/null || break
		sleep 0.1
	done
	grep -q '^ready' "$tmp/writer.out" || {
		echo "bench: the writer did not start: $(cat "$tmp/writer.out")" >&2
		exit 1
	}
	timeout 30 wrk -t1 -c"$conns" -d"${mixed_warm}s" --timeout 10s -s "$root/bench/mixed.lua" \
		"$sv/" -- "$pages" "$maxid" "$areas" "$groups" >/dev/null
	settle
	g0=$(meta_value generation)
	s0=$(meta_value generation:search)
	echo "measuring $key: mixed load, $pages list pages, ids to $maxid, writer on ($kind)" >&2
	out="$tmp/wrk-mixed-$engine-$kind-$conns.txt"
	timeout $((mixed_duration + 60)) wrk -t1 -c"$conns" -d"${mixed_duration}s" --timeout 10s \
		--latency -s "$root/bench/mixed.lua" "$sv/" -- "$pages" "$maxid" "$areas" "$groups" \
		>"$out"
	stop_pid "$writer_pid"
	writer_pid=
	g1=$(meta_value generation)
	s1=$(meta_value generation:search)
	writes[$key]=$(awk '/^writes/ { printf "%d (%d failed; p50 %s ms, p99 %s ms)", $2, $4, $6, $8 }' \
		"$tmp/writer.out")
	[ -n "${writes[$key]}" ] || writes[$key]="? (the writer ended early: $(tail -1 "$tmp/writer.out"))"
	gen_delta[$key]=$((g1 - g0))
	search_delta[$key]=$((s1 - s0))
	nreq[$key]=$(awk '/ requests in / { print $1 }' "$out")
	rps[$key]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	p50[$key]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
	p99[$key]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
	errs[$key]=$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s; ", $0 }' "$out")
	errs[$key]=${errs[$key]%; }
	part_end "$part"
}

# One engine from loading to dropping its database.
run_engine() {
	load_db
	start_servers
	read_pages
	list_total=$(curl -fsS "$sv/api/v1/foreningar" | sed -n 's/^{"total":\([0-9]*\),.*/\1/p')
	areas=$(select_values omrade)
	groups=$(select_values malgrupp)
	local mode c
	for mode in cached fresh; do
		for c in 1 64; do
			page_table "$mode" "$c"
		done
	done
	local kind
	for kind in $write_kinds; do
		for c in 16 64; do
			mixed_table "$kind" "$c"
		done
	done
	stop_pid "$ngx_pid"
	ngx_pid=
	stop_pid "$sv_pid"
	sv_pid=
	if [ "${BENCH_EXPLAIN:-0}" = 1 ]; then
		echo "explaining $engine" >&2
		local src=$tmp/sqlite.db
		[ "$engine" = pg ] && src=$db_url
		SAMVERKA_BIN=$bin "$root/bench/explain.sh" "$src" >"$tmp/explain-$engine.txt" ||
			echo "bench: bench/explain.sh failed on $engine" >&2
	fi
	if [ "$engine" = pg ] && [ "${BENCH_KEEP:-0}" != 1 ]; then
		pg_drop "$pg_db"
		pg_db=
	fi
}

start_load=$(loadavg)
start_time=$(date -u +%Y-%m-%dT%H:%MZ)
t_start=$(now)
for engine in $engines; do
	run_engine
done
t_end=$(now)

# ---- The tables.

# A number with thin grouping ("56 392"), or "—".
num() {
	[ -n "${1:-}" ] || {
		echo "—"
		return
	}
	awk -v v="$1" -v d="${2:-0}" 'BEGIN {
		s = sprintf("%." d "f", v); i = index(s, "."); w = i ? substr(s, 1, i - 1) : s
		f = i ? substr(s, i) : ""; o = ""
		while (length(w) > 3) { o = " " substr(w, length(w) - 2) o; w = substr(w, 1, length(w) - 3) }
		print w o f }'
}
ms() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf(v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v) }' || echo "—"; }
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }

engine_name() { [ "$1" = pg ] && echo PostgreSQL || echo SQLite; }

# A table row: page, path, mode, then c1 and c64 figures, ÷ nginx at c64,
# and the fresh p99 budget at c64 (on PostgreSQL 10 ms for every page).
row() {
	local e=$1 name=$2 path=$3 mode=$4 budget=$5 k1="$1|$2|$4|1" k64="$1|$2|$4|64" verdict=""
	[ "$e" = pg ] && [ -n "$budget" ] && budget=10
	if [ "$mode" = fresh ] && [ -n "$budget" ]; then
		if [ "${nreq[$k64]:-0}" = 0 ]; then
			verdict="NO (no answer)"
		elif awk -v p="${p99[$k64]}" -v b="$budget" 'BEGIN { exit !(p < b) }'; then
			verdict="yes (< $budget)"
		else
			verdict="**NO** (< $budget)"
		fi
	fi
	local notes="${errs[$k1]:+c1: ${errs[$k1]}}${errs[$k64]:+ c64: ${errs[$k64]}}"
	# shellcheck disable=SC2016 # the backquotes are Markdown's
	printf '| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |%s\n' "$name" "$path" "$mode" \
		"$(num "${rps[$k1]:-}")" "$(ms "${p50[$k1]:-}")" "$(ms "${p99[$k1]:-}")" \
		"$(num "${rps[$k64]:-}")" "$(ms "${p50[$k64]:-}")" "$(ms "${p99[$k64]:-}")" \
		"$(ratio "${rps[$k64]:-}" "${rps[$e|nginx|cached|64]:-}")" "$verdict" \
		"${notes:+ $notes}"
}

echo "## samverka under load, $start_time"
echo
echo "Checkout $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'), binary $bin;" \
	"$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))," \
	"load average $start_load at the start, $(loadavg) at the end;" \
	"$(awk -v a="$t_start" -v b="$t_end" 'BEGIN { printf "%.1f", (b - a) / 60 }') minutes." \
	"wrk -t1, ${duration} s per measurement after a ${warm} s warm-up, --timeout 10s;" \
	"samverka with its default threads ($(nproc) on SQLite, $((2 * $(nproc))) on PostgreSQL)."
for e in $engines; do
	echo
	echo "### $(engine_name "$e"): ${load_s[$e]}"
	echo
	echo "| page | path | | c1 req/s | c1 p50 ms | c1 p99 ms | c64 req/s | c64 p50 ms | c64 p99 ms | c64 ÷ nginx | fresh c64 p99 budget ms |"
	echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
	row "$e" nginx "/foreningar (file, ${list_bytes[$e]} bytes)" cached ""
	for ((i = 0; i < ${npages[$e]}; i++)); do
		for mode in cached fresh; do
			row "$e" "${names_of[$e|$i]}" "${paths_of[$e|$i]}" "$mode" "${budget_of[$e|$i]}"
		done
	done
	echo
	for c in 1 64; do
		echo "At c$c: fresh list ÷ nginx $(ratio "${rps[$e|list|fresh|$c]:-}" "${rps[$e|nginx|cached|$c]:-}")," \
			"cached list ÷ nginx $(ratio "${rps[$e|list|cached|$c]:-}" "${rps[$e|nginx|cached|$c]:-}")."
	done
	echo
	echo "Mixed load (bench/mixed.lua, ${mixed_duration} s after a ${mixed_warm} s warm-up; bench/writer.py saving one association every"
	echo "100 ms: *rename* moves it in the order and adds a member, *members* only adds a member):"
	echo
	echo "| write | conns | req/s | p50 ms | p99 ms | requests | saves (the writer's own latency) | generation, search generation bumps | wrk errors |"
	echo "|---|---:|---:|---:|---:|---:|---|---|---|"
	for kind in $write_kinds; do
		for c in 16 64; do
			k="$e|mixed|$kind|$c"
			printf '| %s | %s | %s | %s | %s | %s | %s | %s, %s | %s |\n' "$kind" "$c" \
				"$(num "${rps[$k]:-}")" "$(ms "${p50[$k]:-}")" "$(ms "${p99[$k]:-}")" \
				"$(num "${nreq[$k]:-}")" "${writes[$k]:-}" "${gen_delta[$k]:-}" \
				"${search_delta[$k]:-}" "${errs[$k]:-}"
		done
	done
	echo
	echo "Load average and samverka's resident memory around each part (RSS: ps -o rss after"
	echo "the part; anonymous: RssAnon, the rest being files mapped, SQLite's database among"
	echo "them; peak: VmHWM so far):"
	echo
	echo "| part | load before | load after | RSS after, MB | anonymous, MB | peak so far, MB |"
	echo "|---|---|---|---:|---:|---:|"
	parts=("cached c1" "cached c64" "fresh c1" "fresh c64")
	for kind in $write_kinds; do parts+=("mixed $kind c16" "mixed $kind c64"); done
	for part in "${parts[@]}"; do
		printf '| %s | %s | %s | %s | %s | %s |\n' "$part" "${load_before[$e|$part]}" \
			"${load_after[$e|$part]}" \
			"$(awk -v k="${rss_after[$e|$part]}" 'BEGIN { printf "%.1f", k / 1024 }')" \
			"$(awk -v k="${anon_after[$e|$part]}" 'BEGIN { printf "%.1f", k / 1024 }')" \
			"$(awk -v k="${hwm_after[$e|$part]}" 'BEGIN { printf "%.1f", k / 1024 }')"
	done
done
for e in $engines; do
	if [ -f "$tmp/explain-$e.txt" ]; then
		echo
		echo "## Plans, $(engine_name "$e") (bench/explain.sh)"
		echo
		echo '```'
		cat "$tmp/explain-$e.txt"
		echo '```'
	fi
done
