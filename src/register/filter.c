/* Reading the register's filter from a query string, shared by the page,
 * the JSON API and the tests. */
#include "register/filter.h"
#include "base/esc.h"

#include <stdlib.h>
#include <string.h>

/* Unknown or empty values mean "no filter"; a bad page number means 1. */
void
register_filter_read(struct req *r, struct register_filter *f)
{
	memset(f, 0, sizeof(*f));
	const char *v;
	if ((v = req_query(r, "q")) && *v && strlen(v) <= 200)
		f->q = v;
	if ((v = req_query(r, "omrade")) && *v)
		f->area = v;
	if ((v = req_query(r, "malgrupp")) && *v)
		f->group = v;
	if ((v = req_query(r, "form")) && *v)
		f->form = v;
	f->page = 1;
	if ((v = req_query(r, "sida"))) {
		char *end;
		long long n = strtoll(v, &end, 10);
		if (*v && !*end && n >= 1 && n <= 1000000)
			f->page = n;
	}
}

/* The register's URL for another page with the same filter. */
const char *
register_page_url(struct req *r, const char *base, const struct register_filter *f, int64_t page)
{
	struct buf b = {0};
	buf_puts(&b, base);
	char sep = '?';
	const char *keys[] = {"q", "omrade", "malgrupp", "form"};
	const char *vals[] = {f->q, f->area, f->group, f->form};
	for (int i = 0; i < 4; i++) {
		if (!vals[i])
			continue;
		buf_putc(&b, sep);
		buf_puts(&b, keys[i]);
		buf_putc(&b, '=');
		esc_url_component(&b, vals[i], strlen(vals[i]));
		sep = '&';
	}
	if (page > 1) {
		buf_putc(&b, sep);
		buf_puts(&b, "sida=");
		buf_int(&b, page);
	}
	const char *url = arena_strdup(&r->a, buf_cstr(&b));
	buf_free(&b);
	return url;
}
