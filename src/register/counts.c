#include "register/counts.h"
#include "base/arena.h"
#include "base/buf.h"
#include "register/queries.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Counting a search's hits walks all of them (a common word: 0.3 to 1.5 ms
 * on 100 000 associations) where its page of 50 costs a tenth of that, so
 * a count is kept until the search generation changes (migration 013: a
 * write no search reads, such as members, leaves it): paging through a
 * search counts once. One table for the process, not one per thread: after
 * every write each count is made again, and made once rather than once per
 * thread. Two threads missing the same count at once may both make it.
 * A search's slot keeps its page starts beside its count (counts_page), so
 * that a deep page is a seek, not a walk over the hits before it. */
enum { SLOTS = 1024 };

static struct {
	pthread_mutex_t lock;
	struct slot {
		char *key;
		int64_t gen, total;
		int64_t *starts; /* each page's first key, counts_page */
		size_t nstarts;
		int64_t last; /* the last hit's key */
	} slot[SLOTS];
} memo = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* The key of a query and its arguments; FNV-1a picks its slot. */
static size_t
memo_key(struct buf *key, struct dbq *q, const struct dbval *args, int n)
{
	buf_printf(key, "%p", (void *)q);
	for (int i = 0; i < n; i++) {
		buf_putc(key, '\x1f');
		if (args[i].t == DBV_INT)
			buf_int(key, args[i].i);
		else
			buf_add(key, args[i].s, args[i].n);
	}
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < key->len; i++)
		h = (h ^ (unsigned char)key->data[i]) * 1099511628211ull;
	return (size_t)(h % SLOTS);
}

/* What the count query q gives with its arguments at gen: kept or counted;
 * -1 on error. */
int64_t
counts_get(struct db *db, int64_t gen, struct dbq *q, const struct dbval *args, int n)
{
	struct buf key = {0};
	size_t i = memo_key(&key, q, args, n);
	int64_t total = -1;
	pthread_mutex_lock(&memo.lock);
	struct slot *s = &memo.slot[i];
	if (gen >= 0 && s->gen == gen && s->key && strcmp(s->key, buf_cstr(&key)) == 0)
		total = s->total;
	pthread_mutex_unlock(&memo.lock);
	if (total >= 0) {
		buf_free(&key);
		return total;
	}
	total = db_int(db, q, args, n, -1);
	if (total >= 0 && gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		s = &memo.slot[i];
		if (gen >= s->gen) {
			free(s->key);
			free(s->starts);
			*s = (struct slot){buf_take(&key), gen, total, NULL, 0, 0};
		}
		pthread_mutex_unlock(&memo.lock);
	}
	buf_free(&key);
	return total;
}

/* Reads the page starts of a search anew into *starts (malloc'd), and the
 * last hit's key: q gives each hit's key in order (SQLite, where a row is a
 * step: every page's first kept here), or, with two more columns, only each
 * page's first row, the number of hits and the last key (PostgreSQL, so the
 * hits do not cross the connection). */
static int
starts_read(struct db *db, struct dbq *q, const struct dbval *args, int n, int64_t **starts,
            size_t *nstarts, int64_t *total, int64_t *last)
{
	struct dbcur c;
	*starts = NULL, *nstarts = 0, *total = 0, *last = 0;
	if (db_query(db, &c, q, args, n) != DB_OK)
		return -1;
	int server_paged = db_kind(db) == DB_PG;
	size_t cap = 0;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		if (server_paged) {
			*total = db_col_int(&c, 1);
			*last = db_col_int(&c, 2);
		} else {
			*last = db_col_int(&c, 0);
			if ((*total)++ % REGISTER_PAGE_SIZE)
				continue;
		}
		if (*nstarts == cap)
			*starts = xrealloc(*starts, (cap = cap ? cap * 2 : 16) * sizeof(**starts));
		(*starts)[(*nstarts)++] = db_col_int(&c, 0);
	}
	db_done(&c);
	if (rc < 0) {
		free(*starts);
		*starts = NULL;
		return -1;
	}
	return 0;
}

/* The keys that bound page (1-based) of hits whose pages start at starts:
 * from its first hit to the next page's first, or past the last hit. */
static void
page_bounds(const int64_t *starts, size_t nstarts, int64_t last, int64_t page, int64_t *from,
            int64_t *to)
{
	*from = page >= 1 && (size_t)(page - 1) < nstarts ? starts[page - 1] : INT64_MAX;
	*to = page >= 1 && (size_t)page < nstarts ? starts[page]
	      : last < INT64_MAX                  ? last + 1
	                                          : INT64_MAX;
}

/* The hits of the search that the starts query q lists at gen (see
 * starts_read), and the keys that bound page (1-based): its hits are those
 * with *from <= key < *to, *from INT64_MAX past the last page. Kept or read
 * like a count. 0, or -1 on error. */
int
counts_page(struct db *db, int64_t gen, struct dbq *q, const struct dbval *args, int n,
            int64_t page, int64_t *from, int64_t *to, int64_t *total)
{
	struct buf key = {0};
	size_t i = memo_key(&key, q, args, n);
	int found = 0;
	pthread_mutex_lock(&memo.lock);
	struct slot *s = &memo.slot[i];
	if (gen >= 0 && s->gen == gen && s->key && strcmp(s->key, buf_cstr(&key)) == 0) {
		found = 1;
		*total = s->total;
		page_bounds(s->starts, s->nstarts, s->last, page, from, to);
	}
	pthread_mutex_unlock(&memo.lock);
	if (found) {
		buf_free(&key);
		return 0;
	}
	int64_t *starts, last;
	size_t nstarts;
	if (starts_read(db, q, args, n, &starts, &nstarts, total, &last) != 0) {
		buf_free(&key);
		return -1;
	}
	page_bounds(starts, nstarts, last, page, from, to);
	pthread_mutex_lock(&memo.lock);
	s = &memo.slot[i];
	if (gen >= 0 && gen >= s->gen) {
		free(s->key);
		free(s->starts);
		*s = (struct slot){buf_take(&key), gen, *total, starts, nstarts, last};
		starts = NULL;
	}
	pthread_mutex_unlock(&memo.lock);
	free(starts);
	buf_free(&key);
	return 0;
}
