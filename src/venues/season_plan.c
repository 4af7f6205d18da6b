/* The plan of an application's decision and its writing (season_plan.h). */
#include "venues/season_plan.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/days.h"
#include "venues/booking.h"

/* The weeks of the season on the wish's weekday, each marked closed or
 * taken: 0, or -1 on a database error. */
static int
weeks_of(struct db *db, struct arena *a, const struct season *s, struct season_wish_plan *p)
{
	const struct season_wish *w = p->w;
	int64_t now = (int64_t)time(NULL);
	char day[11];
	size_t cap = 0;
	snprintf(day, sizeof day, "%s", s->first_day);
	while (day[0] && day_weekday(day) != w->weekday)
		day_add(day, 1, day);
	for (; day[0] && strcmp(day, s->last_day) <= 0 && p->n < SEASON_WEEKS;
	     day_add(day, 7, day)) {
		p->o = arena_grow(a, p->o, p->n, &cap, sizeof *p->o);
		struct season_occurrence *o = &p->o[p->n++];
		memset(o, 0, sizeof *o);
		snprintf(o->day, sizeof o->day, "%s", day);
		o->starts = local_time(day, w->from);
		o->ends = local_time(day, w->to);
		o->past = o->starts < now;
		o->closed = o->past ? 0 : venue_closed_on(db, a, w->venue_id, day, &o->reason);
		int free = o->closed || o->past
		                   ? 1
		                   : booking_free(db, w->venue_id, o->starts, o->ends, NULL);
		if (o->closed < 0 || free < 0)
			return -1;
		o->taken = !free;
		p->nfree += !o->closed && !o->past && free;
	}
	return 0;
}

int
season_case_load(struct db *db, struct arena *a, int64_t case_id, struct season_case_plan *x)
{
	memset(x, 0, sizeof *x);
	int64_t season_id;
	int rc = season_app_of_case(db, a, case_id, &season_id, &x->app);
	if (rc <= 0)
		return rc;
	return season_get(db, a, season_id, &x->s) <= 0 ||
	                       season_wishes(db, a, 0, case_id, &x->w, &x->nw) != 0
	               ? -1
	               : 1;
}

int
season_case_plan(struct db *db, struct arena *a, int64_t case_id, struct season_case_plan *x)
{
	int rc = season_case_load(db, a, case_id, x);
	if (rc <= 0)
		return rc;
	struct youth_basis y;
	if (youth_basis_of(db, x->s.department_id, x->app.association_id, &y) != 0)
		return -1;
	x->p = arena_zalloc(a, (x->nw + 1) * sizeof *x->p);
	for (size_t i = 0; i < x->nw; i++) {
		if (!x->w[i].allocated)
			continue;
		struct season_wish_plan *p = &x->p[x->np++];
		p->w = &x->w[i];
		p->category = booking_category(x->app.youth, &y);
		int64_t per_hour;
		p->priced = venue_price(db, p->w->venue_id, p->category, &per_hour);
		if (p->priced < 0 || weeks_of(db, a, &x->s, p) != 0)
			return -1;
		p->each = p->priced ? booking_price(per_hour, p->w->to - p->w->from) : 0;
	}
	return 1;
}

const char *
season_case_outcome(const struct season_case_plan *x)
{
	return x->np == 0 ? "avslag" : x->np == x->nw ? "bifall" : "delvis";
}

/* "Testhallen A, tisdagar 18:00–20:00" */
static void
wish_words(struct buf *b, const struct season_wish *w)
{
	char f[6], t[6];
	hhmm(w->from, f);
	hhmm(w->to, t);
	buf_printf(b, "%s, %s %s–%s", w->venue, season_weekdays_sv[w->weekday], f, t);
}

const char *
season_case_reasoning(struct arena *a, const struct season_case_plan *x)
{
	struct buf b = {0};
	buf_printf(&b, "Säsongsfördelning %s (%s – %s).\n", x->s.name, x->s.first_day,
	           x->s.last_day);
	if (x->np) {
		buf_puts(&b, "\nTilldelade tider:\n");
		for (size_t i = 0; i < x->np; i++) {
			const struct season_wish_plan *p = &x->p[i];
			buf_puts(&b, "- ");
			wish_words(&b, p->w);
			buf_printf(&b, ": %zu tillfällen", p->nfree);
			const char *sep = ". Ingen tid dessa dagar: ";
			for (size_t k = 0; k < p->n; k++) {
				const struct season_occurrence *o = &p->o[k];
				if (!o->closed && !o->taken && !o->past)
					continue;
				buf_printf(&b, "%s%s (%s%s%s)", sep, o->day,
				           o->past     ? "har redan varit"
				           : o->closed ? "stängt"
				                       : "redan bokad av någon annan",
				           o->closed && *o->reason ? ": " : "",
				           o->closed ? o->reason : "");
				sep = ", ";
			}
			buf_puts(&b, ".\n");
		}
	}
	const char *head = "\nTider som inte tilldelades:\n";
	for (size_t i = 0; i < x->nw; i++) {
		if (x->w[i].allocated)
			continue;
		buf_puts(&b, head);
		head = "";
		buf_puts(&b, "- ");
		wish_words(&b, &x->w[i]);
		buf_puts(&b, ".\n");
	}
	const char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

int
season_case_book(struct db *db, const struct season_case_plan *x, int64_t booked_by)
{
	int64_t at = (int64_t)time(NULL);
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < x->np; i++) {
		const struct season_wish_plan *p = &x->p[i];
		struct booking_new b = {.venue_id = p->w->venue_id,
		                        .association_id = x->app.association_id,
		                        .booked_by = booked_by,
		                        .case_id = x->app.case_id,
		                        .status = BOOKING_CONFIRMED,
		                        .category = p->category,
		                        .price = p->each,
		                        .activity = x->app.activity,
		                        .participants = x->app.participants,
		                        .youth = x->app.youth,
		                        .at = at};
		rc = booking_series_insert(db, p->w->venue_id, x->app.association_id, p->w->weekday,
		                           p->w->from, p->w->to, x->s.first_day, x->s.last_day, at,
		                           &b.series_id);
		if (rc == DB_OK)
			rc = season_wish_series(db, p->w->id, b.series_id);
		for (size_t k = 0; rc == DB_OK && k < p->n; k++) {
			if (p->o[k].closed || p->o[k].taken || p->o[k].past)
				continue;
			b.starts = p->o[k].starts;
			b.ends = p->o[k].ends;
			int64_t id;
			rc = booking_insert(db, &b, &id);
		}
	}
	return rc;
}
