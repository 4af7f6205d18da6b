/* /bidrag/statistik: what the city grants, per department, kind and
 * year; how many organisations it reaches; how many applications are
 * granted and how long they take to decide, as charts with their tables
 * (ui/chart.h) and the same tables as a workbook. The amounts come from
 * the ledger (one walk over it, kept per generation), the applications
 * from their cases and decisions. */
#include "grants/granted.h"
#include "grants/transparency.h"
#include "grants/statistics.tpl.h"
#include "layout/layout.h"
#include "ui/chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every decided application: the year it was decided, how long it took
 * from its arrival, and whether it was granted (in whole or in part). */
static struct dbq Q_DECIDED = {
        "SELECT substr(d.decided_on, 1, 4), d.at - c.created, d.outcome <> 'avslag' "
        "FROM cases c JOIN case_decisions d ON d.case_id = c.id WHERE c.type = 'bidragsansokan'",
        NULL, 0};

/* The charts cover at most the last ten years. */
enum { YEARS = 10 };

/* The page's figures, in the request's arena. */
struct grant_stats {
	struct chart by_department, by_kind, organisations, share, handling;
	int64_t total, organisations_all;
};

/* A decided application. */
struct decided {
	int year;
	int64_t secs;
	int granted;
};

static int
by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Reads the decided applications into the arena. */
static int
decided_read(struct req *r, struct decided **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 64;
	*out = arena_alloc(&r->a, cap * sizeof(**out));
	*n = 0;
	if (db_query(r->db, &c, &Q_DECIDED, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(&r->a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct decided){(int)strtol(db_col_text(&c, 0), NULL, 10),
		                                  db_col_int(&c, 1), db_col_int(&c, 2) == 1};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* A series per department or kind of grant (the ledger's), the values
 * per year zero; the names as the ledger has them, the id or code kept. */
struct rows {
	struct chart_series *series;
	int64_t **values; /* each series' values, to add to */
	int64_t *ids;
	const char **codes;
	size_t n;
};

static void
rows_of(struct req *r, const struct choice *c, int by_id, size_t years, struct rows *out)
{
	size_t n = 0;
	while (c[n].code)
		n++;
	*out = (struct rows){arena_alloc(&r->a, (n + 1) * sizeof(*out->series)),
	                     arena_alloc(&r->a, (n + 1) * sizeof(*out->values)),
	                     arena_alloc(&r->a, (n + 1) * sizeof(*out->ids)),
	                     arena_alloc(&r->a, (n + 1) * sizeof(*out->codes)), n};
	for (size_t i = 0; i < n; i++) {
		out->ids[i] = by_id ? c[i].id : 0;
		out->codes[i] = by_id ? "" : c[i].code;
		out->values[i] = arena_zalloc(&r->a, years * sizeof(int64_t));
		out->series[i] =
		        (struct chart_series){{c[i].name_sv, c[i].name_en}, out->values[i]};
	}
}

/* Drops the rows that are zero every year: a department that grants
 * nothing has no place in the chart. */
static size_t
rows_used(struct rows *t, size_t years)
{
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++) {
		int64_t any = 0;
		for (size_t y = 0; y < years; y++)
			any |= t->series[i].values[y];
		if (any)
			t->series[k++] = t->series[i];
	}
	return k;
}

/* The median of n handling times in whole days, CHART_NONE for none. */
static int64_t
median_days(int64_t *v, size_t n)
{
	if (!n)
		return CHART_NONE;
	qsort(v, n, sizeof(*v), by_value);
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) / 86400;
}

/* Everything the page shows, from the ledger and the decided
 * applications. 0, or -1 on a database error. */
static int
stats_read(struct req *r, struct grant_stats *s)
{
	const struct ledger *l = granted_ledger(r);
	struct decided *d;
	size_t nd;
	if (!l || decided_read(r, &d, &nd) != 0)
		return -1;
	int last = l->last_year;
	for (size_t i = 0; i < nd; i++)
		last = d[i].year > last ? d[i].year : last;
	int first = last - YEARS + 1, lo = l->first_year;
	for (size_t i = 0; i < nd; i++)
		lo = !lo || d[i].year < lo ? d[i].year : lo;
	first = lo > first ? lo : first;
	size_t years = last ? (size_t)(last - first + 1) : 0;
	struct chart_text *labels = arena_alloc(&r->a, (years + 1) * sizeof(*labels));
	for (size_t y = 0; y < years; y++) {
		char t[8];
		snprintf(t, sizeof(t), "%d", first + (int)y);
		labels[y] = (struct chart_text){arena_strdup(&r->a, t), NULL};
	}
	struct rows depts, kinds;
	rows_of(r, l->departments, 1, years ? years : 1, &depts);
	rows_of(r, l->kind_names, 0, years ? years : 1, &kinds);
	/* the ledger's sums per year, kinds and departments, put in the
	 * charts' years and rows */
	const struct ledger_yearly *ly = ledger_yearly(l);
	int64_t *orgs = arena_zalloc(&r->a, (years + 1) * sizeof(*orgs));
	for (size_t y = 0; y < years; y++) {
		int at = first + (int)y - l->first_year;
		if (!l->first_year || at < 0 || (size_t)at >= ly->years)
			continue;
		orgs[y] = ly->organisations[at];
		for (size_t d = 0; d < ly->ndepartments; d++)
			for (size_t k = 0; k < depts.n; k++)
				if (depts.ids[k] == ly->departments[d])
					depts.values[k][y] =
					        ly->by_department[d * ly->years + (size_t)at];
		for (size_t kind = 0; kind < l->nkinds; kind++)
			for (size_t k = 0; k < kinds.n; k++)
				if (strcmp(kinds.codes[k], l->kinds[kind]) == 0)
					kinds.values[k][y] =
					        ly->by_kind[kind * ly->years + (size_t)at];
	}
	s->total = ly->total;
	s->organisations_all = ly->organisations_all;
	int64_t *share = arena_alloc(&r->a, (years + 1) * sizeof(*share));
	int64_t *median = arena_alloc(&r->a, (years + 1) * sizeof(*median));
	int64_t *secs = arena_alloc(&r->a, (nd + 1) * sizeof(*secs));
	for (size_t y = 0; y < years; y++) {
		size_t n = 0, granted = 0;
		for (size_t i = 0; i < nd; i++)
			if (d[i].year == first + (int)y) {
				secs[n++] = d[i].secs;
				granted += (size_t)d[i].granted;
			}
		share[y] = n ? (int64_t)((granted * 100 + n / 2) / n) : CHART_NONE;
		median[y] = median_days(secs, n);
	}
	static const struct chart_series orgs_series = {{"Organisationer", "Organisations"}, NULL};
	struct chart_series *one = arena_alloc(&r->a, 3 * sizeof(*one));
	one[0] = orgs_series, one[0].values = orgs;
	one[1] = (struct chart_series){{"Beviljade ansökningar", "Applications granted"}, share};
	one[2] = (struct chart_series){{"Alla ansökningar", "All applications"}, median};
	s->by_department = (struct chart){
	        .id = "forvaltningar",
	        .kind = CHART_STACKED,
	        .title = {"Beviljat per förvaltning och år", "Granted per department and year"},
	        .heading = 2,
	        .x_label = {"År", "Year"},
	        .unit = {"kr", "SEK"},
	        .labels = labels,
	        .nlabels = years,
	        .series = depts.series,
	        .nseries = rows_used(&depts, years),
	        .empty = {"Inga bidrag har beviljats ännu.", "No grants have been decided yet."},
	        .hundredths = 1,
	};
	s->by_kind = s->by_department;
	s->by_kind.id = "typer";
	s->by_kind.title = (struct chart_text){"Beviljat per typ av bidrag och år",
	                                       "Granted per kind of grant and year"};
	s->by_kind.series = kinds.series;
	s->by_kind.nseries = rows_used(&kinds, years);
	s->organisations = (struct chart){
	        .id = "organisationer",
	        .kind = CHART_BARS,
	        .title = {"Organisationer som fått bidrag per år",
	                  "Organisations granted per year"},
	        .heading = 2,
	        .x_label = {"År", "Year"},
	        .unit = {"organisationer", "organisations"},
	        .labels = labels,
	        .nlabels = years,
	        .series = &one[0],
	        .nseries = 1,
	        .empty = {"Inga bidrag har beviljats ännu.", "No grants have been decided yet."},
	};
	s->share = (struct chart){
	        .id = "andel-beviljade",
	        .kind = CHART_BARS,
	        .title = {"Andel beviljade ansökningar per år",
	                  "Share of applications granted per year"},
	        .heading = 2,
	        .x_label = {"År", "Year"},
	        .unit = {"procent", "per cent"},
	        .labels = labels,
	        .nlabels = years,
	        .series = &one[1],
	        .nseries = 1,
	        .empty = {"Inga ansökningar har beslutats ännu.",
	                  "No applications have been decided yet."},
	};
	s->handling = (struct chart){
	        .id = "handlaggningstid",
	        .kind = CHART_LINES,
	        .title = {"Handläggningstid per år, median", "Handling time per year, median"},
	        .heading = 2,
	        .x_label = {"År", "Year"},
	        .unit = {"dagar", "days"},
	        .labels = labels,
	        .nlabels = years,
	        .series = &one[2],
	        .nseries = 1,
	        .empty = {"Inga ansökningar har beslutats ännu.",
	                  "No applications have been decided yet."},
	};
	return 0;
}

void
grants_stats_page(struct req *r)
{
	struct grant_stats s;
	if (stats_read(r, &s) != 0) {
		req_fail(r, "the grant statistics could not be read");
		return;
	}
	r->p.title = r->p.english ? "Grant statistics" : "Bidragsstatistik";
	layout_head(r);
	tpl_grants_statistics(&r->out, &r->p, s.total, s.organisations_all, &s.by_department,
	                      &s.by_kind, &s.organisations, &s.share, &s.handling);
	layout_foot(r);
}

/* The charts' tables as a workbook, for whoever works on the figures
 * further: amounts as kronor with two decimals, equal to the öre to the
 * page's. */
void
grants_stats_xlsx(struct req *r)
{
	struct grant_stats s;
	if (stats_read(r, &s) != 0) {
		req_fail(r, "the grant statistics could not be read");
		return;
	}
	const struct chart *charts[] = {&s.by_department, &s.by_kind, &s.organisations, &s.share,
	                                &s.handling};
	int fd = chart_xlsx(charts, 5, r->p.english);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		req_fail(r, "the workbook could not be written");
		return;
	}
	req_send_file(r, fd, (uint64_t)st.st_size);
	r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_header(r, "Content-Disposition", "attachment; filename=\"bidragsstatistik.xlsx\"");
}
