#!/usr/bin/env bash
# The register's load benchmark: 100 000 associations in a fresh SQLite
# database, samverka against nginx serving the list page's own bytes from a
# file, wrk on loopback. Everything it starts is stopped on exit.
#
# Environment:
#   SAMVERKA_BIN   binary to measure (default: build build-bench as release)
#   BENCH_DB_FROM  copy this already loaded database instead of running
#                  `samverka demo` (for quick reruns; the copy is thrown away)
#   BENCH_ASSOCS   associations to generate (default 100000)
#   BENCH_DURATION seconds per measurement (default 10; warm-up is 2 s)
#   BENCH_UNCACHED=0  skip the second table (every request a new URL, so
#                  the response cache never hits)
#   BENCH_KEEP=1   keep the temp dir (database, logs, wrk output)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
assocs=${BENCH_ASSOCS:-100000}
duration=${BENCH_DURATION:-10}
budget_ms=5

for tool in wrk nginx curl ss awk timeout; do
	command -v "$tool" >/dev/null || {
		echo "bench: $tool is not installed" >&2
		exit 1
	}
done

tmp=$(mktemp -d /tmp/samverka-bench.XXXXXX)
sv_pid=
ngx_pid=

# Stops a process we started: TERM, up to 5 s grace, then KILL.
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

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	stop_pid "$ngx_pid"
	stop_pid "$sv_pid"
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "bench: kept $tmp"
	else
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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
	echo "bench: $1 did not come up" >&2
	return 1
}

now() { date +%s.%N; }

# 1. The binary and the data.
if [ -n "${SAMVERKA_BIN:-}" ]; then
	bin=$SAMVERKA_BIN
else
	if [ ! -f "$root/build-bench/build.ninja" ]; then
		meson setup "$root/build-bench" "$root" --buildtype=release >/dev/null
	fi
	ninja -C "$root/build-bench" >/dev/null
	bin=$root/build-bench/samverka
fi
[ -x "$bin" ] || {
	echo "bench: $bin is not executable" >&2
	exit 1
}

chmod 755 "$tmp" # nginx workers run as an unprivileged user
db=$tmp/bench.db
if [ -n "${BENCH_DB_FROM:-}" ]; then
	cp "$BENCH_DB_FROM" "$db"
	echo "database: copied from $BENCH_DB_FROM (no load timed)"
else
	t0=$(now)
	"$bin" demo --db "sqlite:$db" --associations "$assocs" >"$tmp/demo.out" 2>"$tmp/demo.err"
	t1=$(now)
	awk -v a="$t0" -v b="$t1" -v n="$assocs" \
		'BEGIN { printf "database: demo --associations %d loaded in %.1f s (%.0f associations/s)\n", n, b - a, n / (b - a) }'
fi

# 2. samverka, one thread per core (its default).
sv_port=$(free_port)
"$bin" serve --db "sqlite:$db" --listen "127.0.0.1:$sv_port" >"$tmp/serve.log" 2>&1 &
sv_pid=$!
sv=http://127.0.0.1:$sv_port
wait_up "$sv/healthz"

# 3. nginx serving the list page's exact bytes, with the same Content-Type.
mkdir -p "$tmp/www" "$tmp/nginx"
ctype=$(curl -fsS -o "$tmp/www/foreningar" -w '%{content_type}' "$sv/foreningar")
chmod 644 "$tmp/www/foreningar"
ngx_port=$(free_port)
while [ "$ngx_port" = "$sv_port" ]; do ngx_port=$(free_port); done
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	tcp_nodelay on;
	keepalive_timeout 65;
	keepalive_requests 1000000;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	types { }
	default_type "$ctype";
	server {
		listen 127.0.0.1:$ngx_port;
		root $tmp/www;
		location = /foreningar { }
	}
}
EOF
nginx -e "$tmp/nginx/error.log" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" &
ngx_pid=$!
ngx=http://127.0.0.1:$ngx_port
wait_up "$ngx/foreningar"

curl -fsS -o "$tmp/nginx.body" "$ngx/foreningar"
ngx_ctype=$(curl -fsS -o /dev/null -w '%{content_type}' "$ngx/foreningar")
if ! cmp -s "$tmp/www/foreningar" "$tmp/nginx.body" || [ "$ngx_ctype" != "$ctype" ]; then
	echo "bench: nginx and samverka do not answer the same bytes" >&2
	exit 1
fi
echo "list page: $(wc -c <"$tmp/www/foreningar") bytes, $ctype, identical from both servers"

# 4. The measurements.
names=(nginx)
urls=("$ngx/foreningar")
while read -r name path; do
	case $name in '#'* | '') continue ;; esac
	names+=("$name")
	urls+=("$sv$path")
