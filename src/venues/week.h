/* A venue's days as its calendar draws them: each day's bookable hours
 * cut into free and booked stretches, from the venue's hours, closed days
 * and the bookings of the venue, its whole and its parts. */
#ifndef VENUES_WEEK_H
#define VENUES_WEEK_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "venues/booking.h"
#include "venues/catalog.h"

/* One stretch of a day, minutes from local midnight; b NULL: free. */
struct stretch {
	int from, to;
	const struct booking *b;
};

struct day_plan {
	char day[11];
	int weekday;        /* 1 Monday … 7 Sunday */
	int closed;         /* a closed day, or a weekday without hours */
	const char *reason; /* a closed day's, may be "" */
	int opens, closes;  /* the bookable hours, when open */
	int past;           /* the day is over */
	struct stretch *s;
	size_t n;
};

/* The days from first (YYYY-MM-DD), ndays of them, of the venue with the
 * hours the directory gives it (venues/directory.h): 0, or -1 on a
 * database error. */
int venue_days(struct db *db, struct arena *a, const struct venue_entry *e, const char *first,
               int ndays, struct day_plan *out);
/* Whether a stretch of the day overlaps [from, to) minutes, and if so the
 * first booked one that does, for the calendar's hour cells. */
const struct stretch *day_booked_in(const struct day_plan *d, int from, int to);
#endif
