/* Storing associations many at a time. The demo and the CSV import load
 * 100 000 in one transaction; a statement per row and table costs a round
 * trip and (PostgreSQL) a plan each, minutes in all. A chunk of rows goes
 * to the database as one JSON array per statement, which both engines read
 * as rows (json_each, jsonb_array_elements): a few statements a chunk
 * whatever its size, on the same schema and through the same triggers; and
 * all new rows of a load are placed in the register's order at once. */
#ifndef REGISTER_BULK_H
#define REGISTER_BULK_H
#include "base/arena.h"
#include "register/store.h"

/* Rows per statement. */
enum { ASSOC_BULK_CHUNK = 256, ASSOC_BULK_TIDY = 1000 };

/* An association to store: its id, 0 for a new one until it is stored;
 * the caller's tag (a line of the file); its place among the rows added
 * and the round it is stored in (assoc_bulk_store). */
struct assoc_row {
	struct assoc_rec rec;
	int64_t id;
	int tag, round;
	size_t seq;
};

/* Rows to store, their text copied into the arena. After a failure,
 * first_tag and last_tag name the rows of the chunk that failed; progress,
 * when set, is told the rows stored so far. */
struct assoc_bulk {
	struct db *db;
	struct arena a;
	struct assoc_row *rows;
	size_t n, cap, stored;
	int first_tag, last_tag;
	int created, updated;
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
};

void assoc_bulk_init(struct assoc_bulk *b, struct db *db);
void assoc_bulk_add(struct assoc_bulk *b, const struct assoc_rec *rec, int tag);
int assoc_bulk_store(struct assoc_bulk *b);
void assoc_bulk_free(struct assoc_bulk *b);
int assoc_write(struct db *db, struct assoc_row *rows, size_t n);
#endif
