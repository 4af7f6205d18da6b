/* The grant part of Mina sidor: every application of the associations
 * the person represents with its case's status and decision (and the
 * granted amount once the award exists), and their drafts. Only the
 * associations they represent: what another association applies for or
 * keeps as a draft is not there. */
#include "grants/mine.h"
#include "grants/drafts.h"
#include "grants/followup.h"
#include "grants/payouts.h"
#include "grants/mine.tpl.h"
#include "auth/roles.h"

static struct dbq Q_APPLICATIONS = {
        "SELECT c.diarienummer, p.name, a.name, c.status, g.amount, d.outcome, d.decided_on, "
        "(SELECT count(*) FROM grant_awards w WHERE w.case_id = c.id), "
        "(SELECT coalesce(sum(w.amount), 0) FROM grant_awards w WHERE w.case_id = c.id) "
        "FROM grant_applications g JOIN cases c ON c.id = g.case_id "
        "JOIN grant_programmes p ON p.id = g.programme_id "
        "JOIN associations a ON a.id = g.association_id "
        "JOIN user_roles u ON u.association_id = g.association_id "
        "AND u.role = 'representative' AND u.user_id = $1 "
        "LEFT JOIN case_decisions d ON d.case_id = c.id "
        "ORDER BY c.created DESC, c.id DESC",
        NULL, 0};

/* A column's text kept in the arena; NULL for SQL NULL. */
static const char *
text(struct dbcur *c, struct arena *a, int i)
{
	return db_col_null(c, i) ? NULL : arena_strdup(a, db_col_text(c, i));
}

/* The applications of the person's associations, newest first. */
static int
applications(struct req *r, struct grant_mine_row **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(r->db, &c, &Q_APPLICATIONS, DB_ARGS(DB_INT(r->user->id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(&r->a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct grant_mine_row){
		        .dnr = text(&c, &r->a, 0),
		        .programme = text(&c, &r->a, 1),
		        .association = text(&c, &r->a, 2),
		        .status = text(&c, &r->a, 3),
		        .asked = db_col_int(&c, 4),
		        .outcome = text(&c, &r->a, 5),
		        .decided_on = text(&c, &r->a, 6),
		        .awarded = db_col_int(&c, 7) > 0,
		        .granted = db_col_int(&c, 8),
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* The section as HTML for Mina sidor to place: the applications and
 * drafts, then the reports due, then the accounts and payouts; 0, or -1 when the database failed.
 */
int
grants_mine(struct req *r, struct html *out)
{
	struct grant_mine_row *rows;
	struct grant_draft *drafts;
	size_t n, ndrafts;
	if (applications(r, &rows, &n) != 0 ||
	    grant_drafts_of_user(r->db, &r->a, r->user->id, &drafts, &ndrafts) != 0)
		return -1;
	struct buf b = {0};
	tpl_grants_mine(&b, &r->p, rows, n, drafts, ndrafts);
	if (followup_mine(r, &b) != 0 || grant_payouts_mine(r, &b) != 0) {
		buf_free(&b);
		return -1;
	}
	out->n = b.len;
	out->p = arena_strndup(&r->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return 0;
}
