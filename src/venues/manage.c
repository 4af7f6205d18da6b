/* The writes of venue management, each inside the caller's transaction,
 * so that a refused form writes nothing: a venue with its sort key, its
 * parts, hours, closed days and prices, and the nolltaxa threshold. */
#include "venues/manage.h"
#include "base/buf.h"
#include "base/sortkey.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static struct dbq Q_INSERT = {
        "INSERT INTO venues (department_id, type, name, sort_key, address, area_id, capacity, "
        "step_free, accessible_toilet, hearing_loop, lift, equipment, description, approval, "
        "cancel_hours, active, created) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
        "RETURNING id",
        NULL, 0};
static struct dbq Q_UPDATE = {
        "UPDATE venues SET department_id = $2, type = $3, name = $4, sort_key = $5, "
        "address = $6, area_id = $7, capacity = $8, step_free = $9, accessible_toilet = $10, "
        "hearing_loop = $11, lift = $12, equipment = $13, description = $14, approval = $15, "
        "cancel_hours = $16, active = $17 WHERE id = $1 RETURNING id",
        NULL, 0};
/* What a part has of its whole. */
static struct dbq Q_PARTS_FOLLOW = {
        "UPDATE venues SET department_id = $2, type = $3, address = $4, area_id = $5 "
        "WHERE parent_id = $1",
        NULL, 0};
static struct dbq Q_PART_ADD = {
        "INSERT INTO venues (parent_id, department_id, type, name, sort_key, address, area_id, "
        "capacity, created) SELECT id, department_id, type, $2, $3, address, area_id, $4, $5 "
        "FROM venues WHERE id = $1 RETURNING id",
        NULL, 0};
static struct dbq Q_PARTS = {"SELECT id, name, capacity, active FROM venues WHERE parent_id = $1 "
                             "ORDER BY sort_key, id",
                             NULL, 0};
/* On PostgreSQL the whole is locked before its bookings are counted, so
 * that no booking reads its leaves between the count and the new part
 * (holds.c takes FOR KEY SHARE before reading them). */
static struct dbq Q_LOCK_WHOLE = {"SELECT id FROM venues WHERE id = $1 FOR UPDATE", NULL, 0};
static struct dbq Q_BOOKED = {"SELECT count(*) FROM bookings WHERE (venue_id = $1 OR venue_id IN "
                              "(SELECT id FROM venues WHERE parent_id = $1)) "
                              "AND status IN ('pending', 'confirmed') AND ends > $2",
                              NULL, 0};
static struct dbq Q_OWN_HOURS = {
        "SELECT weekday, opens, closes FROM venue_hours WHERE venue_id = $1", NULL, 0};
static struct dbq Q_OWN_PRICE = {
        "SELECT per_hour FROM venue_prices WHERE venue_id = $1 AND category = $2", NULL, 0};
static struct dbq Q_HOURS_CLEAR = {"DELETE FROM venue_hours WHERE venue_id = $1", NULL, 0};
static struct dbq Q_HOURS_ADD = {
        "INSERT INTO venue_hours (venue_id, weekday, opens, closes) VALUES ($1, $2, $3, $4)", NULL,
        0};
static struct dbq Q_CLOSED_LIST = {"SELECT day, reason FROM venue_closed WHERE venue_id = $1 "
                                   "AND day >= $2 ORDER BY day",
                                   NULL, 0};
static struct dbq Q_CLOSED_HAS = {
        "SELECT count(*) FROM venue_closed WHERE venue_id = $1 AND day = $2", NULL, 0};
static struct dbq Q_CLOSED_ADD = {
        "INSERT INTO venue_closed (venue_id, day, reason) VALUES ($1, $2, $3)", NULL, 0};
static struct dbq Q_CLOSED_REMOVE = {
        "DELETE FROM venue_closed WHERE venue_id = $1 AND day = $2 RETURNING venue_id", NULL, 0};
static struct dbq Q_CATEGORIES = {
        "SELECT code, name_sv, name_en FROM price_categories ORDER BY pos", NULL, 0};
static struct dbq Q_TYPES = {"SELECT code, name_sv, name_en FROM venue_types ORDER BY pos", NULL,
                             0};
