#include "db/db_impl.h"
#include "base/arena.h"
#include "base/buf.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Gives each query a slot in every connection's statement cache, the first
 * time any thread uses it. */
int
db_slot(struct dbq *q)
{
	static atomic_int next;
	int s = atomic_load_explicit((atomic_int *)&q->slot, memory_order_acquire);
	if (s)
		return s;
	int mine = atomic_fetch_add(&next, 1) + 1;
	if (mine >= DB_MAX_SLOTS) {
		fputs("samverka: too many distinct queries\n", stderr);
		abort();
	}
	int expected = 0;
	if (atomic_compare_exchange_strong((atomic_int *)&q->slot, &expected, mine))
		return mine;
	return expected;
}

/* Opens sqlite:PATH or postgresql://… */
int
db_open(const char *url, struct db **out, char *err, size_t errlen)
{
	struct db *db = xcalloc(1, sizeof(*db));
	int rc;
	if (strncmp(url, "sqlite:", 7) == 0) {
		rc = db_sqlite_open(db, url + 7);
	} else if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
		rc = db_pg_open(db, url);
	} else {
		snprintf(db->err, sizeof(db->err),
		         "unknown database URL (use sqlite:PATH or postgresql://…)");
		rc = DB_ERROR;
	}
	if (rc != DB_OK) {
		snprintf(err, errlen, "%s", db->err);
		if (db->ops)
			db->ops->close(db);
		free(db);
		*out = NULL;
		return rc;
	}
	db->watch = watch_of(db->kind, url);
	*out = db;
	return DB_OK;
}

void
db_close(struct db *db)
{
	if (!db)
		return;
	db->ops->close(db);
	free(db);
}

enum db_kind
db_kind(const struct db *db)
{
	return db->kind;
}

/* The last error on the connection: the engine's message, never a row's
 * values; "" when none since db_clear_error. */
const char *
db_errmsg(struct db *db)
{
	return db->err;
}

/* Forgets the last error, so that db_errmsg tells only of what fails next
 * (the server does so as each request begins). */
void
db_clear_error(struct db *db)
{
	db->err[0] = 0;
}

/* Whether SQL may change rows: anything but a SELECT, and a WITH that
 * holds an INSERT, UPDATE or DELETE, after any comment before it (such as
 * DB_PLAN_EACH). A miss only costs a read of the generations more
 * (db/watch.c). */
static int
sql_writes(const char *sql)
{
	sql += strspn(sql, " \t\n(");
	while (strncmp(sql, "/*", 2) == 0 && strstr(sql, "*/")) {
		sql = strstr(sql, "*/") + 2;
		sql += strspn(sql, " \t\n(");
	}
	if (strncasecmp(sql, "SELECT", 6) == 0)
		return 0;
	if (strncasecmp(sql, "WITH", 4) != 0)
		return 1;
	for (const char *p = sql; *p; p++)
		if (strncasecmp(p, "INSERT ", 7) == 0 || strncasecmp(p, "UPDATE ", 7) == 0 ||
		    strncasecmp(p, "DELETE ", 7) == 0)
			return 1;
	return 0;
}

/* The statement's kind, looked at once for its slot: 1 reads, 2 may
 * write. */
static int
query_writes(struct dbq *q)
{
	static atomic_char kinds[DB_MAX_SLOTS];
	int slot = db_slot(q);
	int w = atomic_load_explicit(&kinds[slot], memory_order_relaxed);
	if (!w) {
		w = sql_writes(q->sql) || (q->pg && sql_writes(q->pg)) ? 2 : 1;
		atomic_store_explicit(&kinds[slot], (char)w, memory_order_relaxed);
	}
	return w == 2;
}

/* A write committed outside db_commit (a statement on its own): the
 * process's kept generations are let go. */
static void
wrote_alone(struct db *db)
{
	if (db->wrote && !db->in_tx) {
		db->wrote = 0;
		watch_bump(db->watch);
	}
}

int
db_query(struct db *db, struct dbcur *c, struct dbq *q, const struct dbval *args, int n)
{
	memset(c, 0, sizeof(*c));
	c->db = db;
	if (query_writes(q))
		db->wrote = 1;
	return db->ops->query(db, c, q, args, n);
}

/* 1 when a row is ready, 0 at the end, below 0 on error. */
int
db_next(struct dbcur *c)
{
	return c->db->ops->next(c);
}

/* A column as text; "" for NULL. */
const char *
db_col_text(struct dbcur *c, int col)
{
	const char *s = c->db->ops->text(c, col);
	return s ? s : "";
}

size_t
db_col_len(struct dbcur *c, int col)
{
	return c->db->ops->len(c, col);
}

/* A column as an integer; both engines hand it over as text or int. */
int64_t
db_col_int(struct dbcur *c, int col)
{
	return c->db->ops->integer(c, col);
}

int
db_col_null(struct dbcur *c, int col)
{
	return c->db->ops->isnull(c, col);
}

void
db_done(struct dbcur *c)
{
	if (c->db) {
		c->db->ops->done(c);
		wrote_alone(c->db);
	}
	c->db = NULL;
}

