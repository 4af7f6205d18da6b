/* A benchmark's venues and bookings (`samverka demo --venues N --bookings
 * M`): venues generated after the named ones, every fifth sports hall
 * split in two halves, until there are N; then bookings until there are
 * M, spread over the bookable hours of two years around the season, some
 * venues three times as busy as others and one in twenty-five six times,
 * closed days skipped. Each bookable day of a venue is cut into as many
 * segments as it gets bookings and each booking lies in its own segment
 * (for a split hall either the whole or both halves, each in the
 * segment), so no leaf is held twice without a check per booking. Four
 * weeks of bookings at a time are sorted by venue and time, which keeps
 * each index's pages together, and stored with their holds five thousand
 * a statement as JSON arrays of rows (jsonb on PostgreSQL, parsed once a
 * row), with ids given here so each hold knows its booking: one statement
 * a row would take PostgreSQL minutes for a million. PostgreSQL's
 * exclusion constraint still refuses any overlap; on SQLite one query
 * over the new holds checks it before the transaction commits. */
#include "base/buf.h"
#include "base/days.h"
#include "base/esc.h"
#include "demo/demo.h"
#include "demo/venue_kinds.h"
#include "venues/booking.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Bookings are made a window of days at a time and stored sorted by
 * venue and time, BULK_ROWS a statement. */
enum { BULK_ROWS = 5000, SPAN_DAYS = 728, WINDOW_DAYS = 28 };

static struct dbq Q_VENUES = {"SELECT count(*) FROM venues", NULL, 0};
static struct dbq Q_LAST_VENUE = {"SELECT coalesce(max(id), 0) FROM venues", NULL, 0};
static struct dbq Q_BOOKINGS = {"SELECT count(*) FROM bookings", NULL, 0};
static struct dbq Q_LAST_BOOKING = {"SELECT coalesce(max(id), 0) FROM bookings", NULL, 0};
static struct dbq Q_FAMILIES = {
        "SELECT id, coalesce(parent_id, 0), department_id, type, approval, cancel_hours "
        "FROM venues WHERE active = 1 ORDER BY id",
        NULL, 0};
static struct dbq Q_HOURS = {"SELECT venue_id, weekday, opens, closes FROM venue_hours", NULL, 0};
static struct dbq Q_PRICES = {"SELECT venue_id, category, per_hour FROM venue_prices", NULL, 0};
static struct dbq Q_CLOSED = {"SELECT venue_id, day FROM venue_closed", NULL, 0};
/* Venues booked already (the named demo's season) are left as they are. */
static struct dbq Q_BOOKED = {"SELECT DISTINCT venue_id FROM bookings", NULL, 0};
static struct dbq Q_RULES = {"SELECT department_id, share_pct FROM venue_youth_rules", NULL, 0};
static struct dbq Q_ASSOCS = {
        "SELECT id, coalesce(members, 0), coalesce(youth_members, 0) FROM associations "
        "WHERE active = 1 ORDER BY id",
        NULL, 0};
static struct dbq Q_BULK_BOOKINGS = {
        "INSERT INTO bookings (id, venue_id, association_id, starts, ends, status, category, "
        "price, activity, participants, youth, show_name, late, cancelled_at, at) SELECT "
        "value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, "
        "value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, "
        "value ->> 12, nullif(value ->> 13, 0), value ->> 14 FROM json_each($1)",
        "INSERT INTO bookings (id, venue_id, association_id, starts, ends, status, category, "
        "price, activity, participants, youth, show_name, late, cancelled_at, at) SELECT "
        "(e ->> 0)::bigint, (e ->> 1)::bigint, (e ->> 2)::bigint, (e ->> 3)::bigint, "
        "(e ->> 4)::bigint, e ->> 5, e ->> 6, (e ->> 7)::bigint, e ->> 8, (e ->> 9)::integer, "
        "(e ->> 10)::integer, (e ->> 11)::integer, (e ->> 12)::integer, "
        "nullif((e ->> 13)::bigint, 0), (e ->> 14)::bigint FROM jsonb_array_elements($1::jsonb) e",
        0};
