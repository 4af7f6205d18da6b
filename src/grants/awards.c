/* Decided grants and where a programme's budget stands. */
#include "grants/awards.h"

#include <stdio.h>
#include <time.h>

static struct dbq Q_STORE = {
        "INSERT INTO grant_awards (case_id, programme_id, department_id, kind, association_id, "
        "year, amount, decided_on, reference, override_reason, at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        NULL, 0};
static struct dbq Q_OF_CASE = {
        "SELECT id, coalesce(programme_id, 0), department_id, kind, association_id, year, amount, "
        "decided_on, reference, override_reason, at FROM grant_awards WHERE case_id = $1 "
        "ORDER BY year LIMIT 1",
        NULL, 0};
static struct dbq Q_BUDGET = {"SELECT budget FROM grant_programmes WHERE id = $1", NULL, 0};
static struct dbq Q_GRANTED = {
        "SELECT coalesce(sum(amount), 0) FROM grant_awards WHERE programme_id = $1 AND year = $2",
        NULL, 0};
/* The period is the window's opening day, so its first four characters
 * are the year applied for. */
static struct dbq Q_ASKED = {
        "SELECT coalesce(sum(g.amount), 0) FROM grant_applications g JOIN cases c "
        "ON c.id = g.case_id WHERE g.programme_id = $1 AND substr(g.period, 1, 4) = $2 "
        "AND c.status IN ('inkommen', 'handlaggning', 'komplettering')",
        NULL, 0};
/* Two decisions at once must not both read the same sum: the programme's
 * row is locked first (on SQLite, BEGIN IMMEDIATE has already made the
 * transaction the only writer). */
static struct dbq Q_LOCK = {"SELECT id FROM grant_programmes WHERE id = $1",
                            "SELECT id FROM grant_programmes WHERE id = $1 FOR UPDATE", 0};

/* Stores a decided grant, its id into x->id: 0, or below 0 on a database
 * error (a second award of the same case and year is DB_CONSTRAINT). */
int
grant_award_store(struct db *db, struct grant_award *x)
{
	struct dbval none = DB_NULLV;
	return db_returning(
	        db, &Q_STORE,
	        DB_ARGS(x->case_id ? DB_INT(x->case_id) : none,
	                x->programme_id ? DB_INT(x->programme_id) : none, DB_INT(x->department_id),
	                DB_TEXT(x->kind), DB_INT(x->association_id), DB_INT(x->year),
	                DB_INT(x->amount), DB_TEXT(x->decided_on), DB_TEXT(x->reference),
	                DB_TEXT(x->override_reason), DB_INT(x->at ? x->at : (int64_t)time(NULL))),
	        &x->id);
}

/* The (first) award a case made: 1 found, 0 none, -1 on a database
 * error. */
int
grant_award_of_case(struct db *db, struct arena *a, int64_t case_id, struct grant_award *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_OF_CASE, DB_ARGS(DB_INT(case_id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		*out = (struct grant_award){
		        .id = db_col_int(&c, 0),
		        .case_id = case_id,
		        .programme_id = db_col_int(&c, 1),
		        .department_id = db_col_int(&c, 2),
		        .kind = arena_strdup(a, db_col_text(&c, 3)),
		        .association_id = db_col_int(&c, 4),
		        .year = (int)db_col_int(&c, 5),
		        .amount = db_col_int(&c, 6),
		        .decided_on = arena_strdup(a, db_col_text(&c, 7)),
		        .reference = arena_strdup(a, db_col_text(&c, 8)),
		        .override_reason =
		                db_col_null(&c, 9) ? NULL : arena_strdup(a, db_col_text(&c, 9)),
		        .at = db_col_int(&c, 10),
		};
	db_done(&c);
	return rc;
}

/* Where a programme's year stands: 0, or -1 on a database error (or when
 * the programme does not exist). Inside a transaction that called
 * grant_programme_lock first, no other decision can change it before commit. */
int
grant_budget_of(struct db *db, int64_t programme_id, int year, struct grant_budget *out)
{
	char y[8];
	snprintf(y, sizeof(y), "%04d", year);
	out->budget = db_int(db, &Q_BUDGET, DB_ARGS(DB_INT(programme_id)), -1);
	out->granted = db_int(db, &Q_GRANTED, DB_ARGS(DB_INT(programme_id), DB_INT(year)), -1);
	out->asked_open = db_int(db, &Q_ASKED, DB_ARGS(DB_INT(programme_id), DB_TEXT(y)), -1);
	return out->budget < 0 || out->granted < 0 || out->asked_open < 0 ? -1 : 0;
}

/* Takes the programme's row for the rest of the transaction, so that
 * what is read of it next (its budget, its open applications) stays true
 * until commit: 0, or -1. */
int
grant_programme_lock(struct db *db, int64_t programme_id)
{
	return db_int(db, &Q_LOCK, DB_ARGS(DB_INT(programme_id)), -1) < 0 ? -1 : 0;
}
