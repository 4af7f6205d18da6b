/* Applies the numbered migrations of the engine in use, each in a
 * transaction, skipping those already applied. */
#include "db/migrate.h"
#include "base/embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const struct embedded migrations_sqlite[];
extern const struct embedded migrations_pg[];

static struct dbq Q_VERSION = {"SELECT coalesce(max(version), 0) FROM schema_version", NULL, 0};
static struct dbq Q_FK_BROKEN = {"SELECT count(*) FROM pragma_foreign_key_check", NULL, 0};
/* The first line of a SQLite migration that makes a table anew. */
static const char REBUILD[] = "-- rebuild: foreign keys off";
static struct dbq Q_RECORD = {"INSERT INTO schema_version (version, applied) VALUES ($1, $2)", NULL,
                              0};

/* Brings the schema up to date; prints what it applies when verbose. */
int
db_migrate(struct db *db, int verbose)
{
	int pg = db_kind(db) == DB_PG;
	const struct embedded *m = pg ? migrations_pg : migrations_sqlite;
	if (db_script(db, "CREATE TABLE IF NOT EXISTS schema_version "
	                  "(version integer PRIMARY KEY, applied bigint NOT NULL)") != DB_OK)
		return -1;
	for (; m->name; m++) {
		int num = atoi(m->name);
		/* SQLite changes a table's constraints only by making it anew,
		 * which needs the foreign keys off around the transaction (the
		 * procedure of SQLite's ALTER TABLE page); they are checked before
		 * the commit instead */
		int rebuild = !pg && m->len > sizeof(REBUILD) - 1 &&
		              memcmp(m->data, REBUILD, sizeof(REBUILD) - 1) == 0;
		if (rebuild && db_script(db, "PRAGMA foreign_keys = OFF") != DB_OK)
			return -1;
		if (db_begin(db) != DB_OK)
			goto fail;
		/* one migrator at a time across processes */
		if (pg && db_script(db, "SELECT pg_advisory_xact_lock(4242)") != DB_OK)
			goto fail;
		if (db_int(db, &Q_VERSION, DB_NOARGS, 0) >= num) {
			db_rollback(db);
			continue;
		}
		char *sql = malloc(m->len + 1);
		memcpy(sql, m->data, m->len);
		sql[m->len] = 0;
		int rc = db_script(db, sql);
		free(sql);
		if (rc != DB_OK || (rebuild && db_int(db, &Q_FK_BROKEN, DB_NOARGS, 1) != 0) ||
		    db_exec(db, &Q_RECORD, DB_ARGS(DB_INT(num), DB_INT(time(NULL)))) != DB_OK)
			goto fail;
		if (db_commit(db) != DB_OK)
			goto fail;
		if (rebuild && db_script(db, "PRAGMA foreign_keys = ON") != DB_OK)
			return -1;
		if (verbose)
			printf("applied %s\n", m->name);
	}
	return 0;
fail:
	fprintf(stderr, "migration %s failed: %s\n", m->name, db_errmsg(db));
	db_rollback(db);
	if (!pg)
		db_script(db, "PRAGMA foreign_keys = ON");
	return -1;
}
