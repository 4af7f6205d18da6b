/* multipart/form-data read as it arrives: the parser is fed the body in
 * whatever pieces the connection gives and hands each part on to a sink
 * (its name, then its bytes, then its end), so no body is ever held whole
 * in memory. Pure over bytes, with a fuzz target that splits its input at
 * random places. */
#ifndef HTTP_MULTIPART_H
#define HTTP_MULTIPART_H
#include <stddef.h>

#include "base/arena.h"

enum {
	MP_HEAD_MAX = 8 * 1024, /* the headers of one part */
	MP_BAD = -1,            /* mp_feed/mp_finish: the body is malformed */
};

/* Where the parts go. Each step returns 0 to go on; a positive value (an
 * HTTP status) stops the parser, and mp_feed returns it. name and filename are valid text
 * (filename NULL for a plain field); ctype is the part's Content-Type. */
struct mp_sink {
	int (*part)(void *cls, const char *name, const char *filename, const char *ctype);
	int (*data)(void *cls, const char *p, size_t n);
	int (*end)(void *cls);
	void *cls;
};

struct mp_parser {
	struct arena *a;
	const struct mp_sink *sink;
	char *delim; /* "\r\n--" and the boundary */
	size_t dl;
	int state;
	char *w; /* bytes received but not yet handed on */
	size_t wn, wcap;
};

int multipart_boundary(struct arena *a, const char *ctype, const char **bnd);
void mp_init(struct mp_parser *m, struct arena *a, const char *bnd, const struct mp_sink *s);
int mp_feed(struct mp_parser *m, const char *p, size_t n);
int mp_finish(const struct mp_parser *m);
void mp_free(struct mp_parser *m);
#endif
