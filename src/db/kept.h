/* What a module reads from the database once per generation (a meta row
 * such as 'generation:grants') and keeps for the whole process: the
 * decided grants (grants/ledger.c), the active venues
 * (venues/directory.c), which associations have a section on their page
 * (kept_ids below), the register's listed rows (register/listing.c, renewed
 * from what changed). Readers share the newest value; an old one is freed by
 * its last reader. */
#ifndef DB_KEPT_H
#define DB_KEPT_H
#include <pthread.h>
#include <stdint.h>

#include "db/db.h"

/* The head of a kept value: embed it as the value's first member. */
struct kept_value {
	int64_t gen;
	int refs; /* atomic; gained under the holder's lock */
	void (*free)(struct kept_value *);
};

struct kept {
	pthread_mutex_t lock;
	struct kept_value *current;
	const char *key; /* the meta row of the generation */
	/* the value of generation gen with its free set, or NULL on a
	 * database error */
	struct kept_value *(*load)(struct db *db, int64_t gen);
	/* when not NULL, the value of generation gen made from the one held
	 * (old, still the holder's): a value too large to read whole at every
	 * write, brought up to date from what changed since */
	struct kept_value *(*renew)(struct db *db, const struct kept_value *old, int64_t gen);
};
#define KEPT_INIT(key, load)                                                                       \
	{                                                                                          \
		PTHREAD_MUTEX_INITIALIZER, NULL, key, load, NULL                                   \
	}
#define KEPT_INIT_RENEW(key, load, renew)                                                          \
	{                                                                                          \
		PTHREAD_MUTEX_INITIALIZER, NULL, key, load, renew                                  \
	}

/* The value as of the database's generation, with one more reader, until
 * kept_put; NULL on a database error. */
struct kept_value *kept_get(struct kept *k, struct db *db);
/* One reader fewer (NULL: none); the last reader of an old value frees it. */
void kept_put(struct kept_value *v);

/* A set of ids kept per generation: the ids a query returns (one column,
 * ascending), for a page to learn without a round trip that a row has
 * nothing to show (an association granted nothing, one without regular
 * times) and ask the database only for the rows that do. A module's load
 * function returns kept_ids_load(db, gen, its query). */
struct kept_value *kept_ids_load(struct db *db, int64_t gen, struct dbq *q);
/* Whether id is in the set k keeps, as of the database's generation: 1 or
 * 0, or -1 on a database error. */
int kept_ids_has(struct kept *k, struct db *db, int64_t id);
#endif
