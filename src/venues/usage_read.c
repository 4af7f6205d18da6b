/* The utilisation of venues over a period, in four statements whatever
 * the number of venues: the leaves the filters take with their bookable
 * hours, their closed days, the confirmed bookings summed per venue and
 * local day (with those reported not used), and the same summed per
 * weekday, start and length. The bookings are summed by the
 * database from one range of an index that holds every column they need
 * (bookings_usage, migration 030: status, start, venue, end, …), never
 * reading the table; what is left for C is at most a row per venue and
 * day, put into leaves (a whole's booking into each of its parts, as its
 * holds are), weeks, months, departments and areas here. Local days and hours are Stockholm's (the
 * TZ serve sets), reckoned alike on both engines (LOCAL). */
#include "venues/usage_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/days.h"

/* A time's local wall clock as seconds from 1970, so that / 86400 is the
 * local day's number and % 86400 the second of that day: the time plus
 * the zone's offset, which changes at most three times in a period of a
 * year (twice a year in Stockholm); the changes ($6–$8) and the four
 * offsets ($9–$12) are worked out in C (zone_changes), so the database
 * adds a number instead of converting each time of a million. */
#define LOCAL(x)                                                                                   \
	"(" x " + CASE WHEN " x " < $6 THEN CAST($9 AS BIGINT) WHEN " x " < $7 THEN CAST($10 AS "  \
	"BIGINT) WHEN " x " < $8 THEN CAST($11 AS BIGINT) ELSE CAST($12 AS BIGINT) END)"

/* The filters, bound last in every statement: department, area, type. */
#define FILTERS(n1, n2, n3)                                                                        \
	" AND (" n1 " = 0 OR v.department_id = " n1 ") AND (" n2 " = 0 OR v.area_id = " n2         \
	") AND (" n3 " = '' OR v.type = " n3 ")"

/* The leaves (venues without parts) with their hours, a row per weekday
 * open (a part without hours of its own has its whole's), each leaf's
 * rows together, by department and name. */
static struct dbq Q_LEAVES = {
        DB_PLAN_EACH
        "SELECT v.id, v.department_id, coalesce(v.area_id, 0), v.name, coalesce(w.name, ''), "
        "d.name_sv, d.name_en, coalesce(ar.name, ''), coalesce(h.weekday, 0), "
        "coalesce(h.opens, 0), coalesce(h.closes, 0), coalesce(v.parent_id, 0) FROM venues v "
        "JOIN departments d ON d.id = v.department_id LEFT JOIN areas ar ON ar.id = v.area_id "
        "LEFT JOIN venues w ON w.id = v.parent_id "
        "LEFT JOIN venue_hours h ON h.venue_id = CASE WHEN v.parent_id IS NOT NULL AND NOT "
        "EXISTS (SELECT 1 FROM venue_hours o WHERE o.venue_id = v.id) THEN v.parent_id "
        "ELSE v.id END "
        "WHERE v.active = 1 AND NOT EXISTS (SELECT 1 FROM venues p WHERE p.parent_id = "
        "v.id)" FILTERS("$1", "$2",
                        "$3") " ORDER BY d.name_sv, d.id, coalesce(w.sort_key, v.sort_key), "
                              "v.sort_key, v.id",
        NULL, 0};
/* The closed days of the period: a leaf's own and its whole's. */
static struct dbq Q_CLOSED = {
        DB_PLAN_EACH
        "SELECT v.id, c.day FROM venues v JOIN venue_closed c ON c.venue_id = v.id "
        "OR c.venue_id = v.parent_id WHERE c.day >= $1 AND c.day <= $2 AND v.active = 1" FILTERS(
                "$3", "$4", "$5"),
        NULL, 0};
/* The confirmed bookings of the period of the venues that may be booked,
 * by the covering index. */
#define BOOKED                                                                                     \
	" FROM bookings b JOIN venues v ON v.id = b.venue_id WHERE b.status = 'confirmed' "        \
	"AND b.starts >= $1 AND b.starts < $2 AND v.active = 1" FILTERS("$3", "$4", "$5")
/* The confirmed time per venue booked and local day of its start, and
 * how many of those bookings and how much of that time were reported not
 * used. */
