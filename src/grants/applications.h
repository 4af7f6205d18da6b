/* Grant applications as the database keeps them beside their cases
 * (grant_applications, migration 017): who may apply to a programme, the
 * associations a person applies for, and the one open application per
 * association, programme and period. */
#ifndef GRANTS_APPLICATIONS_H
#define GRANTS_APPLICATIONS_H
#include "base/choice.h"
#include "grants/programme.h"

/* Why an association may not apply to a programme; 0: it may. */
enum grant_refusal {
	GRANT_MAY_APPLY,
	GRANT_INACTIVE,     /* not an active association of the register */
	GRANT_NOT_INFORMAL, /* an informal network, and the programme takes none */
	GRANT_WRONG_FORM,   /* not one of the forms the programme is limited to */
	GRANT_WRONG_GROUPS, /* none of the target groups it is limited to */
	GRANT_WRONG_AREAS,  /* none of the areas it is limited to */
};

struct grant_application {
	int64_t case_id, programme_id, association_id;
	const char *period; /* the window's opening day: the period applied for */
	int64_t amount;     /* asked for, in öre */
	int64_t proposed;   /* what the officer proposes granting, öre; -1: nothing yet */
};

/* A criterion of the programme with what the officer scored an
 * application on it (score -1: not yet). */
struct grant_scored {
	struct grant_criterion criterion;
	int score;
	const char *note;
};

/* An application as a programme's list shows it to its officers. */
struct grant_listed {
	int64_t case_id;
	const char *dnr, *status, *association;
	int64_t asked, proposed, score, granted; /* -1: none yet */
	int ready;                               /* in handling, so that it may be decided */
};

int grant_may_apply(struct db *db, const struct grant_programme *g, int64_t association_id);
int grant_application_store(struct db *db, const struct grant_application *x);
int grant_application_of(struct db *db, struct arena *a, int64_t case_id,
                         struct grant_application *out);
int grant_proposal_set(struct db *db, int64_t case_id, int64_t proposed);
#endif
