/* What each storage engine provides to db.c. */
#ifndef DB_IMPL_H
#define DB_IMPL_H
#include "db/db.h"

enum { DB_MAX_SLOTS = 512 };

struct db_ops {
	int (*query)(struct db *, struct dbcur *, struct dbq *, const struct dbval *, int);
	int (*next)(struct dbcur *);
	const char *(*text)(struct dbcur *, int);
	int64_t (*integer)(struct dbcur *, int);
	size_t (*len)(struct dbcur *, int);
	int (*isnull)(struct dbcur *, int);
	void (*done)(struct dbcur *);
	int (*script)(struct db *, const char *);
	int (*backup)(struct db *, const char *);
	void (*close)(struct db *);
};

struct db {
	enum db_kind kind;
	const struct db_ops *ops;
	void *conn;
	void *stmts[DB_MAX_SLOTS];
	char err[512];
	struct db_precommit *precommit, *precommit_last; /* db_before_commit's */
	struct db_watch *watch; /* shared by the process's connections to one database */
	int in_tx;              /* between db_begin and its COMMIT or ROLLBACK */
	int wrote;              /* a statement of the open transaction may have written */
};

/* What tells this process's connections to one database that rows may have
 * changed (db/watch.c). */
struct db_watch;
struct db_watch *watch_of(enum db_kind kind, const char *url);
void watch_bump(struct db_watch *w);
void watch_listening(struct db_watch *w, int on);
/* PostgreSQL: a thread that LISTENs for the generations' notification and
 * bumps w on each (db/pg_listen.c). */
void pg_listen_start(struct db_watch *w, const char *conninfo);
int64_t watch_generation(struct db *db, const char *key);

int db_slot(struct dbq *q);
int db_sqlite_open(struct db *db, const char *path);
int db_pg_open(struct db *db, const char *conninfo);
#endif
