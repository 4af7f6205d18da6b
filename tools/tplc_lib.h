/* The template compiler's compile step, shared by tools/tplc and the fuzz
 * target tests/fuzz/fuzz_tplc.c. */
#ifndef TOOLS_TPLC_LIB_H
#define TOOLS_TPLC_LIB_H
#include <stddef.h>
#include <stdio.h>

/* Compiles template text src (len bytes, NUL-terminated) named name into
 * function fn: the declaration goes to oh, the definition, which includes
 * hname, to oc, and compile errors ("name:line: error: ...") to err. Returns
 * the number of errors. */
int tplc_compile(const char *name, const char *src, size_t len, const char *fn, const char *hname,
                 FILE *oc, FILE *oh, FILE *err);
#endif