static struct dbq Q_BULK_HOLDS = {
        "INSERT INTO venue_holds (booking_id, leaf_id, starts, ends) SELECT value ->> 0, "
        "value ->> 1, value ->> 2, value ->> 3 FROM json_each($1)",
        "INSERT INTO venue_holds (booking_id, leaf_id, starts, ends) SELECT (e ->> 0)::bigint, "
        "(e ->> 1)::bigint, (e ->> 2)::bigint, (e ->> 3)::bigint "
        "FROM jsonb_array_elements($1::jsonb) e",
        0};
/* The ids given here move PostgreSQL's identity on. */
static struct dbq Q_IDENTITY = {
        "SELECT 1",
        "SELECT setval(pg_get_serial_sequence('bookings', 'id'), (SELECT max(id) FROM bookings))",
        0};
/* SQLite's page cache, which a million bookings' indexes outgrow: the
 * load keeps 256 MiB of pages (a fifth of the time on this machine) and
 * gives back what it was after. */
static struct dbq Q_CACHE = {"PRAGMA cache_size", "SELECT 0", 0};
/* Two holds of one leaf that overlap, among those from booking $1 on. */
static struct dbq Q_OVERLAPS = {
        "SELECT count(*) FROM venue_holds h JOIN venue_holds o ON o.leaf_id = h.leaf_id "
        "AND o.starts < h.ends AND o.starts > h.starts - 86400 AND o.ends > h.starts "
        "AND o.booking_id <> h.booking_id WHERE h.booking_id >= $1",
        NULL, 0};

static const struct {
	const char *type, *word;
	int capacity, approval;
	const char *activities[4];
} kinds[] = {
        {"idrottshall",
         "idrottshall",
         200,
         1,
         {"Innebandyträning", "Basketträning", "Handbollsträning", "Futsal"}},
        {"gymnastiksal",
         "gymnastiksal",
         50,
         1,
         {"Gympa för barn", "Dansträning", "Yoga", "Boxning"}},
        {"moteslokal",
         "möteslokal",
         30,
         0,
         {"Styrelsemöte", "Studiecirkel", "Läxhjälp", "Språkcafé"}},
        {"samlingssal",
         "samlingssal",
         120,
         1,
         {"Årsmöte", "Föreläsning", "Konsert", "Medlemsfest"}},
        {"replokal", "replokal", 8, 0, {"Bandrepetition", "Körövning", "Inspelning", "Workshop"}},
};

/* A venue and its parts, as the generator books them. */
struct family {
	int64_t id, parts[2], dept;
	int nparts, kind, approval, cancel_hours, weight; /* weight 0: booked already */
	int opens[8], closes[8];
	int64_t price[2][3]; /* whole, part × ordinary, association, youth; -1: none */
	double acc;
	unsigned char closed[SPAN_DAYS / 8 + 1];
};

struct assoc {
	int64_t id, members, youth;
};

/* A booking made and not yet stored. */
struct made {
	int64_t venue, assoc, starts, ends, price, cancelled, at;
	int fam, part; /* part -1: the whole */
	int status, category, activity, participants, youth, show_name, late;
};

struct gen {
	struct db *db;
	struct family *fam;
	size_t nfam;
	int *fam_of; /* venue id → family index, -1 */
	int64_t nids;
	struct assoc *assocs;
	size_t nassocs;
	int64_t rule_dept[16];
	int rule_pct[16], nrules;
	char first[11];
	int64_t now, first_id, next_id, left, made;
	struct made *made_rows; /* the window's, stored sorted */
	size_t nmade, capmade;
	struct buf rows, holds;
	int nrows, nholds;
	FILE *progress;
};

