/* The utilisation page as usage.c makes it and usage.html draws it. */
#ifndef VENUES_USAGE_VIEW_H
#define VENUES_USAGE_VIEW_H
#include "ui/chart.h"
#include "ui/form.h"
#include "venues/usage_read.h"

/* One weekday's hour over the period: its booked share (hundredths of a
 * per cent) of the time bookable then. */
struct usage_cell {
	int wd, hour;
	int64_t share, bookable, booked;
};

/* The emptiest hours the page names. */
enum { USAGE_EMPTIEST = 5 };

struct usage_view {
	struct form f;
	int admin;
	struct usage_query q;
	struct usage u;
	struct chart by_week, by_month, by_area, by_venue, by_hour, unused;
	struct usage_cell *cells; /* the emptiest first */
	size_t ncells;
};
#endif
