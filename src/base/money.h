/* Money as people write it and as samverka keeps it: öre in a 64-bit
 * integer everywhere, kronor only in what a person types and reads. */
#ifndef BASE_MONEY_H
#define BASE_MONEY_H
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* The most a sum may be: a trillion kronor, far above any budget, so that
 * sums of many amounts stay exact in 64 bits. */
#define MONEY_MAX_ORE (100000000000000LL)

int money_parse(const char *s, int64_t *ore);
void money_format(struct buf *b, int64_t ore, int english);
void money_plain(struct buf *b, int64_t ore);
void money_decimal(struct buf *b, int64_t ore);
void money_number(struct buf *b, int64_t ore, int english);
#endif
