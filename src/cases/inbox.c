/* The officer's inbox and the public diary. */
#include "cases/diary.tpl.h"
#include "cases/inbox.tpl.h"
#include "cases/action.h"
#include "cases/pages.h"
#include "cases/queries.h"
#include "base/valid.h"
#include "ui/page.h"
#include "layout/layout.h"

#include "base/esc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct dbq Q_DEPT_NAME = {"SELECT name_sv FROM departments WHERE id = $1", NULL, 0};

/* The inbox's filters from the query string; bad values mean no filter. */
void
inbox_filter_read(struct req *r, struct inbox_filter *f)
{
	*f = (struct inbox_filter){req_query(r, "status"), req_query(r, "typ"),
	                           req_query(r, "handlaggare"), 0, 1};
	const char *age = req_query(r, "aldre");
	int64_t days;
	f->older_than_days = int_in_range(age, 0, 36499, &days) ? days : 0;
	f->page = page_param(r);
	if (f->status && !*f->status)
		f->status = NULL;
	if (f->type && !*f->type)
		f->type = NULL;
}

/* The inbox's address for another page with the same filters. */
const char *
inbox_page_url(struct req *r, const char *base, const struct inbox_filter *f, int64_t page)
{
	char age[24] = "";
	if (f->older_than_days > 0)
		snprintf(age, sizeof(age), "%lld", (long long)f->older_than_days);
	const char *const keys[] = {"status", "typ", "handlaggare", "aldre"};
	const char *const vals[] = {f->status, f->type, f->officer, age};
	return url_with_page(&r->a, base, keys, vals, 4, page);
}

/* A department's cases for its officers, with filters. */
void
cases_inbox_page(struct req *r)
{
	if (!(r->user->roles & ROLE_OFFICER)) {
		req_error(r, 403);
		return;
	}
	struct inbox_filter f;
	inbox_filter_read(r, &f);
	struct case_list l;
	int64_t total;
	if (cases_inbox(r->db, &r->a, r->user->department_id, r->user->id, &f, &l, &total) != 0) {
		req_error(r, 500);
		return;
	}
	int64_t pages = (total + INBOX_PAGE - 1) / INBOX_PAGE;
	const char *prev = f.page > 1 ? inbox_page_url(r, "/handlaggning", &f, f.page - 1) : NULL;
	const char *next =
	        f.page < pages ? inbox_page_url(r, "/handlaggning", &f, f.page + 1) : NULL;
	struct dbcur c;
	const char *dept = "";
	if (db_query(r->db, &c, &Q_DEPT_NAME, DB_ARGS(DB_INT(r->user->department_id))) == DB_OK &&
	    db_next(&c) > 0)
		dept = arena_strdup(&r->a, db_col_text(&c, 0));
	db_done(&c);
	r->p.title = r->p.english ? "Inbox" : "Inkorgen";
	layout_head(r);
	tpl_cases_inbox(&r->out, &r->p, dept, &f, &l, total, pages, prev, next,
	                case_colleagues(r, r->user->department_id));
	layout_foot(r);
}

/* The public diary: numbers, dates, types and short descriptions only. */
void
cases_diary_page(struct req *r)
{
	int64_t page = page_param(r);
	struct case_list l;
	int64_t total;
	if (cases_diary(r->db, &r->a, page, &l, &total) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = r->p.english ? "Public case register" : "Diarium";
	layout_head(r);
	tpl_cases_diary(&r->out, &r->p, &l, page, (total + 49) / 50);
	layout_foot(r);
}
