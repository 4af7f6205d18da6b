# The two commands of the README. Everything else is meson and ninja.
.PHONY: demo check build

# Set up the machine, build, load demo data into samverka.db and serve it.
demo:
	./scripts/demo.sh

# Build and run every test (unit, HTTP on SQLite and PostgreSQL, browser,
# ASan + UBSan, fuzz).
check:
	./scripts/test.sh

build:
	[ -f build/build.ninja ] || meson setup build
	ninja -C build
