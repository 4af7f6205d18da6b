/* Files compiled into the binary by tools/embed, ended by a NULL name. */
#ifndef BASE_EMBED_H
#define BASE_EMBED_H
#include <stddef.h>

struct embedded {
	const char *name;
	const char *data;
	size_t len;
};
#endif
