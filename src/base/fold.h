/* Names folded for matching and slugs: "Västra Hamnen", "västra hamnen"
 * and "Vastra hamnen" alike. Not an order: sort keys are base/sortkey.h. */
#ifndef BASE_FOLD_H
#define BASE_FOLD_H
#include "base/buf.h"

void sv_fold(struct buf *out, const char *s, size_t n);
#endif
