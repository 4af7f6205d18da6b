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

/* The association's applications still open in the department: the new
 * applications an overdue report is flagged on. */
static struct dbq Q_OPEN_APPS = {
        "SELECT diarienummer FROM cases WHERE type = 'bidragsansokan' AND association_id = $1 "
        "AND department_id = $2 AND status IN ('inkommen', 'handlaggning', 'komplettering') "
        "ORDER BY id",
        NULL, 0};

/* The open applications of each listed association, one line of
 * diarienummer per row (space-separated): 0, or -1. */
static int
open_applications(struct req *r, const struct followup_list *l, const char ***out)
{
	const char **apps = arena_zalloc(&r->a, (l->n + 1) * sizeof(*apps));
	for (size_t i = 0; i < l->n; i++) {
		struct dbcur c;
		struct buf b = {0};
		if (db_query(r->db, &c, &Q_OPEN_APPS,
		             DB_ARGS(DB_INT(l->items[i].association_id),
		                     DB_INT(l->items[i].department_id))) != DB_OK)
			return -1;
		int rc;
		while ((rc = db_next(&c)) > 0)
			buf_printf(&b, "%s%s", b.len ? " " : "", db_col_text(&c, 0));
		db_done(&c);
		apps[i] = arena_strdup(&r->a, b.len ? buf_cstr(&b) : "");
		buf_free(&b);
		if (rc < 0)
			return -1;
	}
	*out = apps;
	return 0;
}

/* GET /handlaggning/bidrag/aterrapporter: the officer's department's
 * reports whose day has passed with none sent, with the association's
 * open applications beside each (they are flagged there too). */
void
grants_followup_overdue(struct req *r)
{
	char today[11];
	struct followup_list l;
	const char **apps;
	grant_day(0, today);
	if (followups_overdue(r->db, &r->a, r->user->department_id, today, &l) != 0 ||
	    open_applications(r, &l, &apps) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = r->p.english ? "Overdue follow-up reports" : "Försenade återrapporter";
	layout_head(r);
	tpl_grants_followup_overdue(&r->out, &r->p, &l, apps);
	layout_foot(r);
}

/* On the officer's page of a new application (not yet decided): a notice when the
 * association owes a report whose day has passed, in any department
 * (listed among the case notices of src/eservices.c). */
void
followup_notice(struct req *r, struct buf *b, const struct case_row *c, enum case_role role)
{
	char today[11];
	struct followup_list l;
	if (role != CASE_OFFICER || !c->association_id || case_closed(c) ||
	    strcmp(c->status, "beslutad") == 0 ||
	    strcmp(c->type, grant_application_eservice.code) != 0)
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
