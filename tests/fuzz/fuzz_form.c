/* form_parse: query strings and urlencoded bodies. Whatever is accepted has
 * at most DECODE_MAX_FIELDS pairs of valid text with the right lengths. */
#include "fuzz.h"

#include <string.h>

#include "http/decode.h"

/* Parses the input as a form and checks every pair. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};
	struct kvlist l = {0};
	if (form_parse(&a, (const char *)data, size, &l) == 0) {
		PROPERTY(l.n <= DECODE_MAX_FIELDS);
		for (size_t i = 0; i < l.n; i++) {
			PROPERTY(text_valid(l.items[i].k, strlen(l.items[i].k)));
			PROPERTY(strlen(l.items[i].v) == l.items[i].vlen);
			PROPERTY(text_valid(l.items[i].v, l.items[i].vlen));
			PROPERTY(kv_get(&l, l.items[i].k) != NULL);
		}
	}
	arena_reset(&a);
	return 0;
}
