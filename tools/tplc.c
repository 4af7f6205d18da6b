/*
 * tplc: compiles an HTML template into a C function that appends the page to a
 * struct buf. Every interpolation is escaped for the place it stands in, and
 * interpolating where no escaping is safe (script, style, on* attributes,
 * unquoted attributes) is a compile error. See docs/templates.md.
 *
 *   {# include "x.h" #}          add an #include to the generated header
 *   {# params TYPE a, TYPE b #}  the function's parameters after the buffer
 *   {# any other comment #}
 *   {{ expr }}                   escaped for the context
 *   {{ html expr }}              raw: expr must be a struct html
 *   {% C statement %}            copied as it is (if, for, braces)
 */
#define _POSIX_C_SOURCE 200809L
#include "tplc_lib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	size_t cap = 1 << 16, n = 0;
	char *d = malloc(cap);
	size_t r;
	while ((r = fread(d + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			d = realloc(d, cap *= 2);
	}
	fclose(f);
	d[n] = 0;
	*len = n;
	return d;
}

/* Compiles IN.html; on a compile error no output file is left behind, so
 * the build stops rather than compiling a half-written template. */
int
main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: tplc IN.html OUT.c OUT.h FUNCTION\n");
		return 2;
	}
	size_t len;
	char *src = slurp(argv[1], &len);
	FILE *oc = fopen(argv[2], "w"), *oh = fopen(argv[3], "w");
	if (!oc || !oh) {
		perror("tplc");
		return 1;
	}
	const char *hbase = strrchr(argv[3], '/');
	int errors = tplc_compile(argv[1], src, len, argv[4], hbase ? hbase + 1 : argv[3], oc, oh,
	                          stderr);
	fclose(oc);
	fclose(oh);
	free(src);
	if (errors) {
		remove(argv[2]);
		remove(argv[3]);
		return 1;
	}
	return 0;
}
