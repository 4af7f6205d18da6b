/* A venue as the database keeps it (migration 023): who owns it, what it
 * is, where, for how many, its accessibility, its bookable hours, closed
 * days and prices, and, for a split venue, its parts. */
#ifndef VENUES_VENUE_H
#define VENUES_VENUE_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

/* The most parts one venue is split into. */
#define VENUE_MAX_PARTS 8

struct venue {
	int64_t id, parent_id; /* parent_id 0: not a part */
	int64_t department_id, area_id;
	const char *dept_code, *dept_sv, *dept_en;
	const char *type, *type_sv, *type_en;
	const char *name, *address, *area, *area_slug, *equipment, *description;
	int capacity;
	int step_free, accessible_toilet, hearing_loop, lift;
	int approval;     /* 1: a request is a case an officer decides */
	int cancel_hours; /* later than this before the start is late */
	int active;
	const char *parent_name; /* a part's whole, else NULL */
	const char *sort_key;
};

/* When a venue may be booked, minutes from local midnight per weekday
 * (index 1 Monday … 7 Sunday); closes[d] 0: closed that weekday. */
struct venue_hours {
	int opens[8], closes[8];
};

/* What /lokaler and the free-time search filter venues by; 0 or NULL: any. */
struct venue_filter {
	const char *q;    /* words of the name or address */
	const char *type; /* a venue_types code */
	const char *area; /* an area's slug */
	int min_capacity;
	int step_free, accessible_toilet, hearing_loop, lift;
	int64_t department_id;
	int wholes_only; /* leave out the parts of split venues */
};

/* 1 with *out filled, 0 when there is no such active venue, -1 on a
 * database error. */
int venue_get(struct db *db, struct arena *a, int64_t id, struct venue *out);
/* As venue_get, inactive venues too: for those who manage them. */
int venue_get_any(struct db *db, struct arena *a, int64_t id, struct venue *out);
/* Every venue of a department (0: of all), inactive too, each whole
 * followed by its parts, in Swedish order of the wholes' names. */
int venue_list_managed(struct db *db, struct arena *a, int64_t department_id, struct venue **out,
                       size_t *n);
/* Every active venue, in Swedish order, from the database (what
 * venues/directory.c keeps; the lists below filter that). */
int venue_list_active(struct db *db, struct arena *a, struct venue **out, size_t *n);
/* Which of the venues a filter matches a list takes: those after a venue
 * in the order (after_key, after_id: its sort key and id), skipping
 * offset, at most limit (0: all). */
struct venue_span {
	const char *after_key;
	int64_t after_id;
	int limit, offset;
};
int venue_list_span(struct db *db, struct arena *a, const struct venue_filter *f,
                    const struct venue_span *span, struct venue **out, size_t *n);
/* How many active venues the filter matches; -1 on a database error. The
 * filter's words are matched folded (base/fold.h) in the name or address. */
int64_t venue_count(struct db *db, struct arena *a, const struct venue_filter *f);
/* The active venues the filter matches, in Swedish order of name. */
int venue_list(struct db *db, struct arena *a, const struct venue_filter *f, struct venue **out,
               size_t *n);
/* A part without hours of its own has the whole's. */
int venue_hours_get(struct db *db, int64_t id, struct venue_hours *h);
/* Whether the venue is closed on day (YYYY-MM-DD): 1 closed (*reason, in
 * the arena, may be ""), 0 open, -1 on a database error. */
int venue_closed_on(struct db *db, struct arena *a, int64_t id, const char *day,
                    const char **reason);
struct venue_closed_day {
	char day[11];
	const char *reason;
};
/* The closed days of the venue (and of its whole) from from up to to
 * (YYYY-MM-DD, to excluded), in order. */
int venue_closed_between(struct db *db, struct arena *a, int64_t id, const char *from,
                         const char *to, struct venue_closed_day **out, size_t *n);
/* The öre an hour costs in category ('ordinarie', 'forening', 'ungdom'):
 * 1 with *per_hour, 0 when the venue is not let at that category (a part
 * without prices of its own has the whole's). */
int venue_price(struct db *db, int64_t id, const char *category, int64_t *per_hour);
/* The price categories in the order pages show them (price_categories). */
#define VENUE_CATEGORIES 3
extern const char *const venue_categories[VENUE_CATEGORIES];
/* The leaves a booking of the venue holds: its parts when it is split,
 * else itself (ids[VENUE_MAX_PARTS]). */
int venue_leaves(struct db *db, int64_t id, int64_t *ids, size_t *n);
/* The venues whose bookings a calendar of this one shows: itself, its
 * whole and its parts (ids[VENUE_MAX_PARTS + 2]). */
int venue_related(struct db *db, int64_t id, int64_t *ids, size_t *n);
#endif
