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
 * its hits' keys in order beside their count (counts_page): any page of it
 * is then its fifty keys, read by key, without the search index, which
 * costs more than the rows (a prefix's expansion, a filter's probes). The
 * keys kept in all are bounded (HITS_MAX, 32 MB): past it the searches
 * kept longest ago give theirs up. */
enum { SLOTS = 1024, FLIGHTS = 16, HITS_MAX = 1 << 22, ARGS_MAX = 6 };

/* A search kept at an older generation is brought up to date when the
 * writes since touched at most PATCH_MAX places (migration 034), each a
 * test of the search at that place; more, and it is read whole. */
enum { PATCH_MAX = 32 };
static struct dbq Q_CHANGES = {
        "SELECT m.lo, c.pos FROM (SELECT min(gen) AS lo FROM register_changes) m "
        "LEFT JOIN register_changes c ON c.gen > $1 AND c.gen <= $2 LIMIT $3",
        NULL, 0};

static struct {
	pthread_mutex_t lock;
	struct slot {
		char *key;
		int64_t gen, total;
		int64_t *hits; /* every hit's key in order, counts_page */
	} slot[SLOTS];
	size_t kept;   /* hits kept in all the slots */
	size_t oldest; /* where giving up hits starts next */
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

/* Under memo.lock: empties slot i. */
static void
slot_clear(size_t i)
{
	struct slot *s = &memo.slot[i];
	if (s->hits)
		memo.kept -= (size_t)s->total;
	free(s->key);
	free(s->hits);
	*s = (struct slot){.gen = s->gen};
}

/* Under memo.lock: slot i holds key (taken) at gen, with its count and,
 * when hits is not NULL, its total hits (taken); the slots kept longest
 * ago give up theirs while they would pass HITS_MAX. */
static void
slot_keep(size_t i, char *key, int64_t gen, int64_t total, int64_t *hits)
{
	slot_clear(i);
	if (hits && (size_t)total > HITS_MAX) {
		free(hits);
		hits = NULL;
	}
	for (size_t seen = 0; hits && memo.kept + (size_t)total > HITS_MAX && seen < SLOTS;
	     seen++) {
		if (memo.slot[memo.oldest].hits)
			slot_clear(memo.oldest);
		memo.oldest = (memo.oldest + 1) % SLOTS;
	}
	if (hits)
		memo.kept += (size_t)total;
	memo.slot[i] = (struct slot){key, gen, total, hits};
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
		if (total >= 0 && gen >= memo.slot[i].gen)
			slot_keep(i, buf_take(&key), gen, total, NULL);
		memo_land(claim);
		pthread_mutex_unlock(&memo.lock);
	}
	buf_free(&key);
	return total;
}

/* Reads the keys, in order, of the hits q gives with args between from
 * and to, into *hits (malloc'd) and their number into *total. */
static int
hits_read(struct db *db, struct dbq *q, const struct dbval *args, int n, int64_t from, int64_t to,
          int64_t **hits, int64_t *total)
{
	struct dbval all[ARGS_MAX + 2];
	if (n > ARGS_MAX)
		return -1;
	for (int i = 0; i < n; i++)
		all[i] = args[i];
	all[n] = DB_INT(from);
	all[n + 1] = DB_INT(to);
	struct dbcur c;
	*hits = NULL, *total = 0;
	if (db_query(db, &c, q, all, n + 2) != DB_OK)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		if ((size_t)*total == cap)
			*hits = xrealloc(*hits, (cap = cap ? cap * 2 : 64) * sizeof(**hits));
		(*hits)[(*total)++] = db_col_int(&c, 0);
	}
	db_done(&c);
	if (rc < 0) {
		free(*hits);
		*hits = NULL;
		return -1;
	}
	return 0;
}

/* The places (pos) the search generations after was and up to gen
 * touched (migration 034), at most PATCH_MAX, into places: their number,
 * or PATCH_MAX + 1 when they are more or the log no longer holds them all
 * (its oldest generation is past was + 1), -1 on error. */
static int
changed_places(struct db *db, int64_t was, int64_t gen, int64_t *places)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_CHANGES,
	             DB_ARGS(DB_INT(was), DB_INT(gen), DB_INT(PATCH_MAX + 1))) != DB_OK)
		return -1;
	int np = 0, rc;
	while ((rc = db_next(&c)) > 0) {
		if (db_col_null(&c, 0) || db_col_int(&c, 0) > was + 1 || np == PATCH_MAX) {
			np = PATCH_MAX + 1;
			break;
		}
		if (!db_col_null(&c, 1))
			places[np++] = db_col_int(&c, 1);
	}
	db_done(&c);
	return rc < 0 ? -1 : np;
}

