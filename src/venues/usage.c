/* /handlaggning/lokaler/nyttjande: where the venues stand unused (issue
 * 11, point 9). For a period and the filters (department for
 * administrators, area, type): the booked share of the bookable time per
 * department per ISO week and month, per area per month, per venue over
 * the period (the least used first), per weekday and hour (and the hours
 * that stand empty most often), and the bookings made but not used, as
 * charts with their tables (ui/chart.h) and the same tables as a
 * workbook. The figures are usage_read.c's. */
#include "venues/usage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/days.h"
#include "base/valid.h"
#include "layout/layout.h"
#include "ui/chart.h"
#include "venues/filter.h"
#include "venues/usage.tpl.h"
#include "venues/usage_read.h"
#include "venues/usage_view.h"

enum { UF_FROM, UF_TO, UF_DEPT, UF_AREA, UF_TYPE, UF_COUNT };

static const struct field_def usage_fields[UF_COUNT] = {
        [UF_FROM] = {.name = "fran",
                     .label_sv = "Från och med",
                     .label_en = "From",
                     .type = FIELD_DATE,
                     .hint_sv = "ÅÅÅÅ-MM-DD.",
                     .hint_en = "YYYY-MM-DD."},
        [UF_TO] = {.name = "till",
                   .label_sv = "Till och med",
                   .label_en = "To and including",
                   .type = FIELD_DATE,
                   .hint_sv = "ÅÅÅÅ-MM-DD, högst ett år efter.",
                   .hint_en = "YYYY-MM-DD, at most a year later."},
        [UF_DEPT] = {.name = "forvaltning",
                     .label_sv = "Förvaltning",
                     .label_en = "Department",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla förvaltningar",
                     .any_en = "Every department"},
        [UF_AREA] = {.name = "omrade",
                     .label_sv = "Område",
                     .label_en = "Area",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla områden",
                     .any_en = "All areas"},
        [UF_TYPE] = {.name = "typ",
                     .label_sv = "Typ av lokal",
                     .label_en = "Type of venue",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla typer",
                     .any_en = "All types"},
};
static const struct form_def usage_form = {"nyttjande", usage_fields, UF_COUNT};

static const struct chart_text weekdays[8] = {{"", NULL},
                                              {"måndag", "Monday"},
                                              {"tisdag", "Tuesday"},
                                              {"onsdag", "Wednesday"},
                                              {"torsdag", "Thursday"},
                                              {"fredag", "Friday"},
                                              {"lördag", "Saturday"},
                                              {"söndag", "Sunday"}};

/* The booked share of bookable time in hundredths of a per cent, rounded;
 * CHART_NONE where nothing was bookable. */
static int64_t
share(int64_t booked, int64_t bookable)
{
	return bookable > 0 ? (booked * 10000 + bookable / 2) / bookable : CHART_NONE;
}

