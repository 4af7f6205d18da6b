/* Public pages are read far more often than their content changes: a page
 * rendered once is kept as a libmicrohttpd response (reference counted, so
 * one still being sent survives its eviction) until a write bumps the
 * generation of the domain it shows (a row of the meta table). A write to
 * one domain leaves the pages of the others in place. Each pool thread has
 * its own table, so the hot path takes no lock. */
#include "http/cache.h"
#include "base/arena.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { CACHE_SLOTS = 4096, CACHE_KEY_MAX = 512, CACHE_DOMAINS = 16 };

/* The bytes of pages one thread keeps: many distinct searches (a crawler,
 * or someone filling memory on purpose) stop being kept at this size, and
 * what is kept stays until the next write to its domain. */
size_t cache_budget = 32 * 1024 * 1024;

struct slot {
	char *key;
	size_t n, bytes;
	const struct cache_domain *domain;
	struct MHD_Response *resp;
};

/* The generation of each domain that this thread's pages were made at. */
struct seen {
	const struct cache_domain *domain;
	int64_t generation;
};

static _Thread_local struct slot *slots;
static _Thread_local struct seen seen[CACHE_DOMAINS];
static _Thread_local int nseen;
static _Thread_local size_t used;

/* FNV-1a: short keys, no adversary gains from collisions but a miss. */
static size_t
hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return (size_t)(h % CACHE_SLOTS);
}

static void
slot_clear(struct slot *s)
{
	used -= s->bytes;
	if (s->resp)
		MHD_destroy_response(s->resp);
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
		slot_clear(&t[i]);
	free(t);
}

static void
table_key_create(void)
{
	pthread_key_create(&table_key, table_free);
}

/* A new generation of a domain empties that domain's pages, their bytes
 * back in the budget, and leaves the others. 0 when the thread follows the
 * domain (-1 beyond CACHE_DOMAINS: its pages are not kept). */
static int
advance(const struct cache_domain *d, int64_t generation)
{
	int i = 0;
	while (i < nseen && seen[i].domain != d)
		i++;
	if (i == nseen) {
		if (nseen == CACHE_DOMAINS)
			return -1;
		seen[nseen++] = (struct seen){d, generation};
		return 0;
	}
	if (seen[i].generation == generation)
		return 0;
	if (slots)
		for (size_t k = 0; k < CACHE_SLOTS; k++)
			if (slots[k].resp && slots[k].domain == d)
				slot_clear(&slots[k]);
	seen[i].generation = generation;
	return 0;
}

/* The cached response of domain d for key, or NULL. */
struct MHD_Response *
cache_get(const struct cache_domain *d, int64_t generation, const char *key, size_t n)
{
	if (advance(d, generation) != 0 || !slots)
		return NULL;
	struct slot *s = &slots[hash(key, n)];
	if (s->resp && s->domain == d && s->n == n && memcmp(s->key, key, n) == 0)
		return s->resp;
	return NULL;
}

/* Keeps resp, a page of domain d made at its generation and `bytes` long,
 * under key (taking over the caller's reference), unless the thread's
 * budget is spent. */
void
cache_put(const struct cache_domain *d, int64_t generation, const char *key, size_t n,
          struct MHD_Response *resp, size_t bytes)
{
	if (advance(d, generation) != 0) {
		MHD_destroy_response(resp);
		return;
	}
	if (!slots) {
		slots = xcalloc(CACHE_SLOTS, sizeof(*slots));
		pthread_once(&table_once, table_key_create);
		pthread_setspecific(table_key, slots);
	}
	struct slot *s = &slots[hash(key, n)];
	size_t cost = bytes + n;
	if (n > CACHE_KEY_MAX || used - s->bytes + cost > cache_budget) {
		MHD_destroy_response(resp);
		return;
	}
	slot_clear(s);
	s->key = xmalloc(n);
	memcpy(s->key, key, n);
	s->n = n;
	s->bytes = cost;
	s->domain = d;
	s->resp = resp;
	used += cost;
}
