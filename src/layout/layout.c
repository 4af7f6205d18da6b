#include "layout/layout.h"
#include "layout/foot.tpl.h"
#include "layout/head.tpl.h"

#include <string.h>

/* Language: ?lang= wins and is remembered in a cookie; then the cookie;
 * Swedish by default. The switch link keeps the rest of the query. */
void
page_init(struct req *r)
{
	const char *q = req_query(r, "lang");
	const char *c = req_cookie(r, "lang");
	if (q && (strcmp(q, "en") == 0 || strcmp(q, "sv") == 0)) {
		r->p.english = q[0] == 'e';
		req_header(r, "Set-Cookie",
		           r->p.english ? "lang=en; Path=/; Max-Age=31536000; SameSite=Lax"
		                        : "lang=sv; Path=/; Max-Age=31536000; SameSite=Lax");
	} else {
		r->p.english = c && strcmp(c, "en") == 0;
	}
	r->p.path = r->path;
	struct buf b = {0};
	buf_puts(&b, r->path);
	buf_puts(&b, "?");
	for (size_t i = 0; i < r->query.n; i++) {
		if (strcmp(r->query.items[i].k, "lang") == 0)
			continue;
		esc_url_component(&b, r->query.items[i].k, strlen(r->query.items[i].k));
		buf_putc(&b, '=');
		esc_url_component(&b, r->query.items[i].v, r->query.items[i].vlen);
		buf_putc(&b, '&');
	}
	buf_puts(&b, r->p.english ? "lang=sv" : "lang=en");
	r->p.lang_url = arena_strdup(&r->a, buf_cstr(&b));
	buf_free(&b);
}

/* Everything up to the start of the page's own content. */
void
layout_head(struct req *r)
{
	req_html(r);
	if (r->user)
		r->p.csrf = req_csrf(r);
	tpl_layout_head(&r->out, &r->p);
}

void
layout_foot(struct req *r)
{
	tpl_layout_foot(&r->out, &r->p);
}
