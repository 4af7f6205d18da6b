/* Free times across venues (/lokaler/lediga): the venues the filters
 * match, in Swedish order, each with its free stretches on a day between
 * two times of at least a length. The venues, their hours and parts come
 * from the directory in memory (venues/directory.h), in batches of a
 * page's worth and then twice the last up to BATCH; each batch costs one
 * statement — the closed days and the holds of its leaves on that day,
 * an index range per venue each — until a page of venues with free time
 * is full, so a search answers in a few statements however many bookings
 * there are. */
#include "venues/venues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/days.h"
#include "layout/layout.h"
#include "base/esc.h"
#include "venues/directory.h"
#include "venues/filter.h"
#include "venues/free.h"
#include "venues/free.tpl.h"

/* BATCH: the most venues one batch reads; a search that finds nothing
 * reads all thousand in six batches (24, 48, 96, 192, 384, 256) */
enum { BATCH = 512, PAGE = 20, MAX_STRETCHES = 8 };

/* One statement a batch: the closed days of the batch's venues (and of
 * their wholes), kind 0, then the holds of their leaves on the day, kind
 * 1 — one round trip, not two. $1 the venues and $4 the leaves, JSON
 * arrays (DB_IDS_*); $2 the day, $3 and $5 its first and last second. */
#define CLOSED_ON_DAY "SELECT 0, venue_id, 0, 0 FROM venue_closed WHERE day = $2 AND "
#define HOLDS_OF_LEAVES " UNION ALL SELECT 1, leaf_id, starts, ends FROM venue_holds WHERE "
#define HOLDS_IN_DAY " AND starts < $5 AND starts > CAST($3 AS BIGINT) - 86400 AND ends > $3"
static struct dbq Q_DAY = {CLOSED_ON_DAY DB_IDS_SQLITE("venue_id") HOLDS_OF_LEAVES
                           "leaf_id IN (SELECT value FROM json_each($4))" HOLDS_IN_DAY,
                           CLOSED_ON_DAY DB_IDS_PG("venue_id") HOLDS_OF_LEAVES
                           "leaf_id = ANY ($4::bigint[])" HOLDS_IN_DAY,
                           0};

/* A venue of the batch, with what the day holds for it. */
struct cand {
	const struct venue *v;
	int opens, closes, closed;
	int64_t leaves[VENUE_MAX_PARTS];
	int nleaves;
	/* busy minutes of the day, [from, to) pairs */
	int busy[64][2];
	int nbusy;
};

/* What the search asks for: the day, the window and the length. */
struct free_ask {
	const char *day;
	int from, to, length;
	int64_t day_start, day_end;
	int now_minute; /* minutes already past on the day (today), else 0 */
};

/* The window's times are text (TT:MM), not time inputs: a search form is
 * typed into, and a browser's time input in a 12-hour locale splits 17:00
 * into segments and AM/PM that a keyboard user must step through. */
static const struct field_def ask_fields[] = {
        {.name = "dag", .label_sv = "Dag", .label_en = "Day", .type = FIELD_DATE},
        {.name = "fran",
         .label_sv = "Tidigast",
         .label_en = "Earliest",
         .type = FIELD_TEXT,
         .max = 5,
         .hint_sv = "TT:MM",
         .hint_en = "HH:MM"},
        {.name = "till",
         .label_sv = "Senast",
         .label_en = "Latest",
         .type = FIELD_TEXT,
         .max = 5,
         .hint_sv = "TT:MM",
         .hint_en = "HH:MM"},
        {.name = "langd",
         .label_sv = "Minst antal minuter",
         .label_en = "At least this many minutes",
         .type = FIELD_INT,
         .min = 15,
         .max_int = 1440},
};
static const struct form_def ask_form = {"lediga", ask_fields,
                                         sizeof ask_fields / sizeof *ask_fields};

/* Reads the day, window and length, with defaults (today, 08:00–22:00,
 * an hour); a value that is none gets its error beside the field. */
