#include "register/order.h"

#include <stdint.h>

static struct dbq Q_CURRENT = {"SELECT pos FROM associations WHERE id = $1 AND sort_key = $2", NULL,
                               0};
static struct dbq Q_BEFORE = {"SELECT pos FROM associations WHERE (sort_key, id) < ($1, $2) "
                              "AND id <> $2 ORDER BY sort_key DESC, id DESC LIMIT 1",
                              NULL, 0};
static struct dbq Q_AFTER = {"SELECT pos FROM associations WHERE (sort_key, id) > ($1, $2) "
                             "AND id <> $2 ORDER BY sort_key, id LIMIT 1",
                             NULL, 0};
static struct dbq Q_COUNT = {"SELECT count(*) FROM associations", NULL, 0};
/* Negative first: the two steps never give two rows the same pos, which the
 * unique index checks row by row. */
static struct dbq Q_RANK_NEGATIVE = {
        "UPDATE associations SET pos = -r.r FROM (SELECT id, row_number() OVER "
        "(ORDER BY sort_key, id) AS r FROM associations) r WHERE associations.id = r.id",
        NULL, 0};
static struct dbq Q_RANK_SPREAD = {"UPDATE associations SET pos = -pos * $1", NULL, 0};

static const int64_t SPACING = (int64_t)1 << ORDER_SPACING_BITS;
/* The most a new association takes of the gap it lands in: an import in
 * Swedish order puts each row right after the one before, and taking only
 * this much leaves room for about a thousand such rows per gap before
 * halving starts. */
static const int64_t STEP = (int64_t)1 << 30;

/* Numbers every association anew by its rank, evenly spaced: after the
 * sort keys were made anew (register_rekey), and the way out when a gap
 * between two neighbours is used up, which inserting at one place some
 * thousand times in a row can do. Slow (every row of the search index
 * moves), so it is not tried before a gap is gone. */
int
order_renumber(struct db *db)
{
	int64_t n = db_int(db, &Q_COUNT, DB_NOARGS, -1);
	if (n < 0)
		return DB_ERROR;
	int64_t spacing = n + 2 < (INT64_MAX >> ORDER_SPACING_BITS) ? SPACING : INT64_MAX / (n + 2);
	int rc = db_exec(db, &Q_RANK_NEGATIVE, DB_NOARGS);
	if (rc == DB_OK)
		rc = db_exec(db, &Q_RANK_SPREAD, DB_ARGS(DB_INT(spacing)));
	return rc == DB_OK ? order_index_tidy(db) : rc;
}

/* After many rows moved at once (a renumbering, a demo or an import),
 * SQLite's search index is in many small segments with deleted entries in
 * them, and a search reads them all: measured on 100 000 associations after
 * a renumbering, 1 177 searches a second against 10 073 once merged. One
 * merge into a single segment takes a few seconds. PostgreSQL's GIN needs
 * nothing. */
int
order_index_tidy(struct db *db)
{
	if (db_kind(db) != DB_SQLITE)
		return DB_OK;
	return db_script(db, "INSERT INTO associations_fts (associations_fts) VALUES ('optimize')");
}

/* The pos an association (id 0 for a new one) takes when its sort key is
 * key: its old pos if the key is unchanged, else a number between the
 * neighbours it will have. The caller writes it in the same transaction. */
int
order_place(struct db *db, int64_t id, const char *key, size_t keylen, int64_t *pos)
{
	int64_t self = id ? id : INT64_MAX;
	struct dbval k = DB_TEXTN(key, keylen);
	if (id) {
		*pos = db_int(db, &Q_CURRENT, DB_ARGS(DB_INT(id), k), 0);
		if (*pos)
			return DB_OK;
	}
	for (int tries = 0; tries < 2; tries++) {
		int64_t lo = db_int(db, &Q_BEFORE, DB_ARGS(k, DB_INT(self)), 0);
		int64_t hi = db_int(db, &Q_AFTER, DB_ARGS(k, DB_INT(self)), 0);
		if (lo < 0 || hi < 0)
			return DB_ERROR;
		if (hi == 0 && lo < INT64_MAX - SPACING) {
			*pos = lo + SPACING;
			return DB_OK;
		}
		if (hi - lo >= 2) {
			int64_t half = (hi - lo) / 2;
			*pos = lo + (half < STEP ? half : STEP);
			return DB_OK;
		}
		if (order_renumber(db) != DB_OK)
			return DB_ERROR;
	}
	return DB_ERROR;
}
