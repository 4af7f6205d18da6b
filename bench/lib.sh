# Helpers shared by the scripts of bench/ (sourced, not run): the binary
# to measure, free ports, waiting for a server, stopping what a script
# started, PostgreSQL databases made and dropped per run, and the page
# list with its page numbers filled in; and the driver bench/grants.sh and
# bench/venues.sh share (bench_begin to bench_engine_end), so that each
# keeps only its data, its pages' placeholders and its headings. The
# caller sets root, the checkout's top directory.
# shellcheck shell=bash disable=SC2154,SC2034 # the caller's variables, and those set for it

# The binary to measure: SAMVERKA_BIN, or build-bench built as a release.
bench_binary() {
	if [ -n "${SAMVERKA_BIN:-}" ]; then
		echo "$SAMVERKA_BIN"
		return
	fi
	if [ ! -f "$root/build-bench/build.ninja" ]; then
		meson setup "$root/build-bench" "$root" --buildtype=release >/dev/null
	fi
	ninja -C "$root/build-bench" >/dev/null
	echo "$root/build-bench/samverka"
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 30000))
		if [ -z "$(ss -Htln "sport = :$p")" ]; then
			echo "$p"
			return 0
		fi
	done
	echo "bench: no free port" >&2
	return 1
}

# Waits until a URL answers 200, at most 10 s.
wait_up() {
	for _ in $(seq 100); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "bench: $1 did not answer" >&2
	return 1
}

