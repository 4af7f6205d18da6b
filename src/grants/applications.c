/* Applications' rows beside their cases, and the rules of who may apply. */
#include "grants/applications.h"
#include "grants/awards.h"

#include <stdio.h>
#include <string.h>

static struct dbq Q_ASSOC = {"SELECT form, active FROM associations WHERE id = $1", NULL, 0};
static struct dbq Q_FORM_LIMIT = {"SELECT count(*), sum(CASE WHEN form = $2 THEN 1 ELSE 0 END) "
                                  "FROM grant_programme_forms WHERE programme_id = $1",
                                  NULL, 0};
static struct dbq Q_GROUP_LIMIT = {
        "SELECT count(*), sum(CASE WHEN EXISTS (SELECT 1 FROM association_groups ag "
        "WHERE ag.association_id = $2 AND ag.group_id = l.group_id) THEN 1 ELSE 0 END) "
        "FROM grant_programme_groups l WHERE l.programme_id = $1",
        NULL, 0};
static struct dbq Q_AREA_LIMIT = {
        "SELECT count(*), sum(CASE WHEN EXISTS (SELECT 1 FROM association_areas aa "
        "WHERE aa.association_id = $2 AND aa.area_id = l.area_id) THEN 1 ELSE 0 END) "
        "FROM grant_programme_areas l WHERE l.programme_id = $1",
        NULL, 0};
static struct dbq Q_OPEN = {
        "SELECT count(*) FROM grant_applications g JOIN cases c ON c.id = g.case_id "
        "WHERE g.programme_id = $1 AND g.association_id = $2 AND g.period = $3 "
        "AND c.status IN ('inkommen', 'handlaggning', 'komplettering')",
        NULL, 0};
static struct dbq Q_OF = {"SELECT programme_id, association_id, period, amount, proposed "
                          "FROM grant_applications WHERE case_id = $1",
                          NULL, 0};
static struct dbq Q_PROPOSE = {"UPDATE grant_applications SET proposed = $2 WHERE case_id = $1",
                               NULL, 0};
static struct dbq Q_STORE = {
        "INSERT INTO grant_applications (case_id, programme_id, association_id, period, amount) "
        "VALUES ($1, $2, $3, $4, $5)",
        NULL, 0};

/* Whether a limit of the programme (a count of rows, and of those the
 * association meets) leaves the association out: 1 out, 0 in, -1 error. */
static int
left_out(struct db *db, struct dbq *q, int64_t programme_id, struct dbval assoc)
{
	struct dbcur c;
	struct dbval args[] = {DB_INT(programme_id), assoc};
	if (db_query(db, &c, q, args, 2) != DB_OK)
		return -1;
	int rc = db_next(&c), out = 0;
	if (rc > 0)
		out = db_col_int(&c, 0) > 0 && db_col_int(&c, 1) == 0;
	db_done(&c);
	return rc < 0 ? -1 : out;
}

/* Why the association may not apply to the programme (enum
 * grant_refusal), 0 when it may, -1 when the database failed. */
int
grant_may_apply(struct db *db, const struct grant_programme *g, int64_t association_id)
{
	struct dbcur c;
	char form[40] = "";
	int active = 0;
	if (db_query(db, &c, &Q_ASSOC, DB_ARGS(DB_INT(association_id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0) {
		snprintf(form, sizeof(form), "%s", db_col_text(&c, 0));
		active = (int)db_col_int(&c, 1);
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	if (!active)
		return GRANT_INACTIVE;
	if (strcmp(form, "informell") == 0 && !g->informal_allowed)
		return GRANT_NOT_INFORMAL;
	int out = left_out(db, &Q_FORM_LIMIT, g->id, DB_TEXT(form));
	if (out)
		return out < 0 ? -1 : GRANT_WRONG_FORM;
	out = left_out(db, &Q_GROUP_LIMIT, g->id, DB_INT(association_id));
	if (out)
		return out < 0 ? -1 : GRANT_WRONG_GROUPS;
	out = left_out(db, &Q_AREA_LIMIT, g->id, DB_INT(association_id));
	if (out)
		return out < 0 ? -1 : GRANT_WRONG_AREAS;
	return GRANT_MAY_APPLY;
}

/* Stores an application's row in the transaction that made its case: 0,
 * 1 when the association already has an open application to the
 * programme for the period (nothing written), -1 on a database error. */
int
grant_application_store(struct db *db, const struct grant_application *x)
{
	/* two sendings at once must not both find no open application */
	if (grant_programme_lock(db, x->programme_id) < 0)
		return -1;
	int64_t open = db_int(
	        db, &Q_OPEN,
	        DB_ARGS(DB_INT(x->programme_id), DB_INT(x->association_id), DB_TEXT(x->period)),
	        -1);
	if (open != 0)
		return open < 0 ? -1 : 1;
	return db_exec(db, &Q_STORE,
	               DB_ARGS(DB_INT(x->case_id), DB_INT(x->programme_id),
	                       DB_INT(x->association_id), DB_TEXT(x->period), DB_INT(x->amount))) ==
	                       DB_OK
	               ? 0
	               : -1;
}

/* The application row of a case: 1 found, 0 none (not an application),
 * -1 on a database error. */
int
grant_application_of(struct db *db, struct arena *a, int64_t case_id, struct grant_application *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_OF, DB_ARGS(DB_INT(case_id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		*out = (struct grant_application){
		        .case_id = case_id,
		        .programme_id = db_col_int(&c, 0),
		        .association_id = db_col_int(&c, 1),
		        .period = arena_strdup(a, db_col_text(&c, 2)),
		        .amount = db_col_int(&c, 3),
		        .proposed = db_col_null(&c, 4) ? -1 : db_col_int(&c, 4),
		};
	db_done(&c);
	return rc;
}

/* Keeps what the officer proposes granting (öre; -1 forgets it), which the
 * committee's list shows and decides on: 0, or -1. */
int
grant_proposal_set(struct db *db, int64_t case_id, int64_t proposed)
{
	struct dbval none = DB_NULLV;
	return db_exec(db, &Q_PROPOSE,
	               DB_ARGS(DB_INT(case_id), proposed < 0 ? none : DB_INT(proposed))) == DB_OK
	               ? 0
	               : -1;
}
