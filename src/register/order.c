#include "register/order.h"
#include "base/arena.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct dbq Q_CURRENT = {"SELECT pos FROM associations WHERE id = $1 AND sort_key = $2", NULL,
                               0};
static struct dbq Q_BEFORE = {"SELECT pos FROM associations WHERE (sort_key, id) < ($1, $2) "
                              "AND id <> $2 ORDER BY sort_key DESC, id DESC LIMIT 1",
                              NULL, 0};
static struct dbq Q_AFTER = {"SELECT pos FROM associations WHERE (sort_key, id) > ($1, $2) "
                             "AND id <> $2 ORDER BY sort_key, id LIMIT 1",
                             NULL, 0};
/* The neighbours each key of a JSON array would have as a new row (whose
 * id comes after every other): the pos before it and after it, 0 for
 * none, in the array's order. */
static struct dbq Q_GAPS = {
        "SELECT (SELECT pos FROM associations WHERE sort_key <= r.value "
        "ORDER BY sort_key DESC, id DESC LIMIT 1), "
        "(SELECT pos FROM associations WHERE sort_key > r.value ORDER BY sort_key, id LIMIT 1) "
        "FROM json_each($1) AS r ORDER BY r.key",
        "SELECT (SELECT pos FROM associations WHERE sort_key <= r.value "
        "ORDER BY sort_key DESC, id DESC LIMIT 1), "
        "(SELECT pos FROM associations WHERE sort_key > r.value ORDER BY sort_key, id LIMIT 1) "
        "FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS r(value, n) ORDER BY r.n",
        0};
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

/* After one association's save, a step of merging SQLite's search index:
 * up to 64 pages' worth of merging two segments of a level (usermerge 2,
 * migration 016), so the segments each save adds are merged a little at a
 * time instead of piling up until the next load (a search reads every
 * segment). PostgreSQL's GIN needs nothing. */
int
order_index_merge(struct db *db)
{
	if (db_kind(db) != DB_SQLITE)
		return DB_OK;
	return db_script(
	        db, "INSERT INTO associations_fts (associations_fts, rank) VALUES ('merge', 64)");
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

/* A new row's key, by its place among the new rows. */
struct placing {
	const char *key;
	size_t i;
	int64_t lo, hi;
};

/* By key, then by place: new rows get their ids in their order, so equal
 * keys take their pos in id order too. */
static int
by_key(const void *a, const void *b)
{
	const struct placing *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Fills pos[] for n new associations with the sort keys keys[], to be
 * inserted in that order in the same transaction, with one query for all:
 * the m rows that land in one gap between neighbours share it evenly (m + 1
 * steps; after the last row, SPACING apart), in key order. A load in Swedish
 * order lands in one gap; placed a row or a batch at a time it would use the
 * gap up every thousand rows or so and number the register anew each time.
 * 1 in *full when a gap is too small for its rows. */
static int
place_new(struct db *db, const char *const *keys, size_t n, int64_t *pos, int *full)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(keys[i]));
	char *s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	struct placing *p = xcalloc(n, sizeof(*p));
	struct dbcur c;
	int rc = db_query(db, &c, &Q_GAPS, DB_ARGS(DB_TEXT(s)));
	size_t got = 0;
	while (rc == DB_OK && got < n && (rc = db_next(&c)) > 0) {
		p[got] = (struct placing){keys[got], got, db_col_int(&c, 0), db_col_int(&c, 1)};
		got++;
		rc = DB_OK;
	}
	db_done(&c);
	free(s);
	*full = 0;
	if (rc < 0 || got != n) {
		free(p);
		return DB_ERROR;
	}
	qsort(p, n, sizeof(*p), by_key);
	for (size_t k = 0; k < n && !*full;) {
		size_t m = 1;
		while (k + m < n && p[k + m].lo == p[k].lo && p[k + m].hi == p[k].hi)
			m++;
		int64_t lo = p[k].lo, hi = p[k].hi;
		int64_t step = hi == 0 ? (INT64_MAX - lo) / (int64_t)(m + 1)
		                       : (hi - lo) / (int64_t)(m + 1);
		if (hi == 0 && step > SPACING)
			step = SPACING;
		*full = step < 1;
		for (size_t j = 0; j < m && !*full; j++)
			pos[p[k + j].i] = lo + step * (int64_t)(j + 1);
		k += m;
	}
	free(p);
	return DB_OK;
}

/* The pos of each of n new associations (place_new); a gap too small
 * numbers the register anew once, as order_place does. */
int
order_place_new(struct db *db, const char *const *keys, size_t n, int64_t *pos)
{
	for (int tries = 0; tries < 2; tries++) {
		int full;
		if (place_new(db, keys, n, pos, &full) != DB_OK)
			return DB_ERROR;
		if (!full)
			return DB_OK;
		if (order_renumber(db) != DB_OK)
			return DB_ERROR;
	}
	return DB_ERROR;
}