/* A pseudo-random number of three (splitmix64 of their mix). */
static uint64_t
mix(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t z = a * 0x9e3779b97f4a7c15ULL ^
	             (b + 0x632be59bd9b4e5f5ULL) * 0xbf58476d1ce4e5b9ULL ^
	             (c + 1) * 0x94d049bb133111ebULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Days since 1970-01-01 of a YYYY-MM-DD. */
static int64_t
civil_days(const char *day)
{
	int y = atoi(day), m = atoi(day + 5), d = atoi(day + 8);
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The index of a kind by its type code (0 for an unknown one). */
static int
kind_index(const char *type)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i].type, type) == 0)
			return (int)i;
	return 0;
}

/* Generated venues until there are n: halls, gyms, meeting rooms,
 * assembly halls and rehearsal rooms across the areas, every fifth hall
 * split, with the holidays closed. */
static int
make_venues(struct db *db, const int64_t *area_ids, long n, int year)
{
	int64_t have = db_int(db, &Q_VENUES, DB_NOARGS, -1);
	if (have < 0)
		return -1;
	if (have >= n)
		return 0;
	int64_t first = db_int(db, &Q_LAST_VENUE, DB_NOARGS, 0) + 1, now = (int64_t)time(NULL);
	size_t na = demo_area_count();
	static const int pick[20] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4};
	for (long i = 0; have < n; i++) {
		int k = pick[i % 20];
		int split = k == 0 && i % 5 == 0 && n - have >= 3;
		char name[160];
		snprintf(name, sizeof name, "%s %s %ld", demo_areas[i % (long)na], kinds[k].word,
		         i + 1);
		struct venue_seed s = {.name = name,
		                       .type = kinds[k].type,
		                       .dept = k == 2 && i % 3 == 0 ? "KUL" : "FRI",
		                       .area_id = area_ids[i % (long)na],
		                       .capacity = kinds[k].capacity,
		                       .step_free = i % 3 != 0,
		                       .accessible_toilet = i % 4 != 0,
		                       .hearing_loop = i % 5 == 0,
		                       .lift = i % 7 == 0,
		                       .approval = kinds[k].approval,
		                       .cancel_hours = kinds[k].approval ? 48 : 24};
		int64_t whole;
		if (venue_seed_store(db, &s, now, &whole) != DB_OK)
			return -1;
		have++;
		for (int p = 0; split && p < 2; p++) {
			char part[170];
			snprintf(part, sizeof part, "%s %c", name, 'A' + p);
			struct venue_seed ps = s;
			ps.name = part;
			ps.parent_id = whole;
			ps.capacity = s.capacity / 2;
			int64_t id;
			if (venue_seed_store(db, &ps, now, &id) != DB_OK)
				return -1;
			have++;
		}
	}
	return venue_holidays_store(db, first, year) == DB_OK ? 0 : -1;
}

/* Reads the venues, their hours, prices and closed days, the youth rules
 * and the associations into g: 0, or -1. */
