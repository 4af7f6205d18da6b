/* The venues as JSON under /api/v1/: the active venues with all they are
 * let at (/api/v1/lokaler, filtered as /lokaler is), and the times a
 * venue is booked (/api/v1/lokaler/{id}/bokningar?fran=&till=). Written
 * straight into the output with esc_json, as the register's API is; the
 * keys are Swedish, as the register's and the grants' are, and a booking
 * names its association only where the association chose to be shown. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/days.h"
#include "base/esc.h"
#include "base/money.h"
#include "base/valid.h"
#include "venues/booking.h"
#include "venues/catalog.h"
#include "venues/directory.h"
#include "venues/filter.h"
#include "venues/venues.h"

/* The longest range of days one request for bookings may ask for. */
#define RANGE_MAX_DAYS 366

/* A key after the object's first, with the comma before it and its colon. */
static void
json_key(struct buf *b, const char *key)
{
	buf_putc(b, ',');
	esc_json(b, key, strlen(key));
	buf_putc(b, ':');
}

/* Text as a JSON string. */
static void
json_text(struct buf *b, const char *s)
{
	esc_json(b, s, strlen(s));
}

/* A 0/1 column as JSON's false and true, which a client tests as it is. */
static void
json_bool(struct buf *b, int v)
{
	buf_puts(b, v ? "true" : "false");
}

/* A 400 that names the parameter and says what is wrong with it, in
 * both languages, so that a client's author sees which value to fix. */
static void
bad_parameter(struct req *r, const char *name, const char *sv, const char *en)
{
	r->status = 400;
	r->ctype = "application/json";
	r->out.len = 0;
	buf_puts(&r->out, "{\"error\":400");
	json_key(&r->out, "parameter");
	json_text(&r->out, name);
	json_key(&r->out, "meddelande");
	json_text(&r->out, sv);
	json_key(&r->out, "message");
	json_text(&r->out, en);
	buf_puts(&r->out, "}\n");
}

/* The price of an hour at one category, in öre and as kronor with two
 * decimals (a string, so that no client reads it as a float); null when
 * the venue is not let at that category. */
static void
price_json(struct buf *b, const struct venue_entry *e, int i)
{
	if (!e->priced[i]) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "{\"ore\":");
	buf_int(b, e->price[i]);
	buf_puts(b, ",\"kr\":\"");
	money_decimal(b, e->price[i]);
	buf_puts(b, "\"}");
}

/* The bookable hours per weekday, Monday first: opening and closing as
 * "HH:MM" local time ("24:00": until midnight), null for a closed day. */
static void
hours_json(struct buf *b, const struct venue_hours *h)
{
	static const char *const days[8] = {NULL,      "mandag", "tisdag", "onsdag",
	                                    "torsdag", "fredag", "lordag", "sondag"};
	buf_putc(b, '{');
	for (int d = 1; d <= 7; d++) {
		if (d > 1)
			buf_putc(b, ',');
		esc_json(b, days[d], strlen(days[d]));
		buf_putc(b, ':');
		if (!h->closes[d]) {
			buf_puts(b, "null");
			continue;
		}
		char from[6], to[6];
		hhmm(h->opens[d], from);
		hhmm(h->closes[d], to);
		buf_printf(b, "{\"oppnar\":\"%s\",\"stanger\":\"%s\"}", from, to);
	}
	buf_putc(b, '}');
}

/* A thing named in both languages, by its code: {"kod", "namn_sv", "namn_en"}. */
static void
named_json(struct buf *b, const char *code, const char *sv, const char *en)
{
	buf_puts(b, "{\"kod\":");
	json_text(b, code);
	json_key(b, "namn_sv");
	json_text(b, sv);
	json_key(b, "namn_en");
	json_text(b, en);
	buf_putc(b, '}');
}

/* One venue: what it is, whose, where, for how many, its accessibility,
 * what it is let at and when, and where to read more of it. */
