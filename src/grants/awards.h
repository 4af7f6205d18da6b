/* Decided grants (grant_awards, migration 018): one row per grant the
 * city gives an association for a year, whether from an application's
 * decision, an IOP agreement or imported history. Payouts, follow-up
 * reports and the public figures read these rows, never the cases'
 * payloads. */
#ifndef GRANTS_AWARDS_H
#define GRANTS_AWARDS_H
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

struct grant_award {
	int64_t id;
	int64_t case_id;      /* 0: history imported without a case */
	int64_t programme_id; /* 0: none (an IOP agreement) */
	int64_t department_id, association_id;
	const char *kind; /* grant_kinds.code */
	int year;
	int64_t amount;              /* öre */
	const char *decided_on;      /* YYYY-MM-DD */
	const char *reference;       /* delegation decision or minutes */
	const char *override_reason; /* NULL unless it took the budget past its end */
	int64_t at;                  /* when it was written (0: now) */
};

/* What a programme's year stands at, in öre: its budget, what is granted,
 * and what open applications ask for. */
struct grant_budget {
	int64_t budget, granted, asked_open;
};

int grant_award_store(struct db *db, struct grant_award *x);
int grant_award_of_case(struct db *db, struct arena *a, int64_t case_id, struct grant_award *out);
int grant_budget_of(struct db *db, int64_t programme_id, int year, struct grant_budget *out);
int grant_programme_lock(struct db *db, int64_t programme_id);
#endif