static struct dbq Q_PRICE_SET = {
        "INSERT INTO venue_prices (venue_id, category, per_hour) VALUES ($1, $2, $3) "
        "ON CONFLICT (venue_id, category) DO UPDATE SET per_hour = excluded.per_hour",
        NULL, 0};
static struct dbq Q_PRICE_REMOVE = {
        "DELETE FROM venue_prices WHERE venue_id = $1 AND category = $2", NULL, 0};
/* Always one row, so that -1 is an error and 0 no threshold. */
static struct dbq Q_YOUTH = {
        "SELECT coalesce(max(share_pct), 0) FROM venue_youth_rules WHERE department_id = $1", NULL,
        0};
static struct dbq Q_YOUTH_SET = {
        "INSERT INTO venue_youth_rules (department_id, share_pct) VALUES ($1, $2) "
        "ON CONFLICT (department_id) DO UPDATE SET share_pct = excluded.share_pct",
        NULL, 0};
static struct dbq Q_YOUTH_REMOVE = {"DELETE FROM venue_youth_rules WHERE department_id = $1", NULL,
                                    0};

/* A name's Swedish sort key, as associations get theirs. */
static struct dbval
sort_key(struct buf *key, const char *name)
{
	sv_sort_key(key, name, strlen(name));
	return DB_TEXTN(key->data ? key->data : "", key->len);
}

int
venue_save(struct db *db, int64_t id, const struct venue *v, int64_t *saved)
{
	struct buf key = {0};
	struct dbval area = v->area_id ? DB_INT(v->area_id) : DB_NULLV;
	struct dbval args[] = {DB_INT(id),
	                       DB_INT(v->department_id),
	                       DB_TEXT(v->type),
	                       DB_TEXT(v->name),
	                       sort_key(&key, v->name),
	                       DB_TEXT(v->address),
	                       area,
	                       DB_INT(v->capacity),
	                       DB_INT(v->step_free),
	                       DB_INT(v->accessible_toilet),
	                       DB_INT(v->hearing_loop),
	                       DB_INT(v->lift),
	                       DB_TEXT(v->equipment),
	                       DB_TEXT(v->description),
	                       DB_INT(v->approval),
	                       DB_INT(v->cancel_hours),
	                       DB_INT(v->active),
	                       DB_INT((int64_t)time(NULL))};
	int n = (int)(sizeof args / sizeof *args);
	int rc;
	if (id == 0) {
		rc = db_returning(db, &Q_INSERT, args + 1, n - 1, saved);
	} else {
		rc = db_returning(db, &Q_UPDATE, args, n - 1, saved);
		if (rc == DB_OK)
			rc = db_exec(db, &Q_PARTS_FOLLOW,
			             DB_ARGS(DB_INT(id), DB_INT(v->department_id), DB_TEXT(v->type),
			                     DB_TEXT(v->address), area));
	}
	buf_free(&key);
	return rc;
}

int
venue_part_add(struct db *db, int64_t whole, const char *name, int capacity, int64_t *id)
{
	struct buf key = {0};
	int rc = db_returning(db, &Q_PART_ADD,
	                      DB_ARGS(DB_INT(whole), DB_TEXT(name), sort_key(&key, name),
	                              DB_INT(capacity), DB_INT((int64_t)time(NULL))),
	                      id);
	buf_free(&key);
	return rc;
}

int
venue_parts(struct db *db, struct arena *a, int64_t id, struct venue **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_PARTS, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct venue){.id = db_col_int(&c, 0),
		                                .parent_id = id,
		                                .name = arena_strdup(a, db_col_text(&c, 1)),
		                                .capacity = (int)db_col_int(&c, 2),
		                                .active = (int)db_col_int(&c, 3)};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

int64_t
venue_bookings_after(struct db *db, int64_t id, int64_t t)
{
	if (db_kind(db) == DB_PG && db_int(db, &Q_LOCK_WHOLE, DB_ARGS(DB_INT(id)), 0) != id)
		return -1;
	return db_int(db, &Q_BOOKED, DB_ARGS(DB_INT(id), DB_INT(t)), -1);
}