static int
read_world(struct gen *g)
{
	struct dbcur c;
	int rc;
	g->nids = db_int(g->db, &Q_LAST_VENUE, DB_NOARGS, 0) + 1;
	g->fam_of = xmalloc((size_t)g->nids * sizeof *g->fam_of);
	for (int64_t i = 0; i < g->nids; i++)
		g->fam_of[i] = -1;
	size_t cap = 0;
	if (db_query(g->db, &c, &Q_FAMILIES, DB_NOARGS) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0) {
		int64_t id = db_col_int(&c, 0), parent = db_col_int(&c, 1);
		if (id >= g->nids)
			continue;
		if (parent) {
			int f = parent < g->nids ? g->fam_of[parent] : -1;
			if (f >= 0 && g->fam[f].nparts < 2) {
				g->fam[f].parts[g->fam[f].nparts++] = id;
				g->fam_of[id] = f;
			}
			continue;
		}
		if (g->nfam == cap)
			g->fam = xrealloc(g->fam, (cap = cap ? cap * 2 : 256) * sizeof *g->fam);
		struct family *f = &g->fam[g->nfam];
		memset(f, 0, sizeof *f);
		f->id = id;
		f->dept = db_col_int(&c, 2);
		f->kind = kind_index(db_col_text(&c, 3));
		f->approval = (int)db_col_int(&c, 4);
		f->cancel_hours = (int)db_col_int(&c, 5);
		uint64_t r = mix((uint64_t)id, 7, 7);
		f->weight = r % 25 == 0 ? 6 : 1 + (int)(r % 3);
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 3; k++)
				f->price[p][k] = -1;
		g->fam_of[id] = (int)g->nfam++;
	}
	db_done(&c);
	if (rc < 0 || db_query(g->db, &c, &Q_HOURS, DB_NOARGS) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0) {
		int64_t id = db_col_int(&c, 0), d = db_col_int(&c, 1);
		int f = id < g->nids ? g->fam_of[id] : -1;
		if (f >= 0 && g->fam[f].id == id && d >= 1 && d <= 7) {
			g->fam[f].opens[d] = (int)db_col_int(&c, 2);
			g->fam[f].closes[d] = (int)db_col_int(&c, 3);
		}
	}
	db_done(&c);
	if (rc < 0 || db_query(g->db, &c, &Q_PRICES, DB_NOARGS) != DB_OK)
		return -1;
	static const char *const cats[] = {"ordinarie", "forening", "ungdom"};
	while ((rc = db_next(&c)) > 0) {
		int64_t id = db_col_int(&c, 0);
		int f = id < g->nids ? g->fam_of[id] : -1;
		for (int k = 0; f >= 0 && k < 3; k++)
			if (strcmp(db_col_text(&c, 1), cats[k]) == 0)
				g->fam[f].price[g->fam[f].id == id ? 0 : 1][k] = db_col_int(&c, 2);
	}
	db_done(&c);
	int64_t first = civil_days(g->first);
	if (rc < 0 || db_query(g->db, &c, &Q_CLOSED, DB_NOARGS) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0) {
		int64_t id = db_col_int(&c, 0), d = civil_days(db_col_text(&c, 1)) - first;
		int f = id < g->nids ? g->fam_of[id] : -1;
		if (f >= 0 && d >= 0 && d < SPAN_DAYS)
			g->fam[f].closed[d / 8] |= (unsigned char)(1u << (d % 8));
	}
	db_done(&c);
	if (rc < 0 || db_query(g->db, &c, &Q_BOOKED, DB_NOARGS) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0) {
		int64_t id = db_col_int(&c, 0);
		int f = id < g->nids ? g->fam_of[id] : -1;
		if (f >= 0)
			g->fam[f].weight = 0;
	}
	db_done(&c);
	if (rc < 0 || db_query(g->db, &c, &Q_RULES, DB_NOARGS) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0 && g->nrules < 16) {
		g->rule_dept[g->nrules] = db_col_int(&c, 0);
		g->rule_pct[g->nrules++] = (int)db_col_int(&c, 1);
	}
	db_done(&c);
	cap = 0;
	if (rc < 0 || db_query(g->db, &c, &Q_ASSOCS, DB_NOARGS) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0) {
		if (g->nassocs == cap)
			g->assocs = xrealloc(g->assocs,
			                     (cap = cap ? cap * 2 : 1024) * sizeof *g->assocs);
		g->assocs[g->nassocs++] =
		        (struct assoc){db_col_int(&c, 0), db_col_int(&c, 1), db_col_int(&c, 2)};
	}
	db_done(&c);
	return rc < 0 || g->nassocs == 0 ? -1 : 0;
}

/* Whether the association may book the department's venues at the youth
 * price (venue_youth_rules). */
static int
eligible(const struct gen *g, const struct assoc *a, int64_t dept)
{
	for (int i = 0; i < g->nrules; i++)
		if (g->rule_dept[i] == dept)
			return a->members > 0 && a->youth * 100 >= g->rule_pct[i] * a->members;
	return 0;
}

