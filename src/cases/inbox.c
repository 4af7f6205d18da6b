/* The officer's inbox and the public diary. */
#include "cases/diary.tpl.h"
#include "cases/inbox.tpl.h"
#include "cases/action.h"
#include "cases/pages.h"
#include "cases/queries.h"
#include "cases/eservice.h"
#include "base/valid.h"
#include "ui/page.h"
#include "layout/layout.h"

#include "base/esc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct dbq Q_DEPT_NAME = {"SELECT name_sv FROM departments WHERE id = $1", NULL, 0};

enum { IF_STATUS, IF_TYPE, IF_OFFICER, IF_AGE, IF_COUNT };

/* The inbox's filters as its form declares them; the types are the
 * table's and the officers the department's, set when it is drawn. */
static const struct field_def filter_fields[IF_COUNT] = {
        [IF_STATUS] = {.name = "status",
                       .label_sv = "Status",
                       .label_en = "Status",
                       .type = FIELD_SELECT,
                       .choices = case_statuses,
                       .any_sv = "Alla",
                       .any_en = "All"},
        [IF_TYPE] = {.name = "typ",
                     .label_sv = "Ärendetyp",
                     .label_en = "Type",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla",
                     .any_en = "All"},
        [IF_OFFICER] = {.name = "handlaggare",
                        .label_sv = "Handläggare",
                        .label_en = "Officer",
                        .type = FIELD_SELECT,
                        .any_sv = "Alla",
                        .any_en = "All"},
        [IF_AGE] = {.name = "aldre",
                    .label_sv = "Äldre än (dagar)",
                    .label_en = "Older than (days)",
                    .type = FIELD_INT,
                    .min = 0,
                    .max_int = 36499},
};
static const struct form_def filter_form = {"inkorg", filter_fields, IF_COUNT};

/* The inbox's filters from the query string; an empty one is none, an age
 * out of range is none, and any other value is the query's to match (an
 * unknown status or officer matches no case). */
void
inbox_filter_read(struct req *r, struct inbox_filter *f)
{
	struct form form;
	form_init(&form, r, &filter_form);
	form_read_query(&form, r);
	const char *const *v = form.value;
	const struct field_def *age = &filter_fields[IF_AGE];
	int64_t days;
	*f = (struct inbox_filter){
	        .status = v[IF_STATUS] && *v[IF_STATUS] ? v[IF_STATUS] : NULL,
	        .type = v[IF_TYPE] && *v[IF_TYPE] ? v[IF_TYPE] : NULL,
	        .officer = v[IF_OFFICER],
	        .older_than_days =
	                int_in_range(v[IF_AGE], age->min, age->max_int, &days) ? days : 0,
	        .page = page_param(r)};
}

/* The filter form as the inbox draws it: the filters the list was made
 * with; the types of the table, and the officer as "mine", "unassigned"
 * or one of the department's. */
static struct field *
filter_drawn(struct req *r, const struct inbox_filter *f)
{
	size_t n = 0;
	while (eservices[n])
		n++;
	struct choice *types = arena_zalloc(&r->a, (n + 1) * sizeof(*types));
	for (size_t i = 0; i < n; i++)
		types[i] = (struct choice){eservices[i]->code, eservices[i]->name_sv,
		                           eservices[i]->name_en, 0};
	const struct choice *colleagues = case_colleagues(r, r->user->department_id);
	size_t k = 0;
	while (colleagues[k].code)
		k++;
	struct choice *officers = arena_zalloc(&r->a, (k + 3) * sizeof(*officers));
	officers[0] = (struct choice){"mig", "Mina", "Mine", 0};
	officers[1] = (struct choice){"ingen", "Ej tilldelade", "Unassigned", 0};
	memcpy(officers + 2, colleagues, k * sizeof(*officers));
	char *age = arena_alloc(&r->a, 24);
	snprintf(age, 24, "%lld", (long long)f->older_than_days);
	struct form form;
	form_init(&form, r, &filter_form);
	form.filter = 1;
	form_set(&form, "status", f->status);
	form_set(&form, "typ", f->type);
	form_set(&form, "handlaggare", f->officer);
	form_set(&form, "aldre", age);
	form_set_choices(&form, "typ", types);
	form_set_choices(&form, "handlaggare", officers);
	return form_fields(&form, &r->a);
}

/* The inbox's address for another page with the same filters. */
const char *
inbox_page_url(struct req *r, const char *base, const struct inbox_filter *f, int64_t page)
{
	char age[24] = "";
	if (f->older_than_days > 0)
		snprintf(age, sizeof(age), "%lld", (long long)f->older_than_days);
	const char *const keys[] = {filter_fields[IF_STATUS].name, filter_fields[IF_TYPE].name,
	                            filter_fields[IF_OFFICER].name, filter_fields[IF_AGE].name};
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
	tpl_cases_inbox(&r->out, &r->p, dept, &f, filter_drawn(r, &f), IF_COUNT, &l, total, pages,
	                prev, next);
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