int
venue_own_hours(struct db *db, int64_t id, struct venue_hours *h)
{
	memset(h, 0, sizeof *h);
	struct dbcur c;
	if (db_query(db, &c, &Q_OWN_HOURS, DB_ARGS(DB_INT(id))) != DB_OK)
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
venue_own_prices(struct db *db, int64_t id, const struct choice *categories, int64_t *per_hour)
{
	for (size_t i = 0; categories[i].code; i++) {
		struct dbcur c;
		if (db_query(db, &c, &Q_OWN_PRICE,
		             DB_ARGS(DB_INT(id), DB_TEXT(categories[i].code))) != DB_OK)
			return -1;
		int rc = db_next(&c);
		per_hour[i] = rc > 0 ? db_col_int(&c, 0) : -1;
		db_done(&c);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
venue_hours_set(struct db *db, int64_t id, const struct venue_hours *h)
{
	int rc = db_exec(db, &Q_HOURS_CLEAR, DB_ARGS(DB_INT(id)));
	for (int d = 1; rc == DB_OK && d <= 7; d++)
		if (h->closes[d] > h->opens[d])
			rc = db_exec(db, &Q_HOURS_ADD,
			             DB_ARGS(DB_INT(id), DB_INT(d), DB_INT(h->opens[d]),
			                     DB_INT(h->closes[d])));
	return rc;
}

int
venue_closed_list(struct db *db, struct arena *a, int64_t id, const char *day,
                  struct venue_closed_day **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_CLOSED_LIST, DB_ARGS(DB_INT(id), DB_TEXT(day))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		struct venue_closed_day *d = &(*out)[(*n)++];
		snprintf(d->day, sizeof d->day, "%.10s", db_col_text(&c, 0));
		d->reason = arena_strdup(a, db_col_text(&c, 1));
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* A closed day already there is told apart before the insert: on
 * PostgreSQL a refused insert would end the transaction. */
int
venue_closed_add(struct db *db, int64_t id, const char *day, const char *reason)
{
	int64_t has = db_int(db, &Q_CLOSED_HAS, DB_ARGS(DB_INT(id), DB_TEXT(day)), -1);
	if (has != 0)
		return has < 0 ? DB_ERROR : DB_CONSTRAINT;
	return db_exec(db, &Q_CLOSED_ADD, DB_ARGS(DB_INT(id), DB_TEXT(day), DB_TEXT(reason)));
}

int
venue_closed_remove(struct db *db, int64_t id, const char *day)
{
	int64_t got;
	return db_returning(db, &Q_CLOSED_REMOVE, DB_ARGS(DB_INT(id), DB_TEXT(day)), &got);
}

/* The rows of q (code, name_sv, name_en) as choices ended by an empty one. */
static int
choices_of(struct db *db, struct arena *a, struct dbq *q, struct choice **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, q, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct choice){arena_strdup(a, db_col_text(&c, 0)),
		                                 arena_strdup(a, db_col_text(&c, 1)),
		                                 arena_strdup(a, db_col_text(&c, 2)), 0};
	}
	db_done(&c);
	*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
	(*out)[*n] = (struct choice){0};
	return rc < 0 ? -1 : 0;
}

int
venue_price_categories(struct db *db, struct arena *a, struct choice **out, size_t *n)
{
	return choices_of(db, a, &Q_CATEGORIES, out, n);
}

int
venue_type_choices(struct db *db, struct arena *a, struct choice **out)
{
	size_t n;
	return choices_of(db, a, &Q_TYPES, out, &n);
}

int
venue_price_set(struct db *db, int64_t id, const char *category, int64_t per_hour)
{
	if (per_hour < 0)
		return db_exec(db, &Q_PRICE_REMOVE, DB_ARGS(DB_INT(id), DB_TEXT(category)));
	return db_exec(db, &Q_PRICE_SET, DB_ARGS(DB_INT(id), DB_TEXT(category), DB_INT(per_hour)));
}

int
venue_youth_share(struct db *db, int64_t department_id)
{
	return (int)db_int(db, &Q_YOUTH, DB_ARGS(DB_INT(department_id)), -1);
}

int
venue_youth_share_set(struct db *db, int64_t department_id, int share_pct)
{
	if (share_pct <= 0)
		return db_exec(db, &Q_YOUTH_REMOVE, DB_ARGS(DB_INT(department_id)));
	return db_exec(db, &Q_YOUTH_SET, DB_ARGS(DB_INT(department_id), DB_INT(share_pct)));
}