/* Brings the hits of q kept at was up to gen: each place a write touched
 * since is taken out and, when q finds it there now, put back in order.
 * 1 done, 0 when the places are too many or unknown (the hits are to be
 * read whole), -1 on error. */
static int
hits_patch(struct db *db, struct dbq *q, const struct dbval *args, int n, int64_t was, int64_t gen,
           int64_t **hits, int64_t *total)
{
	int64_t places[PATCH_MAX];
	int np = changed_places(db, was, gen, places);
	if (np < 0 || np > PATCH_MAX)
		return np < 0 ? -1 : 0;
	for (int k = 0; k < np; k++) {
		int64_t p = places[k], *h = *hits, lo = 0, hi = *total;
		while (lo < hi) {
			int64_t mid = lo + (hi - lo) / 2;
			if (h[mid] < p)
				lo = mid + 1;
			else
				hi = mid;
		}
		int here = lo < *total && h[lo] == p;
		int64_t *found, nfound;
		if (hits_read(db, q, args, n, p, p, &found, &nfound) != 0)
			return -1;
		free(found);
		if (here && !nfound)
			memmove(h + lo, h + lo + 1, (size_t)(*total - lo - 1) * sizeof(*h)),
			        (*total)--;
		else if (!here && nfound) {
			*hits = h = xrealloc(h, (size_t)(*total + 1) * sizeof(*h));
			memmove(h + lo + 1, h + lo, (size_t)(*total - lo) * sizeof(*h));
			h[lo] = p, (*total)++;
		}
	}
	return 1;
}

/* Copies the keys of page (1-based) of total hits into keys, their number
 * into *nkeys (0 past the last page). */
static void
page_keys(const int64_t *hits, int64_t total, int64_t page, int64_t *keys, size_t *nkeys)
{
	int64_t first = (page - 1) * REGISTER_PAGE_SIZE;
	*nkeys = 0;
	if (page < 1 || first >= total)
		return;
	*nkeys = (size_t)(total - first < REGISTER_PAGE_SIZE ? total - first : REGISTER_PAGE_SIZE);
	memcpy(keys, hits + first, *nkeys * sizeof(*keys));
}

/* The hits of the search whose keys q lists in order at gen (between its
 * last two parameters, which this adds after args: the whole range, or one
 * place to test), their number into *total and the keys of page (1-based)
 * into keys (REGISTER_PAGE_SIZE of them at most; *nkeys 0 past the last
 * page). Kept or read like a count; kept at an older generation, brought
 * up to date by the places written since (hits_patch). 0, or -1 on
 * error. */
int
counts_page(struct db *db, int64_t gen, struct dbq *q, const struct dbval *args, int n,
            int64_t page, int64_t *keys, size_t *nkeys, int64_t *total)
{
	struct buf key = {0};
	size_t i = memo_key(&key, q, args, n);
	int found = 0, claim = -1;
	int64_t *hits = NULL, was = -1;
	if (gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		struct slot *s = &memo.slot[i];
		if (memo_find(i, buf_cstr(&key), gen, &claim) && s->hits) {
			found = 1;
			*total = s->total;
			page_keys(s->hits, *total, page, keys, nkeys);
		} else if (s->hits && s->gen < gen && strcmp(s->key, buf_cstr(&key)) == 0) {
			/* taken out to be brought up to date, by this thread alone */
			hits = s->hits, was = s->gen, *total = s->total;
			memo.kept -= (size_t)s->total;
			s->hits = NULL;
		}
		pthread_mutex_unlock(&memo.lock);
		if (found) {
			buf_free(&key);
			return 0;
		}
	}
	int rc = hits ? hits_patch(db, q, args, n, was, gen, &hits, total) : 0;
	if (rc == 0) {
		free(hits);
		rc = hits_read(db, q, args, n, INT64_MIN, INT64_MAX, &hits, total);
	}
	rc = rc < 0 ? -1 : 0;
	if (rc == 0)
		page_keys(hits, *total, page, keys, nkeys);
	if (gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		if (rc == 0 && gen >= memo.slot[i].gen) {
			slot_keep(i, buf_take(&key), gen, *total, hits);
			hits = NULL;
		}
		memo_land(claim);
		pthread_mutex_unlock(&memo.lock);
	}
	free(hits);
	buf_free(&key);
	return rc;
}
