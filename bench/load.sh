#!/usr/bin/env bash
# Times loading the register: `samverka demo --associations N` into an
# empty database, and `samverka import foreningar` of an N-row file (from
# bench/make-import.sh) into a database with the demo's reference data,
# then the same file again (every row an update). SQLite always; PostgreSQL
# too when BENCH_PG is a URL of a cluster where we may create databases
# (e.g. 'postgresql://postgres@/postgres?host=/tmp/pgbase&port=55432'):
# each run gets a database of its own, dropped at the end.
#
#   bench/load.sh [N]        (default 100000)
#
# Environment: SAMVERKA_BIN, the binary (default build/samverka);
# BENCH_IMPORT_FILE, an import file to use instead of making one.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
bin=${SAMVERKA_BIN:-$root/build/samverka}
tmp=$(mktemp -d /tmp/samverka-load.XXXXXX)
dbs=()
url=

cleanup() {
	for d in "${dbs[@]}"; do
		psql -X -q "$BENCH_PG" -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

file=${BENCH_IMPORT_FILE:-}
if [ -z "$file" ]; then
	file=$tmp/import.csv
	SAMVERKA_BIN=$bin "$root/bench/make-import.sh" "$n" "$file" >/dev/null
fi

# Runs the command, prints its wall time in seconds with the label; stops
# the script when the command fails.
timed() {
	local label=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	"$@" >"$tmp/out" 2>"$tmp/err" || {
		echo "load: $label failed" >&2
		tail -c 2000 "$tmp/err" >&2
		exit 1
	}
	t1=$(date +%s.%N)
	awk -v l="$label" -v a="$t0" -v b="$t1" 'BEGIN { printf "%-28s %6.1f s\n", l, b - a }'
}

# Sets url to a new database for the engine: a file for SQLite, a created
# database for PostgreSQL (its name in place of the one BENCH_PG gives).
new_db() {
	local engine=$1 name=$2
	if [ "$engine" = sqlite ]; then
		url=sqlite:$tmp/$name.db
		return
	fi
	local d=samverka_load_$$_$name
	psql -X -q "$BENCH_PG" -c "CREATE DATABASE $d" >/dev/null
	dbs+=("$d")
	url=$(echo "$BENCH_PG" | sed -E "s#^(postgres(ql)?://[^/]*/)[^?]*#\1$d#")
}

echo "$n associations; load average $(cut -d' ' -f1-3 /proc/loadavg)"
engines=(sqlite)
[ -n "${BENCH_PG:-}" ] && engines+=(pg)
for e in "${engines[@]}"; do
	new_db "$e" demo
	timed "$e demo" "$bin" demo --db "$url" --associations "$n"
	new_db "$e" import
	"$bin" demo --db "$url" --no-history >/dev/null
	timed "$e import" "$bin" import foreningar --db "$url" "$file"
	timed "$e import again (updates)" "$bin" import foreningar --db "$url" "$file"
done
