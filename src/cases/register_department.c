/* Which department keeps the register is a setting, not code: each
 * municipality names its own departments. */
#include "cases/register_department.h"

static struct dbq Q_GET = {"SELECT d.code, d.name_sv, d.name_en FROM settings s "
                           "JOIN departments d ON d.code = s.value "
                           "WHERE s.key = $1",
                           NULL, 0};
static struct dbq Q_SET = {
        "INSERT INTO settings (key, value) SELECT CAST($2 AS TEXT), code FROM departments "
        "WHERE code = $1 ON CONFLICT (key) DO UPDATE SET value = excluded.value RETURNING 1",
        NULL, 0};
static struct dbq Q_CLEAR = {"DELETE FROM settings WHERE key = $1", NULL, 0};

/* The chosen department, copied into the arena. A setting that names no
 * department reads as none chosen, so nothing is filed under a stale code.
 * 1 found, 0 none chosen, below 0 on error. */
int
register_department(struct db *db, struct arena *a, struct dept_ref *out)
{
	return setting_department(db, a, "register_department", out);
}

/* The department a setting names (an e-service's receiving department),
 * as register_department reads the register's. */
int
setting_department(struct db *db, struct arena *a, const char *key, struct dept_ref *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_GET, DB_ARGS(DB_TEXT(key))) != DB_OK)
		return DB_ERROR;
	int rc = db_next(&c);
	if (rc > 0) {
		out->code = arena_strdup(a, db_col_text(&c, 0));
		out->name_sv = arena_strdup(a, db_col_text(&c, 1));
		out->name_en = arena_strdup(a, db_col_text(&c, 2));
	}
	db_done(&c);
	return rc > 0 ? 1 : rc;
}

/* Chooses the register's department (setting_department_set). */
int
register_department_set(struct db *db, const char *code)
{
	return setting_department_set(db, "register_department", code);
}

/* One upsert that takes the code from departments, so only an existing
 * department can be chosen and two administrators at once cannot leave
 * two. 1 done, 0 no department has the code, below 0 on error. */
int
setting_department_set(struct db *db, const char *key, const char *code)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_SET, DB_ARGS(DB_TEXT(code), DB_TEXT(key))) != DB_OK)
		return DB_ERROR;
	int rc = db_next(&c);
	db_done(&c);
	return rc > 0 ? 1 : rc;
}

/* No department chosen for the setting any more: its e-service closes.
 * 0, or below 0 on error. */
int
setting_department_clear(struct db *db, const char *key)
{
	return db_exec(db, &Q_CLEAR, DB_ARGS(DB_TEXT(key)));
}
