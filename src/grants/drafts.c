/* Drafts: kept, found again and removed, always through the associations
 * the person represents, so another association's draft is not there. */
#include "grants/drafts.h"

#include <time.h>

#define DRAFT_COLS                                                                                 \
	"SELECT d.id, d.programme_id, d.association_id, d.updated, p.slug, p.name, a.name, "       \
	"d.answers FROM grant_drafts d JOIN grant_programmes p ON p.id = d.programme_id "          \
	"JOIN associations a ON a.id = d.association_id "                                          \
	"JOIN user_roles u ON u.association_id = d.association_id "                                \
	"AND u.role = 'representative' AND u.user_id = $1 "

static struct dbq Q_GET = {DRAFT_COLS "WHERE d.id = $2", NULL, 0};
static struct dbq Q_MINE = {DRAFT_COLS "ORDER BY d.updated DESC, d.id DESC", NULL, 0};
static struct dbq Q_SAVE = {
        "INSERT INTO grant_drafts (programme_id, association_id, saved_by, answers, updated) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (association_id, programme_id) DO UPDATE SET "
        "saved_by = excluded.saved_by, answers = excluded.answers, updated = excluded.updated "
        "RETURNING id",
        NULL, 0};
static struct dbq Q_DELETE = {
        "DELETE FROM grant_drafts WHERE programme_id = $1 AND association_id = $2", NULL, 0};

/* One row of DRAFT_COLS, kept in the arena. */
static void
row(struct dbcur *c, struct arena *a, struct grant_draft *d)
{
	*d = (struct grant_draft){.id = db_col_int(c, 0),
	                          .programme_id = db_col_int(c, 1),
	                          .association_id = db_col_int(c, 2),
	                          .updated = db_col_int(c, 3),
	                          .slug = arena_strdup(a, db_col_text(c, 4)),
	                          .programme = arena_strdup(a, db_col_text(c, 5)),
	                          .association = arena_strdup(a, db_col_text(c, 6)),
	                          .answers = arena_strdup(a, db_col_text(c, 7))};
}

/* A draft of an association the user represents: 1, 0 when there is none
 * that they may see, -1 when the database failed. */
int
grant_draft_get(struct db *db, struct arena *a, int64_t id, int64_t user_id,
                struct grant_draft *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_GET, DB_ARGS(DB_INT(user_id), DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		row(&c, a, out);
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

/* Keeps the association's draft to the programme, replacing the one it
 * had; DB_OK with its id, or the database's error. */
int
grant_draft_save(struct db *db, const struct grant_draft *d, int64_t user_id, int64_t *id)
{
	return db_returning(db, &Q_SAVE,
	                    DB_ARGS(DB_INT(d->programme_id), DB_INT(d->association_id),
	                            DB_INT(user_id), DB_TEXT(d->answers), DB_INT(time(NULL))),
	                    id);
}

/* The association's draft to the programme is gone once the application
 * is sent: in the submission's transaction. */
int
grant_draft_delete(struct db *db, int64_t programme_id, int64_t association_id)
{
	return db_exec(db, &Q_DELETE, DB_ARGS(DB_INT(programme_id), DB_INT(association_id)));
}

/* The drafts of every association the user represents, newest first. */
int
grant_drafts_of_user(struct db *db, struct arena *a, int64_t user_id, struct grant_draft **out,
                     size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_MINE, DB_ARGS(DB_INT(user_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		row(&c, a, &(*out)[(*n)++]);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}
