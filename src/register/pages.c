/* The public register's pages: the list with search and filters, and one
 * association. */
#include "register/pages.h"
#include "layout/layout.h"
#include "register/detail.tpl.h"
#include "register/filter.h"
#include "register/list.tpl.h"
#include "register/row.tpl.h"
#include "register/rows.h"

/* register_row_draw for the HTML list: arg is the page. */
static void
draw_row(struct buf *b, const struct assoc *x, const void *page)
{
	tpl_register_row(b, page, x);
}

void
register_list_page(struct req *r)
{
	struct register_filter f;
	register_filter_read(r, &f);
	struct assoc_list l;
	struct register_rows kept;
	register_rows_init(&kept, &r->a, r->p.english ? ROW_HTML_EN : ROW_HTML_SV);
	if (register_list_known(r->db, &r->a, &f, &l, register_rows_known, &kept) != 0) {
		req_fail(r, "the register's list or its filters could not be read");
		return;
	}
	int64_t pages = (l.total + REGISTER_PAGE_SIZE - 1) / REGISTER_PAGE_SIZE;
	const char *prev = f.page > 1 ? register_page_url(r, "/foreningar", &f, f.page - 1) : NULL;
	const char *next =
	        f.page < pages ? register_page_url(r, "/foreningar", &f, f.page + 1) : NULL;
	r->p.title = r->p.english ? "The association register" : "Föreningsregistret";
	layout_head(r);
	int nfilters;
	struct field *filters = register_filter_fields(r, &f, l.areas, l.groups, &nfilters);
	struct buf rows = {0};
	register_rows_draw(&kept, &l, draw_row, &r->p, NULL, &rows);
	tpl_register_list(&r->out, &r->p, &f, filters, nfilters, &l, &rows, pages, prev, next);
	buf_free(&rows);
	layout_foot(r);
}

void
register_detail_page(struct req *r)
{
	struct assoc x;
	int64_t id = req_param_id(r, 0);
	int rc = id ? register_get(r->db, &r->a, id, 1, &x) : 0;
	if (rc < 0) {
		req_fail(r, "the association could not be read");
		return;
	}
	if (rc == 0) {
		req_error(r, 404);
		return;
	}
	struct buf more = {0};
	for (register_section *const *s = register_detail_sections; *s; s++)
		if ((*s)(r, x.id, &more) != 0) {
			buf_free(&more);
			req_fail(r, "a section of the association's page could not be read");
			return;
		}
	r->p.title = x.name;
	layout_head(r);
	tpl_register_detail(&r->out, &r->p, &x);
	if (more.len)
		buf_add(&r->out, more.data, more.len);
	buf_free(&more);
	layout_foot(r);
}
