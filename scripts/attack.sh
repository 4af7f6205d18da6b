#!/bin/sh
# The attack suite: the attacks of issue 8 run against a local server with
# demo data, at full size, printing what each measured. Each attack is a
# test program of tests/http (the default test command runs them small);
# here they run with their full counts, and the lines they print are the
# figures. The slow clients are a script of their own (scripts/attack-slow.sh,
# always on SQLite: it is about connections). Not part of scripts/test.sh: it
# takes several minutes.
#
# Usage: scripts/attack.sh [ENGINE]   (sqlite, the default, or pg with
# SAMVERKA_TEST_PG naming a cluster, as for the HTTP tests)
set -u
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
[ -f build/build.ninja ] || meson setup build >/dev/null || exit 1
ninja -C build >/dev/null || exit 1
failed=""

# Runs one test program with the given environment and prints its checks
# and notes, which carry the figures.
attack() {
	what=$1
	prog=$2
	shift 2
	echo "== $what"
	if env "$@" SAMVERKA_TEST_DB="$engine" SAMVERKA_BIN="$PWD/build/samverka" \
		"build/tests/http/$prog" >"build/attack-$prog.log" 2>&1; then
		:
	else
		failed="$failed $prog"
	fi
	grep -E '^(ok|not ok|#   )' "build/attack-$prog.log" | grep -v 'server is still running\|stops cleanly'
}

attack "sign-in: one address against one account and against 1 000 accounts, 1 MB fields" \
	http_auth
attack "sign-in: 8 people signing in while the register is read" http_signin_load
attack "sign-in: 32 people signing in while the register is read" http_signin_load \
	SAMVERKA_TEST_SIGNIN_LOOPS=32
attack "uploads: 200 held 10 MiB bodies, forged tokens, uploads at once, NUL names" \
	http_uploads
attack "redirects and language links off the site" http_redirects
attack "the public diary and non-public associations" http_diary
attack "quotas per case and association" http_quota
attack "200 SIGKILLs under writers, then the sweep" http_crash SAMVERKA_TEST_KILLS=200
echo "== slow clients: 4 000 slow connections from 20 addresses while /foreningar is probed"
scripts/attack-slow.sh "$PWD/build/samverka" || failed="$failed attack-slow.sh"

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$failed" ]; then
	echo "attacks that got through:$failed (logs in build/attack-*.log)"
	exit 1
fi
echo "every attack was refused"
