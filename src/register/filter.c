/* Reading the register's filter from a query string, shared by the page,
 * the JSON API and the tests. */
#include "register/filter.h"
#include "base/esc.h"
#include "ui/page.h"

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
	f->page = page_param(r);
}

/* The register's URL for another page with the same filter. */
const char *
register_page_url(struct req *r, const char *base, const struct register_filter *f, int64_t page)
{
	const char *const keys[] = {"q", "omrade", "malgrupp", "form"};
	const char *const vals[] = {f->q, f->area, f->group, f->form};
	return url_with_page(&r->a, base, keys, vals, 4, page);
}
