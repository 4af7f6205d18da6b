/* multipart_boundary and multipart_parse: the first line of the input is a
 * Content-Type when it starts with "multipart/", else the boundary itself;
 * the rest is the body. Fields come out as valid text, uploads point into
 * the body. */
#include "fuzz.h"

#include <string.h>

#include "http/decode.h"

/* Splits the input, finds the boundary, parses the body and checks what
 * came out. */
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
	struct kvlist fields = {0};
	struct uploads files = {0};
	if (multipart_parse(&a, bnd, body, n, &fields, &files) != 0)
		goto done;
	PROPERTY(fields.n <= DECODE_MAX_FIELDS && files.n <= 32);
	for (size_t i = 0; i < fields.n; i++) {
		PROPERTY(text_valid(fields.items[i].k, strlen(fields.items[i].k)));
		PROPERTY(strlen(fields.items[i].v) == fields.items[i].vlen);
		PROPERTY(text_valid(fields.items[i].v, fields.items[i].vlen));
	}
	for (size_t i = 0; i < files.n; i++) {
		const struct upload *u = &files.items[i];
		PROPERTY(u->data >= body && u->data + u->len <= body + n);
		PROPERTY(text_valid(u->field, strlen(u->field)));
		PROPERTY(text_valid(u->filename, strlen(u->filename)));
	}
done:
	arena_reset(&a);
	return 0;
}
