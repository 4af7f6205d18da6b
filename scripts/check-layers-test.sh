#!/bin/sh
# Tests scripts/check-layers.sh on copies of the tree: it passes on the tree
# as it is and fails, naming the file, on an upward include, a template of
# another capability, a circle between peers and a folder with no place.
set -u
cd "$(dirname "$0")/.."
check=$(pwd)/scripts/check-layers.sh
work=$(mktemp -d /tmp/check-layers.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
fails=0

# A fresh copy of docs/ and src/ in $work/t.
copy() {
	rm -rf "$work/t"
	mkdir -p "$work/t"
	cp -R docs src "$work/t/"
}

# expect RC NEEDLE WHAT: the check on $work/t exits RC and says NEEDLE.
expect() {
	"$check" "$work/t" >"$work/out" 2>&1
	rc=$?
	if [ "$rc" -eq "$1" ] && grep -qF -- "$2" "$work/out"; then
		echo "ok - $3"
	else
		echo "not ok - $3 (exit $rc, wanted $1 and \"$2\"):"
		sed 's/^/#   /' "$work/out"
		fails=$((fails + 1))
	fi
}

copy
expect 0 "the order holds" "the tree as it is keeps the order"

copy
echo '#include "layout/layout.h"' >>"$work/t/src/http/router.c"
expect 1 "src/http/router.c includes layout/layout.h: layout/ is above http/" \
	"http/ including layout/ fails"

copy
echo '#include "cases/case.h"' >>"$work/t/src/base/buf.c"
expect 1 "src/base/buf.c includes cases/case.h" "base/ including a capability fails"

copy
echo '{# include "cases/diary.tpl.h" #}' >>"$work/t/src/home/home.html"
expect 1 "src/home/home.html includes cases/diary.tpl.h, a template of another capability" \
	"a capability using another one's template fails"

copy
mkdir "$work/t/src/newfolder"
echo 'int x;' >"$work/t/src/newfolder/x.c"
expect 1 "src/newfolder/ has no place" "a folder missing from the order fails"

# Two peers (one line of the block) that include each other.
rm -rf "$work/t"
mkdir -p "$work/t/docs" "$work/t/src/a" "$work/t/src/b" "$work/t/src/c"
printf '# Test\n\n```layers\na/\nb/ c/\n```\n' >"$work/t/docs/architecture.md"
echo '#include "b/b.h"' >"$work/t/src/a/a.c"
echo '#include "c/c.h"' >"$work/t/src/b/b.h"
echo 'int c;' >"$work/t/src/c/c.h"
expect 0 "the order holds" "peers including one another one way pass"
echo '#include "b/b.h"' >>"$work/t/src/c/c.h"
expect 1 "circle b/ -> c/ -> b/" "peers including each other fail as a circle"

[ "$fails" -eq 0 ] && echo "check-layers: all passed" || echo "check-layers: $fails failed"
[ "$fails" -eq 0 ]
