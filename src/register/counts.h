/* Hit counts and every hit's key of the register's queries, kept per search generation
 * (migration 013) and shared by the threads. */
#ifndef REGISTER_COUNTS_H
#define REGISTER_COUNTS_H
#include "db/db.h"

int64_t counts_get(struct db *db, int64_t gen, struct dbq *q, const struct dbval *args, int n);
int counts_page(struct db *db, int64_t gen, struct dbq *q, const struct dbval *args, int n,
                int64_t page, int64_t *keys, size_t *nkeys, int64_t *total);
#endif
