/* Sort keys that put names in Swedish order (å, ä, ö after z) with plain
 * byte comparison, identical on every engine. */
#ifndef BASE_SORTKEY_H
#define BASE_SORTKEY_H
#include "base/buf.h"

void sv_sort_key(struct buf *out, const char *s, size_t n);
#endif
