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
bench_begin venues

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
	bench_load "$assocs associations, $venues venues and $bookings bookings" \
		--no-history --associations "$assocs" --venues "$venues" --bookings "$bookings"
	bench_serve
	resolve_pages >"$tmp/pages-$engine.txt"
	echo
	echo "### $engine: $(sql "SELECT count(*) FROM venues") venues, $(sql "SELECT count(*) FROM bookings") bookings, $(sql "SELECT count(*) FROM venue_holds") holds, $(sql "SELECT count(*) FROM associations") associations, loaded in $load_s s"
	bench_table status
	bench_engine_end
done
