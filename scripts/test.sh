#!/bin/sh
# Checks the layers of src/ (scripts/check-layers.sh, docs/architecture.md),
# builds samverka and runs every test: unit and HTTP tests on SQLite and on a
# throw-away PostgreSQL cluster, the browser and accessibility tests, the same
# unit and HTTP tests again under ASan + UBSan, and a short run of every fuzz
# target. Ends with one line "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
./scripts/setup-debian.sh || exit 1

work=$(mktemp -d /tmp/samverka-test.XXXXXX)
chmod 755 "$work"
pass=0
fail=0
failed=""
cleanup() {
	./scripts/pg-test.sh stop "$work/pg" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

# Records one step's result by its exit code.
step() {
	name=$1
	shift
	echo "=== $name"
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "=== $name FAILED"
		return 1
	fi
}

# Runs a meson test suite and adds its individual results to the totals.
meson_suite() {
	dir=$1
	shift
	meson test -C "$dir" --print-errorlogs "$@"
	rc=$?
	counts=$(python3 -c '
import json, sys
ok = bad = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): ok += 1
    elif r != "SKIP": bad += 1
print(ok, bad)' "$dir/meson-logs/testlog.json")
	set -- $counts
	pass=$((pass + $1 - 1))
	fail=$((fail + $2))
	[ "$2" -eq 0 ] && [ $rc -eq 0 ] && pass=$((pass + 1)) && return 0
	[ "$2" -gt 0 ] && fail=$((fail - 1))
	return 1
}

# The unit and HTTP tests again, with the sanitizers stopping at the first report.
asan_suite() {
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	meson_suite build-asan
	rc=$?
	unset ASAN_OPTIONS UBSAN_OPTIONS
	return $rc
}

build() {
	dir=$1
	shift
	[ -f "$dir/build.ninja" ] || meson setup "$dir" "$@" >/dev/null || return 1
	ninja -C "$dir"
}

step layers sh -c './scripts/check-layers.sh && ./scripts/check-layers-test.sh'
step build build build || { echo "failed:$failed"; echo "$pass passed, $fail failed"; exit 1; }

SAMVERKA_TEST_PG=$(./scripts/pg-test.sh start "$work/pg") || exit 1
export SAMVERKA_TEST_PG

step unit+http meson_suite build
if [ -f tests/browser/package.json ]; then
	step browser sh -c "cd tests/browser && SAMVERKA_BIN='$root/build/samverka' npm test"
fi
if [ "${SAMVERKA_SKIP_ASAN:-0}" != 1 ]; then
	step asan-build build build-asan -Db_sanitize=address,undefined -Db_lundef=false
	step asan-tests asan_suite
fi
if [ -x scripts/fuzz.sh ] && [ "${SAMVERKA_SKIP_FUZZ:-0}" != 1 ]; then
	step fuzz ./scripts/fuzz.sh "${SAMVERKA_FUZZ_SECONDS:-10}"
fi

[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
