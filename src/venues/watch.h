/* Watches: a representative asks to be told by mail when a taken time of
 * a venue becomes free (migration 024). */
#ifndef VENUES_WATCH_H
#define VENUES_WATCH_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "http/request.h"

struct venue_watch {
	int64_t id, venue_id, starts, ends;
	const char *venue;
};

/* After a booking of venue_id let [starts, ends) go, in its transaction:
 * every watch of that venue, its whole or its parts overlapping it whose
 * time is now wholly free is told by mail, once. 0, or -1. */
int watches_released(struct db *db, int64_t venue_id, int64_t starts, int64_t ends);
/* A person's watches not yet told, by start. */
int watches_of_user(struct db *db, struct arena *a, int64_t user_id, struct venue_watch **out,
                    size_t *n);
void venue_watch_form(struct req *r);
void venue_watch_submit(struct req *r);
void venue_watch_remove(struct req *r);
#endif
