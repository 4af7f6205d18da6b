/* The public pages of the grant system: what can be applied for now and
 * soon, a programme's rules and who may apply, its easy-read text. They
 * are not kept in the page cache: what is open changes with the date, not
 * only with a write. */
#include "grants/easy_read.tpl.h"
#include "grants/grants.h"
#include "grants/list.tpl.h"
#include "grants/programme.tpl.h"
#include "layout/layout.h"
#include "ui/markdown.h"

void
grants_list_page(struct req *r)
{
	char today[11];
	grant_day(0, today);
	struct grant_programme *items;
	struct grant_eligibility *who;
	size_t n;
	if (grant_list_current(r->db, &r->a, today, &items, &n) != 0 ||
	    grant_eligibility_current(r->db, &r->a, today, items, n, &who) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = r->p.english ? "Grants" : "Bidrag";
	layout_head(r);
	tpl_grants_list(&r->out, &r->p, items, who, n, today);
	layout_foot(r);
}

/* The programme the address names: 1, or 0 after answering 404, or -1
 * after answering 500. */
static int
programme_of(struct req *r, struct grant_programme *g)
{
	int rc = r->nparams ? grant_get(r->db, &r->a, 0, r->params[0], g) : 0;
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc;
}

void
grants_programme_page(struct req *r)
{
	struct grant_programme g;
	struct grant_eligibility who;
	struct grant_question *questions;
	struct grant_criterion *criteria;
	size_t nq, nc;
	char today[11];
	if (programme_of(r, &g) <= 0)
		return;
	if (grant_eligibility_of(r->db, &r->a, &g, &who) != 0 ||
	    grant_questions(r->db, &r->a, g.id, &questions, &nq) != 0 ||
	    grant_criteria(r->db, &r->a, g.id, &criteria, &nc) != 0) {
		req_error(r, 500);
		return;
	}
	grant_day(0, today);
	r->p.title = g.name;
	layout_head(r);
	tpl_grants_programme(&r->out, &r->p, &g, grant_window_on(&g, today), &who,
	                     markdown_html(&r->a, g.rules_md, 3), questions, nq, criteria, nc);
	layout_foot(r);
}

/* The easy-read text; a programme without one has no such page. */
void
grants_easy_read_page(struct req *r)
{
	struct grant_programme g;
	if (programme_of(r, &g) <= 0)
		return;
	if (!*g.easy_read_md) {
		req_error(r, 404);
		return;
	}
	r->p.title = g.name;
	layout_head(r);
	tpl_grants_easy_read(&r->out, &r->p, &g, markdown_html(&r->a, g.easy_read_md, 2));
	layout_foot(r);
}