/* Stores the bookings and holds that wait: 0, or -1. */
static int
flush(struct gen *g)
{
	int rc = DB_OK;
	if (g->nrows) {
		buf_putc(&g->rows, ']');
		rc = db_exec(g->db, &Q_BULK_BOOKINGS, DB_ARGS(DB_TEXTN(g->rows.data, g->rows.len)));
	}
	if (rc == DB_OK && g->nholds) {
		buf_putc(&g->holds, ']');
		rc = db_exec(g->db, &Q_BULK_HOLDS, DB_ARGS(DB_TEXTN(g->holds.data, g->holds.len)));
	}
	g->rows.len = g->holds.len = 0;
	g->nrows = g->nholds = 0;
	if (g->progress && (g->next_id - g->first_id) % 100000 < BULK_ROWS) {
		fprintf(g->progress, "\r%lld bookings", (long long)(g->next_id - g->first_id));
		fflush(g->progress);
	}
	return rc == DB_OK ? 0 : -1;
}

/* Books [from, from + len) minutes of day (base: its local midnight as
 * the day's noon sees it) on a venue (part -1: the whole), r its
 * randomness: kept for the window's store. */
static void
place(struct gen *g, int fi, int part, int64_t base, int from, int len, uint64_t r)
{
	const struct family *f = &g->fam[fi];
	const int64_t *price = f->price[part < 0 ? 0 : 1];
	const struct assoc *a = &g->assocs[(r >> 16) % g->nassocs];
	int youth = (int)(r >> 8) & 1;
	int cat = (r >> 40) % 40 == 0                                 ? 0
	          : youth && price[2] >= 0 && eligible(g, a, f->dept) ? 2
	                                                              : 1;
	if (price[cat] < 0)
		cat = price[1] >= 0 ? 1 : 0;
	struct made m = {.venue = part < 0 ? f->id : f->parts[part],
	                 .assoc = a->id,
	                 .starts = base + (int64_t)from * 60,
	                 .ends = base + (int64_t)(from + len) * 60,
	                 .price = len * price[cat] / 60,
	                 .fam = fi,
	                 .part = part,
	                 .status = BOOKING_CONFIRMED,
	                 .category = cat,
	                 .activity = (int)((r >> 52) % 4),
	                 .participants = 5 + (int)((r >> 36) % 20),
	                 .youth = youth,
	                 .show_name = (r >> 56) % 4 != 0};
	m.at = m.starts - (int64_t)(7 + (r >> 44) % 30) * 86400;
	if (m.at > g->now)
		m.at = g->now - 3600;
	if ((r >> 24) % 50 == 0) {
		m.status = BOOKING_CANCELLED;
		m.cancelled = m.starts -
		              ((r >> 30) & 1 ? 5 * 3600 : (int64_t)(f->cancel_hours + 48) * 3600);
		if (m.cancelled > g->now)
			m.cancelled = g->now;
		if (m.cancelled < m.at)
			m.cancelled = m.at;
		m.late = m.starts - m.cancelled < (int64_t)f->cancel_hours * 3600;
	} else if (f->approval && (r >> 32) % 97 == 0) {
		m.status = BOOKING_DECLINED;
	} else if (f->approval && m.starts > g->now && (r >> 20) % 8 == 0) {
		m.status = BOOKING_PENDING;
	}
	if (g->nmade == g->capmade)
		g->made_rows =
		        xrealloc(g->made_rows, (g->capmade = g->capmade ? g->capmade * 2 : 4096) *
		                                       sizeof *g->made_rows);
	g->made_rows[g->nmade++] = m;
	g->made++;
	g->left--;
}

/* Venue, then time: the order that keeps each index's pages together. */
static int
by_venue(const void *pa, const void *pb)
{
	const struct made *a = pa, *b = pb;
	if (a->venue != b->venue)
		return a->venue < b->venue ? -1 : 1;
	return (a->starts > b->starts) - (a->starts < b->starts);
}

