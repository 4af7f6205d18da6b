/* Bookings (migration 023): one time of one venue for one association,
 * pending an officer's decision or confirmed, and the time each holds so
 * that no leaf of a venue is ever booked twice. */
#ifndef VENUES_BOOKING_H
#define VENUES_BOOKING_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

/* The longest one booking lasts (the table's CHECK). */
#define BOOKING_MAX_SECONDS 86400

enum booking_status { BOOKING_PENDING, BOOKING_CONFIRMED, BOOKING_DECLINED, BOOKING_CANCELLED };

struct booking {
	int64_t id, venue_id, association_id, booked_by, series_id, case_id;
	int64_t starts, ends; /* Unix seconds */
	enum booking_status status;
	const char *category;
	int64_t price; /* öre */
	const char *activity;
	int participants, youth, show_name, late;
	const char *association;           /* its name */
	const char *venue, *venue_address; /* filled by the lists that join them */
};

/* A new booking as the booking form gives it. */
struct booking_new {
	int64_t venue_id, association_id, booked_by, series_id, case_id;
	int64_t starts, ends;
	enum booking_status status; /* BOOKING_PENDING or BOOKING_CONFIRMED */
	const char *category;
	int64_t price;
	const char *activity;
	int participants, youth, show_name;
	int64_t at; /* when it was made */
};

const char *booking_status_code(enum booking_status s);
enum booking_status booking_status_of(const char *code);

/* Whether [starts, ends) of the venue is free of every hold of its
 * leaves: 1 free, 0 taken (*by: the holding booking's id), -1 on error. */
int booking_free(struct db *db, int64_t venue_id, int64_t starts, int64_t ends, int64_t *by);
/* Writes the booking and its holds, inside the caller's transaction:
 * DB_OK with *id, DB_CONSTRAINT when the time is taken (on SQLite the
 * check under the writer's lock, on PostgreSQL the exclusion
 * constraint), else DB_ERROR. */
int booking_insert(struct db *db, const struct booking_new *b, int64_t *id);
/* The rule a weekly series was made from (weekday 1–7, minutes of the
 * day, its first and last day), in the caller's transaction. */
int booking_series_insert(struct db *db, int64_t venue_id, int64_t association_id, int weekday,
                          int from, int to, const char *first, const char *last, int64_t at,
                          int64_t *id);
/* Sets a booking's status; leaving pending or confirmed drops its holds.
 * late marks a cancellation that is still charged. */
int booking_set_status(struct db *db, int64_t id, enum booking_status to, int late, int64_t at);

/* The bookings that hold any of the venues in [from, to), by start,
 * pending and confirmed only, with the association's name. */
int booking_range(struct db *db, struct arena *a, const int64_t *venues, size_t nvenues,
                  int64_t from, int64_t to, struct booking **out, size_t *n);
/* The bookings a request's case made, by start. */
int booking_of_case(struct db *db, struct arena *a, int64_t case_id, struct booking **out,
                    size_t *n);
/* Decides the case's pending bookings: confirmed, or declined with their
 * times let go. */
int booking_settle_case(struct db *db, int64_t case_id, enum booking_status to);
/* The bookings of the associations a person represents that end after
 * since, by start (at most 300). */
int booking_represented(struct db *db, struct arena *a, int64_t user_id, int64_t since,
                        struct booking **out, size_t *n);
/* One booking, with its venue's and association's names: 1, 0 none, -1. */
int booking_get(struct db *db, struct arena *a, int64_t id, struct booking *out);
#endif
