#!/bin/sh
# Starts a throw-away PostgreSQL 15 cluster for the tests and prints its
# connection URL. PostgreSQL refuses to run as root, so the cluster belongs to
# a dedicated system user. Usage: pg-test.sh start DIR | pg-test.sh stop DIR
set -eu
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
bin=/usr/lib/postgresql/15/bin
user=samverka-pg
port=${PGTEST_PORT:-55432}

as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$user" -- "$@"
	else
		"$@"
	fi
}

case "$cmd" in
start)
	if [ "$(id -u)" -eq 0 ] && ! id "$user" >/dev/null 2>&1; then
		useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
	fi
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown "$user" "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		as_user "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
	fi
	if ! as_user "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
			"-k $dir -p $port -c listen_addresses='' -c fsync=off -c max_connections=300" start >/dev/null
	fi
	echo "postgresql://postgres@/postgres?host=$dir&port=$port"
	;;
stop)
	as_user "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
	;;
*)
	echo "usage: $0 start|stop DIR" >&2
	exit 2
	;;
esac
