#!/usr/bin/env bash
# Venue booking under load (issue 11): with BENCH_VENUES (1 000) venues and
# BENCH_BOOKINGS (1 000 000) bookings over two years, booked by
# BENCH_ASSOCS (3 000) associations (`samverka demo --no-history
# --associations N --venues V --bookings M`, timed), every page of
# bench/venue-pages.txt rendered fresh (a unique unread parameter per
# request, bench/unique-url.lua) at 1 and 16 connections, on each engine:
# a busy venue's week calendar, the free-time search with and without
# filters, and the JSON bookings of a week. Prints Markdown tables on
# stdout, progress on stderr; beside each page's latencies the CPU it cost
# the server (and on PostgreSQL its backends) per page at c1, which the
# machine's other load does not change as it changes the p99.
#
#   export SAMVERKA_TEST_PG='postgresql://postgres@/postgres?host=/tmp/pgbase&port=55432'
#   bench/venues.sh | tee /tmp/venues.md      # both engines
#   BENCH_ENGINES=sqlite BENCH_DURATION=1 bench/venues.sh   # a quick check
#   BENCH_EXPLAIN=1 also runs bench/explain.sh on each engine's database
#   with these pages (the plans of every statement each page runs).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
assocs=${BENCH_ASSOCS:-3000}
venues=${BENCH_VENUES:-1000}
bookings=${BENCH_BOOKINGS:-1000000}
duration=${BENCH_DURATION:-5}
warm=1
if [ -n "${BENCH_ENGINES:-}" ]; then
	engines=$BENCH_ENGINES
elif [ -n "$(pg_base_url)" ]; then
	engines="sqlite pg"
else
	engines=sqlite
fi
for tool in wrk curl ss awk sqlite3 date; do
	command -v "$tool" >/dev/null || {
		echo "bench: $tool is not installed" >&2
		exit 1
	}
done

tmp=$(mktemp -d /tmp/samverka-venues.XXXXXX)
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

# The pages with ID, SPLIT, WEEK, MONDAY, SUNDAY and DAY filled in: the
# venue with the most bookings holding time in the coming eight weeks (and
# the split hall with the most), and that venue's busiest of those weeks.
resolve_pages() {
	local monday0 t0 horizon id split w monday sunday week day name path budget
	monday0=$(TZ=Europe/Stockholm date -d "$(date +%F) -$(($(date +%u) - 1)) days" +%F)
	monday0=$(TZ=Europe/Stockholm date -d "$monday0 + 7 days" +%F)
	t0=$(TZ=Europe/Stockholm date -d "$monday0 00:00" +%s)
	horizon=$((t0 + 8 * 604800))
	id=$(sql "SELECT venue_id FROM bookings WHERE status IN ('pending', 'confirmed')
		AND starts >= $t0 AND starts < $horizon GROUP BY venue_id
		ORDER BY count(*) DESC, venue_id LIMIT 1")
	split=$(sql "SELECT b.venue_id FROM bookings b WHERE b.status IN ('pending', 'confirmed')
		AND b.starts >= $t0 AND b.starts < $horizon
		AND EXISTS (SELECT 1 FROM venues p WHERE p.parent_id = b.venue_id)
		GROUP BY b.venue_id ORDER BY count(*) DESC, b.venue_id LIMIT 1")
	w=$(sql "SELECT (starts - $t0) / 604800 FROM bookings WHERE venue_id = $id
		AND status IN ('pending', 'confirmed') AND starts >= $t0 AND starts < $horizon
		GROUP BY (starts - $t0) / 604800 ORDER BY count(*) DESC, 1 LIMIT 1")
	monday=$(date -d "$monday0 + $((w * 7)) days" +%F)
	sunday=$(date -d "$monday + 6 days" +%F)
	day=$(date -d "$monday + 1 day" +%F)
	week=$(date -d "$monday" +%G-W%V)
	echo "bench: venue $id, split hall $split, week $week" >&2
	while read -r name path budget; do
		case $name in '#'* | '') continue ;; esac
		path=${path//SPLIT/$split}
		path=${path//\/ID\//\/$id\/}
		path=${path//\/ID\?/\/$id\?}
		path=${path//WEEK/$week}
		path=${path//MONDAY/$monday}
		path=${path//SUNDAY/$sunday}
		path=${path//DAY/$day}
		echo "$name $path $budget"
	done <"$root/bench/venue-pages.txt"
}

for engine in $engines; do
	if [ "$engine" = pg ]; then
		pg_db=samverka_venues_$$
		pg_create "$pg_db"
		db_url=$(pg_url_for "$(pg_base_url)" "$pg_db")
	else
		db_file=$tmp/venues.db
		db_url=sqlite:$db_file
	fi
	echo "bench: $engine: loading $assocs associations, $venues venues and $bookings bookings" >&2
	t0=$(date +%s.%N)
	"$bin" demo --db "$db_url" --no-history --associations "$assocs" --venues "$venues" \
		--bookings "$bookings" >/dev/null
	t1=$(date +%s.%N)
	load_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	port=$(free_port)
	"$bin" serve --db "$db_url" --listen "127.0.0.1:$port" --files "$tmp/files-$engine" \
		>"$tmp/serve-$engine.log" 2>&1 &
	sv_pid=$!
	sv=http://127.0.0.1:$port
	wait_up "$sv/healthz"
	resolve_pages >"$tmp/pages-$engine.txt"
	echo
	echo "### $engine: $(sql "SELECT count(*) FROM venues") venues, $(sql "SELECT count(*) FROM bookings") bookings, $(sql "SELECT count(*) FROM venue_holds") holds, $(sql "SELECT count(*) FROM associations") associations, loaded in $load_s s"
	echo
	echo "wrk -t1, ${duration} s per measurement after a ${warm} s warm-up, every request a fresh render (\`_b=N\`); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before."
	echo
	echo "| page | path | status | bytes | c1 req/s | c1 p50 ms | c1 p99 ms | CPU ms a page | c16 req/s | c16 p99 ms | p99 < budget |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	while read -r name path budget; do
		status=$(curl -sS -o /dev/null -w '%{http_code}' "$sv$path")
		bytes=$(curl -sS -o /dev/null -w '%{size_download}' "$sv$path")
		row="| $name | \`$path\` | $status | $bytes"
		if [ "$status" != 200 ]; then
			echo "$row | | | | | | | not measured |"
			continue
		fi
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
