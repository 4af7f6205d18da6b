/* Venue booking's pages, as src/routes.c lists them. */
#ifndef VENUES_VENUES_H
#define VENUES_VENUES_H
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
/* The venue the address names: 1, or 0 after answering 404 or 500. */
int venue_of(struct req *r, struct venue *v);
#endif
