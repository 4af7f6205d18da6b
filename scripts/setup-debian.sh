#!/bin/sh
# Installs what building, running and testing samverka needs on Debian 12
# (zlib1g-dev because xlsxwriter.pc links -lz but its -dev package does not
# depend on it).
# Idempotent: installs only what is missing. Run as root (or with sudo).
set -eu
cd "$(dirname "$0")/.."

packages="meson ninja-build pkg-config gcc clang libclang-rt-14-dev
libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev libjansson-dev
libunistring-dev libicu-dev libcmark-dev libcurl4-openssl-dev libcmocka-dev libxlsxwriter-dev zlib1g-dev libical-dev
postgresql python3-aiosmtpd python3-openpyxl python3-icalendar sqlite3 curl wrk nginx-light chromium"
# Node.js may come from elsewhere (the machine image ships one, with its
# npm): Debian's nodejs and npm come in only when there is no node or npm, or
# when the node found is older than the browser tests need (playwright-core
# 1.61 runs on Node 18, Debian 12's own).
node_major=18
node_ok() {
	command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 &&
		node -e "process.exit(parseInt(process.versions.node) >= $node_major ? 0 : 1)" 2>/dev/null
}
node_ok || packages="$packages nodejs npm"

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

if ! node_ok; then
	echo "setup-debian.sh: the browser tests need node >= $node_major and npm; found node $(node --version 2>/dev/null || echo none) at $(command -v node || echo nowhere)" >&2
	exit 1
fi

# The browser tests' npm packages (playwright-core drives Debian's chromium),
# again when the installed ones are not the versions package.json pins.
pinned='const d = require("./package.json").dependencies;
for (const n in d) if (require("./node_modules/" + n + "/package.json").version !== d[n]) process.exit(1);'
if [ -f tests/browser/package.json ] && ! (cd tests/browser && node -e "$pinned" 2>/dev/null); then
	(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
		npm install --no-audit --no-fund --loglevel=error)
fi
