#!/bin/sh
# Installs what building, running and testing samverka needs on Debian 12.
# Idempotent: installs only what is missing. Run as root (or with sudo).
set -eu
cd "$(dirname "$0")/.."

packages="meson ninja-build pkg-config gcc clang libclang-rt-14-dev
libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev libjansson-dev
libunistring-dev libcurl4-openssl-dev libcmocka-dev
postgresql python3-aiosmtpd sqlite3 curl wrk nginx-light chromium"
# Node.js may come from elsewhere (the machine image ships one): only when
# there is no npm at all does Debian's come in.
command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	echo "installing:$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The browser tests' npm packages (playwright-core drives Debian's chromium).
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
	(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
		npm install --no-audit --no-fund --loglevel=error)
fi
