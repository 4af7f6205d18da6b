/* What the page to create or change a venue shows: the venue's form and,
 * once it exists, its parts, bookable hours, closed days, prices and its
 * department's nolltaxa threshold, each with its own form; the form that
 * was sent comes back with what was typed and its errors. Shared by
 * admin.c (the venue) and admin_details.c (the forms below it). */
#ifndef VENUES_ADMIN_PAGE_H
#define VENUES_ADMIN_PAGE_H
#include "http/request.h"
#include "ui/form.h"
#include "venues/manage.h"
#include "venues/venue.h"

struct venue_page {
	int64_t id;       /* 0: a new venue */
	const char *base; /* where the road's pages start: /admin/lokaler, /handlaggning/lokaler */
	const char *heading, *action, *notice;
	const struct venue *v; /* the stored venue, NULL for a new one */
	struct form venue, part, hours, closed, prices, youth;
	struct field *venue_fields, *part_fields, *hours_fields, *closed_fields, *prices_fields,
	        *youth_fields;
	struct choice *categories;
	size_t ncategories;
	struct venue *parts;
	size_t nparts;
	struct venue_closed_day *closed_days;
	size_t nclosed;
};

const char *venue_admin_base(const struct req *r);
int venue_managed(struct req *r, struct venue *v);
int venue_page_start(struct req *r, struct venue_page *e);
int venue_page_stored(struct req *r, struct venue_page *e, const struct venue *v);
void venue_page_render(struct req *r, struct venue_page *e);
void venue_page_back(struct req *r, int64_t id, const char *anchor);
#endif
