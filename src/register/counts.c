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
 * thread: a thread missing a count another is making waits for that one
 * (right after a write every reader misses at once). A search's slot keeps
 * its page starts beside its count (counts_page), so that a deep page is a
 * seek, not a walk over the hits before it. */
enum { SLOTS = 1024, FLIGHTS = 16 };

static struct {
	pthread_mutex_t lock;
	struct slot {
		char *key;
		int64_t gen, total;
		int64_t *starts; /* each page's first key, counts_page */
		size_t nstarts;
		int64_t last; /* the last hit's key */
	} slot[SLOTS];
	/* what is being made now, and by whom it is awaited */
	struct flight {
		char *key;
		int64_t gen;
	} flight[FLIGHTS];
	pthread_cond_t landed;
} memo = {.lock = PTHREAD_MUTEX_INITIALIZER, .landed = PTHREAD_COND_INITIALIZER};

/* Under memo.lock: whether slot i holds key at gen. When it does not and
 * another thread is making it, waits for that one and looks again; when no
 * one is, the caller is to make it, and *claim is its flight (-1 when all
 * are taken: it makes it unannounced). */
static int
memo_find(size_t i, const char *key, int64_t gen, int *claim)
{
	*claim = -1;
	for (;;) {
		struct slot *s = &memo.slot[i];
		if (s->gen == gen && s->key && strcmp(s->key, key) == 0)
			return 1;
		int waiting = 0, free_one = -1;
		for (int f = 0; f < FLIGHTS; f++) {
			if (!memo.flight[f].key)
				free_one = free_one < 0 ? f : free_one;
			else if (memo.flight[f].gen == gen && strcmp(memo.flight[f].key, key) == 0)
				waiting = 1;
		}
		if (!waiting) {
			if (free_one >= 0)
				memo.flight[free_one] = (struct flight){xstrdup(key), gen};
			*claim = free_one;
			return 0;
		}
		pthread_cond_wait(&memo.landed, &memo.lock);
	}
}

/* Under memo.lock: the claimed flight has landed (kept or failed); those
 * waiting look again. */
static void
memo_land(int claim)
{
	if (claim < 0)
		return;
	free(memo.flight[claim].key);
	memo.flight[claim].key = NULL;
	pthread_cond_broadcast(&memo.landed);
}

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
	int claim = -1;
	if (gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		if (memo_find(i, buf_cstr(&key), gen, &claim))
			total = memo.slot[i].total;
		pthread_mutex_unlock(&memo.lock);
		if (total >= 0) {
			buf_free(&key);
			return total;
		}
	}
	total = db_int(db, q, args, n, -1);
	if (gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		struct slot *s = &memo.slot[i];
		if (total >= 0 && gen >= s->gen) {
			free(s->key);
			free(s->starts);
			*s = (struct slot){buf_take(&key), gen, total, NULL, 0, 0};
		}
		memo_land(claim);
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
	int found = 0, claim = -1;
	if (gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		if (memo_find(i, buf_cstr(&key), gen, &claim)) {
			struct slot *s = &memo.slot[i];
			found = 1;
			*total = s->total;
			page_bounds(s->starts, s->nstarts, s->last, page, from, to);
		}
		pthread_mutex_unlock(&memo.lock);
		if (found) {
			buf_free(&key);
			return 0;
		}
	}
	int64_t *starts = NULL, last;
	size_t nstarts;
	int rc = starts_read(db, q, args, n, &starts, &nstarts, total, &last);
	if (rc == 0)
		page_bounds(starts, nstarts, last, page, from, to);
	if (gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		struct slot *s = &memo.slot[i];
		if (rc == 0 && gen >= s->gen) {
			free(s->key);
			free(s->starts);
			*s = (struct slot){buf_take(&key), gen, *total, starts, nstarts, last};
			starts = NULL;
		}
		memo_land(claim);
		pthread_mutex_unlock(&memo.lock);
	}
	free(starts);
	buf_free(&key);
	return rc;
}
