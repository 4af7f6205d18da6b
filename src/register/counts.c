#include "register/counts.h"
#include "base/arena.h"
#include "base/buf.h"
#include "register/queries.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Counting a search's hits walks all of them (a common word: 0.3 to 1.5 ms
 * on 100 000 associations) where its page of 50 costs a tenth of that, so
 * a search's hits are kept until the search generation changes (migration
 * 013: a write no search reads, such as members, leaves them): paging
 * through a search counts once. One table for the process, not one per
 * thread: a thread missing a search another is reading waits for that one
 * (right after a write every reader misses at once). A slot keeps the
 * hits' keys in order beside their count (counts_page): any page is then
 * its fifty keys, read by key, without the search index, which costs more
 * than the rows (a prefix's expansion, a filter's probes). A search of
 * several parts (words, filters) is the hits all of them have, each part
 * kept on its own: one word serves every filter it is asked with, and a
 * new combination costs an intersection in memory, not a reading of the
 * index (PostgreSQL's mixed load 0.8 to 8-10 thousand requests a second,
 * bench/README). The keys kept in all are bounded (HITS_MAX, 32 MB): past
 * it the searches kept longest ago give theirs up. A key may be kept in
 * any of the WAYS slots of its set, the one used longest ago giving way:
 * with one slot a key, two of the hundred parts a mixed load asks fell on
 * the same slot in most runs and put each other out at every request
 * (PostgreSQL's mixed-load p99 20-90 ms, each a whole reading). */
enum { SLOTS = 4096, WAYS = 8, FLIGHTS = 16, HITS_MAX = 1 << 22, ARGS_MAX = 6 };

/* The searches of several parts (parts_page) have slots of their own after
 * the parts': there are thousands of them (each word with each filter),
 * which would otherwise push out the few parts they are all made of. */
enum { PART_SLOTS = SLOTS - SLOTS / 4 };

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
		uint64_t hash; /* the key's (key_hash), looked at before it */
		int64_t gen, total;
		int64_t *hits; /* every hit's key in order, counts_page */
		uint64_t used; /* clock when last found or kept */
	} slot[SLOTS];
	uint64_t clock;
	size_t kept;   /* hits kept in all the slots */
	size_t oldest; /* where giving up hits starts next */
	/* what is being made now, and by whom it is awaited */
	struct flight {
		char *key;
		int64_t gen;
	} flight[FLIGHTS];
	pthread_cond_t landed;
} memo = {.lock = PTHREAD_MUTEX_INITIALIZER, .landed = PTHREAD_COND_INITIALIZER};

/* The first slot of the set of the key with hash: a part's among the
 * first PART_SLOTS, a search of several's (hash_of) among the rest. */
static size_t
set_of(uint64_t hash)
{
	int both = hash & 1;
	size_t sets = (both ? SLOTS - PART_SLOTS : PART_SLOTS) / WAYS;
	return (both ? PART_SLOTS : 0) + (size_t)((hash >> 1) % sets) * WAYS;
}

/* Under memo.lock: the slot of the set of hash which holds
 * key (*held 1), or else the one to give it (*held 0): an empty one, or
 * the one used longest ago. */
static size_t
slot_for(uint64_t hash, const char *key, int *held)
{
	size_t first = set_of(hash), give = first;
	for (size_t i = first; i < first + WAYS; i++) {
		const struct slot *s = &memo.slot[i], *g = &memo.slot[give];
		if (s->key && s->hash == hash && strcmp(s->key, key) == 0) {
			*held = 1;
			return i;
		}
		if (g->key && (!s->key || s->used < g->used))
			give = i;
	}
	*held = 0;
	return give;
}

/* Under memo.lock: whether the set of hash holds key at gen, in slot
 * *at (else *at is where key is or would go). When it does not and
 * another thread is making it, waits for that one and looks again; when no
 * one is, the caller is to make it, and *claim is its flight (-1 when all
 * are taken: it makes it unannounced). */
