/* Values kept per generation (see kept.h). */
#include "db/kept.h"
#include "base/arena.h"

#include <stdlib.h>

/* One load (or renewal of the value held) at a time, under the lock: a
 * thread that finds the value old while another loads it waits for that
 * one (right after a write every reader finds it old at once). A generation older than the one held
 * (a thread that read it before another's load) keeps the newer value. */
struct kept_value *
kept_get(struct kept *k, struct db *db)
{
	int64_t gen = db_generation(db, k->key);
	if (gen < 0)
		return NULL;
	pthread_mutex_lock(&k->lock);
	if (!k->current || k->current->gen < gen) {
		struct kept_value *v =
		        k->current && k->renew ? k->renew(db, k->current, gen) : k->load(db, gen);
		if (!v) {
			pthread_mutex_unlock(&k->lock);
			return NULL;
		}
		v->refs = 1; /* the holder's own */
		struct kept_value *old = k->current;
		k->current = v;
		kept_put(old);
	}
	struct kept_value *v = k->current;
	__atomic_add_fetch(&v->refs, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&k->lock);
	return v;
}

/* A reader is counted out without the lock, so one done with an old value
 * does not wait for a load. Only the current value gains readers (under
 * the lock), so one whose count reaches zero has none left to gain. */
void
kept_put(struct kept_value *v)
{
	if (v && __atomic_sub_fetch(&v->refs, 1, __ATOMIC_ACQ_REL) == 0)
		v->free(v);
}

struct kept_ids {
	struct kept_value kept;
	int64_t *ids; /* ascending */
	size_t n;
};

/* Frees a set its last reader let go of. */
static void
kept_ids_free(struct kept_value *v)
{
	struct kept_ids *s = (struct kept_ids *)v;
	free(s->ids);
	free(s);
}

/* The query's ids in the order it returns them, which it gives ascending
 * (ORDER BY), so that kept_ids_has can halve its way to one. */
struct kept_value *
kept_ids_load(struct db *db, int64_t gen, struct dbq *q)
{
	struct dbcur c;
	if (db_query(db, &c, q, DB_NOARGS) != DB_OK)
		return NULL;
	struct kept_ids *s = xcalloc(1, sizeof(*s));
	s->kept = (struct kept_value){.gen = gen, .free = kept_ids_free};
	size_t cap = 0;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		if (s->n == cap) {
			cap = cap ? 2 * cap : 64;
			s->ids = xrealloc(s->ids, cap * sizeof(*s->ids));
		}
		s->ids[s->n++] = db_col_int(&c, 0);
	}
	db_done(&c);
	if (rc < 0) {
		kept_ids_free(&s->kept);
		return NULL;
	}
	return &s->kept;
}

/* A halving search of the current set, let go of before returning. */
int
kept_ids_has(struct kept *k, struct db *db, int64_t id)
{
	struct kept_ids *s = (struct kept_ids *)kept_get(k, db);
	if (!s)
		return -1;
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	int found = lo < s->n && s->ids[lo] == id;
	kept_put(&s->kept);
	return found;
}
