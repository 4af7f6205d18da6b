/* The overdue reports as the officers see them: listed for the
 * department, and flagged on a new application of an association that
 * owes one; and the reports due as the representative sees them on Mina
 * sidor. */
#include "grants/eservice.h"
#include "grants/followup.h"
#include "grants/followup_flag.tpl.h"
#include "grants/followup_mine.tpl.h"
#include "grants/followup_overdue.tpl.h"
#include "grants/grants.h"
#include "grants/programme.h"
#include "auth/roles.h"
#include "layout/layout.h"

#include <string.h>

/* The department's applications still open: the new applications an
 * overdue report is flagged on (the inbox's index finds them). */
static struct dbq Q_OPEN_APPS = {
        "SELECT association_id, diarienummer FROM cases WHERE department_id = $1 AND status IN "
        "('inkommen', 'handlaggning', 'komplettering') AND type = 'bidragsansokan' AND "
        "association_id IS NOT NULL ORDER BY id",
        NULL, 0};

/* The open applications of each listed association, its diarienummer
 * space-separated per row, read in one query for the department: 0, or
 * -1. */
static int
open_applications(struct req *r, int64_t department_id, const struct followup_list *l,
                  const char ***out)
{
	struct dbcur c;
	struct buf *b = arena_zalloc(&r->a, (l->n + 1) * sizeof(*b));
	const char **apps = arena_zalloc(&r->a, (l->n + 1) * sizeof(*apps));
	if (db_query(r->db, &c, &Q_OPEN_APPS, DB_ARGS(DB_INT(department_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0)
		for (size_t i = 0; i < l->n; i++)
			if (l->items[i].association_id == db_col_int(&c, 0))
				buf_printf(&b[i], "%s%s", b[i].len ? " " : "", db_col_text(&c, 1));
	db_done(&c);
	for (size_t i = 0; i < l->n; i++) {
		apps[i] = arena_strdup(&r->a, b[i].len ? buf_cstr(&b[i]) : "");
		buf_free(&b[i]);
	}
	*out = apps;
	return rc < 0 ? -1 : 0;
}

/* GET /handlaggning/bidrag/aterrapporter: the officer's department's
 * reports whose day has passed with none sent, the longest overdue first
 * and at most FOLLOWUP_OVERDUE_SHOWN of them, with the association's open
 * applications beside each (they are flagged there too). */
void
grants_followup_overdue(struct req *r)
{
	char today[11];
	struct followup_list l;
	const char **apps;
	grant_day(0, today);
	if (followups_overdue(r->db, &r->a, r->user->department_id, today, &l) != 0 ||
	    open_applications(r, r->user->department_id, &l, &apps) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = r->p.english ? "Overdue follow-up reports" : "Försenade återrapporter";
	layout_head(r);
	int more = l.n > FOLLOWUP_OVERDUE_SHOWN;
	if (more)
		l.n = FOLLOWUP_OVERDUE_SHOWN;
	tpl_grants_followup_overdue(&r->out, &r->p, &l, apps, more);
	layout_foot(r);
}

/* On the officer's page of a new application (not yet decided): a notice when the
 * association owes a report whose day has passed, in any department
 * (drawn by the application's own page, src/grants/eservice.c). */
void
followup_notice(struct req *r, struct buf *b, const struct case_row *c, enum case_role role)
{
	char today[11];
	struct followup_list l;
	if (role != CASE_OFFICER || !c->association_id || case_closed(c) ||
	    strcmp(c->status, "beslutad") == 0)
		return;
	grant_day(0, today);
	if (followups_overdue_of(r->db, &r->a, c->association_id, today, &l) == 0 && l.n)
		tpl_grants_followup_flag(b, &r->p, &l);
}

/* The reports the user's associations owe, and for a representative the
 * way to propose an IOP agreement, for Mina sidor (drawn into b): 0, or
 * -1 on a database error. */
int
followup_mine(struct req *r, struct buf *b)
{
	char today[11];
	struct followup_list l;
	if (followups_of_user(r->db, &r->a, r->user->id, &l) != 0)
		return -1;
	grant_day(0, today);
	tpl_grants_followup_mine(b, &r->p, &l, today, (r->user->roles & ROLE_REPRESENTATIVE) != 0);
	return 0;
}
