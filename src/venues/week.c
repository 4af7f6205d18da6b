/* A venue's days cut into free and booked stretches: one query for the
 * hours, one for the closed days and one for the bookings of the whole
 * range, then the cutting in memory, so that a week costs three
 * statements whatever it holds. */
#include "venues/week.h"

#include <string.h>

#include "base/days.h"
#include "venues/directory.h"

/* A day's local midnights in seconds, read once per day rather than per
 * booking (mktime takes the zone's lock). */
struct bounds {
	int64_t m0, m1;
};

/* The part of booking b that lies on the day of bounds d, as local
 * minutes clipped to [0, 1440]; 0 when none. */
static int
minutes_on(const struct booking *b, const struct bounds *d, int *from, int *to)
{
	if (b->ends <= d->m0 || b->starts >= d->m1)
		return 0;
	*from = day_minute(d->m0, d->m1, b->starts);
	*to = day_minute(d->m0, d->m1, b->ends);
	return *to > *from;
}

/* Cuts one day: the bookable hours (or, on a closed day, nothing) with
 * the bookings that lie on it, which may also lie outside the hours (an
 * officer's booking). bookings are in order of start. */
static void
cut_day(struct arena *a, struct day_plan *d, const struct bounds *in,
        const struct booking *bookings, size_t nb)
{
	size_t cap = 0;
	int at = d->opens, end = d->closes;
	d->s = NULL;
	d->n = 0;
	for (size_t i = 0; i < nb; i++) {
		int from, to;
		if (!minutes_on(&bookings[i], in, &from, &to))
			continue;
		if (!d->closed && from > at && at < end) {
			d->s = arena_grow(a, d->s, d->n, &cap, sizeof *d->s);
			d->s[d->n++] = (struct stretch){at, from < end ? from : end, NULL};
		}
		d->s = arena_grow(a, d->s, d->n, &cap, sizeof *d->s);
		d->s[d->n++] = (struct stretch){from, to, &bookings[i]};
		if (to > at)
			at = to;
	}
	if (!d->closed && at < end) {
		d->s = arena_grow(a, d->s, d->n, &cap, sizeof *d->s);
		d->s[d->n++] = (struct stretch){at, end, NULL};
	}
}

int
venue_days(struct db *db, struct arena *a, const struct venue_entry *e, const char *first,
           int ndays, struct day_plan *out)
{
	const struct venue *v = &e->v;
	const struct venue_hours h = e->hours;
	struct venue_closed_day *closed;
	size_t nclosed;
	char last[11], today[11];
	day_add(first, ndays, last);
	day_today(today);
	if (venue_closed_between(db, a, v->id, first, last, &closed, &nclosed) != 0)
		return -1;
	int64_t ids[VENUE_MAX_PARTS + 2];
	size_t nids;
	struct booking *b;
	size_t nb;
	if (venue_entry_related(db, e, ids, &nids) != 0 ||
	    booking_range(db, a, ids, nids, local_time(first, 0), local_time(last, 0), &b, &nb) !=
	            0)
		return -1;
	size_t c = 0;
	for (int i = 0; i < ndays; i++) {
		struct day_plan *d = &out[i];
		memset(d, 0, sizeof *d);
		day_add(first, i, d->day);
		d->weekday = day_weekday(d->day);
		d->opens = h.opens[d->weekday];
		d->closes = h.closes[d->weekday];
		d->closed = d->closes == 0;
		d->past = strcmp(d->day, today) < 0;
		while (c < nclosed && strcmp(closed[c].day, d->day) < 0)
			c++;
		if (c < nclosed && strcmp(closed[c].day, d->day) == 0) {
			d->closed = 1;
			d->reason = closed[c].reason;
		}
		struct bounds in = {local_time(d->day, 0), local_time(d->day, 1440)};
		cut_day(a, d, &in, b, nb);
	}
	return 0;
}

const struct stretch *
day_booked_in(const struct day_plan *d, int from, int to)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->s[i].b && d->s[i].from < to && d->s[i].to > from)
			return &d->s[i];
	return NULL;
}
