/* Venue booking's pages, as src/routes.c lists them. */
#ifndef VENUES_VENUES_H
#define VENUES_VENUES_H
#include "base/buf.h"
#include "http/request.h"
#include "venues/venue.h"

void venues_list_page(struct req *r);
void venue_page(struct req *r);
void venues_free_page(struct req *r);
void venue_book_form(struct req *r);
void venue_book_submit(struct req *r);
void booking_page(struct req *r);
void booking_cancel(struct req *r);
void booking_decline(struct req *r);
void bookings_mine_page(struct req *r);
/* A weekly series an association shows on its public page. */
struct regular_time {
	int weekday, from, to;
	const char *first_day, *last_day;
	int64_t venue_id;
	const char *venue, *address;
};
/* The association's regular times, for its page in the register: 0, or
 * -1 on a database error. */
int venues_association_section(struct req *r, int64_t association_id, struct buf *out);
/* The venue the address names: 1, or 0 after answering 404 or 500. */
int venue_of(struct req *r, struct venue *v);
#endif