static void
read_ask(struct req *r, struct form *f, struct free_ask *a, char today[11])
{
	form_init(f, r, &ask_form);
	form_read_query(f, r);
	day_today(today);
	const char *day = form_value(f, "dag"), *from = form_value(f, "fran"),
	           *to = form_value(f, "till"), *len = form_value(f, "langd");
	a->day = day ? day : today;
	a->from = from ? minute_of(from) : 8 * 60;
	a->to = to ? minute_of(to) : 22 * 60;
	char *end = NULL;
	long n = len ? strtol(len, &end, 10) : 60;
	a->length = len && (*end || n < 15 || n > 1440) ? -1 : (int)n;
	if (day && local_time(day, 0) < 0)
		form_error(f, "dag", "Skriv dagen som ÅÅÅÅ-MM-DD.", "Write the day as YYYY-MM-DD.");
	else if (strcmp(a->day, today) < 0)
		form_error(f, "dag", "Dagen har redan varit.", "The day has passed.");
	if (a->from < 0)
		form_error(f, "fran", "Skriv tiden som TT:MM, till exempel 17:00.",
		           "Write the time as HH:MM, for example 17:00.");
	if (a->to < 0)
		form_error(f, "till", "Skriv tiden som TT:MM, till exempel 22:00.",
		           "Write the time as HH:MM, for example 22:00.");
	else if (a->from >= 0 && a->to <= a->from)
		form_error(f, "till", "Den senaste tiden måste vara efter den tidigaste.",
		           "The latest time must be after the earliest.");
	if (a->length < 0)
		form_error(f, "langd", "Skriv ett antal minuter mellan 15 och 1440.",
		           "Write a number of minutes between 15 and 1440.");
	form_set(f, "dag", a->day);
	if (f->nerrors)
		return;
	a->day_start = local_time(a->day, 0);
	a->day_end = local_time(a->day, 1440);
	if (strcmp(a->day, today) == 0) {
		char d[11];
		local_day_of((int64_t)time(NULL), d, &a->now_minute);
	}
}

/* Fills the batch's hours and leaves from the directory (a part without
 * hours of its own has the whole's; a split venue's leaves are its active
 * parts), then its closed days (the whole's close its parts) and busy
 * minutes from the database. */
static int
load_batch(struct req *r, const struct venue_directory *dir, const struct free_ask *a,
           struct cand *c, size_t n)
{
	int64_t *ids = arena_alloc(&r->a, n * (VENUE_MAX_PARTS + 2) * sizeof *ids);
	size_t nids = 0;
	int weekday = day_weekday(a->day);
	for (size_t i = 0; i < n; i++) {
		const struct venue_entry *e = venue_directory_find(dir, c[i].v->id);
		if (e) {
			c[i].opens = e->hours.opens[weekday];
			c[i].closes = e->hours.closes[weekday];
			for (size_t j = 0; j < e->nparts && j < VENUE_MAX_PARTS; j++)
				c[i].leaves[c[i].nleaves++] = e->parts[j];
		}
		if (c[i].nleaves == 0)
			c[i].leaves[c[i].nleaves++] = c[i].v->id;
		ids[nids++] = c[i].v->id;
		if (c[i].v->parent_id)
			ids[nids++] = c[i].v->parent_id;
	}
	struct dbval list = DB_TEXT(db_ids(&r->a, db_kind(r->db), ids, nids));
	nids = 0;
	for (size_t i = 0; i < n; i++)
		for (int j = 0; j < c[i].nleaves; j++)
			ids[nids++] = c[i].leaves[j];
	struct dbval leaves = DB_TEXT(db_ids(&r->a, db_kind(r->db), ids, nids));
	struct dbcur k;
	int rc = db_query(
	        r->db, &k, &Q_DAY,
	        DB_ARGS(list, DB_TEXT(a->day), DB_INT(a->day_start), leaves, DB_INT(a->day_end)));
	while (rc == DB_OK && (rc = db_next(&k)) > 0) {
		int64_t id = db_col_int(&k, 1);
		if (db_col_int(&k, 0) == 0) {
			for (size_t i = 0; i < n; i++)
				c[i].closed |= c[i].v->id == id || c[i].v->parent_id == id;
		} else {
			int from = day_minute(a->day_start, a->day_end, db_col_int(&k, 2));
			int to = day_minute(a->day_start, a->day_end, db_col_int(&k, 3));
			for (size_t i = 0; i < n; i++)
				for (int j = 0; j < c[i].nleaves; j++)
					if (c[i].leaves[j] == id && c[i].nbusy < 64) {
						c[i].busy[c[i].nbusy][0] = from;
						c[i].busy[c[i].nbusy++][1] = to;
					}
		}
		rc = DB_OK;
	}
	db_done(&k);
	return rc == DB_OK ? 0 : -1;
}

/* For qsort: busy stretches by start. */
static int
by_start(const void *x, const void *y)
{
	return ((const int *)x)[0] - ((const int *)y)[0];
}

