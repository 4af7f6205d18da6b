/* Growable byte buffer with a sticky error: append freely, check once. */
#ifndef BASE_BUF_H
#define BASE_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *data;
	size_t len, cap;
	size_t limit; /* 0: no limit; past it the buffer stops growing */
	int err;
};

void buf_grow(struct buf *b, size_t more);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_int(struct buf *b, int64_t v);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *b);
char *buf_take(struct buf *b);
void buf_free(struct buf *b);
#endif
