/* Venues in the database: one, every active one (for venues/directory.c,
 * which filters the lists), a department's for its managers, with their
 * bookable hours, closed days, prices and, for a split venue, its parts. */
#include "venues/venue.h"

#include <stdio.h>
#include <string.h>

#define COLS                                                                                       \
	"v.id, coalesce(v.parent_id, 0), v.department_id, coalesce(v.area_id, 0), d.code, "        \
	"d.name_sv, d.name_en, v.type, t.name_sv, t.name_en, v.name, v.address, "                  \
	"coalesce(ar.name, ''), coalesce(ar.slug, ''), v.equipment, v.description, v.capacity, "   \
	"v.step_free, v.accessible_toilet, v.hearing_loop, v.lift, v.approval, v.cancel_hours, "   \
	"v.active, w.name, v.sort_key "                                                            \
	"FROM venues v JOIN departments d ON d.id = v.department_id "                              \
	"JOIN venue_types t ON t.code = v.type LEFT JOIN areas ar ON ar.id = v.area_id "           \
	"LEFT JOIN venues w ON w.id = v.parent_id "

const char *const venue_categories[VENUE_CATEGORIES] = {"ordinarie", "forening", "ungdom"};

static struct dbq Q_BY_ID = {"SELECT " COLS "WHERE v.id = $1 AND v.active = 1", NULL, 0};
/* Those who manage venues see the inactive ones too. */
static struct dbq Q_ANY_BY_ID = {"SELECT " COLS "WHERE v.id = $1", NULL, 0};
/* A department's venues (0: every one), inactive too, each whole followed
 * by its parts: in order of the whole's name, then parts by name. */
static struct dbq Q_MANAGED = {
        DB_PLAN_EACH "SELECT " COLS "WHERE $1 = 0 OR v.department_id = $1 "
                     "ORDER BY coalesce(w.sort_key, v.sort_key), coalesce(v.parent_id, v.id), "
                     "v.parent_id IS NOT NULL, v.sort_key, v.id",
        NULL, 0};
/* Every active venue, in Swedish order: what venues/directory.c keeps. */
static struct dbq Q_ACTIVE = {"SELECT " COLS "WHERE v.active = 1 ORDER BY v.sort_key, v.id", NULL,
                              0};
/* A part of a split venue that has no hours or prices of its own has the
 * whole's. */
#define OWN_OR_WHOLE(table)                                                                        \
	"(venue_id = $1 OR (venue_id = (SELECT parent_id FROM venues WHERE id = $1) "              \
	"AND NOT EXISTS (SELECT 1 FROM " table " WHERE venue_id = $1)))"
static struct dbq Q_HOURS = {
        "SELECT weekday, opens, closes FROM venue_hours WHERE " OWN_OR_WHOLE("venue_hours"), NULL,
        0};
/* A whole's closed days close its parts too. */
static struct dbq Q_CLOSED = {"SELECT reason FROM venue_closed WHERE day = $2 AND (venue_id = $1 "
                              "OR venue_id = (SELECT parent_id FROM venues WHERE id = $1)) LIMIT 1",
                              NULL, 0};
static struct dbq Q_CLOSED_BETWEEN = {
        "SELECT day, reason FROM venue_closed WHERE day >= $2 AND day < $3 AND (venue_id = $1 "
        "OR venue_id = (SELECT parent_id FROM venues WHERE id = $1)) ORDER BY day",
        NULL, 0};
static struct dbq Q_PRICE = {
        "SELECT per_hour FROM venue_prices WHERE category = $2 AND " OWN_OR_WHOLE(
                "venue_prices") " ORDER BY venue_id = $1 DESC LIMIT 1",
        NULL, 0};
static struct dbq Q_PARTS = {"SELECT id FROM venues WHERE parent_id = $1 ORDER BY id", NULL, 0};
static struct dbq Q_PARENT = {"SELECT coalesce(parent_id, 0) FROM venues WHERE id = $1", NULL, 0};

/* One row of COLS as a venue. */
static void
row_to_venue(struct dbcur *c, struct arena *a, struct venue *v)
{
	memset(v, 0, sizeof *v);
	v->id = db_col_int(c, 0);
	v->parent_id = db_col_int(c, 1);
	v->department_id = db_col_int(c, 2);
	v->area_id = db_col_int(c, 3);
	const char **text[] = {&v->dept_code, &v->dept_sv,   &v->dept_en,   &v->type,
	                       &v->type_sv,   &v->type_en,   &v->name,      &v->address,
	                       &v->area,      &v->area_slug, &v->equipment, &v->description};
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		*text[i] = arena_strdup(a, db_col_text(c, 4 + (int)i));
	int *num[] = {&v->capacity, &v->step_free, &v->accessible_toilet, &v->hearing_loop,
	              &v->lift,     &v->approval,  &v->cancel_hours,      &v->active};
	for (size_t i = 0; i < sizeof num / sizeof *num; i++)
		*num[i] = (int)db_col_int(c, 16 + (int)i);
	v->parent_name = db_col_null(c, 24) ? NULL : arena_strdup(a, db_col_text(c, 24));
	v->sort_key = arena_strdup(a, db_col_text(c, 25));
}

