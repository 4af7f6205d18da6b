/* The hits' keys of the register's searches, kept per search generation
 * (migration 013) and shared by the threads. */
#ifndef REGISTER_COUNTS_H
#define REGISTER_COUNTS_H
#include "db/db.h"

/* One part of a search: a statement that lists its hits' keys in order,
 * between its last two parameters (which counts_page adds after args). */
struct counts_part {
	struct dbq *q;
	const struct dbval *args;
	int n;
};

/* A search is the hits all its parts have: at most its eight words
 * (search_query) and three filters. */
enum { COUNTS_PARTS = 11 };

int counts_page(struct db *db, int64_t gen, const struct counts_part *parts, int nparts,
                int64_t page, int64_t *keys, size_t *nkeys, int64_t *total);
#endif
