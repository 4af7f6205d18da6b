#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang, ASan and UBSan in
# build-fuzz, and runs each for SECONDS (default 20) on its seed corpus.
# Inputs that find new code are kept in build-fuzz/fuzz-corpus (the seeds
# in git stay as they are); a crash, a failed property, a leak or a hang
# fails the script and leaves the input in build-fuzz/fuzz-artifacts.
# Usage: scripts/fuzz.sh [SECONDS]
set -u
cd "$(dirname "$0")/.."
secs=${1:-20}
dir=build-fuzz
targets="url form cookies multipart idnum valid days csv attendance tplc"

if [ ! -f "$dir/build.ninja" ]; then
	CC=clang meson setup "$dir" -Db_sanitize=address,undefined -Db_lundef=false >/dev/null ||
		exit 1
fi
exes=""
for t in $targets; do
	exes="$exes tests/fuzz/fuzz_$t"
done
ninja -C "$dir" $exes || exit 1

mkdir -p "$dir/fuzz-artifacts"
failed=""
for t in $targets; do
	corpus="$dir/fuzz-corpus/$t"
	mkdir -p "$corpus"
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	log="$dir/fuzz-artifacts/fuzz_$t.log"
	echo "fuzz_$t: ${secs}s"
	if ASAN_OPTIONS=detect_leaks=1 "$dir/tests/fuzz/fuzz_$t" -max_total_time="$secs" \
		-timeout=10 -rss_limit_mb=2048 -max_len=65536 $dict \
		-artifact_prefix="$dir/fuzz-artifacts/fuzz_$t-" \
		"$corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
		grep -E '^(Done|#[0-9]+.*DONE)' "$log" | tail -1
	else
		failed="$failed fuzz_$t"
		echo "fuzz_$t FAILED (log: $log)"
		grep -v '^#[0-9]' "$log" | tail -40
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz failures:$failed"
	exit 1
fi
echo "all fuzz targets ran ${secs}s without a crash"
