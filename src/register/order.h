/* The register's order as a number: each association's pos places it in
 * Swedish order (sort_key, then id), so that lists and searches read it from
 * an index in that order (see migration 011). */
#ifndef REGISTER_ORDER_H
#define REGISTER_ORDER_H
#include "db/db.h"

#include <stddef.h>

enum { ORDER_SPACING_BITS = 40 };

int order_renumber(struct db *db);
int order_index_tidy(struct db *db);
int order_index_merge(struct db *db);
int order_place(struct db *db, int64_t id, const char *key, size_t keylen, int64_t *pos);
int order_place_new(struct db *db, const char *const *keys, size_t n, int64_t *pos);
#endif