done <"$root/bench/pages.txt"
# Every page answers 200, and the same page with the cache-busting
# parameter the second table adds.
for i in "${!urls[@]}"; do
	u=${urls[$i]}
	code=$(curl -sS -o "$tmp/page.a" -w '%{http_code}' "$u")
	if [ "$code" != 200 ]; then
		echo "bench: $u answers $code, not 200" >&2
		exit 1
	fi
	[ "${names[$i]}" = nginx ] && continue
	case $u in *\?*) busted="$u&_b=0" ;; *) busted="$u?_b=0" ;; esac
	# The language switch links back to the URL as asked, _b=0 included.
	curl -fsS "$busted" | sed -e 's/_b=0&amp;//g' -e 's/[?&]_b=0//g' -e 's/&amp;_b=0//g' \
		>"$tmp/page.b"
	if ! cmp -s "$tmp/page.a" "$tmp/page.b"; then
		echo "bench: $busted is not the same page as $u" >&2
		exit 1
	fi
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Turns wrk's latency ("812.00us", "1.20ms", "2.01s") into milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000
		else if (v ~ /ms$/) n = n
		else if (v ~ /m$/) n *= 60000
		else if (v ~ /s$/) n *= 1000
		printf "%.3f", n
	}'
}

# Waits until samverka is idle (at most one clock tick of CPU in half a
# second; 60 s at most): when wrk stops, the requests it had in flight are
# still worked off, and slow ones would eat into the next measurement.
settle() {
	local prev now
	prev=$(awk '{ print $14 + $15 }' "/proc/$sv_pid/stat")
	for _ in $(seq 120); do
		sleep 0.5
		now=$(awk '{ print $14 + $15 }' "/proc/$sv_pid/stat")
		[ $((now - prev)) -le 1 ] && return 0
		prev=$now
	done
	echo "bench: samverka still busy after 60 s" >&2
}

# Warms up, then measures one URL; keeps req/s, p50, p99 and wrk's error
# lines under key. Extra arguments go to wrk.
declare -A rps p50 p99 errs nreq
measure() {
	local key=$1 url=$2
	shift 2
	echo "measuring $key: $url $*" >&2
	settle
	timeout 30 wrk -t1 -c64 -d2s "$@" "$url" >/dev/null
	settle
	timeout $((duration + 30)) wrk -t1 -c64 -d"${duration}s" --latency "$@" "$url" \
		>"$tmp/wrk-$key.txt"
	nreq[$key]=$(awk '/ requests in / { print $1 }' "$tmp/wrk-$key.txt")
	rps[$key]=$(awk '/^Requests\/sec:/ { print $2 }' "$tmp/wrk-$key.txt")
	p50[$key]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$tmp/wrk-$key.txt")")
	p99[$key]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$tmp/wrk-$key.txt")")
	errs[$key]=$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s; ", $0 }' \
		"$tmp/wrk-$key.txt")
}

# One table row; samverka pages get the p99 verdict.
row() {
	local key=$1 name=$2 url=$3 verdict
	if [ "$name" = nginx ]; then
		verdict="(static file)"
	elif [ "${nreq[$key]}" = 0 ]; then
		verdict="NO (no answer in ${duration}s)"
	elif awk -v p="${p99[$key]}" -v b="$budget_ms" 'BEGIN { exit !(p < b) }'; then
		verdict=yes
	else
		verdict=NO
	fi
	printf '%-9s %-38s %9.0f %8.3f %9.3f  %s\n' "$name" "/${url#http://*/}" "${rps[$key]}" \
		"${p50[$key]}" "${p99[$key]}" "$verdict${errs[$key]:+ [${errs[$key]%; }]}"
}

header() {
	printf '%-9s %-38s %9s %8s %9s  %s\n' page path req/s p50_ms p99_ms "p99<${budget_ms}ms"
}

for i in "${!urls[@]}"; do
	measure "${names[$i]}" "${urls[$i]}"
done
rss_cached=$(awk '/^VmRSS/ { print $2 }' "/proc/$sv_pid/status")
if [ "${BENCH_UNCACHED:-1}" = 1 ]; then
	for i in "${!urls[@]}"; do
		[ "${names[$i]}" = nginx ] && continue
		measure "${names[$i]}-u" "${urls[$i]}" --timeout 10s -s "$root/bench/unique-url.lua"
	done
fi
rss_peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$sv_pid/status")

# 5. The tables.
echo
echo "binary: $bin (checkout $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'))"
echo "$(nproc) cores," \
	"$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(date -u +%Y-%m-%dT%H:%MZ)," \
	"load average before: $load_before"
echo "wrk -t1 -c64 -d${duration}s --latency, 2 s warm-up each, $assocs associations, SQLite," \
	"samverka threads = $(nproc)"
echo
echo "Same URL again and again (what the response cache sees):"
header
for i in "${!urls[@]}"; do
	row "${names[$i]}" "${names[$i]}" "${urls[$i]}"
done
awk -v a="${rps[list]}" -v b="${rps[nginx]}" \
	'BEGIN { printf "samverka list / nginx same bytes: %.3g (%.0f / %.0f req/s)\n", a / b, a, b }'
if [ "${BENCH_UNCACHED:-1}" = 1 ]; then
	echo
	echo "Every request a new URL (&_b=N appended, never a cache hit; wrk --timeout 10s):"
	header
	for i in "${!urls[@]}"; do
		[ "${names[$i]}" = nginx ] && continue
		row "${names[$i]}-u" "${names[$i]}" "${urls[$i]}"
	done
fi
echo
echo "samverka memory: ${rss_cached} kB resident after the first table, ${rss_peak} kB peak"
