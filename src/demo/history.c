/* Ten years of decided grants (2016–2025) for the demo, as if imported
 * from the system before samverka (no cases): each department's yearly
 * sum after Malmö's 2018 figures, exact to the krona for 2018 — leisure
 * 109.7 MSEK, culture 70.35, labour market and social services 8.7 in
 * organisation grants and 6.2 in IOP agreements, disability support 12.5
 * to forty organisations, health and care 0.25, the city office 25.2 —
 * and growing 4 % a year from there. Each line's sum is split over its
 * awards by fixed pseudo-random weights, in öre, the last award taking
 * what is left, so every sum is exact whatever the number of awards. A
 * benchmark asks for more awards (--grant-awards N): the same sums over
 * more, smaller grants and thirty more programmes (forty in all). */
#include "base/esc.h"
#include "demo/demo.h"
#include "grants/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { FIRST_YEAR = 2016, LAST_YEAR = 2025, EXTRA_PER_LINE = 3 };

static struct dbq Q_PROGRAMME = {"SELECT id, department_id FROM grant_programmes WHERE slug = $1",
                                 NULL, 0};
static struct dbq Q_DEPT_ID = {"SELECT id FROM departments WHERE code = $1", NULL, 0};
static struct dbq Q_ASSOCS = {"SELECT id FROM associations ORDER BY id", NULL, 0};
/* History is the awards without a case: those decided in samverka do
 * not count as history loaded. */
static struct dbq Q_HISTORY = {"SELECT count(*) FROM grant_awards WHERE case_id IS NULL", NULL, 0};
/* A thousand awards at a time as a JSON array of rows, as imported
 * history is stored: one statement rather than one a row, which
 * PostgreSQL takes minutes for at 200 000 (assoc_bulk stores the
 * register's the same way). grant_award_store stores the decisions. */
static struct dbq Q_BULK = {
        "INSERT INTO grant_awards (programme_id, department_id, kind, association_id, year, "
        "amount, decided_on, reference, at) SELECT nullif(value ->> 0, 0), value ->> 1, "
        "value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, "
        "value ->> 8 FROM json_each($1)",
        "INSERT INTO grant_awards (programme_id, department_id, kind, association_id, year, "
        "amount, decided_on, reference, at) SELECT nullif((e ->> 0)::bigint, 0), "
        "(e ->> 1)::bigint, e ->> 2, (e ->> 3)::bigint, (e ->> 4)::integer, (e ->> 5)::bigint, "
        "e ->> 6, e ->> 7, (e ->> 8)::bigint FROM json_array_elements($1::json) e",
        0};

enum { BULK_ROWS = 1000 };

/* Awards waiting to be stored, as the JSON array Q_BULK takes. */
struct bulk {
	struct buf rows;
	int n;
};

/* Stores what waits: 0, or -1. */
static int
bulk_flush(struct db *db, struct bulk *b)
{
	if (!b->n)
		return 0;
	buf_putc(&b->rows, ']');
	int rc = db_exec(db, &Q_BULK, DB_ARGS(DB_TEXTN(b->rows.data, b->rows.len)));
	b->rows.len = 0;
	b->n = 0;
	return rc == DB_OK ? 0 : -1;
}

/* Adds an award, storing the thousand when they are full. */
static int
bulk_add(struct db *db, struct bulk *b, int64_t programme, int64_t dept, const char *kind,
         int64_t assoc, int year, int64_t amount, const char *on, const char *ref, int64_t at)
{
	buf_putc(&b->rows, b->n++ ? ',' : '[');
	buf_printf(&b->rows, "[%lld,%lld,", (long long)programme, (long long)dept);
	esc_json(&b->rows, kind, strlen(kind));
	buf_printf(&b->rows, ",%lld,%d,%lld,", (long long)assoc, year, (long long)amount);
	esc_json(&b->rows, on, strlen(on));
	buf_putc(&b->rows, ',');
	esc_json(&b->rows, ref, strlen(ref));
	buf_printf(&b->rows, ",%lld]", (long long)at);
	return b->n == BULK_ROWS ? bulk_flush(db, b) : 0;
}

/* One line of a department's grants: a programme (NULL: IOP agreements),
 * its kind, its 2018 sum in kronor and how many awards make it. */
struct line {
	const char *dept, *slug, *kind, *committee;
	int64_t kr_2018;
	int count;
};

