/* What deciding an application makes: for each allocated wish, a weekly
 * time on every week of the season, less the venue's closed days and the
 * times someone else holds already, at the price its category gives. The
 * decision page reads the plan for the reasoning; the case type's granted
 * hook reads it again in the decision's transaction and writes it. A
 * season decided after it began books only the weeks still to come. */
#ifndef VENUES_SEASON_PLAN_H
#define VENUES_SEASON_PLAN_H
#include <stddef.h>
#include <stdint.h>

#include "venues/season.h"

struct season_occurrence {
	char day[11];
	int64_t starts, ends;
	int closed, taken;
	int past;           /* decided after it began: not booked */
	const char *reason; /* a closed day's */
};

struct season_wish_plan {
	const struct season_wish *w;
	struct season_occurrence *o;
	size_t n, nfree;
	const char *category;
	int priced;   /* 0: the venue is not let at the category */
	int64_t each; /* öre a time */
};

struct season_case_plan {
	struct season s;
	struct season_app app;
	struct season_wish *w;
	size_t nw;
	struct season_wish_plan *p; /* the allocated wishes */
	size_t np;
};

/* The application of a case with its season and wishes, no plan (np 0):
 * 1, 0 when the case is no season application, -1 on a database error. */
int season_case_load(struct db *db, struct arena *a, int64_t case_id, struct season_case_plan *x);
/* The plan of one application's case: 1, 0 when the case is no season
 * application, -1 on a database error. */
int season_case_plan(struct db *db, struct arena *a, int64_t case_id, struct season_case_plan *x);
/* bifall when every wish is allocated, avslag when none, else delvis. */
const char *season_case_outcome(const struct season_case_plan *x);
/* The times given, those not, and the weeks skipped, as the decision's
 * reasoning says them (Swedish, as decisions are written). */
const char *season_case_reasoning(struct arena *a, const struct season_case_plan *x);
/* Writes the plan in the caller's transaction: a series per allocated
 * wish and a confirmed booking per free week: DB_OK, DB_CONSTRAINT when a
 * time was taken meanwhile, else DB_ERROR. */
int season_case_book(struct db *db, const struct season_case_plan *x, int64_t booked_by);
#endif
