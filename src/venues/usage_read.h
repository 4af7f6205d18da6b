/* The utilisation of venues over a period, as usage_read.c reckons it
 * and usage.c draws it: bookable and booked time per venue (a leaf: a
 * venue without parts, or a part of a split one, since booking a whole
 * holds each of its parts), summed per department and area per ISO week
 * and month, per weekday and hour, and the bookings reported not used.
 * Times are seconds. */
#ifndef VENUES_USAGE_READ_H
#define VENUES_USAGE_READ_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

/* What the page asks: days from and to (YYYY-MM-DD, both included, at
 * most USAGE_MAX_DAYS), and filters (0 or NULL: any). */
struct usage_query {
	const char *from, *to;
	int64_t department_id, area_id;
	const char *type;
};

#define USAGE_MAX_DAYS 366

struct usage_venue {
	int64_t id, parent_id, department_id, area_id;
	const char *name, *whole; /* whole: a part's whole's name, else "" */
	int opens[8], closes[8];  /* minutes, per weekday 1…7; closes 0: closed */
	unsigned char *closed;    /* per day of the period, 1: a closed day */
	size_t dept, area;        /* its group in depts and areas */
	int64_t bookable, booked; /* over the period */
	/* bookings and seconds reported not used, of it booked itself and of
	 * its whole (kept on the whole's first part) */
	int64_t unused[2], whole_unused[2];
};

/* A department or an area: its time per week and per month. */
struct usage_group {
	int64_t id;
	const char *name_sv, *name_en;
	int64_t *bookable_w, *booked_w, *bookable_m, *booked_m;
};

/* A venue with bookings made but not used (the venue booked, a whole or
 * a part). */
struct usage_unused {
	int64_t id, count, secs;
	const char *name, *whole;
};

struct usage {
	size_t ndays, nweeks, nmonths;
	const char **weeks, **months; /* the labels: "2026-W10", "2026-03" */
	struct usage_venue *venues;
	size_t nvenues;
	struct usage_group *depts, *areas;
	size_t ndepts, nareas;
	int64_t cell_bookable[8][24], cell_booked[8][24]; /* weekday 1…7 × hour */
	struct usage_unused *unused;
	size_t nunused;
	int64_t bookable, booked, unused_count, unused_secs;
};

/* Reads and sums the period's figures: 0, or -1 on a database error. */
int usage_read(struct db *db, struct arena *a, const struct usage_query *q, struct usage *u);
#endif