static struct dbq Q_BOOKED = {
        DB_PLAN_EACH "SELECT b.venue_id, " LOCAL(
                "b.starts") " / 86400, sum(b.ends - b.starts), "
                            "sum(b.not_used), sum(b.not_used * (b.ends - b.starts))" BOOKED
                            " GROUP BY 1, 2",
        NULL, 0};
/* The confirmed time per local weekday (1 Monday; day 0 was a Thursday),
 * second of the day it starts and length, a whole's booking once per part
 * (k): few rows (times start on the hour or half hour and last an hour or
 * two), which C cuts into the hours of the day they cover. */
static struct dbq Q_CELLS = {
        DB_PLAN_EACH
        "SELECT (x.ls / 86400 + 3) % 7 + 1, x.ls % 86400, x.dur, sum(coalesce(k.n, 1)) "
        "FROM (SELECT b.venue_id, " LOCAL(
                "b.starts") " AS ls, b.ends - b.starts AS dur" BOOKED
                            ") x LEFT JOIN (SELECT parent_id, count(*) AS n FROM venues WHERE "
                            "parent_id IS NOT NULL "
                            "GROUP BY parent_id) k ON k.parent_id = x.venue_id GROUP BY 1, 2, 3",
        NULL, 0};

/* The number of a day YYYY-MM-DD counted from 1970-01-01 (proleptic
 * Gregorian; H. Hinnant's days_from_civil). */
static int64_t
day_number(const char *day)
{
	int64_t y = atoi(day), m = atoi(day + 5), d = atoi(day + 8);
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* An id with its place in u->venues, kept sorted for binary search. */
struct by_id {
	int64_t id;
	size_t at;
};

/* By id, for qsort and bsearch. */
static int
by_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;
	return (x > y) - (x < y);
}

/* The leaf of an id; NULL when the filters left it out or it is a whole. */
static struct usage_venue *
venue_of(struct usage *u, const struct by_id *index, int64_t id)
{
	struct by_id key = {id, 0};
	const struct by_id *f = bsearch(&key, index, u->nvenues, sizeof(*index), by_id_cmp);
	return f ? &u->venues[f->at] : NULL;
}

/* The leaves' places by their wholes' ids, in order (parts of a split
 * venue; the others have none). */
struct wholes {
	struct by_id *parts;
	size_t n;
};

/* Adds s seconds booked on day i to a leaf and its groups. */
static void
booked_add(struct usage *u, struct usage_venue *v, size_t i, const size_t *week,
           const size_t *month, int64_t s)
{
	struct usage_group *d = &u->depts[v->dept], *ar = &u->areas[v->area];
	v->booked += s;
	u->booked += s;
	d->booked_w[week[i]] += s, d->booked_m[month[i]] += s;
	ar->booked_w[week[i]] += s, ar->booked_m[month[i]] += s;
}

/* Adds the time a venue was booked on day i to the leaves it holds, a
 * leaf itself or each part of a whole, and what of it was not used to the
 * venue booked (a whole's to its first part's whole_unused). */
static void
booked_of(struct usage *u, const struct by_id *index, const struct wholes *w, struct dbcur *c,
          size_t i, const size_t *week, const size_t *month)
{
	int64_t id = db_col_int(c, 0), s = db_col_int(c, 2);
	int64_t nu = db_col_int(c, 3), su = db_col_int(c, 4);
	struct usage_venue *v = venue_of(u, index, id);
	if (v) {
		booked_add(u, v, i, week, month, s);
		v->unused[0] += nu, v->unused[1] += su;
		return;
	}
	size_t lo = 0, hi = w->n; /* the first part whose whole is id */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->parts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < w->n && w->parts[lo].id == id)
		u->venues[w->parts[lo].at].whole_unused[0] += nu,
		        u->venues[w->parts[lo].at].whole_unused[1] += su;
	for (; lo < w->n && w->parts[lo].id == id; lo++)
		booked_add(u, &u->venues[w->parts[lo].at], i, week, month, s);
}

/* The most not used first, then by name. */
static int
unused_cmp(const void *a, const void *b)
{
	const struct usage_unused *x = a, *y = b;
	if (x->count != y->count)
		return (x->count < y->count) - (x->count > y->count);
	int k = strcmp(*x->whole ? x->whole : x->name, *y->whole ? y->whole : y->name);
	return k ? k : strcmp(x->name, y->name);
}

