/* The PostgreSQL engine: prepared statements per connection, text results. */
#include "db/db_impl.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records the server's message (its primary part, which names what failed
 * and holds no row's values) and maps unique/foreign-key/check violations. */
static int
pg_fail(struct db *db, PGresult *res)
{
	/* the SQLSTATE lives in res: read it before res is freed */
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	int rc = DB_ERROR;
	if (state && strncmp(state, "23", 2) == 0)
		rc = DB_CONSTRAINT;
	else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
		rc = DB_BUSY;
	/* only the primary message: DETAIL can hold the row's values */
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (primary) {
		snprintf(db->err, sizeof(db->err), "%s", primary);
	} else {
		snprintf(db->err, sizeof(db->err), "%s", PQerrorMessage(db->conn));
		db->err[strcspn(db->err, "\n")] = 0;
	}
	if (res)
		PQclear(res);
	return rc;
}

/* What every connection's session is set to. */
static const char SETUP[] = "SET client_min_messages=warning; SET TIME ZONE 'UTC'";

/* Connects again after the server ended the connection (a restart, a
 * failover, an administrator): the same settings, and no prepared
 * statements, which went with the old session. 1 when connected. */
static int
pg_reconnect(struct db *db)
{
	PQreset(db->conn);
	memset(db->stmts, 0, sizeof(db->stmts));
	if (PQstatus(db->conn) != CONNECTION_OK)
		return 0;
	PGresult *r = PQexec(db->conn, SETUP);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok;
}

/* The connection to use: a new one if the last call found it gone; and
 * whether a transaction is open on it. */
static PGTransactionStatusType
pg_ready(struct db *db)
{
	if (PQstatus(db->conn) == CONNECTION_BAD)
		pg_reconnect(db);
	return PQtransactionStatus(db->conn);
}

/* Whether a failed call may run again on a new connection: the old one is
 * gone and held no transaction, so nothing half-done is lost. */
static int
pg_may_retry(struct db *db, PGTransactionStatusType before)
{
	return before == PQTRANS_IDLE && PQstatus(db->conn) == CONNECTION_BAD && pg_reconnect(db);
}

/* Prepares once per connection (named by slot), then executes with text
 * parameters; the whole result arrives at once. A statement whose SQL
 * begins with DB_PLAN_EACH is sent with its values each time instead (the
 * unnamed statement, planned for them). */
static int
pg_run(struct db *db, struct dbcur *c, struct dbq *q, const struct dbval *args, int n)
{
	int slot = db_slot(q);
	char name[16];
	snprintf(name, sizeof(name), "q%d", slot);
	const char *sql = q->pg ? q->pg : q->sql;
	int each = strncmp(sql, DB_PLAN_EACH, sizeof DB_PLAN_EACH - 1) == 0;
	if (!each && !db->stmts[slot]) {
		PGresult *r = PQprepare(db->conn, name, sql, 0, NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			return pg_fail(db, r);
		PQclear(r);
		db->stmts[slot] = (void *)1;
	}
	const char *vals[32];
	int lens[32];
	char ints[32][24];
	if (n > 32)
		n = 32;
	for (int i = 0; i < n; i++) {
		switch (args[i].t) {
		case DBV_INT:
			snprintf(ints[i], sizeof(ints[i]), "%lld", (long long)args[i].i);
			vals[i] = ints[i];
			lens[i] = (int)strlen(ints[i]);
			break;
		case DBV_TEXT:
			vals[i] = args[i].s;
			lens[i] = (int)args[i].n;
			break;
		default:
			vals[i] = NULL;
			lens[i] = 0;
			break;
		}
	}
	PGresult *r = each ? PQexecParams(db->conn, sql, n, NULL, vals, lens, NULL, 0)
	                   : PQexecPrepared(db->conn, name, n, vals, lens, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
		return pg_fail(db, r);
	c->res = r;
	c->row = -1;
	c->nrows = PQntuples(r);
	return DB_OK;
}

/* A query, tried once more on a new connection if the server had ended
 * the old one between transactions. */
static int
pg_query(struct db *db, struct dbcur *c, struct dbq *q, const struct dbval *args, int n)
{
	PGTransactionStatusType before = pg_ready(db);
	int rc = pg_run(db, c, q, args, n);
	if (rc != DB_OK && pg_may_retry(db, before))
		rc = pg_run(db, c, q, args, n);
	return rc;
}

static int
pg_next(struct dbcur *c)
{
	if (!c->res)
		return 0;
	c->row++;
	return c->row < c->nrows ? 1 : 0;
}

static const char *
pg_text(struct dbcur *c, int col)
{
	if (PQgetisnull(c->res, c->row, col))
		return NULL;
	return PQgetvalue(c->res, c->row, col);
}

/* PostgreSQL sends text: the integer is parsed from it. */
static int64_t
pg_integer(struct dbcur *c, int col)
{
	const char *s = pg_text(c, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

static size_t
pg_len(struct dbcur *c, int col)
{
	return (size_t)PQgetlength(c->res, c->row, col);
}

static int
pg_isnull(struct dbcur *c, int col)
{
	return PQgetisnull(c->res, c->row, col);
}

static void
pg_done(struct dbcur *c)
{
	if (c->res)
		PQclear(c->res);
	c->res = NULL;
}

static int
pg_exec(struct db *db, const char *sql)
{
	PGresult *r = PQexec(db->conn, sql);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		return pg_fail(db, r);
	PQclear(r);
	return DB_OK;
}

/* Statements without parameters (BEGIN, COMMIT, migrations), retried like
 * queries. */
static int
pg_script(struct db *db, const char *sql)
{
	PGTransactionStatusType before = pg_ready(db);
	int rc = pg_exec(db, sql);
	if (rc != DB_OK && pg_may_retry(db, before))
		rc = pg_exec(db, sql);
	return rc;
}

static int
pg_backup(struct db *db, const char *path)
{
	(void)path;
	snprintf(db->err, sizeof(db->err),
	         "backup of PostgreSQL: use pg_dump (for example pg_dump -Fc -f FILE DBNAME)");
	return DB_ERROR;
}

static void
pg_close(struct db *db)
{
	PQfinish(db->conn);
}

static const struct db_ops pg_ops = {
        pg_query,  pg_next, pg_text,   pg_integer, pg_len,
        pg_isnull, pg_done, pg_script, pg_backup,  pg_close,
};

/* Connects and quiets notices (migrations print them). */
int
db_pg_open(struct db *db, const char *conninfo)
{
	db->kind = DB_PG;
	db->ops = &pg_ops;
	PGconn *conn = PQconnectdb(conninfo);
	db->conn = conn;
	if (PQstatus(conn) != CONNECTION_OK) {
		snprintf(db->err, sizeof(db->err), "%s", PQerrorMessage(conn));
		return DB_ERROR;
	}
	return pg_exec(db, SETUP);
}
