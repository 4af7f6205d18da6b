/* Sort keys that put names in Swedish order, from ICU's Swedish collation
 * (å, ä, ö after z, ü with y, ø with ö, other scripts after Latin in their
 * own order), compared bytewise: the same on every engine, with one plain
 * index. */
#ifndef BASE_SORTKEY_H
#define BASE_SORTKEY_H
#include "base/buf.h"

#include <stdint.h>

/* A key holds at most this many bytes of ICU's key (4/3 as many
 * characters), so a name of long expansions still fits an index entry. */
#define SV_SORT_KEY_MAX 256

/* Appends the key of the UTF-8 text s (n bytes) to out. Safe from any
 * thread. */
void sv_sort_key(struct buf *out, const char *s, size_t n);
/* Which collator and key format sv_sort_key writes; a stored key made
 * under another value must be made anew. */
int64_t sv_sort_key_version(void);
#endif