/* The venues with bookings not used, a whole among them under its own
 * name. */
static void
unused_list(struct arena *a, struct usage *u)
{
	u->unused = arena_alloc(a, (2 * u->nvenues + 1) * sizeof(*u->unused));
	for (size_t i = 0; i < u->nvenues; i++) {
		const struct usage_venue *v = &u->venues[i];
		if (v->unused[0])
			u->unused[u->nunused++] = (struct usage_unused){
			        v->id, v->unused[0], v->unused[1], v->name, v->whole};
		if (v->whole_unused[0])
			u->unused[u->nunused++] = (struct usage_unused){
			        v->parent_id, v->whole_unused[0], v->whole_unused[1], v->whole, ""};
		u->unused_count += v->unused[0] + v->whole_unused[0];
		u->unused_secs += v->unused[1] + v->whole_unused[1];
	}
	if (u->nunused)
		qsort(u->unused, u->nunused, sizeof(*u->unused), unused_cmp);
}

/* A group's arrays, zero. */
static void
group_init(struct arena *a, struct usage *u, struct usage_group *g, int64_t id, const char *sv,
           const char *en)
{
	*g = (struct usage_group){id,
	                          sv,
	                          en,
	                          arena_zalloc(a, (u->nweeks + 1) * sizeof(int64_t)),
	                          arena_zalloc(a, (u->nweeks + 1) * sizeof(int64_t)),
	                          arena_zalloc(a, (u->nmonths + 1) * sizeof(int64_t)),
	                          arena_zalloc(a, (u->nmonths + 1) * sizeof(int64_t))};
}

/* Areas by name, the venues without one last. */
static int
area_cmp(const void *a, const void *b)
{
	const struct usage_group *x = a, *y = b;
	if (!x->id != !y->id) /* the venues without an area last */
		return !x->id - !y->id;
	return strcmp(x->name_sv, y->name_sv);
}

/* Reads the leaves and their hours, and makes the department groups (the
 * leaves come by department) and the area groups. */