# Stops a process this script started: TERM, up to 5 s grace, then KILL.
stop_pid() {
	local pid=$1
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# The PostgreSQL cluster to measure on: BENCH_PG_URL, else the tests'
# SAMVERKA_TEST_PG; empty when neither is set.
pg_base_url() {
	echo "${BENCH_PG_URL:-${SAMVERKA_TEST_PG:-}}"
}

# The base URL with its database name replaced: postgresql://u@h/NAME?...
pg_url_for() {
	local base=$1 name=$2
	local scheme=${base%%://*} rest=${base#*://}
	local hostpart=${rest%%/*} query=
	case $rest in *\?*) query="?${rest#*\?}" ;; esac
	echo "$scheme://$hostpart/$name$query"
}

# Runs SQL on the cluster's maintenance database.
pg_admin() {
	psql -X -q -v ON_ERROR_STOP=1 -At "$(pg_base_url)" -c "$1"
}

# Makes an empty database (or a copy of template) for this run.
pg_create() {
	local name=$1 template=${2:-}
	if [ -n "$template" ]; then
		pg_admin "CREATE DATABASE $name TEMPLATE $template" >/dev/null
	else
		pg_admin "CREATE DATABASE $name" >/dev/null
	fi
}

pg_drop() {
	pg_admin "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null || true
}

# The pages of bench/pages.txt (or of the file given second, in its format)
# as "NAME PATH BUDGET" lines, with sida=MID and
# sida=LAST turned into the middle and last page of that list or search
# as the server at base_url counts it (its JSON API's total; 50 a page),
# and a path ending in /ID into the first association of the whole list's
# middle page.
bench_pages() {
	local base_url=$1 file=${2:-$root/bench/pages.txt} name path budget query total last id
	while read -r name path budget; do
		case $name in '#'* | '') continue ;; esac
		case $path in
		*sida=MID* | *sida=LAST*)
			query=${path#*\?}
			query=$(echo "$query" | sed -e 's/&*sida=[A-Z]*//' -e 's/^&//')
			total=$(curl -fsS "$base_url/api/v1/foreningar?$query" |
				sed -n 's/^{"total":\([0-9]*\),.*/\1/p')
			[ -n "$total" ] || {
				echo "bench: no total for ?$query" >&2
				return 1
			}
			last=$(((total + 49) / 50))
			[ "$last" -ge 1 ] || last=1
			path=${path/sida=MID/sida=$(((last + 1) / 2))}
			path=${path/sida=LAST/sida=$last}
			;;
		esac
		case $path in
		*/ID)
			total=$(curl -fsS "$base_url/api/v1/foreningar" |
				sed -n 's/^{"total":\([0-9]*\),.*/\1/p')
			last=$(((${total:-0} + 49) / 50))
			id=$(curl -fsS "$base_url/api/v1/foreningar?sida=$(((last + 1) / 2))" |
				sed -n 's/.*"items":\[{"id":\([0-9]*\),.*/\1/p')
			[ -n "$id" ] || {
				echo "bench: no association on the middle page for $path" >&2
				return 1
			}
			path=${path%/ID}/$id
			;;
		esac
		echo "$name $path $budget"
	done <"$file"
}

# The engines to measure: BENCH_ENGINES, else both when a PostgreSQL
# cluster is given, else SQLite alone.
bench_engines() {
	if [ -n "${BENCH_ENGINES:-}" ]; then
		echo "$BENCH_ENGINES"
	elif [ -n "$(pg_base_url)" ]; then
		echo "sqlite pg"
	else
		echo sqlite
	fi
}

# Starts a driver named $1 (grants, venues): its engines and measurement
# times, the tools it needs, a temporary directory that goes (with the
# server and the PostgreSQL database) however the script ends, the binary.
bench_begin() {
	bench_name=$1
	duration=${BENCH_DURATION:-5}
	warm=1
	engines=$(bench_engines)
	for tool in wrk curl ss awk sqlite3 date; do
		command -v "$tool" >/dev/null || {
			echo "bench: $tool is not installed" >&2
			exit 1
		}
	done
	tmp=$(mktemp -d "/tmp/samverka-$bench_name.XXXXXX")
	sv_pid=
	pg_db=
	trap bench_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	bin=$(bench_binary)
}

# Stops what the driver started and removes what it made, keeping the
# script's exit status: the trap bench_begin sets.
bench_cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	stop_pid "$sv_pid"
	[ -n "$pg_db" ] && pg_drop "$pg_db"
	rm -rf "$tmp"
	exit "$rc"
}

# Turns wrk's latency ("812.00us", "1.20ms", "2.01s") into milliseconds.
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

# Makes the engine's database and loads it, timed (load_s), with
# `samverka demo` and the flags after $1, which says what it loads. On
# PostgreSQL VACUUM ANALYZE follows: a freshly loaded database has no
# planner statistics until autovacuum comes by, and the measurements
# would catch autovacuum's own work mid-run.
bench_load() {
	local what=$1 t0 t1
	shift
	if [ "$engine" = pg ]; then
		pg_db=samverka_${bench_name}_$$
		pg_create "$pg_db"
		db_url=$(pg_url_for "$(pg_base_url)" "$pg_db")
	else
		db_file=$tmp/$bench_name.db
		db_url=sqlite:$db_file
	fi
	echo "bench: $engine: loading $what" >&2
	t0=$(date +%s.%N)
	"$bin" demo --db "$db_url" "$@" >/dev/null
	t1=$(date +%s.%N)
	load_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	if [ "$engine" = pg ]; then
		echo "bench: pg: VACUUM ANALYZE $pg_db, so the planner has statistics and autovacuum does not run mid-measurement" >&2
		sql "VACUUM ANALYZE"
	fi
}

# Starts the server on the engine's database (sv its URL) and waits until
# it answers.
bench_serve() {
	local port
	port=$(free_port)
	"$bin" serve --db "$db_url" --listen "127.0.0.1:$port" --files "$tmp/files-$engine" \
		>"$tmp/serve-$engine.log" 2>&1 &
	sv_pid=$!
	sv=http://127.0.0.1:$port
	wait_up "$sv/healthz"
}

# The Markdown table of the pages in $tmp/pages-$engine.txt ("NAME PATH
# BUDGET" lines), each rendered fresh (bench/unique-url.lua) at 1 and 16
# connections: its latencies, its CPU a page at c1 and its p99 against its
# budget at each (one user's wait at c1; at c16 the queue of sixteen
# renders on the two cores wrk shares). With $1 "status" the table shows each page's status and lists a
# page that does not answer 200 unmeasured; with "no-status" such a page
# ends the run.
bench_table() {
	local with_status=$1 name path budget status bytes row verdict c out ticks rps p50 p99 reqs cpu
	echo
	echo "wrk -t1, ${duration} s per measurement after a ${warm} s warm-up, every request a fresh render (\`_b=N\`); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before."
	echo
	if [ "$with_status" = status ]; then
		echo "| page | path | status | bytes | c1 req/s | c1 p50 ms | c1 p99 ms | CPU ms a page | c16 req/s | c16 p99 ms | c1 p99 < budget | c16 p99 < budget |"
		echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	else
		echo "| page | path | bytes | c1 req/s | c1 p50 ms | c1 p99 ms | CPU ms a page | c16 req/s | c16 p99 ms | c1 p99 < budget | c16 p99 < budget |"
		echo "|---|---|---|---|---|---|---|---|---|---|---|"
	fi
	while read -r name path budget; do
		read -r status bytes < <(curl -sS -o /dev/null -w '%{http_code} %{size_download}\n' "$sv$path")
		row="| $name | \`$path\`"
		[ "$with_status" = status ] && row="$row | $status"
		row="$row | $bytes"
		if [ "$status" != 200 ]; then
			if [ "$with_status" = status ]; then
				echo "$row | | | | | | | not measured | |"
				continue
			fi
			echo "bench: $path answered $status" >&2
			return 1
		fi
		verdict=
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
			verdict="$verdict | $(awk -v p="$p99" -v b="$budget" \
				'BEGIN { print (p < b ? "yes" : "**no**") " (" b ")" }')"
		done
		echo "$row$verdict |"
	done <"$tmp/pages-$engine.txt"
}

# Ends the engine: stops its server, with BENCH_EXPLAIN=1 runs
# bench/explain.sh on its database with the pages measured (the plans of
# every statement each page runs), and drops the PostgreSQL database.
bench_engine_end() {
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
}