static const struct line lines[] = {
        {"FRI", "foreningsbidrag", "organisationsbidrag", "FRN", 32910000, 60},
        {"FRI", "lokalkostnadsbidrag", "lokalkostnadsbidrag", "FRN", 27425000, 40},
        {"FRI", "aktivitetsstod", "aktivitetsstod", "FRN", 43880000, 50},
        {"FRI", "arrangemangsbidrag", "projektbidrag", "FRN", 5485000, 10},
        {"KUL", "verksamhetsbidrag-kultur", "verksamhetsbidrag", "KN", 59797500, 40},
        {"KUL", "projektbidrag-kultur", "projektbidrag", "KN", 10552500, 30},
        {"AOS", "organisationsbidrag-aos", "organisationsbidrag", "ASN", 8700000, 18},
        {"AOS", NULL, "iop", "ASN", 6200000, 3},
        {"FUN", "organisationsbidrag-funktionsstod", "organisationsbidrag", "FSN", 12500000, 40},
        {"HVO", "foreningsstod-halsa-vard-omsorg", "verksamhetsbidrag", "HVON", 250000, 3},
        {"SK", "utvecklingsbidrag-stadskontoret", "verksamhetsbidrag", "KS", 25200000, 12},
};
enum { NLINES = sizeof(lines) / sizeof(lines[0]) };

/* The programmes of the history that the demo's own list does not have,
 * windows long closed: found by their address like the others. */
static const struct {
	const char *dept, *slug, *name, *kind, *rules;
} own[] = {
        {"HVO", "foreningsstod-halsa-vard-omsorg", "Föreningsstöd hälsa, vård och omsorg",
         "verksamhetsbidrag",
         "# Föreningsstöd hälsa, vård och omsorg\n\nBidrag till föreningar som stödjer äldre "
         "och anhöriga.\n"},
        {"SK", "utvecklingsbidrag-stadskontoret", "Utvecklingsbidrag idéburen sektor",
         "verksamhetsbidrag",
         "# Utvecklingsbidrag idéburen sektor\n\nKommunstyrelsens bidrag till idéburna "
         "organisationer som arbetar för hela staden.\n"},
};

/* A small hash that makes the weights and the order of associations. */
static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* Stores a programme whose window has closed, unless its address is
 * taken; its id, or 0. */
static int64_t
closed_programme(struct db *db, const char *dept, const char *slug, const char *name,
                 const char *kind, const char *rules)
{
	int taken = grant_slug_taken(db, slug, 0);
	if (taken < 0)
		return 0;
	if (!taken) {
		char opens[11], closes[11];
		grant_day(-400, opens);
		grant_day(-370, closes);
		struct grant_programme g = {
		        .department_id = db_int(db, &Q_DEPT_ID, DB_ARGS(DB_TEXT(dept)), 0),
		        .slug = slug,
		        .name = name,
		        .kind = kind,
		        .rules_md = rules,
		        .easy_read_md = "",
		        .opens = opens,
		        .closes = closes,
		        .budget = 0,
		};
		int64_t id;
		if (grant_save(db, 0, &g, &id) != DB_OK)
			return 0;
	}
	return db_int(db, &Q_PROGRAMME, DB_ARGS(DB_TEXT(slug)), 0);
}

/* The programmes of each line (its own first, then the benchmark's), with
 * the department they belong to. */
struct line_programmes {
	int64_t ids[1 + EXTRA_PER_LINE];
	int n;
	int64_t department_id;
};

static int
programmes_find(struct db *db, int extra, struct line_programmes *out)
{
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (!closed_programme(db, own[i].dept, own[i].slug, own[i].name, own[i].kind,
		                      own[i].rules))
			return -1;
	for (int l = 0; l < NLINES; l++) {
		struct line_programmes *p = &out[l];
		*p = (struct line_programmes){
		        .department_id =
		                db_int(db, &Q_DEPT_ID, DB_ARGS(DB_TEXT(lines[l].dept)), 0)};
		if (!p->department_id)
			return -1;
		if (!lines[l].slug)
			continue;
		if (!(p->ids[p->n++] =
		              db_int(db, &Q_PROGRAMME, DB_ARGS(DB_TEXT(lines[l].slug)), 0)))
			return -1;
		for (int k = 0; extra && k < EXTRA_PER_LINE; k++) {
			char slug[96], name[160];
			snprintf(slug, sizeof(slug), "%s-%d", lines[l].slug, k + 2);
			snprintf(name, sizeof(name), "Bidragsprogram %d (%s)",
			         l * EXTRA_PER_LINE + k + 1, lines[l].dept);
			if (!(p->ids[p->n++] =
			              closed_programme(db, lines[l].dept, slug, name, lines[l].kind,
			                               "# Bidragsprogram\n")))
				return -1;
		}
	}
	return 0;
}