static int
leaves_read(struct db *db, struct arena *a, const struct usage_query *q, struct usage *u)
{
	struct dbcur c;
	size_t cap = 0, dcap = 0, acap = 0;
	if (db_query(db, &c, &Q_LEAVES,
	             DB_ARGS(DB_INT(q->department_id), DB_INT(q->area_id),
	                     DB_TEXT(q->type ? q->type : ""))) != DB_OK)
		return -1;
	int rc;
	struct usage_venue *v = NULL;
	while ((rc = db_next(&c)) > 0) {
		int64_t id = db_col_int(&c, 0);
		if (!v || v->id != id) {
			u->venues = arena_grow(a, u->venues, u->nvenues, &cap, sizeof(*u->venues));
			v = &u->venues[u->nvenues++];
			memset(v, 0, sizeof(*v));
			v->id = id;
			v->department_id = db_col_int(&c, 1);
			v->area_id = db_col_int(&c, 2);
			v->name = arena_strdup(a, db_col_text(&c, 3));
			v->whole = arena_strdup(a, db_col_text(&c, 4));
			v->parent_id = db_col_int(&c, 11);
			v->closed = arena_zalloc(a, u->ndays + 1);
			if (!u->ndepts || u->depts[u->ndepts - 1].id != v->department_id) {
				u->depts = arena_grow(a, u->depts, u->ndepts, &dcap,
				                      sizeof(*u->depts));
				group_init(a, u, &u->depts[u->ndepts++], v->department_id,
				           arena_strdup(a, db_col_text(&c, 5)),
				           arena_strdup(a, db_col_text(&c, 6)));
			}
			v->dept = u->ndepts - 1;
			size_t k = 0;
			while (k < u->nareas && u->areas[k].id != v->area_id)
				k++;
			if (k == u->nareas) {
				u->areas = arena_grow(a, u->areas, u->nareas, &acap,
				                      sizeof(*u->areas));
				const char *name = arena_strdup(a, db_col_text(&c, 7));
				group_init(a, u, &u->areas[u->nareas++], v->area_id,
				           v->area_id ? name : "Inget område",
				           v->area_id ? name : "No area");
			}
		}
		int wd = (int)db_col_int(&c, 8);
		if (wd >= 1 && wd <= 7) {
			v->opens[wd] = (int)db_col_int(&c, 9);
			v->closes[wd] = (int)db_col_int(&c, 10);
		}
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	if (u->nareas)
		qsort(u->areas, u->nareas, sizeof(*u->areas), area_cmp);
	for (size_t i = 0; i < u->nvenues; i++)
		for (size_t k = 0; k < u->nareas; k++)
			if (u->areas[k].id == u->venues[i].area_id)
				u->venues[i].area = k;
	return 0;
}

/* The days of the period: each one's weekday, week and month, and the
 * weeks' and months' labels. */
static void
days_make(struct arena *a, const struct usage_query *q, struct usage *u, int *wd, size_t *week,
          size_t *month)
{
	u->weeks = arena_alloc(a, (u->ndays / 7 + 2) * sizeof(*u->weeks));
	u->months = arena_alloc(a, (u->ndays / 28 + 2) * sizeof(*u->months));
	char day[11];
	snprintf(day, sizeof(day), "%s", q->from);
	for (size_t i = 0; i < u->ndays; i++) {
		char w[9];
		iso_week_of(day, w);
		if (!u->nweeks || strcmp(u->weeks[u->nweeks - 1], w) != 0)
			u->weeks[u->nweeks++] = arena_strdup(a, w);
		if (!u->nmonths || strncmp(u->months[u->nmonths - 1], day, 7) != 0)
			u->months[u->nmonths++] = arena_printf(a, "%.7s", day);
		wd[i] = day_weekday(day);
		week[i] = u->nweeks - 1;
		month[i] = u->nmonths - 1;
		day_add(day, 1, day);
	}
}

/* Each open day of each leaf, not closed: its bookable time, to the
 * leaf, its department and area in the day's week and month, and to the
 * hours of the weekday. */
static void
bookable_sum(struct usage *u, const int *wd, const size_t *week, const size_t *month)
{
	for (size_t k = 0; k < u->nvenues; k++) {
		struct usage_venue *v = &u->venues[k];
		struct usage_group *d = &u->depts[v->dept], *ar = &u->areas[v->area];
		for (size_t i = 0; i < u->ndays; i++) {
			int o = v->opens[wd[i]], c = v->closes[wd[i]];
			if (v->closed[i] || c <= o)
				continue;
			int64_t s = (int64_t)(c - o) * 60;
			v->bookable += s;
			d->bookable_w[week[i]] += s, d->bookable_m[month[i]] += s;
			ar->bookable_w[week[i]] += s, ar->bookable_m[month[i]] += s;
			for (int h = o / 60; h < 24 && h * 60 < c; h++) {
				int from = o > h * 60 ? o : h * 60,
				    to = c < h * 60 + 60 ? c : h * 60 + 60;
				u->cell_bookable[wd[i]][h] += (int64_t)(to - from) * 60;
			}
		}
		u->bookable += v->bookable;
	}
}

/* The zone's offset from UTC at t, in seconds. */
static int64_t
offset_at(int64_t t)
{
	time_t x = (time_t)t;
	struct tm tm;
	localtime_r(&x, &tm);
	return (int64_t)tm.tm_gmtoff;
}

/* Where the offset changes in [from, to) and the offsets before, between
 * and after, for LOCAL: found by the offset at each day's step and a
 * binary search between two that differ. More than three changes in a
 * year no zone has. */
static void
zone_changes(int64_t from, int64_t to, int64_t at[3], int64_t off[4])
{
	int n = 0;
	off[0] = offset_at(from);
	for (int k = 0; k < 3; k++)
		at[k] = INT64_MAX;
	for (int64_t t = from; t < to && n < 3; t += 86400) {
		int64_t next = t + 86400 < to ? t + 86400 : to;
		if (offset_at(next) == off[n])
			continue;
		int64_t lo = t, hi = next; /* off[n] at lo, another at hi */
		while (hi - lo > 1) {
			int64_t mid = lo + (hi - lo) / 2;
			if (offset_at(mid) == off[n])
				lo = mid;
			else
				hi = mid;
		}
		at[n] = hi;
		off[n + 1] = offset_at(hi);
		n++;
	}
	for (int k = n + 1; k < 4; k++)
		off[k] = off[n];
}

/* Cuts a row of Q_CELLS (count holds of a weekday from second start for
 * dur seconds) into the hours it covers, up to midnight. */
static void
cells_add(struct usage *u, int64_t wd, int64_t start, int64_t dur, int64_t count)
{
	if (wd < 1 || wd > 7 || start < 0)
		return;
	for (int64_t h = start / 3600; h < 24 && h * 3600 < start + dur; h++) {
		int64_t a = start > h * 3600 ? start : h * 3600;
		int64_t b = start + dur < h * 3600 + 3600 ? start + dur : h * 3600 + 3600;
		u->cell_booked[wd][h] += (b - a) * count;
	}
}

/* The arguments of Q_BOOKED and Q_CELLS, in usage_read. */
#define LOCAL_ARGS                                                                                 \
	DB_ARGS(DB_INT(from), DB_INT(to), DB_INT(q->department_id), DB_INT(q->area_id),            \
	        DB_TEXT(type), DB_INT(at[0]), DB_INT(at[1]), DB_INT(at[2]), DB_INT(off[0]),        \
	        DB_INT(off[1]), DB_INT(off[2]), DB_INT(off[3]))

/* Reads the leaves, their closed days, what was booked and reported not
 * used, and sums them per day, week, month, group and hour. */
int
usage_read(struct db *db, struct arena *a, const struct usage_query *q, struct usage *u)
{
	memset(u, 0, sizeof(*u));
	int64_t d0 = day_number(q->from);
	u->ndays = (size_t)(day_number(q->to) - d0 + 1);
	int *wd = arena_alloc(a, u->ndays * sizeof(*wd));
	size_t *week = arena_alloc(a, u->ndays * sizeof(*week));
	size_t *month = arena_alloc(a, u->ndays * sizeof(*month));
	days_make(a, q, u, wd, week, month);
	if (leaves_read(db, a, q, u) != 0)
		return -1;
	struct by_id *index = arena_alloc(a, (u->nvenues + 1) * sizeof(*index));
	for (size_t i = 0; i < u->nvenues; i++)
		index[i] = (struct by_id){u->venues[i].id, i};
	if (u->nvenues)
		qsort(index, u->nvenues, sizeof(*index), by_id_cmp);
	struct wholes w = {arena_alloc(a, (u->nvenues + 1) * sizeof(*w.parts)), 0};
	for (size_t i = 0; i < u->nvenues; i++)
		if (u->venues[i].parent_id)
			w.parts[w.n++] = (struct by_id){u->venues[i].parent_id, i};
	if (w.n)
		qsort(w.parts, w.n, sizeof(*w.parts), by_id_cmp);
	const char *type = q->type ? q->type : "";
	char end[11];
	day_add(q->to, 1, end);
	int64_t from = local_time(q->from, 0), to = local_time(end, 0);

	struct dbcur c;
	int rc;
	if (db_query(db, &c, &Q_CLOSED,
	             DB_ARGS(DB_TEXT(q->from), DB_TEXT(q->to), DB_INT(q->department_id),
	                     DB_INT(q->area_id), DB_TEXT(type))) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0) {
		struct usage_venue *v = venue_of(u, index, db_col_int(&c, 0));
		int64_t i = day_number(db_col_text(&c, 1)) - d0;
		if (v && i >= 0 && (size_t)i < u->ndays)
			v->closed[i] = 1;
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	bookable_sum(u, wd, week, month);

	int64_t at[3], off[4];
	zone_changes(from, to, at, off);
	if (db_query(db, &c, &Q_BOOKED, LOCAL_ARGS) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0) {
		int64_t i = db_col_int(&c, 1) - d0;
		if (i >= 0 && (size_t)i < u->ndays)
			booked_of(u, index, &w, &c, (size_t)i, week, month);
	}
	db_done(&c);
	if (rc < 0)
		return -1;

	if (db_query(db, &c, &Q_CELLS, LOCAL_ARGS) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0)
		cells_add(u, db_col_int(&c, 0), db_col_int(&c, 1), db_col_int(&c, 2),
		          db_col_int(&c, 3));
	db_done(&c);
	if (rc < 0)
		return -1;

	unused_list(a, u);
	return 0;
}
