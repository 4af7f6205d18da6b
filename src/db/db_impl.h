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
};

int db_slot(struct dbq *q);
int db_sqlite_open(struct db *db, const char *path);
int db_pg_open(struct db *db, const char *conninfo);
#endif
