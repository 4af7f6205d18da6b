/* url_decode: any bytes in, either refused or decoded into text a handler
 * may use as it is (valid UTF-8, no NUL, no control bytes but tab and line
 * breaks), never longer than the input. */
#include "fuzz.h"

#include <string.h>

#include "http/decode.h"

/* Decodes the input with and without '+' as space. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};
	for (int plus = 0; plus < 2; plus++) {
		char *out;
		size_t n;
		if (url_decode(&a, (const char *)data, size, plus, &out, &n) != 0)
			continue;
		PROPERTY(n <= size);
		PROPERTY(strlen(out) == n);
		PROPERTY(text_valid(out, n));
		PROPERTY(!plus || !memchr(out, '+', n) || memchr(data, '%', size));
	}
	arena_reset(&a);
	return 0;
}
