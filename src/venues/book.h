/* A booking as the form asks for it, once checked: the venue, the
 * association, the times it makes (one, or a series' occurrences), those
 * it cannot make and why, and the price. */
#ifndef VENUES_BOOK_H
#define VENUES_BOOK_H
#include <stddef.h>
#include <stdint.h>

#include "ui/form.h"
#include "venues/booking.h"
#include "venues/price.h"
#include "venues/venue.h"

/* Weekly occurrences go at most this far ahead of the first. */
#define SERIES_DAYS 366

struct occurrence {
	char day[11];
	int64_t starts, ends;
	int taken;  /* another booking holds the time */
	int closed; /* a closed day, skipped */
	const char *reason;
};

struct book_plan {
	struct venue v;
	struct form f;
	int64_t association_id;
	const char *association;
	int from, to; /* minutes of the day */
	struct occurrence *o;
	size_t n, nfree;
	int series;
	struct youth_basis youth;
	const char *category;
	int64_t per_hour, each, total; /* öre */
};

extern const struct form_def book_form;
/* The pages behind /lokaler/{id}/boka. */
void venue_book_form(struct req *r);
void venue_book_submit(struct req *r);
/* Writes the plan's free occurrences, in the caller's transaction, as
 * bookings of status (with case_id, 0 for none): DB_OK, DB_CONSTRAINT
 * when one was taken meanwhile, else DB_ERROR. */
int book_plan_write(struct req *r, const struct book_plan *x, enum booking_status status,
                    int64_t case_id);
#endif
