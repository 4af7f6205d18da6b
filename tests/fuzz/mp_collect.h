/* A sink for the multipart parser that keeps what it is handed, for the
 * unit test and the fuzz target: fields as a kvlist, files with their bytes
 * in memory. */
#ifndef TESTS_MP_COLLECT_H
#define TESTS_MP_COLLECT_H
#include <string.h>

#include "base/buf.h"
#include "http/decode.h"
#include "http/multipart.h"

struct mp_collect {
	struct arena *a;
	struct kvlist fields;
	struct uploads files;
	const char *name;
	int is_file;
	struct buf value;
};

/* A part begins: a field or a file, as the parser names it. */
static int
collect_part(void *cls, const char *name, const char *filename, const char *ctype)
{
	struct mp_collect *c = cls;
	c->name = name;
	c->is_file = filename != NULL;
	c->value.len = 0;
	if (filename) {
		c->files.items = arena_grow(c->a, c->files.items, c->files.n, &c->files.cap,
		                            sizeof(*c->files.items));
		c->files.items[c->files.n++] =
		        (struct upload){.field = name, .filename = filename, .ctype = ctype};
	}
	return 0;
}

static int
collect_data(void *cls, const char *p, size_t n)
{
	struct mp_collect *c = cls;
	buf_add(&c->value, p, n);
	return 0;
}

/* A part ends: its bytes go where it belongs, a field's only when they
 * are text, as the server keeps them. */
static int
collect_end(void *cls)
{
	struct mp_collect *c = cls;
	const char *v = arena_strndup(c->a, c->value.data ? c->value.data : "", c->value.len);
	if (c->is_file) {
		struct upload *u = &c->files.items[c->files.n - 1];
		u->data = v;
		u->len = c->value.len;
		return 0;
	}
	if (!text_valid(v, c->value.len))
		return 400;
	kv_add(c->a, &c->fields, c->name, v, c->value.len);
	return 0;
}

/* Parses body in pieces of at most step bytes (0: whole): mp_feed's
 * result or mp_finish's. */
static int
collect_parse(struct mp_collect *c, struct arena *a, const char *bnd, const char *body, size_t n,
              size_t step)
{
	*c = (struct mp_collect){.a = a};
	struct mp_sink sink = {collect_part, collect_data, collect_end, c};
	struct mp_parser m;
	mp_init(&m, a, bnd, &sink);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i += step ? step : n)
		rc = mp_feed(&m, body + i, step && n - i > step ? step : n - i);
	if (!rc)
		rc = mp_finish(&m);
	mp_free(&m);
	buf_free(&c->value);
	return rc;
}
#endif