/* Adds one hold to the batch. */
static void
hold(struct gen *g, int64_t id, int64_t leaf, const struct made *m)
{
	buf_putc(&g->holds, g->nholds++ ? ',' : '[');
	buf_printf(&g->holds, "[%lld,%lld,%lld,%lld]", (long long)id, (long long)leaf,
	           (long long)m->starts, (long long)m->ends);
}

/* Stores the window's bookings, by venue and time, ids given in that
 * order, with the holds of those that hold their time: 0, or -1. */
static int
store_window(struct gen *g)
{
	static const char *const cats[] = {"ordinarie", "forening", "ungdom"};
	qsort(g->made_rows, g->nmade, sizeof *g->made_rows, by_venue);
	for (size_t i = 0; i < g->nmade; i++) {
		const struct made *m = &g->made_rows[i];
		const struct family *f = &g->fam[m->fam];
		int64_t id = g->next_id++;
		buf_putc(&g->rows, g->nrows++ ? ',' : '[');
		buf_printf(&g->rows, "[%lld,%lld,%lld,%lld,%lld,\"%s\",\"%s\",%lld,", (long long)id,
		           (long long)m->venue, (long long)m->assoc, (long long)m->starts,
		           (long long)m->ends, booking_status_code((enum booking_status)m->status),
		           cats[m->category], (long long)m->price);
		const char *act = kinds[f->kind].activities[m->activity];
		esc_json(&g->rows, act, strlen(act));
		buf_printf(&g->rows, ",%d,%d,%d,%d,%lld,%lld]", m->participants, m->youth,
		           m->show_name, m->late, (long long)m->cancelled, (long long)m->at);
		if (m->status == BOOKING_CANCELLED || m->status == BOOKING_DECLINED)
			; /* holds nothing */
		else if (m->part < 0 && f->nparts)
			for (int p = 0; p < f->nparts; p++)
				hold(g, id, f->parts[p], m);
		else
			hold(g, id, m->venue, m);
		if (g->nrows >= BULK_ROWS && flush(g) != 0)
			return -1;
	}
	g->nmade = 0;
	return flush(g);
}

/* A booking's length and start in a segment [from, from + seg) minutes:
 * 0, or -1 when none fits. */
static int
fit(int from, int seg, uint64_t r, int *start, int *len)
{
	static const int lengths[] = {60, 90, 120};
	int l = lengths[r % 3];
	while (l > seg)
		l -= 30;
	if (l < 30)
		return -1;
	*len = l;
	*start = from + 30 * (int)((r / 3) % (uint64_t)((seg - l) / 30 + 1));
	return 0;
}

/* The most bookings one family gets on a day it is open for span
 * minutes: one per hour and a half. */
static int
day_cap(int span)
{
	return span / 90;
}

/* How many bookings a family makes, summed over the open days, at rate
 * bookings a day per unit of weight, with a margin for the
 * fractions each family's accumulator keeps (a split hall's segment makes five
 * thirds on average: the whole a third of the time, both halves else). */
static double
expected(const struct gen *g, double rate)
{
	double sum = 0;
	int first_wd = day_weekday(g->first);
	for (size_t i = 0; i < g->nfam; i++) {
		const struct family *f = &g->fam[i];
		for (int d = 0; d < SPAN_DAYS; d++) {
			int wd = (first_wd - 1 + d) % 7 + 1;
			if (!f->weight || !f->closes[wd] || f->closed[d / 8] & (1u << (d % 8)))
				continue;
			double k = rate * f->weight, cap = day_cap(f->closes[wd] - f->opens[wd]);
			sum += (k < cap ? k : cap) * (f->nparts ? 5.0 / 3 : 1);
		}
	}
	return sum;
}