/* The venue of id by query q: 1, 0 when there is none, -1 on error. */
static int
one_venue(struct db *db, struct arena *a, struct dbq *q, int64_t id, struct venue *out)
{
	struct dbcur c;
	if (db_query(db, &c, q, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		row_to_venue(&c, a, out);
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

int
venue_get(struct db *db, struct arena *a, int64_t id, struct venue *out)
{
	return one_venue(db, a, &Q_BY_ID, id, out);
}

int
venue_get_any(struct db *db, struct arena *a, int64_t id, struct venue *out)
{
	return one_venue(db, a, &Q_ANY_BY_ID, id, out);
}

/* The venues a query of COLS lists. */
static int
venue_rows(struct db *db, struct arena *a, struct dbq *q, const struct dbval *args, int nargs,
           struct venue **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, q, args, nargs) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		row_to_venue(&c, a, &(*out)[(*n)++]);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

int
venue_list_managed(struct db *db, struct arena *a, int64_t department_id, struct venue **out,
                   size_t *n)
{
	return venue_rows(db, a, &Q_MANAGED, DB_ARGS(DB_INT(department_id)), out, n);
}

int
venue_list_active(struct db *db, struct arena *a, struct venue **out, size_t *n)
{
	return venue_rows(db, a, &Q_ACTIVE, NULL, 0, out, n);
}

int
venue_hours_get(struct db *db, int64_t id, struct venue_hours *h)
{
	memset(h, 0, sizeof *h);
	struct dbcur c;
	if (db_query(db, &c, &Q_HOURS, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		int64_t d = db_col_int(&c, 0);
		if (d >= 1 && d <= 7) {
			h->opens[d] = (int)db_col_int(&c, 1);
			h->closes[d] = (int)db_col_int(&c, 2);
		}
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

int
venue_closed_on(struct db *db, struct arena *a, int64_t id, const char *day, const char **reason)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_CLOSED, DB_ARGS(DB_INT(id), DB_TEXT(day))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0 && reason)
		*reason = arena_strdup(a, db_col_text(&c, 0));
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

int
venue_closed_between(struct db *db, struct arena *a, int64_t id, const char *from, const char *to,
                     struct venue_closed_day **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_CLOSED_BETWEEN, DB_ARGS(DB_INT(id), DB_TEXT(from), DB_TEXT(to))) !=
	    DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		struct venue_closed_day *d = &(*out)[(*n)++];
		snprintf(d->day, sizeof d->day, "%.10s", db_col_text(&c, 0));
		d->reason = arena_strdup(a, db_col_text(&c, 1));
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

int
venue_price(struct db *db, int64_t id, const char *category, int64_t *per_hour)
{
	int64_t p = db_int(db, &Q_PRICE, DB_ARGS(DB_INT(id), DB_TEXT(category)), -1);
	if (p < 0)
		return 0;
	*per_hour = p;
	return 1;
}

/* The parts of a venue, appended to ids (room for VENUE_MAX_PARTS more). */
static int
parts_of(struct db *db, int64_t id, int64_t *ids, size_t *n)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_PARTS, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc;
	size_t got = 0;
	while ((rc = db_next(&c)) > 0)
		if (got < VENUE_MAX_PARTS)
			ids[(*n)++] = db_col_int(&c, 0), got++;
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

int
venue_leaves(struct db *db, int64_t id, int64_t *ids, size_t *n)
{
	*n = 0;
	if (parts_of(db, id, ids, n) != 0)
		return -1;
	if (*n == 0)
		ids[(*n)++] = id;
	return 0;
}

int
venue_related(struct db *db, int64_t id, int64_t *ids, size_t *n)
{
	*n = 0;
	ids[(*n)++] = id;
	int64_t parent = db_int(db, &Q_PARENT, DB_ARGS(DB_INT(id)), -1);
	if (parent < 0)
		return -1;
	if (parent > 0)
		ids[(*n)++] = parent;
	return parts_of(db, id, ids, n);
}
