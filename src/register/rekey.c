#include "register/rekey.h"
#include "base/buf.h"
#include "base/sortkey.h"
#include "register/order.h"

/* The collator the stored keys were made with (base/sortkey.h's
 * version; 0 for the fold before ICU, which migration 010 records). */
static struct dbq Q_VERSION = {"SELECT v FROM meta WHERE k = 'sort_key:collation'", NULL, 0};
static struct dbq Q_SET_VERSION = {"INSERT INTO meta (k, v) VALUES ('sort_key:collation', $1) "
                                   "ON CONFLICT (k) DO UPDATE SET v = excluded.v",
                                   NULL, 0};
static struct dbq Q_BATCH = {
        "SELECT id, name FROM associations WHERE id > $1 ORDER BY id LIMIT 1000", NULL, 0};
/* A batch's keys as one JSON array of [id, key] pairs, so that a batch is
 * one statement on both engines (PostgreSQL's per-statement trigger bumps
 * the register's generation once a batch, not once a row), and a row whose
 * key is already right is not written at all. */
static struct dbq Q_REKEY = {
        "UPDATE associations SET sort_key = j.value ->> 1 FROM json_each($1) AS j "
        "WHERE associations.id = j.value ->> 0 AND associations.sort_key <> j.value ->> 1",
        "UPDATE associations AS a SET sort_key = j ->> 1 FROM jsonb_array_elements($1::jsonb) AS j "
        "WHERE a.id = (j ->> 0)::bigint AND a.sort_key <> j ->> 1",
        0};

/* Reads the next batch of associations after id *last and appends their
 * [id, key] pairs to pairs; the number read, or -1. */
static int
batch_keys(struct db *db, int64_t *last, struct buf *pairs)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_BATCH, DB_ARGS(DB_INT(*last))) != DB_OK)
		return -1;
	int n = 0, rc;
	buf_putc(pairs, '[');
	while ((rc = db_next(&c)) > 0) {
		*last = db_col_int(&c, 0);
		if (n++)
			buf_putc(pairs, ',');
		buf_putc(pairs, '[');
		buf_int(pairs, *last);
		buf_puts(pairs, ",\"");
		sv_sort_key(pairs, db_col_text(&c, 1), db_col_len(&c, 1));
		buf_puts(pairs, "\"]");
	}
	buf_putc(pairs, ']');
	db_done(&c);
	return rc < 0 ? -1 : n;
}

/* Makes every association's sort key anew, a thousand at a time, in one
 * transaction, when the keys stored are not of this program's collator;
 * other processes see the old order or the new, never a mix. Reading the
 * version first costs one indexed row at every start; it is read again
 * under the write lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's migration
 * lock) so that two processes starting at once do the work once. The
 * number of associations keyed anew, 0 when the keys were right, -1 on
 * error. */
int64_t
register_rekey(struct db *db)
{
	int64_t want = sv_sort_key_version();
	if (db_int(db, &Q_VERSION, DB_NOARGS, -1) == want)
		return 0;
	if (db_begin(db) != DB_OK)
		return -1;
	if (db_kind(db) == DB_PG && db_script(db, "SELECT pg_advisory_xact_lock(4242)") != DB_OK)
		goto fail;
	if (db_int(db, &Q_VERSION, DB_NOARGS, -1) == want) {
		db_rollback(db);
		return 0;
	}
	int64_t last = 0, total = 0;
	struct buf pairs = {0};
	for (;;) {
		pairs.len = 0;
		int n = batch_keys(db, &last, &pairs);
		if (n < 0 ||
		    (n > 0 &&
		     db_exec(db, &Q_REKEY, DB_ARGS(DB_TEXTN(pairs.data, pairs.len))) != DB_OK)) {
			buf_free(&pairs);
			goto fail;
		}
		if (n == 0)
			break;
		total += n;
	}
	buf_free(&pairs);
	/* new keys, new order: pos follows them */
	if (total > 0 && order_renumber(db) != DB_OK)
		goto fail;
	if (db_exec(db, &Q_SET_VERSION, DB_ARGS(DB_INT(want))) != DB_OK || db_commit(db) != DB_OK)
		goto fail;
	return total;
fail:
	db_rollback(db);
	return -1;
}
