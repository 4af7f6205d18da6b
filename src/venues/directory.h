/* The active venues kept in memory for the process per
 * 'generation:venues' (migration 031), each with what it is let at
 * (venues/catalog.c reads them), so that the list, the week calendar and
 * the free-time search read only bookings and closed days from the
 * database: a thousand venues filtered in memory cost less than planning
 * the filtered statement once on PostgreSQL (docs/decisions.md, "The
 * venues in memory"). */
#ifndef VENUES_DIRECTORY_H
#define VENUES_DIRECTORY_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "venues/catalog.h"

struct venue_directory;

/* The directory as of the newest generation, held until the arena is
 * reset (the request's end); NULL on a database error. Inside a
 * transaction it is read for that transaction alone, since what it sees
 * may yet be rolled back. */
const struct venue_directory *venue_directory(struct db *db, struct arena *a);
/* The active venue of id, NULL when there is none. */
const struct venue_entry *venue_directory_find(const struct venue_directory *d, int64_t id);
/* The venues whose bookings the calendar of e shows (venue_related): itself
 * and its whole from the directory, and for a whole its parts, inactive
 * ones too, from the database (a part is not split further), so a part
 * costs no statement and a whole one; ids[VENUE_MAX_PARTS + 2]. */
int venue_entry_related(struct db *db, const struct venue_entry *e, int64_t *ids, size_t *n);
#endif
