/* The SQLite engine: WAL, full sync, foreign keys, one connection per thread. */
#include "db/db_impl.h"
#include "base/arena.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records the engine's message for the caller and maps the code. */
static int
sq_fail(struct db *db, int rc)
{
	snprintf(db->err, sizeof(db->err), "%s", sqlite3_errmsg(db->conn));
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	if ((rc & 0xff) == SQLITE_BUSY)
		return DB_BUSY;
	return DB_ERROR;
}

/* SQLite numbers "?N" exactly as written, where "$N" would be numbered by
 * first appearance: rewrite the placeholders outside string literals. */
static char *
sq_placeholders(const char *sql)
{
	size_t n = strlen(sql);
	char *out = xmalloc(n + 1);
	int quoted = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = sql[i];
		if (c == '\'')
			quoted = !quoted;
		out[i] = (!quoted && c == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9') ? '?' : c;
	}
	return out;
}

/* Prepares once per connection, then resets and rebinds. */
static int
sq_query(struct db *db, struct dbcur *c, struct dbq *q, const struct dbval *args, int n)
{
	int slot = db_slot(q);
	sqlite3_stmt *st = db->stmts[slot];
	if (!st) {
		char *sql = sq_placeholders(q->sql);
		int rc =
		        sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			return sq_fail(db, rc);
		db->stmts[slot] = st;
	}
	for (int i = 0; i < n; i++) {
		int rc;
		switch (args[i].t) {
		case DBV_INT:
			rc = sqlite3_bind_int64(st, i + 1, args[i].i);
			break;
		case DBV_TEXT:
			rc = sqlite3_bind_text(st, i + 1, args[i].s, (int)args[i].n, SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(st, i + 1);
			break;
		}
		if (rc != SQLITE_OK) {
			sqlite3_reset(st);
			return sq_fail(db, rc);
		}
	}
	c->stmt = st;
	return DB_OK;
}

static int
sq_next(struct dbcur *c)
{
	int rc = sqlite3_step(c->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sq_fail(c->db, rc);
}

static const char *
sq_text(struct dbcur *c, int col)
{
	return (const char *)sqlite3_column_text(c->stmt, col);
}

/* The engine's own integer, not its text parsed again: a list page reads
 * hundreds of them. */
static int64_t
sq_integer(struct dbcur *c, int col)
{
	return sqlite3_column_int64(c->stmt, col);
}

static size_t
sq_len(struct dbcur *c, int col)
{
	sqlite3_column_text(c->stmt, col);
	return (size_t)sqlite3_column_bytes(c->stmt, col);
}

static int
sq_isnull(struct dbcur *c, int col)
{
	return sqlite3_column_type(c->stmt, col) == SQLITE_NULL;
}

static void
sq_done(struct dbcur *c)
{
	if (c->stmt) {
		sqlite3_reset(c->stmt);
		sqlite3_clear_bindings(c->stmt);
	}
}

static int
sq_script(struct db *db, const char *sql)
{
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? DB_OK : sq_fail(db, rc);
}

/* Online backup into a new file, page by page, while others keep writing. */
static int
sq_backup(struct db *db, const char *path)
{
	sqlite3 *dst;
	int rc = sqlite3_open(path, &dst);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->conn, "main");
		if (b) {
			do {
				rc = sqlite3_backup_step(b, 256);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(50);
			} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
			sqlite3_backup_finish(b);
		}
		rc = sqlite3_errcode(dst);
	}
	if (rc != SQLITE_OK)
		snprintf(db->err, sizeof(db->err), "%s", sqlite3_errmsg(dst));
	sqlite3_close(dst);
	return rc == SQLITE_OK ? DB_OK : DB_ERROR;
}

static void
sq_close(struct db *db)
{
	for (int i = 0; i < DB_MAX_SLOTS; i++)
		if (db->stmts[i])
			sqlite3_finalize(db->stmts[i]);
	sqlite3_close(db->conn);
}

static const struct db_ops sqlite_ops = {
        sq_query,  sq_next, sq_text,   sq_integer, sq_len,
        sq_isnull, sq_done, sq_script, sq_backup,  sq_close,
};

/* SQLite counts every allocation under one process-wide mutex unless told
 * not to: with a connection per thread, two threads rendering pages queued
 * on it (a quarter of a fresh list page's time went to that lock). Must run
 * before the library initialises, so before the first connection. */
static void
sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens (creating) the file with the settings DESIGN.md asks for. */
int
db_sqlite_open(struct db *db, const char *path)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_configure);
	db->kind = DB_SQLITE;
	db->ops = &sqlite_ops;
	sqlite3 *conn;
	int rc = sqlite3_open_v2(path, &conn,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                         NULL);
	db->conn = conn;
	if (rc != SQLITE_OK)
		return sq_fail(db, rc);
	sqlite3_busy_timeout(conn, 10000);
	/* Pages read through a memory map: a write by any connection makes
	 * every other connection drop its page cache, and without the map each
	 * then reads its pages again with a system call apiece (a fifth of the
	 * time under a load of pages while the register is written to). */
	return sq_script(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	                     "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
	                     "PRAGMA mmap_size=1073741824;");
}
