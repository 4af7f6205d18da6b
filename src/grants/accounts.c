/* The accounts associations are paid to (association_accounts, migration
 * 019): read the current one, and replace it when an officer grants an
 * account change, keeping the one before as history. */
#include "grants/payouts.h"

#include <time.h>

static struct dbq Q_CURRENT = {
        "SELECT a.kind, k.name_sv, k.name_en, a.number, a.valid_from FROM association_accounts a "
        "JOIN account_kinds k ON k.code = a.kind WHERE a.association_id = $1 AND a.valid_to IS "
        "NULL",
        NULL, 0};
static struct dbq Q_END = {"UPDATE association_accounts SET valid_to = $2 "
                           "WHERE association_id = $1 AND valid_to IS NULL",
                           NULL, 0};
static struct dbq Q_ADD = {
        "INSERT INTO association_accounts (association_id, kind, number, case_id, valid_from) "
        "VALUES ($1, $2, $3, $4, $5)",
        NULL, 0};
static struct dbq Q_KINDS = {"SELECT code, name_sv, name_en FROM account_kinds ORDER BY pos", NULL,
                             0};

/* The association's current account: 1 found, 0 none approved yet, -1 on
 * a database error. */
int
grant_account_of(struct db *db, struct arena *a, int64_t association_id, struct grant_account *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_CURRENT, DB_ARGS(DB_INT(association_id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		*out = (struct grant_account){
		        arena_strdup(a, db_col_text(&c, 0)), arena_strdup(a, db_col_text(&c, 1)),
		        arena_strdup(a, db_col_text(&c, 2)), arena_strdup(a, db_col_text(&c, 3)),
		        db_col_int(&c, 4)};
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

/* Makes the number the association's account from now on, in the
 * caller's transaction (the granting of the account change's case), the
 * one before ended at the same second: 0, or below 0 on a database
 * error. */
int
grant_account_replace(struct db *db, int64_t association_id, const char *kind, const char *number,
                      int64_t case_id)
{
	int64_t now = (int64_t)time(NULL);
	if (db_exec(db, &Q_END, DB_ARGS(DB_INT(association_id), DB_INT(now))) != DB_OK)
		return -1;
	return db_exec(db, &Q_ADD,
	               DB_ARGS(DB_INT(association_id), DB_TEXT(kind), DB_TEXT(number),
	                       DB_INT(case_id), DB_INT(now))) == DB_OK
	               ? 0
	               : -1;
}

/* The kinds of account, as choices for the form (NULL-ended): 0, or -1. */
int
grant_account_kinds(struct db *db, struct arena *a, struct choice **out)
{
	struct dbcur c;
	size_t n = 0, cap = 0;
	struct choice *items = NULL;
	if (db_query(db, &c, &Q_KINDS, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		items = arena_grow(a, items, n, &cap, sizeof(*items));
		items[n++] = (struct choice){arena_strdup(a, db_col_text(&c, 0)),
		                             arena_strdup(a, db_col_text(&c, 1)),
		                             arena_strdup(a, db_col_text(&c, 2)), 0};
	}
	db_done(&c);
	items = arena_grow(a, items, n, &cap, sizeof(*items));
	items[n] = (struct choice){0};
	*out = items;
	return rc < 0 ? -1 : 0;
}
