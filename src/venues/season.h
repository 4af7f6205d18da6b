/* Seasonal allocation (issue 11, point 4; migration 029): a department's
 * season, the applications for recurring times in it (each a case of the
 * type sasongsansokan) with up to five wished times, and what the officer
 * allocates of them. */
#ifndef VENUES_SEASON_H
#define VENUES_SEASON_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "http/request.h"
#include "venues/price.h"
#include "venues/venue.h"

/* A season lasts at most a year (season_admin.c): 53 weeks at most. */
#define SEASON_WEEKS 53
/* The most wished times one application holds. */
#define SEASON_WISHES 5

struct season {
	int64_t id, department_id;
	const char *dept_code, *dept_sv, *dept_en;
	const char *name;
	char first_day[11], last_day[11], deadline[11];
	const char *status; /* open, allocating, decided */
};

/* One application with what the priority rule reads from the register,
 * and its place under that rule (rank 1 first). */
struct season_app {
	int64_t case_id, association_id;
	const char *dnr, *case_status, *association, *activity;
	int participants, youth;
	int64_t created;
	struct youth_basis basis;
	int youth_first; /* youth activity the register confirms */
	int rank;
};

/* One wished time, with the venue's leaves for the conflict test. */
struct season_wish {
	int64_t id, case_id, venue_id, whole_id, series_id;
	int pos, weekday, from, to, allocated;
	const char *venue;
	int64_t leaves[VENUE_MAX_PARTS];
	size_t nleaves;
};

/* A weekday (1 Monday … 7 Sunday) as a weekly time says it: "tisdagar",
 * "Tuesdays". */
extern const char *const season_weekdays_sv[8], *const season_weekdays_en[8];

/* Whether two wishes would hold one leaf at one time. */
int season_wishes_conflict(const struct season_wish *a, const struct season_wish *b);

/* 1 with *out, 0 none, -1 on a database error. */
int season_get(struct db *db, struct arena *a, int64_t id, struct season *out);
/* A department's seasons (0: every department's), newest first; open_only
 * keeps those still taking applications today. */
int season_list(struct db *db, struct arena *a, int64_t department_id, int open_only,
                struct season **out, size_t *n);
/* The writes, each in the caller's transaction or alone: DB_OK, or the
 * database's error (DB_CONSTRAINT for a second application of one
 * association, by season_applications' UNIQUE). */
int season_insert(struct db *db, const struct season *s, int64_t *id);
int season_update(struct db *db, const struct season *s);
int season_set_status(struct db *db, int64_t id, const char *status);
/* Whether a season takes applications on day: open and not past its
 * deadline. */
int season_open_on(const struct season *s, const char *day);

/* The season's applications whose cases are not withdrawn or closed
 * unanswered, ranked by the rule: youth activity the register confirms
 * first, then more members, then the earlier application. */
int season_apps(struct db *db, struct arena *a, const struct season *s, struct season_app **out,
                size_t *n);
/* The wishes of the season's applications (case_id 0), or of one case. */
int season_wishes(struct db *db, struct arena *a, int64_t season_id, int64_t case_id,
                  struct season_wish **out, size_t *n);
/* The application of a case: 1, 0 none, -1. */
int season_app_of_case(struct db *db, struct arena *a, int64_t case_id, int64_t *season_id,
                       struct season_app *out);
/* Whether the association has applied for the season: 1, 0, -1. */
int season_applied(struct db *db, int64_t season_id, int64_t association_id);
int season_app_insert(struct db *db, int64_t case_id, int64_t season_id,
                      const struct season_app *x);
int season_wish_insert(struct db *db, const struct season_wish *w);
int season_wish_mark(struct db *db, int64_t wish_id, int allocated);
int season_wish_series(struct db *db, int64_t wish_id, int64_t series_id);

/* The season of the address's first number, of the officer's own
 * department: 1, or 0 after answering 404 or 500. */
int season_managed(struct req *r, struct season *s);
#endif
