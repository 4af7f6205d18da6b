#!/bin/sh
# Checks the README's promise that the test command passes on a fresh Debian 12
# machine: makes a Debian 12 (bookworm) minbase chroot with debootstrap,
# holding nothing but what the project's own scripts install, copies a clean
# clone of this repository's committed HEAD into it (no build folders, no
# node_modules, nothing uncommitted) and runs .ci/run there as root, as CI
# does. Prints .ci/run's last line ("N passed, M failed") and exits with its
# code; the whole log stays in DIR/root/ci.log.
#
# Usage: scripts/fresh-debian-check.sh [--new] [DIR]
#   DIR    the chroot's folder (default /var/tmp/samverka-bookworm). A chroot
#          already there is reused (and keeps the packages an earlier run
#          installed); --new removes it and makes it anew.
# MIRROR and SECURITY_MIRROR name the Debian mirrors; by default those this
# machine's apt uses for bookworm, else deb.debian.org. SAMVERKA_* variables
# (SAMVERKA_FUZZ_SECONDS, SAMVERKA_SKIP_ASAN, ...) and proxy variables are
# passed to .ci/run.
# Needs root; installs debootstrap with apt when it is missing. There is no
# systemd in the chroot: scripts/pg-test.sh starts the test PostgreSQL itself,
# and the packages' own services are kept from starting (policy-rc.d).
set -eu
new=0
dir=""
for a in "$@"; do
	case "$a" in
	--new) new=1 ;;
	-h | --help)
		sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "usage: $0 [--new] [DIR]" >&2
		exit 2
		;;
	*) dir=$a ;;
	esac
done
dir=$(realpath -m "${dir:-/var/tmp/samverka-bookworm}")
[ "$(id -u)" -eq 0 ] || {
	echo "$0: run as root (debootstrap, mount and chroot need it)" >&2
	exit 1
}
[ "$dir" != / ] || {
	echo "$0: the chroot cannot be /" >&2
	exit 2
}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
head=$(git -C "$repo" rev-parse HEAD)
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] ||
	echo "note: uncommitted changes in $repo are not part of the check"

