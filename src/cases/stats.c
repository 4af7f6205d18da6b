/* Statistics for a department's officers: what arrives, what is open, how
 * long decisions take, and the last two years as charts with their
 * tables. */
#include "cases/pages.h"
#include "cases/stats.h"
#include "cases/stats.tpl.h"
#include "cases/view.h"
#include "layout/layout.h"
#include "ui/chart.h"
#include "ui/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_BY_TYPE_STATUS = {
        "SELECT type, status, count(*) FROM cases WHERE department_id = $1 "
        "GROUP BY type, status ORDER BY type, status",
        NULL, 0};
static struct dbq Q_RECEIVED = {
        "SELECT created, type FROM cases WHERE department_id = $1 AND created >= $2", NULL, 0};
static struct dbq Q_DECIDED = {
        "SELECT d.at, d.outcome, d.at - c.created, c.type FROM case_decisions d "
        "JOIN cases c ON c.id = d.case_id WHERE c.department_id = $1 AND d.at >= $2",
        NULL, 0};
static struct dbq Q_HANDLING = {
        "SELECT d.at - c.created FROM cases c JOIN case_decisions d ON d.case_id = c.id "
        "WHERE c.department_id = $1",
        NULL, 0};
static struct dbq Q_OLD_OPEN = {
        "SELECT count(*) FROM cases WHERE department_id = $1 AND created < $2 "
        "AND status IN ('inkommen', 'handlaggning', 'komplettering')",
        NULL, 0};

/* The charts cover two years by month, and the last eight quarters. */
enum { MONTHS = 24, QUARTERS = 8 };

static int
by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The month of now as year * 12 + month (0-11), in Stockholm time (serve
 * sets TZ). */
static int
month_key(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/* The months and quarters of the charts, the current one last: their
 * labels, and the first moment of each month (and of the month after the
 * last) in Stockholm time. Rows are put in months by these moments, in C,
 * so both engines group alike without a time-zone expression of each, and
 * no row needs a conversion of its own. */
struct periods {
	int first_month, first_quarter; /* keys: year * 12 + month, year * 4 + quarter */
	int64_t starts[MONTHS + 1];
	struct chart_text months[MONTHS], quarters[QUARTERS];
};

static void
periods_init(struct periods *pr, struct arena *a, time_t now)
{
	int cur = month_key(now);
	char s[32];
	pr->first_month = cur - (MONTHS - 1);
	pr->first_quarter = cur / 3 - (QUARTERS - 1);
	for (int i = 0; i <= MONTHS; i++) {
		int k = pr->first_month + i;
		struct tm tm = {
		        .tm_year = k / 12 - 1900, .tm_mon = k % 12, .tm_mday = 1, .tm_isdst = -1};
		pr->starts[i] = (int64_t)mktime(&tm);
		if (i == MONTHS)
			break;
		snprintf(s, sizeof(s), "%04d-%02d", k / 12, k % 12 + 1);
		pr->months[i] = (struct chart_text){arena_strdup(a, s), NULL};
	}
	for (int i = 0; i < QUARTERS; i++) {
		int k = pr->first_quarter + i;
		snprintf(s, sizeof(s), "%d K%d", k / 4, k % 4 + 1);
		pr->quarters[i].sv = arena_strdup(a, s);
		snprintf(s, sizeof(s), "%d Q%d", k / 4, k % 4 + 1);
		pr->quarters[i].en = arena_strdup(a, s);
	}
}

/* Which month (0 … MONTHS-1) of the charts a moment falls in; -1 outside
 * them. */
static int
month_of(const struct periods *pr, int64_t t)
{
	if (t < pr->starts[0] || t >= pr->starts[MONTHS])
		return -1;
	int lo = 0, hi = MONTHS; /* starts[lo] <= t < starts[hi] */
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (t < pr->starts[mid])
			hi = mid;
		else
			lo = mid;
	}
	return lo;
}

/* The quarter (0 … QUARTERS-1) of a month of the charts; -1 before them. */
static int
quarter_of(const struct periods *pr, int month)
{
	int q = month < 0 ? -1 : (pr->first_month + month) / 3 - pr->first_quarter;
	return q >= 0 && q < QUARTERS ? q : -1;
}

/* A number per period for each code seen (a case type, an outcome): the
 * series of a chart. */
struct tally_row {
	const char *code;
	int64_t *per;
};

struct tally {
	struct tally_row *rows;
	size_t n, cap, periods;
};

/* The row of a code, added (all zero) the first time it is seen. */
static struct tally_row *
tally_row(struct arena *a, struct tally *t, const char *code)
{
	for (size_t k = 0; k < t->n; k++)
		if (strcmp(t->rows[k].code, code) == 0)
			return &t->rows[k];
	if (!t->cap) {
		t->cap = 8;
		t->rows = arena_alloc(a, t->cap * sizeof(*t->rows));
	}
	t->rows = arena_grow(a, t->rows, t->n, &t->cap, sizeof(*t->rows));
	struct tally_row *row = &t->rows[t->n++];
	row->code = arena_strdup(a, code);
	row->per = arena_zalloc(a, t->periods * sizeof(*row->per));
	return row;
}

