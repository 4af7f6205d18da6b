# Helpers shared by bench/run.sh and bench/explain.sh (sourced, not run):
# the binary to measure, free ports, waiting for a server, stopping what a
# script started, PostgreSQL databases made and dropped per run, and the
# page list with its page numbers filled in. The caller sets root, the
# checkout's top directory.
# shellcheck shell=bash disable=SC2154

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