static void
venue_json(struct buf *b, const struct venue_entry *e)
{
	const struct venue *v = &e->v;
	buf_puts(b, "{\"id\":");
	buf_int(b, v->id);
	json_key(b, "namn");
	json_text(b, v->name);
	json_key(b, "typ");
	named_json(b, v->type, v->type_sv, v->type_en);
	json_key(b, "forvaltning");
	named_json(b, v->dept_code, v->dept_sv, v->dept_en);
	json_key(b, "adress");
	json_text(b, v->address);
	json_key(b, "omrade");
	if (v->area_id) {
		buf_puts(b, "{\"slug\":");
		json_text(b, v->area_slug);
		json_key(b, "namn");
		json_text(b, v->area);
		buf_putc(b, '}');
	} else {
		buf_puts(b, "null");
	}
	json_key(b, "kapacitet");
	buf_int(b, v->capacity);
	json_key(b, "tillganglighet");
	buf_puts(b, "{\"stegfri_entre\":");
	json_bool(b, v->step_free);
	json_key(b, "rwc");
	json_bool(b, v->accessible_toilet);
	json_key(b, "horslinga");
	json_bool(b, v->hearing_loop);
	json_key(b, "hiss");
	json_bool(b, v->lift);
	buf_putc(b, '}');
	json_key(b, "utrustning");
	json_text(b, v->equipment);
	json_key(b, "del_av");
	if (v->parent_id)
		buf_int(b, v->parent_id);
	else
		buf_puts(b, "null");
	json_key(b, "delar");
	buf_putc(b, '[');
	for (size_t i = 0; i < e->nparts; i++) {
		if (i)
			buf_putc(b, ',');
		buf_int(b, e->parts[i]);
	}
	buf_putc(b, ']');
	json_key(b, "pris_per_timme");
	buf_putc(b, '{');
	for (int i = 0; i < VENUE_CATEGORIES; i++) {
		if (i)
			buf_putc(b, ',');
		json_text(b, venue_categories[i]);
		buf_putc(b, ':');
		price_json(b, e, i);
	}
	buf_putc(b, '}');
	json_key(b, "oppettider");
	hours_json(b, &e->hours);
	json_key(b, "kraver_godkannande");
	json_bool(b, v->approval);
	long long id = (long long)v->id;
	buf_printf(b,
	           ",\"lankar\":{\"html\":\"/lokaler/%lld\",\"ics\":\"/lokaler/%lld/kalender.ics\","
	           "\"bokningar\":\"/api/v1/lokaler/%lld/bokningar\"}}",
	           id, id, id);
}

/* GET /api/v1/lokaler?q=&typ=&omrade=&kapacitet=&stegfri=&rwc=&horslinga=&hiss=:
 * every venue the filters match, in one answer (a city has a thousand
 * venues, not a register's hundred thousand associations). */
void
venues_json(struct req *r)
{
	struct venue_choices c;
	struct venue_filter f;
	const char *bad;
	if (venue_choices_get(r, &c) != 0) {
		req_fail(r, "the venues' filter choices could not be read");
		return;
	}
	if (venue_filter_read(r, &c, &f, &bad) != 0) {
		bad_parameter(r, bad, "Värdet går inte att filtrera på.",
		              "The value is not one the filter takes.");
		return;
	}
	struct venue_entry *e;
	size_t n;
	if (venue_catalog(r->db, &r->a, &f, &e, &n) != 0) {
		req_fail(r, "the venues could not be listed");
		return;
	}
	r->ctype = "application/json";
	buf_puts(&r->out, "{\"total\":");
	buf_int(&r->out, (int64_t)n);
	buf_puts(&r->out, ",\"items\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&r->out, ',');
		venue_json(&r->out, &e[i]);
	}
	buf_puts(&r->out, "]}\n");
}

/* A time as ISO 8601 in Stockholm time with its offset that day
 * ("2026-03-31T18:00:00+02:00"), quoted: the local time a person reads
 * and the instant a program needs, in one. */
static void
iso_local(struct buf *b, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	long off = tm.tm_gmtoff < 0 ? -tm.tm_gmtoff : tm.tm_gmtoff;
	buf_printf(b, "\"%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld\"", tm.tm_year + 1900,
	           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	           tm.tm_gmtoff < 0 ? '-' : '+', off / 3600, off % 3600 / 60);
}

/* One booking: when, how far it got, of which venue (the whole or a part
 * when they are not the one asked for), and the association only when it
 * chose to be shown. */
static void
booking_json(struct buf *b, const struct booking *x)
{
	buf_puts(b, "{\"id\":");
	buf_int(b, x->id);
	json_key(b, "borjar");
	iso_local(b, x->starts);
	json_key(b, "slutar");
	iso_local(b, x->ends);
	json_key(b, "status");
	json_text(b, booking_status_code(x->status));
	json_key(b, "lokal_id");
	buf_int(b, x->venue_id);
	json_key(b, "forening");
	if (x->show_name) {
		buf_puts(b, "{\"id\":");
		buf_int(b, x->association_id);
		json_key(b, "namn");
		json_text(b, x->association);
		buf_putc(b, '}');
	} else {
		buf_puts(b, "null");
	}
	buf_putc(b, '}');
}

/* The range of days asked for, both ends included: fran and till
 * (YYYY-MM-DD); without either, this week (Monday to Sunday); with one,
 * the seven days from fran or up to till. 0, or -1 after answering 400. */