/* Runs a statement to its end. */
int
db_exec(struct db *db, struct dbq *q, const struct dbval *args, int n)
{
	struct dbcur c;
	int rc = db_query(db, &c, q, args, n);
	if (rc == DB_OK) {
		while ((rc = db_next(&c)) > 0)
			;
	}
	db_done(&c);
	return rc < 0 ? rc : DB_OK;
}

/* The first column of the first row as an integer, or dflt. */
int64_t
db_int(struct db *db, struct dbq *q, const struct dbval *args, int n, int64_t dflt)
{
	struct dbcur c;
	int64_t v = dflt;
	if (db_query(db, &c, q, args, n) == DB_OK && db_next(&c) > 0 && !db_col_null(&c, 0))
		v = db_col_int(&c, 0);
	db_done(&c);
	return v;
}

/* Runs a statement that returns one integer (INSERT … RETURNING id). */
int
db_returning(struct db *db, struct dbq *q, const struct dbval *args, int n, int64_t *out)
{
	struct dbcur c;
	int rc = db_query(db, &c, q, args, n);
	if (rc == DB_OK) {
		rc = db_next(&c);
		if (rc > 0) {
			*out = db_col_int(&c, 0);
			rc = DB_OK;
		} else if (rc == 0) {
			rc = DB_NOROW;
		}
	}
	db_done(&c);
	return rc;
}

int
db_script(struct db *db, const char *sql)
{
	int rc = db->ops->script(db, sql);
	db->wrote = 1;
	wrote_alone(db);
	return rc;
}

int64_t
db_generation(struct db *db, const char *key)
{
	return watch_generation(db, key);
}

/* SQLite takes the write lock at BEGIN IMMEDIATE. Its busy handler polls
 * with growing pauses, so among many writers a waiting one can lose every
 * race for the lock until its 10 s run out (seen with a few dozen
 * registrations at once). The transaction has not started then, so trying
 * again is safe: a burst of writers waits longer instead of failing. */
enum { SQLITE_BEGIN_ATTEMPTS = 4 };

int
db_begin(struct db *db)
{
	db->precommit = db->precommit_last = NULL;
	int rc = DB_BUSY;
	if (db->kind != DB_SQLITE)
		rc = db->ops->script(db, "BEGIN");
	for (int i = 0; db->kind == DB_SQLITE && i < SQLITE_BEGIN_ATTEMPTS && rc == DB_BUSY; i++)
		rc = db->ops->script(db, "BEGIN IMMEDIATE");
	db->in_tx = rc == DB_OK;
	return rc;
}

/* What sees rows another connection cannot see yet must not be kept for
 * them (venues/directory.c). */
int
db_in_transaction(const struct db *db)
{
	return db->in_tx;
}

/* Whether PostgreSQL may keep the plans of the statements that follow, to
 * the end of the transaction or the next call. A load (demo, import)
 * plans every execution (keep 0 after its BEGIN), so that each batch is
 * planned for the tables as they have grown, not for the empty ones of
 * its first; but the check of a foreign key, run once for every row a
 * statement writes, is then planned again for each row, which was most of
 * the time of storing the links of 100 000 associations (keep 1 around
 * them). Outside a load PostgreSQL chooses (plan_cache_mode auto), and
 * statements whose values choose the plan begin with DB_PLAN_EACH (db.h). SQLite
 * keeps every plan. */
int
db_keep_plans(struct db *db, int keep)
{
	if (db->kind != DB_PG)
		return DB_OK;
	return db->ops->script(db, keep ? "SET LOCAL plan_cache_mode = auto"
	                                : "SET LOCAL plan_cache_mode = force_custom_plan");
}

/* The transaction's last steps outside the database (db_before_commit),
 * then COMMIT: a crash between the two leaves a file without its row,
 * which the next start removes, never a row without its file. */
int
db_commit(struct db *db)
{
	struct db_precommit *steps = db->precommit;
	db->precommit = db->precommit_last = NULL;
	for (struct db_precommit *p = steps; p; p = p->next)
		if (p->fn(p->arg) != 0)
			return DB_ERROR;
	int rc = db->ops->script(db, "COMMIT");
	for (struct db_precommit *p = steps; p && rc == DB_OK; p = p->next)
		p->committed = 1;
	/* PostgreSQL ends a transaction whose COMMIT failed; SQLite may keep
	 * it open (SQLITE_BUSY), and the caller then rolls back */
	if (rc == DB_OK || db->kind == DB_PG)
		db->in_tx = 0;
	wrote_alone(db);
	return rc;
}

void
db_before_commit(struct db *db, struct db_precommit *p)
{
	p->committed = 0;
	p->next = NULL;
	if (db->precommit_last)
		db->precommit_last->next = p;
	else
		db->precommit = p;
	db->precommit_last = p;
}

void
db_rollback(struct db *db)
{
	db->precommit = db->precommit_last = NULL;
	db->ops->script(db, "ROLLBACK");
	db->in_tx = 0;
	db->wrote = 0;
}

int
db_backup(struct db *db, const char *path)
{
	return db->ops->backup(db, path);
}

const char *
db_ids(struct arena *a, enum db_kind kind, const int64_t *ids, size_t n)
{
	struct buf b = {0};
	buf_putc(&b, kind == DB_PG ? '{' : '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_int(&b, ids[i]);
	}
	buf_putc(&b, kind == DB_PG ? '}' : ']');
	const char *out = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return out;
}