/* The first day of the month n months before day's, into out. */
static void
month_start(const char *day, int n, char out[11])
{
	int y = atoi(day), m = atoi(day + 5) - n;
	while (m < 1)
		y--, m += 12;
	snprintf(out, 11, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* The choice of code among choices (ended by a NULL code): its id, 0
 * when code is empty, -1 when it is none of them. */
static int64_t
choice_id(const struct choice *c, const char *code)
{
	if (!code)
		return 0;
	for (; c && c->code; c++)
		if (strcmp(c->code, code) == 0)
			return c->id ? c->id : 1;
	return -1;
}

/* Reads the period and filters of the address into v->q, with an error
 * beside each field that holds none of its values: 1 when they are
 * right, 0 when not, -1 on a database error, -2 after answering 404. */
static int
query_read(struct req *r, struct usage_view *v)
{
	int64_t dept;
	if (!usage_scope(r, &dept, &v->admin))
		return -2;
	struct venue_choices ch;
	struct choice *depts = NULL;
	if (venue_choices_get(r, &ch) != 0 || (v->admin && usage_departments(r, &depts) != 0))
		return -1;
	struct form *f = &v->f;
	form_init(f, r, &usage_form);
	form_read_query(f, r);
	form_set_choices(f, "forvaltning", depts);
	form_set_choices(f, "omrade", ch.areas);
	form_set_choices(f, "typ", ch.types);
	char today[11], from[11], to[11];
	day_today(today);
	month_start(today, 3, from);
	month_start(today, 0, to);
	day_add(to, -1, to);
	if (!form_value(f, "fran"))
		form_set(f, "fran", arena_strdup(&r->a, from));
	if (!form_value(f, "till"))
		form_set(f, "till", arena_strdup(&r->a, to));
	const char *a = form_value(f, "fran"), *b = form_value(f, "till");
	int ok_a = date_valid(a), ok_b = date_valid(b);
	if (!ok_a)
		form_error(f, "fran", "Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.",
		           "Write a date that exists, as YYYY-MM-DD.");
	if (!ok_b)
		form_error(f, "till", "Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.",
		           "Write a date that exists, as YYYY-MM-DD.");
	if (ok_a && ok_b) {
		char limit[11];
		day_add(a, USAGE_MAX_DAYS - 1, limit);
		if (strcmp(b, a) < 0)
			form_error(f, "till", "Slutdagen kan inte vara före startdagen.",
			           "The last day cannot be before the first.");
		else if (strcmp(b, limit) > 0)
			form_error(f, "till", "Välj högst ett år (366 dagar).",
			           "Choose at most a year (366 days).");
	}
	const char *dc = v->admin ? form_value(f, "forvaltning") : NULL;
	if (v->admin && !usage_department(dc, depts, &dept))
		form_error(f, "forvaltning", "Välj en förvaltning i listan.",
		           "Choose a department from the list.");
	int64_t area = choice_id(ch.areas, form_value(f, "omrade"));
	if (area < 0)
		form_error(f, "omrade", "Välj ett område i listan.",
		           "Choose an area from the list.");
	const char *type = form_value(f, "typ");
	if (type && choice_id(ch.types, type) < 0)
		form_error(f, "typ", "Välj en typ i listan.", "Choose a type from the list.");
	v->q = (struct usage_query){a, b, dept, area > 0 ? area : 0, type};
	return f->nerrors ? 0 : 1;
}

/* The label of a venue: a part is named with its whole. */
static struct chart_text
venue_label(struct req *r, const char *name, const char *whole)
{
	return (struct chart_text){*whole ? arena_printf(&r->a, "%s – %s", whole, name) : name,
	                           NULL};
}

/* The least booked venue first; those with nothing bookable last. */
static int
venue_cmp(const void *a, const void *b)
{
	const struct usage_venue *x = a, *y = b;
	int64_t s = share(x->booked, x->bookable), t = share(y->booked, y->bookable);
	if ((s == CHART_NONE) != (t == CHART_NONE)) /* nothing bookable: last */
		return s == CHART_NONE ? 1 : -1;
	return s != t ? (s > t) - (s < t) : strcmp(x->name, y->name);
}

/* The emptiest weekday hour first. */
static int
cell_cmp(const void *a, const void *b)
{
	const struct usage_cell *x = a, *y = b;
	if (x->share != y->share)
		return (x->share > y->share) - (x->share < y->share);
	if (x->bookable != y->bookable) /* the hour bookable most often first */
		return (x->bookable < y->bookable) - (x->bookable > y->bookable);
	return x->wd != y->wd ? x->wd - y->wd : x->hour - y->hour;
}

/* Series of shares, one per group, over labels n (per week or month). */
static struct chart_series *
group_series(struct req *r, const struct usage_group *g, size_t ng, size_t n, int weeks)
{
	struct chart_series *s = arena_alloc(&r->a, (ng + 1) * sizeof(*s));
	for (size_t i = 0; i < ng; i++) {
		int64_t *v = arena_alloc(&r->a, (n + 1) * sizeof(*v));
		for (size_t k = 0; k < n; k++)
			v[k] = weeks ? share(g[i].booked_w[k], g[i].bookable_w[k])
			             : share(g[i].booked_m[k], g[i].bookable_m[k]);
		s[i] = (struct chart_series){{g[i].name_sv, g[i].name_en}, v};
	}
	return s;
}

/* Labels of names that read alike in both languages (weeks, months). */
static struct chart_text *
labels_of(struct req *r, const char **names, size_t n)
{
	struct chart_text *l = arena_alloc(&r->a, (n + 1) * sizeof(*l));
	for (size_t i = 0; i < n; i++)
		l[i] = (struct chart_text){names[i], NULL};
	return l;
}

/* The charts of the figures read. */
static void
charts_make(struct req *r, struct usage_view *v)
{
	struct usage *u = &v->u;
	static const struct chart_text share_x = {"Andel bokad", "Share booked"};
	static const struct chart_text percent = {"procent", "per cent"};
	static const struct chart_text none = {"Inga bokningsbara tider under perioden.",
	                                       "No bookable times in the period."};
	struct chart_text *weeks = labels_of(r, u->weeks, u->nweeks);
	struct chart_text *months = labels_of(r, u->months, u->nmonths);
	v->by_week = (struct chart){
	        .id = "vecka",
	        .kind = CHART_LINES,
	        .title = {"Andel bokad tid per vecka och förvaltning",
	                  "Share of time booked per week and department"},
	        .heading = 2,
	        .x_label = {"Vecka", "Week"},
	        .unit = percent,
	        .labels = weeks,
	        .nlabels = u->nweeks,
	        .series = group_series(r, u->depts, u->ndepts, u->nweeks, 1),
	        .nseries = u->ndepts,
	        .empty = none,
	        .hundredths = 1,
	};
	v->by_month = v->by_week;
	v->by_month.id = "manad";
	v->by_month.kind = CHART_BARS;
	v->by_month.title = (struct chart_text){"Andel bokad tid per månad och förvaltning",
	                                        "Share of time booked per month and department"};
	v->by_month.x_label = (struct chart_text){"Månad", "Month"};
	v->by_month.labels = months;
	v->by_month.nlabels = u->nmonths;
	v->by_month.series = group_series(r, u->depts, u->ndepts, u->nmonths, 0);
	v->by_area = v->by_month;
	v->by_area.id = "omraden";
	v->by_area.title = (struct chart_text){"Andel bokad tid per månad och område",
	                                       "Share of time booked per month and area"};
	v->by_area.series = group_series(r, u->areas, u->nareas, u->nmonths, 0);
	v->by_area.nseries = u->nareas;

	if (u->nvenues) /* qsort takes no NULL, even for none */
		qsort(u->venues, u->nvenues, sizeof(*u->venues), venue_cmp);
	struct chart_text *vl = arena_alloc(&r->a, (u->nvenues + 1) * sizeof(*vl));
	int64_t *vs = arena_alloc(&r->a, (u->nvenues + 1) * sizeof(*vs));
	for (size_t i = 0; i < u->nvenues; i++) {
		vl[i] = venue_label(r, u->venues[i].name, u->venues[i].whole);
		vs[i] = share(u->venues[i].booked, u->venues[i].bookable);
	}
	struct chart_series *one = arena_alloc(&r->a, 2 * sizeof(*one));
	one[0] = (struct chart_series){share_x, vs};
	v->by_venue = (struct chart){
	        .id = "lokaler",
	        .kind = CHART_BARS,
	        .title = {"Andel bokad tid per lokal, minst bokad först",
	                  "Share of time booked per venue, least booked first"},
	        .heading = 2,
	        .x_label = {"Lokal", "Venue"},
	        .unit = percent,
	        .labels = vl,
	        .nlabels = u->nvenues,
	        .series = &one[0],
	        .nseries = 1,
	        .empty = none,
	        .hundredths = 1,
	};

	/* the hours any weekday may be booked, a series per weekday */
	struct chart_text *hl = arena_alloc(&r->a, 25 * sizeof(*hl));
	int hours[24];
	size_t nh = 0;
	v->ncells = 0;
	v->cells = arena_alloc(&r->a, 7 * 24 * sizeof(*v->cells));
	for (int h = 0; h < 24; h++) {
		int any = 0;
		for (int d = 1; d <= 7; d++)
			if (u->cell_bookable[d][h] > 0) {
				any = 1;
				v->cells[v->ncells++] = (struct usage_cell){
				        d, h, share(u->cell_booked[d][h], u->cell_bookable[d][h]),
				        u->cell_bookable[d][h], u->cell_booked[d][h]};
			}
		if (any) {
			hours[nh] = h;
			hl[nh++] = (struct chart_text){arena_printf(&r->a, "%02d–%02d", h, h + 1),
			                               NULL};
		}
	}
	if (v->ncells)
		qsort(v->cells, v->ncells, sizeof(*v->cells), cell_cmp);
	struct chart_series *days = arena_alloc(&r->a, 7 * sizeof(*days));
	for (int d = 1; d <= 7; d++) {
		int64_t *val = arena_alloc(&r->a, (nh + 1) * sizeof(*val));
		for (size_t k = 0; k < nh; k++)
			val[k] = share(u->cell_booked[d][hours[k]], u->cell_bookable[d][hours[k]]);
		days[d - 1] = (struct chart_series){weekdays[d], val};
	}
	v->by_hour = (struct chart){
	        .id = "timmar",
	        .kind = CHART_LINES,
	        .title = {"Andel bokad tid per veckodag och timme",
	                  "Share of time booked per weekday and hour"},
	        .heading = 2,
	        .x_label = {"Timme", "Hour"},
	        .unit = percent,
	        .labels = hl,
	        .nlabels = nh,
	        .series = days,
	        .nseries = 7,
	        .empty = none,
	        .hundredths = 1,
	};

	struct chart_text *ul = arena_alloc(&r->a, (u->nunused + 1) * sizeof(*ul));
	int64_t *uc = arena_alloc(&r->a, (u->nunused + 1) * sizeof(*uc));
	for (size_t i = 0; i < u->nunused; i++) {
		ul[i] = venue_label(r, u->unused[i].name, u->unused[i].whole);
		uc[i] = u->unused[i].count;
	}
	struct chart_series *us = arena_alloc(&r->a, sizeof(*us));
	us[0] = (struct chart_series){{"Bokningar", "Bookings"}, uc};
	v->unused = (struct chart){
	        .id = "ej-nyttjade",
	        .kind = CHART_BARS,
	        .title = {"Bokningar som inte nyttjades, per lokal",
	                  "Bookings not used, per venue"},
	        .heading = 2,
	        .x_label = {"Lokal", "Venue"},
	        .unit = {"bokningar", "bookings"},
	        .labels = ul,
	        .nlabels = u->nunused,
	        .series = us,
	        .nseries = 1,
	        .empty = {"Ingen bokning under perioden har rapporterats som inte nyttjad.",
	                  "No booking in the period was reported not used."},
	};
}

/* The period's figures and charts: 1, or 0 with the form's errors, or
 * after answering (-1: 500 answered, -2: 404 answered). */
static int
usage_view_read(struct req *r, struct usage_view *v)
{
	memset(v, 0, sizeof(*v));
	int rc = query_read(r, v);
	if (rc == 1 && usage_read(r->db, &r->a, &v->q, &v->u) != 0)
		rc = -1;
	if (rc == -1)
		req_fail(r, "the utilisation could not be read");
	if (rc == 1)
		charts_make(r, v);
	return rc;
}

/* GET /handlaggning/lokaler/nyttjande: the filters (the department's
 * only for an administrator) and the figures, or the errors (422). */
void
venues_usage_page(struct req *r)
{
	struct usage_view v;
	int rc = usage_view_read(r, &v);
	if (rc < 0)
		return;
	if (rc == 0)
		r->status = 422;
	struct field *all = form_fields(&v.f, &r->a),
	             *shown = arena_alloc(&r->a, sizeof(*shown) * UF_COUNT);
	int n = 0;
	for (int i = 0; i < UF_COUNT; i++)
		if (i != UF_DEPT || v.admin)
			shown[n++] = all[i];
	r->p.title = r->p.english ? "Utilisation of venues" : "Lokalernas nyttjande";
	layout_head(r);
	tpl_venues_usage(&r->out, &r->p, &v, shown, n, rc == 1);
	layout_foot(r);
}

/* The charts' tables as a workbook: a sheet per chart, the shares in per
 * cent with two decimals, as on the page. */
void
venues_usage_xlsx(struct req *r)
{
	struct usage_view v;
	int rc = usage_view_read(r, &v);
	if (rc == 0)
		req_error(r, 404);
	if (rc != 1)
		return;
	const struct chart *charts[] = {&v.by_week,  &v.by_month, &v.by_area,
	                                &v.by_venue, &v.by_hour,  &v.unused};
	int fd = chart_xlsx(charts, sizeof(charts) / sizeof(*charts), r->p.english);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		req_fail(r, "the workbook could not be written");
		return;
	}
	req_send_file(r, fd, (uint64_t)st.st_size);
	r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_header(r, "Content-Disposition",
	           arena_printf(&r->a, "attachment; filename=\"nyttjande-%s-%s.xlsx\"", v.q.from,
	                        v.q.to));
}
