/* The register's listed associations (public and active) in order, each
 * as its place, id and rev, kept by the process and brought up to date
 * at each write from the rows it changed (migration 037): a list page is
 * fifty of them and a search's page its kept places looked up here, so
 * that neither asks the database which rows it shows; only the rows not
 * kept as rendered are read (register/rows.c). */
#ifndef REGISTER_LISTING_H
#define REGISTER_LISTING_H
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

struct listed {
	int64_t pos, id, rev;
};

struct listing;

/* The listing as of the register's generation, with one more reader until
 * listing_put; NULL on a database error. */
const struct listing *listing_get(struct db *db);
void listing_put(const struct listing *l);
/* The listed rows in order, their number into *n. */
const struct listed *listing_rows(const struct listing *l, size_t *n);
/* The listed row at pos, or NULL when none is there. */
const struct listed *listing_at(const struct listing *l, int64_t pos);
#endif
