/* The venues as the JSON API, the open data and venues/directory.c take
 * them: each with its prices, bookable hours and parts, read in four
 * statements whatever their number. */
#ifndef VENUES_CATALOG_H
#define VENUES_CATALOG_H
#include <stddef.h>
#include <stdint.h>

#include "venues/venue.h"

struct venue_entry {
	struct venue v;
	/* öre an hour per category of venue_categories; priced[i] 0: the
	 * venue is not let at that category */
	int64_t price[VENUE_CATEGORIES];
	int priced[VENUE_CATEGORIES];
	struct venue_hours hours;
	const int64_t *parts; /* the active parts' ids, in order */
	size_t nparts;
};

/* Every active venue from the database, in venue_list's order; a part
 * without prices or hours of its own has the whole's, as venue_price and
 * venue_hours_get give them: what venues/directory.c keeps. */
int venue_catalog_load(struct db *db, struct arena *a, struct venue_entry **out, size_t *n);
/* The active venues the filter matches, as venue_catalog_load gives them
 * (from venues/directory.c's copy). */
int venue_catalog(struct db *db, struct arena *a, const struct venue_filter *f,
                  struct venue_entry **out, size_t *n);
#endif
