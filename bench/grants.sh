#!/usr/bin/env bash
# The grant system's public figures under load (issue 10): with ten years of
# decided grants (BENCH_AWARDS, 200 000, over 40 programmes and
# BENCH_ASSOCS, 3 000, associations: `samverka demo --associations N
# --grant-awards M`, timed), every page of bench/grant-pages.txt rendered
# fresh (a unique unread parameter per request, bench/unique-url.lua) at 1
# and 16 connections, on each engine; then how long the first page takes
# after a decided grant is written (the ledger read anew, src/grants/ledger.c).
# Prints Markdown tables for bench/README.md on stdout, progress on stderr;
# beside each page's latencies the CPU it cost the server (and on
# PostgreSQL its backends) per page at c1, which the machine's other load
# does not change as it changes the p99.
#
#   export SAMVERKA_TEST_PG='postgresql://postgres@/postgres?host=/tmp/pgbase&port=55432'
#   bench/grants.sh | tee /tmp/grants.md       # both engines, ~6 minutes
#   BENCH_ENGINES=sqlite BENCH_DURATION=1 bench/grants.sh   # a quick check
#   BENCH_EXPLAIN=1 also runs bench/explain.sh on each engine's database
#   with these pages (the plans of every statement each page runs).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
assocs=${BENCH_ASSOCS:-3000}
awards=${BENCH_AWARDS:-200000}
duration=${BENCH_DURATION:-5}
warm=1
if [ -n "${BENCH_ENGINES:-}" ]; then
	engines=$BENCH_ENGINES
elif [ -n "$(pg_base_url)" ]; then
	engines="sqlite pg"
else
	engines=sqlite
fi
for tool in wrk curl ss awk sqlite3; do
	command -v "$tool" >/dev/null || {
		echo "bench: $tool is not installed" >&2
		exit 1
	}
done

tmp=$(mktemp -d /tmp/samverka-grants.XXXXXX)
sv_pid=
pg_db=
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	stop_pid "$sv_pid"
	[ -n "$pg_db" ] && pg_drop "$pg_db"
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
bin=$(bench_binary)

to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000
		else if (v ~ /ms$/) n = n
		else if (v ~ /s$/) n *= 1000
		printf "%.2f", n
	}'
}

# The CPU ticks (1/100 s) samverka and, on PostgreSQL, the backends serving
# it have used so far: what a page costs whatever else the machine runs.
cpu_ticks() {
	local pids=$sv_pid total=0 p t
	if [ "$engine" = pg ]; then
		pids="$pids $(psql -X -At "$db_url" -c "SELECT pid FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid()" 2>/dev/null |
			tr '\n' ' ')"
	fi
	for p in $pids; do
		t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)
		total=$((total + t))
	done
	echo "$total"
}

# SQL on the engine's database, one value a line.
sql() {
	if [ "$engine" = pg ]; then
		psql -X -q -At "$db_url" -c "$1"
	else
		sqlite3 "$db_file" "$1"
	fi
}

