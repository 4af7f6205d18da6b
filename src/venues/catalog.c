/* The active venues with all they are let at, as venues/directory.c
 * keeps them for the lists, the JSON API and the open data: one list,
 * then the prices, the hours and the parts of every
 * listed venue and its whole in one statement each, the ids given as one
 * list (db_ids, as grants/granted.c reads a page's awards), so that a
 * thousand venues cost four statements, not four thousand. */
#include "venues/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

#define PRICES "SELECT venue_id, category, per_hour FROM venue_prices WHERE "
#define HOURS "SELECT venue_id, weekday, opens, closes FROM venue_hours WHERE "
#define PARTS "SELECT parent_id, id FROM venues WHERE active = 1 AND "
static struct dbq Q_PRICES = {PRICES DB_IDS_SQLITE("venue_id"), PRICES DB_IDS_PG("venue_id"), 0};
static struct dbq Q_HOURS = {HOURS DB_IDS_SQLITE("venue_id"), HOURS DB_IDS_PG("venue_id"), 0};
static struct dbq Q_PARTS = {PARTS DB_IDS_SQLITE("parent_id") " ORDER BY parent_id, id",
                             PARTS DB_IDS_PG("parent_id") " ORDER BY parent_id, id", 0};

/* What the tables say of one venue itself, before a part takes its
 * whole's. */
struct facts {
	int64_t id;
	int64_t price[VENUE_CATEGORIES];
	int priced[VENUE_CATEGORIES];
	int has_prices, has_hours;
	struct venue_hours hours;
	int64_t *parts;
	size_t nparts, cap;
};

/* Order of facts by venue id, for qsort and bsearch. */
static int
by_id(const void *a, const void *b)
{
	int64_t x = ((const struct facts *)a)->id, y = ((const struct facts *)b)->id;
	return (x > y) - (x < y);
}

/* The facts of a venue in the sorted array, NULL when it is not there. */
static struct facts *
find(struct facts *f, size_t n, int64_t id)
{
	struct facts key = {.id = id};
	return bsearch(&key, f, n, sizeof *f, by_id);
}

/* A row of Q_PRICES: the venue has prices of its own, this one among them. */
static void
fill_price(struct dbcur *c, struct arena *a, struct facts *x)
{
	x->has_prices = 1;
	const char *code = db_col_text(c, 1);
	for (int i = 0; i < VENUE_CATEGORIES; i++)
		if (strcmp(code, venue_categories[i]) == 0) {
			x->price[i] = db_col_int(c, 2);
			x->priced[i] = 1;
		}
}

/* A row of Q_HOURS: the venue has hours of its own, this weekday's among them. */
static void
fill_hours(struct dbcur *c, struct arena *a, struct facts *x)
{
	x->has_hours = 1;
	int64_t d = db_col_int(c, 1);
	if (d >= 1 && d <= 7) {
		x->hours.opens[d] = (int)db_col_int(c, 2);
		x->hours.closes[d] = (int)db_col_int(c, 3);
	}
}

/* A row of Q_PARTS: one more part of the whole, in order of id. */
static void
fill_part(struct dbcur *c, struct arena *a, struct facts *x)
{
	x->parts = arena_grow(a, x->parts, x->nparts, &x->cap, sizeof *x->parts);
	x->parts[x->nparts++] = db_col_int(c, 1);
}

/* Runs one of the statements over the ids and hands each row to the
 * facts of the venue its first column names. */
static int
each_row(struct db *db, struct arena *a, struct dbq *q, const char *ids, struct facts *f, size_t n,
         void (*fill)(struct dbcur *, struct arena *, struct facts *))
{
	struct dbcur c;
	if (db_query(db, &c, q, DB_ARGS(DB_TEXT(ids))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		struct facts *x = find(f, n, db_col_int(&c, 0));
		if (x)
			fill(&c, a, x);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* The facts of the venues and their wholes, one each, in order of id;
 * their ids as DB_IDS_* take them into *ids. */
static struct facts *
facts_of(struct arena *a, enum db_kind kind, const struct venue *v, size_t nv, size_t *n,
         const char **ids)
{
	struct facts *f = arena_zalloc(a, 2 * nv * sizeof *f);
	size_t m = 0;
	for (size_t i = 0; i < nv; i++) {
		f[m++].id = v[i].id;
		if (v[i].parent_id)
			f[m++].id = v[i].parent_id;
	}
	if (m)
		qsort(f, m, sizeof *f, by_id);
	*n = 0;
	int64_t *unique = arena_alloc(a, (m ? m : 1) * sizeof *unique);
	for (size_t i = 0; i < m; i++) {
		if (*n && f[*n - 1].id == f[i].id)
			continue;
		unique[*n] = f[i].id;
		f[(*n)++] = f[i];
	}
	*ids = db_ids(a, kind, unique, *n);
	return f;
}

int
venue_catalog_load(struct db *db, struct arena *a, struct venue_entry **out, size_t *n)
{
	struct venue *v;
	size_t nv, nf;
	*out = NULL;
	*n = 0;
	if (venue_list_active(db, a, &v, &nv) != 0)
		return -1;
	if (nv == 0)
		return 0;
	const char *ids;
	struct facts *f = facts_of(a, db_kind(db), v, nv, &nf, &ids);
	if (each_row(db, a, &Q_PRICES, ids, f, nf, fill_price) != 0 ||
	    each_row(db, a, &Q_HOURS, ids, f, nf, fill_hours) != 0 ||
	    each_row(db, a, &Q_PARTS, ids, f, nf, fill_part) != 0)
		return -1;
	struct venue_entry *e = arena_zalloc(a, nv * sizeof *e);
	for (size_t i = 0; i < nv; i++) {
		const struct facts *own = find(f, nf, v[i].id);
		const struct facts *whole = v[i].parent_id ? find(f, nf, v[i].parent_id) : NULL;
		const struct facts *p = own->has_prices || !whole ? own : whole;
		const struct facts *h = own->has_hours || !whole ? own : whole;
		e[i].v = v[i];
		memcpy(e[i].price, p->price, sizeof e[i].price);
		memcpy(e[i].priced, p->priced, sizeof e[i].priced);
		e[i].hours = h->hours;
		e[i].parts = own->parts;
		e[i].nparts = own->nparts;
	}
	*out = e;
	*n = nv;
	return 0;
}