static int
by_code(const void *a, const void *b)
{
	return strcmp(((const struct tally_row *)a)->code, ((const struct tally_row *)b)->code);
}

/* The rows as a chart's series, in the order of their codes so that a
 * type keeps its colour and pattern from one month to the next. */
static const struct chart_series *
tally_series(struct arena *a, struct tally *t, const char *(*name)(const char *, int))
{
	if (t->n > 1)
		qsort(t->rows, t->n, sizeof(*t->rows), by_code);
	struct chart_series *s = arena_alloc(a, (t->n ? t->n : 1) * sizeof(*s));
	for (size_t k = 0; k < t->n; k++)
		s[k] = (struct chart_series){{name(t->rows[k].code, 0), name(t->rows[k].code, 1)},
		                             t->rows[k].per};
	return s;
}

/* Cases received per month, by type. */
static int
count_received(struct req *r, const struct periods *pr, struct tally *types)
{
	struct dbcur c;
	int64_t dept = r->user->department_id;
	int rc = db_query(r->db, &c, &Q_RECEIVED, DB_ARGS(DB_INT(dept), DB_INT(pr->starts[0])));
	if (rc != DB_OK)
		return rc;
	while ((rc = db_next(&c)) > 0) {
		int m = month_of(pr, db_col_int(&c, 0));
		if (m >= 0)
			tally_row(&r->a, types, db_col_text(&c, 1))->per[m]++;
	}
	db_done(&c);
	return rc < 0 ? DB_ERROR : DB_OK;
}

/* A decision of the period: its quarter and how long it took. */
struct decided {
	int quarter;
	int64_t secs;
	const char *type;
};

/* Decisions per month by outcome, and each decision's handling time for
 * the medians (the types decided are noted in types). */
static int
count_decided(struct req *r, const struct periods *pr, struct tally *outcomes, struct tally *types,
              struct decided **out, size_t *n)
{
	struct dbcur c;
	int64_t dept = r->user->department_id;
	size_t cap = 64;
	*out = arena_alloc(&r->a, cap * sizeof(**out));
	*n = 0;
	int rc = db_query(r->db, &c, &Q_DECIDED, DB_ARGS(DB_INT(dept), DB_INT(pr->starts[0])));
	if (rc != DB_OK)
		return rc;
	while ((rc = db_next(&c)) > 0) {
		int m = month_of(pr, db_col_int(&c, 0)), q = quarter_of(pr, m);
		if (m >= 0)
			tally_row(&r->a, outcomes, db_col_text(&c, 1))->per[m]++;
		if (q < 0)
			continue;
		*out = arena_grow(&r->a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct decided){
		        q, db_col_int(&c, 2), tally_row(&r->a, types, db_col_text(&c, 3))->code};
	}
	db_done(&c);
	return rc < 0 ? DB_ERROR : DB_OK;
}

/* The median handling time in whole days of a quarter's decisions (of one
 * type, or of all when type is NULL), as the page's overall median is
 * counted; CHART_NONE for a quarter without decisions. */
static int64_t
median_days(const struct decided *d, size_t n, int quarter, const char *type, int64_t *scratch)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i].quarter == quarter && (!type || strcmp(d[i].type, type) == 0))
			scratch[k++] = d[i].secs;
	if (!k)
		return CHART_NONE;
	qsort(scratch, k, sizeof(*scratch), by_value);
	int64_t m = k % 2 ? scratch[k / 2] : (scratch[k / 2 - 1] + scratch[k / 2]) / 2;
	return m / 86400;
}

/* The handling-time lines: all cases, and each type when more than one
 * was decided. */
static const struct chart_series *
median_series(struct arena *a, struct tally *types, const struct decided *d, size_t n,
              size_t *nseries)
{
	int64_t *scratch = arena_alloc(a, (n ? n : 1) * sizeof(*scratch));
	int64_t *all = arena_alloc(a, QUARTERS * sizeof(*all));
	for (int q = 0; q < QUARTERS; q++)
		all[q] = median_days(d, n, q, NULL, scratch);
	for (size_t k = 0; k < types->n; k++)
		for (int q = 0; q < QUARTERS; q++)
			types->rows[k].per[q] = median_days(d, n, q, types->rows[k].code, scratch);
	const struct chart_series *by_type = tally_series(a, types, case_type_name);
	size_t m = types->n > 1 ? types->n : 0;
	struct chart_series *s = arena_alloc(a, (m + 1) * sizeof(*s));
	s[0] = (struct chart_series){{"Alla ärenden", "All cases"}, all};
	memcpy(s + 1, by_type, m * sizeof(*s));
	*nseries = m + 1;
	return s;
}

/* The three charts of the page, read from the department's cases; kept in
 * the request's arena. */
struct stats_charts {
	struct chart received, decisions, handling;
};

