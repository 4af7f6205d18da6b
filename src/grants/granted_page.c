/* /bidrag/beviljade: what the city has granted to whom, filterable by
 * year, department, kind, area and target group, a page at a time with
 * the total of everything the filter selects. Not kept in the page cache
 * (like the other grant pages); rendered fresh it is one walk over the
 * ledger and one read of the page's rows. */
#include "grants/granted.h"
#include "grants/transparency.h"
#include "grants/granted.tpl.h"
#include "layout/layout.h"

/* Lets go of the request's ledger when its arena is emptied. */
static void
put_ledger(void *l)
{
	ledger_put(l);
}

/* The ledger for this request, held until the request ends; NULL after
 * answering 500. */
const struct ledger *
granted_ledger(struct req *r)
{
	const struct ledger *l = ledger_get(r->db);
	if (!l) {
		req_fail(r, "the decided grants could not be read");
		return NULL;
	}
	arena_defer(&r->a, put_ledger, (void *)l);
	return l;
}

void
grants_granted_page(struct req *r)
{
	struct granted_query q;
	struct granted_choices ch;
	struct ledger_filter f;
	struct granted_list list;
	granted_query_read(r, &q);
	const struct ledger *l = granted_ledger(r);
	if (!l)
		return;
	if (granted_choices_read(r, l, &ch) != 0 || granted_filter(r, l, &q, &ch, &f) != 0 ||
	    granted_list(r, l, &ch, &f, q.page, &list) != 0) {
		req_fail(r, "the decided grants could not be listed");
		return;
	}
	int64_t pages = (list.total + GRANTED_PAGE_SIZE - 1) / GRANTED_PAGE_SIZE;
	const char *prev = q.page > 1 ? granted_url(r, "/bidrag/beviljade", &q, q.page - 1) : NULL;
	const char *next =
	        q.page < pages ? granted_url(r, "/bidrag/beviljade", &q, q.page + 1) : NULL;
	int nfields;
	struct field *fields = granted_filter_fields(r, &q, &ch, &nfields);
	r->p.title = r->p.english ? "Grants decided" : "Beviljade bidrag";
	layout_head(r);
	tpl_grants_granted(&r->out, &r->p, &q, fields, nfields, &list, pages, prev, next,
	                   granted_url(r, "/oppna-data/bidrag.csv", &q, 1),
	                   granted_url(r, "/api/v1/bidrag", &q, 1));
	layout_foot(r);
}
