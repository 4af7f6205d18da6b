/* The venues' filters: declared once as the search form above /lokaler,
 * read from a query string by that page, the free-time search and the
 * JSON API alike. */
#ifndef VENUES_FILTER_H
#define VENUES_FILTER_H
#include "http/request.h"
#include "ui/form.h"
#include "venues/venue.h"

/* The venue types and areas to choose among, each ended by a choice
 * whose code is NULL. */
struct venue_choices {
	struct choice *types, *areas;
};

int venue_choices_get(struct req *r, struct venue_choices *out);
/* Reads the filters of the address: 0, or -1 with *bad the parameter
 * whose value is none the filter takes (an unknown type or area, a
 * capacity that is no whole number, a box that is not 1). */
int venue_filter_read(struct req *r, const struct venue_choices *c, struct venue_filter *f,
                      const char **bad);
/* The search form as a page draws it (*n fields). */
struct field *venue_filter_fields(struct req *r, const struct venue_choices *c,
                                  const struct venue_filter *f, int *n);
#endif