/* The candidate's free stretches in the window, at least the length
 * long, into out (MAX_STRETCHES); their number. */
static int
free_stretches(struct cand *c, const struct free_ask *a, struct free_time *out)
{
	if (c->closed || !c->closes)
		return 0;
	int lo = a->from > c->opens ? a->from : c->opens;
	int hi = a->to < c->closes ? a->to : c->closes;
	if (a->now_minute > lo)
		lo = a->now_minute;
	qsort(c->busy, (size_t)c->nbusy, sizeof c->busy[0], by_start);
	int n = 0, at = lo;
	for (int i = 0; i <= c->nbusy && n < MAX_STRETCHES; i++) {
		int end = i < c->nbusy ? c->busy[i][0] : hi;
		if (end > hi)
			end = hi;
		if (end - at >= a->length)
			out[n++] = (struct free_time){at, end};
		if (i < c->nbusy && c->busy[i][1] > at)
			at = c->busy[i][1];
	}
	return n;
}

void
venues_free_page(struct req *r)
{
	struct venue_choices ch;
	struct venue_filter vf;
	const char *bad;
	const struct venue_directory *dir = venue_directory(r->db, &r->a);
	if (!dir || venue_choices_get(r, &ch) != 0) {
		req_error(r, 500);
		return;
	}
	if (venue_filter_read(r, &ch, &vf, &bad) != 0) {
		req_error(r, 400);
		return;
	}
	struct form f;
	struct free_ask a = {0};
	char today[11];
	read_ask(r, &f, &a, today);
	struct free_venue *found = arena_zalloc(&r->a, PAGE * sizeof *found);
	size_t nfound = 0;
	int64_t page = 1;
	const char *sida = req_query(r, "sida");
	if (sida && atoll(sida) > 1 && atoll(sida) < 1000)
		page = atoll(sida);
	int64_t skip = (page - 1) * PAGE;
	int more = 0;
	/* the first batch is about what the page needs, the next ones twice
	 * the last: most venues have a free hour, and 128 venues read for 20
	 * shown was three quarters of the search's CPU */
	struct venue_span span = {.limit = skip + PAGE + 4 < BATCH ? (int)skip + PAGE + 4 : BATCH};
	for (int done = f.nerrors != 0; !done && !more;
	     span.limit = span.limit * 2 < BATCH ? span.limit * 2 : BATCH) {
		struct venue *v;
		size_t n;
		if (venue_list_span(r->db, &r->a, &vf, &span, &v, &n) != 0) {
			req_error(r, 500);
			return;
		}
		done = n < (size_t)span.limit;
		if (n == 0)
			break;
		span.after_key = v[n - 1].sort_key;
		span.after_id = v[n - 1].id;
		struct cand *c = arena_zalloc(&r->a, n * sizeof *c);
		for (size_t i = 0; i < n; i++)
			c[i].v = &v[i];
		if (load_batch(r, dir, &a, c, n) != 0) {
			req_error(r, 500);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			struct free_time t[MAX_STRETCHES];
			int k = free_stretches(&c[i], &a, t);
			if (!k)
				continue;
			if (skip > 0) {
				skip--;
				continue;
			}
			if (nfound == PAGE) {
				more = 1;
				break;
			}
			found[nfound].v = c[i].v;
			found[nfound].n = k;
			memcpy(found[nfound].t, t, sizeof t);
			nfound++;
		}
	}
	int nfilters;
	struct field *filters = venue_filter_fields(r, &ch, &vf, &nfilters);
	struct field *ask = form_fields(&f, &r->a);
	static const char *const keys[] = {"q",       "typ",  "omrade",    "kapacitet",
	                                   "stegfri", "rwc",  "horslinga", "hiss",
	                                   "dag",     "fran", "till",      "langd"};
	const char *vals[sizeof keys / sizeof *keys];
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		vals[i] = req_query(r, keys[i]);
	const char *next =
	        more ? url_with_page(&r->a, "/lokaler/lediga", keys, vals, 12, page + 1) : NULL;
	const char *prev =
	        page > 1 ? url_with_page(&r->a, "/lokaler/lediga", keys, vals, 12, page - 1) : NULL;
	if (f.nerrors)
		r->status = 422;
	r->p.title = r->p.english ? "Free times" : "Lediga tider";
	layout_head(r);
	tpl_venues_free(&r->out, &r->p, &f, ask, f.def->n, filters, nfilters, a.day, a.length,
	                found, nfound, prev, next);
	layout_foot(r);
}
