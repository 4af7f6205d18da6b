/* Decoding of what a client sends: URL escapes, query strings and urlencoded
 * forms, cookies (multipart bodies: http/multipart.h). Pure functions over bytes, so each has a
 * fuzz target. Every decoded value is valid UTF-8 without NUL bytes. */
#ifndef HTTP_DECODE_H
#define HTTP_DECODE_H
#include <stddef.h>

#include "base/arena.h"

struct kv {
	const char *k;
	const char *v;
	size_t vlen;
};

/* A file sent with a form: its bytes are in a spool file (path, open as
 * fd) that the request's end removes unless a handler has moved it into
 * place, and readable in memory at data (mapped from the file). */
struct upload {
	const char *field;
	const char *filename;
	const char *ctype;
	const char *data;
	size_t len;
	const char *path;
	int fd;
	int mapped;
};

struct kvlist {
	struct kv *items;
	size_t n, cap;
};

struct uploads {
	struct upload *items;
	size_t n, cap;
};

enum { DECODE_MAX_FIELDS = 1000 };

int text_valid(const char *s, size_t n);
int url_decode(struct arena *a, const char *s, size_t n, int plus, char **out, size_t *outn);
int form_parse(struct arena *a, const char *s, size_t n, struct kvlist *out);
int cookies_parse(struct arena *a, const char *s, size_t n, struct kvlist *out);
const char *kv_get(const struct kvlist *l, const char *k);
void kv_add(struct arena *a, struct kvlist *l, const char *k, const char *v, size_t vlen);
#endif
