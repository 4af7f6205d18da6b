/* Bookings and the time they hold. Never double-booked is the database's
 * promise, not the page's: on PostgreSQL the exclusion constraint of
 * venue_holds refuses an overlapping hold of one leaf whatever the
 * isolation; on SQLite the booking's transaction began with BEGIN
 * IMMEDIATE (db_begin), so no other writer runs between the check here
 * and the insert. */
#include "venues/booking.h"
#include "venues/venue.h"
#include "venues/watch.h"

#include <string.h>

static const char *const status_codes[] = {"pending", "confirmed", "declined", "cancelled"};

/* An overlap of [$2, $3) on one leaf: a hold starts before the end and
 * ends after the start; a hold lasts at most a day, so only those that
 * start within a day before need reading (venue_holds_leaf). */
static struct dbq Q_TAKEN = {
        "SELECT booking_id FROM venue_holds WHERE leaf_id = $1 AND starts < $3 "
        "AND starts > CAST($2 AS BIGINT) - 86400 AND ends > $2 LIMIT 1",
        NULL, 0};
static struct dbq Q_INSERT = {
        "INSERT INTO bookings (venue_id, association_id, booked_by, series_id, case_id, starts, "
        "ends, status, category, price, activity, participants, youth, show_name, at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        NULL, 0};
static struct dbq Q_SERIES = {
        "INSERT INTO booking_series (venue_id, association_id, weekday, starts_min, ends_min, "
        "first_day, last_day, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        NULL, 0};
static struct dbq Q_HOLD = {
        "INSERT INTO venue_holds (booking_id, leaf_id, starts, ends) VALUES ($1, $2, $3, $4)", NULL,
        0};
static struct dbq Q_SET_STATUS = {
        "UPDATE bookings SET status = $2, late = $3, "
        "cancelled_at = CASE WHEN $2 = 'cancelled' THEN $4 ELSE cancelled_at END "
        "WHERE id = $1 RETURNING id",
        NULL, 0};
static struct dbq Q_UNHOLD = {"DELETE FROM venue_holds WHERE booking_id = $1", NULL, 0};
/* The times a booking, or a case's pending bookings, hold. */
static struct dbq Q_TIME = {"SELECT venue_id, starts, ends FROM bookings WHERE id = $1", NULL, 0};
static struct dbq Q_CASE_PENDING = {
        "SELECT venue_id, starts, ends FROM bookings WHERE case_id = $1 AND status = 'pending'",
        NULL, 0};
/* On PostgreSQL the booked venue's row is locked before its leaves are
 * read, in the mode the foreign keys take anyway: a venue being split
 * (venues/manage.c locks it FOR UPDATE) waits for the booking, or the
 * booking for the split and then reads the new leaves. */
static struct dbq Q_LOCK_VENUE = {"SELECT id FROM venues WHERE id = $1 FOR KEY SHARE", NULL, 0};
/* The names come by primary key for each booking, not by a join: a week
 * is a few dozen bookings, and PostgreSQL's planner, estimating the ranges
 * loosely, would otherwise hash whole tables of associations and venues. */
#define BOOKING_COLS                                                                               \
	"b.id, b.venue_id, b.association_id, coalesce(b.booked_by, 0), "                           \
	"coalesce(b.series_id, 0), coalesce(b.case_id, 0), b.starts, b.ends, b.status, "           \
	"b.category, b.price, b.activity, b.participants, b.youth, b.show_name, b.late, "          \
	"(SELECT name FROM associations WHERE id = b.association_id), "                            \
	"(SELECT name FROM venues WHERE id = b.venue_id), "                                        \
	"(SELECT address FROM venues WHERE id = b.venue_id), b.not_used FROM bookings b "
/* The bookings of up to ten venues (a venue, its whole and its parts);
 * unused places are bound to 0, which no venue has. */
#define RANGE_WHERE(status)                                                                        \
	"WHERE b.venue_id IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AND b.starts < $12 "        \
	"AND b.starts > CAST($11 AS BIGINT) - 86400 AND b.ends > $11 AND " status                  \
	" IN ('pending', 'confirmed') ORDER BY b.starts, b.id"
/* SQLite without ANALYZE's statistics took bookings_usage (status,
 * starts, …) for this and read every venue's bookings of the week, 2 ms
 * at a million bookings; the unary plus (SQLite's way to say "not from an
 * index") leaves it the venues' own index. PostgreSQL has no unary plus
 * for text and plans from its statistics. */
static struct dbq Q_RANGE = {"SELECT " BOOKING_COLS RANGE_WHERE("+b.status"),
                             "SELECT " BOOKING_COLS RANGE_WHERE("b.status"), 0};
static struct dbq Q_GET = {"SELECT " BOOKING_COLS "WHERE b.id = $1", NULL, 0};
static struct dbq Q_OF_CASE = {
        "SELECT " BOOKING_COLS "WHERE b.case_id = $1 ORDER BY b.starts, b.id", NULL, 0};
static struct dbq Q_REPRESENTED = {
        "SELECT " BOOKING_COLS "JOIN user_roles u ON u.association_id = b.association_id "
        "AND u.user_id = $1 AND u.role = 'representative' WHERE b.ends > $2 "
        "ORDER BY b.starts, b.id LIMIT 300",
        NULL, 0};
static struct dbq Q_SETTLE = {
        "UPDATE bookings SET status = $2 WHERE case_id = $1 AND status = 'pending'", NULL, 0};
static struct dbq Q_UNHOLD_CASE = {
        "DELETE FROM venue_holds WHERE booking_id IN (SELECT id FROM bookings "
        "WHERE case_id = $1 AND status = 'declined')",
        NULL, 0};

const char *
booking_status_code(enum booking_status s)
{
	return status_codes[s];
}

enum booking_status
booking_status_of(const char *code)
{
	for (size_t i = 0; i < sizeof status_codes / sizeof *status_codes; i++)
		if (code && strcmp(code, status_codes[i]) == 0)
			return (enum booking_status)i;
	return BOOKING_CANCELLED;
}

/* The first hold of any of the leaves that overlaps: its booking's id, 0
 * for none, -1 on error. */
static int64_t
first_overlap(struct db *db, const int64_t *leaves, size_t n, int64_t starts, int64_t ends)
{
	for (size_t i = 0; i < n; i++) {
		int64_t by = db_int(db, &Q_TAKEN,
		                    DB_ARGS(DB_INT(leaves[i]), DB_INT(starts), DB_INT(ends)), 0);
		if (by != 0)
			return by;
	}
	return 0;
}

int
booking_free(struct db *db, int64_t venue_id, int64_t starts, int64_t ends, int64_t *by)
{
	int64_t leaves[VENUE_MAX_PARTS];
	size_t n;
	if (venue_leaves(db, venue_id, leaves, &n) != 0)
		return -1;
	int64_t id = first_overlap(db, leaves, n, starts, ends);
	if (by)
		*by = id;
	return id < 0 ? -1 : id == 0;
}

int
booking_insert(struct db *db, const struct booking_new *b, int64_t *id)
{
	int64_t leaves[VENUE_MAX_PARTS];
	size_t n;
	if (db_kind(db) == DB_PG && db_int(db, &Q_LOCK_VENUE, DB_ARGS(DB_INT(b->venue_id)), 0) == 0)
		return DB_ERROR;
	if (venue_leaves(db, b->venue_id, leaves, &n) != 0)
		return DB_ERROR;
	if (db_kind(db) == DB_SQLITE) {
		int64_t by = first_overlap(db, leaves, n, b->starts, b->ends);
		if (by != 0)
			return by < 0 ? DB_ERROR : DB_CONSTRAINT;
	}
	struct dbval v[] = {DB_INT(b->venue_id),
	                    DB_INT(b->association_id),
	                    b->booked_by ? DB_INT(b->booked_by) : DB_NULLV,
	                    b->series_id ? DB_INT(b->series_id) : DB_NULLV,
	                    b->case_id ? DB_INT(b->case_id) : DB_NULLV,
	                    DB_INT(b->starts),
	                    DB_INT(b->ends),
	                    DB_TEXT(booking_status_code(b->status)),
	                    DB_TEXT(b->category),
	                    DB_INT(b->price),
	                    DB_TEXT(b->activity),
	                    DB_INT(b->participants),
	                    DB_INT(b->youth),
	                    DB_INT(b->show_name),
	                    DB_INT(b->at)};
	int rc = db_returning(db, &Q_INSERT, v, (int)(sizeof v / sizeof *v), id);
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		rc = db_exec(db, &Q_HOLD,
		             DB_ARGS(DB_INT(*id), DB_INT(leaves[i]), DB_INT(b->starts),
		                     DB_INT(b->ends)));
	return rc;
}

int
booking_series_insert(struct db *db, int64_t venue_id, int64_t association_id, int weekday,
                      int from, int to, const char *first, const char *last, int64_t at,
                      int64_t *id)
{
	return db_returning(db, &Q_SERIES,
	                    DB_ARGS(DB_INT(venue_id), DB_INT(association_id), DB_INT(weekday),
	                            DB_INT(from), DB_INT(to), DB_TEXT(first), DB_TEXT(last),
	                            DB_INT(at)),
	                    id);
}

/* The venue and time of each row of q, at most max: their number, or -1. */
static int
times_of(struct db *db, struct dbq *q, int64_t id, int64_t (*t)[3], int max)
{
	struct dbcur c;
	if (db_query(db, &c, q, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int n = 0, rc;
	while ((rc = db_next(&c)) > 0 && n < max) {
		t[n][0] = db_col_int(&c, 0);
		t[n][1] = db_col_int(&c, 1);
		t[n++][2] = db_col_int(&c, 2);
	}
	db_done(&c);
	return rc < 0 ? -1 : n;
}

/* Tells the watches the times freed may satisfy. */
static int
released(struct db *db, int64_t (*t)[3], int n)
{
	for (int i = 0; i < n; i++)
		if (watches_released(db, t[i][0], t[i][1], t[i][2]) != 0)
			return DB_ERROR;
	return DB_OK;
}

int
booking_set_status(struct db *db, int64_t id, enum booking_status to, int late, int64_t at)
{
	int64_t got, t[1][3] = {{0}};
	int n = times_of(db, &Q_TIME, id, t, 1);
	if (n < 0)
		return DB_ERROR;
	int rc = db_returning(
	        db, &Q_SET_STATUS,
	        DB_ARGS(DB_INT(id), DB_TEXT(booking_status_code(to)), DB_INT(late), DB_INT(at)),
	        &got);
	if (rc == DB_OK && (to == BOOKING_DECLINED || to == BOOKING_CANCELLED)) {
		rc = db_exec(db, &Q_UNHOLD, DB_ARGS(DB_INT(id)));
		if (rc == DB_OK)
			rc = released(db, t, n);
	}
	return rc;
}

/* One row of BOOKING_COLS as a booking. */
static void
row_to_booking(struct dbcur *c, struct arena *a, struct booking *b)
{
	b->id = db_col_int(c, 0);
	b->venue_id = db_col_int(c, 1);
	b->association_id = db_col_int(c, 2);
	b->booked_by = db_col_int(c, 3);
	b->series_id = db_col_int(c, 4);
	b->case_id = db_col_int(c, 5);
	b->starts = db_col_int(c, 6);
	b->ends = db_col_int(c, 7);
	b->status = booking_status_of(db_col_text(c, 8));
	b->category = arena_strdup(a, db_col_text(c, 9));
	b->price = db_col_int(c, 10);
	b->activity = arena_strdup(a, db_col_text(c, 11));
	b->participants = (int)db_col_int(c, 12);
	b->youth = (int)db_col_int(c, 13);
	b->show_name = (int)db_col_int(c, 14);
	b->late = (int)db_col_int(c, 15);
	b->association = arena_strdup(a, db_col_text(c, 16));
	b->venue = arena_strdup(a, db_col_text(c, 17));
	b->venue_address = arena_strdup(a, db_col_text(c, 18));
	b->not_used = (int)db_col_int(c, 19);
}

/* The bookings a query of BOOKING_COLS lists. */
static int
list(struct db *db, struct arena *a, struct dbq *q, const struct dbval *args, int nargs,
     struct booking **out, size_t *n)
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
		row_to_booking(&c, a, &(*out)[(*n)++]);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

int
booking_of_case(struct db *db, struct arena *a, int64_t case_id, struct booking **out, size_t *n)
{
	return list(db, a, &Q_OF_CASE, DB_ARGS(DB_INT(case_id)), out, n);
}

int
booking_represented(struct db *db, struct arena *a, int64_t user_id, int64_t since,
                    struct booking **out, size_t *n)
{
	return list(db, a, &Q_REPRESENTED, DB_ARGS(DB_INT(user_id), DB_INT(since)), out, n);
}

int
booking_settle_case(struct db *db, int64_t case_id, enum booking_status to)
{
	/* a request's times: a year of weeks, five times a week at most */
	enum { MAX = 5 * 54 };
	int64_t t[MAX][3] = {{0}};
	int n = to == BOOKING_DECLINED ? times_of(db, &Q_CASE_PENDING, case_id, t, MAX) : 0;
	if (n < 0)
		return DB_ERROR;
	int rc = db_exec(db, &Q_SETTLE, DB_ARGS(DB_INT(case_id), DB_TEXT(booking_status_code(to))));
	if (rc == DB_OK && to == BOOKING_DECLINED)
		rc = db_exec(db, &Q_UNHOLD_CASE, DB_ARGS(DB_INT(case_id)));
	return rc == DB_OK ? released(db, t, n) : rc;
}

int
booking_range(struct db *db, struct arena *a, const int64_t *venues, size_t nvenues, int64_t from,
              int64_t to, struct booking **out, size_t *n)
{
	struct dbval v[12];
	for (size_t i = 0; i < 10; i++)
		v[i] = DB_INT(i < nvenues ? venues[i] : 0);
	v[10] = DB_INT(from);
	v[11] = DB_INT(to);
	return list(db, a, &Q_RANGE, v, 12, out, n);
}

int
booking_get(struct db *db, struct arena *a, int64_t id, struct booking *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_GET, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		row_to_booking(&c, a, out);
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}
