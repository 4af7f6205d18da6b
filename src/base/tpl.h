/* What compiled templates call: one escaping function per context, chosen by
 * the template compiler, and by _Generic on the expression's type. */
#ifndef BASE_TPL_H
#define BASE_TPL_H
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/esc.h"
#include "base/str.h"

static inline void
tpl_text_s(struct buf *b, const char *s)
{
	if (s)
		esc_html(b, s, strlen(s));
}
static inline void
tpl_text_str(struct buf *b, struct str s)
{
	esc_html(b, s.p, s.n);
}
static inline void
tpl_text_i(struct buf *b, long long v)
{
	buf_int(b, v);
}
static inline void
tpl_url_s(struct buf *b, const char *s)
{
	if (s)
		esc_url_attr(b, s, strlen(s));
}
static inline void
tpl_url_str(struct buf *b, struct str s)
{
	esc_url_attr(b, s.p, s.n);
}
static inline void
tpl_urlc_s(struct buf *b, const char *s)
{
	if (s)
		esc_url_component(b, s, strlen(s));
}
static inline void
tpl_urlc_str(struct buf *b, struct str s)
{
	esc_url_component(b, s.p, s.n);
}
/* Raw output takes only struct html, so a plain string cannot slip through. */
static inline void
tpl_raw(struct buf *b, struct html h)
{
	buf_add(b, h.p, h.n);
}

#define TPL_GENERIC(x, s, st, i)                                                                   \
	_Generic((x), char * : s, const char * : s, struct str : st, default : i)
#define tpl_text(b, x) TPL_GENERIC((x), tpl_text_s, tpl_text_str, tpl_text_i)(b, x)
#define tpl_url(b, x) TPL_GENERIC((x), tpl_url_s, tpl_url_str, tpl_text_i)(b, x)
#define tpl_urlc(b, x) TPL_GENERIC((x), tpl_urlc_s, tpl_urlc_str, tpl_text_i)(b, x)

/* Swedish or English text, chosen by the page's language. Templates name
 * their page p. */
#define L(sv_, en_) ((p)->english ? (en_) : (sv_))
#endif