static int
memo_find(uint64_t hash, const char *key, int64_t gen, int *claim, size_t *at)
{
	*claim = -1;
	for (;;) {
		int held;
		*at = slot_for(hash, key, &held);
		if (held && memo.slot[*at].gen == gen) {
			memo.slot[*at].used = ++memo.clock;
			return 1;
		}
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
	*s = (struct slot){0};
}

/* Under memo.lock: the set of hash keeps key (taken) at gen, with its
 * count and, when hits is not NULL, its total hits (taken), unless it
 * holds key at a later gen (then hits is freed); the slots kept longest
 * ago give up theirs while they would pass HITS_MAX. */
static void
slot_keep(uint64_t hash, char *key, int64_t gen, int64_t total, int64_t *hits)
{
	int held;
	size_t i = slot_for(hash, key, &held);
	if (held && memo.slot[i].gen > gen) {
		free(key);
		free(hits);
		return;
	}
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
	memo.slot[i] = (struct slot){key, hash, gen, total, hits, ++memo.clock};
}

/* Appends the key of a part (its statement and arguments, each argument
 * after its length, so that no two parts write the same key) to key. */
static void
part_key(struct buf *key, const struct counts_part *p)
{
	buf_printf(key, "%p", (void *)p->q);
	for (int i = 0; i < p->n; i++) {
		if (p->args[i].t == DBV_INT) {
			buf_printf(key, "\x1fi");
			buf_int(key, p->args[i].i);
		} else if (p->args[i].t == DBV_TEXT) {
			buf_printf(key, "\x1f%zu:", p->args[i].n);
			buf_add(key, p->args[i].s, p->args[i].n);
		} else {
			buf_puts(key, "\x1fn");
		}
	}
}

/* The hash of a key, a part's or (both) a search of several's, which its
 * lowest bit tells (set_of): FNV-1a, its bits then mixed (MurmurHash3's
 * finalizer), since keys that differ only in their last bytes differ
 * little in FNV-1a's low bits, which pick the set. */
static uint64_t
hash_of(const struct buf *key, int both)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < key->len; i++)
		h = (h ^ (unsigned char)key->data[i]) * 1099511628211ull;
	h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdull;
	h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (h & ~(uint64_t)1) | (both ? 1 : 0);
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

/* What a caller takes of a part's hits once they are current: their number
 * and the keys of one page, or (copy not NULL) a copy of them all. */
struct take {
	int64_t page, *keys, total;
	size_t nkeys;
	int64_t **copy;
};

/* Takes what t asks of total hits. */
static void
take_hits(struct take *t, const int64_t *hits, int64_t total)
{
	t->total = total;
	if (!t->copy) {
		page_keys(hits, total, t->page, t->keys, &t->nkeys);
		return;
	}
	*t->copy = xmalloc((size_t)(total ? total : 1) * sizeof(**t->copy));
	if (total)
		memcpy(*t->copy, hits, (size_t)total * sizeof(**t->copy));
}

/* The hits of part p at gen, taken as t asks. Kept or read like a count;
 * kept at an older generation, brought up to date by the places written
 * since (hits_patch). 0, or -1 on error. */
static int
part_hits(struct db *db, int64_t gen, const struct counts_part *p, struct take *t)
{
	struct buf key = {0};
	part_key(&key, p);
	uint64_t hash = hash_of(&key, 0);
	size_t i;
	int found = 0, claim = -1;
	int64_t *hits = NULL, was = -1, total = 0;
	if (gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		int now = memo_find(hash, buf_cstr(&key), gen, &claim, &i);
		struct slot *s = &memo.slot[i];
		if (now && s->hits) {
			found = 1;
			take_hits(t, s->hits, s->total);
		} else if (s->hits && s->gen < gen && strcmp(s->key, buf_cstr(&key)) == 0) {
			/* taken out to be brought up to date, by this thread alone */
			hits = s->hits, was = s->gen, total = s->total;
			memo.kept -= (size_t)s->total;
			s->hits = NULL;
		}
		pthread_mutex_unlock(&memo.lock);
		if (found) {
			buf_free(&key);
			return 0;
		}
	}
	int rc = hits ? hits_patch(db, p->q, p->args, p->n, was, gen, &hits, &total) : 0;
	if (rc == 0) {
		free(hits);
		rc = hits_read(db, p->q, p->args, p->n, INT64_MIN, INT64_MAX, &hits, &total);
	}
	rc = rc < 0 ? -1 : 0;
	if (rc == 0)
		take_hits(t, hits, total);
	if (gen >= 0) {
		pthread_mutex_lock(&memo.lock);
		if (rc == 0) {
			slot_keep(hash, buf_take(&key), gen, total, hits);
			hits = NULL;
		}
		memo_land(claim);
		pthread_mutex_unlock(&memo.lock);
	}
	free(hits);
	buf_free(&key);
	return rc;
}

