#include "base/buf.h"
#include "base/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for more bytes, or sets the sticky error at the limit. */
void
buf_grow(struct buf *b, size_t more)
{
	if (b->err)
		return;
	if (b->limit && b->len + more > b->limit) {
		b->err = 1;
		return;
	}
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

/* Appends n bytes (p may be NULL when n is 0, as an empty buffer's data
 * is). */
void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (b->err)
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

/* Appends a C string. */
void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Appends one byte. */
void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Appends a decimal integer without going through printf. */
void
buf_int(struct buf *b, int64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	buf_add(b, tmp + i, sizeof(tmp) - i);
}

/* Formatted append, for the rare places that need it. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->err = 1;
		return;
	}
	buf_grow(b, (size_t)n);
	if (b->err)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The contents as a C string, "" when empty. */
const char *
buf_cstr(struct buf *b)
{
	return b->data ? b->data : "";
}

/* Hands the malloc'd data to the caller and empties the buffer. */
char *
buf_take(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* Releases the data. */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->err = 0;
}
