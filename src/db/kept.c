/* Values kept per generation (see kept.h). */
#include "db/kept.h"

/* One load at a time, under the lock: a thread that finds the value old
 * while another loads it waits for that one (right after a write every
 * reader finds it old at once). A generation older than the one held (a
 * thread that read it before another's load) keeps the newer value. */
struct kept_value *
kept_get(struct kept *k, struct db *db)
{
	int64_t gen = db_generation(db, k->key);
	if (gen < 0)
		return NULL;
	pthread_mutex_lock(&k->lock);
	if (!k->current || k->current->gen < gen) {
		struct kept_value *v = k->load(db, gen);
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
