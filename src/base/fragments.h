/* Rendered pieces of a page kept by key and version, for the rows of a
 * list that a fresh page draws again and again (the register's rows,
 * register/rows.c): a page takes each row as it was rendered at the
 * row's version and renders only the rows whose version moved. A fixed
 * table of slots, each key in one slot by its hash, a new piece taking
 * the slot of the old: the memory is bounded, nothing is swept. */
#ifndef BASE_FRAGMENTS_H
#define BASE_FRAGMENTS_H
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

enum { FRAGMENTS_LOCKS = 16, FRAGMENT_MAX = 4096 };

struct fragment;

struct fragments {
	pthread_mutex_t locks[FRAGMENTS_LOCKS];
	unsigned bits; /* 1 << bits slots */
	struct fragment *slots;
};
#define FRAGMENTS_INIT(nbits)                                                                      \
	{                                                                                          \
		.locks = {[0 ... FRAGMENTS_LOCKS - 1] = PTHREAD_MUTEX_INITIALIZER},                \
		.bits = (nbits)                                                                    \
	}

/* The piece kept under key at exactly version (both words), copied into
 * the arena; NULL when none is. */
const char *fragments_get(struct fragments *f, uint64_t key, const uint64_t version[2],
                          struct arena *a, size_t *len);
/* Keeps a piece under key and version (one longer than FRAGMENT_MAX is
 * not kept). */
void fragments_put(struct fragments *f, uint64_t key, const uint64_t version[2], const char *data,
                   size_t len);
#endif
