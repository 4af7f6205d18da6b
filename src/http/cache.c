/* Public pages are read far more often than their content changes: a page
 * rendered once is kept as a libmicrohttpd response (reference counted, so
 * one still being sent survives its eviction) while the generation of the
 * domain it shows (a row of the meta table) stays the one it was made at.
 * A write to one domain leaves the pages of the others in place. Each pool
 * thread has its own table, so the hot path takes no lock.
 *
 * A write does not empty the table at once: destroying a thousand pages
 * took a thread 2 ms on its first request after each write, and every
 * connection of that thread waited (the register's mixed load lost its
 * p99 to it). A page of an older generation is only never found again;
 * its slot is reused by the next page hashed to it, and its bytes are
 * taken back a few at a time when a new page would not fit otherwise. */
#include "http/cache.h"
#include "base/arena.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { CACHE_SLOTS = 4096, CACHE_KEY_MAX = 512, CACHE_DOMAINS = 16 };

/* The bytes of pages one thread keeps: many distinct searches (a crawler,
 * or someone filling memory on purpose) stop being kept at this size.
 * Pages of an older generation count until they are taken back. */
size_t cache_budget = 32 * 1024 * 1024;

/* The generation of each domain that this thread last saw, and the bytes
 * of its pages made at that generation. */
struct seen {
	const struct cache_domain *domain;
	int64_t generation;
	size_t bytes;
};

struct slot {
	char *key;
	size_t n, bytes;
	struct seen *seen; /* its domain */
	int64_t generation;
	struct MHD_Response *resp;
};

static _Thread_local struct slot *slots;
static _Thread_local struct seen seen[CACHE_DOMAINS];
static _Thread_local int nseen;
static _Thread_local size_t used, stale; /* all bytes kept; those of old pages */
static _Thread_local size_t cursor;      /* where taking back goes on */

/* FNV-1a: short keys, no adversary gains from collisions but a miss. */
static size_t
hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return (size_t)(h % CACHE_SLOTS);
}

/* Whether a kept page is of an older generation than its domain's. */
static int
slot_stale(const struct slot *s)
{
	return s->resp && s->generation != s->seen->generation;
}

static void
slot_clear(struct slot *s)
{
	if (s->resp) {
		if (slot_stale(s))
			stale -= s->bytes;
		else
			s->seen->bytes -= s->bytes;
		MHD_destroy_response(s->resp);
	}
	used -= s->bytes;
	free(s->key);
	memset(s, 0, sizeof(*s));
}

static pthread_key_t table_key;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* A pool thread's table and the responses in it go when the thread ends. */
static void
table_free(void *table)
{
	struct slot *t = table;
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		if (t[i].resp) {
			MHD_destroy_response(t[i].resp);
			free(t[i].key);
		}
	free(t);
}

static void
table_key_create(void)
{
	pthread_key_create(&table_key, table_free);
}

/* The thread's record of domain d, moved on to generation if that is newer:
 * then the domain's pages so far count as stale, and nothing is destroyed
 * here. NULL when a page of this generation is not to be kept or found: an
 * older generation than one already seen, or a domain beyond
 * CACHE_DOMAINS. */
static struct seen *
advance(const struct cache_domain *d, int64_t generation)
{
	int i = 0;
	while (i < nseen && seen[i].domain != d)
		i++;
	if (i == nseen) {
		if (nseen == CACHE_DOMAINS)
			return NULL;
		seen[nseen++] = (struct seen){d, generation, 0};
		return &seen[i];
	}
	if (generation < seen[i].generation)
		return NULL;
	if (generation > seen[i].generation) {
		stale += seen[i].bytes;
		seen[i].bytes = 0;
		seen[i].generation = generation;
	}
	return &seen[i];
}

/* Takes back pages of older generations, from where it last stopped, until
 * cost more bytes fit in the budget. Called only when the stale bytes are
 * enough, so it ends, having destroyed about as many pages as the new one
 * displaces. */
static void
take_back(size_t cost)
{
	while (used + cost > cache_budget) {
		struct slot *s = &slots[cursor];
		cursor = (cursor + 1) % CACHE_SLOTS;
		if (slot_stale(s))
			slot_clear(s);
	}
}

/* The cached response of domain d for key, or NULL. */
struct MHD_Response *
cache_get(const struct cache_domain *d, int64_t generation, const char *key, size_t n)
{
	struct seen *sn = advance(d, generation);
	if (!sn || !slots)
		return NULL;
	struct slot *s = &slots[hash(key, n)];
	if (s->resp && s->seen == sn && s->generation == generation && s->n == n &&
	    memcmp(s->key, key, n) == 0)
		return s->resp;
	return NULL;
}

/* Keeps resp, a page of domain d made at its generation and `bytes` long,
 * under key (taking over the caller's reference), unless the thread's
 * budget is spent on pages still current. */
void
cache_put(const struct cache_domain *d, int64_t generation, const char *key, size_t n,
          struct MHD_Response *resp, size_t bytes)
{
	struct seen *sn = advance(d, generation);
	if (!sn || n > CACHE_KEY_MAX) {
		MHD_destroy_response(resp);
		return;
	}
	if (!slots) {
		slots = xcalloc(CACHE_SLOTS, sizeof(*slots));
		pthread_once(&table_once, table_key_create);
		pthread_setspecific(table_key, slots);
	}
	struct slot *s = &slots[hash(key, n)];
	size_t cost = bytes + n, current = s->resp && !slot_stale(s) ? s->bytes : 0;
	if (used - stale - current + cost > cache_budget) {
		MHD_destroy_response(resp);
		return;
	}
	slot_clear(s);
	take_back(cost);
	s->key = xmalloc(n);
	memcpy(s->key, key, n);
	s->n = n;
	s->bytes = cost;
	s->seen = sn;
	s->generation = generation;
	s->resp = resp;
	sn->bytes += cost;
	used += cost;
}
