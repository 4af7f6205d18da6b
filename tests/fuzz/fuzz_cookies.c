/* cookies_parse: a Cookie header from anyone. Kept pairs have a name, valid
 * text, and there are at most 64 of them. */
#include "fuzz.h"

#include <string.h>

#include "http/decode.h"

/* Parses the input as a Cookie header and checks every pair. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};
	struct kvlist l = {0};
	PROPERTY(cookies_parse(&a, (const char *)data, size, &l) == 0);
	PROPERTY(l.n <= 64);
	for (size_t i = 0; i < l.n; i++) {
		size_t kn = strlen(l.items[i].k);
		PROPERTY(kn > 0 && text_valid(l.items[i].k, kn));
		PROPERTY(!memchr(l.items[i].k, ';', kn) && !memchr(l.items[i].k, '=', kn));
		PROPERTY(strlen(l.items[i].v) == l.items[i].vlen);
		PROPERTY(text_valid(l.items[i].v, l.items[i].vlen));
		PROPERTY(!memchr(l.items[i].v, ';', l.items[i].vlen));
	}
	arena_reset(&a);
	return 0;
}
