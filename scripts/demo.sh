#!/bin/sh
# Sets up a fresh Debian 12 machine, builds samverka, loads the demo data into
# a SQLite file and starts the server. Prints the address and demo logins.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
db=${SAMVERKA_DB:-sqlite:samverka.db}
listen=${SAMVERKA_LISTEN:-127.0.0.1:8080}
echo "Demo logins (role, e-mail, password):"
./build/samverka demo --db "$db" | sed 's/^/  /'
echo "Open http://$listen/ in a browser. Stop with Ctrl-C."
# Plain HTTP on the loopback: browsers keep Secure cookies for localhost, but
# not for 127.0.0.1 in every browser, so the demo uses plain cookies.
exec ./build/samverka serve --db "$db" --listen "$listen" --insecure-cookies
