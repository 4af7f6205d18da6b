/* The listed rows kept per register generation (see listing.h). */
#include "register/listing.h"
#include "base/arena.h"
#include "db/kept.h"

#include <stdlib.h>
#include <string.h>

struct listing {
	struct kept_value kept;
	int64_t through;     /* the generation its rows are as of, read before them */
	int64_t deleted;     /* 'generation:deleted' as then */
	struct listed *rows; /* by pos */
	size_t n;
};

/* More rows changed since the listing held than this (a load, a
 * renumbering of the order), and it is read whole: one walk of the listed
 * index, where that many lookups of the rev index cost more. */
enum { CHANGES_MAX = 4096 };

static struct dbq Q_GENS = {"SELECT k, v FROM meta WHERE k IN ('generation', 'generation:deleted')",
                            NULL, 0};
/* From the listed index alone (migration 032); SQLite by name, as for a
 * page, or it walks the table. */
static struct dbq Q_LISTED = {
        "SELECT pos, id, rev FROM associations INDEXED BY associations_listed "
        "WHERE public = 1 AND active = 1 ORDER BY pos",
        "SELECT pos, id, rev FROM associations "
        "WHERE public = 1 AND active = 1 ORDER BY pos",
        0};
/* The rows a transaction the listing did not see changed (migration 037),
 * listed or not now. */
static struct dbq Q_CHANGED = {
        "SELECT id, coalesce(pos, 0), rev, CASE WHEN public = 1 AND active = 1 AND pos IS NOT NULL "
        "THEN 1 ELSE 0 END FROM associations WHERE rev > $1 LIMIT $2",
        NULL, 0};

/* Frees a listing its last reader let go of. */
static void
listing_free(struct kept_value *v)
{
	struct listing *l = (struct listing *)v;
	free(l->rows);
	free(l);
}

/* The register's generation and deletions as they are now, read before
 * the rows so that a write between is seen again, not missed. */
static int
gens_read(struct db *db, int64_t *through, int64_t *deleted)
{
	struct dbcur c;
	*through = *deleted = -1;
	if (db_query(db, &c, &Q_GENS, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0)
		*(strcmp(db_col_text(&c, 0), "generation") == 0 ? through : deleted) =
		        db_col_int(&c, 1);
	db_done(&c);
	return rc < 0 || *through < 0 || *deleted < 0 ? -1 : 0;
}

/* An empty listing of generation gen, its rows as of through. */
static struct listing *
listing_new(int64_t gen, int64_t through, int64_t deleted, size_t cap)
{
	struct listing *l = xcalloc(1, sizeof(*l));
	l->kept = (struct kept_value){.gen = gen, .free = listing_free};
	l->through = through, l->deleted = deleted;
	l->rows = xmalloc((cap ? cap : 1) * sizeof(*l->rows));
	return l;
}

/* Every listed row, in order (kept.h's load). */
static struct kept_value *
listing_load(struct db *db, int64_t gen)
{
	int64_t through, deleted;
	struct dbcur c;
	if (gens_read(db, &through, &deleted) != 0 ||
	    db_query(db, &c, &Q_LISTED, DB_NOARGS) != DB_OK)
		return NULL;
	size_t cap = 1024;
	struct listing *l = listing_new(gen, through, deleted, cap);
	int rc;
	while ((rc = db_next(&c)) > 0) {
		if (l->n == cap)
			l->rows = xrealloc(l->rows, (cap *= 2) * sizeof(*l->rows));
		l->rows[l->n++] =
		        (struct listed){db_col_int(&c, 0), db_col_int(&c, 1), db_col_int(&c, 2)};
	}
	db_done(&c);
	if (rc < 0) {
		listing_free(&l->kept);
		return NULL;
	}
	return &l->kept;
}

/* Orders int64s ascending. */
static int
by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Orders listed rows by place. */
static int
by_pos(const void *a, const void *b)
{
	return by_value(&((const struct listed *)a)->pos, &((const struct listed *)b)->pos);
}

/* The rows changed since old's: their ids (ascending) into ids and those
 * listed now (by place) into now, both malloc'd; their number, or -1 on
 * error, or CHANGES_MAX + 1 when they are more. */
static long
changes_read(struct db *db, const struct listing *old, int64_t **ids, struct listed **now,
             size_t *nnow)
{
	struct dbcur c;
	*ids = NULL, *now = NULL, *nnow = 0;
	if (db_query(db, &c, &Q_CHANGED, DB_ARGS(DB_INT(old->through), DB_INT(CHANGES_MAX + 1))) !=
	    DB_OK)
		return -1;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			*ids = xrealloc(*ids, cap * sizeof(**ids));
			*now = xrealloc(*now, cap * sizeof(**now));
		}
		(*ids)[n++] = db_col_int(&c, 0);
		if (db_col_int(&c, 3))
			(*now)[(*nnow)++] = (struct listed){db_col_int(&c, 1), db_col_int(&c, 0),
			                                    db_col_int(&c, 2)};
	}
	db_done(&c);
	if (rc < 0) {
		free(*ids), free(*now);
		*ids = NULL, *now = NULL;
		return -1;
	}
	if (n) /* qsort is not to be given NULL, even for none */
		qsort(*ids, n, sizeof(**ids), by_value);
	if (*nnow)
		qsort(*now, *nnow, sizeof(**now), by_pos);
	return (long)n;
}

/* The listing held brought up to date (kept.h's renew): its rows but
 * those changed since, merged in order with the changed ones listed now;
 * read whole after a deletion or past CHANGES_MAX changes. */
static struct kept_value *
listing_renew(struct db *db, const struct kept_value *held, int64_t gen)
{
	const struct listing *old = (const struct listing *)held;
	int64_t through, deleted, *ids;
	struct listed *now;
	size_t nnow;
	if (gens_read(db, &through, &deleted) != 0)
		return NULL;
	if (deleted != old->deleted)
		return listing_load(db, gen);
	long nids = changes_read(db, old, &ids, &now, &nnow);
	if (nids < 0)
		return NULL;
	if (nids > CHANGES_MAX) {
		free(ids), free(now);
		return listing_load(db, gen);
	}
	struct listing *l = listing_new(gen, through, deleted, old->n + nnow);
	size_t j = 0;
	for (size_t i = 0; i < old->n; i++) {
		const struct listed *r = &old->rows[i];
		while (j < nnow && now[j].pos <= r->pos)
			l->rows[l->n++] = now[j++];
		if (!(nids && bsearch(&r->id, ids, (size_t)nids, sizeof(*ids), by_value)) &&
		    (!l->n || l->rows[l->n - 1].pos != r->pos))
			l->rows[l->n++] = *r;
	}
	while (j < nnow)
		l->rows[l->n++] = now[j++];
	free(ids), free(now);
	return &l->kept;
}

static struct kept kept_listing = KEPT_INIT_RENEW("generation", listing_load, listing_renew);

/* The one listing of the process, renewed when the generation moved. */
const struct listing *
listing_get(struct db *db)
{
	return (const struct listing *)kept_get(&kept_listing, db);
}

/* Lets go of a listing; the last reader of an old one frees it. */
void
listing_put(const struct listing *l)
{
	if (l)
		kept_put((struct kept_value *)&l->kept);
}

/* The rows themselves, for a page of the whole list to take fifty. */
const struct listed *
listing_rows(const struct listing *l, size_t *n)
{
	*n = l->n;
	return l->rows;
}

/* A halving search by place. */
const struct listed *
listing_at(const struct listing *l, int64_t pos)
{
	const struct listed key = {.pos = pos};
	return bsearch(&key, l->rows, l->n, sizeof(*l->rows), by_pos);
}
