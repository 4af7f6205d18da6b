#include "base/fragments.h"

#include <stdlib.h>
#include <string.h>

struct fragment {
	uint64_t key, version[2];
	char *data; /* NULL: the slot is empty */
	size_t len;
};

/* The slot of a key: Fibonacci hashing spreads consecutive ids (the
 * common keys) over the whole table. */
static size_t
slot_of(const struct fragments *f, uint64_t key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ull) >> (64 - f->bits));
}

/* The slots, made on first use; the lock of the slot of key held on return. */
static struct fragment *
lock_slot(struct fragments *f, uint64_t key)
{
	if (!__atomic_load_n(&f->slots, __ATOMIC_ACQUIRE)) {
		static pthread_mutex_t make_lock = PTHREAD_MUTEX_INITIALIZER;
		pthread_mutex_lock(&make_lock);
		if (!f->slots)
			__atomic_store_n(&f->slots, xcalloc((size_t)1 << f->bits, sizeof *f->slots),
			                 __ATOMIC_RELEASE);
		pthread_mutex_unlock(&make_lock);
	}
	size_t i = slot_of(f, key);
	pthread_mutex_lock(&f->locks[i % FRAGMENTS_LOCKS]);
	return &f->slots[i];
}

/* Releases the lock lock_slot took for key. */
static void
unlock_slot(struct fragments *f, uint64_t key)
{
	pthread_mutex_unlock(&f->locks[slot_of(f, key) % FRAGMENTS_LOCKS]);
}

const char *
fragments_get(struct fragments *f, uint64_t key, const uint64_t version[2], struct arena *a,
              size_t *len)
{
	struct fragment *s = lock_slot(f, key);
	char *out = NULL;
	if (s->data && s->key == key && s->version[0] == version[0] &&
	    s->version[1] == version[1]) {
		out = arena_alloc(a, s->len + 1);
		memcpy(out, s->data, s->len);
		out[s->len] = 0;
		*len = s->len;
	}
	unlock_slot(f, key);
	return out;
}

void
fragments_put(struct fragments *f, uint64_t key, const uint64_t version[2], const char *data,
              size_t len)
{
	if (len > FRAGMENT_MAX)
		return;
	char *copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	struct fragment *s = lock_slot(f, key);
	char *old = s->data;
	*s = (struct fragment){key, {version[0], version[1]}, copy, len};
	unlock_slot(f, key);
	free(old);
}