/* Keeps in a (in order, na of them) those b (in order, nb) has too; their
 * number. Each of a is looked for in b from where the last was found, in
 * steps that double (a filter's hits can be a hundred times a word's). */
static int64_t
intersect(int64_t *a, int64_t na, const int64_t *b, int64_t nb)
{
	int64_t out = 0, j = 0;
	for (int64_t i = 0; i < na && j < nb; i++) {
		int64_t x = a[i];
		if (b[j] < x) {
			int64_t lo = j, step = 1; /* b[lo] < x */
			while (lo + step < nb && b[lo + step] < x)
				lo += step, step *= 2;
			int64_t hi = lo + step < nb ? lo + step : nb; /* b[hi] >= x, or the end */
			while (hi - lo > 1) {
				int64_t mid = lo + (hi - lo) / 2;
				if (b[mid] < x)
					lo = mid;
				else
					hi = mid;
			}
			j = hi;
		}
		if (j < nb && b[j] == x)
			a[out++] = x;
	}
	return out;
}

/* A search of several parts: the hits all of them have, each part's kept
 * and brought up to date on its own (a word's hits serve every filter it
 * is asked with, and a filter's every word), the fewest first, kept
 * itself at gen so that its next page is not intersected again. 0, or -1
 * on error. */
static int
parts_page(struct db *db, int64_t gen, const struct counts_part *parts, int nparts, struct take *t)
{
	struct buf key = {0};
	buf_putc(&key, '&');
	for (int k = 0; k < nparts; k++) {
		struct buf one = {0};
		part_key(&one, &parts[k]);
		buf_printf(&key, "%zu:", one.len);
		buf_add(&key, one.data, one.len);
		buf_free(&one);
	}
	uint64_t hash = hash_of(&key, 1);
	int found = 0, held;
	pthread_mutex_lock(&memo.lock);
	struct slot *s = &memo.slot[slot_for(hash, buf_cstr(&key), &held)];
	if (held && s->gen == gen && s->hits) {
		found = 1;
		s->used = ++memo.clock;
		take_hits(t, s->hits, s->total);
	}
	pthread_mutex_unlock(&memo.lock);
	if (found) {
		buf_free(&key);
		return 0;
	}
	int64_t *hits[COUNTS_PARTS], n[COUNTS_PARTS];
	int got = 0;
	for (; got < nparts; got++) {
		struct take all = {.copy = &hits[got]};
		if (part_hits(db, gen, &parts[got], &all) != 0)
			break;
		n[got] = all.total;
	}
	if (got < nparts) {
		for (int k = 0; k < got; k++)
			free(hits[k]);
		buf_free(&key);
		return -1;
	}
	int fewest = 0;
	for (int k = 1; k < nparts; k++)
		fewest = n[k] < n[fewest] ? k : fewest;
	int64_t *both = hits[fewest], total = n[fewest];
	for (int k = 0; k < nparts; k++)
		if (k != fewest) {
			total = intersect(both, total, hits[k], n[k]);
			free(hits[k]);
		}
	take_hits(t, both, total);
	pthread_mutex_lock(&memo.lock);
	if (gen >= 0) {
		slot_keep(hash, buf_take(&key), gen, total, both);
		both = NULL;
	}
	pthread_mutex_unlock(&memo.lock);
	free(both);
	buf_free(&key);
	return 0;
}

/* The hits of the search that is the hits all of parts have (each a
 * statement that lists its keys in order between its last two
 * parameters, which this adds: the whole range, or one place to test) at
 * gen: their number into *total and the keys of page (1-based) into keys
 * (REGISTER_PAGE_SIZE of them at most; *nkeys 0 past the last page). 0, or
 * -1 on error. */
int
counts_page(struct db *db, int64_t gen, const struct counts_part *parts, int nparts, int64_t page,
            int64_t *keys, size_t *nkeys, int64_t *total)
{
	struct take t = {.page = page, .keys = keys};
	int rc = nparts < 1 || nparts > COUNTS_PARTS ? -1
	         : nparts == 1                       ? part_hits(db, gen, parts, &t)
	                                             : parts_page(db, gen, parts, nparts, &t);
	*nkeys = rc == 0 ? t.nkeys : 0;
	*total = rc == 0 ? t.total : 0;
	return rc;
}