/* Every association's id, ascending, malloc'd. */
static int64_t *
associations_read(struct db *db, size_t *n)
{
	struct dbcur c;
	size_t cap = 512;
	int64_t *ids = xmalloc(cap * sizeof(*ids));
	*n = 0;
	if (db_query(db, &c, &Q_ASSOCS, DB_NOARGS) != DB_OK) {
		free(ids);
		return NULL;
	}
	while (db_next(&c) > 0) {
		if (*n == cap)
			ids = xrealloc(ids, (cap *= 2) * sizeof(*ids));
		ids[(*n)++] = db_col_int(&c, 0);
	}
	db_done(&c);
	return ids;
}

/* A line's year: its sum in öre split over count awards. */
static int
line_year(struct db *db, struct bulk *b, int l, const struct line_programmes *p, int year,
          int count, const int64_t *assoc, size_t nassoc)
{
	const struct line *ln = &lines[l];
	int64_t total = ln->kr_2018 * (100 + 4 * (year - 2018)) / 100 * 100;
	int64_t *w = xmalloc((size_t)count * sizeof(*w)), wsum = 0;
	for (int k = 0; k < count; k++)
		wsum += w[k] = 2 + (int64_t)(mix((uint64_t)(l * 1000003 + year * 7919 + k)) % 9);
	int64_t left = total;
	int rc = 0;
	uint64_t first = mix((uint64_t)(l + 1)) + (uint64_t)year * 3;
	for (int k = 0; k < count && rc == 0; k++) {
		int64_t amount =
		        k == count - 1 ? left : total / wsum * w[k] + total % wsum * w[k] / wsum;
		left -= amount;
		int month = 2 + l % 9, day = 10 + k % 18;
		char on[11], ref[64];
		snprintf(on, sizeof(on), "%04d-%02d-%02d", year, month, day);
		snprintf(ref, sizeof(ref), "%s %s § %d", ln->committee, on, 10 + k % 90);
		struct tm tm = {.tm_year = year - 1900,
		                .tm_mon = month - 1,
		                .tm_mday = day,
		                .tm_hour = 12,
		                .tm_isdst = -1};
		rc = bulk_add(db, b, p->n ? p->ids[k % p->n] : 0, p->department_id, ln->kind,
		              assoc[(first + (uint64_t)k) % nassoc], year, amount, on, ref,
		              (int64_t)mktime(&tm));
	}
	free(w);
	return rc;
}

/* Loads the history in the demo's transaction: about 3 000 awards, or
 * about awards of them (the lines' counts scaled, at least one each).
 * A database that has its history already is left as it is. */
int
demo_grant_history(struct db *db, long awards)
{
	int64_t loaded = db_int(db, &Q_HISTORY, DB_NOARGS, -1);
	if (loaded != 0)
		return loaded < 0 ? -1 : 0;
	long base = 0;
	for (int l = 0; l < NLINES; l++)
		base += lines[l].count;
	base *= LAST_YEAR - FIRST_YEAR + 1;
	struct line_programmes p[NLINES];
	struct bulk b = {0};
	size_t nassoc;
	int64_t *assoc = NULL;
	int rc = programmes_find(db, awards > 0, p) == 0 &&
	                         (assoc = associations_read(db, &nassoc)) != NULL && nassoc
	                 ? 0
	                 : -1;
	/* asked for a number, each line's share of it, rounded so that the
	 * shares add up to the number */
	long done = 0, given = 0;
	for (int year = FIRST_YEAR; rc == 0 && year <= LAST_YEAR; year++)
		for (int l = 0; rc == 0 && l < NLINES; l++) {
			long count = lines[l].count;
			if (awards > 0) {
				done += lines[l].count;
				count = done * awards / base - given;
				given += count;
			}
			rc = line_year(db, &b, l, &p[l], year, count > 0 ? (int)count : 1, assoc,
			               nassoc);
		}
	if (rc == 0)
		rc = bulk_flush(db, &b);
	buf_free(&b.rows);
	free(assoc);
	return rc;
}
