/* Names folded for matching and slugs: "Västra Hamnen", "västra hamnen"
 * and "Vastra hamnen" alike. Not an order: sort keys are base/sortkey.h. */
#ifndef BASE_FOLD_H
#define BASE_FOLD_H
#include "base/buf.h"

struct arena;

void sv_fold(struct buf *out, const char *s, size_t n);
/* An address made of a name, at most max bytes, in the arena: the folded
 * name's letters a–z (å and ä as a, ö as o) and digits, a hyphen for each
 * run of anything else; "Västra hamnen" -> "vastra-hamnen"; "" when the
 * name has no letter or digit. */
const char *sv_slug(struct arena *a, const char *name, size_t max);
#endif
