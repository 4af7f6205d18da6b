/* Escaping for each place output can stand in a page or a URL. */
#ifndef BASE_ESC_H
#define BASE_ESC_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/str.h"

/* HTML that is already safe: from a template or from cmark. */
struct html {
	const char *p;
	size_t n;
};

void esc_html(struct buf *b, const char *s, size_t n);
void esc_json(struct buf *b, const char *s, size_t n);
void esc_url_attr(struct buf *b, const char *s, size_t n);
void esc_url_component(struct buf *b, const char *s, size_t n);
int url_scheme_allowed(const char *s, size_t n);
const char *url_with_page(struct arena *a, const char *base, const char *const *keys,
                          const char *const *vals, int n, int64_t page);
#endif
