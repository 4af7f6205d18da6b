/* Where each page of the whole public list starts, kept for the search
 * generation (migration 013) it was read at and shared by the threads. */
#ifndef REGISTER_RANKS_H
#define REGISTER_RANKS_H
#include "db/db.h"

#include <stdint.h>

int ranks_page(struct db *db, int64_t gen, int64_t page, int64_t *start, int64_t *total);
#endif