static int
range_read(struct req *r, char from[11], char to[11])
{
	const char *f = req_query(r, "fran"), *t = req_query(r, "till");
	f = f && *f ? f : NULL;
	t = t && *t ? t : NULL;
	if (f && !date_valid(f)) {
		bad_parameter(r, "fran", "Ange ett datum som ÅÅÅÅ-MM-DD.",
		              "Give a date as YYYY-MM-DD.");
		return -1;
	}
	if (t && !date_valid(t)) {
		bad_parameter(r, "till", "Ange ett datum som ÅÅÅÅ-MM-DD.",
		              "Give a date as YYYY-MM-DD.");
		return -1;
	}
	if (f && t) {
		snprintf(from, 11, "%s", f);
		snprintf(to, 11, "%s", t);
	} else if (f) {
		snprintf(from, 11, "%s", f);
		day_add(from, 6, to);
	} else if (t) {
		snprintf(to, 11, "%s", t);
		day_add(to, -6, from);
	} else {
		char today[11];
		day_today(today);
		day_add(today, 1 - day_weekday(today), from);
		day_add(from, 6, to);
	}
	char limit[11];
	day_add(from, RANGE_MAX_DAYS, limit);
	if (strcmp(to, from) < 0) {
		bad_parameter(r, "till", "Slutdagen ligger före startdagen.",
		              "The last day is before the first.");
		return -1;
	}
	if (strcmp(to, limit) >= 0) {
		bad_parameter(r, "till", "Högst 366 dagar åt gången.",
		              "At most 366 days at a time.");
		return -1;
	}
	return 0;
}

/* GET /api/v1/lokaler/{id}/bokningar?fran=&till=: the pending and
 * confirmed bookings that hold the venue on those days, its whole's and
 * its parts' included (a half hall is taken when the whole hall is).
 * Four statements whatever the range holds: whether the venue is active,
 * its whole and its parts (venue_related), and the bookings
 * (booking_range), which both
 * engines read from bookings_venue (venue_id, starts). The plans at 1 000
 * venues and 1 000 000 bookings, a half hall's week (26 rows):
 *   SQLite (EXPLAIN QUERY PLAN, after ANALYZE):
 *     SEARCH v USING INTEGER PRIMARY KEY (rowid=?)
 *     SEARCH b USING INDEX bookings_venue (venue_id=? AND starts>? AND starts<?)
 *     SEARCH a USING INTEGER PRIMARY KEY (rowid=?)
 *     USE TEMP B-TREE FOR ORDER BY
 *   PostgreSQL (EXPLAIN ANALYZE EXECUTE, as the server prepares it):
 *     Sort  Sort Key: b.starts, b.id
 *       -> Hash Join  Hash Cond: (b.venue_id = v.id)
 *          -> Hash Join  Hash Cond: (b.association_id = a.id)
 *             -> Bitmap Heap Scan on bookings b
 *                  Filter: ((ends > $11) AND (status = ANY ('{pending,confirmed}')))
 *                  -> Bitmap Index Scan on bookings_venue
 *                       Index Cond: ((venue_id = ANY (ARRAY[$1, ..., $10]))
 *                                    AND (starts < $12) AND (starts > ($11 - 86400)))
 *             -> Hash -> Seq Scan on associations a
 *          -> Hash -> Seq Scan on venues v
 *     0.68 ms of the backend's CPU an execution (2 000 random venues'
 *     weeks); without the join of venues, which booking_range's callers
 *     do not read here, 0.35. */
void
venue_bookings_json(struct req *r)
{
	char from[11], to[11], after[11];
	int64_t id = req_param_id(r, 0);
	/* the directory in memory: the venue's five joins were planned
	 * afresh for each request on PostgreSQL */
	const struct venue_directory *dir = venue_directory(r->db, &r->a);
	if (!dir) {
		req_fail(r, "the venue could not be read");
		return;
	}
	const struct venue_entry *e = id > 0 ? venue_directory_find(dir, id) : NULL;
	if (!e) {
		req_error(r, 404);
		return;
	}
	if (range_read(r, from, to) != 0)
		return;
	day_add(to, 1, after);
	int64_t ids[VENUE_MAX_PARTS + 2];
	size_t nids, n;
	struct booking *b;
	if (venue_entry_related(r->db, e, ids, &nids) != 0 ||
	    booking_range(r->db, &r->a, ids, nids, local_time(from, 0), local_time(after, 0), &b,
	                  &n) != 0) {
		req_fail(r, "the venue's bookings could not be read");
		return;
	}
	r->ctype = "application/json";
	buf_puts(&r->out, "{\"lokal_id\":");
	buf_int(&r->out, id);
	buf_printf(&r->out, ",\"fran\":\"%s\",\"till\":\"%s\",\"total\":", from, to);
	buf_int(&r->out, (int64_t)n);
	buf_puts(&r->out, ",\"items\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&r->out, ',');
		booking_json(&r->out, &b[i]);
	}
	buf_puts(&r->out, "]}\n");
}
