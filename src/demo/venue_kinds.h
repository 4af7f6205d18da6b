/* What the demo's venues of a type have in common — their bookable hours
 * and prices — and the season they are booked for, shared by the named
 * venues (venues.c) and the generated ones a benchmark asks for
 * (venue_scale.c). */
#ifndef DEMO_VENUE_KINDS_H
#define DEMO_VENUE_KINDS_H
#include <stdint.h>

#include "db/db.h"

/* A venue to store: dept a department's code, parent_id 0 for a whole. */
struct venue_seed {
	const char *name, *type, *dept, *address, *equipment, *description;
	int64_t area_id, parent_id;
	int capacity, step_free, accessible_toilet, hearing_loop, lift, approval, cancel_hours;
};

/* A Swedish public holiday (or another closed day) and its name. */
struct closed_day {
	char day[11];
	const char *reason;
};

/* The most closed days holidays_of gives for one school year. */
#define HOLIDAYS_MAX 24

/* The school year the demo's season is in: the year whose August it
 * began, for the day the demo is loaded (December 2026: 2026, the autumn
 * term of 2026 and the spring term of 2027). */
int demo_school_year(void);
/* The first and last day of the autumn (spring 0) or spring (1) term of
 * the school year. */
void demo_term(int year, int spring, char first[11], char last[11]);
/* The public holidays from August of year to July of the next: n of them. */
int holidays_of(int year, struct closed_day *out);
/* Stores a venue with its type's hours and prices (a part's halved):
 * DB_OK with *id. The closed days are the caller's. */
int venue_seed_store(struct db *db, const struct venue_seed *s, int64_t at, int64_t *id);
/* Closes every venue from first_id on for the public holidays of the
 * school years before, of and after year (what a season and a
 * benchmark's two years span). */
int venue_holidays_store(struct db *db, int64_t first_id, int year);
/* The benchmark's venues and bookings: venues (all told) and bookings
 * (all told), generated after the named ones (venue_scale.c). */
int demo_venue_scale(struct db *db, const int64_t *area_ids, long venues, long bookings);
/* The leisure department's next season, after the school year year, open
 * for applications, with undecided applications from demo associations
 * other than rep_assoc (venue_season.c): 0, or -1. */
int demo_venue_season(struct db *db, int year, int64_t rep_assoc);
/* The type's hours on weekday (1 Monday … 7 Sunday), minutes from
 * midnight; closes 0 when it is closed that day. */
void venue_kind_hours(const char *type, int weekday, int *opens, int *closes);
#endif
