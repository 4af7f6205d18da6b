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
bench_begin grants

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
	bench_load "$assocs associations and $awards decided grants" \
		--associations "$assocs" --grant-awards "$awards"
	bench_serve
	resolve_pages >"$tmp/pages-$engine.txt"
	n=$(sql "SELECT count(*) FROM grant_awards")
	echo
	echo "### $engine: $n decided grants, $(sql "SELECT count(*) FROM associations") associations, $(sql "SELECT count(*) FROM grant_programmes") programmes, loaded in $load_s s"
	bench_table no-status
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
	bench_engine_end
done
