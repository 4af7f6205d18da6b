/* Public pages are read far more often than the register changes: a page
 * rendered once is kept as a libmicrohttpd response (reference counted, so
 * one still being sent survives its eviction) until any write bumps the
 * generation in the meta table. Each pool thread has its own table, so the
 * hot path takes no lock. */
#include "http/cache.h"
#include "base/arena.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { CACHE_SLOTS = 4096, CACHE_KEY_MAX = 512 };

/* The bytes of pages one thread keeps: many distinct searches (a crawler,
 * or someone filling memory on purpose) stop being kept at this size, and
 * what is kept stays until the next write. */
size_t cache_budget = 32 * 1024 * 1024;

struct slot {
	char *key;
	size_t n, bytes;
	int64_t generation;
	struct MHD_Response *resp;
};

static _Thread_local struct slot *slots;
static _Thread_local int64_t current;
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

/* A newer generation empties the whole table at once. */
static void
advance(int64_t generation)
{
	if (generation == current)
		return;
	if (slots)
		for (size_t i = 0; i < CACHE_SLOTS; i++)
			if (slots[i].resp)
				slot_clear(&slots[i]);
	current = generation;
}

/* The cached response for key, or NULL. */
struct MHD_Response *
cache_get(const char *key, size_t n, int64_t generation)
{
	advance(generation);
	if (!slots)
		return NULL;
	struct slot *s = &slots[hash(key, n)];
	if (s->resp && s->n == n && memcmp(s->key, key, n) == 0)
		return s->resp;
	return NULL;
}

/* Keeps resp, a page of `bytes`, under key (taking over the caller's
 * reference), unless the thread's budget is spent. */
void
cache_put(const char *key, size_t n, int64_t generation, struct MHD_Response *resp, size_t bytes)
{
	advance(generation);
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
	s->generation = generation;
	s->resp = resp;
	used += cost;
}
