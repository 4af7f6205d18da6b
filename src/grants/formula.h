/* A programme that computes its amount (migration 020): the formula and
 * its constants, and what one association's computation came to, step by
 * step, as the applicant sees it before sending and the officer on the
 * case page. */
#ifndef GRANTS_FORMULA_H
#define GRANTS_FORMULA_H
#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/choice.h"
#include "db/db.h"

/* The formulas grant_formulas holds; NONE: the applicant writes the
 * amount. */
enum grant_formula_kind { FORMULA_NONE, FORMULA_MEMBERS, FORMULA_OCCASIONS };

struct grant_formula {
	enum grant_formula_kind kind;
	int64_t per_member, per_activity; /* öre; FORMULA_MEMBERS */
	int64_t per_occasion;             /* öre; FORMULA_OCCASIONS, with: */
	int age_min, age_max, min_participants;
	const char *occasions_from, *occasions_to; /* YYYY-MM-DD, both included */
};

/* One computation: the figures it was made of and the sum, in öre. */
struct attendance;

struct grant_computation {
	enum grant_formula_kind kind;
	int64_t members;         /* FORMULA_MEMBERS: from the register */
	const char *members_day; /* the yearly update they are from, or NULL */
	int64_t activities;      /* approved activities of the last year */
	int64_t per_member, per_activity;
	int64_t occasions, rows; /* FORMULA_OCCASIONS: occasions that count, of rows */
	int64_t per_occasion;
	int age_min, age_max, min_participants;
	int64_t in_kind; /* support in kind, see grant_support_in_kind */
	int64_t total;
};

const char *grant_formula_code(enum grant_formula_kind k);
enum grant_formula_kind grant_formula_of(const char *code);
int grant_formula_get(struct db *db, struct arena *a, int64_t programme_id,
                      struct grant_formula *out);
int grant_formula_save(struct db *db, int64_t programme_id, const struct grant_formula *f);
int grant_compute_members(struct db *db, struct arena *a, const struct grant_formula *f,
                          int64_t association_id, const char *today, struct grant_computation *out);
void grant_compute_occasions(const struct grant_formula *f, int64_t occasions, int64_t rows,
                             struct grant_computation *out);
int grant_support_in_kind(struct db *db, int64_t association_id, const char *from, const char *to,
                          int64_t *ore);
int grant_occasions_store(struct db *db, int64_t case_id, const struct attendance *x);
json_t *grant_computation_json(const struct grant_computation *c);
int grant_computation_from_json(json_t *j, struct arena *a, struct grant_computation *out);
#endif
