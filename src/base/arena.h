/* Per-request memory: allocate freely, free everything at once. */
#ifndef BASE_ARENA_H
#define BASE_ARENA_H
#include <stddef.h>

struct arena_block;
struct arena_cleanup;

struct arena {
	struct arena_block *head;
	size_t used, cap;
	struct arena_cleanup *cleanups; /* run newest first by arena_reset */
};

void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_reset(struct arena *a);
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);
void *arena_grow(struct arena *a, void *items, size_t n, size_t *cap, size_t size);

/* Allocation failure ends the process: see docs/decisions.md. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
#endif
