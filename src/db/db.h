/* Storage behind one interface: SQLite (embedded default) or PostgreSQL.
 * SQL is written once with $1, $2 … placeholders and always bound. */
#ifndef DB_DB_H
#define DB_DB_H
#include <stddef.h>
#include <stdint.h>

enum db_kind { DB_SQLITE, DB_PG };

/* A query: its SQL, and a PostgreSQL variant where the engines differ. The
 * slot indexes each connection's prepared-statement cache. */
struct dbq {
	const char *sql;
	const char *pg;
	int slot;
};

/* PostgreSQL keeps a prepared statement's plan once it finds its values do
 * not change it (plan_cache_mode auto). SQL that begins with DB_PLAN_EACH
 * is for a statement whose values choose its plan — a filter written
 * `($1 = 0 OR …)`, a search's words and terms — and is planned for its
 * values at every execution instead (SQLite reads it as a comment). */
#define DB_PLAN_EACH "/* planned for its values */ "

enum dbv_type { DBV_NULL, DBV_INT, DBV_TEXT };

struct dbval {
	enum dbv_type t;
	int64_t i;
	const char *s;
	size_t n;
};

#define DB_INT(v) ((struct dbval){.t = DBV_INT, .i = (v)})
#define DB_TEXTN(v, len) ((struct dbval){.t = DBV_TEXT, .s = (v), .n = (len)})
#define DB_TEXT(v) db_text_or_null(v)
#define DB_NULLV ((struct dbval){.t = DBV_NULL})

struct db;

/* A cursor over a result; lives on the caller's stack. */
struct dbcur {
	struct db *db;
	void *stmt; /* sqlite3_stmt */
	void *res;  /* PGresult */
	int row, nrows;
};

/* DB_NOROW: a statement with RETURNING matched no row (someone changed it
 * first); the caller may tell the user so instead of failing. */
enum { DB_OK = 0, DB_ERROR = -1, DB_CONSTRAINT = -2, DB_BUSY = -3, DB_NOROW = -4 };

int db_open(const char *url, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
const char *db_errmsg(struct db *db);
void db_clear_error(struct db *db);

int db_query(struct db *db, struct dbcur *c, struct dbq *q, const struct dbval *args, int n);
int db_next(struct dbcur *c);
const char *db_col_text(struct dbcur *c, int col);
size_t db_col_len(struct dbcur *c, int col);
int64_t db_col_int(struct dbcur *c, int col);
int db_col_null(struct dbcur *c, int col);
void db_done(struct dbcur *c);

int db_exec(struct db *db, struct dbq *q, const struct dbval *args, int n);
int64_t db_int(struct db *db, struct dbq *q, const struct dbval *args, int n, int64_t dflt);
int db_returning(struct db *db, struct dbq *q, const struct dbval *args, int n, int64_t *out);
int db_script(struct db *db, const char *sql);
int db_begin(struct db *db);
/* Whether a transaction db_begin opened is still open. */
int db_in_transaction(const struct db *db);
int db_keep_plans(struct db *db, int keep);
int db_commit(struct db *db);
/* Work that belongs at the very end of the open transaction, done only if
 * it is about to commit: a file written in it given its name. db_commit
 * runs each, in the order given, just before COMMIT, and sends no COMMIT
 * (DB_ERROR, the caller rolls back) when one fails; once COMMIT succeeded
 * it marks each committed, which the caller reads when its request ends
 * (whatever the connection did in between). The next db_begin, db_commit
 * or db_rollback forgets them. The caller owns the node (in its request's
 * arena, which outlives the transaction). */
struct db_precommit {
	int (*fn)(void *arg); /* 0 to go on */
	void *arg;
	int committed;
	struct db_precommit *next;
};
void db_before_commit(struct db *db, struct db_precommit *p);
/* The value of the meta row key (a content domain's generation, say
 * "generation:diarium"), or -1 when there is none: as this process last
 * read it while no write can have been committed since, by this process or
 * another (db/watch.c), else read anew. Inside a transaction always read
 * anew, so that a transaction sees its own bumps. */
int64_t db_generation(struct db *db, const char *key);
void db_rollback(struct db *db);
int db_backup(struct db *db, const char *path);

/* A list of ids bound as $1, in the form each engine reads best: SQLite
 * a JSON array ("[3,1,4]") through json_each, PostgreSQL an array ("{3,1,
 * 4}") bound as bigint[], which it plans as index lookups (a set from
 * json_array_elements_text it took for a hundred rows and hashed against a
 * scan of the table) and converts once: made from JSON by translate() it
 * cost a tenth of a search page's time on the server, and without
 * statistics, where the planner tested each row of another index against
 * the list, the conversion was made for every row (35 ms for 2 000 rows).
 * For statements with one SQL per engine: {"… WHERE " DB_IDS_SQLITE("id"),
 * "… WHERE " DB_IDS_PG("id"), 0}; db_ids writes the list. */
#define DB_IDS_SQLITE(col) col " IN (SELECT value FROM json_each($1))"
#define DB_IDS_PG(col) col " = ANY ($1::bigint[])"
struct arena;
/* The n ids as DB_IDS_* of the engine take them, in the arena. */
const char *db_ids(struct arena *a, enum db_kind kind, const int64_t *ids, size_t n);

/* A NULL C string binds as SQL NULL. */
static inline struct dbval
db_text_or_null(const char *s)
{
	struct dbval v = {.t = DBV_NULL};
	if (s) {
		v.t = DBV_TEXT;
		v.s = s;
		v.n = __builtin_strlen(s);
	}
	return v;
}

#define DB_ARGS(...)                                                                               \
	((const struct dbval[]){__VA_ARGS__}),                                                     \
	        (int)(sizeof((struct dbval[]){__VA_ARGS__}) / sizeof(struct dbval))
#define DB_NOARGS NULL, 0
#endif
