#include "register/counts.h"
#include "base/arena.h"
#include "base/buf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Counting a search's hits walks all of them (a common word: 0.3 to 1.5 ms
 * on 100 000 associations) where its page of 50 costs a tenth of that, so
 * a count is kept until the search generation changes (migration 013: a
 * write no search reads, such as members, leaves it): paging through a
 * search counts once. One table for the process, not one per thread: after
 * every write each count is made again, and made once rather than once per
 * thread. Two threads missing the same count at once may both make it. */
enum { SLOTS = 1024 };

static struct {
	pthread_mutex_t lock;
	struct slot {
		char *key;
		int64_t gen, total;
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
			s->key = buf_take(&key);
			s->gen = gen;
			s->total = total;
		}
		pthread_mutex_unlock(&memo.lock);
	}
	buf_free(&key);
	return total;
}