/* The bookings, day by day from the first: 0, or -1. */
static int
make_bookings(struct gen *g)
{
	double lo = 0, hi = 64;
	for (int i = 0; i < 40; i++) {
		double mid = (lo + hi) / 2;
		if (expected(g, mid) < (double)g->left * 1.05)
			lo = mid;
		else
			hi = mid;
	}
	double rate = hi;
	for (int d = 0; d < SPAN_DAYS && g->left > 0; d++) {
		char day[11];
		day_add(g->first, d, day);
		int wd = day_weekday(day);
		/* noon is never in a daylight-saving change; minutes are counted
		 * from the midnight it implies, right for every time after 03:00 */
		int64_t base = local_time(day, 720) - 720 * 60;
		for (size_t i = 0; i < g->nfam && g->left > 0; i++) {
			struct family *f = &g->fam[i];
			if (!f->weight || !f->closes[wd] || f->closed[d / 8] & (1u << (d % 8)))
				continue;
			int span = f->closes[wd] - f->opens[wd], cap = day_cap(span);
			f->acc += rate * f->weight;
			int k = (int)f->acc;
			f->acc -= k;
			if (k > cap)
				k = cap;
			for (int j = 0; j < k && g->left > 0; j++) {
				int seg = span / k, from = f->opens[wd] + j * seg, start, len;
				uint64_t r = mix((uint64_t)f->id, (uint64_t)d, (uint64_t)j);
				int both = f->nparts == 2 && r % 3 != 0 && g->left >= 2;
				for (int p = both ? 0 : -1; p < (both ? 2 : 0); p++) {
					uint64_t rp = both ? mix(r, (uint64_t)p, 3) : r;
					if (fit(from, seg, rp, &start, &len) == 0)
						place(g, (int)i, both ? p : -1, base, start, len,
						      rp);
				}
			}
		}
		if ((d + 1) % WINDOW_DAYS == 0 && store_window(g) != 0)
			return -1;
	}
	return store_window(g);
}

int
demo_venue_scale(struct db *db, const int64_t *area_ids, long venues, long bookings)
{
	int year = demo_school_year();
	if (venues > 0 && make_venues(db, area_ids, venues, year) != 0)
		return -1;
	int64_t have = db_int(db, &Q_BOOKINGS, DB_NOARGS, -1);
	if (have < 0)
		return -1;
	if (bookings <= have)
		return 0;
	struct gen g = {.db = db, .now = (int64_t)time(NULL), .left = bookings - have};
	char last[11];
	demo_term(year, 0, g.first, last);
	day_add(g.first, -SPAN_DAYS / 2, g.first);
	g.first_id = g.next_id = db_int(db, &Q_LAST_BOOKING, DB_NOARGS, 0) + 1;
	g.progress = g.left >= 100000 ? stderr : NULL;
	int rc = -1, sqlite = db_kind(db) == DB_SQLITE;
	int64_t cache = sqlite ? db_int(db, &Q_CACHE, DB_NOARGS, -2000) : 0;
	if (sqlite && db_script(db, "PRAGMA cache_size = -262144") != DB_OK)
		goto done;
	if (read_world(&g) != 0 || make_bookings(&g) != 0 ||
	    db_int(db, &Q_IDENTITY, DB_NOARGS, -1) < 0)
		goto done;
	if (g.progress)
		fprintf(g.progress, "\r%lld bookings\n", (long long)g.made);
	int64_t overlaps = sqlite ? db_int(db, &Q_OVERLAPS, DB_ARGS(DB_INT(g.first_id)), -1) : 0;
	if (overlaps != 0) {
		if (overlaps > 0)
			fprintf(stderr, "samverka demo: %lld generated holds overlap others\n",
			        (long long)overlaps);
		goto done;
	}
	rc = 0;
done:
	if (sqlite) {
		char restore[64];
		snprintf(restore, sizeof restore, "PRAGMA cache_size = %lld", (long long)cache);
		if (db_script(db, restore) != DB_OK)
			rc = -1;
	}
	free(g.fam);
	free(g.fam_of);
	free(g.assocs);
	free(g.made_rows);
	buf_free(&g.rows);
	buf_free(&g.holds);
	return rc;
}
