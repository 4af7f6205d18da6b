#include "register/ranks.h"
#include "base/arena.h"
#include "register/queries.h"

#include <pthread.h>
#include <stdlib.h>

/* Every listed pos, in order (SQLite, where a row costs a step); for
 * PostgreSQL only each page's first and the number listed, so that 95 000
 * rows do not cross the connection (80 ms against 32 on 100 000; seeking
 * each page's start alone instead, with OFFSET, cost the deepest pages 7 ms
 * each, where the table costs once per search generation). */
static struct dbq Q_LISTED = {
        "SELECT pos, 0 FROM associations WHERE public = 1 AND active = 1 ORDER BY pos",
        "SELECT pos, (SELECT count(*) FROM associations WHERE public = 1 AND active = 1) "
        "FROM (SELECT pos, row_number() OVER (ORDER BY pos) AS r FROM associations "
        "WHERE public = 1 AND active = 1) s WHERE r % 50 = 1 ORDER BY pos",
        0};
_Static_assert(REGISTER_PAGE_SIZE == 50, "Q_LISTED's PostgreSQL variant pages by 50");

/* The pos of the first association of each page, read at gen. One lock:
 * when many requests find the table old at once (right after a write), one
 * of them reads it anew and the others wait for that instead of reading it
 * each. */
static struct {
	pthread_mutex_t lock;
	int64_t gen, total;
	int64_t *starts;
	size_t nstarts, cap;
} ranks = {.lock = PTHREAD_MUTEX_INITIALIZER, .gen = -1};

/* Reads the page starts anew: one walk over the listed associations' pos
 * index, keeping every page's first. */
static int
ranks_read(struct db *db, int64_t gen)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_LISTED, DB_NOARGS) != DB_OK)
		return -1;
	int pg = db_kind(db) == DB_PG;
	int64_t n = 0;
	size_t k = 0;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		if (pg)
			n = db_col_int(&c, 1);
		else if (n++ % REGISTER_PAGE_SIZE)
			continue;
		if (k == ranks.cap) {
			ranks.cap = ranks.cap ? ranks.cap * 2 : 1024;
			ranks.starts = xrealloc(ranks.starts, ranks.cap * sizeof(*ranks.starts));
		}
		ranks.starts[k++] = db_col_int(&c, 0);
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	ranks.nstarts = k;
	ranks.total = n;
	ranks.gen = gen;
	return 0;
}

/* The first pos of page (1-based) of the whole list as it is at gen, and
 * the number of listed associations; *start is INT64_MAX past the end. */
int
ranks_page(struct db *db, int64_t gen, int64_t page, int64_t *start, int64_t *total)
{
	pthread_mutex_lock(&ranks.lock);
	int rc = 0;
	if (ranks.gen != gen || gen < 0)
		rc = ranks_read(db, gen);
	if (rc == 0) {
		*total = ranks.total;
		*start = page >= 1 && (size_t)(page - 1) < ranks.nstarts ? ranks.starts[page - 1]
		                                                         : INT64_MAX;
	}
	if (gen < 0)
		ranks.gen = -1;
	pthread_mutex_unlock(&ranks.lock);
	return rc;
}
