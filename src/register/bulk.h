/* Storing associations many at a time. The demo and the CSV import load
 * 100 000 in one transaction; a statement per row and table costs a round
 * trip and (PostgreSQL) a plan each, about a minute in all. A batch goes to
 * the database as one JSON array per statement, which both engines read as
 * rows (json_each, json_array_elements): a few statements a batch whatever
 * its size, on the same schema and through the same triggers. */
#ifndef REGISTER_BULK_H
#define REGISTER_BULK_H
#include "base/arena.h"
#include "register/store.h"

enum { ASSOC_BULK_MAX = 256 };

/* An association to store: its id, 0 for a new one until it is stored. */
struct assoc_row {
	struct assoc_rec rec;
	int64_t id;
};

/* Rows waiting to be stored, their text copied into the arena; tags are
 * the caller's (a line of the file), to name the rows of a failed batch. */
struct assoc_bulk {
	struct db *db;
	struct arena a;
	struct assoc_row *rows;
	int n;
	int first_tag, last_tag;
	int created, updated;
};

void assoc_bulk_init(struct assoc_bulk *b, struct db *db);
int assoc_bulk_add(struct assoc_bulk *b, const struct assoc_rec *rec, int tag);
int assoc_bulk_flush(struct assoc_bulk *b);
void assoc_bulk_free(struct assoc_bulk *b);
int assoc_write(struct db *db, struct assoc_row *rows, int n);
#endif
