#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t cap;
	_Alignas(16) unsigned char data[];
};

/* Something to do when the arena is freed, kept in the arena itself. */
struct arena_cleanup {
	struct arena_cleanup *next;
	void (*fn)(void *);
	void *arg;
};

enum { ARENA_BLOCK = 16 * 1024 };

/* Running out of memory is not something a request can recover from. */
static void
oom(void)
{
	fputs("samverka: out of memory\n", stderr);
	abort();
}

/* malloc that never returns NULL. */
void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

/* calloc that never returns NULL. */
void *
xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		oom();
	return p;
}

/* realloc that never returns NULL. */
void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

/* strdup that never returns NULL. */
char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* Bump allocation from the current block; a new block when it is full. */
void *
arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!a->head || a->used + n > a->cap) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct arena_block *b = xmalloc(sizeof(*b) + cap);
		b->next = a->head;
		b->cap = cap;
		a->head = b;
		a->used = 0;
		a->cap = cap;
	}
	void *p = a->head->data + a->used;
	a->used += n;
	return p;
}

/* Zeroed allocation, for structs. */
void *
arena_zalloc(struct arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

/* A NUL-terminated copy of n bytes. */
char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

/* A copy of a C string. */
char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* A formatted string in the arena, for labels and messages made of parts
 * that live as long as the request. */
char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	if ((size_t)n < sizeof(small))
		return arena_strndup(a, small, (size_t)n);
	char *out = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(out, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return out;
}

/* Registers fn(arg) to run when the arena is reset, as h2o's pool runs its
 * destructors: what belongs to one request (files stored but not
 * committed) is undone whichever way its handler leaves. */
void
arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct arena_cleanup *c = arena_alloc(a, sizeof(*c));
	*c = (struct arena_cleanup){a->cleanups, fn, arg};
	a->cleanups = c;
}

/* Runs the cleanups, newest first, then frees every block: the end of a
 * request. */
void
arena_reset(struct arena *a)
{
	/* a cleanup may itself defer more: take the list until it stays empty */
	while (a->cleanups) {
		struct arena_cleanup *c = a->cleanups;
		a->cleanups = c->next;
		c->fn(c->arg);
	}
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = a->cap = 0;
}

/* Room for one more item in an array of n kept in the arena: the same
 * array while there is space, else a copy twice as large, or of 8 for an
 * array not yet made (the old one stays until the reset, as everything in
 * the arena does). */
void *
arena_grow(struct arena *a, void *items, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return items;
	size_t more_cap = *cap ? *cap * 2 : 8;
	void *more = arena_alloc(a, more_cap * size);
	if (n)
		memcpy(more, items, n * size);
	*cap = more_cap;
	return more;
}
