/* What those who manage venues write (issue 11, point 1): a venue and its
 * parts, its bookable hours, closed days and prices, and a department's
 * nolltaxa threshold. Each call runs inside the caller's transaction. */
#ifndef VENUES_MANAGE_H
#define VENUES_MANAGE_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/choice.h"
#include "db/db.h"
#include "venues/venue.h"

/* Stores v (its department, type, name, address, area, capacity,
 * accessibility, equipment, description, approval, cancellation hours and
 * whether it is active) as venue id, or as a new venue when id is 0;
 * *saved its id. Changing a whole carries its department, type, address
 * and area to its parts. DB_NOROW when id is no venue. */
int venue_save(struct db *db, int64_t id, const struct venue *v, int64_t *saved);
/* A new part of the whole, with the whole's department, type, address and
 * area; *id its id. */
int venue_part_add(struct db *db, int64_t whole, const char *name, int capacity, int64_t *id);
/* The venue's parts, inactive too, by name. */
int venue_parts(struct db *db, struct arena *a, int64_t id, struct venue **out, size_t *n);
/* How many pending or confirmed bookings of the venue or its parts end
 * after t, -1 on error: a venue split while it has them would let a part
 * be booked over a booking of the whole. On PostgreSQL it first locks the
 * venue's row until the transaction ends, so that no booking of it reads
 * its leaves before the new part is there. */
int64_t venue_bookings_after(struct db *db, int64_t id, int64_t t);
/* The venue's own hours and prices, per_hour[i] in öre for categories[i]
 * (-1: none): a part without any has its whole's (venue_hours_get,
 * venue_price), which its page must not show as its own. */
int venue_own_hours(struct db *db, int64_t id, struct venue_hours *h);
int venue_own_prices(struct db *db, int64_t id, const struct choice *categories, int64_t *per_hour);
/* Replaces the venue's bookable hours (closes[d] 0: closed on weekday d). */
int venue_hours_set(struct db *db, int64_t id, const struct venue_hours *h);
/* The venue's own closed days from day on, in order (a part's page lists
 * its own, which it can remove; its whole's close it too). */
int venue_closed_list(struct db *db, struct arena *a, int64_t id, const char *day,
                      struct venue_closed_day **out, size_t *n);
/* Adds a closed day; DB_CONSTRAINT when the day is closed already. */
int venue_closed_add(struct db *db, int64_t id, const char *day, const char *reason);
/* Removes a closed day; DB_NOROW when it was not closed. */
int venue_closed_remove(struct db *db, int64_t id, const char *day);
/* The price categories and the venue types, in their order, as choices
 * (code, Swedish and English names). */
int venue_price_categories(struct db *db, struct arena *a, struct choice **out, size_t *n);
int venue_type_choices(struct db *db, struct arena *a, struct choice **out);
/* Sets the price of an hour of the venue in a category, in öre; a price
 * below 0 removes it, so the venue is not let at that category. */
int venue_price_set(struct db *db, int64_t id, const char *category, int64_t per_hour);
/* A department's nolltaxa threshold, the share in per cent of members aged
 * 7–25: 1–100, 0 when it has none, -1 on error. */
int venue_youth_share(struct db *db, int64_t department_id);
/* Sets it (0: removes it). */
int venue_youth_share_set(struct db *db, int64_t department_id, int share_pct);
#endif