/* Reads what the charts show: cases received by month and type, decisions
 * by month and outcome, median handling time by quarter. */
static int
charts_read(struct req *r, time_t now, struct stats_charts *sc)
{
	struct periods *pr = arena_alloc(&r->a, sizeof(*pr));
	periods_init(pr, &r->a, now);
	struct tally types = {.periods = MONTHS}, outcomes = {.periods = MONTHS};
	struct tally decided_types = {.periods = QUARTERS};
	struct decided *decided;
	size_t ndecided;
	if (count_received(r, pr, &types) != DB_OK ||
	    count_decided(r, pr, &outcomes, &decided_types, &decided, &ndecided) != DB_OK)
		return -1;
	sc->received = (struct chart){
	        .id = "inkomna",
	        .kind = CHART_STACKED,
	        .title = {"Inkomna ärenden per månad", "Cases received per month"},
	        .heading = 2,
	        .x_label = {"Månad", "Month"},
	        .unit = {"ärenden", "cases"},
	        .labels = pr->months,
	        .nlabels = MONTHS,
	        .series = tally_series(&r->a, &types, case_type_name),
	        .nseries = types.n,
	        .empty = {"Inga ärenden har kommit in de senaste 24 månaderna.",
	                  "No cases have arrived in the last 24 months."},
	};
	sc->decisions = (struct chart){
	        .id = "beslut",
	        .kind = CHART_STACKED,
	        .title = {"Beslut per månad och utfall", "Decisions per month by outcome"},
	        .heading = 2,
	        .x_label = {"Månad", "Month"},
	        .unit = {"beslut", "decisions"},
	        .labels = pr->months,
	        .nlabels = MONTHS,
	        .series = tally_series(&r->a, &outcomes, view_outcome),
	        .nseries = outcomes.n,
	        .empty = {"Inga beslut de senaste 24 månaderna.",
	                  "No decisions in the last 24 months."},
	};
	sc->handling = (struct chart){
	        .id = "handlaggningstid",
	        .kind = CHART_LINES,
	        .title = {"Handläggningstid per kvartal, median",
	                  "Handling time per quarter, median"},
	        .heading = 2,
	        .x_label = {"Kvartal", "Quarter"},
	        .unit = {"dagar", "days"},
	        .labels = pr->quarters,
	        .nlabels = QUARTERS,
	        .empty = {"Inga beslut de senaste åtta kvartalen.",
	                  "No decisions in the last eight quarters."},
	};
	sc->handling.series =
	        median_series(&r->a, &decided_types, decided, ndecided, &sc->handling.nseries);
	return 0;
}

void
cases_stats_page(struct req *r)
{
	int64_t dept = r->user->department_id;
	time_t now = time(NULL);
	struct case_stat rows[64];
	int nrows = 0;
	struct dbcur c;
	if (db_query(r->db, &c, &Q_BY_TYPE_STATUS, DB_ARGS(DB_INT(dept))) != DB_OK) {
		req_error(r, 500);
		return;
	}
	while (db_next(&c) > 0 && nrows < 64)
		rows[nrows++] = (struct case_stat){arena_strdup(&r->a, db_col_text(&c, 0)),
		                                   arena_strdup(&r->a, db_col_text(&c, 1)),
		                                   db_col_int(&c, 2)};
	db_done(&c);
	struct stats_charts sc;
	if (charts_read(r, now, &sc) != 0) {
		req_error(r, 500);
		return;
	}

	size_t n = 0, cap = 256;
	int64_t *durations = xmalloc(cap * sizeof(*durations));
	if (db_query(r->db, &c, &Q_HANDLING, DB_ARGS(DB_INT(dept))) == DB_OK) {
		while (db_next(&c) > 0) {
			if (n == cap)
				durations = xrealloc(durations, (cap *= 2) * sizeof(*durations));
			durations[n++] = db_col_int(&c, 0);
		}
	}
	db_done(&c);
	qsort(durations, n, sizeof(*durations), by_value);
	int64_t median =
	        n ? (n % 2 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2) : -1;
	free(durations);
	int64_t old_open =
	        db_int(r->db, &Q_OLD_OPEN, DB_ARGS(DB_INT(dept), DB_INT(now - 30 * 86400)), 0);

	r->p.title = r->p.english ? "Statistics" : "Statistik";
	layout_head(r);
	tpl_cases_stats(&r->out, &r->p, rows, nrows, median, (int64_t)n, old_open, &sc.received,
	                &sc.decisions, &sc.handling);
	layout_foot(r);
}

/* The charts' tables as a workbook, for the officer who works on the
 * figures further. */
void
cases_stats_xlsx(struct req *r)
{
	struct stats_charts sc;
	if (charts_read(r, time(NULL), &sc) != 0) {
		req_error(r, 500);
		return;
	}
	const struct chart *charts[] = {&sc.received, &sc.decisions, &sc.handling};
	xlsx_send(r, chart_xlsx(charts, 3, r->p.english), "statistik.xlsx");
}
