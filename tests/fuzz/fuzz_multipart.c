/* multipart_boundary and the streaming multipart parser: the first line of
 * the input is a Content-Type when it starts with "multipart/", else the
 * boundary itself; the rest is the body. The body is parsed whole and
 * again in pieces of a size taken from the input, which must come out the
 * same; fields come out as valid text. */
#include "fuzz.h"

#include <string.h>

#include "mp_collect.h"

/* Splits the input, finds the boundary, parses the body twice and checks
 * what came out. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *nl = memchr(in, '\n', size);
	if (!nl)
		return 0;
	struct arena a = {0};
	const char *first = arena_strndup(&a, in, (size_t)(nl - in)), *bnd = first;
	const char *body = nl + 1;
	size_t n = size - (size_t)(body - in);
	if (strncmp(first, "multipart/", 10) == 0) {
		if (multipart_boundary(&a, first, &bnd) != 0)
			goto done;
		PROPERTY(strlen(bnd) > 0 && strlen(bnd) <= 70);
	}
	if (!*bnd)
		goto done;
	struct mp_collect whole, pieces;
	int rc = collect_parse(&whole, &a, bnd, body, n, 0);
	size_t step = 1 + (size ? data[size - 1] % 17 : 0);
	PROPERTY(collect_parse(&pieces, &a, bnd, body, n, step) == rc);
	if (rc != 0)
		goto done;
	PROPERTY(pieces.fields.n == whole.fields.n && pieces.files.n == whole.files.n);
	for (size_t i = 0; i < whole.fields.n; i++) {
		const struct kv *f = &whole.fields.items[i];
		PROPERTY(text_valid(f->k, strlen(f->k)));
		PROPERTY(strlen(f->v) == f->vlen);
		PROPERTY(text_valid(f->v, f->vlen));
		PROPERTY(strcmp(pieces.fields.items[i].v, f->v) == 0);
	}
	for (size_t i = 0; i < whole.files.n; i++) {
		const struct upload *u = &whole.files.items[i], *p = &pieces.files.items[i];
		PROPERTY(u->len <= n && p->len == u->len && memcmp(p->data, u->data, u->len) == 0);
		PROPERTY(text_valid(u->field, strlen(u->field)));
		PROPERTY(text_valid(u->filename, strlen(u->filename)));
		PROPERTY(strlen(u->filename) == strcspn(u->filename, "\r\n"));
	}
done:
	arena_reset(&a);
	return 0;
}