# The pages with their page numbers and association filled in.
resolve_pages() {
	local name path budget query total last id
	id=$(sql "SELECT w.association_id FROM grant_awards w JOIN associations a
		ON a.id = w.association_id WHERE a.public = 1 AND a.active = 1
		GROUP BY w.association_id ORDER BY count(*) DESC, w.association_id LIMIT 1")
	while read -r name path budget; do
		case $name in '#'* | '') continue ;; esac
		case $path in
		*sida=MID* | *sida=LAST*)
			query=${path#*\?}
			query=$(echo "$query" | sed -e 's/&*sida=[A-Z]*//' -e 's/^&//')
			total=$(curl -fsS "$sv/api/v1/bidrag?$query" | sed -n 's/^{"total":\([0-9]*\),.*/\1/p')
			last=$(((total + 49) / 50))
			[ "$last" -ge 1 ] || last=1
			path=${path/sida=MID/sida=$(((last + 1) / 2))}
			path=${path/sida=LAST/sida=$last}
			;;
		esac
		path=${path/\/ID//$id}
		echo "$name $path $budget"
	done <"$root/bench/grant-pages.txt"
}

for engine in $engines; do
	if [ "$engine" = pg ]; then
		pg_db=samverka_grants_$$
		pg_create "$pg_db"
		db_url=$(pg_url_for "$(pg_base_url)" "$pg_db")
	else
		db_file=$tmp/grants.db
		db_url=sqlite:$db_file
	fi
	echo "bench: $engine: loading $assocs associations and $awards decided grants" >&2
	t0=$(date +%s.%N)
	"$bin" demo --db "$db_url" --associations "$assocs" --grant-awards "$awards" >/dev/null 2>&1
	t1=$(date +%s.%N)
	load_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	port=$(free_port)
	"$bin" serve --db "$db_url" --listen "127.0.0.1:$port" --files "$tmp/files-$engine" \
		>"$tmp/serve-$engine.log" 2>&1 &
	sv_pid=$!
	sv=http://127.0.0.1:$port
	wait_up "$sv/healthz"
	resolve_pages >"$tmp/pages-$engine.txt"
	n=$(sql "SELECT count(*) FROM grant_awards")
	echo
	echo "### $engine: $n decided grants, $(sql "SELECT count(*) FROM associations") associations, $(sql "SELECT count(*) FROM grant_programmes") programmes, loaded in $load_s s"
	echo
	echo "wrk -t1, ${duration} s per measurement after a ${warm} s warm-up, every request a fresh render (\`_b=N\`); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before."
	echo
	echo "| page | path | bytes | c1 req/s | c1 p50 ms | c1 p99 ms | CPU ms a page | c16 req/s | c16 p99 ms | p99 < budget |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	while read -r name path budget; do
		bytes=$(curl -fsS -o /dev/null -w '%{size_download}' "$sv$path")
		row="| $name | \`$path\` | $bytes"
		worst=0
		for c in 1 16; do
			timeout 30 wrk -t1 -c"$c" -d"${warm}s" -s "$root/bench/unique-url.lua" "$sv$path" >/dev/null
			out=$tmp/wrk-$engine-$name-$c.txt
			ticks=$(cpu_ticks)
			timeout $((duration + 60)) wrk -t1 -c"$c" -d"${duration}s" --timeout 10s --latency \
				-s "$root/bench/unique-url.lua" "$sv$path" >"$out"
			rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$out")
			p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
			p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
			ticks=$(($(cpu_ticks) - ticks))
			reqs=$(awk '/requests in/ { print $1 }' "$out")
			cpu=$(awk -v t="$ticks" -v n="$reqs" 'BEGIN { printf "%.2f", n ? t * 10 / n : 0 }')
			if [ "$c" = 1 ]; then
				row="$row | $rps | $p50 | $p99 | $cpu"
			else
				row="$row | $rps | $p99"
			fi
			worst=$(awk -v a="$worst" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')
		done
		ok=$(awk -v p="$worst" -v b="$budget" 'BEGIN { print (p < b ? "yes" : "**no**") }')
		echo "$row | $ok ($budget) |"
	done <"$tmp/pages-$engine.txt"
	# After a decided grant is written every reader finds the ledger old:
	# the first page reads all the awards again, the next one does not.
	echo
	echo "After a decided grant is written (another process's INSERT), the first fresh page and the next:"
	echo
	echo "| engine | first ms | next ms |"
	echo "|---|---|---|"
	dept=$(sql "SELECT id FROM departments WHERE code = 'HVO'")
	assoc=$(sql "SELECT min(id) FROM associations")
	sql "INSERT INTO grant_awards (department_id, kind, association_id, year, amount, decided_on, reference, at)
		VALUES ($dept, 'projektbidrag', $assoc, 2026, 100, '2026-06-01', 'bench', 0)" >/dev/null
	sleep 1.2
	first=$(curl -fsS -o /dev/null -w '%{time_total}' "$sv/bidrag/beviljade?_b=w1")
	next=$(curl -fsS -o /dev/null -w '%{time_total}' "$sv/bidrag/beviljade?_b=w2")
	echo "| $engine | $(awk -v t="$first" 'BEGIN { printf "%.1f", t * 1000 }') | $(awk -v t="$next" 'BEGIN { printf "%.1f", t * 1000 }') |"
	stop_pid "$sv_pid"
	sv_pid=
	if [ "${BENCH_EXPLAIN:-0}" = 1 ]; then
		echo
		BENCH_PAGES="$tmp/pages-$engine.txt" SAMVERKA_BIN="$bin" \
			"$root/bench/explain.sh" "$([ "$engine" = pg ] && echo "$db_url" || echo "$db_file")"
	fi
	if [ "$engine" = pg ]; then
		pg_drop "$pg_db"
		pg_db=
	fi
done