# The first URI this machine's apt sources give for a suite (one-line
# sources.list entries and deb822 .sources files alike).
apt_uri() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk -v s="$1" '$1 == "deb" { sub(/\[[^]]*\][ \t]*/, ""); if ($3 == s) { print $2; exit } }' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v s="$1" 'function end() { if (deb && ok && uri != "") { print uri; exit } deb = ok = 0; uri = "" }
			/^[ \t]*$/ { end(); next }
			/^Types:/ { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
			/^URIs:/ { uri = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
			END { end() }' "$f"
	done
}
mirror=${MIRROR:-$(apt_uri bookworm | head -n 1)}
mirror=${mirror:-http://deb.debian.org/debian}
security=${SECURITY_MIRROR:-$(apt_uri bookworm-security | head -n 1)}
security=${security:-http://deb.debian.org/debian-security}

if ! command -v debootstrap >/dev/null 2>&1; then
	echo "installing debootstrap"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

# One run at a time in a folder: the cleanup below ends everything inside.
mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock -n 9 || {
	echo "$0: another run is using $dir" >&2
	exit 1
}

mounts=""
# Ends what still runs inside the chroot (a server a failed test left
# behind), then unmounts in the reverse order of mounting.
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	for p in /proc/[0-9]*; do
		if [ "$(readlink "$p/root" 2>/dev/null)" = "$dir" ]; then
			kill -9 "${p#/proc/}" 2>/dev/null || true
		fi
	done
	for m in $mounts; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "$0: could not unmount $m" >&2
	done
	mounts=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mounted() { grep -q " $1 " /proc/self/mounts; }

# Removes DIR, but only when it is empty or a chroot (whole, or a debootstrap
# that stopped half way): never a folder of something else given by mistake.
remove_chroot() {
	[ -e "$dir" ] || return 0
	if [ -n "$(ls -A "$dir")" ] && [ ! -f "$dir/etc/debian_version" ] && [ ! -d "$dir/debootstrap" ]; then
		echo "$0: $dir holds no chroot; not removing it" >&2
		exit 1
	fi
	for m in dev/shm dev/pts dev sys proc; do
		! mounted "$dir/$m" || umount -l "$dir/$m"
	done
	rm -rf --one-file-system "$dir"
}

[ "$new" -eq 0 ] || remove_chroot
# debootstrap removes its own folder when it has finished.
if [ ! -x "$dir/usr/bin/apt-get" ] || [ -d "$dir/debootstrap" ]; then
	echo "debootstrap: Debian 12 minbase from $mirror into $dir"
	remove_chroot
	mkdir -p "$dir"
	debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1 || {
		tail -n 20 "$dir.debootstrap.log" >&2
		exit 1
	}
	# A fresh installation's apt sources: the release, its updates and security.
	cat >"$dir/etc/apt/sources.list" <<-EOF
		deb $mirror bookworm main
		deb $mirror bookworm-updates main
		deb $security bookworm-security main
	EOF
	# No init system in a chroot: packages do not start their services (a
	# PostgreSQL on 5432 or an nginx on 80 would be the host's ports).
	printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
	chmod 755 "$dir/usr/sbin/policy-rc.d"
	[ -s "$dir/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$dir/etc/hosts"
fi
# This machine's network settings come along: its DNS, and the CA
# certificates it was given locally (a TLS-inspecting proxy on the way to the
# registries), which the chroot's Node then trusts too, or npm ci fails there.
cp -L /etc/resolv.conf "$dir/etc/resolv.conf"
extra_ca=/usr/local/share/ca-certificates/host-extra-ca.pem
rm -f "$dir$extra_ca"
for c in /usr/local/share/ca-certificates/*.crt; do
	[ -f "$c" ] || continue
	mkdir -p "$dir/usr/local/share/ca-certificates"
	cp "$c" "$dir/usr/local/share/ca-certificates/"
	{ cat "$c"; echo; } >>"$dir$extra_ca"
done

for m in proc sys dev dev/pts dev/shm; do
	mkdir -p "$dir/$m"
	if ! mounted "$dir/$m"; then
		case $m in
		proc) mount -t proc proc "$dir/proc" ;;
		dev/shm) mount -t tmpfs -o mode=1777,nosuid,nodev shm "$dir/dev/shm" ;;
		*) mount --bind "/$m" "$dir/$m" ;;
		esac
	fi
	mounts="$dir/$m $mounts"
done

# A clean clone of the committed HEAD, as CI's fresh clone.
src=/root/samverka
rm -rf "${dir:?}$src"
git init -q "$dir$src"
git -C "$dir$src" fetch -q "$repo" "$head"
git -C "$dir$src" -c advice.detachedHead=false checkout -q FETCH_HEAD
echo "running .ci/run of $(git -C "$repo" log -1 --format='%h %s' "$head") in $dir (log: $dir/root/ci.log)"

vars="HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin CI=true"
[ ! -f "$dir$extra_ca" ] || vars="$vars NODE_EXTRA_CA_CERTS=$extra_ca"
for v in $(env | sed -n 's/^\(SAMVERKA_[A-Z0-9_]*\|[hH][tT][tT][pP][sS]\{0,1\}_[pP][rR][oO][xX][yY]\|[nN][oO]_[pP][rR][oO][xX][yY]\)=.*/\1/p'); do
	vars="$vars $v=$(printenv "$v")"
done
start=$(date +%s)
rm -f "$dir/root/ci.rc"
# shellcheck disable=SC2086 # $vars is a list of NAME=VALUE words
{
	rc=0
	chroot "$dir" /usr/bin/env -i $vars /bin/sh -c "cd $src && exec bash .ci/run" </dev/null 9>&- 2>&1 || rc=$?
	echo "$rc" >"$dir/root/ci.rc"
} | tee "$dir/root/ci.log"
secs=$(($(date +%s) - start))
rc=$(cat "$dir/root/ci.rc" 2>/dev/null || echo 1)
echo "=== fresh Debian 12 chroot: .ci/run exited $rc after $((secs / 60)) min $((secs % 60)) s"
tail -n 1 "$dir/root/ci.log"
exit "$rc"
